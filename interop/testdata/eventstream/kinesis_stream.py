"""Reads Kinesis SubscribeToShard (awsJson 1.1: an initial-response, then the events)
with boto3 from ENDPOINT (argv[1]) and prints one JSON line per event or error."""
import json
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import EventStreamError

client = boto3.client(
    "kinesis", endpoint_url=sys.argv[1], region_name="us-east-1",
    aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="secret",
    config=Config(retries={"max_attempts": 1}),
)


def out(**kw):
    print(json.dumps(kw, sort_keys=True, default=str), flush=True)


for shard in ["shardId-000000000001", "shardId-000000000404"]:
    resp = client.subscribe_to_shard(
        ConsumerARN="arn:aws:kinesis:us-east-1:123456789012:stream/s/consumer/c:1",
        ShardId=shard, StartingPosition={"Type": "LATEST"})
    try:
        for ev in resp["EventStream"]:
            e = ev["SubscribeToShardEvent"]
            out(shard=shard, records=[[r["PartitionKey"], r["Data"].decode()] for r in e["Records"]],
                cont=e["ContinuationSequenceNumber"], behind=e["MillisBehindLatest"])
        out(shard=shard, end=True)
    except EventStreamError as e:
        out(shard=shard, error=e.response["Error"]["Code"], message=e.response["Error"]["Message"])
