"""Reads bedrock-runtime's two streaming operations with boto3 from ENDPOINT (argv[1]) and
prints what it got, one JSON line per event or error: a client nobody in this project
wrote, reading the generated server."""
import base64
import json
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import EventStreamError

endpoint = sys.argv[1]
client = boto3.client(
    "bedrock-runtime", endpoint_url=endpoint, region_name="us-east-1",
    aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="secret",
    config=Config(retries={"max_attempts": 1}),
)


def out(**kw):
    print(json.dumps(kw, sort_keys=True, default=str), flush=True)


def read(op, stream, key):
    try:
        for ev in stream:
            if key == "chunk":
                out(op=op, event="chunk", bytes=ev["chunk"]["bytes"].decode())
            else:
                (name, body), = ev.items()
                out(op=op, event=name, body=body)
        out(op=op, end=True)
    except EventStreamError as e:
        out(op=op, error=e.response["Error"]["Code"], message=e.response["Error"]["Message"],
            original=e.response.get("originalStatusCode"))


for model in ["ok-model", "fail-model"]:
    resp = client.converse_stream(modelId=model, messages=[{"role": "user", "content": [{"text": "hi"}]}])
    read("converse/" + model, resp["stream"], "converse")
    resp = client.invoke_model_with_response_stream(modelId=model, body=b'{"prompt":"hi"}')
    out(op="invoke/" + model, contentType=resp["contentType"])
    read("invoke/" + model, resp["body"], "chunk")
