package scenarios

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/rand"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"hash"
	"hash/crc32"
	"hash/crc64"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"interop/s3"
	"interop/s3/types"
)

// s3Client is a path-style client (moto at an IP address) using rec.
func s3Client(rec *recorder) *s3.Client {
	return s3.New(s3.Options{Region: region, BaseEndpoint: endpoint, Credentials: creds, HTTPClient: rec,
		ForcePathStyle: aws.Bool(true), RetryMaxAttempts: 1})
}

func newBucket(t *testing.T, c *s3.Client) string {
	t.Helper()
	bucket := unique("interop-bucket")
	_, err := c.CreateBucket(context.Background(), &s3.CreateBucketInput{Bucket: bucket})
	must(t, err, "CreateBucket")
	return bucket
}

func randomBytes(n int) []byte {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return b
}

func getBytes(t *testing.T, c *s3.Client, bucket, key string) ([]byte, *s3.GetObjectOutput) {
	t.Helper()
	out, err := c.GetObject(context.Background(), &s3.GetObjectInput{Bucket: bucket, Key: key})
	must(t, err, "GetObject "+key)
	defer out.Body.Close()
	b, err := io.ReadAll(out.Body)
	must(t, err, "reading the body of "+key)
	return b, out
}

func TestS3(t *testing.T) {
	ctx := context.Background()
	rec := newRecorder()
	c := s3Client(rec)
	bucket := newBucket(t, c)

	t.Run("roundtrip-5MB", func(t *testing.T) {
		t.Parallel()
		data := randomBytes(5 << 20)
		_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: bucket, Key: "big/5mb.bin", Body: bytes.NewReader(data)})
		must(t, err, "PutObject")
		got, out := getBytes(t, c, bucket, "big/5mb.bin")
		if !bytes.Equal(got, data) {
			t.Fatalf("got %d bytes back, want the %d sent", len(got), len(data))
		}
		if deref(out.ContentLength) != int64(len(data)) {
			t.Errorf("ContentLength %d, want %d", deref(out.ContentLength), len(data))
		}
	})

	t.Run("point4-known-length-not-chunked", func(t *testing.T) {
		t.Parallel()
		rec := newRecorder()
		c := s3Client(rec)
		data := randomBytes(1 << 20)
		// a bytes.Reader's length is known: the request says it, as the AWS SDKs do
		_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: bucket, Key: "len/reader.bin", Body: bytes.NewReader(data)})
		must(t, err, "PutObject")
		if ex := rec.last(); ex.contentLength != int64(len(data)) {
			t.Errorf("bytes.Reader body sent with Content-Length %d (chunked when -1/0), want %d", ex.contentLength, len(data))
		}
		// an io.Reader of unknown length with ContentLength set by the user
		_, err = c.PutObject(ctx, &s3.PutObjectInput{Bucket: bucket, Key: "len/plain.bin",
			Body: io.MultiReader(bytes.NewReader(data)), ContentLength: aws.Int64(int64(len(data)))})
		must(t, err, "PutObject with ContentLength")
		if ex := rec.last(); ex.contentLength != int64(len(data)) {
			t.Errorf("body with ContentLength set sent with Content-Length %d, want %d", ex.contentLength, len(data))
		}
		got, _ := getBytes(t, c, bucket, "len/plain.bin")
		if !bytes.Equal(got, data) {
			t.Errorf("got %d bytes back, want the %d sent", len(got), len(data))
		}
	})

	t.Run("multipart", func(t *testing.T) {
		t.Parallel()
		key := "multi part/日本/object.bin"
		parts := [][]byte{randomBytes(5 << 20), randomBytes(1<<20 + 17)}
		up, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: bucket, Key: key})
		must(t, err, "CreateMultipartUpload")
		var done []types.CompletedPart
		for i, p := range parts {
			out, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: bucket, Key: key, UploadId: deref(up.UploadId),
				PartNumber: int32(i + 1), Body: bytes.NewReader(p)})
			must(t, err, "UploadPart")
			done = append(done, types.CompletedPart{ETag: out.ETag, PartNumber: aws.Int32(int32(i + 1))})
		}
		_, err = c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: bucket, Key: key,
			UploadId: deref(up.UploadId), MultipartUpload: &types.CompletedMultipartUpload{Parts: done}})
		must(t, err, "CompleteMultipartUpload")
		got, _ := getBytes(t, c, bucket, key)
		if want := bytes.Join(parts, nil); !bytes.Equal(got, want) {
			t.Fatalf("got %d bytes back, want the %d uploaded", len(got), len(want))
		}
	})

	t.Run("keys-spaces-unicode-slashes", func(t *testing.T) {
		t.Parallel()
		keys := []string{
			"keys/with space.txt",
			"keys/" + "日本語/ファイル.txt",
			"keys/a//double/slash",
			"keys/plus+and%percent&amp=eq?q#hash",
			"keys/emoji 🚀 é",
			"keys/trailing/",
		}
		for _, k := range keys {
			_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: bucket, Key: k, Body: strings.NewReader("body of " + k)})
			must(t, err, "PutObject "+k)
		}
		for _, k := range keys {
			got, _ := getBytes(t, c, bucket, k)
			if string(got) != "body of "+k {
				t.Errorf("key %q: got %q", k, got)
			}
		}
		out, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: bucket, Prefix: aws.String("keys/")})
		must(t, err, "ListObjectsV2")
		var listed []string
		for _, o := range out.Contents {
			listed = append(listed, deref(o.Key))
		}
		want := append([]string(nil), keys...)
		sort.Strings(want)
		if strings.Join(listed, "\n") != strings.Join(want, "\n") {
			t.Errorf("listed keys\n%q\nwant\n%q", listed, want)
		}
	})

	t.Run("paginate-ListObjectsV2", func(t *testing.T) {
		t.Parallel()
		var want []string
		for i := range 7 {
			k := "pages/" + string(rune('a'+i)) + " ü"
			want = append(want, k)
			_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: bucket, Key: k, Body: strings.NewReader(k)})
			must(t, err, "PutObject")
		}
		p := s3.NewListObjectsV2Paginator(c, &s3.ListObjectsV2Input{Bucket: bucket, Prefix: aws.String("pages/")},
			func(o *s3.ListObjectsV2PaginatorOptions) { o.Limit = 2 })
		var got []string
		pages := 0
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			must(t, err, "NextPage")
			pages++
			if len(page.Contents) > 2 {
				t.Errorf("page %d holds %d objects, want at most 2", pages, len(page.Contents))
			}
			for _, o := range page.Contents {
				got = append(got, deref(o.Key))
			}
			if pages > 10 {
				t.Fatal("more than 10 pages: the paginator does not stop")
			}
		}
		if pages != 4 || strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%d pages with %q, want 4 pages with %q", pages, got, want)
		}
	})

	t.Run("error-NoSuchKey-typed", func(t *testing.T) {
		t.Parallel()
		_, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: bucket, Key: "missing/key"})
		var nsk *types.NoSuchKey
		if !errors.As(err, &nsk) {
			t.Fatalf("GetObject of a missing key: %v (%s), want *types.NoSuchKey", err, typeName(err))
		}
		wantCode(t, err, "NoSuchKey", 404)
	})

	t.Run("error-NoSuchBucket-typed", func(t *testing.T) {
		t.Parallel()
		_, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: unique("no-such-bucket")})
		var nsb *types.NoSuchBucket
		if !errors.As(err, &nsb) {
			t.Fatalf("ListObjectsV2 of a missing bucket: %v (%s), want *types.NoSuchBucket", err, typeName(err))
		}
		wantCode(t, err, "NoSuchBucket", 404)
	})

	t.Run("point6-HeadObject-404-typed", func(t *testing.T) {
		t.Parallel()
		_, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: bucket, Key: "missing/head"})
		// HEAD responses have no body: the error is the one the operation models for
		// the status. botocore's model gives HeadObject NoSuchKey (404); aws-sdk-go-v2's
		// Smithy model a NotFound, which this model does not have.
		var nsk *types.NoSuchKey
		if !errors.As(err, &nsk) {
			t.Fatalf("HeadObject of a missing key: %v (%s), want *types.NoSuchKey", err, typeName(err))
		}
		wantCode(t, err, "NoSuchKey", 404)
	})

	t.Run("point6-HeadBucket-404-coded", func(t *testing.T) {
		t.Parallel()
		_, err := c.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: unique("no-such-bucket")})
		// HeadBucket models NoSuchBucket for 404
		var nsb *types.NoSuchBucket
		if !errors.As(err, &nsb) {
			t.Fatalf("HeadBucket of a missing bucket: %v (%s), want *types.NoSuchBucket", err, typeName(err))
		}
		wantCode(t, err, "NoSuchBucket", 404)
	})

	t.Run("point8-error-wire-status-request-id", func(t *testing.T) {
		t.Parallel()
		rec := newRecorder()
		_, err := s3Client(rec).GetObject(ctx, &s3.GetObjectInput{Bucket: bucket, Key: "missing/wire"})
		wantWireFacts(t, err, rec)
	})

	t.Run("point3-gzip-byte-identical", func(t *testing.T) {
		t.Parallel()
		var gz bytes.Buffer
		w := gzip.NewWriter(&gz)
		_, _ = w.Write(bytes.Repeat([]byte("compressible text "), 1000))
		_ = w.Close()
		stored := gz.Bytes()
		_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: bucket, Key: "gzip/object.txt.gz", Body: bytes.NewReader(stored),
			ContentEncoding: aws.String("gzip"), ContentType: aws.String("text/plain")})
		must(t, err, "PutObject")
		got, out := getBytes(t, c, bucket, "gzip/object.txt.gz")
		if !bytes.Equal(got, stored) {
			t.Errorf("a gzip object came back as %d bytes (decompressed?), want the %d stored bytes", len(got), len(stored))
		}
		if deref(out.ContentEncoding) != "gzip" {
			t.Errorf("ContentEncoding %q, want gzip", deref(out.ContentEncoding))
		}
	})

	algorithms := []struct {
		alg  types.ChecksumAlgorithm
		hash func() hash.Hash
		get  func(*s3.GetObjectOutput) *string
	}{
		{types.ChecksumAlgorithmCrc32, func() hash.Hash { return crc32.NewIEEE() }, func(o *s3.GetObjectOutput) *string { return o.ChecksumCRC32 }},
		{types.ChecksumAlgorithmCrc32c, func() hash.Hash { return crc32.New(crc32.MakeTable(crc32.Castagnoli)) }, func(o *s3.GetObjectOutput) *string { return o.ChecksumCRC32C }},
		{types.ChecksumAlgorithmCrc64nvme, func() hash.Hash { return crc64.New(crc64NVME) }, func(o *s3.GetObjectOutput) *string { return o.ChecksumCRC64NVME }},
		{types.ChecksumAlgorithmSha1, sha1.New, func(o *s3.GetObjectOutput) *string { return o.ChecksumSHA1 }},
		{types.ChecksumAlgorithmSha256, sha256.New, func(o *s3.GetObjectOutput) *string { return o.ChecksumSHA256 }},
	}
	for _, a := range algorithms {
		t.Run("point5-checksum-"+string(a.alg), func(t *testing.T) {
			t.Parallel()
			rec := newRecorder()
			c := s3Client(rec)
			data := randomBytes(64<<10 + 3)
			h := a.hash()
			h.Write(data)
			want := base64.StdEncoding.EncodeToString(h.Sum(nil))
			key := "checksum/" + string(a.alg)
			// the user names the algorithm; the client computes the checksum and sends it
			_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: bucket, Key: key, Body: bytes.NewReader(data),
				ChecksumAlgorithm: &a.alg})
			must(t, err, "PutObject")
			header := "X-Amz-Checksum-" + string(a.alg)
			sent := rec.last()
			if got := sent.header.Get(header); got != want {
				// (aws-chunked uploads carry it in a trailer instead)
				if sent.header.Get("X-Amz-Trailer") == "" {
					t.Errorf("PutObject sent %s %q, want %q", header, got, want)
				}
			}
			out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: bucket, Key: key, ChecksumMode: ptr(types.ChecksumModeEnabled)})
			must(t, err, "GetObject")
			got, _ := io.ReadAll(out.Body)
			out.Body.Close()
			if !bytes.Equal(got, data) {
				t.Fatalf("got %d bytes back, want %d", len(got), len(data))
			}
			if g := deref(a.get(out)); g != want {
				t.Errorf("GetObject Checksum%s %q, want %q", a.alg, g, want)
			}
		})
	}

	t.Run("point5-checksum-response-validated", func(t *testing.T) {
		t.Parallel()
		rec := newRecorder()
		c := s3Client(rec)
		data := []byte("the stored object, whose checksum the response carries")
		sum := crc32.ChecksumIEEE(data)
		var b [4]byte
		binary.BigEndian.PutUint32(b[:], sum)
		_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: bucket, Key: "checksum/validated", Body: bytes.NewReader(data),
			ChecksumAlgorithm: ptr(types.ChecksumAlgorithmCrc32), ChecksumCRC32: aws.String(base64.StdEncoding.EncodeToString(b[:]))})
		must(t, err, "PutObject")
		// a body damaged on the way must not be handed to the user as the object
		rec.mutate = func(resp *http.Response) { resp.Body = io.NopCloser(bytes.NewReader(bytes.ToUpper(data))) }
		out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: bucket, Key: "checksum/validated", ChecksumMode: ptr(types.ChecksumModeEnabled)})
		if err == nil {
			_, err = io.ReadAll(out.Body)
			out.Body.Close()
		}
		if err == nil {
			t.Errorf("GetObject with ChecksumMode ENABLED accepted a body that does not match its x-amz-checksum-crc32")
		}
	})

	t.Run("conditional-IfMatch-412", func(t *testing.T) {
		t.Parallel()
		_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: bucket, Key: "cond/412", Body: strings.NewReader("x")})
		must(t, err, "PutObject")
		_, err = c.GetObject(ctx, &s3.GetObjectInput{Bucket: bucket, Key: "cond/412", IfMatch: aws.String(`"0123456789abcdef0123456789abcdef"`)})
		wantCode(t, err, "PreconditionFailed", 412)
	})

	t.Run("conditional-PutObject-IfNoneMatch-412", func(t *testing.T) {
		t.Parallel()
		_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: bucket, Key: "cond/put", Body: strings.NewReader("x")})
		must(t, err, "PutObject")
		_, err = c.PutObject(ctx, &s3.PutObjectInput{Bucket: bucket, Key: "cond/put", Body: strings.NewReader("y"), IfNoneMatch: aws.String("*")})
		wantCode(t, err, "PreconditionFailed", 412)
	})

	t.Run("point6-conditional-304", func(t *testing.T) {
		t.Parallel()
		put, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: bucket, Key: "cond/304", Body: strings.NewReader("x")})
		must(t, err, "PutObject")
		_, err = c.GetObject(ctx, &s3.GetObjectInput{Bucket: bucket, Key: "cond/304", IfNoneMatch: put.ETag})
		// 304 has no body: the SDKs name the error after the status
		wantCode(t, err, "NotModified", 304)
		_, err = c.GetObject(ctx, &s3.GetObjectInput{Bucket: bucket, Key: "cond/304", IfModifiedSince: aws.Time(time.Now().Add(time.Hour))})
		wantCode(t, err, "NotModified", 304)
	})

	t.Run("addressing-path-style", func(t *testing.T) {
		t.Parallel()
		rec := newRecorder()
		c := s3Client(rec)
		_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: bucket, Key: "addr/path", Body: strings.NewReader("path")})
		must(t, err, "PutObject")
		ex := rec.last()
		u, _ := url.Parse(ex.url)
		if !strings.HasPrefix(u.EscapedPath(), "/"+bucket+"/") || strings.HasPrefix(ex.host, bucket) {
			t.Errorf("path-style request went to host %q path %q", ex.host, u.EscapedPath())
		}
		got, _ := getBytes(t, c, bucket, "addr/path")
		if string(got) != "path" {
			t.Errorf("got %q", got)
		}
	})

	t.Run("addressing-virtual-host", func(t *testing.T) {
		t.Parallel()
		rec := newRecorder()
		// moto reads the bucket from the Host header when the host is a name with dots;
		// the recorder's dialer sends every connection to moto's loopback address.
		u, _ := url.Parse(endpoint)
		vc := s3.New(s3.Options{Region: region, BaseEndpoint: "http://s3.interop.test:" + u.Port(), Credentials: creds,
			HTTPClient: rec, RetryMaxAttempts: 1})
		_, err := vc.PutObject(ctx, &s3.PutObjectInput{Bucket: bucket, Key: "addr/virtual host ü", Body: strings.NewReader("virtual")})
		must(t, err, "PutObject")
		ex := rec.last()
		if !strings.HasPrefix(ex.host, bucket+".s3.interop.test") {
			t.Errorf("virtual-host request went to host %q (%s)", ex.host, ex.url)
		}
		got, _ := getBytes(t, vc, bucket, "addr/virtual host ü")
		if string(got) != "virtual" {
			t.Errorf("got %q", got)
		}
		// and the path-style client sees the same object
		got, _ = getBytes(t, c, bucket, "addr/virtual host ü")
		if string(got) != "virtual" {
			t.Errorf("path style: got %q", got)
		}
	})

	t.Run("point10-user-agent", func(t *testing.T) {
		t.Parallel()
		rec := newRecorder()
		_, err := s3Client(rec).ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: bucket, MaxKeys: aws.Int32(1)})
		must(t, err, "ListObjectsV2")
		ua := rec.last().header.Get("User-Agent")
		if ua == "" || strings.HasPrefix(ua, "Go-http-client") {
			t.Errorf("User-Agent %q: the client does not name itself", ua)
		}
	})
}

// crc64NVME is the CRC-64/NVME table (reflected polynomial 0x9a6c9329ac4bc9b5), the
// algorithm S3 names CRC64NVME.
var crc64NVME = crc64.MakeTable(0x9a6c9329ac4bc9b5)
