package fake

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	s3 "github.com/svcgen/svcgen/gen/s3"
	"github.com/svcgen/svcgen/gen/s3/types"
)

var ctx = context.Background()

func newStore(t *testing.T, buckets ...string) *Store {
	t.Helper()
	s := NewStore("")
	for _, b := range buckets {
		if _, err := s.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: b}); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func put(t *testing.T, s *Store, bucket, key, body string) *s3.PutObjectOutput {
	t.Helper()
	out, err := s.PutObject(ctx, &s3.PutObjectInput{Bucket: bucket, Key: key, Body: strings.NewReader(body), ContentLength: ptr(int64(len(body)))})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func get(t *testing.T, s *Store, in *s3.GetObjectInput) (string, *s3.GetObjectOutput) {
	t.Helper()
	out, err := s.GetObject(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(out.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b), out
}

func status(err error) int {
	var e interface{ HTTPStatusCode() int }
	if errors.As(err, &e) {
		return e.HTTPStatusCode()
	}
	return 0
}

func TestPutGetMetadataAndETag(t *testing.T) {
	s := newStore(t, "bkt")
	body := "hello, world"
	out, err := s.PutObject(ctx, &s3.PutObjectInput{Bucket: "bkt", Key: "a/b.txt", Body: strings.NewReader(body),
		ContentType: ptr("text/plain"), ContentEncoding: ptr("gzip"), Metadata: map[string]string{"Color": "blue"}})
	if err != nil {
		t.Fatal(err)
	}
	sum := md5.Sum([]byte(body))
	if want := `"` + hex.EncodeToString(sum[:]) + `"`; deref(out.ETag) != want {
		t.Errorf("ETag %s, want %s", deref(out.ETag), want)
	}
	got, g := get(t, s, &s3.GetObjectInput{Bucket: "bkt", Key: "a/b.txt"})
	if got != body || deref(g.ContentType) != "text/plain" || deref(g.ContentEncoding) != "gzip" || g.Metadata["color"] != "blue" || deref(g.ContentLength) != int64(len(body)) {
		t.Errorf("got %q %+v", got, g)
	}
	if g.ChecksumCRC64NVME != nil {
		t.Error("checksum sent without x-amz-checksum-mode")
	}
	_, g = get(t, s, &s3.GetObjectInput{Bucket: "bkt", Key: "a/b.txt", ChecksumMode: ptr(types.ChecksumModeEnabled)})
	if g.ChecksumCRC64NVME == nil {
		t.Error("no default CRC64NVME checksum")
	}
	if _, err := s.GetObject(ctx, &s3.GetObjectInput{Bucket: "bkt", Key: "nope"}); status(err) != 404 {
		t.Errorf("missing key: %v", err)
	}
	if _, err := s.GetObject(ctx, &s3.GetObjectInput{Bucket: "nope", Key: "x"}); status(err) != 404 {
		t.Errorf("missing bucket: %v", err)
	}
}

func TestChecksums(t *testing.T) {
	s := newStore(t, "bkt")
	body := "checksum me"
	crc := make([]byte, 4)
	binary.BigEndian.PutUint32(crc, crc32.ChecksumIEEE([]byte(body)))
	good := base64.StdEncoding.EncodeToString(crc)
	if _, err := s.PutObject(ctx, &s3.PutObjectInput{Bucket: "bkt", Key: "k", Body: strings.NewReader(body), ChecksumCRC32: ptr(good)}); err != nil {
		t.Fatal(err)
	}
	_, g := get(t, s, &s3.GetObjectInput{Bucket: "bkt", Key: "k", ChecksumMode: ptr(types.ChecksumModeEnabled)})
	if deref(g.ChecksumCRC32) != good {
		t.Errorf("CRC32 %q, want %q", deref(g.ChecksumCRC32), good)
	}
	_, err := s.PutObject(ctx, &s3.PutObjectInput{Bucket: "bkt", Key: "k2", Body: strings.NewReader(body + "!"), ChecksumCRC32: ptr(good)})
	if status(err) != 400 || !strings.Contains(err.Error(), "BadDigest") {
		t.Errorf("bad checksum: %v", err)
	}
	_, err = s.PutObject(ctx, &s3.PutObjectInput{Bucket: "bkt", Key: "k3", Body: strings.NewReader(body), ContentMD5: ptr(base64.StdEncoding.EncodeToString(make([]byte, 16)))})
	if status(err) != 400 {
		t.Errorf("bad Content-MD5: %v", err)
	}
	if _, err := s.GetObject(ctx, &s3.GetObjectInput{Bucket: "bkt", Key: "k2"}); status(err) != 404 {
		t.Errorf("a refused object was stored: %v", err)
	}
}

func TestRangeAndConditions(t *testing.T) {
	s := newStore(t, "bkt")
	out := put(t, s, "bkt", "k", "0123456789")
	for _, c := range []struct{ rng, want, cr string }{
		{"bytes=2-4", "234", "bytes 2-4/10"},
		{"bytes=7-", "789", "bytes 7-9/10"},
		{"bytes=-3", "789", "bytes 7-9/10"},
		{"bytes=5-100", "56789", "bytes 5-9/10"},
		{"bytes=1-2,4-5", "0123456789", ""},
	} {
		got, g := get(t, s, &s3.GetObjectInput{Bucket: "bkt", Key: "k", Range: ptr(c.rng)})
		if got != c.want || deref(g.ContentRange) != c.cr || deref(g.ContentLength) != int64(len(c.want)) {
			t.Errorf("%s: %q %q", c.rng, got, deref(g.ContentRange))
		}
	}
	if _, err := s.GetObject(ctx, &s3.GetObjectInput{Bucket: "bkt", Key: "k", Range: ptr("bytes=10-")}); status(err) != 416 {
		t.Errorf("range past the end: %v", err)
	}
	past, future := time.Now().Add(-time.Hour), time.Now().Add(time.Hour)
	for _, c := range []struct {
		name string
		in   s3.GetObjectInput
		want int
	}{
		{"if-match ok", s3.GetObjectInput{IfMatch: out.ETag}, 0},
		{"if-match *", s3.GetObjectInput{IfMatch: ptr("*")}, 0},
		{"if-match other", s3.GetObjectInput{IfMatch: ptr(`"abc"`)}, 412},
		{"if-none-match same", s3.GetObjectInput{IfNoneMatch: out.ETag}, 304},
		{"if-none-match other", s3.GetObjectInput{IfNoneMatch: ptr(`"abc"`)}, 0},
		{"if-modified-since future", s3.GetObjectInput{IfModifiedSince: &future}, 304},
		{"if-modified-since past", s3.GetObjectInput{IfModifiedSince: &past}, 0},
		{"if-unmodified-since past", s3.GetObjectInput{IfUnmodifiedSince: &past}, 412},
		{"if-match wins over if-unmodified-since", s3.GetObjectInput{IfMatch: out.ETag, IfUnmodifiedSince: &past}, 0},
		{"if-none-match wins over if-modified-since", s3.GetObjectInput{IfNoneMatch: ptr(`"abc"`), IfModifiedSince: &future}, 0},
	} {
		c.in.Bucket, c.in.Key = "bkt", "k"
		_, err := s.GetObject(ctx, &c.in)
		if status(err) != c.want {
			t.Errorf("%s: %v, want status %d", c.name, err, c.want)
		}
		hin := s3.HeadObjectInput{Bucket: "bkt", Key: "k", IfMatch: c.in.IfMatch, IfNoneMatch: c.in.IfNoneMatch, IfModifiedSince: c.in.IfModifiedSince, IfUnmodifiedSince: c.in.IfUnmodifiedSince}
		if _, err := s.HeadObject(ctx, &hin); status(err) != c.want {
			t.Errorf("HEAD %s: %v, want status %d", c.name, err, c.want)
		}
	}
	// conditional writes
	if _, err := s.PutObject(ctx, &s3.PutObjectInput{Bucket: "bkt", Key: "k", Body: strings.NewReader("x"), IfNoneMatch: ptr("*")}); status(err) != 412 {
		t.Errorf("If-None-Match * on an existing key: %v", err)
	}
	if _, err := s.PutObject(ctx, &s3.PutObjectInput{Bucket: "bkt", Key: "k", Body: strings.NewReader("x"), IfMatch: ptr(`"abc"`)}); status(err) != 412 {
		t.Errorf("If-Match other on put: %v", err)
	}
	if _, err := s.PutObject(ctx, &s3.PutObjectInput{Bucket: "bkt", Key: "k", Body: strings.NewReader("x"), IfMatch: out.ETag}); err != nil {
		t.Errorf("If-Match current on put: %v", err)
	}
}

func TestListObjectsV2(t *testing.T) {
	s := newStore(t, "bkt")
	keys := []string{"a.txt", "dir/1", "dir/2", "dir/sub/3", "dir2/x", "other/y", "z"}
	for _, k := range keys {
		put(t, s, "bkt", k, k)
	}
	list := func(in s3.ListObjectsV2Input) (names []string) {
		in.Bucket = "bkt"
		for {
			out, err := s.ListObjectsV2(ctx, &in)
			if err != nil {
				t.Fatal(err)
			}
			if int(deref(out.KeyCount)) != len(out.Contents)+len(out.CommonPrefixes) {
				t.Errorf("KeyCount %d", deref(out.KeyCount))
			}
			for _, o := range out.Contents {
				names = append(names, *o.Key)
			}
			for _, p := range out.CommonPrefixes {
				names = append(names, *p.Prefix)
			}
			if !deref(out.IsTruncated) {
				return names
			}
			in.ContinuationToken = out.NextContinuationToken
		}
	}
	for _, c := range []struct {
		in   s3.ListObjectsV2Input
		want string
	}{
		{s3.ListObjectsV2Input{}, strings.Join(keys, ",")},
		{s3.ListObjectsV2Input{MaxKeys: ptr(int32(2))}, strings.Join(keys, ",")},
		{s3.ListObjectsV2Input{Prefix: ptr("dir/")}, "dir/1,dir/2,dir/sub/3"},
		{s3.ListObjectsV2Input{Delimiter: ptr("/")}, "a.txt,z,dir/,dir2/,other/"},
		{s3.ListObjectsV2Input{Delimiter: ptr("/"), MaxKeys: ptr(int32(1))}, "a.txt,dir/,dir2/,other/,z"},
		{s3.ListObjectsV2Input{Prefix: ptr("dir/"), Delimiter: ptr("/"), MaxKeys: ptr(int32(1))}, "dir/1,dir/2,dir/sub/"},
		{s3.ListObjectsV2Input{StartAfter: ptr("dir/2")}, "dir/sub/3,dir2/x,other/y,z"},
	} {
		if got := strings.Join(list(c.in), ","); got != c.want {
			t.Errorf("%+v: %s, want %s", c.in, got, c.want)
		}
	}
	// one page: keys first then prefixes within the page
	out, _ := s.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: "bkt", Delimiter: ptr("/"), MaxKeys: ptr(int32(3))})
	if len(out.Contents) != 1 || len(out.CommonPrefixes) != 2 || !deref(out.IsTruncated) {
		t.Errorf("page of 3: %d keys %d prefixes", len(out.Contents), len(out.CommonPrefixes))
	}
	put(t, s, "bkt", "with space+plus", "x")
	out, _ = s.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: "bkt", Prefix: ptr("with"), EncodingType: ptr(types.EncodingTypeUrl)})
	if len(out.Contents) != 1 || *out.Contents[0].Key != "with+space%2Bplus" {
		t.Errorf("url encoding: %+v", out.Contents)
	}
}

