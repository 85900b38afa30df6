from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.ml import Pipeline
from pyspark.ml.classification import LogisticRegression, RandomForestClassifier, GBTClassifier
from pyspark.ml.regression import LinearRegression
from pyspark.ml.evaluation import BinaryClassificationEvaluator, RegressionEvaluator, MulticlassClassificationEvaluator
from pyspark.ml.feature import StandardScaler, MinMaxScaler, Imputer, StringIndexer, OneHotEncoder, VectorAssembler, PCA, IDF, HashingTF, Tokenizer, CountVectorizer

spark = SparkSession.builder.appName("job").getOrCreate()

data = spark.table("features.loans")
train, test = data.randomSplit([0.8, 0.2], seed=4)
evaluator = BinaryClassificationEvaluator(labelCol="defaulted")
best_auc, best_model = 0.0, None
for depth in [2, 4, 6, 8]:
    candidate = GBTClassifier(labelCol="defaulted", maxDepth=depth).fit(train)
    auc = evaluator.evaluate(candidate.transform(test))  # expect: SPK003, SPK103
    if auc > best_auc:
        best_auc, best_model = auc, candidate
