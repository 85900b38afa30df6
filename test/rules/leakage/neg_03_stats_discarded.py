from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.ml import Pipeline
from pyspark.ml.classification import LogisticRegression, RandomForestClassifier, GBTClassifier
from pyspark.ml.regression import LinearRegression
from pyspark.ml.evaluation import BinaryClassificationEvaluator, RegressionEvaluator, MulticlassClassificationEvaluator
from pyspark.ml.feature import StandardScaler, MinMaxScaler, Imputer, StringIndexer, OneHotEncoder, VectorAssembler, PCA, IDF, HashingTF, Tokenizer, CountVectorizer

spark = SparkSession.builder.appName("job").getOrCreate()

data = spark.table("features.sensors")
assembled = VectorAssembler(inputCols=["t", "p"], outputCol="raw").transform(data)
summary = StandardScaler(inputCol="raw", outputCol="s").fit(assembled)
print("means", summary.mean, "std", summary.std)
train, test = assembled.randomSplit([0.8, 0.2], seed=3)
pipeline = Pipeline(stages=[StandardScaler(inputCol="raw", outputCol="features"), LinearRegression(labelCol="y")])
model = pipeline.fit(train)
rmse = RegressionEvaluator(labelCol="y").evaluate(model.transform(test))
