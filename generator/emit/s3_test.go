package emit_test

import (
	"os"
	"os/exec"
	"testing"

	"github.com/svcgen/svcgen/generator/emit"
	"github.com/svcgen/svcgen/internal/moto"
	"github.com/svcgen/svcgen/internal/shareddata"
)

// s3Test runs in the package generated from the corpus's S3 model: S3 signs the
// path as it is sent (the endpoint's disableDoubleEncoding) and checks the payload
// hash against X-Amz-Content-Sha256.
const s3Test = `package s3_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"scenarios/s3"
)


var creds = aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
	return aws.Credentials{AccessKeyID: "AKID", SecretAccessKey: "SECRET"}, nil
})

func TestS3Signing(t *testing.T) {
	var got *http.Request
	var body string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got, body = r.Clone(r.Context()), string(b)
		w.Header().Set("ETag", "\"e1\"")
	}))
	defer srv.Close()
	pathStyle := true
	c := s3.New(s3.Options{Region: "us-east-1", BaseEndpoint: srv.URL, ForcePathStyle: &pathStyle, Credentials: creds})
	out, err := c.PutObject(context.Background(), &s3.PutObjectInput{Bucket: "my-bucket", Key: "dir one/a+b.txt", Body: strings.NewReader("hello")})
	if err != nil {
		t.Fatal(err)
	}
	if out.ETag == nil || *out.ETag != "\"e1\"" {
		t.Errorf("ETag %v", out.ETag)
	}
	if got.URL.EscapedPath() != "/my-bucket/dir%20one/a%2Bb.txt" || body != "hello" {
		t.Fatalf("PUT %s with %q", got.URL.EscapedPath(), body)
	}
	hash := got.Header.Get("X-Amz-Content-Sha256")
	// A stream that can seek back is read for its checksum; over plain HTTP its
	// SHA-256 is signed too (as aws-sdk-go-v2 does).
	if hash != "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824" {
		t.Errorf("X-Amz-Content-Sha256 %q, want the SHA-256 of hello", hash)
	}
	// Sign the request again as S3 does (the path not encoded twice); it matches.
	auth := got.Header.Get("Authorization")
	when, err := time.Parse("20060102T150405Z", got.Header.Get("X-Amz-Date"))
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest("PUT", srv.URL+got.URL.EscapedPath(), nil)
	req.ContentLength = int64(len(body))
	for _, h := range []string{"X-Amz-Content-Sha256", "X-Amz-Date"} {
		req.Header.Set(h, got.Header.Get(h))
	}
	req.Host = got.Host
	signed := strings.Split(strings.Split(auth, "SignedHeaders=")[1], ",")[0]
	for _, h := range strings.Split(signed, ";") {
		if h != "host" && h != "content-length" && got.Header.Get(h) != "" {
			req.Header.Set(h, got.Header.Get(h))
		}
	}
	err = v4.NewSigner().SignHTTP(context.Background(), aws.Credentials{AccessKeyID: "AKID", SecretAccessKey: "SECRET"}, req, hash, "s3", "us-east-1", when,
		func(o *v4.SignerOptions) { o.DisableURIPathEscaping = true })
	if err != nil {
		t.Fatal(err)
	}
	if again := req.Header.Get("Authorization"); again != auth {
		t.Errorf("the signature does not verify:\n sent %s\nagain %s", auth, again)
	}
}
`

