from pyspark.ml import Pipeline
from pyspark.ml.classification import FMClassifier
from pyspark.ml.evaluation import MulticlassClassificationEvaluator
from pyspark.ml.feature import MinMaxScaler, StringIndexer
from pyspark.sql import SparkSession

spark = SparkSession.builder.appName("FMClassifierExample").getOrCreate()
data = spark.read.format("libsvm").load("data/mllib/sample_libsvm_data.txt")
labelIndexer = StringIndexer(inputCol="label", outputCol="indexedLabel").fit(data)  # expect: SPK001
featureScaler = MinMaxScaler(inputCol="features", outputCol="scaledFeatures").fit(data)  # expect: SPK001
(trainingData, testData) = data.randomSplit([0.7, 0.3])  # expect: SPK008
fm = FMClassifier(labelCol="indexedLabel", featuresCol="scaledFeatures", stepSize=0.001)
pipeline = Pipeline(stages=[labelIndexer, featureScaler, fm])
model = pipeline.fit(trainingData)
predictions = model.transform(testData)
evaluator = MulticlassClassificationEvaluator(labelCol="indexedLabel", predictionCol="prediction", metricName="accuracy")
accuracy = evaluator.evaluate(predictions)
print("Test set accuracy = %g" % accuracy)
spark.stop()
