package client

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/svcgen/svcgen/runtime/sigv4verify"
)

var testCreds = aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
	return aws.Credentials{AccessKeyID: "AKID", SecretAccessKey: "SECRET"}, nil
})

// call sends one POST of body through Call and returns its error.
func call(cfg *Config, op *Operation, body []byte) error {
	type in struct{}
	type out struct{}
	return Call(context.Background(), cfg, op, &in{}, &out{},
		func(r *Request, _ *in) error {
			r.Method = "POST"
			r.AppendPath("/op")
			r.SetHeader("Content-Type", "application/json")
			r.Body = body
			return nil
		},
		func(*http.Response, []byte, *out) error { return nil }, nil)
}

func noSleep(context.Context, time.Duration) error { return nil }

// TestRetryQuota drains the quota with a service that always fails: each call of
// three attempts takes 2×5 tokens, so after 50 calls the next is attempted once and
// returns the service's error. Successes give tokens back: 1 for a first attempt, the
// retry's cost for a retry.
func TestRetryQuota(t *testing.T) {
	var hits, failFirst atomic.Int64
	var healthy atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if healthy.Load() && failFirst.Add(-1) < 0 {
			return
		}
		w.WriteHeader(503)
	}))
	defer srv.Close()
	st := NewState()
	cfg := &Config{Endpoint: srv.URL, State: st, Sleep: noSleep, RetryMaxAttempts: 3}
	op := &Operation{Name: "Op"}
	for i := 0; i < 50; i++ {
		if err := call(cfg, op, nil); err == nil {
			t.Fatal("no error from a failing service")
		}
	}
	if n := hits.Load(); n != 150 {
		t.Fatalf("%d attempts in 50 calls, want 150", n)
	}
	if st.RetryTokens() != 0 {
		t.Fatalf("%d tokens left, want 0", st.RetryTokens())
	}
	hits.Store(0)
	err := call(cfg, op, nil)
	var api *APIError
	if !errors.As(err, &api) || api.StatusCode != 503 || hits.Load() != 1 {
		t.Fatalf("with the quota spent: %d attempts, error %v; want 1 attempt and the 503", hits.Load(), err)
	}
	// A success at the first attempt gives 1 token back.
	healthy.Store(true)
	if err := call(cfg, op, nil); err != nil {
		t.Fatal(err)
	}
	if st.RetryTokens() != 1 {
		t.Fatalf("%d tokens after a success, want 1", st.RetryTokens())
	}
	for i := 0; i < 9; i++ {
		call(cfg, op, nil)
	}
	// 10 tokens: one failure then a success takes 5 and gives them back.
	failFirst.Store(1)
	hits.Store(0)
	if err := call(cfg, op, nil); err != nil || hits.Load() != 2 {
		t.Fatalf("a retried call: %d attempts, %v", hits.Load(), err)
	}
	if st.RetryTokens() != 10 {
		t.Fatalf("%d tokens after a retried success, want 10", st.RetryTokens())
	}
}

type timeoutErr struct{}

func (timeoutErr) Error() string   { return "i/o timeout" }
func (timeoutErr) Timeout() bool   { return true }
func (timeoutErr) Temporary() bool { return true }

type failingClient struct{ n atomic.Int64 }

func (f *failingClient) Do(*http.Request) (*http.Response, error) {
	f.n.Add(1)
	return nil, &url.Error{Op: "Post", URL: "http://x", Err: timeoutErr{}}
}

// TestRetryQuotaTimeout: a retry after a timeout costs 10 tokens.
func TestRetryQuotaTimeout(t *testing.T) {
	st := NewState()
	fc := &failingClient{}
	cfg := &Config{Endpoint: "http://127.0.0.1:1", State: st, Sleep: noSleep, RetryMaxAttempts: 2, HTTPClient: fc}
	if err := call(cfg, &Operation{Name: "Op"}, nil); err == nil {
		t.Fatal("no error")
	}
	if fc.n.Load() != 2 || st.RetryTokens() != 490 {
		t.Fatalf("%d attempts, %d tokens left; want 2 and 490", fc.n.Load(), st.RetryTokens())
	}
}

