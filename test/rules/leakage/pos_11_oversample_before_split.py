from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.ml import Pipeline
from pyspark.ml.classification import LogisticRegression, RandomForestClassifier, GBTClassifier
from pyspark.ml.regression import LinearRegression
from pyspark.ml.evaluation import BinaryClassificationEvaluator, RegressionEvaluator, MulticlassClassificationEvaluator
from pyspark.ml.feature import StandardScaler, MinMaxScaler, Imputer, StringIndexer, OneHotEncoder, VectorAssembler, PCA, IDF, HashingTF, Tokenizer, CountVectorizer

spark = SparkSession.builder.appName("job").getOrCreate()

tx = spark.table("payments.transactions")
fraud = tx.filter(F.col("is_fraud") == 1)
legit = tx.filter(F.col("is_fraud") == 0)
balanced = legit.union(fraud.sample(withReplacement=True, fraction=30.0, seed=1))
train, test = balanced.randomSplit([0.8, 0.2], seed=1)  # expect: SPK004
