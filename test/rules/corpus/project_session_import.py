# A pseudonymisation job whose session comes from the project's module (`from myspark import spark`): the
# analysis does not know it, and reads what it reads from how the frames are used.
from pyspark.sql import functions as F

from myspark import pseudonymise, spark

DATA_ROOT = "./data"
customers = ["fin", "med", "ins"]


def read_keys(path, customer):
    df = spark.read.csv(path, header=True)
    return df.withColumnRenamed("rowid", f"{customer}_rowid")


def read_file(path):
    return spark.read.csv(path, header=True)


def rows_of(frame, customer):
    return pseudonymise(frame.where(F.col("customer") == customer))


def read_reference():
    return spark.read.csv(f"{DATA_ROOT}/reference.csv", header=True)


counts = {}
joined = read_keys(f"{DATA_ROOT}/join/{customers[0]}.key", customers[0])
for customer in customers[1:]:
    # each pass reads another file: nothing to cache or compute once
    keys = read_keys(f"{DATA_ROOT}/join/{customer}.key", customer)
    counts[customer] = keys.count()
    # the same file on every pass, filtered anew
    print(customer, read_reference().filter(F.col("customer") == customer).count())  # expect: SPK103
    print(customer, read_file(f"{DATA_ROOT}/reference.csv").filter(F.col("region") == customer).count())  # expect: SPK103
    joined = joined.join(keys, on=["joinkey"], how="inner")
joined.write.mode("overwrite").csv(f"{DATA_ROOT}/join/joined.key", header=True)


def per_customer_counts(recs):
    # the helper is handed the same rows on every pass: cache them once
    return {customer: rows_of(recs, customer).where(F.col("valid")).count() for customer in customers}  # expect: SPK103
