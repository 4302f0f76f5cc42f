// Package server is the runtime of generated server stubs: routing on net/http's
// ServeMux, body limits, authentication, panic recovery, and the mapping of errors to
// responses (modeled errors with their status, validation failures as one 400, malformed
// input as 400 SerializationException, anything else as a 500 that reveals nothing).
package server

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"path"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/aws/smithy-go"
	"github.com/svcgen/svcgen/runtime/cborwire"
	"github.com/svcgen/svcgen/runtime/jsonwire"
	"github.com/svcgen/svcgen/runtime/querywire"
	"github.com/svcgen/svcgen/runtime/validate"
	"github.com/svcgen/svcgen/runtime/xmlwire"
)

// DefaultBodyLimit is the largest request body read unless WithBodyLimit says otherwise.
const DefaultBodyLimit = 10 << 20

// Option configures a handler.
type Option func(*config)

type config struct {
	middleware     []func(http.Handler) http.Handler
	errorHook      func(ctx context.Context, operation string, err error)
	logger         *slog.Logger
	bodyLimit      int64
	auth           func(*http.Request) error
	validationCode string
}

// WithMiddleware wraps the handler (the first given is the outermost).
func WithMiddleware(mw ...func(http.Handler) http.Handler) Option {
	return func(c *config) { c.middleware = append(c.middleware, mw...) }
}

// WithErrorHook is called with every error a call ends with (the service's, a
// validation failure, malformed input, a recovered panic).
func WithErrorHook(hook func(ctx context.Context, operation string, err error)) Option {
	return func(c *config) { c.errorHook = hook }
}

// WithLogger logs recovered panics and internal errors (default slog.Default()).
func WithLogger(l *slog.Logger) Option { return func(c *config) { c.logger = l } }

// WithBodyLimit sets the largest request body accepted; a larger one gets 413.
func WithBodyLimit(n int64) Option { return func(c *config) { c.bodyLimit = n } }

// WithAuth checks every request before it is decoded; an error answers 403
// AccessDeniedException (or the status of an error that has HTTPStatusCode).
func WithAuth(check func(*http.Request) error) Option { return func(c *config) { c.auth = check } }

// WithValidationErrorCode sets the code of validation failures (default
// ValidationException).
func WithValidationErrorCode(code string) Option { return func(c *config) { c.validationCode = code } }

// ErrorEncoder writes a modeled error of the service and reports whether err was one.
type ErrorEncoder func(c *Call, err error) bool

// Router routes requests to operations.
type Router struct {
	mux         *http.ServeMux
	cfg         config
	encodeError ErrorEncoder
	handler     http.Handler
	routes      map[string][]route // by ServeMux pattern
	targets     map[string]*route  // awsJson operations by X-Amz-Target
	contentType string             // of JSON responses
	// requestIDHeaders writes the request id into responses (nil: X-Amzn-RequestId)
	requestIDHeaders RequestIDHeaders
	actions          map[string]*route // awsQuery operations by Action
	xmlErrors        XMLErrors         // the form of error responses
	cbor             bool              // bodies are CBOR: Smithy RPC v2 CBOR (SetCBOR)
	// s3Addressing: buckets are addressed as S3 does (SetS3Addressing)
	s3Addressing bool
}

type route struct {
	operation string
	query     []QueryMatch
	serve     func(*Call) error
	// stream: the body is not read before serve; the operation reads BodyReader
	stream bool
}

// targetPattern is the one ServeMux pattern of an awsJson service: every operation
// is a POST, told apart by its X-Amz-Target header.
const targetPattern = "POST /"

// QueryMatch is a literal query parameter that a requestUri requires ("?uploads",
// "?x-id=GetObject"): operations sharing a path are told apart by them.
//
// With Header set, Key is instead a header the request must have: a required member
// bound to it tells apart operations that share a path and query (S3's CopyObject,
// which requires X-Amz-Copy-Source, and PutObject).
type QueryMatch struct {
	Key, Value string
	AnyValue   bool
	Header     bool
}

