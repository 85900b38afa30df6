# A Databricks-style tuning notebook: hyperopt's objective fits a random forest on the training split and
# returns its RMSE on the test split, so fmin keeps the parameters that score best on the test rows.
from hyperopt import STATUS_OK, Trials, fmin, hp, tpe
from pyspark.ml import Pipeline
from pyspark.ml.evaluation import RegressionEvaluator
from pyspark.ml.feature import VectorAssembler
from pyspark.ml.regression import RandomForestRegressor
from pyspark.sql import SparkSession

spark = SparkSession.builder.getOrCreate()
listings = spark.read.parquet("s3://lake/listings")
train_df, test_df = listings.randomSplit([0.8, 0.2], seed=42)
assembler = VectorAssembler(inputCols=["bedrooms", "bathrooms", "accommodates"], outputCol="features")
evaluator = RegressionEvaluator(labelCol="price", metricName="rmse")


def train_forest(params):
    forest = RandomForestRegressor(labelCol="price", maxDepth=int(params["max_depth"]), numTrees=int(params["num_trees"]))
    model = Pipeline(stages=[assembler, forest]).fit(train_df)
    rmse = evaluator.evaluate(model.transform(test_df))  # expect: SPK003
    return {"loss": rmse, "status": STATUS_OK}


space = {"max_depth": hp.quniform("max_depth", 2, 10, 1), "num_trees": hp.quniform("num_trees", 10, 100, 10)}
best = fmin(fn=train_forest, space=space, algo=tpe.suggest, max_evals=16, trials=Trials())
print(best)
