// Package sigv4verify checks AWS Signature Version 4 on incoming requests, for the
// authentication hook of generated servers:
//
//	h := server.NewHandler(svc, rt.WithAuth(sigv4verify.New(lookup)))
//
// It reads the Authorization header (AWS4-HMAC-SHA256 Credential=KEY/DATE/REGION/
// SERVICE/aws4_request, SignedHeaders=..., Signature=...), checks that X-Amz-Date is
// within the allowed clock skew, signs a copy of the request again with aws-sdk-go-v2's
// signer (independent of runtime/sigv4, which the generated clients sign with, so each
// checks the other) using the secret that lookup returns, and compares the signatures in constant time. The body is hashed, so it is
// read, and put back for the handler.
//
// A presigned request (the signature in the query string: X-Amz-Algorithm,
// X-Amz-Credential, X-Amz-Date, X-Amz-Expires, X-Amz-SignedHeaders, X-Amz-Signature)
// is checked the same way with the signer's PresignHTTP, and is valid from X-Amz-Date
// (less the allowed skew) until X-Amz-Expires seconds after it. UNSIGNED-PAYLOAD is
// accepted only with WithUnsignedPayload (S3's presigned URLs); streaming payloads are
// not accepted. A session token (X-Amz-Security-Token) is
// signed like any header, but its validity is not checked here: lookup decides which
// keys are valid.
package sigv4verify

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// The kinds of failure; every error New's function returns is an *Error that matches
// one of them with errors.Is.
var (
	// ErrMissing: the request carries no Authorization header and no X-Amz-Signature
	// query parameter.
	ErrMissing = errors.New("sigv4verify: the request is not signed")
	// ErrMalformed: the Authorization header, the X-Amz-Date header or the credential
	// scope cannot be read, or scope the request to another service or region.
	ErrMalformed = errors.New("sigv4verify: malformed signature")
	// ErrExpired: X-Amz-Date is further from the server's time than the allowed skew,
	// or a presigned request's X-Amz-Expires has passed.
	ErrExpired = errors.New("sigv4verify: signature expired")
	// ErrUnknownKey: lookup does not know the access key.
	ErrUnknownKey = errors.New("sigv4verify: unknown access key")
	// ErrMismatch: the signature is not the one the request's content and the key's
	// secret give: the request was altered, or signed with another secret.
	ErrMismatch = errors.New("sigv4verify: signature mismatch")
	// ErrBody: the body could not be read to be hashed, or is larger than the limit.
	ErrBody = errors.New("sigv4verify: unreadable body")
)

// Error is a refused request. Error() says why in detail, for logs; ErrorCode,
// ErrorMessage and HTTPStatusCode give what the client may be told, which is what the
// runtime's WithAuth answers with.
type Error struct {
	// Kind is one of the Err values.
	Kind error
	// AccessKeyID is the key the request claims, when it could be read.
	AccessKeyID string
	// Detail explains the refusal; it never holds a secret or the expected signature.
	Detail string
	status int
	code   string
}

func (e *Error) Error() string {
	if e.Detail == "" {
		return e.Kind.Error()
	}
	return e.Kind.Error() + ": " + e.Detail
}

// Unwrap returns Kind.
func (e *Error) Unwrap() error { return e.Kind }

// HTTPStatusCode is 403, or 413 for a body over the limit and 400 for one that could
// not be read.
func (e *Error) HTTPStatusCode() int {
	if e.status != 0 {
		return e.status
	}
	return http.StatusForbidden
}

// ErrorCode is the code AWS services answer the same failure with.
func (e *Error) ErrorCode() string {
	if e.code != "" {
		return e.code
	}
	switch e.Kind {
	case ErrMissing:
		return "MissingAuthenticationTokenException"
	case ErrMalformed:
		return "IncompleteSignatureException"
	case ErrUnknownKey:
		return "UnrecognizedClientException"
	case ErrBody:
		if e.status == http.StatusRequestEntityTooLarge {
			return "RequestEntityTooLargeException"
		}
		return "SerializationException"
	}
	return "InvalidSignatureException"
}

