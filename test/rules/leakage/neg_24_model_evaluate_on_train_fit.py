from pyspark.sql import SparkSession
from pyspark.ml import Pipeline
from pyspark.ml.feature import StandardScaler, VectorAssembler
from pyspark.ml.regression import LinearRegression

spark = SparkSession.builder.appName("car-prices").getOrCreate()

data = spark.read.parquet("s3://ml/cars")
train, test = data.randomSplit([0.7, 0.3], seed=3)
pipeline = Pipeline(stages=[
    VectorAssembler(inputCols=["hp", "weight"], outputCol="raw"),
    StandardScaler(inputCol="raw", outputCol="features"),
])
prepared = pipeline.fit(train)
model = LinearRegression(labelCol="price").fit(prepared.transform(train))
summary = model.evaluate(prepared.transform(test))
print(summary.rootMeanSquaredError)
