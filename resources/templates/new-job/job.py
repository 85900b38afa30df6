"""{{name}}: train and evaluate a Spark ML classifier.

Done right: the data is split first (with a seed), every stateful step (scaler, indexers) lives in
one Pipeline fitted on the training split only, and the model is scored once on the test split.
"""
import argparse

from pyspark.ml import Pipeline
from pyspark.ml.classification import RandomForestClassifier
from pyspark.ml.evaluation import BinaryClassificationEvaluator
from pyspark.ml.feature import StandardScaler, VectorAssembler
from pyspark.sql import SparkSession
from pyspark.sql.types import DoubleType, StructField, StructType

FEATURES = ["feature_1", "feature_2", "feature_3"]
LABEL = "label"
SCHEMA = StructType([StructField(name, DoubleType()) for name in [*FEATURES, LABEL]])


def main() -> None:
    parser = argparse.ArgumentParser(description="Train {{name}}")
    parser.add_argument("--input", default="s3a://my-bucket/{{name}}/train/")
    parser.add_argument("--model-output", default="s3a://my-bucket/{{name}}/model/")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()

    spark = SparkSession.builder.appName("{{name}}").getOrCreate()
    data = spark.read.schema(SCHEMA).parquet(args.input).dropna()

    # Split before fitting anything: statistics from the test rows must not reach the model.
    train, test = data.randomSplit([0.8, 0.2], seed=args.seed)

    assembler = VectorAssembler(inputCols=FEATURES, outputCol="raw_features")
    scaler = StandardScaler(inputCol="raw_features", outputCol="features")
    forest = RandomForestClassifier(labelCol=LABEL, featuresCol="features", numTrees=100, seed=args.seed)
    model = Pipeline(stages=[assembler, scaler, forest]).fit(train)

    evaluator = BinaryClassificationEvaluator(labelCol=LABEL, rawPredictionCol="rawPrediction", metricName="areaUnderROC")
    auc = evaluator.evaluate(model.transform(test))
    print(f"test AUC: {auc:.4f}")

    model.write().overwrite().save(args.model_output)
    spark.stop()


if __name__ == "__main__":
    main()
