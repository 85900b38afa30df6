from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.ml import Pipeline
from pyspark.ml.classification import LogisticRegression, RandomForestClassifier, GBTClassifier
from pyspark.ml.regression import LinearRegression
from pyspark.ml.evaluation import BinaryClassificationEvaluator, RegressionEvaluator, MulticlassClassificationEvaluator
from pyspark.ml.feature import StandardScaler, MinMaxScaler, Imputer, StringIndexer, OneHotEncoder, VectorAssembler, PCA, IDF, HashingTF, Tokenizer, CountVectorizer

spark = SparkSession.builder.appName("job").getOrCreate()

data = spark.read.parquet("s3://ml/churn")
prep = Pipeline(stages=[
    StringIndexer(inputCol="plan", outputCol="plan_idx"),
    OneHotEncoder(inputCols=["plan_idx"], outputCols=["plan_vec"]),
    VectorAssembler(inputCols=["plan_vec", "tenure"], outputCol="features"),
])
prep_model = prep.fit(data)  # expect: SPK001
prepared = prep_model.transform(data)
train, test = prepared.randomSplit([0.8, 0.2], seed=5)
rf = RandomForestClassifier(labelCol="churned").fit(train)
auc = BinaryClassificationEvaluator(labelCol="churned").evaluate(rf.transform(test))
