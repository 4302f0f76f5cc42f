package server

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"net/http"
)

// Request ids.
//
// Every response a Router writes, success or error, carries a request id: the
// X-Amzn-RequestId header by default (where the AWS SDKs read it into their
// response metadata: boto3's ResponseMetadata.RequestId, aws-sdk-go-v2's
// middleware.GetRequestIDMetadata). The same id goes into the request's context
// (RequestID), for the service and for protocols that put it in the body (the
// RequestId element of query XML), and into every line the router logs.

type requestIDKey struct{}

// RequestID returns the id of the request ctx belongs to ("" outside a request a
// Router serves).
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

// ContextWithRequestID returns ctx carrying id as its request id. A Router serving a
// request whose context already has one (set by a middleware in front of it, or by
// an outer Router) keeps that id instead of drawing a new one.
func ContextWithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey{}, id)
}

// NewRequestID returns a new random id shaped as AWS's: a version 4 UUID.
func NewRequestID() string {
	var b [16]byte
	rand.Read(b[:]) // never fails (crypto/rand)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	var s [36]byte
	hex.Encode(s[0:8], b[0:4])
	s[8] = '-'
	hex.Encode(s[9:13], b[4:6])
	s[13] = '-'
	hex.Encode(s[14:18], b[6:8])
	s[18] = '-'
	hex.Encode(s[19:23], b[8:10])
	s[23] = '-'
	hex.Encode(s[24:], b[10:])
	return string(s[:])
}

// RequestIDHeaders writes a request id into response headers.
type RequestIDHeaders func(h http.Header, id string)

// AmznRequestIDHeader sets X-Amzn-RequestId: the header of the JSON, query and EC2
// protocols (the default).
func AmznRequestIDHeader(h http.Header, id string) { h.Set("X-Amzn-Requestid", id) }

// S3RequestIDHeaders sets S3's two headers: x-amz-request-id, and x-amz-id-2 (the
// "extended request id", here derived from the id so that both name one request).
func S3RequestIDHeaders(h http.Header, id string) {
	sum := sha256.Sum256([]byte(id))
	h.Set("X-Amz-Request-Id", id)
	h.Set("X-Amz-Id-2", base64.StdEncoding.EncodeToString(sum[:]))
}

// SetRequestIDHeaders chooses how the router writes the request id into responses
// (by default S3RequestIDHeaders for S3's errors, AmznRequestIDHeader for the rest).
func (rt *Router) SetRequestIDHeaders(set RequestIDHeaders) { rt.requestIDHeaders = set }

// withRequestID gives the request an id (keeping one its context has), writes it
// into the response headers, and serves it with h.
func (rt *Router) withRequestID(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := RequestID(r.Context())
		if id == "" {
			id = NewRequestID()
			r = r.WithContext(ContextWithRequestID(r.Context(), id))
		}
		set := rt.requestIDHeaders
		switch {
		case set != nil:
		case rt.xmlErrors == S3Errors:
			set = S3RequestIDHeaders
		default:
			set = AmznRequestIDHeader
		}
		set(w.Header(), id)
		h.ServeHTTP(w, r)
	})
}

// RequestID returns the id of the request (see the package function RequestID).
func (c *Call) RequestID() string { return RequestID(c.r.Context()) }
