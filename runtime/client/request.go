package client

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"net/http"
	"net/textproto"
	"net/url"
	"strings"
	"sync/atomic"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/svcgen/svcgen/runtime/cborwire"
	"github.com/svcgen/svcgen/runtime/httpbind"
	"github.com/svcgen/svcgen/runtime/jsonwire"
)

// Request is what a generated serializer fills: the parts of the HTTP request that
// depend on the input. Path and Query hold escaped text.
//
// Requests are pooled with everything a call needs (the *http.Request, its URL,
// header values, the body reader), so a call allocates little of its own. A Request
// goes back to the pool only when the transport is done with all of it: the response
// body was closed and every request body the transport got was closed (net/http's
// contract for reusing a request). Otherwise it is left to the garbage collector.
type Request struct {
	Method string
	Path   []byte
	Query  []byte
	Header http.Header
	// Body is the encoded body; nil sends none.
	Body []byte
	// BodyReader is a streaming body (a blob payload given as an io.Reader). It is
	// sent once: a request with one is not retried after it was sent.
	BodyReader io.Reader
	// HostPrefix is put before the endpoint's host ("data-", "{Bucket}." filled in).
	HostPrefix string
	sent       bool
	// length is BodyReader's length, -1 when unknown (see measure).
	length int64
	// payloadHash is the SHA-256 (hex) the signature covers for a streaming body, when
	// it was read for a checksum; empty: UNSIGNED-PAYLOAD.
	payloadHash string
	// hashText holds the hex SHA-256 of Body that hashPayload returns.
	hashText [2 * sha256.Size]byte
	json     jsonwire.Writer
	cbor     cborwire.Writer
	// tokens is the call's idempotency token provider (nil: random UUIDs).
	tokens IdempotencyTokenProvider

	// values backs the header values SetHeader and the signer set, so setting one
	// allocates nothing; each slice is capped, so appending to it copies.
	values  [12]string
	nvalues int
	urlText []byte // backs the path and query strings of url
	// wire is the call's copy of a small Body, sent as net/http's transport sends a
	// body in memory (see smallBody); the transport owns it, so it is never reused.
	wire []byte
	// copySmall sends a small Body from wire: the HTTP client is net/http's (see
	// smallBody).
	copySmall bool
	// httpSent says that r.http was sent (as the first attempt's request).
	httpSent bool
	// urlString is the last urlText as a string: a call to the same path and query
	// as the pooled request's last reuses it.
	urlString string
	http      http.Request
	url       url.URL
	body      trackedBody // the first attempt's body reader
	getBody   func() (io.ReadCloser, error)
	// extra are the body readers of later attempts made while the transport still
	// held an earlier one.
	extra []*trackedBody
	// kept marks a request the transport may still use (a send failed, or the
	// response body was handed to the caller): it does not go back to the pool.
	kept bool
}

func newRequest() *Request {
	r := &Request{Header: make(http.Header, 8)}
	// The transport calls GetBody within Do only (to resend a request on a new
	// connection), but may read what it returns after Do returned: a reader over the
	// call's own copy of a small body, else a tracked one over r.Body.
	r.getBody = func() (io.ReadCloser, error) {
		if r.wire != nil {
			return io.NopCloser(bytes.NewReader(r.wire)), nil
		}
		return r.bodyReader(), nil
	}
	return r
}

// trackedBody is a request body that records that the transport closed it.
type trackedBody struct {
	bytes.Reader
	used   bool
	closed atomic.Bool
}

func (b *trackedBody) Close() error {
	b.closed.Store(true)
	return nil
}

// idle reports whether the transport is done with b.
func (b *trackedBody) idle() bool { return !b.used || b.closed.Load() }

// JSON returns the request's JSON writer, empty; its buffer is reused across calls.
func (r *Request) JSON() *jsonwire.Writer {
	r.json.Reset()
	return &r.json
}

