from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.ml import Pipeline
from pyspark.ml.classification import LogisticRegression, RandomForestClassifier, GBTClassifier
from pyspark.ml.regression import LinearRegression
from pyspark.ml.evaluation import BinaryClassificationEvaluator, RegressionEvaluator, MulticlassClassificationEvaluator
from pyspark.ml.feature import StandardScaler, MinMaxScaler, Imputer, StringIndexer, OneHotEncoder, VectorAssembler, PCA, IDF, HashingTF, Tokenizer, CountVectorizer

spark = SparkSession.builder.appName("job").getOrCreate()

reviews = spark.read.json("s3://ml/reviews")
words = Tokenizer(inputCol="text", outputCol="words").transform(reviews)
cv = CountVectorizer(inputCol="words", outputCol="tf", vocabSize=20000).fit(words)  # expect: SPK001
tf = cv.transform(words)
idf = IDF(inputCol="tf", outputCol="features").fit(tf)  # expect: SPK001
features = idf.transform(tf)
train, test = features.randomSplit([0.8, 0.2], seed=2)
model = LogisticRegression(labelCol="positive").fit(train)
auc = BinaryClassificationEvaluator(labelCol="positive").evaluate(model.transform(test))
