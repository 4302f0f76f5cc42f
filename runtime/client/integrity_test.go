package client

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/svcgen/svcgen/runtime/checksum"
	"github.com/svcgen/svcgen/runtime/checksum/checksumtest"
	"github.com/svcgen/svcgen/runtime/sigv4verify"
)

// These tests call the runtime as generated code does, with hand-written serializers
// shaped like the ones generated for S3's PutObject and GetObject and DynamoDB.

type putInput struct {
	Body          io.Reader
	ContentLength *int64
	Algorithm     string
	ChecksumCRC32 string
	ChecksumType  string
}

type streamOutput struct {
	Body            io.ReadCloser
	ContentEncoding string
}

func serializePut(r *Request, in *putInput) error {
	r.Method = http.MethodPut
	r.AppendPath("/bucket/key")
	if in.ContentLength != nil {
		r.SetHeader("Content-Length", strconv.FormatInt(*in.ContentLength, 10))
	}
	if in.Algorithm != "" {
		r.SetHeader("x-amz-sdk-checksum-algorithm", in.Algorithm)
	}
	if in.ChecksumType != "" {
		r.SetHeader("x-amz-checksum-type", in.ChecksumType)
	}
	if in.ChecksumCRC32 != "" {
		r.SetHeader("x-amz-checksum-crc32", in.ChecksumCRC32)
	}
	r.BodyReader = in.Body
	return nil
}

func deserializeNothing(*http.Response, []byte, *struct{}) error { return nil }

func deserializeStream(resp *http.Response, _ []byte, out *streamOutput) error {
	out.Body, out.ContentEncoding = resp.Body, resp.Header.Get("Content-Encoding")
	return nil
}

var (
	putObject = Operation{Name: "PutObject", RequiresLength: true,
		Checksum: &HTTPChecksum{AlgorithmHeader: "x-amz-sdk-checksum-algorithm"}}
	getObject = Operation{Name: "GetObject", StreamingOutput: true,
		Checksum: &HTTPChecksum{ModeHeader: "x-amz-checksum-mode", ResponseAlgorithms: []string{"CRC64NVME", "CRC32", "CRC32C", "SHA256", "SHA1", "SHA512"}}}
)

// recorder is a test server that keeps what it received.
type recorder struct {
	mu       sync.Mutex
	requests []*http.Request
	bodies   [][]byte
	checked  []checksumtest.Checked
	errs     []error
	respond  func(w http.ResponseWriter, r *http.Request)
}

func (rec *recorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c, err := checksumtest.Verify(r)
	rec.mu.Lock()
	rec.requests = append(rec.requests, r)
	rec.bodies = append(rec.bodies, c.Body)
	rec.checked = append(rec.checked, c)
	rec.errs = append(rec.errs, err)
	rec.mu.Unlock()
	if rec.respond != nil {
		rec.respond(w, r)
	}
}

func newConfig(url string) *Config {
	return &Config{ServiceID: "S3", SigningName: "s3", Region: "us-east-1", Endpoint: url, Credentials: testCreds,
		ContentSHA256: true, DisableDoubleEncoding: true}
}

func put(t *testing.T, cfg *Config, op *Operation, in *putInput) error {
	t.Helper()
	return Call(context.Background(), cfg, op, in, &struct{}{}, serializePut, deserializeNothing, nil)
}

// onlyReader hides everything but Read: a stream whose length nothing tells.
type onlyReader struct{ r io.Reader }

func (o onlyReader) Read(p []byte) (int, error) { return o.r.Read(p) }

// seekOnly is an io.ReadSeeker without Len.
type seekOnly struct{ s io.ReadSeeker }

func (o seekOnly) Read(p []byte) (int, error)                { return o.s.Read(p) }
func (o seekOnly) Seek(off int64, whence int) (int64, error) { return o.s.Seek(off, whence) }

