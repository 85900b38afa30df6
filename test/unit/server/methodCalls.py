# A job class whose methods call each other on self (above and below the caller), helpers whose branches
# a literal argument chooses, and actions in loops over what they return: the incremental re-lint test
# edits it at random, and its findings must stay those of a fresh lint.
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

spark = SparkSession.builder.getOrCreate()
DIM = spark.read.parquet("s3://bucket/dim")


def load(session, path, limit=None):
    frame = session.read.parquet(path)
    if limit:
        frame = frame.limit(limit)
    return frame


def pick(frame, key, cached):
    out = frame.filter(F.col("k") == key).join(DIM, "id", how="left")
    return out.cache() if cached else out


class EventsJob:
    def __init__(self, session, path):
        self.spark = session
        self.path = path

    def run(self, keys):
        events = self.extract(None)
        for key in keys:
            print(self.transform(events, key).count())
        return self.extract(10).collect()

    def extract(self, limit):
        return load(self.spark, self.path, limit)

    def transform(self, frame, key):
        if key:
            return pick(frame, key, False)
        return frame

    def report(self, keys):
        for key in keys:
            self.transform(self.extract(0), key).first()
        return self.extract(None).toPandas()

    def hook(self):
        raise NotImplementedError


def main():
    job = EventsJob(spark, "s3://bucket/events")
    job.run(["a", "b"])
    frames = [load(spark, "s3://a"), load(spark, "s3://b", 5)]
    for key in ["x", "y"]:
        pick(frames[0], key, None).count()
        pick(load(spark, "s3://c", 0), key, True).count()
    data = load(spark, "s3://d")
    for column in ["u", "v"]:
        data = data.na.fill(0)
        data.groupBy(column).count().first()


if __name__ == "__main__":
    main()
