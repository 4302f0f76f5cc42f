package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/aws/smithy-go"
)

// PresignedRequest is a presigned request: its URL (signature in the query string),
// method, and the headers the signature covers, which whoever sends it must send
// with the same values. Its fields are those of aws-sdk-go-v2's
// v4.PresignedHTTPRequest, so code written for its presign clients reads them the
// same way.
type PresignedRequest struct {
	URL          string
	Method       string
	SignedHeader http.Header
}

const (
	// DefaultPresignExpires is how long a presigned request is valid when the caller
	// passes 0 (aws-sdk-go-v2's default).
	DefaultPresignExpires = 15 * time.Minute
	// MaxPresignExpires is the longest validity SigV4 allows (X-Amz-Expires 604800).
	MaxPresignExpires = 7 * 24 * time.Hour
)

// ErrPresignExpires reports an expiry outside 1 second to 7 days.
var ErrPresignExpires = errors.New("presign: expires must be between 1s and 7 days (0: 15 minutes)")

// formContentType is the body of awsQuery requests, which a presigned GET carries in
// its query string instead.
const formContentType = "application/x-www-form-urlencoded"

// Presign builds the request of one operation as Call would (the generated serializer,
// the endpoint and addressing of cfg, the service's headers) and presigns it with
// SigV4 in the query string (sigv4.Signer's PresignHTTP), valid for expires.
//
// Nothing is sent. The request's body is not part of it: a streaming body (S3's
// PutObject and UploadPart) is what the holder of the URL sends, signed as
// UNSIGNED-PAYLOAD on S3; an awsQuery form body becomes the query string of a GET, as
// aws-sdk-go-v2 presigns STS's GetCallerIdentity. Other bodies cannot be presigned.
// Checksums, compression, User-Agent and Accept-Encoding are left to the sender.
//
// I is the input's pointer type (*OpInput): one compiled body serves every operation,
// as with Call.
func Presign[I any](ctx context.Context, cfg *Config, op *Operation, in I, serialize func(*Request, I) error, expires time.Duration) (*PresignedRequest, error) {
	p, err := presign(ctx, cfg, in, serialize, expires)
	if err != nil {
		return nil, &smithy.OperationError{ServiceID: cfg.ServiceID, OperationName: op.Name, Err: err}
	}
	return p, nil
}

func presign[I any](ctx context.Context, cfg *Config, in I, serialize func(*Request, I) error, expires time.Duration) (*PresignedRequest, error) {
	if expires == 0 {
		expires = DefaultPresignExpires
	}
	if expires < time.Second || expires > MaxPresignExpires {
		return nil, fmt.Errorf("%w, got %v", ErrPresignExpires, expires)
	}
	if cfg.Endpoint == "" {
		return nil, errNoEndpoint
	}
	if cfg.Credentials == nil {
		return nil, errors.New("presign: the client has no credentials")
	}
	r := newRequest()
	r.tokens = cfg.IdempotencyTokenProvider
	if err := serialize(r, in); err != nil {
		return nil, &SerializationError{Err: err}
	}
	if len(r.Body) > 0 {
		if ct := r.Header.Get("Content-Type"); ct != formContentType && !strings.HasPrefix(ct, formContentType+";") {
			return nil, errors.New("presign: the operation's request has a body, which a presigned URL cannot carry")
		}
		r.Method = http.MethodGet
		if len(r.Query) > 0 {
			r.Query = append(r.Query, '&')
		}
		r.Query = append(r.Query, r.Body...)
		r.Body = nil
		delete(r.Header, "Content-Type")
	}
	r.BodyReader = nil
	// The expiry is signed with the rest of the query.
	if len(r.Query) > 0 {
		r.Query = append(r.Query, '&')
	}
	r.Query = append(r.Query, "X-Amz-Expires="...)
	r.Query = strconv.AppendInt(r.Query, int64(expires/time.Second), 10)
	for k, v := range cfg.EndpointHeaders {
		r.Header[k] = v
	}
	for _, h := range cfg.Headers {
		r.SetHeader(h.Name, h.Value)
	}
	base, err := cfg.parsedEndpoint()
	if err != nil {
		return nil, err
	}
	if err := r.setURL(base); err != nil {
		return nil, err
	}
	creds, err := cfg.Credentials.Retrieve(ctx)
	if err != nil {
		return nil, fmt.Errorf("retrieving credentials: %w", err)
	}
	if creds.AccessKeyID == "" {
		return nil, errors.New("presign: the credentials have no access key")
	}
	// S3 signs no payload in a presigned URL; other services sign the empty body of
	// the GET.
	payloadHash := emptyHash
	if cfg.ContentSHA256 {
		payloadHash = unsignedPayload
	}
	req := (&http.Request{Method: r.Method, URL: &r.url, Header: r.Header, Host: r.url.Host, Body: http.NoBody}).WithContext(ctx)
	// A modeled Content-Length (the input's ContentLength) is signed, as aws-sdk-go-v2
	// signs it: the sender must send that many bytes. The signer reads it from the
	// request's ContentLength, not from the header.
	if v, ok := headerValue(r.Header, "Content-Length"); ok {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			return nil, &SerializationError{Err: fmt.Errorf("Content-Length %q is not a length", v)}
		}
		for k := range r.Header {
			if strings.EqualFold(k, "Content-Length") {
				delete(r.Header, k)
			}
		}
		req.ContentLength = n
	}
	now := time.Now
	if cfg.Now != nil {
		now = cfg.Now
	}
	s := cfg.Signer
	if s == nil {
		s = NewSigner()
	}
	url, signed, err := s.PresignHTTP(creds, req, payloadHash, cfg.SigningName, cfg.Region, now().Add(cfg.State.clockOffset()), signingOptions(cfg, r))
	if err != nil {
		return nil, fmt.Errorf("presigning: %w", err)
	}
	return &PresignedRequest{URL: url, Method: r.Method, SignedHeader: signed}, nil
}
