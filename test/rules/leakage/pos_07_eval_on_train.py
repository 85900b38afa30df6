from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.ml import Pipeline
from pyspark.ml.classification import LogisticRegression, RandomForestClassifier, GBTClassifier
from pyspark.ml.regression import LinearRegression
from pyspark.ml.evaluation import BinaryClassificationEvaluator, RegressionEvaluator, MulticlassClassificationEvaluator
from pyspark.ml.feature import StandardScaler, MinMaxScaler, Imputer, StringIndexer, OneHotEncoder, VectorAssembler, PCA, IDF, HashingTF, Tokenizer, CountVectorizer

spark = SparkSession.builder.appName("job").getOrCreate()

df = spark.read.parquet("s3://ml/ads")
df = VectorAssembler(inputCols=["ctr", "bid"], outputCol="features").transform(df)
model = LogisticRegression(labelCol="clicked").fit(df)
auc = BinaryClassificationEvaluator(labelCol="clicked").evaluate(model.transform(df))  # expect: SPK002
print("AUC", auc)
