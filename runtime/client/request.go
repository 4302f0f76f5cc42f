package client

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/svcgen/svcgen/runtime/jsonwire"
)

// Request is what a generated serializer fills: the parts of the HTTP request that
// depend on the input. Path and Query hold escaped text.
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
	json       jsonwire.Writer
	// bodies are the readers handed to the transport; one it has not closed may still
	// be read, so the buffer under it is not reused.
	bodies []*trackedBody
}

// trackedBody is a request body that records that the transport closed it.
type trackedBody struct {
	bytes.Reader
	closed atomic.Bool
}

func (b *trackedBody) Close() error {
	b.closed.Store(true)
	return nil
}

// JSON returns the request's JSON writer, empty; its buffer is reused across calls.
func (r *Request) JSON() *jsonwire.Writer {
	r.json.Reset()
	return &r.json
}

func (r *Request) reset() {
	for _, b := range r.bodies {
		if !b.closed.Load() {
			r.json = jsonwire.Writer{} // the transport may still read the old buffer
		}
	}
	clear(r.bodies)
	r.bodies = r.bodies[:0]
	r.Method, r.HostPrefix, r.sent = "", "", false
	r.Path, r.Query, r.Body, r.BodyReader = r.Path[:0], r.Query[:0], nil, nil
	clear(r.Header)
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

// SetHeader sets a header, keeping the name as the model writes it.
func (r *Request) SetHeader(name, value string) { r.Header[name] = []string{value} }

// AddHeader adds a value to a header.
func (r *Request) AddHeader(name, value string) { r.Header[name] = append(r.Header[name], value) }

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

// url joins the endpoint with the request's host prefix, path and query.
func (r *Request) url(endpoint string) (*url.URL, error) {
	u, err := url.Parse(endpoint)
	if err != nil {
		return nil, err
	}
	if r.HostPrefix != "" {
		u.Host = r.HostPrefix + u.Host
	}
	base := strings.TrimSuffix(u.EscapedPath(), "/")
	path := base + string(r.Path)
	if path == "" {
		path = "/"
	}
	u.RawPath = path
	u.Path, err = url.PathUnescape(path)
	if err != nil {
		return nil, err
	}
	if len(r.Query) > 0 {
		if u.RawQuery != "" {
			u.RawQuery += "&"
		}
		u.RawQuery += string(r.Query)
	}
	return u, nil
}

// rewindable reports whether the request can be sent again.
func (r *Request) rewindable() bool { return r.BodyReader == nil || !r.sent }

// httpRequest makes one attempt's *http.Request; the body is a fresh reader over the
// same bytes each time, so a retry resends it whole.
func (r *Request) httpRequest(ctx context.Context, u *url.URL) (*http.Request, error) {
	req := &http.Request{
		Method:     r.Method,
		URL:        u,
		Proto:      "HTTP/1.1",
		ProtoMajor: 1,
		ProtoMinor: 1,
		Header:     make(http.Header, len(r.Header)+4),
		Host:       u.Host,
	}
	req = req.WithContext(ctx)
	for k, v := range r.Header {
		req.Header[k] = v
	}
	switch {
	case r.BodyReader != nil:
		req.Body = io.NopCloser(r.BodyReader)
		req.ContentLength = -1
		if n, ok := r.BodyReader.(interface{ Len() int }); ok {
			req.ContentLength = int64(n.Len())
		}
		r.sent = true
	case r.Body != nil:
		body := r.Body
		tb := &trackedBody{}
		tb.Reset(body)
		r.bodies = append(r.bodies, tb)
		req.Body = tb
		req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
		req.ContentLength = int64(len(body))
		req.Header["Content-Length"] = []string{strconv.Itoa(len(body))}
	default:
		req.Body = http.NoBody
	}
	return req, nil
}