// ErrorMessage is the message for the client: the detail of a malformed or expired
// signature (made of what the client sent and the allowed skew), a fixed text
// otherwise.
func (e *Error) ErrorMessage() string {
	switch e.Kind {
	case ErrMissing:
		return "Missing Authentication Token"
	case ErrMalformed, ErrExpired:
		return e.Detail
	case ErrUnknownKey:
		return "The security token included in the request is invalid."
	case ErrMismatch:
		if e.code != "" {
			return "The provided 'x-amz-content-sha256' header does not match what was computed."
		}
		return "The request signature we calculated does not match the signature you provided."
	case ErrBody:
		if e.status == http.StatusRequestEntityTooLarge {
			return "The request body is too large to be verified."
		}
		return "The request body could not be read."
	}
	return "The request is not authorized."
}

// Option configures the verifier.
type Option func(*config)

type config struct {
	skew      time.Duration
	now       func() time.Time
	service   string
	region    string
	bodyLimit int64
	// unsignedPayload accepts presigned requests signed with UNSIGNED-PAYLOAD.
	unsignedPayload bool
	// singleEncoding signs the path as sent (S3), not URI-encoded once more.
	singleEncoding bool
	// streamed trusts X-Amz-Content-Sha256 for the signature and checks the body
	// against it as the handler reads it (S3).
	streamed bool
}

// WithMaxSkew sets how far X-Amz-Date may be from the server's time, either way
// (default 5 minutes).
func WithMaxSkew(d time.Duration) Option { return func(c *config) { c.skew = d } }

// WithClock sets the server's time (default time.Now).
func WithClock(now func() time.Time) Option { return func(c *config) { c.now = now } }

// WithService requires the credential scope to name this signing name ("eks").
func WithService(name string) Option { return func(c *config) { c.service = name } }

// WithRegion requires the credential scope to name this region.
func WithRegion(region string) Option { return func(c *config) { c.region = region } }

// WithBodyLimit sets the largest body read to be hashed (default 10 MiB, the default
// limit of generated servers); a larger one is refused with 413.
func WithBodyLimit(n int64) Option { return func(c *config) { c.bodyLimit = n } }

// WithUnsignedPayload accepts presigned requests whose signature covers
// UNSIGNED-PAYLOAD instead of the body's hash, as S3's presigned URLs are: their body
// is then not covered by the signature.
func WithUnsignedPayload() Option { return func(c *config) { c.unsignedPayload = true } }

// WithSinglePathEncoding checks signatures made over the path as sent, not
// URI-encoded once more: S3's (its endpoints' disableDoubleEncoding).
func WithSinglePathEncoding() Option { return func(c *config) { c.singleEncoding = true } }

// WithStreamedPayload checks the signature of a request that carries its body's hash
// in X-Amz-Content-Sha256 (as S3's clients send it) with that hash, without reading
// the body first: the body is checked against the hash as the handler reads it, and
// the read that reaches its end fails with an *Error (ErrMismatch, 400
// XAmzContentSHA256Mismatch) when it differs, so a body of any size streams through.
// UNSIGNED-PAYLOAD in that header is accepted too: the body is then not covered by the
// signature, as with S3. Requests without the header are checked as without this
// option.
func WithStreamedPayload() Option { return func(c *config) { c.streamed = true } }

const (
	algorithm  = "AWS4-HMAC-SHA256"
	amzDate    = "X-Amz-Date"
	dateLayout = "20060102T150405Z"
)

// New returns a check for server.WithAuth that accepts a request only if it carries a
// valid SigV4 signature by a key that lookup knows. lookup must be safe for concurrent
// use.
func New(lookup func(accessKeyID string) (secret string, ok bool), opts ...Option) func(*http.Request) error {
	cfg := config{skew: 5 * time.Minute, now: time.Now, bodyLimit: 10 << 20}
	for _, o := range opts {
		o(&cfg)
	}
	return func(r *http.Request) error { return cfg.verify(r, lookup) }
}

// authorization is a parsed Authorization header.
type authorization struct {
	accessKeyID, date, region, service string
	signedHeaders                      []string
	signedHeadersText                  string
	signature                          string
}

func malformed(format string, args ...any) *Error {
	return &Error{Kind: ErrMalformed, Detail: fmt.Sprintf(format, args...)}
}

