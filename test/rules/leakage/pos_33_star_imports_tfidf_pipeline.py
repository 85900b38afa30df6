# A notebook's star imports: `pyspark.sql.functions` first, then `pyspark.ml.feature`. IDF and
# CountVectorizer come from the second (the first does not export them); the TF-IDF Pipeline is fitted on
# all reviews before the split.
from pyspark.ml import Pipeline
from pyspark.ml.classification import LogisticRegression
from pyspark.ml.evaluation import MulticlassClassificationEvaluator
from pyspark.sql import SparkSession
from pyspark.sql.functions import *  # noqa: F403
from pyspark.ml.feature import *  # noqa: F403

spark = SparkSession.builder.appName("reviews").getOrCreate()
reviews = spark.read.parquet("s3://ml/reviews").withColumn("text", lower(col("text")))  # noqa: F405
tfidf = Pipeline(stages=[
    Tokenizer(inputCol="text", outputCol="words"),  # noqa: F405
    CountVectorizer(inputCol="words", outputCol="tf", minDF=2),  # noqa: F405
    IDF(inputCol="tf", outputCol="features"),  # noqa: F405
])
vectors = tfidf.fit(reviews).transform(reviews)  # expect: SPK001
train, test = vectors.randomSplit([0.7, 0.3], seed=1)
model = LogisticRegression(labelCol="rating").fit(train)
print(MulticlassClassificationEvaluator(labelCol="rating").evaluate(model.transform(test)))
