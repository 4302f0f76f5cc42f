package emit_test

import (
	"strings"
	"testing"

	"github.com/svcgen/svcgen/generator/emit"
	"github.com/svcgen/svcgen/internal/shareddata"
)

// presignS3Test runs in the package generated from the corpus's S3 model. Every
// presigned request goes to a loopback proxy that checks its signature with
// sigv4verify (moto 5.2.1 reads neither the signature nor X-Amz-Expires of a
// presigned URL) and passes the good ones on to moto, which stores and serves the
// objects. The requests are sent with plain net/http: the URL, method and signed
// headers are all a holder of the URL has.
const presignS3Test = `package s3_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"scenarios/s3"
	"scenarios/s3/types"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/svcgen/svcgen/runtime/client"
	"github.com/svcgen/svcgen/runtime/sigv4verify"
)

var creds = aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
	return aws.Credentials{AccessKeyID: "AKID", SecretAccessKey: "SECRET", SessionToken: "TOKEN"}, nil
})

func lookup(id string) (string, bool) { return "SECRET", id == "AKID" }

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

// send sends a presigned request as anyone holding it would.
func send(t *testing.T, p *client.PresignedRequest, body []byte, drop ...string) (*http.Response, []byte) {
	t.Helper()
	var r io.Reader
	if body != nil {
		r = bytes.NewReader(body)
	}
	req, err := http.NewRequest(p.Method, p.URL, r)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range p.SignedHeader {
		if k != "Host" {
			req.Header[k] = v
		}
	}
	for _, k := range drop {
		req.Header.Del(k)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	got, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, got
}

func TestPresignMoto(t *testing.T) {
	moto := startMoto(t)
	target, _ := url.Parse(moto)
	proxy := httputil.NewSingleHostReverseProxy(target)
	verify := sigv4verify.New(lookup, sigv4verify.WithService("s3"), sigv4verify.WithRegion("us-east-1"),
		sigv4verify.WithUnsignedPayload(), sigv4verify.WithSinglePathEncoding())
	var checked atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := verify(r); err != nil {
			http.Error(w, err.Error(), http.StatusForbidden)
			return
		}
		checked.Add(1)
		proxy.ServeHTTP(w, r)
	}))
	defer srv.Close()
	viaProxy := func(o *s3.Options) { o.BaseEndpoint = srv.URL }

	pathStyle := true
	c := s3.New(s3.Options{Region: "us-east-1", BaseEndpoint: moto, ForcePathStyle: &pathStyle, Credentials: creds})
	ctx := context.Background()
	const bucket, key = "presign-bkt", "dir/hello world.txt"
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: bucket}); err != nil {
		t.Fatal(err)
	}
	payload := []byte(strings.Repeat("presigned bytes\x00\xff ", 1000))

	put, err := c.PresignPutObject(ctx, &s3.PutObjectInput{Bucket: bucket, Key: key, ContentType: aws.String("text/plain")}, time.Minute, viaProxy)
	if err != nil {
		t.Fatal(err)
	}
	if put.Method != "PUT" || !strings.HasPrefix(put.URL, srv.URL+"/presign-bkt/dir/hello%20world.txt?") || !strings.Contains(put.URL, "X-Amz-Expires=60") {
		t.Fatalf("PUT %s %s", put.Method, put.URL)
	}
	if put.SignedHeader.Get("Content-Type") != "text/plain" {
		t.Errorf("signed headers %v", put.SignedHeader)
	}
	if resp, body := send(t, put, payload, "Content-Type"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("PUT without its signed Content-Type: %d %s", resp.StatusCode, body)
	}
	if resp, body := send(t, put, payload); resp.StatusCode != http.StatusOK {
		t.Fatalf("PUT: %d %s", resp.StatusCode, body)
	}

	// A ContentLength given is signed: another length is refused.
	sized, err := c.PresignPutObject(ctx, &s3.PutObjectInput{Bucket: bucket, Key: "sized", ContentLength: aws.Int64(int64(len(payload)))}, time.Minute, viaProxy)
	if err != nil {
		t.Fatal(err)
	}
	if resp, body := send(t, sized, append(payload, '!')); resp.StatusCode != http.StatusForbidden {
		t.Errorf("PUT of another length: %d %s", resp.StatusCode, body)
	}
	if resp, body := send(t, sized, payload); resp.StatusCode != http.StatusOK {
		t.Errorf("PUT of the signed length: %d %s", resp.StatusCode, body)
	}

	get, err := c.PresignGetObject(ctx, &s3.GetObjectInput{Bucket: bucket, Key: key}, time.Minute, viaProxy)
	if err != nil {
		t.Fatal(err)
	}
	if resp, body := send(t, get, nil); resp.StatusCode != http.StatusOK || !bytes.Equal(body, payload) || resp.Header.Get("Content-Type") != "text/plain" {
		t.Fatalf("GET: %d, %d bytes (sent %d), %q", resp.StatusCode, len(body), len(payload), resp.Header.Get("Content-Type"))
	}

	head, err := c.PresignHeadObject(ctx, &s3.HeadObjectInput{Bucket: bucket, Key: key}, time.Minute, viaProxy)
	if err != nil {
		t.Fatal(err)
	}
	if resp, _ := send(t, head, nil); head.Method != "HEAD" || resp.StatusCode != http.StatusOK || resp.ContentLength != int64(len(payload)) {
		t.Fatalf("HEAD %s: %d, length %d", head.Method, resp.StatusCode, resp.ContentLength)
	}

	mp, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: bucket, Key: "mp"})
	if err != nil {
		t.Fatal(err)
	}
	part, err := c.PresignUploadPart(ctx, &s3.UploadPartInput{Bucket: bucket, Key: "mp", UploadId: aws.ToString(mp.UploadId), PartNumber: 1}, time.Minute, viaProxy)
	if err != nil {
		t.Fatal(err)
	}
	resp, body := send(t, part, payload)
	if resp.StatusCode != http.StatusOK || resp.Header.Get("ETag") == "" {
		t.Fatalf("UploadPart: %d %s", resp.StatusCode, body)
	}
	if _, err := c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: bucket, Key: "mp", UploadId: aws.ToString(mp.UploadId),
		MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{{ETag: aws.String(resp.Header.Get("ETag")), PartNumber: aws.Int32(1)}}}}); err != nil {
		t.Fatal(err)
	}
	out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: bucket, Key: "mp"})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(out.Body)
	out.Body.Close()
	if !bytes.Equal(got, payload) {
		t.Errorf("the uploaded part came back as %d bytes", len(got))
	}

	del, err := c.PresignDeleteObject(ctx, &s3.DeleteObjectInput{Bucket: bucket, Key: key}, time.Minute, viaProxy)
	if err != nil {
		t.Fatal(err)
	}
	if resp, body := send(t, del, nil); del.Method != "DELETE" || resp.StatusCode != http.StatusNoContent {
		t.Fatalf("DELETE %s: %d %s", del.Method, resp.StatusCode, body)
	}
	if resp, _ := send(t, get, nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("GET after DELETE: %d", resp.StatusCode)
	}
	if n := checked.Load(); n != 7 {
		t.Errorf("the verifier passed %d requests, want 7", n)
	}

	// A URL is refused once expired.
	short, err := c.PresignGetObject(ctx, &s3.GetObjectInput{Bucket: bucket, Key: "mp"}, time.Second, viaProxy)
	if err != nil {
		t.Fatal(err)
	}
	if resp, _ := send(t, short, nil); resp.StatusCode != http.StatusOK {
		t.Fatalf("GET before expiry: %d", resp.StatusCode)
	}
	time.Sleep(2100 * time.Millisecond)
	if resp, body := send(t, short, nil); resp.StatusCode != http.StatusForbidden || !strings.Contains(string(body), "expired") {
		t.Errorf("GET after expiry: %d %s", resp.StatusCode, body)
	}

	if _, err := c.PresignGetObject(ctx, &s3.GetObjectInput{Bucket: bucket, Key: key}, 7*24*time.Hour+time.Second); !errors.Is(err, client.ErrPresignExpires) {
		t.Errorf("8 days: %v", err)
	}
	if _, err := c.PresignGetObject(ctx, &s3.GetObjectInput{Bucket: bucket}, time.Minute); err == nil {
		t.Error("presigned a GetObject without its Key")
	}
}

// TestPresignVirtualHost: without path-style addressing the bucket is in the host, as
// the client addresses it.
func TestPresignVirtualHost(t *testing.T) {
	c := s3.New(s3.Options{Region: "eu-west-1", Credentials: creds})
	p, err := c.PresignGetObject(context.Background(), &s3.GetObjectInput{Bucket: "bkt", Key: "a+b"}, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(p.URL, "https://bkt.s3.eu-west-1.amazonaws.com/a%2Bb?") || !strings.Contains(p.URL, "X-Amz-Credential=AKID%2F") ||
		!strings.Contains(p.URL, "%2Feu-west-1%2Fs3%2Faws4_request") || !strings.Contains(p.URL, "X-Amz-Security-Token=TOKEN") {
		t.Errorf("URL %s", p.URL)
	}
}
`

