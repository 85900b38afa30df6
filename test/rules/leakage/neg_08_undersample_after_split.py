from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.ml import Pipeline
from pyspark.ml.classification import LogisticRegression, RandomForestClassifier, GBTClassifier
from pyspark.ml.regression import LinearRegression
from pyspark.ml.evaluation import BinaryClassificationEvaluator, RegressionEvaluator, MulticlassClassificationEvaluator
from pyspark.ml.feature import StandardScaler, MinMaxScaler, Imputer, StringIndexer, OneHotEncoder, VectorAssembler, PCA, IDF, HashingTF, Tokenizer, CountVectorizer

spark = SparkSession.builder.appName("job").getOrCreate()

tx = spark.table("payments.transactions")
train, test = tx.randomSplit([0.8, 0.2], seed=8)
fraud = train.filter(F.col("is_fraud") == 1)
legit = train.filter(F.col("is_fraud") == 0).sample(fraction=0.05, seed=8)
train = legit.union(fraud)
model = RandomForestClassifier(labelCol="is_fraud").fit(VectorAssembler(inputCols=["amount"], outputCol="features").transform(train))