// CBOR returns the request's CBOR writer, empty; its buffer is reused across calls.
func (r *Request) CBOR() *cborwire.Writer {
	r.cbor.Reset()
	return &r.cbor
}

// reset empties r for the next call and reports whether it may be reused.
func (r *Request) reset() bool {
	reusable := !r.kept && r.body.idle()
	for _, b := range r.extra {
		reusable = reusable && b.idle()
	}
	if !reusable {
		return false
	}
	clear(r.extra)
	r.extra = r.extra[:0]
	r.Method, r.HostPrefix, r.sent, r.tokens = "", "", false, nil
	r.length, r.payloadHash = 0, ""
	r.Path, r.Query, r.Body, r.BodyReader = r.Path[:0], r.Query[:0], nil, nil
	r.wire, r.copySmall = nil, false
	clear(r.Header)
	clear(r.values[:r.nvalues])
	r.nvalues = 0
	r.body = trackedBody{}
	r.http = http.Request{}
	r.httpSent = false
	return true
}

// IdempotencyToken is a token for an idempotency token member the caller left empty:
// from the client's IdempotencyTokenProvider, else a random (version 4) UUID.
func (r *Request) IdempotencyToken() (string, error) {
	if r.tokens == nil {
		return httpbind.UUID(), nil
	}
	token, err := r.tokens.GetIdempotencyToken()
	if err != nil {
		return "", fmt.Errorf("making an idempotency token: %w", err)
	}
	return token, nil
}

// AppendPath appends literal path text, as the model's requestUri writes it.
func (r *Request) AppendPath(s string) { r.Path = append(r.Path, s...) }

// AppendLabel appends a label's value, percent-encoded; a greedy label keeps '/'.
func (r *Request) AppendLabel(v string, greedy bool) { r.Path = AppendEscaped(r.Path, v, greedy) }

// AddQuery appends key=value to the query string, both percent-encoded.
func (r *Request) AddQuery(key, value string) {
	if len(r.Query) > 0 {
		r.Query = append(r.Query, '&')
	}
	r.Query = AppendEscaped(r.Query, key, false)
	r.Query = append(r.Query, '=')
	r.Query = AppendEscaped(r.Query, value, false)
}

// AddQueryKey appends a key without a value ("?uploads").
func (r *Request) AddQueryKey(key string) {
	if len(r.Query) > 0 {
		r.Query = append(r.Query, '&')
	}
	r.Query = AppendEscaped(r.Query, key, false)
}

// HasQuery reports whether the query string already has key (members bound to a query
// map yield to members bound to the same key by name).
func (r *Request) HasQuery(key string) bool {
	q := r.Query
	k := AppendEscaped(nil, key, false)
	for len(q) > 0 {
		part := q
		if i := bytes.IndexByte(q, '&'); i >= 0 {
			part, q = q[:i], q[i+1:]
		} else {
			q = nil
		}
		name, _, _ := bytes.Cut(part, []byte{'='})
		if bytes.Equal(name, k) {
			return true
		}
	}
	return false
}

// SetHeader sets a header under its canonical name, so that http.Header's Get and Set
// in a user's HTTPClient find it (a canonical name, as generated code passes, costs
// nothing more).
func (r *Request) SetHeader(name, value string) {
	r.Header[textproto.CanonicalMIMEHeaderKey(name)] = append(r.slot(), value)
}

// slot returns an empty slice with room for one header value, from r.values while
// they last.
func (r *Request) slot() []string {
	if r.nvalues == len(r.values) {
		return make([]string, 0, 1)
	}
	i := r.nvalues
	r.nvalues++
	return r.values[i : i : i+1]
}

// AddHeader adds a value to a header.
func (r *Request) AddHeader(name, value string) {
	name = textproto.CanonicalMIMEHeaderKey(name)
	r.Header[name] = append(r.Header[name], value)
}

// unreserved reports the characters RFC 3986 leaves unescaped.
func unreserved(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~'
}

const hexUpper = "0123456789ABCDEF"

