from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.ml import Pipeline
from pyspark.ml.classification import LogisticRegression, RandomForestClassifier, GBTClassifier
from pyspark.ml.regression import LinearRegression
from pyspark.ml.evaluation import BinaryClassificationEvaluator, RegressionEvaluator, MulticlassClassificationEvaluator
from pyspark.ml.feature import StandardScaler, MinMaxScaler, Imputer, StringIndexer, OneHotEncoder, VectorAssembler, PCA, IDF, HashingTF, Tokenizer, CountVectorizer

spark = SparkSession.builder.appName("job").getOrCreate()

data = spark.table("features.insurance")
train, test = data.randomSplit([0.8, 0.2], seed=6)
region = StringIndexer(inputCol="region", outputCol="region_idx", handleInvalid="keep")
pipeline = Pipeline(stages=[region, VectorAssembler(inputCols=["region_idx", "age"], outputCol="features", handleInvalid="keep"), LinearRegression(labelCol="charges")])
model = pipeline.fit(train)
rmse = RegressionEvaluator(labelCol="charges").evaluate(model.transform(test))
