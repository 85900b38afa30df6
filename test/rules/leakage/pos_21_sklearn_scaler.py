from pyspark.sql import SparkSession
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

spark = SparkSession.builder.getOrCreate()
pdf = spark.table("features.churn").limit(100000).toPandas()
X = pdf[["tenure", "spend", "visits"]]
y = pdf["churned"]
X_scaled = StandardScaler().fit_transform(X)  # expect: SPK001
X_train, X_test, y_train, y_test = train_test_split(X_scaled, y, test_size=0.2, random_state=0)
clf = LogisticRegression().fit(X_train, y_train)
print(roc_auc_score(y_test, clf.predict_proba(X_test)[:, 1]))
