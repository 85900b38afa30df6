from pyspark.ml.clustering import KMeans
from pyspark.ml.evaluation import ClusteringEvaluator
from pyspark.ml.feature import StandardScaler, VectorAssembler
from pyspark.sql import SparkSession

spark = SparkSession.builder.getOrCreate()
customers = spark.table("crm.customers")
assembled = VectorAssembler(inputCols=["recency", "frequency", "monetary"], outputCol="raw").transform(customers)
scaled = StandardScaler(inputCol="raw", outputCol="features").fit(assembled).transform(assembled)
model = KMeans(k=5, seed=1).fit(scaled)
silhouette = ClusteringEvaluator().evaluate(model.transform(scaled))
