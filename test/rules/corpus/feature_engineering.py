"""Builds user features for the churn model."""
from functools import reduce

from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql.functions import udf
from pyspark.sql.types import IntegerType, StringType

spark = SparkSession.builder.appName("features").getOrCreate()

events = spark.read.parquet("s3://lake/events")
users = spark.read.parquet("s3://lake/users")

NUMERIC = ["sessions", "clicks", "purchases", "refunds"]
for name in NUMERIC:
    users = users.withColumn(name, F.coalesce(F.col(name), F.lit(0)))  # expect: SPK301

users = reduce(lambda df, c: df.withColumnRenamed(c, c.lower()), users.columns, users)  # expect: SPK301


@udf(returnType=IntegerType())  # expect: SPK201
def age_bucket(age):
    if age is None:
        return None
    if age < 25:
        return 0
    if age < 45:
        return 1
    return 2


@udf(StringType())  # expect: SPK202
def device_family(user_agent):
    for family in ("iPhone", "Android", "Windows", "Mac"):
        if user_agent and family in user_agent:
            return family
    return "other"


users = users.withColumn("age_bucket", age_bucket("age")).withColumn("device", device_family("user_agent"))

activity = (
    events.groupBy("user_id")
    .agg(F.count("*").alias("events"), F.max("ts").alias("last_event"))
)
features = users.join(activity, "user_id", "left")

per_country = features.groupBy("country").count().collect()
for row in per_country:
    print(row["country"], row["count"])

features.printSchema()  # expect: SPK106
features.write.mode("overwrite").parquet("s3://features/churn")
