from pyspark.ml.regression import LinearRegression
from pyspark.sql import SparkSession

spark = SparkSession.builder.getOrCreate()
# the training summary is a training log here: the model is saved and evaluated by another job
sales = spark.read.parquet("s3://bucket/sales_features")
model = LinearRegression(labelCol="revenue").fit(sales)
print("train r2", model.summary.r2, "train rmse", model.summary.rootMeanSquaredError)
model.write().overwrite().save("s3://bucket/models/revenue")
