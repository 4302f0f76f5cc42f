// Package client is the runtime that generated clients call: it builds the HTTP
// request a generated serializer describes, signs it with SigV4 (package sigv4),
// sends it with retries, and turns error responses into typed or generic API errors.
//
// Everything a generated client does per call lives here once, so generated code stays
// small: per operation it holds only a serializer, a deserializer and an error decoder.
//
// A call that gets an error response returns, as aws-sdk-go-v2's do,
//
//	*smithy.OperationError -> *ResponseError{StatusCode, RequestID, HostID} -> *types.X or *APIError
//
// The ResponseError holds what came back: the HTTP status (its HTTPStatusCode), the
// request ID (x-amzn-RequestId, x-amz-request-id, or the RequestId of an XML error
// body) and S3's host ID (x-amz-id-2). It wraps the operation's modeled error when the
// response names one (by its code, its shape name, or for a response without a code
// the one error its operation models for the status), else an *APIError. errors.As
// finds either through it, and finds aws-sdk-go-v2's *awshttp.ResponseError too.
//
// Bytes arrive and leave intact: every request sends Accept-Encoding: identity (as
// boto3 does), so a response body is what the service sent (a gzip object stays
// gzip); a streaming body goes with its Content-Length (the modeled length, or what
// the reader knows), never chunked where the service needs the length; flexible
// checksums (the httpChecksum trait, see HTTPChecksum and package checksum) are sent
// and, when asked for, checked; DynamoDB's x-amz-crc32 is checked on every response.
// An operation that has only httpChecksumRequired (no httpChecksum) gets a Content-MD5,
// as the protocol tests expect; one with httpChecksum gets a CRC32 by default, as
// current SDKs send and S3 takes (moto too).
package client

import (
	"context"
	"crypto/md5"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
	"unsafe"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/svcgen/svcgen/runtime/sigv4"
)

// HTTPClient sends HTTP requests; *http.Client is one.
type HTTPClient interface {
	Do(*http.Request) (*http.Response, error)
}

// Config is what a call needs from the generated client's Options.
type Config struct {
	ServiceID   string // for errors: "EKS"
	SigningName string
	Region      string
	// Endpoint is the base URL: scheme, host and an optional path prefix.
	Endpoint    string
	Credentials aws.CredentialsProvider // nil: requests are not signed
	HTTPClient  HTTPClient
	// RetryMaxAttempts is the number of attempts, the first included (default 3).
	RetryMaxAttempts int
	// RetryMaxBackoff caps the wait between attempts (default 20 s).
	RetryMaxBackoff time.Duration
	// Sleep waits between attempts; nil: a timer that ends early when ctx is done.
	Sleep func(ctx context.Context, d time.Duration) error
	// Now is the signing clock; nil: time.Now.
	Now func() time.Time
	// Signer signs the requests (NewSigner); nil makes a new one per call.
	Signer *sigv4.Signer
	// EndpointHeaders are headers the endpoint rules add to every request.
	EndpointHeaders map[string][]string
	// ReadError finds an error response's code and message: ReadErrorInfo for the
	// JSON protocols, ReadXMLErrorInfo for the XML ones, ReadCBORErrorInfo for RPC v2
	// CBOR. Nil reads nothing from the body: the error is named for its status. (A
	// program links only the readers its clients name.)
	ReadError func(header http.Header, body []byte) ErrorInfo
	// ContentSHA256 sends the payload hash the signature covers in the
	// X-Amz-Content-Sha256 header, as S3 requires.
	ContentSHA256 bool
	// DisableDoubleEncoding signs the path as it is sent, not encoded once more (the
	// endpoint's sigv4 auth scheme asks for it: S3).
	DisableDoubleEncoding bool
	// State is what the client keeps across calls (retry quota, clock offset,
	// discovered endpoints); nil keeps nothing. Copies of a Config share it.
	State *State
	// UserAgent is the User-Agent header (UserAgent builds it); empty sends svcgen's.
	UserAgent string
	// Headers are set on every request: headers the service's customizations add
	// (Glacier's API version, API Gateway's Accept).
	Headers []Header
	// DisableRequestCompression sends the bodies of operations with the
	// requestcompression trait as they are.
	DisableRequestCompression bool
	// RequestMinCompressSizeBytes is the smallest body that is compressed (0:
	// DefaultRequestMinCompressSize; at most 10485760).
	RequestMinCompressSizeBytes int64
	// EndpointDiscovery says which operations with endpoint discovery use it (see
	// DiscoverEndpoint); CustomEndpoint says that Endpoint is the user's BaseEndpoint.
	EndpointDiscovery aws.EndpointDiscoveryEnableState
	CustomEndpoint    bool
	// IdempotencyTokenProvider makes the idempotency tokens the caller leaves empty;
	// nil makes random (version 4) UUIDs.
	IdempotencyTokenProvider IdempotencyTokenProvider
	// Logger receives the log lines LogMode asks for (see logging.go: secrets are
	// redacted); nil logs nothing.
	Logger Logger
	// LogMode selects what is logged: aws.LogRequest, LogRequestWithBody,
	// LogResponse, LogResponseWithBody, LogRetries, LogSigning; 0 logs nothing.
	LogMode aws.ClientLogMode
	// Hooks run on every attempt (see Hooks).
	Hooks Hooks
	// Params are the built-in endpoint parameters the endpoint was resolved with.
	Params          EndpointParams
	baseSigningName string
	// endpointURL is Endpoint parsed, when endpointOf equals Endpoint.
	endpointURL *url.URL
	endpointOf  string
}

