from pyspark.ml import Pipeline
from pyspark.ml.classification import DecisionTreeClassifier
from pyspark.ml.evaluation import MulticlassClassificationEvaluator
from pyspark.ml.feature import MinMaxScaler, StringIndexer
from pyspark.sql import SparkSession

spark = SparkSession.builder.appName("iris-tree").getOrCreate()

df = spark.read.parquet("s3://ml/iris")
training_data, test_data = df.randomSplit([0.7, 0.3], seed=1)
# the same stages built with setters, fitted by the pipeline on the training rows only
label_indexer = StringIndexer().setInputCol("species").setOutputCol("indexedLabel").setHandleInvalid("keep")
scaler = MinMaxScaler().setInputCol("features").setOutputCol("scaled")
tree = DecisionTreeClassifier().setLabelCol("indexedLabel").setFeaturesCol("scaled")
model = Pipeline().setStages([label_indexer, scaler, tree]).fit(training_data)
accuracy = MulticlassClassificationEvaluator().setLabelCol("indexedLabel").evaluate(model.transform(test_data))
