from pyspark.sql import SparkSession
from sklearn.decomposition import PCA
from sklearn.linear_model import Ridge
from sklearn.model_selection import train_test_split

spark = SparkSession.builder.getOrCreate()
pdf = spark.table("features.energy").limit(100000).toPandas()
X = pdf.drop(columns=["load"])
explained = PCA(n_components=5).fit(X).explained_variance_ratio_
print("variance explained", explained.sum())
X_train, X_test, y_train, y_test = train_test_split(X, pdf["load"], random_state=3)
ridge = Ridge().fit(X_train, y_train)
print("r2", ridge.score(X_test, y_test))
