# Exploration notebook exported as a script (uses the notebook's `spark` global).
import pandas as pd
from pyspark.sql import functions as F

trips = spark.read.csv("s3://nyc/trips/*.csv", header=True, inferSchema=True)  # expect: SPK401
trips.show(5)
trips.printSchema()

pdf = trips.toPandas()  # expect: SPK102
print(pdf.describe())

sample = trips.sample(fraction=0.001, seed=1).toPandas()
summary = trips.describe().toPandas()

zones = pd.read_csv("zones.csv")
zone_df = spark.createDataFrame(zones)
joined = trips.join(zone_df, trips.pickup_zone == zone_df.zone_id, "left")

for col_name in ["fare", "tip", "distance"]:
    nulls = trips.filter(F.col(col_name).isNull()).count()  # expect: SPK103
    print(col_name, nulls)

by_hour = trips.groupBy(F.hour("pickup_ts").alias("h")).agg(F.avg("fare").alias("avg_fare"))
by_hour.orderBy("h").show()

distances = [r.distance for r in trips.select("distance").collect()]  # expect: SPK101