// s3ErrorsTest checks what S3's errors become: a HEAD request's body-less 404 is the
// operation's modeled error, an XML error body its code's, and both say the status,
// request ID and host ID that came back (as S3 sends them).
const s3ErrorsTest = `package s3_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/svcgen/svcgen/runtime/client"
	"scenarios/s3"
	"scenarios/s3/types"
)

func s3Answering(t *testing.T, status int, body string) *s3.Client {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Amz-Request-Id", "R1")
		w.Header().Set("X-Amz-Id-2", "H1")
		w.WriteHeader(status)
		if r.Method != "HEAD" {
			io.WriteString(w, body)
		}
	}))
	t.Cleanup(srv.Close)
	pathStyle := true
	return s3.New(s3.Options{Region: "us-east-1", BaseEndpoint: srv.URL, ForcePathStyle: &pathStyle, RetryMaxAttempts: 1})
}

func TestS3Errors(t *testing.T) {
	ctx := context.Background()
	_, err := s3Answering(t, 404, "").HeadObject(ctx, &s3.HeadObjectInput{Bucket: "b", Key: "missing"})
	var nsk *types.NoSuchKey
	if !errors.As(err, &nsk) {
		t.Fatalf("HeadObject 404: %v, want *types.NoSuchKey", err)
	}
	var re *client.ResponseError
	if !errors.As(err, &re) || re.ServiceRequestID() != "R1" || re.ServiceHostID() != "H1" || re.HTTPStatusCode() != 404 {
		t.Fatalf("HeadObject 404: %v, want a ResponseError with request ID R1 and host ID H1", err)
	}
	_, err = s3Answering(t, 404, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>missing</Key><RequestId>R1</RequestId><HostId>H1</HostId></Error>").
		GetObject(ctx, &s3.GetObjectInput{Bucket: "b", Key: "missing"})
	if !errors.As(err, &nsk) || nsk.ErrorMessage() != "The specified key does not exist." {
		t.Fatalf("GetObject 404: %v, want *types.NoSuchKey with its message", err)
	}
	_, err = s3Answering(t, 403, "").HeadBucket(ctx, &s3.HeadBucketInput{Bucket: "b"})
	var api *client.APIError
	if !errors.As(err, &api) || api.ErrorCode() != "Forbidden" || api.RequestID != "R1" {
		t.Fatalf("HeadBucket 403: %v, want an APIError Forbidden", err)
	}
}
`

// sqsTest checks SQS's errors (json, awsQueryCompatible, no error trait in the model):
// the bytes SQS sends (moto 5.2.1 sends the same) become the typed error, with the
// query code as ErrorCode, and the generated server's answer too.
const sqsTest = `package sqs_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/aws/smithy-go"
	"scenarios/sqs"
	"scenarios/sqs/server"
	"scenarios/sqs/types"
)

type queues struct{ server.Unimplemented }

func (queues) GetQueueUrl(_ context.Context, in *sqs.GetQueueUrlInput) (*sqs.GetQueueUrlOutput, error) {
	code, msg := "AWS.SimpleQueueService.NonExistentQueue", "The specified queue does not exist."
	return nil, &types.QueueDoesNotExist{Message: &msg, ErrorCodeOverride: &code}
}

func TestSQSErrors(t *testing.T) {
	moto := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("X-Amzn-Errortype", "com.amazonaws.sqs#QueueDoesNotExist")
		w.Header().Set("Content-Type", "application/x-amz-json-1.0")
		w.Header().Set("X-Amzn-Query-Error", "AWS.SimpleQueueService.NonExistentQueue;Sender")
		w.Header().Set("X-Amzn-Requestid", "gSJmBEy9N5k1FavCRVfJn5CxeIKtiESpxreugkbiFG5gTDFVRxUe")
		w.WriteHeader(400)
		io.WriteString(w, ` + "`" + `{"__type": "com.amazonaws.sqs#QueueDoesNotExist", "message": "The specified queue does not exist.", "Message": "The specified queue does not exist."}` + "`" + `)
	})
	for name, h := range map[string]http.Handler{"sqs": moto, "generated server": server.NewHandler(queues{})} {
		srv := httptest.NewServer(h)
		c := sqs.New(sqs.Options{Region: "us-east-1", BaseEndpoint: srv.URL, HTTPClient: srv.Client()})
		_, err := c.GetQueueUrl(context.Background(), &sqs.GetQueueUrlInput{QueueName: "nope"})
		srv.Close()
		var dne *types.QueueDoesNotExist
		if !errors.As(err, &dne) {
			t.Fatalf("%s: %v, want *types.QueueDoesNotExist", name, err)
		}
		if dne.ErrorCode() != "AWS.SimpleQueueService.NonExistentQueue" || dne.ErrorMessage() != "The specified queue does not exist." || dne.ErrorFault() != smithy.FaultClient {
			t.Errorf("%s: code %q message %q fault %v", name, dne.ErrorCode(), dne.ErrorMessage(), dne.ErrorFault())
		}
	}
}
`