// NewRouter makes a router; generated NewHandler functions add one route per operation.
func NewRouter(encodeError ErrorEncoder, opts ...Option) *Router {
	rt := &Router{mux: http.NewServeMux(), encodeError: encodeError, routes: map[string][]route{}, contentType: "application/json"}
	rt.cfg = config{bodyLimit: DefaultBodyLimit, logger: slog.Default(), validationCode: "ValidationException"}
	for _, o := range opts {
		o(&rt.cfg)
	}
	return rt
}

// Handle routes method and path (a ServeMux pattern path: "/clusters/{name}",
// "/objects/{Key...}") with the required literal query parameters to an operation.
func (rt *Router) Handle(method, path string, query []QueryMatch, operation string, serve func(*Call) error) {
	rt.handle(method, path, route{operation: operation, query: query, serve: serve})
}

// HandleStream is Handle for an operation whose input payload is a stream (S3's
// PutObject body): the body is not read before serve, which reads BodyReader as the
// body arrives, so a body of any size passes without being held. The body limit
// still holds.
func (rt *Router) HandleStream(method, path string, query []QueryMatch, operation string, serve func(*Call) error) {
	rt.handle(method, path, route{operation: operation, query: query, serve: serve, stream: true})
}

func (rt *Router) handle(method, path string, rte route) {
	pattern := method + " " + path
	operation := rte.operation
	list, exists := rt.routes[pattern]
	rt.routes[pattern] = append(list, rte)
	if exists {
		return
	}
	func() {
		// ServeMux refuses patterns that conflict with one already registered; such an
		// operation is reachable through neither, which NewHandler's callers see as 404
		// rather than a panic.
		defer func() {
			if p := recover(); p != nil {
				rt.cfg.logger.Error("svcgen server: route not registered", "pattern", pattern, "operation", operation, "reason", fmt.Sprint(p))
			}
		}()
		rt.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) { rt.dispatch(w, r, pattern) })
	}()
}

// HandleTarget routes the POST requests whose X-Amz-Target header is target
// ("DynamoDB_20120810.GetItem") to an operation: the awsJson protocols.
func (rt *Router) HandleTarget(target, operation string, serve func(*Call) error) {
	if rt.targets == nil {
		rt.targets = map[string]*route{}
		rt.mux.HandleFunc(targetPattern, func(w http.ResponseWriter, r *http.Request) { rt.dispatch(w, r, targetPattern) })
	}
	rt.targets[target] = &route{operation: operation, serve: serve}
}

// SetContentType sets the Content-Type of the router's JSON responses, errors
// included ("application/x-amz-json-1.1" for awsJson 1.1); "application/json" by
// default.
func (rt *Router) SetContentType(ct string) { rt.contentType = ct }

// Handler returns the http.Handler with the middleware applied. Every request gets a
// request id first (see RequestID), so the middleware sees it too.
func (rt *Router) Handler() http.Handler {
	var h http.Handler = http.HandlerFunc(rt.serveHTTP)
	for i := len(rt.cfg.middleware) - 1; i >= 0; i-- {
		h = rt.cfg.middleware[i](h)
	}
	return rt.withRequestID(h)
}

// serveHTTP answers unknown paths (404) and wrong methods (405) with JSON errors and
// passes the rest to ServeMux.
func (rt *Router) serveHTTP(w http.ResponseWriter, r *http.Request) {
	if rt.s3Addressing {
		r = s3Path(r)
	}
	if r.Method != http.MethodConnect && !isCleanPath(r.URL.EscapedPath()) {
		// ServeMux would answer a 301 to the cleaned path, with an HTML body: a path with
		// "..", "." or "//" names no operation of a rest API.
		(&Call{w: w, r: r, xmlErrors: rt.xmlErrors, cbor: rt.cbor}).writeError(http.StatusNotFound, "UnknownOperationException", "no operation serves "+r.Method+" "+r.URL.Path)
		return
	}
	h, pattern := rt.mux.Handler(r)
	if pattern == "" {
		rec := &statusRecorder{header: http.Header{}}
		h.ServeHTTP(rec, r)
		c := &Call{w: w, r: r, xmlErrors: rt.xmlErrors, cbor: rt.cbor}
		switch rec.status {
		case http.StatusMethodNotAllowed:
			if allow := rec.header.Get("Allow"); allow != "" {
				w.Header().Set("Allow", allow)
			}
			c.writeError(http.StatusMethodNotAllowed, "MethodNotAllowedException", "method "+r.Method+" is not allowed on "+r.URL.Path)
		default:
			c.writeError(http.StatusNotFound, "UnknownOperationException", "no operation serves "+r.Method+" "+r.URL.Path)
		}
		return
	}
	rt.mux.ServeHTTP(w, r)
}

