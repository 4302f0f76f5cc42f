package sigv4verify_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/svcgen/svcgen/gen/eks"
	"github.com/svcgen/svcgen/gen/eks/server"
	"github.com/svcgen/svcgen/gen/eks/types"
	rt "github.com/svcgen/svcgen/runtime/server"
	"github.com/svcgen/svcgen/runtime/sigv4verify"
)

const (
	keyID  = "AKIDEXAMPLE"
	secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
	// otherKeyID is signed only with a wrong secret: the clients share one signer,
	// which caches derived keys by key ID and day, not by secret.
	otherKeyID = "AKIDOTHER"
)

var keys = map[string]string{keyID: secret, otherKeyID: "other-secret"}

func lookup(id string) (string, bool) {
	s, ok := keys[id]
	return s, ok
}

type service struct {
	server.Unimplemented
	mu    sync.Mutex
	calls int
}

func (s *service) CreatePodIdentityAssociation(_ context.Context, in *eks.CreatePodIdentityAssociationInput) (*eks.CreatePodIdentityAssociationOutput, error) {
	s.mu.Lock()
	s.calls++
	s.mu.Unlock()
	return &eks.CreatePodIdentityAssociationOutput{Association: &types.PodIdentityAssociation{
		ClusterName: aws.String(in.ClusterName), Namespace: aws.String(in.Namespace), Tags: in.Tags,
	}}, nil
}

func (s *service) ListPodIdentityAssociations(_ context.Context, in *eks.ListPodIdentityAssociationsInput) (*eks.ListPodIdentityAssociationsOutput, error) {
	s.mu.Lock()
	s.calls++
	s.mu.Unlock()
	return &eks.ListPodIdentityAssociationsOutput{NextToken: in.NextToken}, nil
}

func (s *service) take() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := s.calls
	s.calls = 0
	return n
}

// tamper is an HTTP client that lets a test alter the request after the client signed
// it.
type tamper struct {
	alter func(*http.Request)
}

func (t *tamper) Do(r *http.Request) (*http.Response, error) {
	if t.alter != nil {
		t.alter(r)
	}
	return http.DefaultClient.Do(r)
}

func staticCredentials(id, secret, token string) aws.CredentialsProvider {
	return aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
		return aws.Credentials{AccessKeyID: id, SecretAccessKey: secret, SessionToken: token}, nil
	})
}

type fixture struct {
	svc    *service
	srv    *httptest.Server
	tamper *tamper
	seen   []error
	mu     sync.Mutex
}

func newFixture(t *testing.T, opts ...sigv4verify.Option) *fixture {
	f := &fixture{svc: &service{}, tamper: &tamper{}}
	f.srv = httptest.NewServer(server.NewHandler(f.svc,
		rt.WithAuth(sigv4verify.New(lookup, opts...)),
		rt.WithErrorHook(func(_ context.Context, _ string, err error) {
			f.mu.Lock()
			f.seen = append(f.seen, err)
			f.mu.Unlock()
		})))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fixture) client(id, secret, token string) *eks.Client {
	return eks.New(eks.Options{
		BaseEndpoint: f.srv.URL, Region: "us-west-2", RetryMaxAttempts: 1,
		Credentials: staticCredentials(id, secret, token), HTTPClient: f.tamper,
	})
}

func (f *fixture) lastError() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.seen) == 0 {
		return nil
	}
	return f.seen[len(f.seen)-1]
}

var createInput = &eks.CreatePodIdentityAssociationInput{
	ClusterName: "prod", Namespace: "default", ServiceAccount: "app", RoleArn: "arn:aws:iam::1:role/x",
	Tags: map[string]string{"team": "payments"},
}