// s3IntegrityTest checks that bytes arrive and leave intact through the S3 client
// generated from the corpus model: objects come back as stored (gzip included), bodies
// of known length are never sent chunked, and flexible checksums are sent and checked,
// against checksumtest's reference implementations.
const s3IntegrityTest = `package s3_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"

	"scenarios/s3"
	"scenarios/s3/types"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/svcgen/svcgen/runtime/checksum"
	"github.com/svcgen/svcgen/runtime/checksum/checksumtest"
)

// fakeS3 keeps objects as sent, with their Content-Encoding and checksum, and checks
// every request's checksum with the references.
type fakeS3 struct {
	t       *testing.T
	mu      sync.Mutex
	objects map[string][]byte
	headers map[string]http.Header
	last    *http.Request
	checked checksumtest.Checked
}

func (f *fakeS3) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	c, err := checksumtest.Verify(r)
	if err != nil {
		f.t.Errorf("%s %s: %v", r.Method, r.URL, err)
		w.WriteHeader(400)
		return
	}
	f.last, f.checked = r, c
	switch {
	case r.Method == "PUT" && r.URL.Query().Has("tagging"), r.Method == "POST" && r.URL.Query().Has("delete"):
		w.Write([]byte("<DeleteResult></DeleteResult>"))
	case r.Method == "PUT":
		f.objects[r.URL.Path] = c.Body
		h := http.Header{}
		for k, v := range r.Header {
			if k == "Content-Encoding" {
				v = []string{strings.TrimSuffix(strings.TrimSuffix(v[0], "aws-chunked"), ",")}
			}
			if k == "Content-Encoding" && v[0] == "" {
				continue
			}
			if k == "Content-Encoding" || k == "Content-Type" || strings.HasPrefix(strings.ToLower(k), "x-amz-checksum-") {
				h[k] = v
			}
		}
		f.headers[r.URL.Path] = h
	case r.Method == "GET":
		body, ok := f.objects[r.URL.Path]
		if !ok {
			w.WriteHeader(404)
			return
		}
		for k, v := range f.headers[r.URL.Path] {
			if !strings.HasPrefix(strings.ToLower(k), "x-amz-checksum-") || r.Header.Get("x-amz-checksum-mode") == "ENABLED" {
				w.Header()[k] = v
			}
		}
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.Write(body)
	}
}

func newFake(t *testing.T) (*fakeS3, *s3.Client) {
	f := &fakeS3{t: t, objects: map[string][]byte{}, headers: map[string]http.Header{}}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	pathStyle := true
	return f, s3.New(s3.Options{Region: "us-east-1", BaseEndpoint: srv.URL, ForcePathStyle: &pathStyle, Credentials: creds})
}

func ptr[T any](v T) *T { return &v }

// onlyReader is a stream that tells nothing of its length and cannot seek.
type onlyReader struct{ r io.Reader }

func (o onlyReader) Read(p []byte) (int, error) { return o.r.Read(p) }

func TestS3GzipObjectComesBackAsStored(t *testing.T) {
	f, c := newFake(t)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(strings.Repeat("text that compresses ", 200)))
	zw.Close()
	ctx := context.Background()
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: "b", Key: "k.gz", Body: bytes.NewReader(gz.Bytes()), ContentEncoding: aws.String("gzip")}); err != nil {
		t.Fatal(err)
	}
	out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: "b", Key: "k.gz"})
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(out.Body)
	out.Body.Close()
	if err != nil || !bytes.Equal(got, gz.Bytes()) || out.ContentEncoding == nil || *out.ContentEncoding != "gzip" {
		t.Errorf("got %d bytes (stored %d), ContentEncoding %v, %v", len(got), gz.Len(), out.ContentEncoding, err)
	}
	if a := f.last.Header.Get("Accept-Encoding"); a != "identity" {
		t.Errorf("Accept-Encoding %q", a)
	}
}

func TestS3PutObjectLength(t *testing.T) {
	f, c := newFake(t)
	payload := strings.Repeat("x", 100000)
	n := int64(len(payload))
	ctx := context.Background()
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: "b", Key: "k", Body: onlyReader{strings.NewReader(payload)}, ContentLength: &n}); err != nil {
		t.Fatal(err)
	}
	if f.last.ContentLength != n || len(f.last.TransferEncoding) != 0 {
		t.Errorf("Content-Length %d, Transfer-Encoding %v", f.last.ContentLength, f.last.TransferEncoding)
	}
	_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: "b", Key: "k", Body: onlyReader{strings.NewReader(payload)}})
	if err == nil || !strings.Contains(err.Error(), "length is unknown") {
		t.Errorf("a stream of unknown length: %v", err)
	}
}

func TestS3Checksums(t *testing.T) {
	f, c := newFake(t)
	ctx := context.Background()
	payload := strings.Repeat("checksummed ", 10000)
	n := int64(len(payload))
	// The default: CRC32, named in x-amz-sdk-checksum-algorithm.
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: "b", Key: "default", Body: strings.NewReader(payload)}); err != nil {
		t.Fatal(err)
	}
	if f.checked.Algorithm != "CRC32" || f.last.Header.Get("X-Amz-Sdk-Checksum-Algorithm") != "CRC32" {
		t.Errorf("default checksum %q", f.checked.Algorithm)
	}
	// SHA256 asked for: x-amz-checksum-sha256 sent.
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: "b", Key: "sha", Body: strings.NewReader(payload), ChecksumAlgorithm: ptr(types.ChecksumAlgorithmSha256)}); err != nil {
		t.Fatal(err)
	}
	if f.checked.Algorithm != "SHA256" || f.last.Header.Get("x-amz-checksum-sha256") == "" {
		t.Errorf("SHA256 asked for, %q sent", f.checked.Algorithm)
	}
	// A stream read once with an algorithm: aws-chunked with a trailer.
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: "b", Key: "trailer", Body: onlyReader{strings.NewReader(payload)}, ContentLength: &n, ChecksumAlgorithm: ptr(types.ChecksumAlgorithmCrc64nvme)}); err != nil {
		t.Fatal(err)
	}
	if !f.checked.Trailer || f.checked.Algorithm != "CRC64NVME" || string(f.objects["/b/trailer"]) != payload {
		t.Errorf("trailer %v %q, stored %d bytes", f.checked.Trailer, f.checked.Algorithm, len(f.objects["/b/trailer"]))
	}
	// DeleteObjects and PutObjectTagging require a checksum.
	if _, err := c.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: "b", Delete: &types.Delete{Objects: []types.ObjectIdentifier{{Key: "a"}}}}); err != nil {
		t.Fatal(err)
	}
	if f.checked.Algorithm != "CRC32" {
		t.Errorf("DeleteObjects: checksum %q", f.checked.Algorithm)
	}
	if _, err := c.PutObjectTagging(ctx, &s3.PutObjectTaggingInput{Bucket: "b", Key: "default", Tagging: &types.Tagging{TagSet: []types.Tag{{Key: "k", Value: "v"}}}}); err != nil {
		t.Fatal(err)
	}
	if f.checked.Algorithm != "CRC32" {
		t.Errorf("PutObjectTagging: checksum %q", f.checked.Algorithm)
	}
	// GetObject with ChecksumMode ENABLED checks the body against the stored checksum.
	for _, key := range []string{"default", "sha", "trailer"} {
		out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: "b", Key: key, ChecksumMode: ptr(types.ChecksumModeEnabled)})
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(out.Body)
		out.Body.Close()
		if err != nil || string(got) != payload {
			t.Errorf("GetObject %s: %v", key, err)
		}
	}
	f.objects["/b/sha"] = []byte("tampered")
	out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: "b", Key: "sha", ChecksumMode: ptr(types.ChecksumModeEnabled)})
	if err != nil {
		t.Fatal(err)
	}
	_, err = io.ReadAll(out.Body)
	out.Body.Close()
	var m *checksum.MismatchError
	if !errors.As(err, &m) {
		t.Errorf("a tampered object reads with %v, want a checksum mismatch", err)
	}
}

// startMoto returns the endpoint of the moto that the test running this module started
// (SVCGEN_MOTO_URL); without one the test is skipped (the outer test fails under CI
// when moto is missing).
func startMoto(t *testing.T) string {
	u := os.Getenv("SVCGEN_MOTO_URL")
	if u == "" {
		t.Skip("no moto: SVCGEN_MOTO_URL is not set")
	}
	return u
}

// TestS3Moto runs the same through moto's S3: checksums sent (header and aws-chunked
// trailer) are the ones moto stores and returns, and GetObject checks them.
func TestS3Moto(t *testing.T) {
	url := startMoto(t)
	pathStyle := true
	c := s3.New(s3.Options{Region: "us-east-1", BaseEndpoint: url, ForcePathStyle: &pathStyle, Credentials: creds})
	ctx := context.Background()
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: "bkt-integrity"}); err != nil {
		t.Fatal(err)
	}
	payload := strings.Repeat("moto checksums ", 10000)
	n := int64(len(payload))
	puts := map[string]*s3.PutObjectInput{
		"default": {Bucket: "bkt-integrity", Key: "default", Body: strings.NewReader(payload)},
		"sha256":  {Bucket: "bkt-integrity", Key: "sha256", Body: strings.NewReader(payload), ChecksumAlgorithm: ptr(types.ChecksumAlgorithmSha256)},
		"crc32c":  {Bucket: "bkt-integrity", Key: "crc32c", Body: strings.NewReader(payload), ChecksumAlgorithm: ptr(types.ChecksumAlgorithmCrc32c)},
		"trailer": {Bucket: "bkt-integrity", Key: "trailer", Body: onlyReader{strings.NewReader(payload)}, ContentLength: &n, ChecksumAlgorithm: ptr(types.ChecksumAlgorithmSha1)},
		"length":  {Bucket: "bkt-integrity", Key: "length", Body: onlyReader{strings.NewReader(payload)}, ContentLength: &n},
	}
	for k, in := range puts {
		out, err := c.PutObject(ctx, in)
		if err != nil {
			t.Fatalf("%s: %v", k, err)
		}
		_ = out
	}
	for k := range puts {
		out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: "bkt-integrity", Key: k, ChecksumMode: ptr(types.ChecksumModeEnabled)})
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(out.Body)
		out.Body.Close()
		if err != nil || string(got) != payload {
			t.Errorf("%s: %d bytes, %v", k, len(got), err)
		}
		// moto returns the checksum each upload sent (none for a stream read once
		// without an algorithm named); the reference gives the same.
		want := map[string]*string{"default": out.ChecksumCRC32, "sha256": out.ChecksumSHA256, "crc32c": out.ChecksumCRC32C, "trailer": out.ChecksumSHA1}[k]
		alg := map[string]string{"default": "CRC32", "sha256": "SHA256", "crc32c": "CRC32C", "trailer": "SHA1"}[k]
		if ref, _ := checksumtest.Sum(alg, []byte(payload)); alg != "" && aws.ToString(want) != ref {
			t.Errorf("%s: moto returned %s %q, the reference gives %q", k, alg, aws.ToString(want), ref)
		}
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(payload))
	zw.Close()
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: "bkt-integrity", Key: "gz", Body: bytes.NewReader(gz.Bytes()), ContentEncoding: aws.String("gzip")}); err != nil {
		t.Fatal(err)
	}
	out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: "bkt-integrity", Key: "gz"})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(out.Body)
	out.Body.Close()
	if !bytes.Equal(got, gz.Bytes()) || aws.ToString(out.ContentEncoding) != "gzip" {
		t.Errorf("gz: %d bytes (stored %d), %q", len(got), gz.Len(), aws.ToString(out.ContentEncoding))
	}
	if _, err := c.PutObjectTagging(ctx, &s3.PutObjectTaggingInput{Bucket: "bkt-integrity", Key: "default", Tagging: &types.Tagging{TagSet: []types.Tag{{Key: "k", Value: "v"}}}}); err != nil {
		t.Fatal(err)
	}
	d, err := c.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: "bkt-integrity", Delete: &types.Delete{Objects: []types.ObjectIdentifier{{Key: "default"}, {Key: "gz"}}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Deleted) != 2 {
		t.Errorf("deleted %d objects, want 2", len(d.Deleted))
	}
}
`

