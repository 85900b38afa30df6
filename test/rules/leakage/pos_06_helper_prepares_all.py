from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.ml import Pipeline
from pyspark.ml.classification import LogisticRegression, RandomForestClassifier, GBTClassifier
from pyspark.ml.regression import LinearRegression
from pyspark.ml.evaluation import BinaryClassificationEvaluator, RegressionEvaluator, MulticlassClassificationEvaluator
from pyspark.ml.feature import StandardScaler, MinMaxScaler, Imputer, StringIndexer, OneHotEncoder, VectorAssembler, PCA, IDF, HashingTF, Tokenizer, CountVectorizer

spark = SparkSession.builder.appName("job").getOrCreate()


def scale(frame):
    assembled = VectorAssembler(inputCols=["x1", "x2"], outputCol="raw").transform(frame)
    fitted = MinMaxScaler(inputCol="raw", outputCol="features").fit(assembled)  # expect: SPK001
    return fitted.transform(assembled)


data = scale(spark.table("sensor_readings"))
train, test = data.randomSplit([0.7, 0.3], seed=21)
model = GBTClassifier(labelCol="failure").fit(train)
score = BinaryClassificationEvaluator(labelCol="failure").evaluate(model.transform(test))
