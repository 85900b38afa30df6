from pyspark.sql import SparkSession
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

spark = SparkSession.builder.getOrCreate()
pdf = spark.table("features.churn").limit(100000).toPandas()
X = pdf[["tenure", "spend", "visits"]]
y = pdf["churned"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
model = make_pipeline(StandardScaler(), LogisticRegression()).fit(X_train, y_train)
print(roc_auc_score(y_test, model.predict_proba(X_test)[:, 1]))
scaler = StandardScaler().fit(X_train)
clf = LogisticRegression().fit(scaler.transform(X_train), y_train)
print(clf.score(scaler.transform(X_test), y_test))