// TestRetryQuotaConcurrent takes and gives tokens from many goroutines; the count
// stays exact.
func TestRetryQuotaConcurrent(t *testing.T) {
	st := NewState()
	var wg sync.WaitGroup
	var taken atomic.Int64
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				if c, ok := st.takeRetry(errors.New("x")); ok {
					taken.Add(c)
				}
			}
		}()
	}
	wg.Wait()
	if taken.Load() != 500 || st.RetryTokens() != 0 {
		t.Fatalf("took %d, left %d; want 500 and 0", taken.Load(), st.RetryTokens())
	}
}

// TestSuccessPathAllocs: recording a success allocates nothing.
func TestSuccessPathAllocs(t *testing.T) {
	st := NewState()
	st.quota.tokens.Store(100)
	if n := testing.AllocsPerRun(100, func() { st.succeeded(0); st.succeeded(5) }); n != 0 {
		t.Fatalf("%v allocations", n)
	}
}

// TestUserAgent: requests name svcgen, the service and the application.
func TestUserAgent(t *testing.T) {
	var got atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got.Store(r.Header.Values("User-Agent"))
	}))
	defer srv.Close()
	cfg := &Config{Endpoint: srv.URL, UserAgent: UserAgent("EKS Auth", "2023-11-26", "my app")}
	if err := call(cfg, &Operation{Name: "Op"}, nil); err != nil {
		t.Fatal(err)
	}
	ua := got.Load().([]string)
	if len(ua) != 1 || !strings.HasPrefix(ua[0], "svcgen/"+Version+" lang/go#") || !strings.HasSuffix(ua[0], " api/eks-auth#2023-11-26 app/my-app") {
		t.Fatalf("User-Agent %q", ua)
	}
	cfg = &Config{Endpoint: srv.URL}
	if err := call(cfg, &Operation{Name: "Op"}, nil); err != nil {
		t.Fatal(err)
	}
	if ua := got.Load().([]string); len(ua) != 1 || !strings.HasPrefix(ua[0], "svcgen/") {
		t.Fatalf("default User-Agent %q", ua)
	}
}

// skewedServer verifies signatures with a clock 20 minutes ahead and answers a
// signature it turns down as AWS does (403, InvalidSignatureException, its Date).
func skewedServer(t *testing.T, attempts *atomic.Int64, bodies chan<- []byte) *httptest.Server {
	ahead := func() time.Time { return time.Now().Add(20 * time.Minute) }
	verify := sigv4verify.New(func(string) (string, bool) { return "SECRET", true }, sigv4verify.WithClock(ahead))
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		attempts.Add(1)
		w.Header().Set("Date", ahead().UTC().Format(http.TimeFormat))
		if err := verify(r); err != nil {
			var ve *sigv4verify.Error
			errors.As(err, &ve)
			w.WriteHeader(ve.HTTPStatusCode())
			fmt.Fprintf(w, `{"__type":%q,"message":%q}`, ve.ErrorCode(), ve.ErrorMessage())
			return
		}
		if bodies != nil {
			b, _ := io.ReadAll(r.Body)
			bodies <- b
		}
	}))
}

// TestClockSkew: against a service whose clock is 20 minutes ahead, the first call is
// turned down, signed again with the service's time and accepted; the client keeps
// the offset, so the next call is accepted at once.
func TestClockSkew(t *testing.T) {
	var attempts atomic.Int64
	srv := skewedServer(t, &attempts, nil)
	defer srv.Close()
	cfg := &Config{Endpoint: srv.URL, Credentials: testCreds, SigningName: "svc", Region: "us-east-1", State: NewState(), RetryMaxAttempts: 1, ReadError: ReadErrorInfo}
	if err := call(cfg, &Operation{Name: "Op"}, []byte(`{}`)); err != nil {
		t.Fatalf("after correcting the skew: %v", err)
	}
	if attempts.Load() != 2 {
		t.Fatalf("%d attempts, want 2", attempts.Load())
	}
	if off := cfg.State.clockOffset(); off < 19*time.Minute || off > 21*time.Minute {
		t.Fatalf("offset %v, want about 20m", off)
	}
	attempts.Store(0)
	if err := call(cfg, &Operation{Name: "Op"}, []byte(`{}`)); err != nil || attempts.Load() != 1 {
		t.Fatalf("the next call: %d attempts, %v", attempts.Load(), err)
	}
	// Without a State the offset is corrected within the call only.
	cfg.State = nil
	attempts.Store(0)
	if err := call(cfg, &Operation{Name: "Op"}, []byte(`{}`)); err != nil || attempts.Load() != 2 {
		t.Fatalf("without state: %d attempts, %v", attempts.Load(), err)
	}
}

