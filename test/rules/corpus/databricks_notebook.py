# Databricks notebook source
# MAGIC %md
# MAGIC # Weekly churn features
# MAGIC Exported from Databricks: `spark`, `dbutils` and `display` come from the runtime, nothing imports pyspark.

# COMMAND ----------

week = dbutils.widgets.get("week")
events = spark.read.table("main.analytics.events").where(f"week = '{week}'")
display(events.limit(20))

# COMMAND ----------

# MAGIC %sql
# MAGIC SELECT count(*) FROM main.analytics.events

# COMMAND ----------

preview = events.limit(100).toPandas()
all_rows = events.toPandas()  # expect: SPK102

for channel in ["web", "app", "store"]:
    print(channel, events.where(events.channel == channel).count())  # expect: SPK103

users = [row.user_id for row in events.select("user_id").distinct().collect()]  # expect: SPK101
counts = events.groupBy("channel").count().collect()

# COMMAND ----------

# Databricks chooses the number of shuffle partitions itself
spark.conf.set("spark.sql.shuffle.partitions", "auto")
