package fake

import (
	"context"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	s3 "github.com/svcgen/svcgen/gen/s3"
)

// pattern is a body of n bytes made as it is read: the test holds no copy of it.
type pattern struct{ off, n int64 }

func (p *pattern) Read(b []byte) (int, error) {
	if p.off >= p.n {
		return 0, io.EOF
	}
	k := int(min(int64(len(b)), p.n-p.off))
	for i := range k {
		x := p.off + int64(i)
		b[i] = byte(x*7 + x>>13)
	}
	p.off += int64(k)
	return k, nil
}

func digests(n int64) (md5hex, sha256hex string) {
	m, s := md5.New(), sha256.New()
	io.Copy(io.MultiWriter(m, s), &pattern{n: n})
	return hex.EncodeToString(m.Sum(nil)), hex.EncodeToString(s.Sum(nil))
}

// TestLargeObjectStreams: a 50 MB PutObject and GetObject through the HTTP handler,
// signed (the body checked against its hash as it streams) allocate the stored copy
// and little more: the body is never held twice.
func TestLargeObjectStreams(t *testing.T) {
	const size = 50 << 20
	f := New(Options{})
	srv := httptest.NewServer(f.Handler())
	defer srv.Close()
	if _, err := f.CreateBucket(context.Background(), &s3.CreateBucketInput{Bucket: "big"}); err != nil {
		t.Fatal(err)
	}
	wantMD5, wantSHA := digests(size)
	creds := aws.Credentials{AccessKeyID: DefaultAccessKeyID, SecretAccessKey: DefaultSecretAccessKey}
	signer := v4.NewSigner(func(o *v4.SignerOptions) { o.DisableURIPathEscaping = true })
	client := srv.Client()

	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)

	req, _ := http.NewRequest(http.MethodPut, srv.URL+"/big/object.bin", &pattern{n: size})
	req.ContentLength = size
	req.Header.Set("X-Amz-Content-Sha256", wantSHA)
	if err := signer.SignHTTP(context.Background(), creds, req, wantSHA, "s3", DefaultRegion, time.Now()); err != nil {
		t.Fatal(err)
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("ETag") != `"`+wantMD5+`"` {
		t.Fatalf("PUT: %d ETag %s", resp.StatusCode, resp.Header.Get("ETag"))
	}

	req, _ = http.NewRequest(http.MethodGet, srv.URL+"/big/object.bin", nil)
	req.Header.Set("X-Amz-Content-Sha256", hex.EncodeToString(sha256.New().Sum(nil)))
	signer.SignHTTP(context.Background(), creds, req, req.Header.Get("X-Amz-Content-Sha256"), "s3", DefaultRegion, time.Now())
	resp, err = client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	m := md5.New()
	n, err := io.Copy(m, resp.Body)
	resp.Body.Close()
	if err != nil || n != size || hex.EncodeToString(m.Sum(nil)) != wantMD5 {
		t.Fatalf("GET: %d bytes, %v", n, err)
	}

	runtime.ReadMemStats(&after)
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("50 MB PUT + GET allocated %.1f MB", float64(alloc)/(1<<20))
	if limit := uint64(size + 8<<20); alloc > limit {
		t.Errorf("PUT + GET of %d bytes allocated %d bytes (limit %d): the body is held more than once", size, alloc, limit)
	}

	// a body that is not the one signed is refused at its end, and not stored
	req, _ = http.NewRequest(http.MethodPut, srv.URL+"/big/other.bin", &pattern{n: 1 << 20})
	req.ContentLength = 1 << 20
	req.Header.Set("X-Amz-Content-Sha256", wantSHA)
	signer.SignHTTP(context.Background(), creds, req, wantSHA, "s3", DefaultRegion, time.Now())
	resp, err = client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 400 || !strings.Contains(string(b), "XAmzContentSHA256Mismatch") {
		t.Errorf("altered body: %d %s", resp.StatusCode, b)
	}
	if _, err := f.lookup("big", "other.bin", nil); err == nil {
		t.Error("an altered body was stored")
	}
}

// TestSignatureRequired: the fake refuses unsigned requests unless Options.Unsigned.
func TestSignatureRequired(t *testing.T) {
	for _, unsigned := range []bool{false, true} {
		srv := httptest.NewServer(New(Options{Unsigned: unsigned}).Handler())
		req, _ := http.NewRequest(http.MethodPut, srv.URL+"/a-bucket", nil)
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if want := map[bool]int{false: 403, true: 200}[unsigned]; resp.StatusCode != want {
			t.Errorf("unsigned CreateBucket, Options.Unsigned %v: %d, want %d", unsigned, resp.StatusCode, want)
		}
		srv.Close()
	}
}