// TestClockSkewNotASkew: a signature error whose Date shows no skew is returned as it is.
func TestClockSkewNotASkew(t *testing.T) {
	var attempts atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		attempts.Add(1)
		w.WriteHeader(403)
		io.WriteString(w, `{"__type":"InvalidSignatureException","message":"bad"}`)
	}))
	defer srv.Close()
	cfg := &Config{Endpoint: srv.URL, Credentials: testCreds, SigningName: "svc", Region: "us-east-1", State: NewState(), ReadError: ReadErrorInfo}
	err := call(cfg, &Operation{Name: "Op"}, nil)
	var api *APIError
	if !errors.As(err, &api) || api.Code != "InvalidSignatureException" || attempts.Load() != 1 {
		t.Fatalf("%d attempts, %v", attempts.Load(), err)
	}
}

// TestRequestCompression: a body of at least the minimum size arrives gzipped, signed
// as sent, and decompresses to the original; a smaller one, or any with compression
// disabled, arrives as it is.
func TestRequestCompression(t *testing.T) {
	var got struct {
		sync.Mutex
		enc  []string
		body []byte
	}
	verify := sigv4verify.New(func(string) (string, bool) { return "SECRET", true })
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := verify(r); err != nil {
			http.Error(w, err.Error(), 403)
			return
		}
		b, _ := io.ReadAll(r.Body)
		got.Lock()
		got.enc, got.body = r.Header.Values("Content-Encoding"), b
		got.Unlock()
	}))
	defer srv.Close()
	big := bytes.Repeat([]byte(`{"MetricName":"m","Value":1},`), 400)
	op := &Operation{Name: "PutMetricData", Compress: GzipRequest}
	cfg := &Config{Endpoint: srv.URL, Credentials: testCreds, SigningName: "svc", Region: "us-east-1"}
	if err := call(cfg, op, big); err != nil {
		t.Fatal(err)
	}
	if len(got.enc) != 1 || got.enc[0] != "gzip" {
		t.Fatalf("Content-Encoding %q", got.enc)
	}
	zr, err := gzip.NewReader(bytes.NewReader(got.body))
	if err != nil {
		t.Fatal(err)
	}
	plain, err := io.ReadAll(zr)
	if err != nil || !bytes.Equal(plain, big) {
		t.Fatalf("decompressed %d bytes (%v), want the %d sent", len(plain), err, len(big))
	}
	if len(got.body) >= len(big) {
		t.Errorf("compressed %d bytes to %d", len(big), len(got.body))
	}
	for _, c := range []struct {
		name string
		cfg  Config
		body []byte
	}{
		{"small", Config{}, big[:100]},
		{"disabled", Config{DisableRequestCompression: true}, big},
		{"minimum above", Config{RequestMinCompressSizeBytes: int64(len(big) + 1)}, big},
	} {
		c.cfg.Endpoint, c.cfg.Credentials, c.cfg.SigningName, c.cfg.Region = srv.URL, testCreds, "svc", "us-east-1"
		if err := call(&c.cfg, op, c.body); err != nil {
			t.Fatal(c.name, err)
		}
		if len(got.enc) != 0 || !bytes.Equal(got.body, c.body) {
			t.Errorf("%s: Content-Encoding %q, body changed: %v", c.name, got.enc, !bytes.Equal(got.body, c.body))
		}
	}
	// An operation without the trait is not compressed.
	if err := call(cfg, &Operation{Name: "Other"}, big); err != nil || len(got.enc) != 0 {
		t.Fatalf("without the trait: %q, %v", got.enc, err)
	}
	// A bad minimum is an error.
	bad := &Config{Endpoint: srv.URL, RequestMinCompressSizeBytes: -1}
	if err := call(bad, op, big); err == nil || !strings.Contains(err.Error(), "RequestMinCompressSizeBytes") {
		t.Fatalf("a negative minimum: %v", err)
	}
}

// TestRequestCompressionEncodingAppended: gzip comes after an encoding the input set.
func TestRequestCompressionEncodingAppended(t *testing.T) {
	r := newRequest()
	r.Body = bytes.Repeat([]byte("a"), 20000)
	r.SetHeader("content-encoding", "custom")
	if err := GzipRequest(&Config{}, r); err != nil {
		t.Fatal(err)
	}
	if len(r.Header) != 1 || r.Header.Get("Content-Encoding") != "custom, gzip" {
		t.Fatalf("headers %v", r.Header)
	}
}