func (cfg *config) verify(r *http.Request, lookup func(string) (string, bool)) error {
	values := r.Header.Values("Authorization")
	presigned := r.URL.Query().Has(amzSignature)
	if presigned && len(values) > 0 {
		return malformed("the request is signed both in its Authorization header and in its query string")
	}
	if presigned {
		return cfg.verifyPresigned(r, lookup)
	}
	if len(values) == 0 {
		return &Error{Kind: ErrMissing}
	}
	if len(values) > 1 {
		return malformed("the request has %d Authorization headers", len(values))
	}
	auth, perr := parseAuthorization(values[0])
	if perr != nil {
		return perr
	}
	fail := func(e *Error) error {
		e.AccessKeyID = auth.accessKeyID
		return e
	}

	dates := r.Header.Values(amzDate)
	if len(dates) != 1 {
		return fail(malformed("the request needs one %s header", amzDate))
	}
	signedAt, err := time.Parse(dateLayout, dates[0])
	if err != nil {
		return fail(malformed("%s %q is not of the form YYYYMMDD'T'HHMMSS'Z'", amzDate, dates[0]))
	}
	if auth.date != signedAt.Format("20060102") {
		return fail(malformed("the credential scope date %s is not the date of %s %s", auth.date, amzDate, dates[0]))
	}
	if !slices.Contains(auth.signedHeaders, "host") || !slices.Contains(auth.signedHeaders, "x-amz-date") {
		return fail(malformed("SignedHeaders must include host and x-amz-date"))
	}
	if cfg.service != "" && auth.service != cfg.service {
		return fail(malformed("the credential should be scoped to the service %q", cfg.service))
	}
	if cfg.region != "" && auth.region != cfg.region {
		return fail(malformed("the credential should be scoped to the region %q", cfg.region))
	}
	now := cfg.now()
	if d := now.Sub(signedAt); d > cfg.skew || d < -cfg.skew {
		return fail(&Error{Kind: ErrExpired, Detail: fmt.Sprintf("Signature expired or not yet valid: %s %s is more than %v from the server's time", amzDate, dates[0], cfg.skew)})
	}

	secret, ok := lookup(auth.accessKeyID)
	if !ok {
		return fail(&Error{Kind: ErrUnknownKey})
	}

	var payloadHash string
	if sent := r.Header.Get("X-Amz-Content-Sha256"); cfg.streamed && (sent == unsignedPayload || isSHA256Hex(sent)) {
		payloadHash = sent
	} else {
		var berr *Error
		if payloadHash, berr = cfg.hashBody(r); berr != nil {
			return fail(berr)
		}
		if sent != "" && sent != payloadHash {
			return fail(&Error{Kind: ErrMismatch, Detail: "X-Amz-Content-Sha256 is not the hash of the body"})
		}
	}

	want, err := expectedAuthorization(r, auth, secret, payloadHash, signedAt, cfg.singleEncoding)
	if err != nil {
		return fail(&Error{Kind: ErrMismatch, Detail: "re-signing: " + err.Error()})
	}
	if want.signedHeadersText != auth.signedHeadersText {
		// the request lacks a header it says is signed, or signs one that the signer
		// never signs (user-agent, expect, ...)
		return fail(&Error{Kind: ErrMismatch, Detail: fmt.Sprintf("SignedHeaders %q cannot be reproduced from the request (%q)", auth.signedHeadersText, want.signedHeadersText)})
	}
	if !hmac.Equal([]byte(want.signature), []byte(auth.signature)) {
		return fail(&Error{Kind: ErrMismatch, Detail: "the signature does not match"})
	}
	if cfg.streamed && payloadHash != unsignedPayload && r.Body != nil && r.Body != http.NoBody {
		r.Body = &hashingBody{body: r.Body, h: sha256.New(), want: payloadHash, accessKeyID: auth.accessKeyID}
	}
	return nil
}

