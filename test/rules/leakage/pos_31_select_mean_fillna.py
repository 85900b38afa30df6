# The Titanic tutorial's imputation: the mean age of all passengers, taken with a select of an aggregate,
# fills the missing ages before the split.
from pyspark.ml.classification import LogisticRegression
from pyspark.ml.evaluation import BinaryClassificationEvaluator
from pyspark.ml.feature import VectorAssembler
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

spark = SparkSession.builder.appName("titanic").getOrCreate()
passengers = spark.read.csv("s3://ml/titanic.csv", header=True, schema="Survived INT, Age DOUBLE, Fare DOUBLE")
mean_age = passengers.select(F.mean("Age")).collect()[0][0]  # expect: SPK001
passengers = passengers.fillna({"Age": mean_age})
features = VectorAssembler(inputCols=["Age", "Fare"], outputCol="features").transform(passengers)
train, test = features.randomSplit([0.8, 0.2], seed=7)
model = LogisticRegression(labelCol="Survived").fit(train)
print(BinaryClassificationEvaluator(labelCol="Survived").evaluate(model.transform(test)))
