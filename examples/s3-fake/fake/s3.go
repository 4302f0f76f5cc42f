package fake

import (
	"context"
	"crypto/md5"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	s3 "github.com/svcgen/svcgen/gen/s3"
	"github.com/svcgen/svcgen/gen/s3/types"
	"github.com/svcgen/svcgen/runtime/checksum"
)

// Limits of S3 the fake keeps.
const (
	// MaxObjectSize is the largest body of one PutObject (S3: 5 GiB).
	MaxObjectSize = 5 << 30
	// MinPartSize is the smallest part of a multipart upload but the last (S3: 5 MiB).
	MinPartSize = 5 << 20
	// MaxParts is the largest part number.
	MaxParts = 10000
	// DefaultMaxKeys is the page size of ListObjectsV2 and ListParts.
	DefaultMaxKeys = 1000
)

// Store is the in-memory S3: buckets, objects and multipart uploads. Its methods are
// the operations of the generated Service interface (gen/s3); it is safe for
// concurrent use.
type Store struct {
	region string
	now    func() time.Time

	mu      sync.Mutex
	buckets map[string]*bucket
}

// NewStore returns an empty store whose buckets are in region (us-east-1 if empty).
func NewStore(region string) *Store {
	if region == "" {
		region = DefaultRegion
	}
	return &Store{region: region, now: time.Now, buckets: map[string]*bucket{}}
}

func (s *Store) clock() time.Time { return s.now().UTC().Truncate(time.Second) }

// bucket returns the named bucket; s.mu is held.
func (s *Store) bucket(name string) (*bucket, error) {
	b := s.buckets[name]
	if b == nil {
		return nil, &types.NoSuchBucket{Message: ptr("The specified bucket does not exist")}
	}
	return b, nil
}

func ptr[T any](v T) *T { return &v }

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

func noSuchKey() error { return &types.NoSuchKey{Message: ptr("The specified key does not exist.")} }

func noSuchUpload() error {
	return &types.NoSuchUpload{Message: ptr("The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.")}
}

