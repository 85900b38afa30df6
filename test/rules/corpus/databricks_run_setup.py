# Databricks notebook source
# MAGIC %md
# MAGIC Trains the sales model; the imports come from the setup notebook it runs first.

# COMMAND ----------

# MAGIC %run ./AllImports

# COMMAND ----------

sales = spark.table("features.sales")
assembled = VectorAssembler(inputCols=["units", "price"], outputCol="raw").transform(sales)
scaled = StandardScaler(inputCol="raw", outputCol="features").fit(assembled).transform(assembled)  # expect: SPK001
train, test = scaled.randomSplit([0.8, 0.2], seed=1)
model = LinearRegression(labelCol="revenue").fit(train)
print(RegressionEvaluator(labelCol="revenue").evaluate(model.transform(test)))

# COMMAND ----------

to_upper = udf(lambda s: s.upper(), StringType())  # expect: SPK201
regions = sales.select(to_upper(F.col("region")).alias("region"))
regions.write.mode("overwrite").saveAsTable("features.regions")

# COMMAND ----------


# a function this notebook defines is its own, whatever the setup notebook imports: not pyspark's udf
def udf(function, return_type):
    return function


shout = udf(lambda s: s.upper() + "!", StringType())
print(shout("sales"))
