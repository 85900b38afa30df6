# Helpers called with what main() makes (a session, queries, sizes), helpers calling helpers, and helper
# results acted on in a loop: after an edit of main(), the model takes these calls over from the last lint
# (src/analysis/inlineCalls.ts), and the findings must stay those of a fresh lint.
import sys

from pyspark.sql import SparkSession


def ident(x):
    return x


def cfg(q):
    return q


def query(spark, q):
    return ident(spark).sql(q)


def load(spark, table, n):
    df = spark.table(table)
    return df.limit(n) if n else df


def nested(spark, table, q, n):
    a = load(spark, table, n)
    b = query(spark, cfg(q))
    return a.join(b, "id", how="inner")


def run_sql(spark, sql):
    return spark.sql(sql).collect()


def pairs(frame):
    return frame.rdd.map(lambda r: (r["id"], 1))


NAMES = ["a", "b"]


def widen(frame):
    for name in NAMES:
        frame = frame.withColumn(name, frame.id)
    return frame


def run(spark, day):
    sql = cfg("SELECT id FROM events LIMIT 10")
    rows = query(spark, sql).collect()
    nested(spark, "db.t", "SELECT * FROM big", None).collect()
    nested(spark, "db.t", sql, 5).collect()
    for i in range(3):
        load(spark, "db.x", None).count()
    for table in ["db.a", "db.b"]:
        load(spark, table, 10).toPandas()
    return rows


def main():
    spark = SparkSession.builder.appName("helpers").getOrCreate()
    day = sys.argv[1]
    q = cfg("SELECT id FROM events LIMIT 10")
    spark.sql(q).collect()
    parts = ident(4)
    spark.range(100).coalesce(parts).collect()
    query(spark, ident(f"SELECT * FROM t WHERE day = '{day}' LIMIT 5")).collect()
    run(spark, day)
    run_sql(spark, "USE CATALOG main")
    run_sql(spark, f"DROP TABLE IF EXISTS db.{day}")
    pairs(spark.table("db.t").groupBy("id").count()).count()
    widen(spark.table("db.t")).count()
    run(ident(spark), cfg(day))


if __name__ == "__main__":
    main()
