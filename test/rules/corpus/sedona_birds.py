# Apache Sedona: the session comes from SedonaContext.create, and the file never names pyspark.
from sedona.spark import SedonaContext

FORMAT = "csv"
config = SedonaContext.builder().appName("birds").getOrCreate()
sedona = SedonaContext.create(config)
birds = sedona.read.format(FORMAT).option("header", "true").option("inferSchema", "true").load("s3a://bucket/birds.csv")  # expect: SPK401
birds.createOrReplaceTempView("birds")
by_cell = sedona.sql("SELECT ST_GeoHash(ST_Point(lon, lat), 5) AS cell, count(*) AS n FROM birds GROUP BY 1")
print(by_cell.collect())
points = sedona.sql("SELECT ST_Point(lon, lat) AS geom, species FROM birds")
local_points = points.toPandas()  # expect: SPK102
by_cell.write.mode("overwrite").parquet("s3a://bucket/birds_by_cell")
