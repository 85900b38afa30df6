from pyspark.ml.evaluation import RegressionEvaluator
from pyspark.ml.recommendation import ALS
from pyspark.sql import SparkSession

spark = SparkSession.builder.getOrCreate()
ratings = spark.table("ml.ratings")
training, test = ratings.randomSplit([0.8, 0.2], seed=17)
als = ALS(userCol="user", itemCol="item", ratingCol="rating", coldStartStrategy="drop")
model = als.fit(training)
rmse = RegressionEvaluator(metricName="rmse", labelCol="rating").evaluate(model.transform(test))
