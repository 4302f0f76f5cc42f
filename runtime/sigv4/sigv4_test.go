package sigv4_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/tls"
	"encoding/hex"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/svcgen/svcgen/runtime/sigv4"
	"github.com/svcgen/svcgen/runtime/sigv4verify"
)

// cases is how many generated requests each property test signs.
const cases = 5000

// gen makes random requests that exercise what SigV4 canonicalizes.
type gen struct{ r *rand.Rand }

func (g gen) pick(xs ...string) string { return xs[g.r.IntN(len(xs))] }

// text returns a short string of bytes that need escaping now and then.
func (g gen) text(max int) string {
	const alphabet = "abcXYZ019-._~ /+%*=&;?#:@!$'(),[]\"<>^`{|}\\\tüé日本"
	runes := []rune(alphabet)
	n := g.r.IntN(max + 1)
	var b strings.Builder
	for range n {
		if g.r.IntN(3) == 0 {
			b.WriteRune(runes[g.r.IntN(len(runes))])
		} else {
			b.WriteByte("abcdefghijklmnopqrstuvwxyz0123456789"[g.r.IntN(36)])
		}
	}
	return b.String()
}

// escape query-encodes s one of several ways a client may: '+' or %20 for a space,
// lower- or upper-case hex, unreserved bytes escaped or not.
func (g gen) escape(s string) string {
	switch g.r.IntN(4) {
	case 0:
		return url.QueryEscape(s)
	case 1:
		return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
	case 2:
		var b strings.Builder
		for i := 0; i < len(s); i++ {
			fmt.Fprintf(&b, "%%%02x", s[i])
		}
		return b.String()
	}
	return url.PathEscape(s) // leaves some sub-delimiters ('+' read as a space)
}

type request struct {
	req         *http.Request
	payloadHash string
	body        []byte
	service     string
	region      string
	creds       aws.Credentials
	at          time.Time
	s3          bool
}

func (g gen) request() request {
	scheme := g.pick("https", "http")
	host := g.pick("eks.us-west-2.amazonaws.com", "bucket.s3.amazonaws.com", "127.0.0.1:8080", "example.com:443", "example.com:80", "[::1]:9000", "localhost")
	var segs []string
	for range g.r.IntN(4) {
		segs = append(segs, g.text(8))
	}
	path := "/" + strings.Join(segs, "/")
	if g.r.IntN(8) == 0 {
		path = ""
	}
	u := &url.URL{Scheme: scheme, Host: host, Path: path}
	if g.r.IntN(2) == 0 && path != "" {
		// A raw path as a client escapes it (AWS-style, '/' kept in greedy labels).
		var b []byte
		for _, s := range segs {
			b = append(b, '/')
			for i := 0; i < len(s); i++ {
				c := s[i]
				if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~", c) >= 0 {
					b = append(b, c)
				} else {
					b = append(b, fmt.Sprintf("%%%02X", c)...)
				}
			}
		}
		u.RawPath = string(b)
		if p, err := url.PathUnescape(u.RawPath); err == nil {
			u.Path = p
		}
	}
	var q []string
	keys := []string{"b", "a", "list-type", "x-id", "prefix", "A", "a b", "ü", g.text(5)}
	for range g.r.IntN(7) {
		k := keys[g.r.IntN(len(keys))]
		switch g.r.IntN(5) {
		case 0:
			q = append(q, g.escape(k)) // no '='
		case 1:
			q = append(q, g.escape(k)+"=")
		default:
			q = append(q, g.escape(k)+"="+g.escape(g.text(6)))
		}
	}
	u.RawQuery = strings.Join(q, "&")
	h := http.Header{}
	names := []string{"Content-Type", "X-Amz-Target", "X-Amz-Meta-Color", "X-Amz-Meta-Size", "Range",
		"X-Amz-Checksum-Crc32", "X-Amz-Checksum-Mode", "X-Amz-Expected-Bucket-Owner", "X-Amz-Request-Payer",
		"X-Amz-Grant-Full-Control", "X-Amz-Acl", "X-Amz-Object-Lock-Mode", "User-Agent", "Expect",
		"X-Amzn-Trace-Id", "Transfer-Encoding", "Authorization", "Accept", "Content-Length", "If-Match",
		"X-Amz-Security-Token", "X-Custom-Thing", "x-lower-case", "X-Amz-Tagging"}
	for range g.r.IntN(8) {
		name := names[g.r.IntN(len(names))]
		if name == "Content-Length" {
			h[name] = []string{strconv.Itoa(g.r.IntN(100))}
			continue
		}
		vals := g.r.IntN(3) + 1
		if g.r.IntN(20) == 0 {
			vals = 0
		}
		for range vals {
			v := g.pick("application/json", "  spaced   out  value ", "\tTabbed\t", "a  b   c", "", "bytes=0-9", "x,y", "UPPER lower", " \u00a0nbsp ")
			h[name] = append(h[name], v)
		}
	}
	method := g.pick("GET", "PUT", "POST", "DELETE", "HEAD", "PATCH")
	var body []byte
	if g.r.IntN(2) == 0 {
		body = []byte(g.text(40))
	}
	sum := sha256.Sum256(body)
	payloadHash := hex.EncodeToString(sum[:])
	switch g.r.IntN(6) {
	case 0:
		payloadHash = sigv4.UnsignedPayload
	case 1:
		payloadHash = sigv4.StreamingUnsignedPayloadTrailer
	}
	s3 := g.r.IntN(2) == 0
	service := g.pick("eks", "execute-api", "sts", "dynamodb")
	if s3 {
		service = "s3"
		if g.r.IntN(2) == 0 {
			h["X-Amz-Content-Sha256"] = []string{payloadHash}
		}
	}
	req := &http.Request{Method: method, URL: u, Header: h, Host: u.Host}
	if g.r.IntN(3) == 0 {
		req.Host = "" // the URL's host
	}
	req.ContentLength = int64(len(body))
	if g.r.IntN(6) == 0 {
		req.ContentLength = -1
	}
	creds := aws.Credentials{AccessKeyID: g.pick("AKIDEXAMPLE", "ASIA2"), SecretAccessKey: g.pick("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "s")}
	if g.r.IntN(2) == 0 {
		creds.SessionToken = g.pick("token", "IQoJb3JpZ2luX2VjEHoaCXVzLWVhc3QtMSJH+/=")
	}
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(g.r.Int64N(int64(400 * 24 * time.Hour))))
	if g.r.IntN(4) == 0 {
		at = at.In(time.FixedZone("X", 5*3600)) // signed in UTC whatever the zone
	}
	return request{req: req, payloadHash: payloadHash, body: body, service: service, region: g.pick("us-east-1", "eu-central-1", "cn-north-1"), creds: creds, at: at, s3: s3}
}

