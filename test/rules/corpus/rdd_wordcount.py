"""Legacy RDD job: word counts per document type."""
from operator import add

from pyspark import SparkContext
from pyspark.sql import SparkSession

spark = SparkSession.builder.getOrCreate()
sc = spark.sparkContext

docs = spark.read.json("s3://docs/")
lines = docs.rdd.flatMap(lambda row: row.text.splitlines())  # expect: SPK107
pairs = lines.flatMap(lambda line: line.split()).map(lambda word: (word.lower(), 1))

counts = pairs.reduceByKey(add)
by_word = pairs.groupByKey().mapValues(len)  # expect: SPK305
grouped = pairs.groupByKey().mapValues(list)

top = counts.takeOrdered(20, key=lambda kv: -kv[1])
print(top)

stopwords = sc.parallelize(["a", "the", "of"]).collect()
everything = counts.collect()  # one row per word: a per-key aggregate, like groupBy().count()
raw = lines.collect()  # expect: SPK101
counts.coalesce(1).saveAsTextFile("s3://out/counts")
docs.coalesce(1).write.json("s3://out/docs")  # expect: SPK306
