from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.ml import Pipeline
from pyspark.ml.classification import LogisticRegression, RandomForestClassifier, GBTClassifier
from pyspark.ml.regression import LinearRegression
from pyspark.ml.evaluation import BinaryClassificationEvaluator, RegressionEvaluator, MulticlassClassificationEvaluator
from pyspark.ml.feature import StandardScaler, MinMaxScaler, Imputer, StringIndexer, OneHotEncoder, VectorAssembler, PCA, IDF, HashingTF, Tokenizer, CountVectorizer

spark = SparkSession.builder.appName("job").getOrCreate()

scored = spark.table("scores.latest")
print(BinaryClassificationEvaluator(rawPredictionCol="rawPrediction").evaluate(scored))  # expect: SPK105
print(BinaryClassificationEvaluator(rawPredictionCol="probability").evaluate(scored))
print(MulticlassClassificationEvaluator(predictionCol="prediction", metricName="accuracy").evaluate(scored))
