# An AWS Glue job written as a class: the Glue context is made in __init__ and read in the other methods.
import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext


class OrdersJob:
    def __init__(self):
        self.args = getResolvedOptions(sys.argv, ["JOB_NAME", "output"])
        self.glue_context = GlueContext(SparkContext.getOrCreate())
        self.job = Job(self.glue_context)
        self.job.init(self.args["JOB_NAME"], self.args)

    def extract(self):
        orders = self.glue_context.create_dynamic_frame.from_catalog(database="sales", table_name="orders").toDF()
        orders.show()  # expect: SPK106
        return orders

    def load(self, orders):
        ids = [row.order_id for row in orders.collect()]
        orders.write.mode("overwrite").parquet(self.args["output"])
        self.job.commit()
        return ids


if __name__ == "__main__":
    job = OrdersJob()
    job.load(job.extract())