// s3ServerTest runs the generated S3 client against the generated S3 server (an
// in-memory store): path-style and virtual-hosted addressing reach the same bucket,
// bodies stream through both ways, and S3's errors come back typed (GetObject's
// NoSuchKey from its <Error> body, HeadObject's 404 from its status alone).
const s3ServerTest = `package s3_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"testing"

	"scenarios/s3"
	"scenarios/s3/server"
	"scenarios/s3/types"

	"github.com/svcgen/svcgen/runtime/eventstream"
)

type memS3 struct {
	server.Unimplemented
	mu      sync.Mutex
	buckets map[string]map[string][]byte
	hosts   []string // the Host of each request
}

func (m *memS3) CreateBucket(_ context.Context, in *s3.CreateBucketInput) (*s3.CreateBucketOutput, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.buckets[in.Bucket] = map[string][]byte{}
	return &s3.CreateBucketOutput{}, nil
}

func (m *memS3) PutObject(_ context.Context, in *s3.PutObjectInput) (*s3.PutObjectOutput, error) {
	b, err := io.ReadAll(in.Body)
	if err != nil {
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	objs, ok := m.buckets[in.Bucket]
	if !ok {
		return nil, &types.NoSuchBucket{}
	}
	objs[in.Key] = b
	etag := "\"e" + in.Key + "\""
	return &s3.PutObjectOutput{ETag: &etag}, nil
}

func (m *memS3) GetObject(_ context.Context, in *s3.GetObjectInput) (*s3.GetObjectOutput, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	b, ok := m.buckets[in.Bucket][in.Key]
	if !ok {
		msg := "The specified key does not exist."
		return nil, &types.NoSuchKey{Message: &msg}
	}
	n := int64(len(b))
	return &s3.GetObjectOutput{Body: io.NopCloser(bytes.NewReader(b)), ContentLength: &n}, nil
}

func (m *memS3) HeadObject(_ context.Context, in *s3.HeadObjectInput) (*s3.HeadObjectOutput, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	b, ok := m.buckets[in.Bucket][in.Key]
	if !ok {
		return nil, &types.NoSuchKey{} // 404, and a HEAD answer has no body
	}
	n := int64(len(b))
	return &s3.HeadObjectOutput{ContentLength: &n}, nil
}

func (m *memS3) ListObjectsV2(_ context.Context, in *s3.ListObjectsV2Input) (*s3.ListObjectsV2Output, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var keys []string
	for k := range m.buckets[in.Bucket] {
		if in.Prefix == nil || strings.HasPrefix(k, *in.Prefix) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	out := &s3.ListObjectsV2Output{Prefix: in.Prefix}
	for _, k := range keys {
		out.Contents = append(out.Contents, types.Object{Key: &k})
	}
	n := int32(len(keys))
	out.KeyCount = &n
	return out, nil
}

// SelectObjectContent streams the object's bytes as two Records events, then Stats
// (an XML payload) and End.
func (m *memS3) SelectObjectContent(_ context.Context, in *s3.SelectObjectContentInput) (*s3.SelectObjectContentOutput, error) {
	m.mu.Lock()
	b, ok := m.buckets[in.Bucket][in.Key]
	m.mu.Unlock()
	if !ok {
		return nil, &types.NoSuchKey{}
	}
	half := len(b) / 2
	n := int64(len(b))
	return &s3.SelectObjectContentOutput{Payload: eventstream.Of[types.SelectObjectContentEventStream](nil,
		types.SelectObjectContentEventStream{Records: &types.RecordsEvent{Payload: b[:half]}},
		types.SelectObjectContentEventStream{Records: &types.RecordsEvent{Payload: b[half:]}},
		types.SelectObjectContentEventStream{Stats: &types.StatsEvent{Details: &types.Stats{BytesScanned: &n, BytesReturned: &n}}},
		types.SelectObjectContentEventStream{End: &types.EndEvent{}},
	)}, nil
}

// TestS3SelectObjectContent: the generated server writes SelectObjectContent's event
// stream (binary Records, XML Stats, End) and the generated client reads it back.
func TestS3SelectObjectContent(t *testing.T) {
	mem := &memS3{buckets: map[string]map[string][]byte{"bkt": {"k.csv": []byte("a,b\n1,2\n3,4\n")}}}
	srv := httptest.NewServer(server.NewHandler(mem))
	defer srv.Close()
	pathStyle := true
	c := s3.New(s3.Options{Region: "us-east-1", BaseEndpoint: srv.URL, ForcePathStyle: &pathStyle})
	out, err := c.SelectObjectContent(context.Background(), &s3.SelectObjectContentInput{
		Bucket: "bkt", Key: "k.csv", Expression: "SELECT * FROM S3Object", ExpressionType: types.ExpressionTypeSql,
		InputSerialization:  &types.InputSerialization{CSV: &types.CSVInput{}},
		OutputSerialization: &types.OutputSerialization{CSV: &types.CSVOutput{}},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer out.Payload.Close()
	var records []byte
	var scanned int64
	var ended bool
	for ev, err := range out.Payload.Events() {
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case ev.Records != nil:
			records = append(records, ev.Records.Payload...)
		case ev.Stats != nil && ev.Stats.Details != nil && ev.Stats.Details.BytesScanned != nil:
			scanned = *ev.Stats.Details.BytesScanned
		case ev.End != nil:
			ended = true
		}
	}
	if string(records) != "a,b\n1,2\n3,4\n" || scanned != int64(len(records)) || !ended {
		t.Errorf("records %q, BytesScanned %d, End %v", records, scanned, ended)
	}
}

func TestS3Server(t *testing.T) {
	mem := &memS3{buckets: map[string]map[string][]byte{}}
	h := server.NewHandler(mem)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mem.mu.Lock()
		mem.hosts = append(mem.hosts, r.Host)
		mem.mu.Unlock()
		h.ServeHTTP(w, r)
	}))
	defer srv.Close()
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	// every host (bucket.localhost too) is dialed at the test server
	dial := &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, network, srv.Listener.Addr().String())
	}}}
	pathStyle, virtual := true, false
	clients := map[string]*s3.Client{
		"path style":   s3.New(s3.Options{Region: "us-east-1", BaseEndpoint: "http://localhost:" + port, ForcePathStyle: &pathStyle, HTTPClient: dial}),
		"virtual host": s3.New(s3.Options{Region: "us-east-1", BaseEndpoint: "http://localhost:" + port, ForcePathStyle: &virtual, HTTPClient: dial}),
	}
	ctx := context.Background()
	if _, err := clients["path style"].CreateBucket(ctx, &s3.CreateBucketInput{Bucket: "bkt"}); err != nil {
		t.Fatal(err)
	}
	big := bytes.Repeat([]byte("0123456789abcdef"), 1<<16) // 1 MiB
	for name, c := range clients {
		key := name + "/dir one/a+b.txt"
		out, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: "bkt", Key: key, Body: bytes.NewReader(big)})
		if err != nil {
			t.Fatalf("%s: PutObject: %v", name, err)
		}
		if out.ETag == nil || *out.ETag != "\"e"+key+"\"" {
			t.Errorf("%s: ETag %v", name, out.ETag)
		}
		for other, c2 := range clients { // what one addressing wrote, the other reads
			got, err := c2.GetObject(ctx, &s3.GetObjectInput{Bucket: "bkt", Key: key})
			if err != nil {
				t.Fatalf("%s, read %s: GetObject: %v", name, other, err)
			}
			b, err := io.ReadAll(got.Body)
			got.Body.Close()
			if err != nil || !bytes.Equal(b, big) || got.ContentLength == nil || *got.ContentLength != int64(len(big)) {
				t.Errorf("%s, read %s: %d bytes (%v), ContentLength %v", name, other, len(b), err, got.ContentLength)
			}
		}
		_, err = c.GetObject(ctx, &s3.GetObjectInput{Bucket: "bkt", Key: "missing"})
		var nsk *types.NoSuchKey
		if !errors.As(err, &nsk) || nsk.ErrorMessage() != "The specified key does not exist." {
			t.Errorf("%s: GetObject of a missing key: %v, want *types.NoSuchKey", name, err)
		}
		_, err = c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: "bkt", Key: "missing"})
		var status interface{ HTTPStatusCode() int }
		if !errors.As(err, &status) || status.HTTPStatusCode() != 404 {
			t.Errorf("%s: HeadObject of a missing key: %v, want a 404", name, err)
		}
		_, err = c.PutObject(ctx, &s3.PutObjectInput{Bucket: "nobucket", Key: "k", Body: strings.NewReader("x")})
		var nsb *types.NoSuchBucket
		if !errors.As(err, &nsb) {
			t.Errorf("%s: PutObject into a missing bucket: %v, want *types.NoSuchBucket", name, err)
		}
	}
	list, err := clients["virtual host"].ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: "bkt", Prefix: s3Ptr("path")})
	if err != nil || list.KeyCount == nil || *list.KeyCount != 1 || len(list.Contents) != 1 || *list.Contents[0].Key != "path style/dir one/a+b.txt" {
		t.Errorf("ListObjectsV2: %+v, %v", list, err)
	}
	hosts := map[string]bool{}
	for _, h := range mem.hosts {
		hosts[h] = true
	}
	if !hosts["bkt.localhost:"+port] || !hosts["localhost:"+port] {
		t.Errorf("hosts %v: want both path-style and virtual-hosted requests", hosts)
	}
}

func s3Ptr[T any](v T) *T { return &v }
`

