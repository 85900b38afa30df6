"""Weekly reporting job."""
from pyspark.sql import SparkSession, Window
from pyspark.sql import functions as F


def build(spark: SparkSession):
    sales = spark.table("dw.sales")
    stores = spark.table("dw.stores")
    calendar = spark.createDataFrame([(w,) for w in range(1, 53)], ["week"])

    weekly = sales.groupBy("store_id", "week").agg(F.sum("revenue").alias("revenue"))
    grid = stores.select("store_id").crossJoin(calendar)
    full = grid.join(weekly, ["store_id", "week"], "left").fillna(0, subset=["revenue"])

    running = Window.partitionBy("store_id").orderBy("week").rowsBetween(Window.unboundedPreceding, 0)
    full = full.withColumn("ytd", F.sum("revenue").over(running))

    ranked = full.withColumn("rank", F.dense_rank().over(Window.orderBy(F.desc("ytd"))))  # expect: SPK307

    pairs = stores.alias("a").crossJoin(stores.alias("b"))  # expect: SPK303
    return ranked, pairs


if __name__ == "__main__":
    session = SparkSession.builder.getOrCreate()
    report, store_pairs = build(session)
    report.write.mode("overwrite").saveAsTable("dw.weekly_report")
    print(store_pairs.count())