// setEndpoint sets the endpoint URL and parses it once for every call.
func (cfg *Config) setEndpoint(endpoint string) {
	cfg.Endpoint = endpoint
	cfg.endpointURL, cfg.endpointOf = nil, ""
	if u, err := url.Parse(endpoint); err == nil {
		cfg.endpointURL, cfg.endpointOf = u, endpoint
	}
}

// parsedEndpoint returns Endpoint parsed: the copy setEndpoint made, unless Endpoint
// was changed since.
func (cfg *Config) parsedEndpoint() (*url.URL, error) {
	if cfg.endpointURL != nil && cfg.endpointOf == cfg.Endpoint {
		return cfg.endpointURL, nil
	}
	return url.Parse(cfg.Endpoint)
}

// Operation describes one operation for the runtime.
type Operation struct {
	Name string
	// Unsigned operations are sent without a signature.
	Unsigned bool
	// StreamingOutput leaves the response body open for the deserializer.
	StreamingOutput bool
	// ChecksumRequired (httpChecksumRequired) sends a Content-MD5 of the body, unless
	// the operation has Checksum.
	ChecksumRequired bool
	// StatusErrors maps an HTTP status to the code of the operation's one modeled
	// error with that status: an error response that carries no code (a HEAD
	// request's has no body) is that error.
	StatusErrors map[int]string
	// Checksum is the operation's httpChecksum trait (flexible checksums): an
	// *HTTPChecksum; nil when it has none.
	Checksum ChecksumTrait
	// RequiresLength refuses a streaming body of unknown length rather than sending
	// it chunked: the service needs Content-Length (S3).
	RequiresLength bool
	// Compress is the requestcompression trait (with gzip among its encodings):
	// GzipRequest, which gzips a body of at least Config.RequestMinCompressSizeBytes;
	// nil when the operation has none. A function value, so that a program links
	// compress/flate only when it calls an operation that has the trait.
	Compress func(cfg *Config, r *Request) error
	// Sensitive says that the input or output holds a sensitive member: its bodies
	// are never logged.
	Sensitive bool
	// SensitiveHeaders are the headers bound to sensitive members (request or
	// response), redacted in log lines; a name ending in '*' is a prefix.
	SensitiveHeaders []string
	// SensitiveURL says that a sensitive member is bound to the path or query: log
	// lines show the URL's host only.
	SensitiveURL bool
}

