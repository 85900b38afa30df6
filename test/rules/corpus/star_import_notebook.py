# A course notebook exported as a script: everything comes from star imports, as in many tutorials.
# `mean`, `stddev`, `max` are pyspark's aggregates here (the star import shadows Python's own).
from pyspark.sql import *
from pyspark.sql.functions import *
from pyspark.ml.feature import *
from pyspark.ml.regression import *
from pyspark.ml.evaluation import *

spark = SparkSession.builder.appName("houses").getOrCreate()
houses = spark.read.csv("data/train.csv", header=True, inferSchema=True)  # expect: SPK401
price_avg = houses.select(mean("SalePrice")).collect()[0][0]
lot_avg = houses.select(mean("LotArea")).collect()[0][0]  # expect: SPK001
lot_std = houses.select(stddev("LotArea")).collect()[0][0]  # expect: SPK001
newest = houses.select(max("YearBuilt").alias("newest"), min("YearBuilt")).first()
prices = houses.select("Id", round(col("SalePrice") / 1000, 1).alias("k")).collect()  # expect: SPK101
per_zone = houses.groupBy("MSZoning").agg(avg("SalePrice").alias("avg_price")).collect()
print(price_avg, newest, len(prices), per_zone)
houses = houses.withColumn("z_lot", (col("LotArea") - lot_avg) / lot_std)
assembler = VectorAssembler(inputCols=["z_lot", "OverallQual", "YearBuilt"], outputCol="raw")
scaled = StandardScaler(inputCol="raw", outputCol="features").fit(assembler.transform(houses)).transform(assembler.transform(houses))  # expect: SPK001
train, test = scaled.randomSplit([0.8, 0.2], seed=7)
model = LinearRegression(featuresCol="features", labelCol="SalePrice").fit(train)
print(RegressionEvaluator(labelCol="SalePrice").evaluate(model.transform(test)))