// TestDiscoverEndpoint: DescribeEndpoints is called once while its answer is fresh,
// once by concurrent callers, and again when it expires.
func TestDiscoverEndpoint(t *testing.T) {
	var calls atomic.Int64
	ttl := atomic.Int64{}
	ttl.Store(10)
	describe := func(ctx context.Context, cfg *Config) (DiscoveredEndpoint, error) {
		n := calls.Add(1)
		time.Sleep(10 * time.Millisecond)
		return DiscoveredEndpoint{Address: fmt.Sprintf("cell%d.example.com", n), CachePeriodInMinutes: ttl.Load()}, nil
	}
	cfg := &Config{Endpoint: "https://svc.example.com", State: NewState()}
	// Not required and not enabled, disabled, or a custom endpoint: no discovery.
	for _, c := range []struct {
		mode     aws.EndpointDiscoveryEnableState
		custom   bool
		required bool
	}{{aws.EndpointDiscoveryAuto, false, false}, {aws.EndpointDiscoveryDisabled, false, true}, {aws.EndpointDiscoveryUnset, true, true}} {
		off := *cfg
		off.EndpointDiscovery, off.CustomEndpoint = c.mode, c.custom
		if got, err := DiscoverEndpoint(context.Background(), &off, c.required, describe); err != nil || got != &off {
			t.Fatalf("%+v: %v %v", c, got, err)
		}
	}
	if calls.Load() != 0 {
		t.Fatalf("%d DescribeEndpoints calls without discovery", calls.Load())
	}
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got, err := DiscoverEndpoint(context.Background(), cfg, true, describe)
			if err != nil || got.Endpoint != "https://cell1.example.com" {
				t.Errorf("%v, %v", got, err)
			}
		}()
	}
	wg.Wait()
	if calls.Load() != 1 {
		t.Fatalf("%d DescribeEndpoints calls, want 1", calls.Load())
	}
	// Expired: asked again.
	cfg.State.discovery.entries[cfg.Endpoint].expires = time.Now().Add(-time.Second)
	got, err := DiscoverEndpoint(context.Background(), cfg, true, describe)
	if err != nil || got.Endpoint != "https://cell2.example.com" || calls.Load() != 2 {
		t.Fatalf("after expiry: %v %v, %d calls", got, err, calls.Load())
	}
	if got.State != cfg.State || cfg.Endpoint != "https://svc.example.com" {
		t.Fatal("the discovered config must share the state and leave cfg as it was")
	}
	// A failed discovery: an error when required, cfg's endpoint when optional.
	fail := func(context.Context, *Config) (DiscoveredEndpoint, error) {
		return DiscoveredEndpoint{}, errors.New("down")
	}
	other := &Config{Endpoint: "https://other.example.com", State: NewState()}
	if _, err := DiscoverEndpoint(context.Background(), other, true, fail); err == nil || !IsEndpointError(err) {
		t.Fatalf("required: %v", err)
	}
	other.EndpointDiscovery = aws.EndpointDiscoveryEnabled
	if got, err := DiscoverEndpoint(context.Background(), other, false, fail); err != nil || got != other {
		t.Fatalf("optional: %v %v", got, err)
	}
}

func TestTrimPrefixes(t *testing.T) {
	for in, want := range map[string]string{"/hostedzone/Z1": "Z1", "/change/C2": "C2", "Z3": "Z3", "x/hostedzone/Z4": "x/hostedzone/Z4", "": ""} {
		if got := TrimPrefixes(in, "/hostedzone/", "/change/", "/delegationset/"); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
}

// TestClientHeadersAllocs: the User-Agent and the service's headers take pooled header
// slots, so setting them allocates nothing.
func TestClientHeadersAllocs(t *testing.T) {
	r := newRequest()
	cfg := &Config{UserAgent: UserAgent("EKS", "2017-11-01", ""), Headers: []Header{{"Accept", "application/json"}}}
	n := testing.AllocsPerRun(100, func() {
		r.SetHeader("Content-Type", "application/json")
		setClientHeaders(cfg, r)
		r.reset()
	})
	if n != 0 {
		t.Fatalf("%v allocations", n)
	}
	setClientHeaders(cfg, r)
	if r.Header.Get("User-Agent") != cfg.UserAgent || r.Header.Get("Accept") != "application/json" {
		t.Fatalf("headers %v", r.Header)
	}
}
