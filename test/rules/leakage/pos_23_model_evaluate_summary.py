from pyspark.sql import SparkSession
from pyspark.ml.feature import StandardScaler, VectorAssembler
from pyspark.ml.regression import LinearRegression

spark = SparkSession.builder.appName("car-prices").getOrCreate()

data = spark.read.parquet("s3://ml/cars")
data = VectorAssembler(inputCols=["hp", "weight"], outputCol="raw").transform(data)
# the scaler learns its mean and deviation from every row, the test rows included
scaler = StandardScaler(inputCol="raw", outputCol="features").fit(data)  # expect: SPK001
data = scaler.transform(data)
train, test = data.randomSplit([0.7, 0.3], seed=3)
model = LinearRegression(labelCol="price").fit(train)
# the model's own summary API scores the test rows: an evaluation like an Evaluator's
summary = model.evaluate(test)
print(summary.rootMeanSquaredError, summary.r2)