func TestStreamingBodyLength(t *testing.T) {
	rec := &recorder{}
	srv := httptest.NewServer(rec)
	defer srv.Close()
	cfg := newConfig(srv.URL)
	payload := strings.Repeat("0123456789", 1000)
	n := int64(len(payload))
	for _, c := range []struct {
		name string
		in   putInput
	}{
		{"modeled ContentLength, plain reader", putInput{Body: onlyReader{strings.NewReader(payload)}, ContentLength: &n}},
		{"seekable reader", putInput{Body: seekOnly{strings.NewReader("xx" + payload)}}},
		{"strings.Reader", putInput{Body: strings.NewReader(payload)}},
		{"bytes.Buffer", putInput{Body: bytes.NewBufferString(payload)}},
	} {
		rec.requests, rec.bodies, rec.errs, rec.checked = nil, nil, nil, nil
		in := c.in
		if s, ok := in.Body.(seekOnly); ok {
			s.s.Seek(2, io.SeekStart) // the stream is sent from where it is
		}
		if err := put(t, cfg, &putObject, &in); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		got := rec.requests[0]
		if got.ContentLength != n || len(got.TransferEncoding) != 0 || string(rec.bodies[0]) != payload {
			t.Errorf("%s: sent Content-Length %d, Transfer-Encoding %v, %d bytes; want Content-Length %d, not chunked",
				c.name, got.ContentLength, got.TransferEncoding, len(rec.bodies[0]), n)
		}
	}
	// An empty stream is an empty body, not a chunked one.
	rec.requests, rec.bodies = nil, nil
	if err := put(t, cfg, &putObject, &putInput{Body: onlyReader{strings.NewReader("")}, ContentLength: new(int64)}); err != nil {
		t.Fatal(err)
	}
	if got := rec.requests[0]; got.ContentLength != 0 || len(got.TransferEncoding) != 0 {
		t.Errorf("an empty body: Content-Length %d, Transfer-Encoding %v", got.ContentLength, got.TransferEncoding)
	}
	// A length nothing tells is an error before anything is sent.
	rec.requests = nil
	err := put(t, cfg, &putObject, &putInput{Body: onlyReader{strings.NewReader(payload)}})
	if !errors.Is(err, errUnknownLength) || len(rec.requests) != 0 {
		t.Errorf("an unknown length: %v, %d requests sent", err, len(rec.requests))
	}
	rec.bodies = nil
	// An operation whose service takes chunked bodies still sends one.
	chunkedOK := Operation{Name: "PostContent"}
	if err := put(t, cfg, &chunkedOK, &putInput{Body: onlyReader{strings.NewReader(payload)}}); err != nil {
		t.Fatal(err)
	}
	if got := rec.requests[0]; got.ContentLength != -1 || len(got.TransferEncoding) != 1 || string(rec.bodies[0]) != payload {
		t.Errorf("a chunked upload: Content-Length %d, Transfer-Encoding %v", got.ContentLength, got.TransferEncoding)
	}
}