// isSHA256Hex: s is a SHA-256 in lower-case hex.
func isSHA256Hex(s string) bool {
	if len(s) != 2*sha256.Size {
		return false
	}
	for _, c := range []byte(s) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// hashingBody is a body checked against its signed hash as it is read
// (WithStreamedPayload).
type hashingBody struct {
	body        io.ReadCloser
	h           hash.Hash
	want        string
	accessKeyID string
	err         error
}

func (b *hashingBody) Read(p []byte) (int, error) {
	if b.err != nil {
		return 0, b.err
	}
	n, err := b.body.Read(p)
	b.h.Write(p[:n])
	if err == io.EOF && hex.EncodeToString(b.h.Sum(nil)) != b.want {
		b.err = &Error{Kind: ErrMismatch, AccessKeyID: b.accessKeyID, Detail: "X-Amz-Content-Sha256 is not the hash of the body", status: http.StatusBadRequest, code: "XAmzContentSHA256Mismatch"}
		return n, b.err
	}
	return n, err
}

func (b *hashingBody) Close() error { return b.body.Close() }

// The query parameters of a presigned request.
const (
	amzAlgorithm     = "X-Amz-Algorithm"
	amzCredential    = "X-Amz-Credential"
	amzSignedHeaders = "X-Amz-SignedHeaders"
	amzSignature     = "X-Amz-Signature"
	amzExpires       = "X-Amz-Expires"
	unsignedPayload  = "UNSIGNED-PAYLOAD"
	maxExpires       = 7 * 24 * 60 * 60
)

// verifyPresigned checks a signature in the query string (a presigned URL): the
// request is valid from X-Amz-Date (less the allowed skew) until X-Amz-Expires seconds
// after it, and its signature is the one aws-sdk-go-v2's PresignHTTP gives for the
// request's method, path, query (without X-Amz-Signature) and signed headers, with
// the body's hash as payload hash, or UNSIGNED-PAYLOAD when WithUnsignedPayload
// allows it.
func (cfg *config) verifyPresigned(r *http.Request, lookup func(string) (string, bool)) error {
	q := r.URL.Query()
	one := func(name string) (string, *Error) {
		if v := q[name]; len(v) == 1 && v[0] != "" {
			return v[0], nil
		}
		return "", malformed("a presigned request needs one %s query parameter", name)
	}
	var fields [6]string
	for i, name := range []string{amzAlgorithm, amzCredential, amzSignedHeaders, amzSignature, amzDate, amzExpires} {
		v, err := one(name)
		if err != nil {
			return err
		}
		fields[i] = v
	}
	if fields[0] != algorithm {
		return malformed("%s must be %s", amzAlgorithm, algorithm)
	}
	auth, perr := newAuthorization(fields[1], fields[2], fields[3])
	if perr != nil {
		return perr
	}
	fail := func(e *Error) error {
		e.AccessKeyID = auth.accessKeyID
		return e
	}
	signedAt, err := time.Parse(dateLayout, fields[4])
	if err != nil {
		return fail(malformed("%s %q is not of the form YYYYMMDD'T'HHMMSS'Z'", amzDate, fields[4]))
	}
	if auth.date != signedAt.Format("20060102") {
		return fail(malformed("the credential scope date %s is not the date of %s %s", auth.date, amzDate, fields[4]))
	}
	expires, err := strconv.Atoi(fields[5])
	if err != nil || expires < 1 || expires > maxExpires {
		return fail(malformed("%s must be a number of seconds from 1 to %d", amzExpires, maxExpires))
	}
	if !slices.Contains(auth.signedHeaders, "host") {
		return fail(malformed("SignedHeaders must include host"))
	}
	if cfg.service != "" && auth.service != cfg.service {
		return fail(malformed("the credential should be scoped to the service %q", cfg.service))
	}
	if cfg.region != "" && auth.region != cfg.region {
		return fail(malformed("the credential should be scoped to the region %q", cfg.region))
	}
	now := cfg.now()
	if now.Before(signedAt.Add(-cfg.skew)) {
		return fail(&Error{Kind: ErrExpired, Detail: fmt.Sprintf("Request is not yet valid: %s %s is more than %v after the server's time", amzDate, fields[4], cfg.skew)})
	}
	if now.After(signedAt.Add(time.Duration(expires) * time.Second)) {
		return fail(&Error{Kind: ErrExpired, Detail: fmt.Sprintf("Request has expired: %s %s, %s %d", amzDate, fields[4], amzExpires, expires)})
	}
	secret, ok := lookup(auth.accessKeyID)
	if !ok {
		return fail(&Error{Kind: ErrUnknownKey})
	}
	matches := func(payloadHash string) (bool, error) {
		want, err := expectedPresigned(r, auth, secret, payloadHash, signedAt, cfg.singleEncoding)
		if err != nil {
			return false, fail(&Error{Kind: ErrMismatch, Detail: "re-signing: " + err.Error()})
		}
		if want.signedHeadersText != auth.signedHeadersText {
			return false, fail(&Error{Kind: ErrMismatch, Detail: fmt.Sprintf("SignedHeaders %q cannot be reproduced from the request (%q)", auth.signedHeadersText, want.signedHeadersText)})
		}
		return hmac.Equal([]byte(want.signature), []byte(auth.signature)), nil
	}
	sent := r.Header.Get("X-Amz-Content-Sha256")
	if !slices.Contains(auth.signedHeaders, "x-amz-content-sha256") {
		sent = ""
	}
	// UNSIGNED-PAYLOAD, when allowed, is tried first: the body need not be read.
	if cfg.unsignedPayload && (sent == "" || sent == unsignedPayload) {
		if ok, err := matches(unsignedPayload); err != nil || ok {
			return err
		}
		if sent != "" {
			return fail(&Error{Kind: ErrMismatch, Detail: "the signature does not match"})
		}
	}
	payloadHash, berr := cfg.hashBody(r)
	if berr != nil {
		return fail(berr)
	}
	if sent != "" && sent != payloadHash {
		return fail(&Error{Kind: ErrMismatch, Detail: "X-Amz-Content-Sha256 is not the hash of the body"})
	}
	if ok, err := matches(payloadHash); err != nil || ok {
		return err
	}
	return fail(&Error{Kind: ErrMismatch, Detail: "the signature does not match"})
}

// signedCopy is a copy of r that holds only the headers the client says it signed.
func signedCopy(r *http.Request, auth *authorization) *http.Request {
	c := r.Clone(context.Background())
	c.Body, c.GetBody = http.NoBody, nil
	c.Header = http.Header{}
	c.ContentLength = 0
	if c.URL.Scheme == "" {
		c.URL.Scheme = "http"
		if r.TLS != nil {
			c.URL.Scheme = "https"
		}
	}
	c.URL.Host = r.Host
	for _, name := range auth.signedHeaders {
		switch name {
		case "host":
		case "content-length":
			c.ContentLength = r.ContentLength
		default:
			if v, ok := r.Header[http.CanonicalHeaderKey(name)]; ok {
				c.Header[http.CanonicalHeaderKey(name)] = slices.Clone(v)
			}
		}
	}
	return c
}

// expectedPresigned presigns a copy of r (its query without X-Amz-Signature, the
// headers it says it signed, sent as headers) and returns the signed headers and
// signature the signer computes.
func expectedPresigned(r *http.Request, auth *authorization, secret, payloadHash string, signedAt time.Time, singleEncoding bool) (*authorization, error) {
	c := signedCopy(r, auth)
	q := c.URL.Query()
	q.Del(amzSignature)
	c.URL.RawQuery = q.Encode()
	// The security token, if any, stays in the query, where it was signed.
	creds := aws.Credentials{AccessKeyID: auth.accessKeyID, SecretAccessKey: secret}
	signed, _, err := v4.NewSigner().PresignHTTP(context.Background(), creds, c, payloadHash, auth.service, auth.region, signedAt,
		func(o *v4.SignerOptions) {
			o.DisableHeaderHoisting = true // headers the client sent as headers stay headers
			o.DisableURIPathEscaping = singleEncoding
		})
	if err != nil {
		return nil, err
	}
	u, err := url.Parse(signed)
	if err != nil {
		return nil, err
	}
	sq := u.Query()
	return &authorization{signedHeadersText: sq.Get(amzSignedHeaders), signature: sq.Get(amzSignature)}, nil
}

// parseAuthorization reads "AWS4-HMAC-SHA256 Credential=..., SignedHeaders=...,
// Signature=...".
func parseAuthorization(h string) (*authorization, *Error) {
	alg, rest, ok := strings.Cut(strings.TrimSpace(h), " ")
	if !ok || alg != algorithm {
		return nil, malformed("the Authorization header must start with %s", algorithm)
	}
	params := map[string]string{}
	for part := range strings.SplitSeq(rest, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return nil, malformed("the Authorization header has a parameter without '=': %q", abbrev(part))
		}
		switch k {
		case "Credential", "SignedHeaders", "Signature":
		default:
			return nil, malformed("the Authorization header has an unknown parameter %q", abbrev(k))
		}
		if _, dup := params[k]; dup {
			return nil, malformed("the Authorization header repeats %s", k)
		}
		params[k] = v
	}
	for _, k := range []string{"Credential", "SignedHeaders", "Signature"} {
		if params[k] == "" {
			return nil, malformed("the Authorization header needs a %s parameter", k)
		}
	}
	return newAuthorization(params["Credential"], params["SignedHeaders"], params["Signature"])
}

