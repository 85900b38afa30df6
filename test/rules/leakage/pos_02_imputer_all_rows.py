from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.ml import Pipeline
from pyspark.ml.classification import LogisticRegression, RandomForestClassifier, GBTClassifier
from pyspark.ml.regression import LinearRegression
from pyspark.ml.evaluation import BinaryClassificationEvaluator, RegressionEvaluator, MulticlassClassificationEvaluator
from pyspark.ml.feature import StandardScaler, MinMaxScaler, Imputer, StringIndexer, OneHotEncoder, VectorAssembler, PCA, IDF, HashingTF, Tokenizer, CountVectorizer

spark = SparkSession.builder.appName("job").getOrCreate()

houses = spark.table("real_estate.listings")
imputer = Imputer(inputCols=["sqft", "rooms"], outputCols=["sqft_i", "rooms_i"], strategy="median")
imputed = imputer.fit(houses).transform(houses)  # expect: SPK001
assembled = VectorAssembler(inputCols=["sqft_i", "rooms_i"], outputCol="features").transform(imputed)
train, test = assembled.randomSplit([0.75, 0.25], seed=3)
lr = LinearRegression(labelCol="price").fit(train)
rmse = RegressionEvaluator(labelCol="price").evaluate(lr.transform(test))
