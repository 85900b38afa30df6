from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.ml import Pipeline
from pyspark.ml.classification import LogisticRegression, RandomForestClassifier, GBTClassifier
from pyspark.ml.regression import LinearRegression
from pyspark.ml.evaluation import BinaryClassificationEvaluator, RegressionEvaluator, MulticlassClassificationEvaluator
from pyspark.ml.feature import StandardScaler, MinMaxScaler, Imputer, StringIndexer, OneHotEncoder, VectorAssembler, PCA, IDF, HashingTF, Tokenizer, CountVectorizer

spark = SparkSession.builder.appName("job").getOrCreate()

data = spark.table("features.loans")
train, valid, test = data.randomSplit([0.6, 0.2, 0.2], seed=7)
evaluator = BinaryClassificationEvaluator(labelCol="defaulted")
scores = {}
for depth in [2, 4, 6]:
    candidate = GBTClassifier(labelCol="defaulted", maxDepth=depth).fit(train)
    scores[depth] = evaluator.evaluate(candidate.transform(valid))  # expect: SPK103
best_depth = max(scores, key=scores.get)
final = GBTClassifier(labelCol="defaulted", maxDepth=best_depth).fit(train)
print(evaluator.evaluate(final.transform(test)))