// Header is one request header.
type Header struct{ Name, Value string }

// NewSigner returns a SigV4 signer for one client. It keeps the last derived signing
// key (by secret, day, region and service) and the last formatted signing time, so
// each client has its own.
func NewSigner() *sigv4.Signer { return sigv4.New() }

// transportClient sends a request with one round trip on http.DefaultTransport (read
// at each call, so replacing it takes effect). It is the default HTTPClient: what
// http.Client adds is of no use to a signed AWS request. A signature is valid only
// for the host and path it was made for, so a redirect is returned as the error it
// is rather than followed, and timeouts come from the context.
type transportClient struct{}

func (transportClient) Do(req *http.Request) (*http.Response, error) {
	return http.DefaultTransport.RoundTrip(req)
}

// IdempotencyTokenProvider makes idempotency tokens (aws-sdk-go-v2's
// IdempotencyTokenProvider, as smithy-go's rand.UUIDIdempotencyToken implements it).
type IdempotencyTokenProvider interface {
	GetIdempotencyToken() (string, error)
}

// ErrorDecoder returns the modeled error for a code, filled from the response, or nil
// when the code is not one the operation models.
type ErrorDecoder func(code string, resp *http.Response, body []byte) error

var requestPool = sync.Pool{New: func() any { return newRequest() }}

// codec serializes a call's input and deserializes its output. (The input itself
// travels beside it: escape analysis does not tell a struct's fields apart, and the
// hooks keep the input, which must not make the closures escape.)
type codec struct {
	serialize   func(*Request) error
	deserialize func(resp *http.Response, body []byte) error
}

// signingOptions returns the signer's options for a request: the second URI-encoding
// of the path is off for services that sign the path as sent (S3), and for a path it
// would not change (the signature is the same, without the copy).
func signingOptions(cfg *Config, r *Request) sigv4.Options {
	return sigv4.Options{DisableURIPathEscaping: cfg.DisableDoubleEncoding || pathIsCanonical(r.url.RawPath)}
}

