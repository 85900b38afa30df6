# The same stages built step by step, but the Pipeline (with the model as its last stage) is fitted on
# the training split only.
from pyspark import SparkContext
from pyspark.ml import Pipeline
from pyspark.ml.classification import RandomForestClassifier
from pyspark.ml.evaluation import BinaryClassificationEvaluator
from pyspark.ml.feature import OneHotEncoder, StringIndexer, VectorAssembler
from pyspark.sql import SQLContext

sc = SparkContext(appName="bank")
sql_context = SQLContext(sc)
bank = sql_context.read.parquet("s3://ml/bank")
categories = ["job", "marital", "education"]
stages = []
for category in categories:
    indexer = StringIndexer(inputCol=category, outputCol=category + "_index", handleInvalid="keep")
    encoder = OneHotEncoder(inputCols=[indexer.getOutputCol()], outputCols=[category + "_vec"], handleInvalid="keep")
    stages += [indexer, encoder]
stages.extend([
    VectorAssembler(inputCols=[c + "_vec" for c in categories] + ["age", "balance"], outputCol="features"),
    RandomForestClassifier(labelCol="y"),
])
train, test = bank.randomSplit([0.7, 0.3], seed=1)
model = Pipeline(stages=stages).fit(train)
print(BinaryClassificationEvaluator(labelCol="y").evaluate(model.transform(test)))
