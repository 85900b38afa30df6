# Min-max scaling by hand with the whole data's minimum and maximum, before the split: the test rows set
# the scale the model trains on. Only shifting by the minimum would not leak (neg_36_global_min_date_anchor.py),
# but a shift inside another expression, the distance to the mean of all rows, depends on where it is.
from pyspark.ml.evaluation import RegressionEvaluator
from pyspark.ml.feature import VectorAssembler
from pyspark.ml.regression import LinearRegression
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

spark = SparkSession.builder.appName("prices").getOrCreate()
prices = spark.read.csv("s3://ml/prices.csv", header=True, schema="date DATE, open DOUBLE, close DOUBLE")
low = prices.agg(F.min("open")).first()[0]  # expect: SPK001
high = prices.agg(F.max("open")).first()[0]  # expect: SPK001
mean_open = prices.agg(F.mean("open")).first()[0]  # expect: SPK001
prices = prices.withColumn("open_scaled", (F.col("open") - low) / (high - low))
prices = prices.withColumn("open_distance", F.abs(F.col("open") - mean_open))
features = VectorAssembler(inputCols=["open_scaled", "open_distance"], outputCol="features").transform(prices)
train, test = features.randomSplit([0.8, 0.2], seed=42)
model = LinearRegression(labelCol="close").fit(train)
print(RegressionEvaluator(labelCol="close").evaluate(model.transform(test)))