func TestRequestChecksum(t *testing.T) {
	rec := &recorder{}
	srv := httptest.NewServer(rec)
	defer srv.Close()
	cfg := newConfig(srv.URL)
	payload := strings.Repeat("checksum me ", 20000) // more than one aws-chunked chunk
	n := int64(len(payload))
	for _, c := range []struct {
		name              string
		in                putInput
		alg               string
		trailer, sha256ed bool
	}{
		{"default on a seekable body", putInput{Body: strings.NewReader(payload)}, "CRC32", false, true},
		{"default on a buffer", putInput{Body: bytes.NewBufferString(payload)}, "CRC32", false, false},
		{"default with a checksum type", putInput{Body: strings.NewReader(payload), ChecksumType: "FULL_OBJECT"}, "CRC32", false, true},
		{"SHA256 named", putInput{Body: strings.NewReader(payload), Algorithm: "SHA256"}, "SHA256", false, true},
		{"crc64nvme named in lower case", putInput{Body: strings.NewReader(payload), Algorithm: "crc64nvme"}, "CRC64NVME", false, true},
		{"CRC32C named", putInput{Body: strings.NewReader(payload), Algorithm: "CRC32C"}, "CRC32C", false, true},
		{"SHA1 named", putInput{Body: strings.NewReader(payload), Algorithm: "SHA1"}, "SHA1", false, true},
		{"named on a stream of known length", putInput{Body: onlyReader{strings.NewReader(payload)}, ContentLength: &n, Algorithm: "SHA256"}, "SHA256", true, false},
		{"default on a stream read once", putInput{Body: onlyReader{strings.NewReader(payload)}, ContentLength: &n}, "", false, false},
	} {
		rec.requests, rec.bodies, rec.errs, rec.checked = nil, nil, nil, nil
		in := c.in
		if err := put(t, cfg, &putObject, &in); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		got, checked := rec.requests[0], rec.checked[0]
		if rec.errs[0] != nil {
			t.Errorf("%s: %v", c.name, rec.errs[0])
			continue
		}
		if checked.Algorithm != c.alg || checked.Trailer != c.trailer || string(checked.Body) != payload {
			t.Errorf("%s: checksum %q (trailer %v) of %d bytes, want %q (trailer %v)", c.name, checked.Algorithm, checked.Trailer, len(checked.Body), c.alg, c.trailer)
		}
		if c.alg != "" && !strings.EqualFold(got.Header.Get("X-Amz-Sdk-Checksum-Algorithm"), c.alg) {
			t.Errorf("%s: x-amz-sdk-checksum-algorithm %q", c.name, got.Header.Get("X-Amz-Sdk-Checksum-Algorithm"))
		}
		if len(got.TransferEncoding) != 0 {
			t.Errorf("%s: sent chunked", c.name)
		}
		hash := got.Header.Get("X-Amz-Content-Sha256")
		want := "UNSIGNED-PAYLOAD"
		if c.trailer {
			want = "STREAMING-UNSIGNED-PAYLOAD-TRAILER"
		}
		if c.sha256ed {
			// over plain HTTP a stream read for its checksum is signed with its hash
			want = sha256Hex(payload)
		}
		if hash != want {
			t.Errorf("%s: X-Amz-Content-Sha256 %q, want %q", c.name, hash, want)
		}
	}
	// The caller's own checksum goes as given, with no other.
	rec.requests, rec.checked, rec.errs = nil, nil, nil
	mine, _ := checksumtest.Sum("CRC32", []byte(payload))
	if err := put(t, cfg, &putObject, &putInput{Body: strings.NewReader(payload), ChecksumCRC32: mine}); err != nil {
		t.Fatal(err)
	}
	if rec.errs[0] != nil || rec.checked[0].Value != mine {
		t.Errorf("the caller's checksum: %v %q", rec.errs[0], rec.checked[0].Value)
	}
	// An algorithm the client cannot compute, or a named checksum of a stream it cannot
	// read twice nor frame, is an error before sending.
	rec.requests = nil
	for _, in := range []putInput{
		{Body: strings.NewReader(payload), Algorithm: "SHA512"},
		{Body: onlyReader{strings.NewReader(payload)}, Algorithm: "CRC32"},
	} {
		var u *checksum.UnsupportedError
		err := put(t, &Config{Endpoint: srv.URL}, &Operation{Name: "PutObject", Checksum: putObject.Checksum}, &in)
		if err == nil || (in.Algorithm == "SHA512") != errors.As(err, &u) {
			t.Errorf("%+v: %v", in, err)
		}
	}
	if len(rec.requests) != 0 {
		t.Errorf("%d requests sent", len(rec.requests))
	}
}

func sha256Hex(s string) string {
	r := &Request{Body: []byte(s)}
	return hashPayload(r)
}