// newAuthorization reads a signature's credential scope, signed headers and
// signature, from the Authorization header or a presigned URL's query.
func newAuthorization(credential, signedHeaders, signature string) (*authorization, *Error) {
	a := &authorization{signature: signature, signedHeadersText: signedHeaders}
	scope := strings.Split(credential, "/")
	if len(scope) != 5 || scope[4] != "aws4_request" || scope[0] == "" || scope[2] == "" || scope[3] == "" {
		return nil, malformed("the Credential must be KEY/YYYYMMDD/REGION/SERVICE/aws4_request")
	}
	a.accessKeyID, a.date, a.region, a.service = scope[0], scope[1], scope[2], scope[3]
	if _, err := time.Parse("20060102", a.date); err != nil || len(a.date) != 8 {
		return nil, malformed("the credential scope date %q is not YYYYMMDD", abbrev(a.date))
	}
	if len(a.signature) != 64 || strings.Trim(a.signature, "0123456789abcdef") != "" {
		return nil, malformed("the Signature must be 64 lower-case hexadecimal digits")
	}
	a.signedHeaders = strings.Split(a.signedHeadersText, ";")
	for i, name := range a.signedHeaders {
		if name == "" || name != strings.ToLower(name) || i > 0 && a.signedHeaders[i-1] >= name {
			return nil, malformed("SignedHeaders must be distinct lower-case names in sorted order")
		}
	}
	return a, nil
}