func clone(r *http.Request) *http.Request {
	c := r.Clone(context.Background())
	u := *r.URL
	c.URL = &u
	return c
}

func (r request) describe() string {
	return fmt.Sprintf("%s %s (host %q) headers %q length %d hash %s service %s s3 %v", r.req.Method, r.req.URL, r.req.Host, r.req.Header, r.req.ContentLength, r.payloadHash, r.service, r.s3)
}

// TestSignHTTPMatchesSDK signs thousands of generated requests with this signer and
// with aws-sdk-go-v2's, and wants the same Authorization, X-Amz-Date, security token
// and host.
func TestSignHTTPMatchesSDK(t *testing.T) {
	g := gen{rand.New(rand.NewPCG(1, 2))}
	ours := sigv4.New()
	for i := range cases {
		// aws-sdk-go-v2's signer caches derived keys by access key ID, not secret: a
		// new one for each case.
		theirs := v4.NewSigner()
		r := g.request()
		a, b := clone(r.req), clone(r.req)
		err := ours.SignHTTP(r.creds, a, r.payloadHash, r.service, r.region, r.at, sigv4.Options{DisableURIPathEscaping: r.s3})
		if err != nil {
			t.Fatal(err)
		}
		err = theirs.SignHTTP(context.Background(), r.creds, b, r.payloadHash, r.service, r.region, r.at, func(o *v4.SignerOptions) { o.DisableURIPathEscaping = r.s3 })
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"Authorization", "X-Amz-Date", "X-Amz-Security-Token"} {
			if got, want := a.Header[k], b.Header[k]; !reflect.DeepEqual(got, want) {
				t.Fatalf("case %d: %s = %q, aws-sdk-go-v2 %q\n%s", i, k, got, want, r.describe())
			}
		}
		if a.Host != b.Host {
			t.Fatalf("case %d: host %q, aws-sdk-go-v2 %q", i, a.Host, b.Host)
		}
		if a.URL.RawQuery != r.req.URL.RawQuery {
			t.Fatalf("case %d: the query was changed: %q, sent %q", i, a.URL.RawQuery, r.req.URL.RawQuery)
		}
	}
}

