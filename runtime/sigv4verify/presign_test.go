package sigv4verify_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/svcgen/svcgen/runtime/sigv4verify"
)

var signedAt = time.Date(2026, 12, 4, 17, 0, 0, 0, time.UTC)

// presigned presigns method target (expires in seconds) with aws-sdk-go-v2's signer,
// the oracle, and returns the request a server receives for it, with the signed
// headers set.
func presigned(t *testing.T, method, target string, header http.Header, payloadHash string, expires int, id, key, token string, opts ...func(*v4.SignerOptions)) *http.Request {
	t.Helper()
	u, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("X-Amz-Expires", strconv.Itoa(expires))
	u.RawQuery = q.Encode()
	req := &http.Request{Method: method, URL: u, Host: u.Host, Header: header.Clone()}
	creds := aws.Credentials{AccessKeyID: id, SecretAccessKey: key, SessionToken: token}
	signedURL, signedHeader, err := v4.NewSigner().PresignHTTP(context.Background(), creds, req, payloadHash, "s3", "us-east-1", signedAt, opts...)
	if err != nil {
		t.Fatal(err)
	}
	r := httptest.NewRequest(method, signedURL, nil)
	for k, v := range signedHeader {
		if k != "Host" {
			r.Header[k] = v
		}
	}
	return r
}

func clockAt(d time.Duration) sigv4verify.Option {
	return sigv4verify.WithClock(func() time.Time { return signedAt.Add(d) })
}

// TestPresigned checks presigned requests made by aws-sdk-go-v2's signer: accepted as
// made, refused when altered, expired, early, or signed with another secret.
func TestPresigned(t *testing.T) {
	s3 := func(o *v4.SignerOptions) { o.DisableURIPathEscaping = true }
	empty := "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
	get := func() *http.Request {
		return presigned(t, "GET", "http://127.0.0.1:9000/bkt/a%20b/c?x-id=GetObject", http.Header{"Range": {"bytes=0-9"}}, "UNSIGNED-PAYLOAD", 60, keyID, secret, "TOKEN", s3)
	}
	sts := func() *http.Request {
		return presigned(t, "GET", "https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15", http.Header{"X-K8s-Aws-Id": {"cluster"}}, empty, 60, keyID, secret, "")
	}
	s3Opts := []sigv4verify.Option{sigv4verify.WithUnsignedPayload(), sigv4verify.WithSinglePathEncoding(), clockAt(30 * time.Second)}
	cases := []struct {
		name string
		req  func() *http.Request
		opts []sigv4verify.Option
		want error
	}{
		{"s3 get", get, s3Opts, nil},
		{"s3 get at its expiry", get, append(s3Opts[:2:2], clockAt(60*time.Second)), nil},
		{"s3 get expired", get, append(s3Opts[:2:2], clockAt(61*time.Second)), sigv4verify.ErrExpired},
		{"s3 get early", get, append(s3Opts[:2:2], clockAt(-6*time.Minute)), sigv4verify.ErrExpired},
		{"s3 get within the skew", get, append(s3Opts[:2:2], clockAt(-4*time.Minute)), nil},
		{"unsigned payload not allowed", get, []sigv4verify.Option{sigv4verify.WithSinglePathEncoding(), clockAt(0)}, sigv4verify.ErrMismatch},
		{"path encoded twice", get, []sigv4verify.Option{sigv4verify.WithUnsignedPayload(), clockAt(0)}, sigv4verify.ErrMismatch},
		{"s3 get, another key", func() *http.Request {
			return presigned(t, "GET", "http://127.0.0.1:9000/bkt/k", nil, "UNSIGNED-PAYLOAD", 60, otherKeyID, secret, "", s3)
		}, s3Opts, sigv4verify.ErrMismatch},
		{"unknown key", func() *http.Request {
			return presigned(t, "GET", "http://127.0.0.1:9000/bkt/k", nil, "UNSIGNED-PAYLOAD", 60, "AKIDNOBODY", secret, "", s3)
		}, s3Opts, sigv4verify.ErrUnknownKey},
		{"range changed", func() *http.Request { r := get(); r.Header.Set("Range", "bytes=0-99"); return r }, s3Opts, sigv4verify.ErrMismatch},
		{"range dropped", func() *http.Request { r := get(); r.Header.Del("Range"); return r }, s3Opts, sigv4verify.ErrMismatch},
		{"method changed", func() *http.Request { r := get(); r.Method = "DELETE"; return r }, s3Opts, sigv4verify.ErrMismatch},
		{"path changed", func() *http.Request { r := get(); r.URL.Path, r.URL.RawPath = "/bkt/other", ""; return r }, s3Opts, sigv4verify.ErrMismatch},
		{"expiry extended", func() *http.Request { return setQuery(get(), "X-Amz-Expires", "3600") }, s3Opts, sigv4verify.ErrMismatch},
		{"token changed", func() *http.Request { return setQuery(get(), "X-Amz-Security-Token", "OTHER") }, s3Opts, sigv4verify.ErrMismatch},
		{"query added", func() *http.Request { return setQuery(get(), "versionId", "1") }, s3Opts, sigv4verify.ErrMismatch},
		{"expires too long", func() *http.Request { return setQuery(get(), "X-Amz-Expires", "604801") }, s3Opts, sigv4verify.ErrMalformed},
		{"no credential", func() *http.Request { return setQuery(get(), "X-Amz-Credential", "") }, s3Opts, sigv4verify.ErrMalformed},
		{"also an Authorization header", func() *http.Request {
			r := get()
			r.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=x")
			return r
		}, s3Opts, sigv4verify.ErrMalformed},
		{"sts get", sts, []sigv4verify.Option{clockAt(0)}, nil},
		{"sts get, unsigned payload allowed", sts, []sigv4verify.Option{sigv4verify.WithUnsignedPayload(), clockAt(0)}, nil},
		{"sts get with a body", func() *http.Request { r := sts(); setBody(r, []byte("x")); return r }, []sigv4verify.Option{clockAt(0)}, sigv4verify.ErrMismatch},
		{"sts action changed", func() *http.Request { return setQuery(sts(), "Action", "AssumeRole") }, []sigv4verify.Option{clockAt(0)}, sigv4verify.ErrMismatch},
		{"sts header dropped", func() *http.Request { r := sts(); r.Header.Del("X-K8s-Aws-Id"); return r }, []sigv4verify.Option{clockAt(0)}, sigv4verify.ErrMismatch},
		{"not signed", func() *http.Request { return httptest.NewRequest("GET", "http://h/?X-Amz-Expires=60", nil) }, nil, sigv4verify.ErrMissing},
	}
	for _, c := range cases {
		err := sigv4verify.New(lookup, c.opts...)(c.req())
		if c.want == nil && err != nil || c.want != nil && !errors.Is(err, c.want) {
			t.Errorf("%s: got %v, want %v", c.name, err, c.want)
		}
	}
}

func setQuery(r *http.Request, k, v string) *http.Request {
	q := r.URL.Query()
	q.Set(k, v)
	r.URL.RawQuery = q.Encode()
	return r
}