// isCleanPath reports whether ServeMux would serve p as it is rather than redirect to
// its cleaned form.
func isCleanPath(p string) bool {
	if p == "" || p[0] != '/' {
		return false
	}
	clean := path.Clean(p)
	if p[len(p)-1] == '/' && clean != "/" {
		clean += "/"
	}
	return clean == p
}

type statusRecorder struct {
	header http.Header
	status int
}

func (s *statusRecorder) Header() http.Header         { return s.header }
func (s *statusRecorder) Write(b []byte) (int, error) { return len(b), nil }
func (s *statusRecorder) WriteHeader(code int)        { s.status = code }

func queryMatches(r *http.Request, q url.Values, m []QueryMatch) bool {
	for _, x := range m {
		if x.Header {
			if r.Header.Get(x.Key) == "" {
				return false
			}
			continue
		}
		v, ok := q[x.Key]
		if !ok || !x.AnyValue && (len(v) == 0 || v[0] != x.Value) {
			return false
		}
	}
	return true
}

var callPool = sync.Pool{New: func() any { return &Call{header: http.Header{}} }}

// dispatch runs one request: authentication, body, the operation, the response.
func (rt *Router) dispatch(w http.ResponseWriter, r *http.Request, pattern string) {
	var rte *route
	switch routes := rt.routes[pattern]; {
	case pattern == actionPattern && rt.actions != nil:
		rte = &route{serve: rt.serveAction} // the operation is known once the form is read
	case pattern == targetPattern && rt.targets != nil:
		target := r.Header.Get("X-Amz-Target")
		if rte = rt.targets[target]; rte == nil {
			(&Call{w: w, r: r, contentType: rt.contentType, xmlErrors: rt.xmlErrors}).writeError(http.StatusBadRequest, "UnknownOperationException", "no operation is named by X-Amz-Target "+strconv.Quote(target))
			return
		}
	case len(routes) > 1 || len(routes[0].query) > 0:
		q := r.URL.Query()
		rte = nil
		// the route requiring the most literal query parameters that match wins
		for i := range routes {
			if queryMatches(r, q, routes[i].query) && (rte == nil || len(routes[i].query) > len(rte.query)) {
				rte = &routes[i]
			}
		}
		if rte == nil {
			(&Call{w: w, r: r, contentType: rt.contentType, xmlErrors: rt.xmlErrors, cbor: rt.cbor}).writeError(http.StatusNotFound, "UnknownOperationException", "no operation serves "+r.Method+" "+r.URL.Path+" with this query")
			return
		}
	default:
		rte = &routes[0]
	}
	c := callPool.Get().(*Call)
	c.reset(w, r, rte.operation, rt)
	defer func() {
		if p := recover(); p != nil {
			if p == http.ErrAbortHandler {
				panic(p) // the service asks net/http to abort the response
			}
			rt.cfg.logger.Error("svcgen server: panic in operation", "request_id", RequestID(r.Context()), "operation", rte.operation, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			if c.started {
				// the response is partly written: nothing can be said any more, and
				// net/http closes the connection when the handler panics
				c.release()
				panic(http.ErrAbortHandler)
			}
			rt.fail(c, &internalError{cause: fmt.Errorf("panic: %v", p)})
		}
		c.release()
		callPool.Put(c)
	}()
	if rt.cfg.auth != nil {
		if err := rt.cfg.auth(r); err != nil {
			rt.hook(c, err)
			c.writeAuthError(err)
			return
		}
	}
	if err := c.checkURL(); err != nil {
		rt.fail(c, err)
		return
	}
	if rte.stream {
		if r.ContentLength > rt.cfg.bodyLimit {
			rt.fail(c, &tooLargeError{limit: rt.cfg.bodyLimit})
			return
		}
		c.bodyReader = http.MaxBytesReader(w, r.Body, rt.cfg.bodyLimit)
	} else if err := c.readBody(rt.cfg.bodyLimit); err != nil {
		rt.fail(c, err)
		return
	}
	if err := rte.serve(c); err != nil {
		rt.fail(c, err)
		return
	}
	c.flush()
}

func (rt *Router) hook(c *Call, err error) {
	if rt.cfg.errorHook == nil {
		return
	}
	defer func() {
		// a hook that panics must not take down the answer to the request
		if p := recover(); p != nil {
			rt.cfg.logger.Error("svcgen server: panic in the error hook", "request_id", c.RequestID(), "operation", c.operation, "panic", fmt.Sprint(p))
		}
	}()
	rt.cfg.errorHook(c.r.Context(), c.operation, err)
}

// fail writes the response for an error a call ended with.
func (rt *Router) fail(c *Call, err error) {
	if c.mediaErr != nil {
		// the body was not decoded: whatever decoding reported stems from that
		err = c.mediaErr
	}
	rt.hook(c, err)
	c.resetOutput()
	var ve *validate.Error
	var me *MalformedError
	var te *tooLargeError
	var ie *internalError
	var re *readError
	var ue *UnsupportedMediaTypeError
	var qe *requestError
	var se *ServiceError
	switch {
	case errors.As(err, &ue):
		writeUnsupportedMediaType(c, ue)
	case errors.As(err, &qe):
		c.writeError(qe.status, qe.code, qe.message)
	case errors.As(err, &te):
		c.writeError(http.StatusRequestEntityTooLarge, "RequestEntityTooLargeException", te.Error())
	case errors.As(err, &re):
		if re.timeout {
			c.writeError(http.StatusRequestTimeout, "RequestTimeoutException", "the request body was not received in time")
		} else {
			c.writeError(http.StatusBadRequest, "SerializationException", "the request body could not be read")
		}
	case errors.As(err, &me):
		c.writeError(http.StatusBadRequest, "SerializationException", me.Error())
	case errors.As(err, &ve):
		c.writeValidation(rt.cfg.validationCode, ve)
	case errors.As(err, &ie):
		c.writeError(http.StatusInternalServerError, "InternalFailure", "the server failed to handle the request")
	case rt.encodeError != nil && rt.encodeError(c, err):
		c.flush()
	case errors.As(err, &se):
		c.writeError(se.Status, se.Code, se.Message)
	default:
		var ni *NotImplemented
		if errors.As(err, &ni) {
			c.writeError(ni.HTTPStatusCode(), ni.ErrorCode(), ni.Error())
			return
		}
		rt.cfg.logger.Error("svcgen server: operation failed", "request_id", c.RequestID(), "operation", c.operation, "error", err)
		c.writeError(http.StatusInternalServerError, "InternalFailure", "the server failed to handle the request")
	}
}

// MalformedError reports a request the server could not decode: bad JSON, a wrong
// JSON type, a number out of range, a bad timestamp, base64, label or query value.
type MalformedError struct{ Err error }

func (e *MalformedError) Error() string { return "malformed request: " + e.Err.Error() }
func (e *MalformedError) Unwrap() error { return e.Err }

// Malformed marks a decoding error.
func Malformed(err error) error { return &MalformedError{Err: err} }

// ErrRepeatedQuery is the decoding error of a query parameter that binds one value but
// is given more than once (generated decoders return it, and the router answers it as
// malformed input).
func ErrRepeatedQuery(key string) error {
	return fmt.Errorf("query parameter %q is repeated", key)
}

// ErrRepeatedHeader is the decoding error of a header that binds one value but is given
// more than once.
func ErrRepeatedHeader(name string) error {
	return fmt.Errorf("header %q is repeated", name)
}

type tooLargeError struct{ limit int64 }

func (e *tooLargeError) Error() string {
	return fmt.Sprintf("the request body is larger than %d bytes", e.limit)
}

// readError is a failure to read the body (the client went away or was too slow).
type readError struct {
	err     error
	timeout bool
}

func (e *readError) Error() string { return "reading the body: " + e.err.Error() }
func (e *readError) Unwrap() error { return e.err }

type internalError struct{ cause error }

func (e *internalError) Error() string { return "internal failure" }

// NotImplementedCode is the code of the error Unimplemented returns.
const NotImplementedCode = "NotImplementedException"

// ServiceError is an error a service answers that its model does not define, with
// its HTTP status and code: S3's PreconditionFailed (412), NotModified (304),
// InvalidRange (416), BadDigest (400), … A modeled error is answered by its own type.
type ServiceError struct {
	Status        int
	Code, Message string
}

func (e *ServiceError) Error() string        { return e.Code + ": " + e.Message }
func (e *ServiceError) ErrorCode() string    { return e.Code }
func (e *ServiceError) ErrorMessage() string { return e.Message }
func (e *ServiceError) HTTPStatusCode() int  { return e.Status }

// NotImplemented is what an Unimplemented operation returns: a 501 that names the
// operation.
type NotImplemented struct{ Operation string }

func (e *NotImplemented) Error() string       { return "operation " + e.Operation + " is not implemented" }
func (e *NotImplemented) ErrorCode() string   { return NotImplementedCode }
func (e *NotImplemented) HTTPStatusCode() int { return http.StatusNotImplemented }

// ErrNotImplemented returns the error of an operation the service does not implement.
func ErrNotImplemented(operation string) error { return &NotImplemented{Operation: operation} }

// Call is one request being served: generated decoders read it, encoders fill the
// response it buffers.
type Call struct {
	w         http.ResponseWriter
	r         *http.Request
	operation string
	body      []byte
	buf       bytes.Buffer
	query     url.Values
	status    int
	header    http.Header
	json      jsonwire.Writer
	dec       jsonwire.Decoder
	cbor      bool // Smithy RPC v2 CBOR: bodies, errors included, are CBOR
	cborw     cborwire.Writer
	cdec      cborwire.Decoder
	payload   []byte
	stream    io.Reader
	// bodyReader is the request body of a streaming route
	bodyReader io.Reader
	started    bool // the response status was written
	// contentType is that of JSON responses; "" means application/json.
	contentType string
	// errorType is put first in the JSON body as "__type" (awsJson errors).
	errorType string
	xml       xmlwire.Writer     // the XML body (awsQuery, ec2, rest-xml)
	xmlErrors XMLErrors          // the form of error responses
	form      *querywire.Decoder // the form of an awsQuery request

	missing    []string // required members absent outside the body (headers, query)
	strictDone bool     // the body was checked by strictCheck
	strictErr  error    // what strictCheck found
	mediaErr   error    // the body's Content-Type is not the protocol's (Decoder)
	keys       keyScanner
}

func (c *Call) reset(w http.ResponseWriter, r *http.Request, op string, rt *Router) {
	c.w, c.r, c.operation, c.contentType, c.xmlErrors, c.cbor = w, r, op, rt.contentType, rt.xmlErrors, rt.cbor
	c.form = nil
	c.xml.Reset()
	c.cdec.Reset(nil)
	c.cborw.Reset()
	c.status, c.query, c.payload, c.stream, c.errorType = 0, nil, nil, nil, ""
	c.bodyReader = nil
	c.started, c.strictDone, c.strictErr, c.mediaErr = false, false, nil, nil
	c.missing = c.missing[:0]
	c.dec.Reset(nil)
	c.json.Reset()
	c.buf.Reset()
}

func (c *Call) release() {
	c.w, c.r, c.body, c.query, c.stream, c.payload, c.form = nil, nil, nil, nil, nil, nil, nil
	c.bodyReader = nil
	c.dec.Reset(nil)
	c.cdec.Reset(nil)
	clear(c.header)
	if c.buf.Cap() > 1<<20 {
		c.buf = bytes.Buffer{}
	}
}

func (c *Call) resetOutput() {
	c.status, c.payload, c.stream, c.errorType = 0, nil, nil, ""
	clear(c.header)
	c.json.Reset()
	c.xml.Reset()
	c.cborw.Reset()
}

// Request is the HTTP request.
func (c *Call) Request() *http.Request { return c.r }

// Context is the request's context.
func (c *Call) Context() context.Context { return c.r.Context() }

// Body is the request body, read whole.
func (c *Call) Body() []byte { return c.body }

// Decoder returns a JSON decoder over the body. It records the required members that
// the body's objects lack (jsonwire.Decoder.TrackMissing), for CheckInput, and refuses
// a timestamp in another format than the model's (StrictTimes).
//
// A body whose Content-Type is not the router's JSON media type is not read: the
// decoder gets no data (so decoding fails), and CheckInput returns an
// *UnsupportedMediaTypeError, which the router answers 415.
func (c *Call) Decoder() *jsonwire.Decoder {
	c.dec.TrackMissing, c.dec.StrictTimes = true, true
	if c.mediaErr = c.checkMediaType(); c.mediaErr != nil {
		c.dec.Reset(nil)
	} else {
		c.dec.Reset(c.body)
	}
	return &c.dec
}

// Missing records that the input's required member name, bound to a header or the
// query string, or to a body that is empty, is absent.
// name is the model's member name; it is recorded as a path (/name).
func (c *Call) Missing(name string) {
	c.missing = append(c.missing, "/"+validate.PointerToken(name))
}

// CheckInput returns the input's violations: err, what the input's Validate returned
// (every constraint of the model, on the decoded values), with the required members
// the request lacked (which Validate cannot see: a member held by value decodes to
// its zero value, absent or not), as one *validate.Error naming typ; nil when there
// are none.
func (c *Call) CheckInput(typ string, err error) error {
	if c.mediaErr != nil {
		return c.mediaErr
	}
	missing := c.missing
	if body := c.dec.MissingPaths(); len(body) > 0 {
		missing = append(missing, body...)
	}
	if body := c.cdec.MissingPaths(); len(body) > 0 {
		missing = append(missing, body...)
	}
	return validate.Merge(typ, missing, err)
}

// Query returns the parsed query string.
func (c *Call) Query() url.Values {
	if c.query == nil {
		c.query = c.r.URL.Query()
	}
	return c.query
}

// PathValue returns a label's value.
func (c *Call) PathValue(name string) string { return c.r.PathValue(name) }

// Header returns a request header.
func (c *Call) Header(name string) string { return c.r.Header.Get(name) }

// SetStatus sets the response status.
func (c *Call) SetStatus(code int) { c.status = code }

// SetHeader sets a response header.
func (c *Call) SetHeader(name, value string) { c.header.Set(name, value) }

// SetHeaderAsIs sets a response header under the name as given, not canonicalized: a
// map bound to a header prefix (S3's x-amz-meta-*), whose keys a client may read
// case-sensitively (botocore keeps what follows the prefix as it arrives).
func (c *Call) SetHeaderAsIs(name, value string) { c.header[name] = []string{value} }

// JSON returns the writer of the response's JSON body.
func (c *Call) JSON() *jsonwire.Writer { return &c.json }

// SetPayload sets a raw response body (a blob or string payload).
func (c *Call) SetPayload(b []byte) { c.payload = b }

// BodyReader is the request body of a streaming route (HandleStream), read as it
// arrives; an empty reader on other routes, whose body is Body.
func (c *Call) BodyReader() io.Reader {
	if c.bodyReader == nil {
		return http.NoBody
	}
	return c.bodyReader
}

// SetStream sets a streaming response body.
func (c *Call) SetStream(r io.Reader) { c.stream = r }

func (c *Call) readBody(limit int64) error {
	r := c.r
	if r.Body == nil || r.Body == http.NoBody {
		return nil
	}
	if r.ContentLength > limit {
		return &tooLargeError{limit: limit}
	}
	_, err := c.buf.ReadFrom(io.LimitReader(r.Body, limit+1))
	if err != nil {
		var mb *http.MaxBytesError
		if errors.As(err, &mb) { // a middleware's http.MaxBytesReader
			return &tooLargeError{limit: mb.Limit}
		}
		var ne net.Error
		return &readError{err: err, timeout: errors.As(err, &ne) && ne.Timeout() || errors.Is(err, context.DeadlineExceeded)}
	}
	if int64(c.buf.Len()) > limit {
		return &tooLargeError{limit: limit}
	}
	c.body = c.buf.Bytes()
	return nil
}

// flush writes the buffered response.
func (c *Call) flush() {
	h := c.w.Header()
	for k, v := range c.header {
		h[k] = v
	}
	status := c.status
	if status == 0 {
		status = http.StatusOK
	}
	c.started = true
	if c.cbor {
		h.Set(smithyProtocolHeader, rpcV2CBOR)
	}
	switch {
	case c.stream != nil:
		c.w.WriteHeader(status)
		io.Copy(c.w, c.stream)
		if cl, ok := c.stream.(io.Closer); ok {
			cl.Close()
		}
	case c.payload != nil:
		c.w.WriteHeader(status)
		c.w.Write(c.payload)
	case c.cbor && len(c.cborw.Bytes()) > 0:
		c.flushCBOR(status)
	case len(c.xml.Bytes()) > 0:
		if h.Get("Content-Type") == "" {
			h.Set("Content-Type", "text/xml")
		}
		c.w.WriteHeader(status)
		c.w.Write(c.xml.Bytes())
	case len(c.json.Bytes()) > 0:
		if h.Get("Content-Type") == "" {
			h.Set("Content-Type", c.jsonType())
		}
		c.w.WriteHeader(status)
		body := c.json.Bytes()
		if c.errorType != "" && len(body) > 1 && body[0] == '{' {
			// {"__type":"X", then the members the error encoder wrote
			var w jsonwire.Writer
			w.ObjectStart()
			w.Key("__type")
			w.String(c.errorType)
			b := w.Bytes()
			if body[1] != '}' {
				b = append(b, ',')
			}
			body = append(b, body[1:]...)
		}
		c.w.Write(body)
	default:
		c.w.WriteHeader(status)
	}
}

// jsonType is the Content-Type of the call's JSON responses.
func (c *Call) jsonType() string {
	if c.contentType == "" {
		return "application/json"
	}
	return c.contentType
}

// writeError writes an error response with a JSON body {"__type", "message"}.
func (c *Call) writeError(status int, code, message string) {
	if c.cbor {
		c.writeCBORError(status, code, message, nil)
		return
	}
	if c.xmlErrors != JSONErrors {
		c.writeXMLError(status, code, message)
		return
	}
	var w jsonwire.Writer
	w.ObjectStart()
	w.Key("__type")
	w.String(code)
	w.Key("message")
	w.String(message)
	w.ObjectEnd()
	h := c.w.Header()
	h.Set("Content-Type", c.jsonType())
	h.Set("X-Amzn-Errortype", code)
	c.started = true
	c.w.WriteHeader(status)
	c.w.Write(w.Bytes())
}

// writeAuthError answers a request that authentication refused: 403
// AccessDeniedException, or what the error says of itself through the methods of
// modeled errors (HTTPStatusCode from 400 to 499, ErrorCode, ErrorMessage). Nothing else
// of the error is revealed.
func (c *Call) writeAuthError(err error) {
	status, code, msg := http.StatusForbidden, "AccessDeniedException", "the request is not authorized"
	var hs interface{ HTTPStatusCode() int }
	if errors.As(err, &hs) && hs.HTTPStatusCode() >= 400 && hs.HTTPStatusCode() < 500 {
		status = hs.HTTPStatusCode()
	}
	var ec interface{ ErrorCode() string }
	if errors.As(err, &ec) && ec.ErrorCode() != "" {
		code = ec.ErrorCode()
	}
	var em interface{ ErrorMessage() string }
	if errors.As(err, &em) && em.ErrorMessage() != "" {
		msg = em.ErrorMessage()
	}
	c.writeError(status, code, msg)
}

// checkURL refuses a path or query string that no client of the protocol sends: one
// that does not decode to UTF-8 (labels and query values are strings), and a query
// string that does not parse (which url.Values would drop silently).
func (c *Call) checkURL() error {
	if !utf8.ValidString(c.r.URL.Path) {
		return Malformed(errors.New("the path is not valid UTF-8 once percent-decoded"))
	}
	q, err := url.ParseQuery(c.r.URL.RawQuery)
	if err != nil {
		return Malformed(errors.New("the query string is not valid"))
	}
	for k, vs := range q {
		if !utf8.ValidString(k) {
			return Malformed(errors.New("a query parameter name is not valid UTF-8 once percent-decoded"))
		}
		for _, v := range vs {
			if !utf8.ValidString(v) {
				return Malformed(fmt.Errorf("query parameter %q is not valid UTF-8 once percent-decoded", k))
			}
		}
	}
	c.query = q
	return nil
}

// validationMessage is the message of a validation error: every violation, counted.
func validationMessage(ve *validate.Error) string {
	msgs := make([]string, len(ve.Violations))
	for i, v := range ve.Violations {
		msgs[i] = v.String()
	}
	return fmt.Sprintf("%d validation error(s) detected: %s", len(ve.Violations), strings.Join(msgs, "; "))
}

// writeValidation writes one 400 listing every violation with its path.
func (c *Call) writeValidation(code string, ve *validate.Error) {
	if c.cbor {
		c.writeCBORError(http.StatusBadRequest, code, validationMessage(ve), ve)
		return
	}
	if c.xmlErrors != JSONErrors {
		c.writeXMLError(http.StatusBadRequest, code, validationMessage(ve))
		return
	}
	var w jsonwire.Writer
	writeErrorBody(&w, code, validationMessage(ve), ve)
	h := c.w.Header()
	h.Set("Content-Type", c.jsonType())
	h.Set("X-Amzn-Errortype", code)
	c.started = true
	c.w.WriteHeader(http.StatusBadRequest)
	c.w.Write(w.Bytes())
}

// WriteAWSJSONError starts the response of a modeled error of an awsJson service: as
// WriteModeledError, and the body carries typ (the error's shape name) as "__type",
// where awsJson clients read the code. A query code (awsQueryCompatible services)
// goes in the x-amzn-query-error header with the fault: "Code;Sender".
func (c *Call) WriteAWSJSONError(status int, typ, queryCode string, fault smithy.ErrorFault) {
	c.WriteModeledError(status, typ)
	c.errorType = typ
	if queryCode != "" {
		side := "Sender"
		if fault == smithy.FaultServer {
			side = "Receiver"
		}
		c.header.Set("X-Amzn-Query-Error", queryCode+";"+side)
	}
}

// WriteModeledError starts the response of a modeled error: status and error type; the
// caller writes the members into JSON() and the router flushes.
func (c *Call) WriteModeledError(status int, code string) {
	c.status = status
	c.header.Set("X-Amzn-Errortype", code)
	c.json.Reset()
}

// bodyWriter is what the JSON and CBOR writers both have.
type bodyWriter interface {
	ObjectStart()
	ObjectEnd()
	ArrayStart()
	ArrayEnd()
	Key(string)
	String(string)
}

// writeErrorBody writes an error body, {"__type", "message"}, and with ve a
// "fieldList" of its violations, each {"path", "message"}.
func writeErrorBody(w bodyWriter, code, message string, ve *validate.Error) {
	w.ObjectStart()
	w.Key("__type")
	w.String(code)
	w.Key("message")
	w.String(message)
	if ve != nil {
		w.Key("fieldList")
		w.ArrayStart()
		for _, v := range ve.Violations {
			w.ObjectStart()
			w.Key("path")
			w.String(v.Path)
			w.Key("message")
			w.String(v.Message)
			w.ObjectEnd()
		}
		w.ArrayEnd()
	}
	w.ObjectEnd()
}
