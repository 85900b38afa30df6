from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.ml import Pipeline
from pyspark.ml.classification import LogisticRegression, RandomForestClassifier, GBTClassifier
from pyspark.ml.regression import LinearRegression
from pyspark.ml.evaluation import BinaryClassificationEvaluator, RegressionEvaluator, MulticlassClassificationEvaluator
from pyspark.ml.feature import StandardScaler, MinMaxScaler, Imputer, StringIndexer, OneHotEncoder, VectorAssembler, PCA, IDF, HashingTF, Tokenizer, CountVectorizer

spark = SparkSession.builder.appName("job").getOrCreate()

from pyspark.ml import PipelineModel

model = PipelineModel.load("s3://models/churn")
incoming = spark.table("features.today")
indexer = StringIndexer(inputCol="plan", outputCol="plan_idx", handleInvalid="skip").fit(incoming)
model.transform(indexer.transform(incoming)).write.mode("overwrite").parquet("s3://scores/today")