func TestMultipart(t *testing.T) {
	s := newStore(t, "bkt")
	cr, err := s.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: "bkt", Key: "big", ChecksumAlgorithm: ptr(types.ChecksumAlgorithmCrc32), ContentType: ptr("video/mp4")})
	if err != nil {
		t.Fatal(err)
	}
	parts := [][]byte{bytes.Repeat([]byte("a"), MinPartSize), bytes.Repeat([]byte("b"), MinPartSize), []byte("tail")}
	var done []types.CompletedPart
	md5s := md5.New()
	var crcs []byte
	for i, p := range parts {
		n := int32(i + 1)
		out, err := s.UploadPart(ctx, &s3.UploadPartInput{Bucket: "bkt", Key: "big", UploadId: *cr.UploadId, PartNumber: n, Body: bytes.NewReader(p), ContentLength: ptr(int64(len(p)))})
		if err != nil {
			t.Fatal(err)
		}
		sum := md5.Sum(p)
		md5s.Write(sum[:])
		crcs = binary.BigEndian.AppendUint32(crcs, crc32.ChecksumIEEE(p))
		done = append(done, types.CompletedPart{PartNumber: ptr(n), ETag: out.ETag, ChecksumCRC32: out.ChecksumCRC32})
	}
	lp, err := s.ListParts(ctx, &s3.ListPartsInput{Bucket: "bkt", Key: "big", UploadId: *cr.UploadId, MaxParts: ptr(int32(2))})
	if err != nil || len(lp.Parts) != 2 || !deref(lp.IsTruncated) || deref(lp.NextPartNumberMarker) != "2" {
		t.Fatalf("ListParts: %v %+v", err, lp)
	}
	if _, err := s.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: "bkt", Key: "big", UploadId: *cr.UploadId,
		MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{done[1], done[0]}}}); status(err) != 400 {
		t.Errorf("parts out of order: %v", err)
	}
	out, err := s.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: "bkt", Key: "big", UploadId: *cr.UploadId,
		MultipartUpload: &types.CompletedMultipartUpload{Parts: done}})
	if err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf(`"%x-3"`, md5s.Sum(nil)); deref(out.ETag) != want {
		t.Errorf("ETag %s, want %s", deref(out.ETag), want)
	}
	c := crc32.ChecksumIEEE(crcs)
	if want := base64.StdEncoding.EncodeToString(binary.BigEndian.AppendUint32(nil, c)) + "-3"; deref(out.ChecksumCRC32) != want {
		t.Errorf("composite CRC32 %s, want %s", deref(out.ChecksumCRC32), want)
	}
	got, g := get(t, s, &s3.GetObjectInput{Bucket: "bkt", Key: "big"})
	if got != string(bytes.Join(parts, nil)) || deref(g.PartsCount) != 3 || deref(g.ContentType) != "video/mp4" {
		t.Errorf("object: %d bytes, parts %d", len(got), deref(g.PartsCount))
	}
	got, _ = get(t, s, &s3.GetObjectInput{Bucket: "bkt", Key: "big", Range: ptr(fmt.Sprintf("bytes=%d-%d", MinPartSize-2, MinPartSize+1))})
	if got != "aabb" {
		t.Errorf("range across parts: %q", got)
	}
	got, _ = get(t, s, &s3.GetObjectInput{Bucket: "bkt", Key: "big", PartNumber: ptr(int32(3))})
	if got != "tail" {
		t.Errorf("part 3: %q", got)
	}
	if _, err := s.ListParts(ctx, &s3.ListPartsInput{Bucket: "bkt", Key: "big", UploadId: *cr.UploadId}); status(err) != 404 {
		t.Errorf("upload still listed after completion: %v", err)
	}
	// too small a part, and abort
	cr, _ = s.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: "bkt", Key: "small"})
	var small []types.CompletedPart
	for n := int32(1); n <= 2; n++ {
		o, err := s.UploadPart(ctx, &s3.UploadPartInput{Bucket: "bkt", Key: "small", UploadId: *cr.UploadId, PartNumber: n, Body: strings.NewReader("x")})
		if err != nil {
			t.Fatal(err)
		}
		small = append(small, types.CompletedPart{PartNumber: ptr(n), ETag: o.ETag})
	}
	if _, err := s.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: "bkt", Key: "small", UploadId: *cr.UploadId,
		MultipartUpload: &types.CompletedMultipartUpload{Parts: small}}); err == nil || !strings.Contains(err.Error(), "EntityTooSmall") {
		t.Errorf("small part: %v", err)
	}
	if _, err := s.AbortMultipartUpload(ctx, &s3.AbortMultipartUploadInput{Bucket: "bkt", Key: "small", UploadId: *cr.UploadId}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UploadPart(ctx, &s3.UploadPartInput{Bucket: "bkt", Key: "small", UploadId: *cr.UploadId, PartNumber: 3, Body: strings.NewReader("x")}); status(err) != 404 {
		t.Errorf("part after abort: %v", err)
	}
}

