# Churn features per user (the Sparkify shape): a groupBy().agg() makes one row per user, and ratios of
# that row's own columns are row-wise arithmetic, not statistics of the full data.
from pyspark.ml.classification import LogisticRegression
from pyspark.ml.evaluation import BinaryClassificationEvaluator
from pyspark.ml.feature import VectorAssembler
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

spark = SparkSession.builder.appName("churn").getOrCreate()
events = spark.read.json("s3://ml/events.json")
users = events.groupBy("userId").agg(
    F.max("churned").alias("label"),
    F.count("song").alias("songs"),
    F.countDistinct("sessionId").alias("sessions"),
    F.min("ts").alias("first_ts"),
    F.max("ts").alias("last_ts"),
)
users = users.withColumn("songs_per_session", users.songs / users.sessions)
users = users.withColumn("active_days", (users["last_ts"] - users["first_ts"]) / 86400000)
data = VectorAssembler(inputCols=["songs", "sessions", "songs_per_session", "active_days"], outputCol="features").transform(users)
train, test = data.randomSplit([0.8, 0.2], seed=42)
model = LogisticRegression().fit(train)
print(BinaryClassificationEvaluator().evaluate(model.transform(test)))