// TestChecksumRequired: an operation with requestChecksumRequired gets a CRC32 (as
// current SDKs send) in place of the Content-MD5 of httpChecksumRequired.
func TestChecksumRequired(t *testing.T) {
	rec := &recorder{}
	srv := httptest.NewServer(rec)
	defer srv.Close()
	body := []byte("<Delete><Object><Key>a</Key></Object></Delete>")
	ser := func(r *Request, _ *struct{}) error {
		r.Method, r.Body = "POST", body
		r.AppendPath("/bucket")
		return nil
	}
	op := &Operation{Name: "DeleteObjects", Checksum: &HTTPChecksum{Required: true, AlgorithmHeader: "x-amz-sdk-checksum-algorithm"}}
	if err := Call(context.Background(), newConfig(srv.URL), op, &struct{}{}, &struct{}{}, ser, deserializeNothing, nil); err != nil {
		t.Fatal(err)
	}
	if rec.errs[0] != nil || rec.checked[0].Algorithm != "CRC32" || rec.requests[0].Header.Get("Content-Md5") != "" {
		t.Errorf("DeleteObjects: %v, checksum %q, Content-MD5 %q", rec.errs[0], rec.checked[0].Algorithm, rec.requests[0].Header.Get("Content-Md5"))
	}
	// Without an algorithm member: still CRC32, and no algorithm header.
	op = &Operation{Name: "X", Checksum: &HTTPChecksum{Required: true}}
	rec.requests, rec.checked, rec.errs = nil, nil, nil
	if err := Call(context.Background(), newConfig(srv.URL), op, &struct{}{}, &struct{}{}, ser, deserializeNothing, nil); err != nil {
		t.Fatal(err)
	}
	if rec.checked[0].Algorithm != "CRC32" || rec.requests[0].Header.Get("X-Amz-Sdk-Checksum-Algorithm") != "" {
		t.Errorf("required without a member: %q", rec.checked[0].Algorithm)
	}
}

// TestBytesComeBackAsStored: a gzip object comes back as its compressed bytes with its
// Content-Encoding, and the request still verifies with SigV4.
func TestBytesComeBackAsStored(t *testing.T) {
	var stored bytes.Buffer
	zw := gzip.NewWriter(&stored)
	zw.Write([]byte(strings.Repeat("compressible ", 1000)))
	zw.Close()
	verify := sigv4verify.New(func(string) (string, bool) { return "SECRET", true })
	var gotAccept string
	var verr error
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotAccept, verr = r.Header.Get("Accept-Encoding"), verify(r)
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Content-Length", strconv.Itoa(stored.Len()))
		w.Write(stored.Bytes())
	}))
	defer srv.Close()
	cfg := newConfig(srv.URL)
	cfg.ContentSHA256 = false // sigv4verify hashes the body itself
	out := &streamOutput{}
	ser := func(r *Request, _ *struct{}) error { r.Method = "GET"; r.AppendPath("/bucket/key.gz"); return nil }
	if err := Call(context.Background(), cfg, &getObject, &struct{}{}, out, ser, deserializeStream, nil); err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(out.Body)
	out.Body.Close()
	if err != nil || !bytes.Equal(got, stored.Bytes()) || out.ContentEncoding != "gzip" {
		t.Errorf("got %d bytes (stored %d), Content-Encoding %q, %v", len(got), stored.Len(), out.ContentEncoding, err)
	}
	if gotAccept != "identity" || verr != nil {
		t.Errorf("Accept-Encoding %q; signature: %v", gotAccept, verr)
	}
	// An Accept-Encoding the caller sets is sent as given (and signed), and the bytes
	// still come back as sent.
	ser = func(r *Request, _ *struct{}) error {
		r.Method = "GET"
		r.AppendPath("/bucket/key.gz")
		r.SetHeader("Accept-Encoding", "gzip")
		return nil
	}
	if err := Call(context.Background(), cfg, &getObject, &struct{}{}, out, ser, deserializeStream, nil); err != nil {
		t.Fatal(err)
	}
	got, err = io.ReadAll(out.Body)
	out.Body.Close()
	if err != nil || !bytes.Equal(got, stored.Bytes()) || gotAccept != "gzip" || verr != nil {
		t.Errorf("the caller's Accept-Encoding: sent %q, got %d bytes, %v, signature %v", gotAccept, len(got), err, verr)
	}
}

