"""Scores a churn model with pyspark.mllib: thresholds cleared in a helper, a forest that only gates rows."""
import sys

from pyspark import SparkContext
from pyspark.mllib.classification import LogisticRegressionWithLBFGS
from pyspark.mllib.evaluation import BinaryClassificationMetrics
from pyspark.mllib.tree import RandomForest, RandomForestModel
from pyspark.mllib.util import MLUtils


def with_scores(model):
    # predict returns probabilities from here on, not 0/1
    model.clearThreshold()
    return model


def main(path):
    sc = SparkContext(appName="churn-scoring")
    train, test = MLUtils.loadLibSVMFile(sc, path).randomSplit([0.8, 0.2], seed=42)
    lr = LogisticRegressionWithLBFGS.train(train, iterations=100)
    with_scores(lr)
    # a forest trained as a regressor elsewhere: its predictions are scores
    forest = RandomForestModel.load(sc, "s3://models/churn-forest")
    gate = RandomForest.trainClassifier(train, numClasses=2, categoricalFeaturesInfo={}, numTrees=20)
    # the forest only picks the rows to evaluate; the scores are the logistic regression's
    gated = gate.predict(test.map(lambda p: p.features)).zip(test).filter(lambda t: t[0] == 1.0).map(lambda t: t[1])
    lr_auc = BinaryClassificationMetrics(gated.map(lambda p: (float(lr.predict(p.features)), p.label))).areaUnderROC
    forest_scores = forest.predict(test.map(lambda p: p.features))
    forest_auc = BinaryClassificationMetrics(forest_scores.zip(test.map(lambda p: p.label))).areaUnderROC
    print(f"AUC lr={lr_auc:.3f} forest={forest_auc:.3f}")
    sc.stop()


if __name__ == "__main__":
    main(sys.argv[1])
