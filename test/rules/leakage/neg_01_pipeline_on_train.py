from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.ml import Pipeline
from pyspark.ml.classification import LogisticRegression, RandomForestClassifier, GBTClassifier
from pyspark.ml.regression import LinearRegression
from pyspark.ml.evaluation import BinaryClassificationEvaluator, RegressionEvaluator, MulticlassClassificationEvaluator
from pyspark.ml.feature import StandardScaler, MinMaxScaler, Imputer, StringIndexer, OneHotEncoder, VectorAssembler, PCA, IDF, HashingTF, Tokenizer, CountVectorizer

spark = SparkSession.builder.appName("job").getOrCreate()

data = spark.read.parquet("s3://ml/credit")
train, test = data.randomSplit([0.8, 0.2], seed=11)
pipeline = Pipeline(stages=[
    VectorAssembler(inputCols=["income", "debt"], outputCol="raw"),
    StandardScaler(inputCol="raw", outputCol="features"),
    LogisticRegression(labelCol="default"),
])
model = pipeline.fit(train)
auc = BinaryClassificationEvaluator(labelCol="default").evaluate(model.transform(test))