func TestResponseChecksumValidation(t *testing.T) {
	object := []byte(strings.Repeat("object bytes ", 500))
	var header, value string
	corrupt := false
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("x-amz-checksum-mode") == "ENABLED" && header != "" {
			w.Header().Set(header, value)
		}
		b := object
		if corrupt {
			b = append([]byte{'X'}, object[1:]...)
		}
		w.Write(b)
	}))
	defer srv.Close()
	get := func(mode string) ([]byte, error) {
		out := &streamOutput{}
		ser := func(r *Request, _ *struct{}) error {
			r.Method = "GET"
			r.AppendPath("/bucket/key")
			if mode != "" {
				r.SetHeader("x-amz-checksum-mode", mode)
			}
			return nil
		}
		if err := Call(context.Background(), newConfig(srv.URL), &getObject, &struct{}{}, out, ser, deserializeStream, nil); err != nil {
			return nil, err
		}
		defer out.Body.Close()
		return io.ReadAll(out.Body)
	}
	for _, alg := range checksum.Algorithms {
		header = checksum.Header(alg)
		value, _ = checksumtest.Sum(alg, object)
		corrupt = false
		if got, err := get("ENABLED"); err != nil || !bytes.Equal(got, object) {
			t.Errorf("%s: a good body: %v", alg, err)
		}
		corrupt = true
		var m *checksum.MismatchError
		if _, err := get("ENABLED"); !errors.As(err, &m) || m.Algorithm != alg {
			t.Errorf("%s: a corrupted body reads with %v, want a mismatch", alg, err)
		}
		if _, err := get(""); err != nil {
			t.Errorf("%s: not asked for, not checked: %v", alg, err)
		}
	}
	// A multipart object's composite checksum is not the checksum of the bytes.
	header, value, corrupt = "x-amz-checksum-crc32", "AAAAAA==-3", false
	if _, err := get("ENABLED"); err != nil {
		t.Errorf("a composite checksum: %v", err)
	}
}

// TestDynamoDBCRC32: x-amz-crc32 is checked on every response that has it; a mismatch is
// retried, then an error.
func TestDynamoDBCRC32(t *testing.T) {
	body := []byte(`{"TableNames":["a"]}`)
	good := strconv.FormatUint(uint64(checksumtest.CRC32(0xEDB88320, body)), 10)
	var mu sync.Mutex
	crcs := []string{}
	calls := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		w.Header().Set("X-Amz-Crc32", crcs[min(calls, len(crcs)-1)])
		calls++
		w.Write(body)
	}))
	defer srv.Close()
	ser := func(r *Request, _ *struct{}) error { r.Method, r.Body = "POST", []byte("{}"); return nil }
	var out []byte
	de := func(_ *http.Response, b []byte, _ *struct{}) error { out = b; return nil }
	cfg := &Config{Endpoint: srv.URL, RetryMaxAttempts: 3, Sleep: func(context.Context, time.Duration) error { return nil }}
	op := &Operation{Name: "ListTables"}
	crcs, calls = []string{"1", good}, 0
	if err := Call(context.Background(), cfg, op, &struct{}{}, &struct{}{}, ser, de, nil); err != nil || !bytes.Equal(out, body) || calls != 2 {
		t.Errorf("a mismatch then a good response: %v after %d calls", err, calls)
	}
	crcs, calls = []string{"1"}, 0
	var m *checksum.MismatchError
	if err := Call(context.Background(), cfg, op, &struct{}{}, &struct{}{}, ser, de, nil); !errors.As(err, &m) || calls != 3 {
		t.Errorf("mismatches only: %v after %d calls", err, calls)
	}
}
