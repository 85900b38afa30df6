from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.ml import Pipeline
from pyspark.ml.classification import LogisticRegression, RandomForestClassifier, GBTClassifier
from pyspark.ml.regression import LinearRegression
from pyspark.ml.evaluation import BinaryClassificationEvaluator, RegressionEvaluator, MulticlassClassificationEvaluator
from pyspark.ml.feature import StandardScaler, MinMaxScaler, Imputer, StringIndexer, OneHotEncoder, VectorAssembler, PCA, IDF, HashingTF, Tokenizer, CountVectorizer

spark = SparkSession.builder.appName("job").getOrCreate()

events = spark.table("features.fraud")
train = events.sample(fraction=0.8, seed=1)
test = events.sample(fraction=0.2, seed=2)
model = RandomForestClassifier(labelCol="fraud").fit(train)
auc = BinaryClassificationEvaluator(labelCol="fraud").evaluate(model.transform(test))  # expect: SPK002
