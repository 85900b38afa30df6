from pyspark.ml.evaluation import RegressionEvaluator
from pyspark.ml.recommendation import ALS
from pyspark.sql import SparkSession

spark = SparkSession.builder.getOrCreate()
ratings = spark.read.csv("s3://ml/ratings.csv", header=True, schema="user INT, item INT, rating FLOAT")
training, test = ratings.randomSplit([0.8, 0.2], seed=17)
als = ALS(maxIter=5, regParam=0.01, userCol="user", itemCol="item", ratingCol="rating")  # expect: SPK007
model = als.fit(training)
rmse = RegressionEvaluator(metricName="rmse", labelCol="rating").evaluate(model.transform(test))
