# An AWS Glue streaming job: a Kinesis table read from the catalog, each micro-batch written to S3.
import sys

from awsglue.context import GlueContext
from awsglue.dynamicframe import DynamicFrame
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME", "output_path", "checkpoint"])
glue_context = GlueContext(SparkContext.getOrCreate())
job = Job(glue_context)
job.init(args["JOB_NAME"], args)

clicks = glue_context.create_data_frame.from_catalog(
    database="streams",
    table_name="clicks_kinesis",
    additional_options={"startingPosition": "TRIM_HORIZON", "inferSchema": "true"},
)
print(clicks.count())  # expect: SPK109
orders = glue_context.create_data_frame.from_options(connection_type="kafka", connection_options={"connectionName": "msk", "topicName": "orders"})
orders.show()  # expect: SPK109


def process_batch(data_frame, batch_id):
    if data_frame.count() > 0:  # expect: SPK104
        batch = DynamicFrame.fromDF(data_frame, glue_context, "batch")
        glue_context.write_dynamic_frame.from_options(frame=batch, connection_type="s3", connection_options={"path": args["output_path"]}, format="parquet")


glue_context.forEachBatch(frame=clicks, batch_function=process_batch, options={"windowSize": "100 seconds", "checkpointLocation": args["checkpoint"]})
job.commit()
