from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.ml import Pipeline
from pyspark.ml.classification import LogisticRegression, RandomForestClassifier, GBTClassifier
from pyspark.ml.regression import LinearRegression
from pyspark.ml.evaluation import BinaryClassificationEvaluator, RegressionEvaluator, MulticlassClassificationEvaluator
from pyspark.ml.feature import StandardScaler, MinMaxScaler, Imputer, StringIndexer, OneHotEncoder, VectorAssembler, PCA, IDF, HashingTF, Tokenizer, CountVectorizer

spark = SparkSession.builder.appName("job").getOrCreate()

data = spark.table("features.ads")
train, test = data.randomSplit([0.8, 0.2], seed=16)
model = LogisticRegression(labelCol="clicked").fit(train)
ev = BinaryClassificationEvaluator(labelCol="clicked")
print("train auc", ev.evaluate(model.transform(train)))
print("test auc", ev.evaluate(model.transform(test)))