func abbrev(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}

// hashBody reads the body, returns its SHA-256 in hex and puts it back.
func (cfg *config) hashBody(r *http.Request) (string, *Error) {
	if r.Body == nil || r.Body == http.NoBody {
		sum := sha256.Sum256(nil)
		return hex.EncodeToString(sum[:]), nil
	}
	if r.ContentLength > cfg.bodyLimit {
		return "", &Error{Kind: ErrBody, Detail: "the body is larger than the limit", status: http.StatusRequestEntityTooLarge}
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, cfg.bodyLimit+1))
	r.Body.Close()
	r.Body = io.NopCloser(bytes.NewReader(body))
	if err != nil {
		return "", &Error{Kind: ErrBody, Detail: "reading the body: " + err.Error(), status: http.StatusBadRequest}
	}
	if int64(len(body)) > cfg.bodyLimit {
		return "", &Error{Kind: ErrBody, Detail: "the body is larger than the limit", status: http.StatusRequestEntityTooLarge}
	}
	sum := sha256.Sum256(body)
	return hex.EncodeToString(sum[:]), nil
}

// expectedAuthorization signs a copy of r that holds only what the client says it
// signed, and returns the Authorization header the signer computes.
func expectedAuthorization(r *http.Request, auth *authorization, secret, payloadHash string, signedAt time.Time, singleEncoding bool) (*authorization, error) {
	c := signedCopy(r, auth)
	creds := aws.Credentials{AccessKeyID: auth.accessKeyID, SecretAccessKey: secret, SessionToken: r.Header.Get("X-Amz-Security-Token")}
	if !slices.Contains(auth.signedHeaders, "x-amz-security-token") {
		creds.SessionToken = "" // otherwise the signer would add and sign it
	}
	// A signer of its own: a Signer caches the derived key by region, service, key ID and
	// day, not by secret, so a shared one would go on accepting a rotated secret.
	if err := v4.NewSigner().SignHTTP(context.Background(), creds, c, payloadHash, auth.service, auth.region, signedAt,
		func(o *v4.SignerOptions) { o.DisableURIPathEscaping = singleEncoding }); err != nil {
		return nil, err
	}
	want, perr := parseAuthorization(c.Header.Get("Authorization"))
	if perr != nil {
		return nil, perr
	}
	return want, nil
}
