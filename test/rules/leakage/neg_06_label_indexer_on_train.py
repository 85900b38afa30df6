from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.ml import Pipeline
from pyspark.ml.classification import LogisticRegression, RandomForestClassifier, GBTClassifier
from pyspark.ml.regression import LinearRegression
from pyspark.ml.evaluation import BinaryClassificationEvaluator, RegressionEvaluator, MulticlassClassificationEvaluator
from pyspark.ml.feature import StandardScaler, MinMaxScaler, Imputer, StringIndexer, OneHotEncoder, VectorAssembler, PCA, IDF, HashingTF, Tokenizer, CountVectorizer

spark = SparkSession.builder.appName("job").getOrCreate()

data = spark.table("features.iris")
train, test = data.randomSplit([0.7, 0.3], seed=6)
indexer = StringIndexer(inputCol="species", outputCol="label").fit(train)
assembled = VectorAssembler(inputCols=["sl", "sw"], outputCol="features")
model = LogisticRegression().fit(assembled.transform(indexer.transform(train)))
acc = MulticlassClassificationEvaluator(metricName="accuracy").evaluate(model.transform(assembled.transform(indexer.transform(test))))