// presignSTSTest presigns STS's GetCallerIdentity as EKS tokens are made: a GET whose
// query is the request, checked by sigv4verify.
const presignSTSTest = `package sts_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/svcgen/svcgen/runtime/sigv4verify"
	"scenarios/sts"
)

func TestPresignGetCallerIdentity(t *testing.T) {
	verify := sigv4verify.New(func(id string) (string, bool) { return "SECRET", id == "AKID" }, sigv4verify.WithService("sts"), sigv4verify.WithRegion("us-east-1"))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != "GET" || r.URL.Query().Get("Action") != "GetCallerIdentity" {
			http.Error(w, "not GetCallerIdentity: "+r.URL.RawQuery, http.StatusBadRequest)
			return
		}
		if err := verify(r); err != nil {
			http.Error(w, err.Error(), http.StatusForbidden)
		}
	}))
	defer srv.Close()
	creds := aws.NewCredentialsCache(aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
		return aws.Credentials{AccessKeyID: "AKID", SecretAccessKey: "SECRET"}, nil
	}))
	c := sts.New(sts.Options{Region: "us-east-1", BaseEndpoint: srv.URL, Credentials: creds})
	p, err := c.PresignGetCallerIdentity(context.Background(), nil, 60*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if p.Method != "GET" {
		t.Fatalf("method %s", p.Method)
	}
	get := func(u string) int {
		req, _ := http.NewRequest(p.Method, u, nil)
		for k, v := range p.SignedHeader {
			if k != "Host" {
				req.Header[k] = v
			}
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := get(p.URL); code != http.StatusOK {
		t.Fatalf("presigned GetCallerIdentity: %d (%s)", code, p.URL)
	}
	u, _ := url.Parse(p.URL)
	q := u.Query()
	q.Set("Version", "2011-06-16")
	q.Set("Action", "GetCallerIdentity")
	u.RawQuery = q.Encode()
	if code := get(u.String()); code != http.StatusForbidden {
		t.Errorf("altered query: %d", code)
	}

	// Without BaseEndpoint the URL is the one the endpoint rules give.
	p, err = sts.New(sts.Options{Region: "eu-west-1", Credentials: creds}).PresignGetCallerIdentity(context.Background(), nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	if u, _ := url.Parse(p.URL); u.Host != "sts.eu-west-1.amazonaws.com" || u.Query().Get("X-Amz-Expires") != "900" {
		t.Errorf("URL %s", p.URL)
	}
}
`

// TestPresign generates the corpus's S3 and STS models and presigns through them:
// S3's five object operations against moto behind a SigV4-checking proxy, and STS's
// GetCallerIdentity checked by sigv4verify. Only the operations of the presign table
// get a Presign method.
func TestPresign(t *testing.T) {
	services := shareddata.Corpus(t)
	s3 := corpusPackage(t, services, "s3")
	sts := corpusPackage(t, services, "sts")
	counts := map[string]int{}
	for name, files := range map[string][]emit.File{"s3": s3, "sts": sts} {
		for _, f := range files {
			counts[name] += strings.Count(string(f.Data), ") Presign")
		}
	}
	if counts["s3"] != 5 || counts["sts"] != 1 {
		t.Errorf("Presign methods: %v, want s3 5, sts 1", counts)
	}
	withMoto(t)
	buildAndVet(t, map[string][]emit.File{
		"s3":  append(s3, emit.File{Path: "presign_test.go", Data: []byte(presignS3Test)}),
		"sts": append(sts, emit.File{Path: "presign_test.go", Data: []byte(presignSTSTest)}),
	})
}
