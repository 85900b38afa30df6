from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.ml import Pipeline
from pyspark.ml.classification import LogisticRegression, RandomForestClassifier, GBTClassifier
from pyspark.ml.regression import LinearRegression
from pyspark.ml.evaluation import BinaryClassificationEvaluator, RegressionEvaluator, MulticlassClassificationEvaluator
from pyspark.ml.feature import StandardScaler, MinMaxScaler, Imputer, StringIndexer, OneHotEncoder, VectorAssembler, PCA, IDF, HashingTF, Tokenizer, CountVectorizer

spark = SparkSession.builder.appName("job").getOrCreate()

pixels = spark.read.parquet("s3://ml/digits")
pca = PCA(k=40, inputCol="pixels", outputCol="features").fit(pixels)  # expect: SPK001
reduced = pca.transform(pixels).select("features", "label")
train, test = reduced.randomSplit([0.9, 0.1], seed=8)
clf = LogisticRegression(maxIter=50).fit(train)
acc = MulticlassClassificationEvaluator(metricName="accuracy").evaluate(clf.transform(test))
