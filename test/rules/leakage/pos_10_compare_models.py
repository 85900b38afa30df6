from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.ml import Pipeline
from pyspark.ml.classification import LogisticRegression, RandomForestClassifier, GBTClassifier
from pyspark.ml.regression import LinearRegression
from pyspark.ml.evaluation import BinaryClassificationEvaluator, RegressionEvaluator, MulticlassClassificationEvaluator
from pyspark.ml.feature import StandardScaler, MinMaxScaler, Imputer, StringIndexer, OneHotEncoder, VectorAssembler, PCA, IDF, HashingTF, Tokenizer, CountVectorizer

spark = SparkSession.builder.appName("job").getOrCreate()

data = spark.table("features.leads")
train, test = data.randomSplit([0.85, 0.15], seed=9)
ev = BinaryClassificationEvaluator(labelCol="converted")
lr_auc = ev.evaluate(LogisticRegression(labelCol="converted").fit(train).transform(test))  # expect: SPK003
rf_auc = ev.evaluate(RandomForestClassifier(labelCol="converted").fit(train).transform(test))  # SPK003: a related place of the finding above
chosen = max([("lr", lr_auc), ("rf", rf_auc)], key=lambda pair: pair[1])
