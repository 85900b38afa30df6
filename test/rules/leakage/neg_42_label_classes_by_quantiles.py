from pyspark.ml.classification import LogisticRegression
from pyspark.ml.evaluation import MulticlassClassificationEvaluator
from pyspark.ml.feature import StringIndexer, VectorAssembler
from pyspark.sql import SparkSession
from pyspark.sql.functions import col, lit, when

spark = SparkSession.builder.getOrCreate()
# the quartiles of the price only define the classes to predict (the price itself is dropped): no feature leaks
cars = spark.read.parquet("s3://bucket/car_sales")
q1, q3 = cars.approxQuantile("Price", [0.25, 0.75], 0.0)
cars = cars.withColumn("Price_Tier", when(col("Price") <= q1, lit("Low")).when(col("Price") <= q3, lit("Medium")).otherwise(lit("High")))
cars = VectorAssembler(inputCols=["Mileage", "Engine_size"], outputCol="features").transform(cars.drop("Price"))
train, test = cars.randomSplit([0.7, 0.3], seed=42)
indexer = StringIndexer(inputCol="Price_Tier", outputCol="label").fit(train)
model = LogisticRegression().fit(indexer.transform(train))
print(MulticlassClassificationEvaluator(metricName="accuracy").evaluate(model.transform(indexer.transform(test))))
