from pyspark.ml.recommendation import ALS
from pyspark.sql import SparkSession

spark = SparkSession.builder.getOrCreate()
ratings = spark.table("ml.ratings")
model = ALS(userCol="user", itemCol="item", ratingCol="rating").fit(ratings)
model.recommendForAllUsers(20).write.mode("overwrite").parquet("s3://recs/daily")
