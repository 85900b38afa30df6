from pyspark.sql import SparkSession
from sklearn.ensemble import RandomForestClassifier

spark = SparkSession.builder.getOrCreate()
pdf = spark.table("features.fraud").limit(50000).toPandas()
X = pdf.drop(columns=["fraud"])
y = pdf["fraud"]
forest = RandomForestClassifier(n_estimators=200).fit(X, y)
print("accuracy", forest.score(X, y))  # expect: SPK002