// invoke runs one operation: serialize, then send with retries until a response that
// is not retryable, then deserialize it or decode its error.
// input is the call's input, for hooks.
func invoke(ctx context.Context, cfg *Config, op *Operation, input any, c *codec, decodeError ErrorDecoder) error {
	if cfg.Endpoint == "" {
		return errNoEndpoint
	}
	r := requestPool.Get().(*Request)
	defer func() {
		if r.reset() {
			requestPool.Put(r)
		}
	}()
	r.tokens = cfg.IdempotencyTokenProvider
	if err := c.serialize(r); err != nil {
		return &SerializationError{Err: err}
	}
	if r.BodyReader != nil {
		if err := r.measure(op.RequiresLength); err != nil {
			return &SerializationError{Err: err}
		}
	}
	if op.Compress != nil {
		if err := op.Compress(cfg, r); err != nil {
			return &SerializationError{Err: err}
		}
	}
	base, err := cfg.parsedEndpoint()
	if err != nil {
		return err
	}
	// S3 signs the SHA-256 of a stream it can read twice when the connection does not
	// protect it (plain HTTP), as aws-sdk-go-v2 does; over HTTPS it is UNSIGNED-PAYLOAD.
	wantSHA256 := cfg.ContentSHA256 && r.BodyReader != nil && base.Scheme == "http" && cfg.Credentials != nil && !op.Unsigned
	switch {
	case op.Checksum != nil:
		if err := op.Checksum.requestChecksum(r, wantSHA256); err != nil {
			return &SerializationError{Err: err}
		}
	case op.ChecksumRequired:
		if err := setContentMD5(r); err != nil {
			return &SerializationError{Err: err}
		}
	}
	if wantSHA256 {
		if err := hashSeekable(r); err != nil {
			return &SerializationError{Err: err}
		}
	}
	for k, v := range cfg.EndpointHeaders {
		r.Header[k] = v
	}
	setClientHeaders(cfg, r)
	if err := r.setURL(base); err != nil {
		return err
	}
	var creds aws.Credentials
	sign := cfg.Credentials != nil && !op.Unsigned
	if sign {
		if creds, err = cfg.Credentials.Retrieve(ctx); err != nil {
			return fmt.Errorf("retrieving credentials: %w", err)
		}
		sign = creds.HasKeys() || creds.AccessKeyID != ""
	}
	var payloadHash string
	var signOpts sigv4.Options
	if sign {
		payloadHash = hashPayload(r)
		signOpts = signingOptions(cfg, r)
		if cfg.ContentSHA256 {
			// The header outlives the call: a string of its own.
			r.SetHeader("X-Amz-Content-Sha256", strings.Clone(payloadHash))
		}
	}
	// Every request asks for the bytes as stored (see acceptIdentity), unless the
	// caller set an Accept-Encoding of their own.
	_, ownEncoding := headerValue(r.Header, "Accept-Encoding")
	attempts := cfg.RetryMaxAttempts
	if attempts <= 0 {
		attempts = 3
	}
	httpClient := cfg.HTTPClient
	if httpClient == nil {
		httpClient = transportClient{}
	}
	r.copySmall = sendsWithNetHTTP(httpClient)
	now := time.Now
	if cfg.Now != nil {
		now = cfg.Now
	}
	// cost is what the attempt under way took from the retry quota (0: the first);
	// skew is the clock offset the signature corrects for.
	var cost int64
	skew, skewRetried := cfg.State.clockOffset(), false
	// Hooks and logging cost nothing when there are none.
	var hook *Attempt
	if !cfg.Hooks.empty() {
		hook = &Attempt{CallInfo: CallInfo{Operation: op.Name, Input: input}}
		httpClient = cfg.Hooks.wrapSend(hook, httpClient)
	}
	logging := cfg.Logger != nil && cfg.LogMode != 0
	for attempt := 1; ; attempt++ {
		req := r.httpRequest(ctx)
		if hook != nil {
			hook.Number = attempt
			for _, h := range cfg.Hooks.BeforeSign {
				if err := h(hook, req); err != nil {
					return err
				}
			}
		}
		var signedAt time.Time
		if sign {
			s := cfg.Signer
			if s == nil {
				s = NewSigner()
			}
			r.reserveSigningHeaders(creds.SessionToken != "")
			// Our Accept-Encoding is left out of the signature (proxies may rewrite it).
			if !ownEncoding {
				delete(r.Header, "Accept-Encoding")
			}
			signedAt = now().Add(skew)
			if err := s.SignHTTP(creds, req, payloadHash, cfg.SigningName, cfg.Region, signedAt, signOpts); err != nil {
				return fmt.Errorf("signing: %w", err)
			}
			if sb, ok := r.BodyReader.(SigningBody); ok {
				sb.SignedWith(creds, cfg.SigningName, cfg.Region, req.Header.Get("Authorization"))
			}
			if logging && cfg.logOn(aws.LogSigning) {
				cfg.logSigning(ctx, op, req, signedAt, attempt)
			}
		}
		if !ownEncoding {
			r.Header["Accept-Encoding"] = acceptIdentity
		}
		if logging && cfg.logOn(aws.LogRequest|aws.LogRequestWithBody) {
			cfg.logRequest(ctx, op, r, req, attempt)
		}
		resp, err := httpClient.Do(req)
		if err != nil {
			// The transport may still be writing the failed request (a cancelled
			// one, a dropped connection): r is not reused, and another attempt
			// gets a copy of its own.
			r.kept = true
			if ctx.Err() != nil || attempt >= attempts || !r.rewindable() {
				return &RequestSendError{Err: err}
			}
			var ok bool
			if cost, ok = cfg.State.takeRetry(err); !ok {
				return &RequestSendError{Err: err}
			}
			r = r.detach()
			if werr := backoff(ctx, cfg, op, attempt, err); werr != nil {
				return &RetryCanceledError{Err: werr, Last: &RequestSendError{Err: err}}
			}
			continue
		}
		if resp.StatusCode >= 200 && resp.StatusCode < 300 {
			cfg.State.succeeded(cost)
			if op.StreamingOutput {
				if logging && cfg.logOn(aws.LogResponse|aws.LogResponseWithBody) {
					cfg.logResponse(ctx, op, resp, nil, true, attempt)
				}
				r.kept = true
				if op.Checksum != nil {
					if err := op.Checksum.validateStream(r, resp); err != nil {
						resp.Body.Close()
						return &DeserializationError{Err: err, StatusCode: resp.StatusCode}
					}
				}
				return c.deserialize(resp, nil)
			}
			body, err := readBody(resp)
			if logging && cfg.logOn(aws.LogResponse|aws.LogResponseWithBody) {
				cfg.logResponse(ctx, op, resp, body, false, attempt)
			}
			if err != nil {
				return &DeserializationError{Err: err, StatusCode: resp.StatusCode}
			}
			if err := checkBody(r, op, resp, body); err != nil {
				if retryMismatch(ctx, cfg, op, r, attempt, attempts, err) {
					continue
				}
				return &DeserializationError{Err: err, StatusCode: resp.StatusCode}
			}
			if err := c.deserialize(resp, body); err != nil {
				return &DeserializationError{Err: err, StatusCode: resp.StatusCode}
			}
			return nil
		}
		body, err := readBody(resp)
		if logging && cfg.logOn(aws.LogResponse|aws.LogResponseWithBody) {
			cfg.logResponse(ctx, op, resp, body, false, attempt)
		}
		if err != nil {
			return &DeserializationError{Err: err, StatusCode: resp.StatusCode}
		}
		if err := checkBody(r, op, resp, body); err != nil {
			if retryMismatch(ctx, cfg, op, r, attempt, attempts, err) {
				continue
			}
			return &DeserializationError{Err: err, StatusCode: resp.StatusCode}
		}
		apiErr := responseError(cfg, op, resp, body, decodeError)
		if sign && !skewRetried && r.rewindable() {
			// Signed at a time the service does not accept: sign again, once, with
			// its clock (this attempt is not counted).
			if d, ok := clockSkew(resp, apiErr, signedAt); ok {
				skew, skewRetried = skew+d, true
				cfg.State.setClockOffset(skew)
				if logging && cfg.logOn(aws.LogRetries) {
					cfg.logRetry(ctx, op, attempt, 0, fmt.Errorf("signing again with the service's clock (%v off): %w", d, apiErr))
				}
				attempt--
				continue
			}
		}
		if attempt >= attempts || !Retryable(apiErr) || !r.rewindable() {
			return apiErr
		}
		var ok bool
		if cost, ok = cfg.State.takeRetry(apiErr); !ok {
			return apiErr
		}
		if err := backoff(ctx, cfg, op, attempt, apiErr); err != nil {
			return &RetryCanceledError{Err: err, Last: apiErr}
		}
	}
}