// AppendEscaped percent-encodes s as AWS does for labels and query parts: everything
// but the unreserved characters, and '/' too unless keepSlash.
func AppendEscaped(dst []byte, s string, keepSlash bool) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if unreserved(c) || keepSlash && c == '/' {
			dst = append(dst, c)
			continue
		}
		dst = append(dst, '%', hexUpper[c>>4], hexUpper[c&15])
	}
	return dst
}

// setURL fills r.url: the endpoint (parsed once per endpoint, see Config) with the
// request's host prefix, path and query.
func (r *Request) setURL(base *url.URL) error {
	r.url = *base
	u := &r.url
	if r.HostPrefix != "" {
		u.Host = r.HostPrefix + u.Host
	}
	// The path and the query share one string.
	b := append(r.urlText[:0], strings.TrimSuffix(base.EscapedPath(), "/")...)
	b = append(b, r.Path...)
	if len(b) == 0 {
		b = append(b, '/')
	}
	n := len(b)
	b = append(b, base.RawQuery...)
	if len(r.Query) > 0 && len(base.RawQuery) > 0 {
		b = append(b, '&')
	}
	b = append(b, r.Query...)
	r.urlText = b
	if string(b) != r.urlString {
		r.urlString = string(b)
	}
	text := r.urlString
	var err error
	u.RawPath, u.RawQuery = text[:n], text[n:]
	if u.Path, err = url.PathUnescape(u.RawPath); err != nil {
		return err
	}
	return nil
}

// rewindable reports whether the request can be sent again.
func (r *Request) rewindable() bool { return r.BodyReader == nil || !r.sent }

// httpRequest makes one attempt's *http.Request. It shares r's header map and URL;
// the body is a fresh reader over the same bytes each time, so a retry resends it
// whole.
func (r *Request) httpRequest(ctx context.Context) *http.Request {
	fresh := http.Request{
		Method:     r.Method,
		URL:        &r.url,
		Proto:      "HTTP/1.1",
		ProtoMajor: 1,
		ProtoMinor: 1,
		Header:     r.Header,
		Host:       r.url.Host,
	}
	// A nil context is context.Background(): for it, the first attempt sends r.http
	// itself, not a copy (the pool takes r back only when the transport is done with
	// it). Any other attempt gets a request of its own, since the transport may still
	// hold the one before.
	var req *http.Request
	if ctx == context.Background() && !r.httpSent {
		r.http = fresh
		req = &r.http
	} else {
		req = fresh.WithContext(ctx)
	}
	r.httpSent = true
	switch {
	case r.BodyReader != nil:
		// The length measure found: the transport sends Content-Length, not a
		// chunked body, unless the length is unknown (-1). An empty body is no body.
		req.Body = io.NopCloser(r.BodyReader)
		if sb, ok := r.BodyReader.(SigningBody); ok {
			req.Body = sb // closed with the request: it holds the events' producer
		}
		req.ContentLength = r.length
		if r.length == 0 {
			req.Body = http.NoBody
		}
		r.sent = true
	case r.copySmall && len(r.Body) > 0 && len(r.Body) <= smallBody:
		// A small body goes out as a *bytes.Reader that net/http knows (see
		// smallBody): over a copy of its own, since the transport may read it after
		// the call returns, when r is reused.
		if r.wire == nil {
			r.wire = bytes.Clone(r.Body)
		}
		req.Body = io.NopCloser(bytes.NewReader(r.wire))
		req.GetBody = r.getBody
		req.ContentLength = int64(len(r.wire))
	case r.Body != nil:
		// The transport sends Content-Length from ContentLength, and the signer signs it.
		req.Body = r.bodyReader()
		req.GetBody = r.getBody
		req.ContentLength = int64(len(r.Body))
	default:
		req.Body = http.NoBody
	}
	return req
}

