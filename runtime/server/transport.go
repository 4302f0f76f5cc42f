package server

import (
	"bytes"
	"io"
	"net/http"
	"strconv"
)

// Transport is an HTTP client (aws.HTTPClient: a Do method) that serves each request
// with a handler in the same process, without a socket: a generated client given
// NewTransport(NewHandler(svc)) as its HTTPClient calls svc through the real
// serializers, the server's decoding and validation, and the typed errors, as it
// would over the network.
//
// The host, scheme and port of the request do not matter. The response body is
// buffered whole.
type Transport struct {
	h http.Handler
}

// NewTransport returns a Transport serving requests with h (a generated NewHandler's
// handler, or any http.Handler).
func NewTransport(h http.Handler) *Transport { return &Transport{h: h} }

// Do serves req with the handler and returns its response. It fails only when req's
// context is done before the handler returns.
func (t *Transport) Do(req *http.Request) (*http.Response, error) {
	return t.RoundTrip(req)
}

// RoundTrip is Do, so that a Transport can also be an http.Client's Transport.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// the server's view of the request: what net/http's server fills in
	in := req.Clone(ctx)
	if in.Body == nil {
		in.Body = http.NoBody
	}
	if in.Host == "" {
		in.Host = req.URL.Host
	}
	in.RequestURI = req.URL.RequestURI()
	in.RemoteAddr = "pipe"
	if in.Proto == "" {
		in.Proto, in.ProtoMajor, in.ProtoMinor = "HTTP/1.1", 1, 1
	}
	rec := &recorder{header: http.Header{}}
	t.h.ServeHTTP(rec, in)
	if req.Body != nil {
		req.Body.Close()
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if rec.status == 0 {
		rec.WriteHeader(http.StatusOK)
	}
	return &http.Response{
		Status:        strconv.Itoa(rec.status) + " " + http.StatusText(rec.status), // "200 OK", as net/http's client has it
		StatusCode:    rec.status,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        rec.sent,
		Body:          io.NopCloser(bytes.NewReader(rec.body.Bytes())),
		ContentLength: int64(rec.body.Len()),
		Request:       req,
	}, nil
}

// recorder is the ResponseWriter of a Transport: it keeps the status, the headers as
// they were when the status was written, and the body.
type recorder struct {
	header http.Header
	sent   http.Header
	status int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) WriteHeader(code int) {
	if r.status != 0 {
		return
	}
	r.status = code
	r.sent = r.header.Clone() // later changes to Header() are not sent, as over HTTP
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.WriteHeader(http.StatusOK)
	}
	return r.body.Write(b)
}
