# The bank-marketing tutorial's shape: the Pipeline's stages are built step by step (`+=` in a loop over
# the categorical columns, then `append`), the Pipeline is fitted on all rows, and the transformed rows
# are split afterwards. Spark 1's SQLContext reads the data.
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
    indexer = StringIndexer(inputCol=category, outputCol=category + "_index")
    encoder = OneHotEncoder(inputCols=[indexer.getOutputCol()], outputCols=[category + "_vec"])
    stages += [indexer, encoder]
stages.append(StringIndexer(inputCol="y", outputCol="label"))
stages.append(VectorAssembler(inputCols=[c + "_vec" for c in categories] + ["age", "balance"], outputCol="features"))
prepared = Pipeline(stages=stages).fit(bank).transform(bank)  # expect: SPK001
train, test = prepared.randomSplit([0.7, 0.3], seed=1)
model = RandomForestClassifier(labelCol="label").fit(train)
print(BinaryClassificationEvaluator().evaluate(model.transform(test)))
