package client

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

type presignIn struct{ key string }

var presignCreds = aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
	return aws.Credentials{AccessKeyID: "AKID", SecretAccessKey: "SECRET", SessionToken: "TOKEN"}, nil
})

var presignTime = time.Date(2026, 12, 4, 17, 0, 0, 0, time.UTC)

func presignConfig(endpoint string) *Config {
	return &Config{ServiceID: "S3", SigningName: "s3", Region: "us-east-1", Endpoint: endpoint, Credentials: presignCreds,
		ContentSHA256: true, DisableDoubleEncoding: true, Now: func() time.Time { return presignTime }}
}

func getKey(r *Request, in *presignIn) error {
	r.Method = "GET"
	r.AppendPath("/bkt/")
	r.AppendLabel(in.key, true)
	r.AddQuery("x-id", "GetObject")
	r.SetHeader("Range", "bytes=0-9")
	r.BodyReader = strings.NewReader("never read")
	return nil
}

// TestPresignS3 checks a presigned S3 GET against aws-sdk-go-v2's signer presigning
// the same request by hand: same URL (UNSIGNED-PAYLOAD, the path signed as sent,
// X-Amz-Expires, the session token in the query) and the same signed headers.
func TestPresignS3(t *testing.T) {
	cfg := presignConfig("http://127.0.0.1:9000")
	got, err := Presign(context.Background(), cfg, &Operation{Name: "GetObject"}, &presignIn{key: "a b/c"}, getKey, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse("http://127.0.0.1:9000/bkt/a%20b/c?x-id=GetObject&X-Amz-Expires=3600")
	req := &http.Request{Method: "GET", URL: u, Host: u.Host, Header: http.Header{"Range": {"bytes=0-9"}}}
	creds, _ := presignCreds.Retrieve(context.Background())
	wantURL, wantHeader, err := v4.NewSigner().PresignHTTP(context.Background(), creds, req, "UNSIGNED-PAYLOAD", "s3", "us-east-1", presignTime,
		func(o *v4.SignerOptions) { o.DisableURIPathEscaping = true })
	if err != nil {
		t.Fatal(err)
	}
	if got.URL != wantURL || got.Method != "GET" {
		t.Errorf("got %s %s\nwant GET %s", got.Method, got.URL, wantURL)
	}
	if len(got.SignedHeader) != len(wantHeader) || got.SignedHeader.Get("Range") != "bytes=0-9" || got.SignedHeader.Get("Host") != "127.0.0.1:9000" {
		t.Errorf("signed headers %v, want %v", got.SignedHeader, wantHeader)
	}
	q, _ := url.ParseQuery(strings.SplitN(got.URL, "?", 2)[1])
	if q.Get("X-Amz-Security-Token") != "TOKEN" || q.Get("X-Amz-Expires") != "3600" || q.Get("X-Amz-Signature") == "" {
		t.Errorf("query %v", q)
	}
}

// TestPresignQueryForm checks that an awsQuery form body becomes the query of a GET
// whose payload is the empty body, as aws-sdk-go-v2 presigns GetCallerIdentity.
func TestPresignQueryForm(t *testing.T) {
	cfg := presignConfig("https://sts.amazonaws.com")
	cfg.ContentSHA256, cfg.DisableDoubleEncoding, cfg.SigningName, cfg.ServiceID = false, false, "sts", "STS"
	cfg.Headers = []Header{{"X-K8s-Aws-Id", "cluster"}}
	form := func(r *Request, _ *presignIn) error {
		r.Method = "POST"
		r.AppendPath("/")
		r.SetHeader("Content-Type", "application/x-www-form-urlencoded")
		r.Body = []byte("Action=GetCallerIdentity&Version=2011-06-15")
		return nil
	}
	got, err := Presign(context.Background(), cfg, &Operation{Name: "GetCallerIdentity"}, &presignIn{}, form, 60*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse("https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15&X-Amz-Expires=60")
	req := &http.Request{Method: "GET", URL: u, Host: u.Host, Header: http.Header{"X-K8s-Aws-Id": {"cluster"}}}
	creds, _ := presignCreds.Retrieve(context.Background())
	wantURL, _, err := v4.NewSigner().PresignHTTP(context.Background(), creds, req, emptyHash, "sts", "us-east-1", presignTime)
	if err != nil {
		t.Fatal(err)
	}
	if got.URL != wantURL || got.Method != "GET" || got.SignedHeader.Get("X-K8s-Aws-Id") != "cluster" {
		t.Errorf("got %s %s %v\nwant GET %s", got.Method, got.URL, got.SignedHeader, wantURL)
	}
}

func TestPresignRefuses(t *testing.T) {
	ctx := context.Background()
	op := &Operation{Name: "GetObject"}
	for _, d := range []time.Duration{-time.Second, time.Millisecond, MaxPresignExpires + time.Second} {
		if _, err := Presign(ctx, presignConfig("http://x"), op, &presignIn{}, getKey, d); !errors.Is(err, ErrPresignExpires) {
			t.Errorf("expires %v: %v", d, err)
		}
	}
	if p, err := Presign(ctx, presignConfig("http://x"), op, &presignIn{}, getKey, MaxPresignExpires); err != nil || !strings.Contains(p.URL, "X-Amz-Expires=604800") {
		t.Errorf("7 days: %v", err)
	}
	if p, err := Presign(ctx, presignConfig("http://x"), op, &presignIn{}, getKey, 0); err != nil || !strings.Contains(p.URL, "X-Amz-Expires=900") {
		t.Errorf("default: %v", err)
	}
	// A modeled Content-Length is signed: the sender must send that many bytes.
	withLength := func(r *Request, in *presignIn) error {
		r.Method = "PUT"
		r.AppendPath("/bkt/k")
		r.SetHeader("Content-Length", "5")
		r.BodyReader = strings.NewReader("hello")
		return nil
	}
	if p, err := Presign(ctx, presignConfig("http://x"), op, &presignIn{}, withLength, time.Minute); err != nil || p.SignedHeader.Get("Content-Length") != "5" || !strings.Contains(p.URL, "X-Amz-SignedHeaders=content-length%3Bhost") {
		t.Errorf("Content-Length: %v %v", p, err)
	}
	noCreds := presignConfig("http://x")
	noCreds.Credentials = nil
	if _, err := Presign(ctx, noCreds, op, &presignIn{}, getKey, time.Minute); err == nil {
		t.Error("presigned without credentials")
	}
	jsonBody := func(r *Request, _ *presignIn) error {
		r.Method = "POST"
		r.SetHeader("Content-Type", "application/x-amz-json-1.1")
		r.Body = []byte("{}")
		return nil
	}
	if _, err := Presign(ctx, presignConfig("http://x"), op, &presignIn{}, jsonBody, time.Minute); err == nil {
		t.Error("presigned a JSON body")
	}
}
