from pyspark.sql import SparkSession
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import f1_score
from sklearn.model_selection import GridSearchCV, train_test_split

spark = SparkSession.builder.getOrCreate()
pdf = spark.table("features.leads").limit(200000).toPandas()
X_train, X_test, y_train, y_test = train_test_split(pdf.drop(columns=["won"]), pdf["won"], test_size=0.25, random_state=1)
search = GridSearchCV(GradientBoostingClassifier(), {"max_depth": [2, 3, 4]}, cv=5)
search.fit(X_train, y_train)
print("test f1", f1_score(y_test, search.predict(X_test)))
