# The scaler is fitted once, on the training split, and the fitted model transforms both splits.
from pyspark.ml.classification import LogisticRegression
from pyspark.ml.evaluation import BinaryClassificationEvaluator
from pyspark.ml.feature import StandardScaler, VectorAssembler
from pyspark.sql import SparkSession

spark = SparkSession.builder.appName("intrusion").getOrCreate()
flows = spark.read.parquet("s3://security/flows")
flows = VectorAssembler(inputCols=["sttl", "swin", "dwin", "tcprtt"], outputCol="features").transform(flows)

train, test = flows.randomSplit([0.7, 0.3], seed=25)
scaler_model = StandardScaler(inputCol="features", outputCol="scaledFeatures", withStd=True, withMean=True).fit(train)
scaled_train = scaler_model.transform(train)
scaled_test = scaler_model.transform(test)

model = LogisticRegression(featuresCol="scaledFeatures", maxIter=10).fit(scaled_train)
print("AUC", BinaryClassificationEvaluator().evaluate(model.transform(scaled_test)))