// TestPresignHTTPMatchesSDK presigns thousands of generated requests with both
// signers and wants the same URL and signed headers.
func TestPresignHTTPMatchesSDK(t *testing.T) {
	g := gen{rand.New(rand.NewPCG(3, 4))}
	ours := sigv4.New()
	for i := range cases {
		// aws-sdk-go-v2's signer caches derived keys by access key ID, not secret: a
		// new one for each case.
		theirs := v4.NewSigner()
		r := g.request()
		if r.req.URL.RawQuery != "" {
			r.req.URL.RawQuery += "&"
		}
		r.req.URL.RawQuery += "X-Amz-Expires=" + strconv.Itoa(1+g.r.IntN(604800))
		hoist := g.r.IntN(4) != 0
		before := clone(r.req)
		gotURL, gotSigned, err := ours.PresignHTTP(r.creds, r.req, r.payloadHash, r.service, r.region, r.at, sigv4.Options{DisableURIPathEscaping: r.s3, DisableHeaderHoisting: !hoist})
		if err != nil {
			t.Fatal(err)
		}
		wantURL, wantSigned, err := theirs.PresignHTTP(context.Background(), r.creds, clone(r.req), r.payloadHash, r.service, r.region, r.at, func(o *v4.SignerOptions) {
			o.DisableURIPathEscaping = r.s3
			o.DisableHeaderHoisting = !hoist
		})
		if err != nil {
			t.Fatal(err)
		}
		if gotURL != wantURL {
			t.Fatalf("case %d: URL\n%s\naws-sdk-go-v2\n%s\n%s", i, gotURL, wantURL, r.describe())
		}
		if !reflect.DeepEqual(gotSigned, wantSigned) {
			t.Fatalf("case %d: signed headers %q, aws-sdk-go-v2 %q\n%s", i, gotSigned, wantSigned, r.describe())
		}
		if !reflect.DeepEqual(before.Header, r.req.Header) || before.Host != r.req.Host || before.URL.String() != r.req.URL.String() {
			t.Fatalf("case %d: PresignHTTP changed the request", i)
		}
	}
}

// TestVerified sends requests this signer signed to runtime/sigv4verify (which signs
// again with aws-sdk-go-v2's signer), as a server receives them, and wants each
// accepted; and one with a changed header refused.
func TestVerified(t *testing.T) {
	g := gen{rand.New(rand.NewPCG(5, 6))}
	s := sigv4.New()
	for i := range 1000 {
		r := g.request()
		if strings.Contains(r.req.URL.Host, "[") || r.req.ContentLength < 0 {
			continue // a server request cannot carry what the test put in
		}
		sum := sha256.Sum256(r.body)
		r.payloadHash = hex.EncodeToString(sum[:])
		// What the server can see: no hop-by-hop headers, one Content-Length.
		for _, k := range []string{"Transfer-Encoding", "Expect", "Content-Length", "X-Amz-Content-Sha256", "X-Amz-Security-Token"} {
			delete(r.req.Header, k)
		}
		opts := []sigv4verify.Option{sigv4verify.WithClock(func() time.Time { return r.at }), sigv4verify.WithService(r.service), sigv4verify.WithRegion(r.region)}
		if r.s3 {
			opts = append(opts, sigv4verify.WithSinglePathEncoding())
		}
		verify := sigv4verify.New(func(id string) (string, bool) { return r.creds.SecretAccessKey, id == r.creds.AccessKeyID }, opts...)
		req := r.req
		if err := s.SignHTTP(r.creds, req, r.payloadHash, r.service, r.region, r.at, sigv4.Options{DisableURIPathEscaping: r.s3}); err != nil {
			t.Fatal(err)
		}
		target := req.URL.RequestURI()
		in := httptest.NewRequest(req.Method, target, bytes.NewReader(r.body))
		in.Host = req.Host
		if in.Host == "" {
			in.Host = req.URL.Host
		}
		in.Header = http.Header{} // as a server reads them: canonical names
		for k, v := range req.Header {
			for _, v := range v {
				in.Header.Add(k, v)
			}
		}
		in.ContentLength = int64(len(r.body))
		if req.URL.Scheme == "https" {
			in.TLS = &tls.ConnectionState{}
		}
		if err := verify(in); err != nil {
			t.Fatalf("case %d: refused: %v\n%s", i, err, r.describe())
		}
		in.Body = io.NopCloser(bytes.NewReader(r.body))
		in.Header.Set("X-Amz-Date", "20200101T000000Z")
		if err := verify(in); err == nil {
			t.Fatalf("case %d: accepted with another X-Amz-Date", i)
		}
	}
}

