# A network-intrusion classifier: the test rows are scaled with their own mean and spread (the
# scaler is fitted again on the test split), then scored by the model trained on the scaled
# training rows, directly and through the cross-validated model.
from pyspark.ml.classification import LogisticRegression
from pyspark.ml.evaluation import BinaryClassificationEvaluator
from pyspark.ml.feature import StandardScaler, VectorAssembler
from pyspark.ml.tuning import CrossValidator, ParamGridBuilder
from pyspark.sql import SparkSession

spark = SparkSession.builder.appName("intrusion").getOrCreate()
flows = spark.read.parquet("s3://security/flows")
flows = VectorAssembler(inputCols=["sttl", "swin", "dwin", "tcprtt"], outputCol="features").transform(flows)

train, test = flows.randomSplit([0.7, 0.3], seed=25)
scaler = StandardScaler(inputCol="features", outputCol="scaledFeatures", withStd=True, withMean=True)
scaled_train = scaler.fit(train).transform(train)
scaled_test = scaler.fit(test).transform(test)  # expect: SPK011

lr = LogisticRegression(featuresCol="scaledFeatures", maxIter=10)
model = lr.fit(scaled_train)
evaluator = BinaryClassificationEvaluator()
print("AUC", evaluator.evaluate(model.transform(scaled_test)))

grid = ParamGridBuilder().addGrid(lr.regParam, [0.1, 0.01]).build()
cv_model = CrossValidator(estimator=lr, estimatorParamMaps=grid, evaluator=evaluator, numFolds=3, parallelism=2).fit(scaled_train)
print("CV AUC", evaluator.evaluate(cv_model.transform(scaled_test)))