// smallBody is the largest body sent from a copy that net/http's transport knows to be
// in memory (a *bytes.Reader under io.NopCloser), rather than from r's pooled reader.
// The transport flushes the headers on their own before any other body, "in case the
// server needs the headers early": two writes, two TCP segments, and a server that reads
// the body after the headers waits for a second read (about 5 µs a call on loopback).
// A known in-memory body is written with the headers in one write when both fit in the
// transport's buffer (4 KB by default), so the copy pays off for bodies that fit in it.
// Other HTTP clients get r's pooled reader, whose Close says when r may be reused.
const smallBody = 3 << 10

// sendsWithNetHTTP reports whether c sends with net/http's Transport: the default
// client, an *http.Client on an *http.Transport (or the default one), and
// aws-sdk-go-v2's BuildableClient (aws.Config's usual HTTPClient), known by its
// GetTransport method.
func sendsWithNetHTTP(c HTTPClient) bool {
	switch c := c.(type) {
	case transportClient:
		return true
	case *http.Client:
		_, ok := c.Transport.(*http.Transport)
		return ok || c.Transport == nil
	case interface{ GetTransport() *http.Transport }:
		return true
	}
	return false
}

// bodyReader returns a reader over r.Body for one attempt: r.body unless the
// transport still holds it from an earlier attempt.
func (r *Request) bodyReader() *trackedBody {
	b := &r.body
	if !b.idle() {
		b = &trackedBody{}
		r.extra = append(r.extra, b)
	}
	b.Reset(r.Body)
	b.used = true
	b.closed.Store(false)
	return b
}

// pathIsCanonical reports whether the URI-encoding SigV4 applies to a path would leave
// path unchanged: it holds only unreserved characters and '/'. (setURL always sets
// RawPath, to the escaped path the request sends.)
func pathIsCanonical(path string) bool {
	for i := 0; i < len(path); i++ {
		if c := path[i]; !unreserved(c) && c != '/' {
			return false
		}
	}
	return true
}

// reserveSigningHeaders gives the headers the signer sets a place in r.values, so that
// signing stores them without allocating (it appends to what is there).
func (r *Request) reserveSigningHeaders(sessionToken bool) {
	for _, k := range [...]string{"X-Amz-Date", "Authorization"} {
		if _, ok := r.Header[k]; !ok {
			r.Header[k] = r.slot()
		}
	}
	if _, ok := r.Header["X-Amz-Security-Token"]; sessionToken && !ok {
		r.Header["X-Amz-Security-Token"] = r.slot()
	}
}

// detach returns a copy of r for another attempt, after a send that failed: the
// transport may still read the old request, which is no longer reused.
func (r *Request) detach() *Request {
	n := newRequest()
	n.Method, n.Path, n.Query, n.Body, n.BodyReader = r.Method, r.Path, r.Query, r.Body, r.BodyReader
	n.HostPrefix, n.sent, n.url = r.HostPrefix, r.sent, r.url
	n.length, n.payloadHash, n.wire, n.copySmall = r.length, r.payloadHash, r.wire, r.copySmall
	n.Header = r.Header.Clone()
	n.nvalues = len(n.values) // the cloned values live elsewhere
	return n
}

// TrimPrefixes returns s without the first of prefixes it starts with (a
// customization: Route 53 takes "/hostedzone/Z1" as "Z1").
func TrimPrefixes(s string, prefixes ...string) string {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return s[len(p):]
		}
	}
	return s
}

// SigningBody is a request body that signs what it sends after the request is signed:
// an input event stream, each event signed with a signature chained from the request's
// (package eventstream). The client gives it the request's credentials, signing name,
// region and Authorization header, and closes it with the request.
type SigningBody interface {
	io.ReadCloser
	SignedWith(creds aws.Credentials, signingName, region, authorization string)
}

// SetPayloadHash sets the payload hash the signature covers for a streaming body
// (BodyReader), as X-Amz-Content-Sha256 says it: STREAMING-AWS4-HMAC-SHA256-EVENTS
// for an input event stream.
func (r *Request) SetPayloadHash(h string) { r.payloadHash = h }