// TestChunkSignerMatchesSDK signs a stream of events and chunks with both signers.
func TestChunkSignerMatchesSDK(t *testing.T) {
	g := gen{rand.New(rand.NewPCG(7, 8))}
	for range 200 {
		r := g.request()
		seed := sha256.Sum256([]byte(r.describe()))
		ours := sigv4.New().NewChunkSigner(r.creds, r.service, r.region, seed[:])
		theirs := v4.NewStreamSigner(r.creds, r.service, r.region, seed[:])
		at := r.at
		for j := range 5 {
			headers := []byte(g.text(10))
			if j%2 == 0 {
				headers = nil
			}
			payload := []byte(g.text(100))
			got := ours.Sign(headers, payload, at)
			want, err := theirs.GetSignature(context.Background(), headers, payload, at)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got[:], want) {
				t.Fatalf("chunk %d: %x, aws-sdk-go-v2 %x", j, got, want)
			}
			at = at.Add(time.Duration(g.r.IntN(3)) * time.Second)
		}
	}
}

// TestSigningKeyCache signs with two secrets under one key ID, one after the other:
// each signature is that secret's (the cache is keyed by the secret).
func TestSigningKeyCache(t *testing.T) {
	s := sigv4.New()
	at := time.Date(2026, 12, 4, 17, 0, 0, 0, time.UTC)
	for i, secret := range []string{"one", "two", "one", "one", "two"} {
		for _, day := range []time.Duration{0, 24 * time.Hour} {
			creds := aws.Credentials{AccessKeyID: "AKID", SecretAccessKey: secret}
			a, _ := http.NewRequest("GET", "https://eks.us-east-1.amazonaws.com/clusters", nil)
			b := clone(a)
			if err := s.SignHTTP(creds, a, sigv4.EmptyPayloadHash, "eks", "us-east-1", at.Add(day), sigv4.Options{}); err != nil {
				t.Fatal(err)
			}
			if err := v4.NewSigner().SignHTTP(context.Background(), creds, b, sigv4.EmptyPayloadHash, "eks", "us-east-1", at.Add(day)); err != nil {
				t.Fatal(err)
			}
			if a.Header.Get("Authorization") != b.Header.Get("Authorization") {
				t.Fatalf("signature %d (%s): %s, want %s", i, secret, a.Header.Get("Authorization"), b.Header.Get("Authorization"))
			}
		}
	}
}

func TestNoAccessKey(t *testing.T) {
	r, _ := http.NewRequest("GET", "https://example.com/", nil)
	if err := sigv4.New().SignHTTP(aws.Credentials{}, r, sigv4.EmptyPayloadHash, "s", "r", time.Now(), sigv4.Options{}); err != sigv4.ErrNoCredentials {
		t.Fatalf("got %v, want ErrNoCredentials", err)
	}
}

// BenchmarkSignHTTP signs a request like an EKS call; it should allocate only the
// Authorization header.
func BenchmarkSignHTTP(b *testing.B) {
	s := sigv4.New()
	creds := aws.Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: "secret", SessionToken: "token"}
	r, _ := http.NewRequest("POST", "https://eks.us-west-2.amazonaws.com/clusters/c/pod-identity-associations?maxResults=5", nil)
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("User-Agent", "svcgen")
	r.ContentLength = 120
	at := time.Date(2026, 12, 4, 17, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	for b.Loop() {
		if err := s.SignHTTP(creds, r, sigv4.EmptyPayloadHash, "eks", "us-west-2", at, sigv4.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSDKSignHTTP(b *testing.B) {
	s := v4.NewSigner()
	creds := aws.Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: "secret", SessionToken: "token"}
	r, _ := http.NewRequest("POST", "https://eks.us-west-2.amazonaws.com/clusters/c/pod-identity-associations?maxResults=5", nil)
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("User-Agent", "svcgen")
	r.ContentLength = 120
	at := time.Date(2026, 12, 4, 17, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	for b.Loop() {
		if err := s.SignHTTP(context.Background(), creds, r, sigv4.EmptyPayloadHash, "eks", "us-west-2", at); err != nil {
			b.Fatal(err)
		}
	}
}