// TestS3Client generates the corpus's S3 model and runs a signed PutObject of a key
// that needs escaping through it, error responses, and the integrity of bytes (encoding,
// lengths, checksums, against moto too); and SQS's errors through the generated SQS client.
func TestS3Client(t *testing.T) {
	services := shareddata.Corpus(t)
	s3 := append(corpusPackage(t, services, "s3"), emit.File{Path: "s3_test.go", Data: []byte(s3Test)}, emit.File{Path: "errors_test.go", Data: []byte(s3ErrorsTest)},
		emit.File{Path: "integrity_test.go", Data: []byte(s3IntegrityTest)}, emit.File{Path: "s3_custom_test.go", Data: []byte(s3CustomTest)},
		emit.File{Path: "server_test.go", Data: []byte(s3ServerTest)})
	sqs := append(corpusPackage(t, services, "sqs"), emit.File{Path: "errors_test.go", Data: []byte(sqsTest)})
	withMoto(t)
	buildAndVet(t, map[string][]emit.File{"s3": s3, "sqs": sqs})
}

// withMoto starts moto for the tests of the scratch module this test builds, which
// find it in SVCGEN_MOTO_URL. Without moto_server they skip what needs it, or, under
// CI, this test fails.
func withMoto(t *testing.T) {
	if _, err := exec.LookPath("moto_server"); err == nil || os.Getenv("CI") == "true" {
		t.Setenv("SVCGEN_MOTO_URL", moto.Start(t, moto.Require(t)))
	}
}
