from pyspark.ml.classification import RandomForestClassifier
from pyspark.ml.evaluation import MulticlassClassificationEvaluator
from pyspark.ml.feature import StringIndexer, VectorAssembler
from pyspark.sql import SparkSession

spark = SparkSession.builder.getOrCreate()
# the indexed column is named once, but the assembler takes every numeric column: it is a feature
flows = spark.read.parquet("s3://bucket/netflows")
flows = StringIndexer(inputCol="Proto", outputCol="ProtoIdx").fit(flows).transform(flows)  # expect: SPK001
numeric = [name for name, kind in flows.dtypes if kind != "string" and name != "label"]
flows = VectorAssembler(inputCols=numeric, outputCol="features").transform(flows)
train, test = flows.randomSplit([0.8, 0.2], seed=5)
model = RandomForestClassifier(labelCol="label").fit(train)
print(MulticlassClassificationEvaluator(labelCol="label").evaluate(model.transform(test)))
