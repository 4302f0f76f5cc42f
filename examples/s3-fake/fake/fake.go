/*
Package fake is an in-memory S3 for tests and local development: buckets, objects
(PutObject, GetObject with Range and conditional headers, HeadObject, DeleteObject,
DeleteObjects, CopyObject), ListObjectsV2 with prefixes, delimiters and pages, and
multipart uploads (CreateMultipartUpload, UploadPart, CompleteMultipartUpload,
AbortMultipartUpload, ListParts). It implements the operations of the S3 model the
project ships (models/s3) and is safe for concurrent use.

What it models:

  - Buckets follow S3's naming rules and live in the store's region unless
    CreateBucket gives a LocationConstraint. Deleting a bucket with objects or
    uploads is BucketNotEmpty.
  - An object keeps its bytes once, as written, and its Content-Type
    (binary/octet-stream when none is sent), Content-Encoding, Cache-Control,
    Content-Disposition, Content-Language, Expires and user metadata (x-amz-meta-*,
    names lower-cased as S3 does). Last-Modified has a resolution of a second.
  - The ETag is the hex MD5 of the object in quotes; after a multipart upload it is
    the MD5 of the parts' MD5s, "-" and the number of parts. Content-MD5 is checked.
  - Checksums: CRC32, CRC32C, CRC64NVME, SHA1 and SHA256 (runtime/checksum). A
    checksum sent with PutObject or UploadPart is checked (BadDigest); the object keeps
    the algorithm sent or asked for, or CRC64NVME as S3 does by default. GetObject and
    HeadObject send it when asked (x-amz-checksum-mode: ENABLED) for the whole object.
    A multipart upload created with an algorithm keeps the checksum of every part; the
    object's is COMPOSITE (the checksum of the parts' checksums, "-N") or FULL_OBJECT
    (CRC64NVME, or as x-amz-checksum-type asks).
  - Conditional requests: GetObject and HeadObject evaluate If-Match and
    If-Unmodified-Since (412 PreconditionFailed), If-None-Match and If-Modified-Since
    (304) as S3 does; PutObject and CompleteMultipartUpload take If-None-Match: * and
    If-Match; CopyObject the x-amz-copy-source-if-* headers.
  - Range: one range of bytes (a-b, a-, -n), answered with Content-Range; a start past
    the end is 416 InvalidRange; what S3 ignores (several ranges, other units) gets
    the whole object. partNumber reads one part of a multipart object.
  - ListObjectsV2 walks the keys in order (a sorted index: a page costs O(log n +
    page)), rolls keys up into common prefixes at the delimiter, counts both against
    MaxKeys (at most 1000), and hands out an opaque continuation token; encoding-type
    url encodes keys and prefixes.
  - Multipart: parts 1..10000, every part but the last at least 5 MiB, parts listed in
    ascending order with their ETags (InvalidPart, InvalidPartOrder, EntityTooSmall).
    The parts become the object's segments without being copied.
  - No versioning (versionId "null" only), no ACLs, policies, encryption, tagging or
    storage classes; every bucket and object has one owner.
*/
package fake

import "io"

// DefaultRegion is the region of buckets created without a LocationConstraint.
const DefaultRegion = "us-east-1"

// readCloser is a GetObject body: the reader over the stored bytes, nothing to close.
type readCloser struct{ io.Reader }

func (readCloser) Close() error { return nil }
