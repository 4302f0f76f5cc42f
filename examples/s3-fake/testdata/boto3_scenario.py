"""boto3 against the s3 fake: S3_ENDPOINT is its URL; credentials and the path
addressing style come from the environment (AWS_* and AWS_CONFIG_FILE). Exits non-zero
with a message on the first check that fails."""
import base64
import hashlib
import io
import os
import sys

import boto3
from boto3.s3.transfer import TransferConfig
from botocore.exceptions import ClientError

s3 = boto3.client("s3", endpoint_url=os.environ["S3_ENDPOINT"])
B = "boto3-bucket"


def check(cond, what):
    if not cond:
        sys.exit("boto3: " + what)


def code_of(fn, **kw):
    try:
        fn(**kw)
    except ClientError as e:
        return e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"]
    return None, 200


s3.create_bucket(Bucket=B)
s3.head_bucket(Bucket=B)
check(B in [b["Name"] for b in s3.list_buckets()["Buckets"]], "list_buckets lacks the bucket")
s3.create_bucket(Bucket=B)  # us-east-1 answers 200 to creating a bucket one owns again

body = b"hello from boto3 " * 100
put = s3.put_object(Bucket=B, Key="dir/hello.txt", Body=body, ContentType="text/plain",
                    ContentEncoding="gzip", Metadata={"color": "blue", "Mixed": "Case"})
etag = '"%s"' % hashlib.md5(body).hexdigest()
check(put["ETag"] == etag, "put ETag %s, want %s" % (put["ETag"], etag))
got = s3.get_object(Bucket=B, Key="dir/hello.txt")
check(got["Body"].read() == body, "get body differs")
check(got["ContentType"] == "text/plain" and got["ContentEncoding"] == "gzip", "content headers %r" % got)
check(got["Metadata"] == {"color": "blue", "mixed": "Case"}, "metadata %r" % got["Metadata"])
check(got["ResponseMetadata"].get("RequestId"), "no request id")
head = s3.head_object(Bucket=B, Key="dir/hello.txt")
check(head["ContentLength"] == len(body) and head["ETag"] == etag, "head_object %r" % head)

r = s3.get_object(Bucket=B, Key="dir/hello.txt", Range="bytes=6-9")
check(r["Body"].read() == body[6:10], "range body")
check(r["ContentRange"] == "bytes 6-9/%d" % len(body), "Content-Range %r" % r.get("ContentRange"))
check(r["ResponseMetadata"]["HTTPStatusCode"] == 206, "range status")
check(code_of(s3.get_object, Bucket=B, Key="dir/hello.txt", IfNoneMatch=etag) == ("304", 304), "If-None-Match")
check(code_of(s3.get_object, Bucket=B, Key="dir/hello.txt", IfMatch='"nope"')[0] == "PreconditionFailed", "If-Match")
check(code_of(s3.head_object, Bucket=B, Key="missing")[1] == 404, "head of a missing key")
check(code_of(s3.get_object, Bucket=B, Key="missing")[0] == "NoSuchKey", "get of a missing key")
check(code_of(s3.get_object, Bucket=B, Key="dir/hello.txt", Range="bytes=99999-")[0] == "InvalidRange", "range past the end")
check(code_of(s3.put_object, Bucket=B, Key="dir/hello.txt", Body=b"x", IfNoneMatch="*")[0] == "PreconditionFailed", "If-None-Match * on put")

algorithms = ["CRC32", "SHA1", "SHA256"]
try:  # botocore computes CRC32C and CRC64NVME only with awscrt (sdktest covers them)
    import awscrt  # noqa: F401
    algorithms += ["CRC32C", "CRC64NVME"]
except ImportError:
    pass
for alg in algorithms:
    o = s3.put_object(Bucket=B, Key="sum/" + alg, Body=body, ChecksumAlgorithm=alg)
    check(o.get("Checksum" + alg), "put %s: no checksum in %r" % (alg, o))
    g = s3.get_object(Bucket=B, Key="sum/" + alg, ChecksumMode="ENABLED")
    check(g["Body"].read() == body and g.get("Checksum" + alg) == o["Checksum" + alg], "get %s checksum" % alg)
want = base64.b64encode(hashlib.sha256(body).digest()).decode()
check(s3.head_object(Bucket=B, Key="sum/SHA256", ChecksumMode="ENABLED")["ChecksumSHA256"] == want, "SHA256 value")

c = s3.copy_object(Bucket=B, Key="copy.txt", CopySource={"Bucket": B, "Key": "dir/hello.txt"},
                   MetadataDirective="REPLACE", Metadata={"new": "1"}, ContentType="text/x")