// TestSignedByGeneratedClient: requests the generated client signs pass, with a body,
// with a query string, with a session token, and with a label that needs escaping;
// the operation still reads the body the verifier hashed.
func TestSignedByGeneratedClient(t *testing.T) {
	f := newFixture(t, sigv4verify.WithService("eks"), sigv4verify.WithRegion("us-west-2"))
	ctx := context.Background()
	for _, c := range []*eks.Client{f.client(keyID, secret, ""), f.client(keyID, secret, "FQoGZXIvYXdzEJr//////////session")} {
		out, err := c.CreatePodIdentityAssociation(ctx, createInput)
		if err != nil {
			t.Fatal(err)
		}
		if *out.Association.Namespace != "default" || out.Association.Tags["team"] != "payments" {
			t.Fatalf("output %+v", out.Association)
		}
		in := &eks.ListPodIdentityAssociationsInput{ClusterName: "a b/c+d", Namespace: aws.String("x y&z=1"), MaxResults: aws.Int32(7), NextToken: aws.String("t/=+")}
		lout, err := c.ListPodIdentityAssociations(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		if *lout.NextToken != "t/=+" {
			t.Fatalf("next token %q", *lout.NextToken)
		}
	}
	if n := f.svc.take(); n != 4 {
		t.Fatalf("%d calls, want 4", n)
	}
}

// refused checks that err is the 403 (or status) answer of a refused request with
// code, that the service was not called, and that the hook saw an error of kind.
func refused(t *testing.T, f *fixture, err error, status int, code string, kind error) {
	t.Helper()
	var api interface {
		ErrorCode() string
		HTTPStatusCode() int
	}
	if !errors.As(err, &api) || api.HTTPStatusCode() != status || api.ErrorCode() != code {
		t.Fatalf("got %v, want %d %s", err, status, code)
	}
	if n := f.svc.take(); n != 0 {
		t.Fatalf("the service was called %d times", n)
	}
	if last := f.lastError(); !errors.Is(last, kind) {
		t.Fatalf("hook saw %v, want %v", last, kind)
	}
}

func setBody(r *http.Request, body []byte) {
	r.Body = io.NopCloser(bytes.NewReader(body))
	r.ContentLength = int64(len(body))
}

func readBody(r *http.Request) []byte {
	b, _ := io.ReadAll(r.Body)
	return b
}

// TestTampered: a request altered after it was signed is refused with 403 and never
// reaches the service.
func TestTampered(t *testing.T) {
	f := newFixture(t)
	c := f.client(keyID, secret, "")
	ctx := context.Background()
	for _, tc := range []struct {
		name  string
		alter func(*http.Request)
	}{
		{"body, same length", func(r *http.Request) {
			setBody(r, bytes.Replace(readBody(r), []byte(`"default"`), []byte(`"kube-sy"`), 1))
		}},
		{"body, other length (content-length is signed)", func(r *http.Request) {
			setBody(r, bytes.Replace(readBody(r), []byte(`"default"`), []byte(`"kube-system"`), 1))
		}},
		{"body, other length and content-length unsigned", func(r *http.Request) {
			setBody(r, bytes.Replace(readBody(r), []byte(`"default"`), []byte(`"kube-system"`), 1))
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "content-length;", "", 1))
		}},
		{"path", func(r *http.Request) { r.URL.Path = strings.Replace(r.URL.Path, "prod", "prof", 1); r.URL.RawPath = "" }},
		{"query added", func(r *http.Request) { r.URL.RawQuery = "maxResults=1" }},
		{"method", func(r *http.Request) { r.Method = "PUT" }},
		{"signed header", func(r *http.Request) { r.Header.Set("Content-Type", "text/plain") }},
		{"signed header removed", func(r *http.Request) { r.Header.Del("Content-Type") }},
		{"date moved by a second", func(r *http.Request) {
			d, _ := time.Parse("20060102T150405Z", r.Header.Get("X-Amz-Date"))
			r.Header.Set("X-Amz-Date", d.Add(time.Second).Format("20060102T150405Z"))
		}},
		{"signature's last digit", func(r *http.Request) {
			a := r.Header.Get("Authorization")
			last := "0"
			if strings.HasSuffix(a, "0") {
				last = "1"
			}
			r.Header.Set("Authorization", a[:len(a)-1]+last)
		}},
		{"content hash header that is not the body's", func(r *http.Request) {
			r.Header.Set("X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD")
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f.tamper.alter = tc.alter
			defer func() { f.tamper.alter = nil }()
			_, err := c.CreatePodIdentityAssociation(ctx, createInput)
			if strings.Contains(tc.name, "method") {
				// PUT has no route: the router answers 405 before authentication
				var api interface{ HTTPStatusCode() int }
				if !errors.As(err, &api) || api.HTTPStatusCode() != 405 || f.svc.take() != 0 {
					t.Fatalf("got %v", err)
				}
				return
			}
			refused(t, f, err, 403, "InvalidSignatureException", sigv4verify.ErrMismatch)
		})
	}
	if _, err := c.CreatePodIdentityAssociation(ctx, createInput); err != nil {
		t.Fatalf("untampered request after the others: %v", err)
	}
}

// TestWrongCredentials: another secret, or a key the lookup does not know.
func TestWrongCredentials(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	_, err := f.client(otherKeyID, "not-the-secret", "").CreatePodIdentityAssociation(ctx, createInput)
	refused(t, f, err, 403, "InvalidSignatureException", sigv4verify.ErrMismatch)
	_, err = f.client("AKIDUNKNOWN", secret, "").CreatePodIdentityAssociation(ctx, createInput)
	refused(t, f, err, 403, "UnrecognizedClientException", sigv4verify.ErrUnknownKey)
	var e *sigv4verify.Error
	if !errors.As(f.lastError(), &e) || e.AccessKeyID != "AKIDUNKNOWN" {
		t.Fatalf("error %#v", f.lastError())
	}
}

