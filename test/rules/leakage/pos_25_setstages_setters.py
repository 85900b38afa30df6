from pyspark.ml import Pipeline
from pyspark.ml.classification import DecisionTreeClassifier
from pyspark.ml.evaluation import MulticlassClassificationEvaluator
from pyspark.ml.feature import MinMaxScaler, StringIndexer
from pyspark.sql import SparkSession

spark = SparkSession.builder.appName("iris-tree").getOrCreate()

df = spark.read.parquet("s3://ml/iris")
# built with setters: the label indexer only leaks label categories (info), the scaler leaks statistics
label_indexer = StringIndexer().setInputCol("species").setOutputCol("indexedLabel").fit(df)  # expect: SPK001
scaler = MinMaxScaler().setInputCol("features").setOutputCol("scaled").fit(df)  # expect: SPK001
training_data, test_data = df.randomSplit([0.7, 0.3], seed=1)
tree = DecisionTreeClassifier().setLabelCol("indexedLabel").setFeaturesCol("scaled")
model = Pipeline().setStages([label_indexer, scaler, tree]).fit(training_data)
accuracy = MulticlassClassificationEvaluator().setLabelCol("indexedLabel").evaluate(model.transform(test_data))
