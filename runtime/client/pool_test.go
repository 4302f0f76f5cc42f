package client

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
)

// recordHTTP answers with status (the first fail answers 500) and records each
// request it got: its pointer and URL.
type recordHTTP struct {
	fail int
	reqs []*http.Request
	urls []string
}

func (f *recordHTTP) Do(req *http.Request) (*http.Response, error) {
	f.reqs = append(f.reqs, req)
	f.urls = append(f.urls, req.URL.String())
	if req.Body != nil {
		io.Copy(io.Discard, req.Body)
		req.Body.Close()
	}
	status := 200
	if f.fail > 0 {
		f.fail--
		status = 500
	}
	return &http.Response{StatusCode: status, Header: http.Header{}, ContentLength: 2,
		Body: io.NopCloser(strings.NewReader("{}")), Request: req}, nil
}

func callPath(ctx context.Context, cfg *Config, path, query string) error {
	type in struct{}
	type out struct{}
	return Call(ctx, cfg, &Operation{Name: "Op"}, &in{}, &out{},
		func(r *Request, _ *in) error {
			r.Method = "GET"
			r.AppendPath("/")
			r.AppendLabel(path, false)
			if query != "" {
				r.AddQuery("q", query)
			}
			return nil
		},
		func(*http.Response, []byte, *out) error { return nil }, nil)
}

// TestPooledURL: calls through pooled requests send each its own path and query,
// whatever the call before sent.
func TestPooledURL(t *testing.T) {
	f := &recordHTTP{}
	cfg := &Config{Endpoint: "https://example.com/base", Region: "us-east-1", SigningName: "svc",
		Credentials: sessionCreds, HTTPClient: f, Signer: NewSigner(), Sleep: noSleep}
	calls := [][2]string{{"a", ""}, {"a", ""}, {"b c", "x"}, {"a", ""}, {"a", "y"}, {"b c", "x"}}
	for _, c := range calls {
		if err := callPath(context.Background(), cfg, c[0], c[1]); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{"https://example.com/base/a", "https://example.com/base/a", "https://example.com/base/b%20c?q=x",
		"https://example.com/base/a", "https://example.com/base/a?q=y", "https://example.com/base/b%20c?q=x"}
	if strings.Join(f.urls, " ") != strings.Join(want, " ") {
		t.Fatalf("sent %q, want %q", f.urls, want)
	}
}

// TestRetryOwnRequest: a retry sends an *http.Request of its own, not the first
// attempt's (which the transport may still hold), with a background context and
// with another.
func TestRetryOwnRequest(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	for _, ctx := range []context.Context{context.Background(), ctx} {
		f := &recordHTTP{fail: 2}
		cfg := &Config{Endpoint: "https://example.com", Region: "us-east-1", SigningName: "svc",
			Credentials: sessionCreds, HTTPClient: f, Signer: NewSigner(), Sleep: noSleep}
		if err := callPath(ctx, cfg, "a", ""); err != nil {
			t.Fatal(err)
		}
		if len(f.reqs) != 3 || f.reqs[0] == f.reqs[1] || f.reqs[1] == f.reqs[2] || f.reqs[0] == f.reqs[2] {
			t.Fatalf("attempts sent %p, want three distinct requests", f.reqs)
		}
		for i, r := range f.reqs {
			if r.Context() != ctx {
				t.Fatalf("attempt %d has another context", i)
			}
		}
	}
}