// TestStaleDate: a request signed too long ago, or too far ahead, is refused.
func TestStaleDate(t *testing.T) {
	ctx := context.Background()
	for _, shift := range []time.Duration{6 * time.Minute, -6 * time.Minute} {
		f := newFixture(t, sigv4verify.WithClock(func() time.Time { return time.Now().Add(shift) }))
		_, err := f.client(keyID, secret, "").CreatePodIdentityAssociation(ctx, createInput)
		refused(t, f, err, 403, "InvalidSignatureException", sigv4verify.ErrExpired)
		if msg := err.Error(); !strings.Contains(msg, "expired") {
			t.Errorf("message %q", msg)
		}
	}
	f := newFixture(t, sigv4verify.WithClock(func() time.Time { return time.Now().Add(4 * time.Minute) }))
	if _, err := f.client(keyID, secret, "").CreatePodIdentityAssociation(ctx, createInput); err != nil {
		t.Fatalf("within the skew: %v", err)
	}
	f = newFixture(t, sigv4verify.WithMaxSkew(time.Second), sigv4verify.WithClock(func() time.Time { return time.Now().Add(3 * time.Second) }))
	_, err := f.client(keyID, secret, "").CreatePodIdentityAssociation(ctx, createInput)
	refused(t, f, err, 403, "InvalidSignatureException", sigv4verify.ErrExpired)
}

// TestScope: WithService and WithRegion refuse a signature scoped elsewhere.
func TestScope(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, sigv4verify.WithRegion("eu-west-1"))
	_, err := f.client(keyID, secret, "").CreatePodIdentityAssociation(ctx, createInput)
	refused(t, f, err, 403, "IncompleteSignatureException", sigv4verify.ErrMalformed)
	f = newFixture(t, sigv4verify.WithService("eks-auth"))
	_, err = f.client(keyID, secret, "").CreatePodIdentityAssociation(ctx, createInput)
	refused(t, f, err, 403, "IncompleteSignatureException", sigv4verify.ErrMalformed)
}

// TestMalformed: requests whose signature cannot be read, sent by hand.
func TestMalformed(t *testing.T) {
	f := newFixture(t)
	now := time.Now().UTC()
	date := now.Format("20060102T150405Z")
	day := now.Format("20060102")
	sig := strings.Repeat("ab", 32)
	good := "AWS4-HMAC-SHA256 Credential=" + keyID + "/" + day + "/us-west-2/eks/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + sig
	for _, c := range []struct {
		name          string
		authorization []string
		date          []string
		code          string
		kind          error
	}{
		{"no authorization", nil, []string{date}, "MissingAuthenticationTokenException", sigv4verify.ErrMissing},
		{"two authorization headers", []string{good, good}, []string{date}, "IncompleteSignatureException", sigv4verify.ErrMalformed},
		{"other algorithm", []string{strings.Replace(good, "AWS4-HMAC-SHA256", "AWS4-ECDSA-P256-SHA256", 1)}, []string{date}, "IncompleteSignatureException", sigv4verify.ErrMalformed},
		{"basic auth", []string{"Basic dXNlcjpwYXNz"}, []string{date}, "IncompleteSignatureException", sigv4verify.ErrMalformed},
		{"no signature", []string{strings.Replace(good, ", Signature="+sig, "", 1)}, []string{date}, "IncompleteSignatureException", sigv4verify.ErrMalformed},
		{"short signature", []string{strings.Replace(good, sig, sig[:63], 1)}, []string{date}, "IncompleteSignatureException", sigv4verify.ErrMalformed},
		{"upper-case signature", []string{strings.Replace(good, sig, strings.ToUpper(sig), 1)}, []string{date}, "IncompleteSignatureException", sigv4verify.ErrMalformed},
		{"repeated parameter", []string{good + ", Signature=" + sig}, []string{date}, "IncompleteSignatureException", sigv4verify.ErrMalformed},
		{"unknown parameter", []string{good + ", Foo=bar"}, []string{date}, "IncompleteSignatureException", sigv4verify.ErrMalformed},
		{"short scope", []string{strings.Replace(good, "/eks/aws4_request", "/aws4_request", 1)}, []string{date}, "IncompleteSignatureException", sigv4verify.ErrMalformed},
		{"scope terminator", []string{strings.Replace(good, "aws4_request", "aws4_reqest", 1)}, []string{date}, "IncompleteSignatureException", sigv4verify.ErrMalformed},
		{"scope date", []string{strings.Replace(good, day, "2024-1-1", 1)}, []string{date}, "IncompleteSignatureException", sigv4verify.ErrMalformed},
		{"scope date not the request's", []string{strings.Replace(good, day, now.Add(-48*time.Hour).Format("20060102"), 1)}, []string{date}, "IncompleteSignatureException", sigv4verify.ErrMalformed},
		{"host not signed", []string{strings.Replace(good, "host;", "", 1)}, []string{date}, "IncompleteSignatureException", sigv4verify.ErrMalformed},
		{"date not signed", []string{strings.Replace(good, ";x-amz-date", "", 1)}, []string{date}, "IncompleteSignatureException", sigv4verify.ErrMalformed},
		{"signed headers unsorted", []string{strings.Replace(good, "host;x-amz-date", "x-amz-date;host", 1)}, []string{date}, "IncompleteSignatureException", sigv4verify.ErrMalformed},
		{"no date", []string{good}, nil, "IncompleteSignatureException", sigv4verify.ErrMalformed},
		{"two dates", []string{good}, []string{date, date}, "IncompleteSignatureException", sigv4verify.ErrMalformed},
		{"date in another format", []string{good}, []string{now.Format(http.TimeFormat)}, "IncompleteSignatureException", sigv4verify.ErrMalformed},
		{"well formed, wrong signature", []string{good}, []string{date}, "InvalidSignatureException", sigv4verify.ErrMismatch},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, _ := http.NewRequest("GET", f.srv.URL+"/clusters/prod/pod-identity-associations", nil)
			r.Header["Authorization"] = c.authorization
			r.Header["X-Amz-Date"] = c.date
			resp, err := http.DefaultClient.Do(r)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var e struct {
				Type    string `json:"__type"`
				Message string `json:"message"`
			}
			raw, _ := io.ReadAll(resp.Body)
			if err := json.Unmarshal(raw, &e); err != nil || resp.StatusCode != 403 || e.Type != c.code || e.Message == "" {
				t.Fatalf("got %d %s", resp.StatusCode, raw)
			}
			if strings.Contains(string(raw), secret) {
				t.Fatal("the answer shows the secret")
			}
			if f.svc.take() != 0 {
				t.Fatal("the service was called")
			}
			if last := f.lastError(); !errors.Is(last, c.kind) {
				t.Fatalf("hook saw %v, want %v", last, c.kind)
			}
		})
	}
}

