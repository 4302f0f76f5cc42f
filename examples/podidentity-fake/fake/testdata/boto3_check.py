"""Drives the fake with boto3 (a client nobody here wrote) and checks what it sees.

Usage: python3 boto3_check.py ENDPOINT ACCESS_KEY_ID SECRET_ACCESS_KEY
Prints one line per check; exits 1 if any failed.
"""
import base64
import json
import sys
import time

import boto3
import botocore
from botocore.config import Config
from botocore.exceptions import ClientError

endpoint, key_id, secret = sys.argv[1:4]
failures = []


def check(name, ok, detail=""):
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else ": " + str(detail)))
    if not ok:
        failures.append(name)


def client(service, **kw):
    cfg = kw.pop("config", Config(retries={"max_attempts": 1}))
    return boto3.client(service, endpoint_url=endpoint, region_name="us-west-2",
                        aws_access_key_id=kw.pop("key_id", key_id),
                        aws_secret_access_key=kw.pop("secret", secret), config=cfg, **kw)


def error_of(call):
    try:
        call()
    except ClientError as e:
        return e.response
    return None


eks = client("eks")

# a success carries a request id, the one in the header
out = eks.create_pod_identity_association(
    clusterName="prod", namespace="ns", serviceAccount="sa",
    roleArn="arn:aws:iam::111122223333:role/app", tags={"team": "a"})
md = out["ResponseMetadata"]
check("create: ResponseMetadata.RequestId", md.get("RequestId") and md["RequestId"] == md["HTTPHeaders"].get("x-amzn-requestid"), md)
assoc_id = out["association"]["associationId"]
check("create: association id", assoc_id.startswith("a-"), assoc_id)

# so does an error, a modeled one boto3 knows by its code
resp = error_of(lambda: eks.describe_pod_identity_association(clusterName="prod", associationId="a-nope"))
check("describe missing: ResourceNotFoundException", resp and resp["Error"]["Code"] == "ResourceNotFoundException", resp)
check("describe missing: RequestId", resp and resp["ResponseMetadata"].get("RequestId"), resp)
ids = {md["RequestId"], resp["ResponseMetadata"]["RequestId"]}
check("request ids differ", len(ids) == 2, ids)

# paging
for i in range(5):
    eks.create_pod_identity_association(clusterName="paged", namespace="ns", serviceAccount="sa%d" % i,
                                        roleArn="arn:aws:iam::111122223333:role/app")
pages = eks.get_paginator("list_pod_identity_associations").paginate(
    clusterName="paged", PaginationConfig={"PageSize": 2})
seen = [a["serviceAccount"] for p in pages for a in p["associations"]]
check("paginator: every association once, in order", seen == ["sa%d" % i for i in range(5)], seen)

# validation: boto3's own checks off, the server's answer read from the wire
raw = {}


def keep_body(http_response, **kw):
    raw["body"] = http_response.content


lax = client("eks", config=Config(parameter_validation=False, retries={"max_attempts": 1}))
lax.meta.events.register("after-call.eks.ListPodIdentityAssociations", keep_body)
resp = error_of(lambda: lax.list_pod_identity_associations(clusterName="prod", maxResults=0))
check("maxResults 0: InvalidParameterException", resp and resp["Error"]["Code"] == "InvalidParameterException", resp)
check("maxResults 0: RequestId", resp and resp["ResponseMetadata"].get("RequestId"), resp)
try:
    fields = json.loads(raw.get("body", b"{}")).get("fieldList")
except ValueError:
    fields = None
check("maxResults 0: fieldList path /maxResults", fields and [f["path"] for f in fields] == ["/maxResults"], raw)

lax.meta.events.register("after-call.eks.CreatePodIdentityAssociation", keep_body)
resp = error_of(lambda: lax.create_pod_identity_association(
    clusterName="prod", namespace="ns", serviceAccount="sb", roleArn="r", tags={"": "v"}))
fields = json.loads(raw.get("body", b"{}")).get("fieldList") or []
check("empty tag key: fieldList path /tags/", [f["path"] for f in fields] == ["/tags/"], raw)

# another Content-Type than application/json: 415 (set before signing, so that the
# signature is good)
def wrong_type(request, **kw):
    del request.headers["Content-Type"]  # assigning would add a second header
    request.headers["Content-Type"] = "application/x-www-form-urlencoded"


odd = client("eks")
odd.meta.events.register("before-sign.eks.CreatePodIdentityAssociation", wrong_type)
resp = error_of(lambda: odd.create_pod_identity_association(
    clusterName="prod", namespace="ns", serviceAccount="sc", roleArn="arn:aws:iam::111122223333:role/app"))
check("wrong Content-Type: 415 UnsupportedMediaTypeException",
      resp and resp["ResponseMetadata"]["HTTPStatusCode"] == 415 and resp["Error"]["Code"] == "UnsupportedMediaTypeException", resp)
check("wrong Content-Type: RequestId", resp and resp["ResponseMetadata"].get("RequestId"), resp)

# signatures are checked
unsigned = client("eks", config=Config(signature_version=botocore.UNSIGNED, retries={"max_attempts": 1}))
resp = error_of(lambda: unsigned.list_pod_identity_associations(clusterName="prod"))
check("unsigned: 403 MissingAuthenticationTokenException",
      resp and resp["ResponseMetadata"]["HTTPStatusCode"] == 403 and resp["Error"]["Code"] == "MissingAuthenticationTokenException", resp)
bad = client("eks", secret="not-the-secret")
resp = error_of(lambda: bad.list_pod_identity_associations(clusterName="prod"))
check("wrong secret: 403 InvalidSignatureException",
      resp and resp["ResponseMetadata"]["HTTPStatusCode"] == 403 and resp["Error"]["Code"] == "InvalidSignatureException", resp)

# EKS Auth (signing name eks-auth) on the same endpoint


def b64(obj):
    return base64.urlsafe_b64encode(json.dumps(obj).encode()).rstrip(b"=").decode()


token = b64({"alg": "none"}) + "." + b64({"sub": "system:serviceaccount:ns:sa", "exp": int(time.time()) + 3600}) + ".c2ln"
out = client("eks-auth").assume_role_for_pod_identity(clusterName="prod", token=token)
check("assume role: ASIA key and RequestId",
      out["credentials"]["accessKeyId"].startswith("ASIA") and out["ResponseMetadata"].get("RequestId"), out)

sys.exit(1 if failures else 0)
