# A daily report whose session comes from the project's own factory: the file never imports Spark itself, and
# `spark` is what the helper returns (read, sql and table are the session's).
import argparse

from jobs.common import get_spark_session, save_report

parser = argparse.ArgumentParser()
parser.add_argument("--day", required=True)
args = parser.parse_args()

spark = get_spark_session("daily-report")
orders = spark.read.parquet(f"s3://lake/orders/dt={args.day}")
sales = spark.table("warehouse.sales").where(f"dt = '{args.day}'")
customers = spark.sql("SELECT customer_id, segment FROM warehouse.customers").toPandas()  # expect: SPK102
regions = spark.sql("SELECT region, count(*) AS n FROM warehouse.customers GROUP BY region").collect()
joined = orders.join(sales, "order_id", "left")
top = joined.groupBy("product").count().orderBy("count", ascending=False).limit(20).toPandas()
all_sales = sales.collect()  # expect: SPK101
save_report(top, regions, customers, all_sales)
