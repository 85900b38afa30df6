from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.ml import Pipeline
from pyspark.ml.classification import LogisticRegression, RandomForestClassifier, GBTClassifier
from pyspark.ml.regression import LinearRegression
from pyspark.ml.evaluation import BinaryClassificationEvaluator, RegressionEvaluator, MulticlassClassificationEvaluator
from pyspark.ml.feature import StandardScaler, MinMaxScaler, Imputer, StringIndexer, OneHotEncoder, VectorAssembler, PCA, IDF, HashingTF, Tokenizer, CountVectorizer

spark = SparkSession.builder.appName("job").getOrCreate()

from pyspark.ml.tuning import CrossValidator, ParamGridBuilder

data = spark.table("features.leads")
train, test = data.randomSplit([0.8, 0.2], seed=5)
lr = LogisticRegression(labelCol="converted")
pipeline = Pipeline(stages=[VectorAssembler(inputCols=["a", "b"], outputCol="raw"), StandardScaler(inputCol="raw", outputCol="features"), lr])
grid = ParamGridBuilder().addGrid(lr.regParam, [0.01, 0.1]).build()
ev = BinaryClassificationEvaluator(labelCol="converted")
cv = CrossValidator(estimator=pipeline, estimatorParamMaps=grid, evaluator=ev, numFolds=3, parallelism=4)
model = cv.fit(train)
print("test auc", ev.evaluate(model.transform(test)))
