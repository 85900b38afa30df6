from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.ml import Pipeline
from pyspark.ml.classification import LogisticRegression, RandomForestClassifier, GBTClassifier
from pyspark.ml.regression import LinearRegression
from pyspark.ml.evaluation import BinaryClassificationEvaluator, RegressionEvaluator, MulticlassClassificationEvaluator
from pyspark.ml.feature import StandardScaler, MinMaxScaler, Imputer, StringIndexer, OneHotEncoder, VectorAssembler, PCA, IDF, HashingTF, Tokenizer, CountVectorizer

spark = SparkSession.builder.appName("job").getOrCreate()

df = spark.read.parquet("s3://ml/credit")
df = VectorAssembler(inputCols=["income", "debt", "age"], outputCol="raw").transform(df)
scaler = StandardScaler(inputCol="raw", outputCol="features", withMean=True).fit(df)  # expect: SPK001
df = scaler.transform(df)
train, test = df.randomSplit([0.8, 0.2], seed=11)
model = LogisticRegression(labelCol="default").fit(train)
print(BinaryClassificationEvaluator(labelCol="default").evaluate(model.transform(test)))