// CreateBucket creates an empty bucket.
func (s *Store) CreateBucket(_ context.Context, in *s3.CreateBucketInput) (*s3.CreateBucketOutput, error) {
	if !validBucketName(in.Bucket) {
		return nil, errorf(http.StatusBadRequest, "InvalidBucketName", "The specified bucket is not valid.")
	}
	region := s.region
	if c := in.CreateBucketConfiguration; c != nil && deref(c.LocationConstraint) != "" {
		region = *c.LocationConstraint
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if b := s.buckets[in.Bucket]; b != nil {
		if b.region == DefaultRegion && region == DefaultRegion {
			// us-east-1 answers 200 to creating a bucket one owns again
			return &s3.CreateBucketOutput{Location: ptr("/" + in.Bucket)}, nil
		}
		return nil, &types.BucketAlreadyOwnedByYou{Message: ptr("Your previous request to create the named bucket succeeded and you already own it.")}
	}
	s.buckets[in.Bucket] = &bucket{name: in.Bucket, region: region, created: s.clock(), objects: map[string]*object{}, uploads: map[string]*upload{}}
	return &s3.CreateBucketOutput{Location: ptr("/" + in.Bucket)}, nil
}

// DeleteBucket deletes an empty bucket.
func (s *Store) DeleteBucket(_ context.Context, in *s3.DeleteBucketInput) (*s3.DeleteBucketOutput, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, err := s.bucket(in.Bucket)
	if err != nil {
		return nil, err
	}
	if len(b.objects) > 0 || len(b.uploads) > 0 {
		return nil, errorf(http.StatusConflict, "BucketNotEmpty", "The bucket you tried to delete is not empty")
	}
	delete(s.buckets, in.Bucket)
	return &s3.DeleteBucketOutput{}, nil
}

// HeadBucket answers whether the bucket exists, with its region.
func (s *Store) HeadBucket(_ context.Context, in *s3.HeadBucketInput) (*s3.HeadBucketOutput, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, err := s.bucket(in.Bucket)
	if err != nil {
		return nil, err
	}
	return &s3.HeadBucketOutput{BucketRegion: ptr(b.region)}, nil
}

// ListBuckets lists every bucket by name (one page: the fake ignores MaxBuckets'
// paging, and filters by Prefix and BucketRegion).
func (s *Store) ListBuckets(_ context.Context, in *s3.ListBucketsInput) (*s3.ListBucketsOutput, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := &s3.ListBucketsOutput{Owner: owner(), Prefix: in.Prefix, Buckets: []types.Bucket{}}
	for _, name := range slices.Sorted(maps.Keys(s.buckets)) {
		b := s.buckets[name]
		if !strings.HasPrefix(name, deref(in.Prefix)) || in.BucketRegion != nil && *in.BucketRegion != b.region {
			continue
		}
		out.Buckets = append(out.Buckets, types.Bucket{Name: ptr(name), CreationDate: ptr(b.created), BucketRegion: ptr(b.region)})
	}
	return out, nil
}

func owner() *types.Owner {
	return &types.Owner{ID: ptr(CanonicalUserID), DisplayName: ptr("fake")}
}

// CanonicalUserID is the owner of every bucket and object.
const CanonicalUserID = "75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a"

func headersOf(cacheControl, contentDisposition, contentEncoding, contentLanguage, contentType *string, expires *time.Time, metadata map[string]string) entityHeaders {
	h := entityHeaders{cacheControl: cacheControl, contentDisposition: contentDisposition, contentEncoding: contentEncoding,
		contentLanguage: contentLanguage, contentType: contentType, expires: expires}
	if len(metadata) > 0 {
		h.metadata = make(map[string]string, len(metadata))
		for k, v := range metadata {
			h.metadata[strings.ToLower(k)] = v
		}
	}
	if h.contentType == nil {
		h.contentType = ptr("binary/octet-stream")
	}
	return h
}

// PutObject stores an object. Its body is read once into one buffer of its
// Content-Length: that buffer is the object's only copy.
func (s *Store) PutObject(_ context.Context, in *s3.PutObjectInput) (*s3.PutObjectOutput, error) {
	s.mu.Lock()
	_, err := s.bucket(in.Bucket)
	if err == nil {
		err = s.checkWrite(in.Bucket, in.Key, in.IfMatch, in.IfNoneMatch)
	}
	s.mu.Unlock()
	if err != nil {
		return nil, err
	}
	data, err := readBody(in.Body, in.ContentLength, MaxObjectSize)
	if err != nil {
		return nil, err
	}
	etag, alg, value, err := verify(data, in.ContentMD5, sums{checksum.CRC32: in.ChecksumCRC32, checksum.CRC32C: in.ChecksumCRC32C,
		checksum.CRC64NVME: in.ChecksumCRC64NVME, checksum.SHA1: in.ChecksumSHA1, checksum.SHA256: in.ChecksumSHA256}, in.ChecksumAlgorithm)
	if err != nil {
		return nil, err
	}
	o := &object{segments: [][]byte{data}, size: int64(len(data)), etag: etag,
		headers:   headersOf(in.CacheControl, in.ContentDisposition, in.ContentEncoding, in.ContentLanguage, in.ContentType, in.Expires, in.Metadata),
		algorithm: alg, checksum: value, checksumType: string(types.ChecksumTypeFullObject)}
	s.mu.Lock()
	defer s.mu.Unlock()
	b, err := s.bucket(in.Bucket)
	if err != nil {
		return nil, err
	}
	// the conditions again: another writer may have come first while the body was read
	if err := s.checkWrite(in.Bucket, in.Key, in.IfMatch, in.IfNoneMatch); err != nil {
		return nil, err
	}
	o.lastModified = s.clock()
	b.put(in.Key, o)
	out := &s3.PutObjectOutput{ETag: ptr(etag), ChecksumType: ptr(types.ChecksumTypeFullObject), Size: ptr(o.size)}
	setSums(alg, value, &out.ChecksumCRC32, &out.ChecksumCRC32C, &out.ChecksumCRC64NVME, &out.ChecksumSHA1, &out.ChecksumSHA256)
	return out, nil
}

// checkWrite evaluates the conditional headers of a write (PutObject,
// CompleteMultipartUpload): If-None-Match "*" refuses to overwrite, If-Match requires
// the current ETag. s.mu is held.
func (s *Store) checkWrite(bucketName, key string, ifMatch, ifNoneMatch *string) error {
	cur := s.buckets[bucketName].objects[key]
	if ifNoneMatch != nil {
		if strings.TrimSpace(*ifNoneMatch) != "*" {
			return errorf(http.StatusNotImplemented, "NotImplemented", "A header you provided implies functionality that is not implemented: If-None-Match takes only *")
		}
		if cur != nil {
			return errorf(http.StatusPreconditionFailed, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold")
		}
	}
	if ifMatch != nil {
		if cur == nil {
			return noSuchKey()
		}
		if !etagMatches(*ifMatch, cur.etag) {
			return errorf(http.StatusPreconditionFailed, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold")
		}
	}
	return nil
}

// lookup finds an object for GET or HEAD and checks the conditions on it.
func (s *Store) lookup(bucketName, key string, versionID *string) (*object, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, err := s.bucket(bucketName)
	if err != nil {
		return nil, err
	}
	o := b.objects[key]
	if o == nil {
		return nil, noSuchKey()
	}
	if versionID != nil && *versionID != "null" {
		return nil, errorf(http.StatusBadRequest, "InvalidArgument", "Invalid version id specified")
	}
	return o, nil
}

// objectView is what GetObject and HeadObject answer about an object: the byte range
// and the headers.
type objectView struct {
	start, end   int64
	contentRange *string
	partsCount   *int32
	sum          string // the checksum to send, if any
}

func view(o *object, rangeHeader *string, partNumber *int32, mode *types.ChecksumMode) (objectView, error) {
	v := objectView{end: o.size}
	switch {
	case partNumber != nil:
		if *partNumber < 1 || *partNumber > max(o.partsCount, 1) {
			return v, errorf(http.StatusRequestedRangeNotSatisfiable, "InvalidPartNumber", "The requested partnumber is not satisfiable")
		}
		if o.partsCount > 0 {
			var off int64
			for _, seg := range o.segments[:*partNumber-1] {
				off += int64(len(seg))
			}
			v.start, v.end = off, off+int64(len(o.segments[*partNumber-1]))
			v.partsCount = ptr(o.partsCount)
			v.contentRange = ptr(fmt.Sprintf("bytes %d-%d/%d", v.start, v.end-1, o.size))
		}
	case rangeHeader != nil:
		start, end, ok, err := parseRange(*rangeHeader, o.size)
		if err != nil {
			return v, err
		}
		if ok {
			v.start, v.end = start, end
			v.contentRange = ptr(fmt.Sprintf("bytes %d-%d/%d", start, end-1, o.size))
		}
	}
	if o.partsCount > 0 && v.partsCount == nil {
		v.partsCount = ptr(o.partsCount)
	}
	if mode != nil && *mode == types.ChecksumModeEnabled && v.contentRange == nil {
		v.sum = o.checksum
	}
	return v, nil
}

// GetObject answers an object or a range of it, streamed from the stored copy.
func (s *Store) GetObject(_ context.Context, in *s3.GetObjectInput) (*s3.GetObjectOutput, error) {
	o, err := s.lookup(in.Bucket, in.Key, in.VersionId)
	if err != nil {
		return nil, err
	}
	if err := preconditions(o, in.IfMatch, in.IfNoneMatch, in.IfModifiedSince, in.IfUnmodifiedSince); err != nil {
		return nil, err
	}
	v, err := view(o, in.Range, in.PartNumber, in.ChecksumMode)
	if err != nil {
		return nil, err
	}
	h := o.headers
	out := &s3.GetObjectOutput{Body: readCloser{o.reader(v.start, v.end)}, AcceptRanges: ptr("bytes"),
		ContentLength: ptr(v.end - v.start), ContentRange: v.contentRange, ETag: ptr(o.etag), LastModified: ptr(o.lastModified),
		PartsCount: v.partsCount, CacheControl: h.cacheControl, ContentDisposition: h.contentDisposition,
		ContentEncoding: h.contentEncoding, ContentLanguage: h.contentLanguage, ContentType: h.contentType,
		Expires: h.expires, Metadata: maps.Clone(h.metadata)}
	if v.sum != "" {
		out.ChecksumType = ptr(types.ChecksumType(o.checksumType))
		setSums(o.algorithm, v.sum, &out.ChecksumCRC32, &out.ChecksumCRC32C, &out.ChecksumCRC64NVME, &out.ChecksumSHA1, &out.ChecksumSHA256)
	}
	return out, nil
}

// HeadObject answers GetObject's headers without the body.
func (s *Store) HeadObject(_ context.Context, in *s3.HeadObjectInput) (*s3.HeadObjectOutput, error) {
	o, err := s.lookup(in.Bucket, in.Key, in.VersionId)
	if err != nil {
		return nil, err
	}
	if err := preconditions(o, in.IfMatch, in.IfNoneMatch, in.IfModifiedSince, in.IfUnmodifiedSince); err != nil {
		return nil, err
	}
	v, err := view(o, in.Range, in.PartNumber, in.ChecksumMode)
	if err != nil {
		return nil, err
	}
	h := o.headers
	out := &s3.HeadObjectOutput{AcceptRanges: ptr("bytes"),
		ContentLength: ptr(v.end - v.start), ContentRange: v.contentRange, ETag: ptr(o.etag), LastModified: ptr(o.lastModified),
		PartsCount: v.partsCount, CacheControl: h.cacheControl, ContentDisposition: h.contentDisposition,
		ContentEncoding: h.contentEncoding, ContentLanguage: h.contentLanguage, ContentType: h.contentType,
		Expires: h.expires, Metadata: maps.Clone(h.metadata)}
	if v.sum != "" {
		out.ChecksumType = ptr(types.ChecksumType(o.checksumType))
		setSums(o.algorithm, v.sum, &out.ChecksumCRC32, &out.ChecksumCRC32C, &out.ChecksumCRC64NVME, &out.ChecksumSHA1, &out.ChecksumSHA256)
	}
	return out, nil
}

// DeleteObject deletes an object; deleting one that does not exist succeeds, as in S3.
func (s *Store) DeleteObject(_ context.Context, in *s3.DeleteObjectInput) (*s3.DeleteObjectOutput, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, err := s.bucket(in.Bucket)
	if err != nil {
		return nil, err
	}
	if in.IfMatch != nil {
		o := b.objects[in.Key]
		if o == nil {
			return nil, noSuchKey()
		}
		if !etagMatches(*in.IfMatch, o.etag) {
			return nil, errorf(http.StatusPreconditionFailed, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold")
		}
	}
	b.remove(in.Key)
	return &s3.DeleteObjectOutput{}, nil
}

// DeleteObjects deletes up to 1000 objects; in quiet mode only failures are listed.
func (s *Store) DeleteObjects(_ context.Context, in *s3.DeleteObjectsInput) (*s3.DeleteObjectsOutput, error) {
	if in.Delete == nil || len(in.Delete.Objects) == 0 || len(in.Delete.Objects) > 1000 {
		return nil, errorf(http.StatusBadRequest, "MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	b, err := s.bucket(in.Bucket)
	if err != nil {
		return nil, err
	}
	out := &s3.DeleteObjectsOutput{}
	quiet := deref(in.Delete.Quiet)
	for _, id := range in.Delete.Objects {
		if id.ETag != nil {
			if o := b.objects[id.Key]; o != nil && !etagMatches(*id.ETag, o.etag) {
				out.Errors = append(out.Errors, types.Error{Key: ptr(id.Key), Code: ptr("PreconditionFailed"), Message: ptr("At least one of the pre-conditions you specified did not hold")})
				continue
			}
		}
		b.remove(id.Key)
		if !quiet {
			out.Deleted = append(out.Deleted, types.DeletedObject{Key: ptr(id.Key)})
		}
	}
	return out, nil
}

// CopyObject copies an object (sharing its stored bytes), with its metadata
// (MetadataDirective COPY, the default) or the request's (REPLACE).
func (s *Store) CopyObject(_ context.Context, in *s3.CopyObjectInput) (*s3.CopyObjectOutput, error) {
	srcBucket, srcKey, err := parseCopySource(in.CopySource)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	dst, err := s.bucket(in.Bucket)
	if err != nil {
		return nil, err
	}
	sb, err := s.bucket(srcBucket)
	if err != nil {
		return nil, err
	}
	src := sb.objects[srcKey]
	if src == nil {
		return nil, noSuchKey()
	}
	if err := copyPreconditions(src, in); err != nil {
		return nil, err
	}
	replace := in.MetadataDirective != nil && *in.MetadataDirective == types.MetadataDirectiveReplace
	if srcBucket == in.Bucket && srcKey == in.Key && !replace && in.ChecksumAlgorithm == nil {
		return nil, errorf(http.StatusBadRequest, "InvalidRequest", "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.")
	}
	o := &object{segments: src.segments, size: src.size, headers: src.headers, lastModified: s.clock(), checksumType: string(types.ChecksumTypeFullObject)}
	if replace {
		o.headers = headersOf(in.CacheControl, in.ContentDisposition, in.ContentEncoding, in.ContentLanguage, in.ContentType, in.Expires, in.Metadata)
	}
	h := md5.New()
	src.hashAll(h)
	o.etag = `"` + hex.EncodeToString(h.Sum(nil)) + `"`
	o.algorithm = src.algorithm
	if in.ChecksumAlgorithm != nil {
		o.algorithm = string(*in.ChecksumAlgorithm)
	}
	if o.algorithm == "" || src.checksumType != string(types.ChecksumTypeFullObject) && in.ChecksumAlgorithm == nil {
		o.algorithm = checksum.CRC64NVME
	}
	ch, err := checksum.New(o.algorithm)
	if err != nil {
		return nil, errorf(http.StatusBadRequest, "InvalidRequest", "Checksum algorithm %q is not supported.", o.algorithm)
	}
	src.hashAll(ch)
	o.checksum = checksum.Encode(ch)
	dst.put(in.Key, o)
	res := &types.CopyObjectResult{ETag: ptr(o.etag), LastModified: ptr(o.lastModified), ChecksumType: ptr(types.ChecksumTypeFullObject)}
	setSums(o.algorithm, o.checksum, &res.ChecksumCRC32, &res.ChecksumCRC32C, &res.ChecksumCRC64NVME, &res.ChecksumSHA1, &res.ChecksumSHA256)
	return &s3.CopyObjectOutput{CopyObjectResult: res}, nil
}

// parseCopySource reads x-amz-copy-source: "bucket/key" or "/bucket/key", URL-encoded,
// with an optional "?versionId=".
func parseCopySource(v string) (string, string, error) {
	bad := errorf(http.StatusBadRequest, "InvalidArgument", "Copy Source must mention the source bucket and key: sourcebucket/sourcekey")
	v, version, _ := strings.Cut(v, "?versionId=")
	if version != "" && version != "null" {
		return "", "", errorf(http.StatusBadRequest, "InvalidArgument", "Invalid version id specified")
	}
	v, err := url.PathUnescape(strings.TrimPrefix(v, "/"))
	if err != nil {
		return "", "", bad
	}
	b, k, ok := strings.Cut(v, "/")
	if !ok || b == "" || k == "" {
		return "", "", bad
	}
	return b, k, nil
}

func copyPreconditions(src *object, in *s3.CopyObjectInput) error {
	failed := errorf(http.StatusPreconditionFailed, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold")
	if in.CopySourceIfMatch != nil && !etagMatches(*in.CopySourceIfMatch, src.etag) {
		return failed
	}
	if in.CopySourceIfMatch == nil && in.CopySourceIfUnmodifiedSince != nil && src.lastModified.After(*in.CopySourceIfUnmodifiedSince) {
		return failed
	}
	if in.CopySourceIfNoneMatch != nil && etagMatches(*in.CopySourceIfNoneMatch, src.etag) {
		return failed
	}
	if in.CopySourceIfNoneMatch == nil && in.CopySourceIfModifiedSince != nil && !src.lastModified.After(*in.CopySourceIfModifiedSince) {
		return failed
	}
	return nil
}

// ListObjectsV2 lists keys in order, with common prefixes under a delimiter, a page of
// at most MaxKeys (default 1000) at a time. The continuation token is the last key or
// common prefix of the page before, encoded.
func (s *Store) ListObjectsV2(_ context.Context, in *s3.ListObjectsV2Input) (*s3.ListObjectsV2Output, error) {
	maxKeys := int(deref(in.MaxKeys))
	if in.MaxKeys == nil || maxKeys > DefaultMaxKeys {
		maxKeys = DefaultMaxKeys
	}
	if maxKeys < 0 {
		return nil, errorf(http.StatusBadRequest, "InvalidArgument", "Argument maxKeys must be an integer between 0 and 2147483647")
	}
	prefix, delimiter := deref(in.Prefix), deref(in.Delimiter)
	after, skipUnder := deref(in.StartAfter), ""
	if in.ContinuationToken != nil {
		t, err := base64.RawURLEncoding.DecodeString(*in.ContinuationToken)
		if err != nil || len(t) == 0 {
			return nil, errorf(http.StatusBadRequest, "InvalidArgument", "The continuation token provided is incorrect")
		}
		after = string(t)
		if delimiter != "" && strings.HasSuffix(after, delimiter) && strings.HasPrefix(after, prefix) {
			skipUnder = after
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	b, err := s.bucket(in.Bucket)
	if err != nil {
		return nil, err
	}
	keys, prefixes, truncated, last := listPage(b, prefix, delimiter, after, skipUnder, maxKeys)
	enc := func(v string) string { return v }
	if in.EncodingType != nil {
		if *in.EncodingType != types.EncodingTypeUrl {
			return nil, errorf(http.StatusBadRequest, "InvalidArgument", "Invalid Encoding Method specified in Request")
		}
		enc = func(v string) string { return strings.ReplaceAll(url.QueryEscape(v), "%2F", "/") }
	}
	encp := func(p *string) *string {
		if p == nil {
			return nil
		}
		return ptr(enc(*p))
	}
	out := &s3.ListObjectsV2Output{Name: ptr(b.name), Prefix: ptr(enc(prefix)), Delimiter: encp(in.Delimiter), MaxKeys: ptr(int32(maxKeys)),
		EncodingType: in.EncodingType, KeyCount: ptr(int32(len(keys) + len(prefixes))), IsTruncated: ptr(truncated),
		ContinuationToken: in.ContinuationToken, StartAfter: encp(in.StartAfter)}
	if truncated {
		out.NextContinuationToken = ptr(base64.RawURLEncoding.EncodeToString([]byte(last)))
	}
	for _, k := range keys {
		o := b.objects[k]
		obj := types.Object{Key: ptr(enc(k)), LastModified: ptr(o.lastModified), ETag: ptr(o.etag), Size: ptr(o.size),
			StorageClass: ptr("STANDARD"), ChecksumType: ptr(types.ChecksumType(o.checksumType))}
		if o.algorithm != "" {
			obj.ChecksumAlgorithm = []types.ChecksumAlgorithm{types.ChecksumAlgorithm(o.algorithm)}
		}
		if deref(in.FetchOwner) {
			obj.Owner = owner()
		}
		out.Contents = append(out.Contents, obj)
	}
	for _, p := range prefixes {
		out.CommonPrefixes = append(out.CommonPrefixes, types.CommonPrefix{Prefix: ptr(enc(p))})
	}
	return out, nil
}

// newID is a random upload id.
func newID() string {
	var b [24]byte
	rand.Read(b[:])
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// CreateMultipartUpload starts an upload whose parts come with UploadPart.
func (s *Store) CreateMultipartUpload(_ context.Context, in *s3.CreateMultipartUploadInput) (*s3.CreateMultipartUploadOutput, error) {
	u := &upload{id: newID(), key: in.Key, initiated: s.clock(), parts: map[int32]*part{},
		headers: headersOf(in.CacheControl, in.ContentDisposition, in.ContentEncoding, in.ContentLanguage, in.ContentType, in.Expires, in.Metadata)}
	out := &s3.CreateMultipartUploadOutput{Bucket: ptr(in.Bucket), Key: ptr(in.Key), UploadId: ptr(u.id)}
	if in.ChecksumAlgorithm != nil {
		alg, ok := checksum.Canonical(string(*in.ChecksumAlgorithm))
		if !ok {
			return nil, errorf(http.StatusBadRequest, "InvalidRequest", "Checksum algorithm %q is not supported.", *in.ChecksumAlgorithm)
		}
		u.algorithm, u.checksumType = alg, string(types.ChecksumTypeComposite)
		if alg == checksum.CRC64NVME {
			u.checksumType = string(types.ChecksumTypeFullObject)
		}
	}
	if in.ChecksumType != nil {
		if u.algorithm == "" {
			return nil, errorf(http.StatusBadRequest, "InvalidRequest", "The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.")
		}
		u.checksumType = string(*in.ChecksumType)
	}
	if u.algorithm != "" {
		out.ChecksumAlgorithm = ptr(types.ChecksumAlgorithm(u.algorithm))
		out.ChecksumType = ptr(types.ChecksumType(u.checksumType))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	b, err := s.bucket(in.Bucket)
	if err != nil {
		return nil, err
	}
	b.uploads[u.id] = u
	return out, nil
}

// upload returns an upload of the key; s.mu is held.
func (s *Store) upload(bucketName, key, id string) (*upload, error) {
	b, err := s.bucket(bucketName)
	if err != nil {
		return nil, err
	}
	u := b.uploads[id]
	if u == nil || u.key != key {
		return nil, noSuchUpload()
	}
	return u, nil
}

// UploadPart stores one part; the part's body is read once into one buffer.
func (s *Store) UploadPart(_ context.Context, in *s3.UploadPartInput) (*s3.UploadPartOutput, error) {
	if in.PartNumber < 1 || in.PartNumber > MaxParts {
		return nil, errorf(http.StatusBadRequest, "InvalidArgument", "Part number must be an integer between 1 and 10000, inclusive")
	}
	s.mu.Lock()
	u, err := s.upload(in.Bucket, in.Key, in.UploadId)
	s.mu.Unlock()
	if err != nil {
		return nil, err
	}
	data, err := readBody(in.Body, in.ContentLength, MaxObjectSize)
	if err != nil {
		return nil, err
	}
	sent := sums{checksum.CRC32: in.ChecksumCRC32, checksum.CRC32C: in.ChecksumCRC32C, checksum.CRC64NVME: in.ChecksumCRC64NVME,
		checksum.SHA1: in.ChecksumSHA1, checksum.SHA256: in.ChecksumSHA256}
	want := in.ChecksumAlgorithm
	if u.algorithm != "" {
		if alg, _, _ := sent.given(); alg != "" && alg != u.algorithm {
			return nil, errorf(http.StatusBadRequest, "InvalidRequest", "Checksum Type mismatch occurred, expected checksum Type: %s, actual checksum Type: %s", strings.ToLower(u.algorithm), strings.ToLower(alg))
		}
		want = ptr(types.ChecksumAlgorithm(u.algorithm))
	}
	etag, alg, value, err := verify(data, in.ContentMD5, sent, want)
	if err != nil {
		return nil, err
	}
	p := &part{data: data, etag: etag}
	out := &s3.UploadPartOutput{ETag: ptr(etag)}
	if u.algorithm != "" {
		p.checksum = value
		setSums(alg, value, &out.ChecksumCRC32, &out.ChecksumCRC32C, &out.ChecksumCRC64NVME, &out.ChecksumSHA1, &out.ChecksumSHA256)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if u, err = s.upload(in.Bucket, in.Key, in.UploadId); err != nil {
		return nil, err
	}
	p.lastModified = s.clock()
	u.parts[in.PartNumber] = p
	return out, nil
}

// CompleteMultipartUpload joins the listed parts into the object, without copying
// them: the parts become the object's segments. The ETag is the MD5 of the parts'
// MD5s, "-" and the number of parts.
func (s *Store) CompleteMultipartUpload(_ context.Context, in *s3.CompleteMultipartUploadInput) (*s3.CompleteMultipartUploadOutput, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u, err := s.upload(in.Bucket, in.Key, in.UploadId)
	if err != nil {
		return nil, err
	}
	if in.MultipartUpload == nil || len(in.MultipartUpload.Parts) == 0 {
		return nil, errorf(http.StatusBadRequest, "MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema")
	}
	if err := s.checkWrite(in.Bucket, in.Key, in.IfMatch, in.IfNoneMatch); err != nil {
		return nil, err
	}
	listed := in.MultipartUpload.Parts
	o := &object{headers: u.headers, algorithm: u.algorithm, checksumType: u.checksumType, partsCount: int32(len(listed))}
	md5s := md5.New()
	var composite []byte
	prev := int32(0)
	for i, cp := range listed {
		n := deref(cp.PartNumber)
		if n <= prev {
			return nil, errorf(http.StatusBadRequest, "InvalidPartOrder", "The list of parts was not in ascending order. The parts list must be specified in order by part number.")
		}
		prev = n
		p := u.parts[n]
		if p == nil || cp.ETag == nil || unquote(*cp.ETag) != unquote(p.etag) {
			return nil, errorf(http.StatusBadRequest, "InvalidPart", "One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not have matched the part's entity tag.")
		}
		if i < len(listed)-1 && len(p.data) < MinPartSize {
			return nil, errorf(http.StatusBadRequest, "EntityTooSmall", "Your proposed upload is smaller than the minimum allowed object size.")
		}
		if got := partChecksum(u.algorithm, cp); got != nil && *got != p.checksum {
			return nil, errorf(http.StatusBadRequest, "InvalidPart", "The %s of part %d does not match the checksum of the uploaded part.", u.algorithm, n)
		}
		raw, _ := hex.DecodeString(unquote(p.etag))
		md5s.Write(raw)
		if u.algorithm != "" {
			dec, _ := base64.StdEncoding.DecodeString(p.checksum)
			composite = append(composite, dec...)
		}
		o.segments = append(o.segments, p.data)
		o.size += int64(len(p.data))
	}
	o.etag = fmt.Sprintf(`"%s-%d"`, hex.EncodeToString(md5s.Sum(nil)), len(listed))
	if u.algorithm == "" {
		o.algorithm, o.checksumType = checksum.CRC64NVME, string(types.ChecksumTypeFullObject)
	}
	if o.checksumType == string(types.ChecksumTypeComposite) {
		v, _ := checksum.Sum(o.algorithm, composite)
		o.checksum = fmt.Sprintf("%s-%d", v, len(listed))
	} else {
		h, err := checksum.New(o.algorithm)
		if err != nil {
			return nil, err
		}
		o.hashAll(h)
		o.checksum = checksum.Encode(h)
	}
	sent := sums{checksum.CRC32: in.ChecksumCRC32, checksum.CRC32C: in.ChecksumCRC32C, checksum.CRC64NVME: in.ChecksumCRC64NVME,
		checksum.SHA1: in.ChecksumSHA1, checksum.SHA256: in.ChecksumSHA256}
	if alg, v, _ := sent.given(); alg != "" && u.algorithm != "" && (alg != o.algorithm || v != o.checksum) {
		return nil, errorf(http.StatusBadRequest, "BadDigest", "The %s you specified for the full object did not match the calculated checksum.", alg)
	}
	o.lastModified = s.clock()
	b := s.buckets[in.Bucket]
	b.put(in.Key, o)
	delete(b.uploads, u.id)
	out := &s3.CompleteMultipartUploadOutput{Location: ptr("/" + in.Bucket + "/" + in.Key), Bucket: ptr(in.Bucket), Key: ptr(in.Key),
		ETag: ptr(o.etag)}
	if u.algorithm != "" {
		out.ChecksumType = ptr(types.ChecksumType(o.checksumType))
		setSums(o.algorithm, o.checksum, &out.ChecksumCRC32, &out.ChecksumCRC32C, &out.ChecksumCRC64NVME, &out.ChecksumSHA1, &out.ChecksumSHA256)
	}
	return out, nil
}

// partChecksum is the checksum of the upload's algorithm a completed part lists.
func partChecksum(alg string, cp types.CompletedPart) *string {
	switch alg {
	case checksum.CRC32:
		return cp.ChecksumCRC32
	case checksum.CRC32C:
		return cp.ChecksumCRC32C
	case checksum.CRC64NVME:
		return cp.ChecksumCRC64NVME
	case checksum.SHA1:
		return cp.ChecksumSHA1
	case checksum.SHA256:
		return cp.ChecksumSHA256
	}
	return nil
}

// AbortMultipartUpload drops an upload and its parts.
func (s *Store) AbortMultipartUpload(_ context.Context, in *s3.AbortMultipartUploadInput) (*s3.AbortMultipartUploadOutput, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.upload(in.Bucket, in.Key, in.UploadId); err != nil {
		return nil, err
	}
	delete(s.buckets[in.Bucket].uploads, in.UploadId)
	return &s3.AbortMultipartUploadOutput{}, nil
}

// ListParts lists an upload's parts in order, MaxParts (default 1000) a page.
func (s *Store) ListParts(_ context.Context, in *s3.ListPartsInput) (*s3.ListPartsOutput, error) {
	maxParts := int(deref(in.MaxParts))
	if in.MaxParts == nil || maxParts > DefaultMaxKeys || maxParts < 0 {
		maxParts = DefaultMaxKeys
	}
	marker := int32(0)
	if in.PartNumberMarker != nil {
		n, err := strconv.ParseInt(*in.PartNumberMarker, 10, 32)
		if err != nil || n < 0 {
			return nil, errorf(http.StatusBadRequest, "InvalidArgument", "Part number marker must be an integer")
		}
		marker = int32(n)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	u, err := s.upload(in.Bucket, in.Key, in.UploadId)
	if err != nil {
		return nil, err
	}
	out := &s3.ListPartsOutput{Bucket: ptr(in.Bucket), Key: ptr(in.Key), UploadId: ptr(u.id), MaxParts: ptr(int32(maxParts)),
		PartNumberMarker: ptr(strconv.Itoa(int(marker))), IsTruncated: ptr(false)}
	if u.algorithm != "" {
		out.ChecksumAlgorithm = ptr(types.ChecksumAlgorithm(u.algorithm))
		out.ChecksumType = ptr(types.ChecksumType(u.checksumType))
	}
	for _, n := range slices.Sorted(maps.Keys(u.parts)) {
		if n <= marker {
			continue
		}
		if len(out.Parts) == maxParts {
			out.IsTruncated = ptr(true)
			out.NextPartNumberMarker = ptr(strconv.Itoa(int(deref(out.Parts[len(out.Parts)-1].PartNumber))))
			break
		}
		p := u.parts[n]
		tp := types.Part{PartNumber: ptr(n), LastModified: ptr(p.lastModified), ETag: ptr(p.etag), Size: ptr(int64(len(p.data)))}
		setSums(u.algorithm, p.checksum, &tp.ChecksumCRC32, &tp.ChecksumCRC32C, &tp.ChecksumCRC64NVME, &tp.ChecksumSHA1, &tp.ChecksumSHA256)
		out.Parts = append(out.Parts, tp)
	}
	return out, nil
}
