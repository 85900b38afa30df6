# The same imputation with the mean of the training split only, applied to both parts.
from pyspark.ml.classification import LogisticRegression
from pyspark.ml.evaluation import BinaryClassificationEvaluator
from pyspark.ml.feature import VectorAssembler
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

spark = SparkSession.builder.appName("titanic").getOrCreate()
passengers = spark.read.csv("s3://ml/titanic.csv", header=True, schema="Survived INT, Age DOUBLE, Fare DOUBLE")
train, test = passengers.randomSplit([0.8, 0.2], seed=7)
mean_age = train.select(F.mean("Age")).collect()[0][0]
assembler = VectorAssembler(inputCols=["Age", "Fare"], outputCol="features")
train = assembler.transform(train.fillna({"Age": mean_age}))
test = assembler.transform(test.fillna({"Age": mean_age}))
model = LogisticRegression(labelCol="Survived").fit(train)
print(BinaryClassificationEvaluator(labelCol="Survived").evaluate(model.transform(test)))