// readBody reads and closes a response body: into a buffer of the announced length
// when there is one, so a body is read with one allocation.
func readBody(resp *http.Response) ([]byte, error) {
	defer resp.Body.Close()
	if resp.ContentLength < 0 || resp.ContentLength >= 1<<20 {
		return io.ReadAll(resp.Body)
	}
	// One byte more than announced, so that the end is seen without growing.
	buf := make([]byte, 0, resp.ContentLength+1)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := resp.Body.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

// setContentMD5 sets the Content-MD5 header to the base64 MD5 of the body, unless the
// caller set one. A streaming body is read for it only when it can seek back.
func setContentMD5(r *Request) error {
	if r.Header.Get("Content-Md5") != "" {
		return nil
	}
	h := md5.New()
	if r.BodyReader != nil {
		s, ok := r.BodyReader.(io.ReadSeeker)
		if !ok {
			return nil // the service checks the payload's integrity by other means
		}
		start, err := s.Seek(0, io.SeekCurrent)
		if err != nil {
			return err
		}
		if _, err := io.Copy(h, s); err != nil {
			return err
		}
		if _, err := s.Seek(start, io.SeekStart); err != nil {
			return err
		}
	} else {
		h.Write(r.Body)
	}
	r.SetHeader("Content-MD5", base64.StdEncoding.EncodeToString(h.Sum(nil)))
	return nil
}

// emptyHash is the SHA-256 of no bytes.
const emptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

// hashPayload returns the payload hash the signature covers. A body's is written in
// r.hashText and shares its memory: it is valid until r is reset, at the end of the
// call (the signer copies it into the canonical request), so that hashing allocates
// nothing; what keeps it longer takes a copy.
func hashPayload(r *Request) string {
	switch {
	case r.BodyReader != nil && r.payloadHash != "":
		return r.payloadHash
	case r.BodyReader != nil:
		return unsignedPayload
	case len(r.Body) == 0:
		return emptyHash
	}
	sum := sha256.Sum256(r.Body)
	hex.Encode(r.hashText[:], sum[:])
	return unsafe.String(&r.hashText[0], len(r.hashText))
}

// SerializationError reports an input that could not be put on the wire.
type SerializationError struct{ Err error }

func (e *SerializationError) Error() string { return "serializing the request: " + e.Err.Error() }
func (e *SerializationError) Unwrap() error { return e.Err }

// DeserializationError reports a response that could not be read.
type DeserializationError struct {
	Err        error
	StatusCode int
}

func (e *DeserializationError) Error() string {
	return fmt.Sprintf("reading the response (HTTP %d): %v", e.StatusCode, e.Err)
}
func (e *DeserializationError) Unwrap() error { return e.Err }

// RequestSendError reports a request that never got a response.
type RequestSendError struct{ Err error }

func (e *RequestSendError) Error() string { return "sending the request: " + e.Err.Error() }
func (e *RequestSendError) Unwrap() error { return e.Err }

// RetryCanceledError reports a call whose context ended while it waited to retry. It
// unwraps to both the context's error (errors.Is(err, context.Canceled)) and the last
// attempt's error (errors.As(err, &apiErr)).
type RetryCanceledError struct {
	Err  error // the context's error
	Last error // what the last attempt returned
}

func (e *RetryCanceledError) Error() string {
	return "waiting to retry: " + e.Err.Error() + "; the last attempt failed: " + e.Last.Error()
}
func (e *RetryCanceledError) Unwrap() []error { return []error{e.Err, e.Last} }

// trimCode strips a namespace prefix ("aws.protocoltests.restjson#FooError") and
// anything after ':' ("FooError:http://internal.amazon.com/...") from an error code.
func trimCode(code string) string {
	if i := strings.IndexByte(code, ':'); i >= 0 {
		code = code[:i]
	}
	if i := strings.LastIndexByte(code, '#'); i >= 0 {
		code = code[i+1:]
	}
	return strings.TrimSpace(code)
}

// setClientHeaders sets the headers every request of the client carries: the
// User-Agent and the service's own (Config.Headers), in pooled header slots.
func setClientHeaders(cfg *Config, r *Request) {
	ua := cfg.UserAgent
	if ua == "" {
		ua = defaultUserAgent
	}
	r.SetHeader("User-Agent", ua)
	for _, h := range cfg.Headers {
		r.SetHeader(h.Name, h.Value)
	}
}
