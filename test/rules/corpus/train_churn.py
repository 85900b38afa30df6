"""Trains the churn classifier and reports its AUC."""
from pyspark.ml import Pipeline
from pyspark.ml.classification import GBTClassifier
from pyspark.ml.evaluation import BinaryClassificationEvaluator
from pyspark.ml.feature import StringIndexer, VectorAssembler
from pyspark.ml.functions import vector_to_array
from pyspark.ml.tuning import CrossValidator, ParamGridBuilder
from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import DoubleType

spark = SparkSession.builder.appName("train-churn").getOrCreate()
data = spark.read.parquet("s3://features/churn").dropna(subset=["churned"])

train, test = data.randomSplit([0.8, 0.2], seed=42)
train = train.cache()

indexer = StringIndexer(inputCol="country", outputCol="country_idx", handleInvalid="keep")
assembler = VectorAssembler(inputCols=["sessions", "clicks", "purchases", "country_idx"], outputCol="features")
gbt = GBTClassifier(labelCol="churned", featuresCol="features")
pipeline = Pipeline(stages=[indexer, assembler, gbt])

grid = ParamGridBuilder().addGrid(gbt.maxDepth, [3, 5]).addGrid(gbt.maxIter, [20, 50]).build()
evaluator = BinaryClassificationEvaluator(labelCol="churned")
cv = CrossValidator(estimator=pipeline, estimatorParamMaps=grid, evaluator=evaluator, numFolds=3)  # expect: SPK402
model = cv.fit(train)

scored = model.transform(test)
print("test AUC", evaluator.evaluate(scored))

p1 = F.udf(lambda v: float(v[1]), DoubleType())  # expect: SPK203
scored = scored.withColumn("p_churn", p1("probability"))
scored = scored.withColumn("p_churn_fast", vector_to_array("probability")[1])

top = scored.orderBy(F.desc("p_churn")).limit(100).toPandas()
top.to_csv("/tmp/top_churners.csv", index=False)

model.write().overwrite().save("s3://models/churn")
