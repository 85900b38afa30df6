from pyspark.ml import Pipeline
from pyspark.ml.classification import GBTClassifier
from pyspark.ml.evaluation import BinaryClassificationEvaluator
from pyspark.ml.feature import StringIndexer, VectorAssembler
from pyspark.ml.tuning import CrossValidator, ParamGridBuilder
from pyspark.sql import SparkSession

spark = SparkSession.builder.appName("churn").getOrCreate()
train_df, test_df = spark.read.parquet("s3://ml/churn").randomSplit([0.8, 0.2], seed=42)
indexers = [StringIndexer(inputCol=c, outputCol=f"{c}_idx", handleInvalid="keep") for c in ["plan", "region"]]
# invalid values get their own bucket: every test row is scored
assembler = VectorAssembler(inputCols=["plan_idx", "region_idx", "tenure"], outputCol="features", handleInvalid="keep")
gbt = GBTClassifier(labelCol="churned", seed=42)
cv = CrossValidator().setEstimator(Pipeline(stages=indexers + [assembler, gbt])).setEvaluator(BinaryClassificationEvaluator(labelCol="churned"))
cv = cv.setEstimatorParamMaps(ParamGridBuilder().addGrid(gbt.maxDepth, [4, 6]).build()).setParallelism(4)
auc = BinaryClassificationEvaluator(labelCol="churned").evaluate(cv.fit(train_df).transform(test_df))
