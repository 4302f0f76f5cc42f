package client

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// writeCounter counts the writes on the connections it dials.
type writeCounter struct {
	mu     sync.Mutex
	writes int
}

type countedConn struct {
	net.Conn
	c *writeCounter
}

func (c countedConn) Write(p []byte) (int, error) {
	c.c.mu.Lock()
	c.c.writes++
	c.c.mu.Unlock()
	return c.Conn.Write(p)
}

func (w *writeCounter) count() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.writes
}

// bodyServer records the body of each request it gets.
func bodyServer(t *testing.T) (*httptest.Server, func() []string) {
	var mu sync.Mutex
	var bodies []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		bodies = append(bodies, string(b))
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, "{}")
	}))
	t.Cleanup(srv.Close)
	return srv, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), bodies...)
	}
}

// TestSmallBodyOneWrite: through net/http's Transport, a small body goes out in the
// same write as the headers (net/http flushes the headers alone first for a body it
// does not know to be in memory: two writes, and a server waiting for the second); a
// body larger than the transport's buffer still arrives whole.
func TestSmallBodyOneWrite(t *testing.T) {
	srv, bodies := bodyServer(t)
	wc := &writeCounter{}
	tr := &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := (&net.Dialer{}).DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		return countedConn{c, wc}, nil
	}}
	defer tr.CloseIdleConnections()
	cfg := &Config{Endpoint: srv.URL, Region: "us-east-1", SigningName: "svc", Credentials: sessionCreds,
		HTTPClient: &http.Client{Transport: tr}, Signer: NewSigner(), State: NewState()}
	small := []byte(`{"namespace":"default","serviceAccount":"app","roleArn":"arn:aws:iam::111122223333:role/app"}`)
	if err := call(cfg, &Operation{Name: "Op"}, small); err != nil {
		t.Fatal(err)
	}
	if n := wc.count(); n != 1 {
		t.Errorf("a request with a %d-byte body took %d writes, want 1", len(small), n)
	}
	large := []byte(`{"a":"` + strings.Repeat("x", 10000) + `"}`)
	if err := call(cfg, &Operation{Name: "Op"}, large); err != nil {
		t.Fatal(err)
	}
	got := bodies()
	if len(got) != 2 || got[0] != string(small) || got[1] != string(large) {
		t.Fatalf("the server got bodies of %d bytes, want %d and %d", lens(got), len(small), len(large))
	}
}

func lens(s []string) []int {
	n := make([]int, len(s))
	for i, v := range s {
		n[i] = len(v)
	}
	return n
}

// TestPooledCallsOwnBodies: successive calls through pooled requests, on net/http's
// Transport and on another client, each send their own body, small or large.
func TestPooledCallsOwnBodies(t *testing.T) {
	srv, bodies := bodyServer(t)
	want := []string{`{"a":1}`, `{"b":22}`, strings.Repeat("y", 5000), `{"c":333}`, `{"a":1}`}
	for _, hc := range []HTTPClient{nil, http.DefaultClient, forwardHTTP{}} {
		cfg := &Config{Endpoint: srv.URL, Region: "us-east-1", SigningName: "svc", Credentials: sessionCreds,
			HTTPClient: hc, Signer: NewSigner(), State: NewState()}
		for _, b := range want {
			if err := call(cfg, &Operation{Name: "Op"}, []byte(b)); err != nil {
				t.Fatal(err)
			}
		}
	}
	got := bodies()
	for i, b := range got {
		if b != want[i%len(want)] {
			t.Fatalf("request %d sent %.20q, want %.20q", i, b, want[i%len(want)])
		}
	}
	if len(got) != 3*len(want) {
		t.Fatalf("%d requests, want %d", len(got), 3*len(want))
	}
}

// forwardHTTP sends through http.DefaultTransport behind a type the runtime does not
// know: it gets the pooled body reader.
type forwardHTTP struct{}

func (forwardHTTP) Do(req *http.Request) (*http.Response, error) {
	return http.DefaultTransport.RoundTrip(req)
}

// TestGetBody: the GetBody a request gives the transport reads the whole body each
// time, from the call's copy of a small body or from the body itself.
func TestGetBody(t *testing.T) {
	for _, copySmall := range []bool{true, false} {
		r := newRequest()
		r.Method, r.Body, r.copySmall = "POST", []byte(`{"a":"b"}`), copySmall
		req := r.httpRequest(context.Background())
		for range 2 {
			rc, err := req.GetBody()
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(rc)
			rc.Close()
			if !bytes.Equal(b, r.Body) {
				t.Fatalf("copySmall=%v: GetBody read %q, want %q", copySmall, b, r.Body)
			}
		}
	}
}

// headerRecorder keeps the X-Amz-Content-Sha256 header of each request as it was sent.
type headerRecorder struct{ values []string }

func (h *headerRecorder) Do(req *http.Request) (*http.Response, error) {
	h.values = append(h.values, req.Header["X-Amz-Content-Sha256"]...)
	io.Copy(io.Discard, req.Body)
	req.Body.Close()
	return &http.Response{StatusCode: 200, Header: http.Header{}, ContentLength: 2,
		Body: io.NopCloser(strings.NewReader("{}")), Request: req}, nil
}

// TestContentSHA256Kept: the X-Amz-Content-Sha256 header a request carried keeps its
// value after the call, when the pooled request hashes another body (the signer's
// payload hash shares the pooled request's memory; the header has a copy).
func TestContentSHA256Kept(t *testing.T) {
	rec := &headerRecorder{}
	cfg := &Config{Endpoint: "https://example.com", Region: "us-east-1", SigningName: "s3", Credentials: sessionCreds,
		HTTPClient: rec, Signer: NewSigner(), ContentSHA256: true}
	bodies := []string{`{"first":1}`, `{"second":2}`}
	for _, b := range bodies {
		if err := call(cfg, &Operation{Name: "Op"}, []byte(b)); err != nil {
			t.Fatal(err)
		}
	}
	if len(rec.values) != len(bodies) {
		t.Fatalf("got %d X-Amz-Content-Sha256 headers, want %d", len(rec.values), len(bodies))
	}
	for i, b := range bodies {
		sum := sha256.Sum256([]byte(b))
		if want := hex.EncodeToString(sum[:]); rec.values[i] != want {
			t.Errorf("request %d: X-Amz-Content-Sha256 is %s, want %s", i, rec.values[i], want)
		}
	}
}
