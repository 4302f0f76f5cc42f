// Package scenarios holds the interop suite's user scenarios. They compile only inside
// the scratch module that interop.TestInterop writes beside the generated clients
// (interop/<service>), and call moto at INTEROP_ENDPOINT.
package scenarios

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// endpoint is moto's address, "http://127.0.0.1:PORT".
var endpoint = os.Getenv("INTEROP_ENDPOINT")

const region = "us-east-1"

func TestMain(m *testing.M) {
	if endpoint == "" {
		fmt.Fprintln(os.Stderr, "INTEROP_ENDPOINT is not set: the scenarios run through interop.TestInterop (make interop)")
		os.Exit(1)
	}
	os.Exit(m.Run())
}

// creds are moto's usual static test credentials.
var creds = aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
	return aws.Credentials{AccessKeyID: "testing", SecretAccessKey: "testing", Source: "interop"}, nil
})

// exchange is what the recorder saw of one request and its response.
type exchange struct {
	method        string
	url           string
	host          string
	header        http.Header
	contentLength int64
	hasBody       bool
	status        int
	respHeader    http.Header
}

// recorder is the HTTPClient the scenarios give the generated clients: a plain
// *http.Client (as a user would have) whose every connection goes to moto, whatever
// host the request names (virtual-host S3 addressing), and which remembers what it
// sent and received.
type recorder struct {
	client *http.Client
	// mutate, when set, alters each response before the client reads it (a body
	// damaged on the way).
	mutate func(*http.Response)
	// before, when set, alters each request before it is sent (a moto workaround).
	before func(*http.Request)
	mu     sync.Mutex
	seen   []exchange
}

func newRecorder() *recorder {
	u, err := url.Parse(endpoint)
	if err != nil {
		panic(err)
	}
	addr := u.Host
	tr := http.DefaultTransport.(*http.Transport).Clone()
	var d net.Dialer
	tr.DialContext = func(ctx context.Context, network, _ string) (net.Conn, error) {
		return d.DialContext(ctx, network, addr)
	}
	return &recorder{client: &http.Client{Transport: tr}}
}

func (r *recorder) Do(req *http.Request) (*http.Response, error) {
	if r.before != nil {
		r.before(req)
	}
	ex := exchange{method: req.Method, url: req.URL.String(), host: req.Host, header: req.Header.Clone(),
		contentLength: req.ContentLength, hasBody: req.Body != nil && req.Body != http.NoBody}
	if ex.host == "" {
		ex.host = req.URL.Host
	}
	resp, err := r.client.Do(req)
	if resp != nil {
		ex.status = resp.StatusCode
		ex.respHeader = resp.Header.Clone()
		if r.mutate != nil {
			r.mutate(resp)
		}
	}
	r.mu.Lock()
	r.seen = append(r.seen, ex)
	r.mu.Unlock()
	return resp, err
}

// last is the last exchange, the zero one when nothing was sent.
func (r *recorder) last() exchange {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.seen) == 0 {
		return exchange{}
	}
	return r.seen[len(r.seen)-1]
}

func (r *recorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.seen)
}

var seq atomic.Int64

// unique is a name no other scenario of this run uses: prefix, the time and a counter.
func unique(prefix string) string {
	return fmt.Sprintf("%s-%d-%d", prefix, time.Now().Unix()%100000, seq.Add(1))
}

// apiError is what every error of a generated client offers.
type apiError interface {
	error
	ErrorCode() string
	ErrorMessage() string
	HTTPStatusCode() int
}

// wantCode checks that err is an API error with the code and status.
func wantCode(t *testing.T, err error, code string, status int) apiError {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %s (HTTP %d)", code, status)
	}
	var ae apiError
	if !errors.As(err, &ae) {
		t.Fatalf("error %v (%T) has no ErrorCode/HTTPStatusCode; want %s", err, err, code)
	}
	if ae.ErrorCode() != code || ae.HTTPStatusCode() != status {
		t.Fatalf("error %v: code %q status %d, want %q %d", err, ae.ErrorCode(), ae.HTTPStatusCode(), code, status)
	}
	return ae
}

// typeName is the dynamic type of the API error err wraps ("*types.NoSuchKey").
func typeName(err error) string {
	var ae apiError
	if errors.As(err, &ae) {
		return fmt.Sprintf("%T", ae)
	}
	return fmt.Sprintf("%T", err)
}

// requestIDer is how a user reads the request id of a failed call (aws-sdk-go-v2's
// awshttp.ResponseError names it ServiceRequestID).
type requestIDer interface{ ServiceRequestID() string }

// wantWireFacts checks point 8: a failed call's error tells the status that came back
// and the request id the service sent (rec saw both).
func wantWireFacts(t *testing.T, err error, rec *recorder) {
	t.Helper()
	ex := rec.last()
	id := ex.respHeader.Get("X-Amzn-Requestid")
	if id == "" {
		id = ex.respHeader.Get("X-Amz-Request-Id")
	}
	if id == "" {
		id = ex.respHeader.Get("X-Amzn-Request-Id")
	}
	var st interface{ HTTPStatusCode() int }
	if !errors.As(err, &st) || st.HTTPStatusCode() != ex.status {
		t.Errorf("error %v: status %v, want the wire's %d", err, st, ex.status)
	}
	var rid requestIDer
	switch {
	case !errors.As(err, &rid):
		t.Errorf("error %v (%T) has no ServiceRequestID(); the response's request id was %q", err, err, id)
	case id != "" && rid.ServiceRequestID() != id:
		t.Errorf("ServiceRequestID() = %q, want the response's %q", rid.ServiceRequestID(), id)
	}
}

// must fails the test on err.
func must(t *testing.T, err error, what string) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// deref is *p, or the zero value for nil.
func deref[T any](p *T) T {
	var z T
	if p == nil {
		return z
	}
	return *p
}

// unicodeText is text outside ASCII: accents, CJK, an emoji (4 bytes in UTF-8, a
// surrogate pair in UTF-16) and a combining mark.
const unicodeText = "héllo wörld — 日本語 ✓ 🚀 e\u0301"

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// ptr is a pointer to v.
func ptr[T any](v T) *T { return &v }
