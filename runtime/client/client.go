// Package client is the runtime that generated clients call: it builds the HTTP
// request a generated serializer describes, signs it with SigV4 (aws-sdk-go-v2's signer),
// sends it with retries, and turns error responses into typed or generic API errors.
//
// Everything a generated client does per call lives here once, so generated code stays
// small: per operation it holds only a serializer, a deserializer and an error decoder.
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

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
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
	Signer *v4.Signer
	// EndpointHeaders are headers the endpoint rules add to every request.
	EndpointHeaders map[string][]string
	// ReadError finds an error response's code and message; nil reads JSON
	// (ReadErrorInfo). awsQuery clients set ReadXMLErrorInfo.
	ReadError func(header http.Header, body []byte) ErrorInfo
	// ContentSHA256 sends the payload hash the signature covers in the
	// X-Amz-Content-Sha256 header, as S3 requires.
	ContentSHA256 bool
	// DisableDoubleEncoding signs the path as it is sent, not encoded once more (the
	// endpoint's sigv4 auth scheme asks for it: S3).
	DisableDoubleEncoding bool
	// IdempotencyTokenProvider makes the idempotency tokens the caller leaves empty;
	// nil makes random (version 4) UUIDs.
	IdempotencyTokenProvider IdempotencyTokenProvider
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
	// ChecksumRequired (httpChecksumRequired) sends a Content-MD5 of the body.
	ChecksumRequired bool
}

// NewSigner returns a SigV4 signer for one client. Each client has its own: the
// signer caches derived keys by access key ID and day, not by secret, so clients with
// the same key ID and different secrets must not share one.
func NewSigner() *v4.Signer { return v4.NewSigner() }

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

// codec serializes a call's input and deserializes its output.
type codec interface {
	Serialize(*Request) error
	Deserialize(resp *http.Response, body []byte) error
}

// signerOptions turns off the signer's second URI-encoding of the path: for a path it
// would not change (the signature is the same, without the copy), and for services
// that sign the path as sent (S3).
var signerOptions = []func(*v4.SignerOptions){func(o *v4.SignerOptions) { o.DisableURIPathEscaping = true }}

// invoke runs one operation: serialize, then send with retries until a response that
// is not retryable, then deserialize it or decode its error. It is generic in the
// codec so that the call's arguments are not boxed.
func invoke[C codec](ctx context.Context, cfg *Config, op *Operation, c C, decodeError ErrorDecoder) error {
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
	if err := c.Serialize(r); err != nil {
		return &SerializationError{Err: err}
	}
	if op.ChecksumRequired {
		if err := setContentMD5(r); err != nil {
			return &SerializationError{Err: err}
		}
	}
	for k, v := range cfg.EndpointHeaders {
		r.Header[k] = v
	}
	base, err := cfg.parsedEndpoint()
	if err != nil {
		return err
	}
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
	var signOpts []func(*v4.SignerOptions)
	if sign {
		payloadHash = hashPayload(r)
		if cfg.DisableDoubleEncoding || pathIsCanonical(r.url.RawPath) {
			signOpts = signerOptions
		}
		if cfg.ContentSHA256 {
			r.SetHeader("X-Amz-Content-Sha256", payloadHash)
		}
	}
	attempts := cfg.RetryMaxAttempts
	if attempts <= 0 {
		attempts = 3
	}
	httpClient := cfg.HTTPClient
	if httpClient == nil {
		httpClient = transportClient{}
	}
	for attempt := 1; ; attempt++ {
		req := r.httpRequest(ctx)
		if sign {
			now := time.Now
			if cfg.Now != nil {
				now = cfg.Now
			}
			s := cfg.Signer
			if s == nil {
				s = NewSigner()
			}
			r.reserveSigningHeaders(creds.SessionToken != "")
			if err := s.SignHTTP(ctx, creds, req, payloadHash, cfg.SigningName, cfg.Region, now(), signOpts...); err != nil {
				return fmt.Errorf("signing: %w", err)
			}
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
			r = r.detach()
			if werr := backoff(ctx, cfg, attempt); werr != nil {
				return &RetryCanceledError{Err: werr, Last: &RequestSendError{Err: err}}
			}
			continue
		}
		if resp.StatusCode >= 200 && resp.StatusCode < 300 {
			if op.StreamingOutput {
				r.kept = true
				return c.Deserialize(resp, nil)
			}
			body, err := readBody(resp)
			if err != nil {
				return &DeserializationError{Err: err, StatusCode: resp.StatusCode}
			}
			if err := c.Deserialize(resp, body); err != nil {
				return &DeserializationError{Err: err, StatusCode: resp.StatusCode}
			}
			return nil
		}
		body, err := readBody(resp)
		if err != nil {
			return &DeserializationError{Err: err, StatusCode: resp.StatusCode}
		}
		apiErr := responseError(cfg, resp, body, decodeError)
		if attempt >= attempts || !Retryable(apiErr) || !r.rewindable() {
			return apiErr
		}
		if err := backoff(ctx, cfg, attempt); err != nil {
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

func hashPayload(r *Request) string {
	switch {
	case r.BodyReader != nil:
		return "UNSIGNED-PAYLOAD"
	case len(r.Body) == 0:
		return emptyHash
	}
	sum := sha256.Sum256(r.Body)
	var text [2 * sha256.Size]byte
	hex.Encode(text[:], sum[:])
	return string(text[:])
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