func TestCopyAndDelete(t *testing.T) {
	s := newStore(t, "src", "dst")
	if _, err := s.PutObject(ctx, &s3.PutObjectInput{Bucket: "src", Key: "a b", Body: strings.NewReader("data"), Metadata: map[string]string{"k": "v"}, ContentType: ptr("text/x")}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CopyObject(ctx, &s3.CopyObjectInput{Bucket: "dst", Key: "c", CopySource: "src/a%20b"}); err != nil {
		t.Fatal(err)
	}
	got, g := get(t, s, &s3.GetObjectInput{Bucket: "dst", Key: "c"})
	if got != "data" || g.Metadata["k"] != "v" || deref(g.ContentType) != "text/x" {
		t.Errorf("copy: %q %+v", got, g)
	}
	if _, err := s.CopyObject(ctx, &s3.CopyObjectInput{Bucket: "dst", Key: "d", CopySource: "/src/a%20b", MetadataDirective: ptr(types.MetadataDirectiveReplace), Metadata: map[string]string{"n": "w"}}); err != nil {
		t.Fatal(err)
	}
	_, g = get(t, s, &s3.GetObjectInput{Bucket: "dst", Key: "d"})
	if g.Metadata["k"] != "" || g.Metadata["n"] != "w" || deref(g.ContentType) != "binary/octet-stream" {
		t.Errorf("replace: %+v", g)
	}
	if _, err := s.CopyObject(ctx, &s3.CopyObjectInput{Bucket: "dst", Key: "e", CopySource: "src/a%20b", CopySourceIfMatch: ptr(`"x"`)}); status(err) != 412 {
		t.Errorf("copy-source-if-match: %v", err)
	}
	if _, err := s.CopyObject(ctx, &s3.CopyObjectInput{Bucket: "dst", Key: "e", CopySource: "src/none"}); status(err) != 404 {
		t.Errorf("copy of a missing key: %v", err)
	}
	out, err := s.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: "dst", Delete: &types.Delete{Objects: []types.ObjectIdentifier{{Key: "c"}, {Key: "missing"}}}})
	if err != nil || len(out.Deleted) != 2 {
		t.Fatalf("DeleteObjects: %v %+v", err, out)
	}
	if _, err := s.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: "dst"}); status(err) != http.StatusConflict {
		t.Errorf("delete of a non-empty bucket: %v", err)
	}
	if _, err := s.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: "dst", Key: "d"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: "dst"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: "Bad_Name"}); status(err) != 400 {
		t.Errorf("bad bucket name: %v", err)
	}
	if _, err := s.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: "src"}); err != nil {
		t.Errorf("bucket twice in us-east-1: %v", err)
	}
	eu := NewStore("eu-west-1")
	for i, want := range []int{0, 409} {
		if _, err := eu.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: "b-eu"}); status(err) != want {
			t.Errorf("bucket in eu-west-1, time %d: %v", i+1, err)
		}
	}
}
