from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.ml import Pipeline
from pyspark.ml.classification import LogisticRegression, RandomForestClassifier, GBTClassifier
from pyspark.ml.regression import LinearRegression
from pyspark.ml.evaluation import BinaryClassificationEvaluator, RegressionEvaluator, MulticlassClassificationEvaluator
from pyspark.ml.feature import StandardScaler, MinMaxScaler, Imputer, StringIndexer, OneHotEncoder, VectorAssembler, PCA, IDF, HashingTF, Tokenizer, CountVectorizer

spark = SparkSession.builder.appName("job").getOrCreate()


def main():
    df = spark.read.parquet("s3://ml/energy")
    df = VectorAssembler(inputCols=["temp", "hour"], outputCol="raw").transform(df)
    scaled = StandardScaler(inputCol="raw", outputCol="features").fit(df).transform(df)  # expect: SPK001
    train, test = scaled.randomSplit([0.8, 0.2], seed=1)
    model = LinearRegression(labelCol="load").fit(train)
    print(RegressionEvaluator(labelCol="load").evaluate(model.transform(test)))


if __name__ == "__main__":
    main()
