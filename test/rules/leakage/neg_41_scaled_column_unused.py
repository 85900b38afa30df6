from pyspark.ml.classification import LogisticRegression
from pyspark.ml.evaluation import BinaryClassificationEvaluator
from pyspark.ml.feature import StandardScaler, VectorAssembler
from pyspark.sql import SparkSession

spark = SparkSession.builder.getOrCreate()
# a scaler fitted on all rows whose output column no model reads: the models are fed the raw "features"
churn = spark.read.parquet("s3://bucket/churn")
churn = VectorAssembler(inputCols=["age", "balance", "tenure"], outputCol="features").transform(churn)
scaler = StandardScaler(inputCol="features", outputCol="scaled_features")
churn = scaler.fit(churn).transform(churn)
train, test = churn.randomSplit([0.7, 0.3], seed=17)
model = LogisticRegression(featuresCol="features", labelCol="label").fit(train)
print(BinaryClassificationEvaluator(labelCol="label").evaluate(model.transform(test)))
