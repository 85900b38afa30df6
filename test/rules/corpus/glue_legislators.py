# An AWS Glue job: catalog tables read as DynamicFrames, joined with Glue's transforms, written as Parquet.
import sys

from awsglue.context import GlueContext
from awsglue.dynamicframe import DynamicFrame
from awsglue.job import Job
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from pyspark.sql import functions as F

args = getResolvedOptions(sys.argv, ["JOB_NAME", "output_path"])
glue_context = GlueContext(SparkContext.getOrCreate())
spark = glue_context.spark_session
job = Job(glue_context)
job.init(args["JOB_NAME"], args)

persons = glue_context.create_dynamic_frame.from_catalog(database="legislators", table_name="persons_json")
memberships = glue_context.create_dynamic_frame_from_catalog(database="legislators", table_name="memberships_json")
orgs = glue_context.create_data_frame.from_catalog(database="legislators", table_name="organizations_json")

history = Join.apply(persons, memberships, "id", "person_id").drop_fields(["person_id"])
history = ApplyMapping.apply(frame=history, mappings=[("id", "string", "id", "string"), ("name", "string", "name", "string")])
history_df = history.toDF()
history_df.printSchema()  # expect: SPK106
print(history_df.count())

# the whole joined table on the driver, then in pandas
names = [row.name for row in history_df.collect()]  # expect: SPK101
pdf = orgs.toPandas()  # expect: SPK102
preview = history_df.limit(20).collect()

single = DynamicFrame.fromDF(history_df.repartition(1), glue_context, "single")  # expect: SPK306
history_df.repartition(1).write.parquet(args["output_path"])  # expect: SPK306
glue_context.write_dynamic_frame.from_options(frame=single, connection_type="s3", connection_options={"path": args["output_path"]}, format="parquet")
print(history.count())
history.show(5)  # expect: SPK106

# nested JSON flattened into a collection of tables, one selected by key
flat = Relationalize.apply(frame=persons, staging_path=args["output_path"] + "/tmp", name="root")
root_rows = SelectFromCollection.apply(flat, key="root").toDF().collect()  # expect: SPK101
contacts = flat.select("root_contact_details").toDF().limit(10).collect()
job.commit()