// TestBodyLimit: the body read to be hashed is bounded.
func TestBodyLimit(t *testing.T) {
	f := newFixture(t, sigv4verify.WithBodyLimit(64))
	_, err := f.client(keyID, secret, "").CreatePodIdentityAssociation(context.Background(), createInput)
	refused(t, f, err, 413, "RequestEntityTooLargeException", sigv4verify.ErrBody)
}

// TestErrorsDoNotLeak: no answer carries the expected signature, and Error() explains
// for the logs.
func TestErrorsDoNotLeak(t *testing.T) {
	check := sigv4verify.New(lookup)
	r := httptest.NewRequest("POST", "/clusters/prod/pod-identity-associations", strings.NewReader(`{}`))
	now := time.Now().UTC()
	r.Header.Set("X-Amz-Date", now.Format("20060102T150405Z"))
	r.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential="+keyID+"/"+now.Format("20060102")+"/us-west-2/eks/aws4_request, SignedHeaders=host;x-amz-date, Signature="+strings.Repeat("0", 64))
	err := check(r)
	var e *sigv4verify.Error
	if !errors.As(err, &e) || !errors.Is(err, sigv4verify.ErrMismatch) || e.HTTPStatusCode() != 403 {
		t.Fatalf("got %v", err)
	}
	if b, _ := io.ReadAll(r.Body); string(b) != `{}` {
		t.Fatalf("the body was not put back: %q", b)
	}
	if strings.Contains(e.ErrorMessage(), "0000") || strings.Contains(err.Error(), "Credential") {
		t.Fatalf("the error says too much: %q / %q", e.ErrorMessage(), err)
	}
}

// TestRotatedSecret: once lookup returns a new secret for a key, a signature made with
// the old one is refused at once (the verifier keeps no derived key).
func TestRotatedSecret(t *testing.T) {
	var mu sync.Mutex
	current := "old-secret"
	svc := &service{}
	srv := httptest.NewServer(server.NewHandler(svc, rt.WithAuth(sigv4verify.New(func(id string) (string, bool) {
		mu.Lock()
		defer mu.Unlock()
		return current, id == "AKIDROTATE"
	}))))
	defer srv.Close()
	c := eks.New(eks.Options{BaseEndpoint: srv.URL, Region: "us-west-2", RetryMaxAttempts: 1, Credentials: staticCredentials("AKIDROTATE", "old-secret", "")})
	if _, err := c.CreatePodIdentityAssociation(context.Background(), createInput); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	current = "new-secret"
	mu.Unlock()
	_, err := c.CreatePodIdentityAssociation(context.Background(), createInput)
	var api interface{ HTTPStatusCode() int }
	if !errors.As(err, &api) || api.HTTPStatusCode() != 403 {
		t.Fatalf("old secret after rotation: %v", err)
	}
}
