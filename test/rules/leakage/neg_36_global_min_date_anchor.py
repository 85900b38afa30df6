# The first day of the whole data only anchors "days since start": every row shifts by one constant,
# which no model learns anything from. Scaling by the whole data's range is a leak (pos_35_global_range_scaling.py).
from pyspark.ml.evaluation import RegressionEvaluator
from pyspark.ml.feature import VectorAssembler
from pyspark.ml.regression import RandomForestRegressor
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

spark = SparkSession.builder.appName("prices").getOrCreate()
prices = spark.read.csv("s3://ml/prices.csv", header=True, schema="date DATE, open DOUBLE, close DOUBLE")
first_day = prices.select(F.min("date")).collect()[0][0]
mean_open = prices.agg(F.mean("open")).first()[0]
prices = prices.withColumn("days_since_start", F.datediff(F.col("date"), F.lit(first_day)))
prices = prices.withColumn("open_centered", F.col("open") - mean_open)
features = VectorAssembler(inputCols=["open_centered", "days_since_start"], outputCol="features").transform(prices)
train, test = features.randomSplit([0.8, 0.2], seed=42)
model = RandomForestRegressor(labelCol="close").fit(train)
print(RegressionEvaluator(labelCol="close").evaluate(model.transform(test)))