check(c["CopyObjectResult"]["ETag"] == etag, "copy ETag")
g = s3.get_object(Bucket=B, Key="copy.txt")
check(g["Body"].read() == body and g["Metadata"] == {"new": "1"} and g["ContentType"] == "text/x", "copied object")

for i in range(7):
    s3.put_object(Bucket=B, Key="list/%d/item" % (i % 3) if i < 5 else "list/top%d" % i, Body=b"x")
pages = s3.get_paginator("list_objects_v2").paginate(Bucket=B, Prefix="list/", Delimiter="/", PaginationConfig={"PageSize": 2})
keys, prefixes, n = [], [], 0
for p in pages:
    n += 1
    keys += [o["Key"] for o in p.get("Contents", [])]
    prefixes += [c["Prefix"] for c in p.get("CommonPrefixes", [])]
check(keys == ["list/top5", "list/top6"] and prefixes == ["list/0/", "list/1/", "list/2/"], "list %r %r" % (keys, prefixes))
check(n == 3, "%d pages of 2" % n)

d = s3.delete_objects(Bucket=B, Delete={"Objects": [{"Key": "list/top5"}, {"Key": "list/top6"}]})
check(sorted(x["Key"] for x in d["Deleted"]) == ["list/top5", "list/top6"], "delete_objects %r" % d)
s3.delete_object(Bucket=B, Key="copy.txt")
check(code_of(s3.head_object, Bucket=B, Key="copy.txt")[1] == 404, "deleted object still there")

# multipart through s3transfer (upload_fileobj / download_fileobj), with CRC32 parts
big = os.urandom(13 * 1024 * 1024)
cfg = TransferConfig(multipart_threshold=5 * 1024 * 1024, multipart_chunksize=5 * 1024 * 1024)
s3.upload_fileobj(io.BytesIO(big), B, "big.bin", Config=cfg)
h = s3.head_object(Bucket=B, Key="big.bin")
md5s = b"".join(hashlib.md5(big[i:i + 5 * 1024 * 1024]).digest() for i in range(0, len(big), 5 * 1024 * 1024))
check(h["ETag"] == '"%s-3"' % hashlib.md5(md5s).hexdigest(), "multipart ETag %s" % h["ETag"])
out = io.BytesIO()
s3.download_fileobj(B, "big.bin", out, Config=cfg)
check(out.getvalue() == big, "multipart download differs")

# multipart by hand: list_parts, abort
u = s3.create_multipart_upload(Bucket=B, Key="manual", ChecksumAlgorithm="SHA256")
p1 = s3.upload_part(Bucket=B, Key="manual", UploadId=u["UploadId"], PartNumber=1, Body=b"a" * (5 * 1024 * 1024), ChecksumAlgorithm="SHA256")
p2 = s3.upload_part(Bucket=B, Key="manual", UploadId=u["UploadId"], PartNumber=2, Body=b"tail", ChecksumAlgorithm="SHA256")
lp = s3.list_parts(Bucket=B, Key="manual", UploadId=u["UploadId"])
check([p["PartNumber"] for p in lp["Parts"]] == [1, 2] and lp["Parts"][1]["Size"] == 4, "list_parts %r" % lp["Parts"])
done = s3.complete_multipart_upload(Bucket=B, Key="manual", UploadId=u["UploadId"], MultipartUpload={"Parts": [
    {"PartNumber": 1, "ETag": p1["ETag"], "ChecksumSHA256": p1["ChecksumSHA256"]},
    {"PartNumber": 2, "ETag": p2["ETag"], "ChecksumSHA256": p2["ChecksumSHA256"]}]})
check(done["ETag"].endswith('-2"') and done["ChecksumSHA256"].endswith("-2"), "complete %r" % done)
check(s3.get_object(Bucket=B, Key="manual")["Body"].read() == b"a" * (5 * 1024 * 1024) + b"tail", "manual multipart body")
u = s3.create_multipart_upload(Bucket=B, Key="aborted")
s3.abort_multipart_upload(Bucket=B, Key="aborted", UploadId=u["UploadId"])
check(code_of(s3.list_parts, Bucket=B, Key="aborted", UploadId=u["UploadId"])[0] == "NoSuchUpload", "aborted upload")

check(code_of(s3.delete_bucket, Bucket=B)[0] == "BucketNotEmpty", "delete of a non-empty bucket")
for p in s3.get_paginator("list_objects_v2").paginate(Bucket=B):
    for o in p.get("Contents", []):
        s3.delete_object(Bucket=B, Key=o["Key"])
s3.delete_bucket(Bucket=B)
check(code_of(s3.head_bucket, Bucket=B)[1] == 404, "deleted bucket")
print("boto3: ok")
