package client

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/svcgen/svcgen/runtime/checksum"
)

// HTTPChecksum is an operation's httpChecksum trait (flexible checksums): which
// request checksum it takes and which response checksums it can validate.
//
// A request of such an operation carries an x-amz-checksum-<algorithm> header with the
// base64 checksum of its body: of the algorithm the caller names in AlgorithmHeader,
// else CRC32 (as current SDKs do by default), unless the caller set a checksum header
// of their own. A streaming body is read for it only when it can seek back; a body that
// cannot is sent aws-chunked with the checksum in a trailer when the caller named the
// algorithm and the length is known, and sent without the default checksum otherwise.
type HTTPChecksum struct {
	// Required is requestChecksumRequired: the request must carry a checksum.
	Required bool
	// AlgorithmHeader is the header bound to requestAlgorithmMember
	// ("x-amz-sdk-checksum-algorithm"); empty when the operation has none. It names
	// the caller's algorithm, and is set to CRC32 when the caller names none.
	AlgorithmHeader string
	// ModeHeader is the header bound to requestValidationModeMember
	// ("x-amz-checksum-mode"): "ENABLED" asks for the response's checksum.
	ModeHeader string
	// ResponseAlgorithms are the algorithms a response's checksum may be in.
	ResponseAlgorithms []string
}

// ChecksumTrait is an operation's flexible checksums as the client applies them:
// *HTTPChecksum is the implementation. Operation.Checksum holds it as an interface so
// that a program links the checksum algorithms only when it calls an operation that
// has the trait (the generated operation converts its *HTTPChecksum).
type ChecksumTrait interface {
	requestChecksum(r *Request, wantSHA256 bool) error
	checkBody(r *Request, resp *http.Response, body []byte) error
	validateStream(r *Request, resp *http.Response) error
}

// Payload hashes of streaming bodies (X-Amz-Content-Sha256).
const (
	unsignedPayload = "UNSIGNED-PAYLOAD"
	trailerPayload  = "STREAMING-UNSIGNED-PAYLOAD-TRAILER"
)

// errUnknownLength reports a streaming body whose length the client cannot know, for
// an operation whose service refuses a chunked upload (S3).
var errUnknownLength = errors.New("the body's length is unknown and the service requires it: " +
	"set the input's ContentLength, or give a body that knows its length (*bytes.Reader, *strings.Reader, *bytes.Buffer) or can seek (io.Seeker)")

// measure sets r.length, the length of r.BodyReader: the modeled Content-Length header
// when the serializer set one (the transport sends it from the request's
// ContentLength), else what the reader knows of itself (Len, or Seek to its end and
// back), else -1.
func (r *Request) measure(requireLength bool) error {
	r.length = -1
	for k, v := range r.Header {
		if len(v) > 0 && strings.EqualFold(k, "Content-Length") {
			n, err := strconv.ParseInt(v[0], 10, 64)
			if err != nil || n < 0 {
				return fmt.Errorf("Content-Length %q is not a length", v[0])
			}
			r.length = n
			delete(r.Header, k)
			break
		}
	}
	if r.length < 0 {
		switch b := r.BodyReader.(type) {
		case interface{ Len() int }:
			r.length = int64(b.Len())
		case io.Seeker:
			cur, err := b.Seek(0, io.SeekCurrent)
			if err != nil {
				return fmt.Errorf("measuring the body: %w", err)
			}
			end, err := b.Seek(0, io.SeekEnd)
			if err != nil {
				return fmt.Errorf("measuring the body: %w", err)
			}
			if _, err := b.Seek(cur, io.SeekStart); err != nil {
				return fmt.Errorf("measuring the body: %w", err)
			}
			r.length = end - cur
		}
	}
	if r.length < 0 && requireLength {
		return errUnknownLength
	}
	return nil
}

// headerValue returns the first value of the header named name in any case.
func headerValue(h http.Header, name string) (string, bool) {
	if v, ok := h[name]; ok && len(v) > 0 {
		return v[0], true
	}
	for k, v := range h {
		if len(v) > 0 && strings.EqualFold(k, name) {
			return v[0], true
		}
	}
	return "", false
}

// hasChecksumHeader reports whether the caller set a checksum value, an
// x-amz-checksum-<algorithm> header (x-amz-checksum-mode, -type and -algorithm are
// not values).
func hasChecksumHeader(h http.Header) bool {
	const prefix = "x-amz-checksum-"
	for k, v := range h {
		if len(v) == 0 || len(k) <= len(prefix) || !strings.EqualFold(k[:len(prefix)], prefix) {
			continue
		}
		switch rest := k[len(prefix):]; {
		case strings.EqualFold(rest, "mode"), strings.EqualFold(rest, "type"), strings.EqualFold(rest, "algorithm"):
			// not a checksum value
		default:
			return true
		}
	}
	return false
}

// requestChecksum adds the flexible checksum of r's body (see HTTPChecksum). When
// wantSHA256 is set and the body is a stream it reads anyway, it also records the
// body's SHA-256 for the signature (r.payloadHash).
func (hc *HTTPChecksum) requestChecksum(r *Request, wantSHA256 bool) error {
	if hasChecksumHeader(r.Header) {
		return nil // the caller's own checksum, sent as given
	}
	alg, explicit := "", false
	if hc.AlgorithmHeader != "" {
		if v, ok := headerValue(r.Header, hc.AlgorithmHeader); ok && v != "" {
			a, supported := checksum.Canonical(v)
			if !supported {
				return &checksum.UnsupportedError{Algorithm: v}
			}
			alg, explicit = a, true
		}
	}
	if alg == "" {
		if !hc.Required && hc.AlgorithmHeader == "" {
			return nil
		}
		alg = checksum.Default
	}
	h, err := checksum.New(alg)
	if err != nil {
		return err
	}
	switch body := r.BodyReader.(type) {
	case nil:
		h.Write(r.Body)
	case interface{ Bytes() []byte }: // *bytes.Buffer: its unread bytes, not consumed
		h.Write(body.Bytes())
	case io.ReadSeeker:
		var sha hash.Hash
		w := io.Writer(h)
		if wantSHA256 {
			sha = sha256.New()
			w = io.MultiWriter(h, sha)
		}
		if err := hashStream(body, w); err != nil {
			return err
		}
		if sha != nil {
			r.payloadHash = hex.EncodeToString(sha.Sum(nil))
		}
	default:
		switch {
		case r.length == 0: // no bytes: the checksum of nothing
		case explicit && r.length > 0:
			return r.chunked(alg, hc.AlgorithmHeader)
		case explicit:
			return fmt.Errorf("the %s checksum asked for needs a body that can seek (io.Seeker) or a known length (ContentLength)", alg)
		case hc.Required:
			return fmt.Errorf("the operation requires a checksum of its body, which needs a body that can seek (io.Seeker)")
		default:
			return nil // a stream read once: the default checksum is left out
		}
	}
	if hc.AlgorithmHeader != "" && !explicit {
		r.SetHeader(hc.AlgorithmHeader, alg)
	}
	r.SetHeader(checksum.Header(alg), checksum.Encode(h))
	return nil
}

// hashStream writes the rest of s to w and seeks s back to where it was.
func hashStream(s io.ReadSeeker, w io.Writer) error {
	start, err := s.Seek(0, io.SeekCurrent)
	if err != nil {
		return fmt.Errorf("reading the body for its checksum: %w", err)
	}
	if _, err := io.Copy(w, s); err != nil {
		return fmt.Errorf("reading the body for its checksum: %w", err)
	}
	if _, err := s.Seek(start, io.SeekStart); err != nil {
		return fmt.Errorf("reading the body for its checksum: %w", err)
	}
	return nil
}

// chunked sends r's streaming body aws-chunked, with its checksum in a trailer.
func (r *Request) chunked(alg, algorithmHeader string) error {
	c, err := checksum.NewChunkedReader(r.BodyReader, r.length, alg)
	if err != nil {
		return err
	}
	encoding := "aws-chunked"
	for k, v := range r.Header {
		if len(v) > 0 && strings.EqualFold(k, "Content-Encoding") {
			encoding = v[0] + ",aws-chunked"
			delete(r.Header, k)
			break
		}
	}
	r.SetHeader("Content-Encoding", encoding)
	r.SetHeader("X-Amz-Decoded-Content-Length", strconv.FormatInt(r.length, 10))
	r.SetHeader("X-Amz-Trailer", c.Trailer())
	r.BodyReader, r.length, r.payloadHash = c, checksum.EncodedLength(r.length, alg), trailerPayload
	return nil
}

// hashSeekable records the SHA-256 of a streaming body that can seek back, for the
// signature (S3 over plain HTTP, as aws-sdk-go-v2 does).
func hashSeekable(r *Request) error {
	s, ok := r.BodyReader.(io.ReadSeeker)
	if !ok || r.payloadHash != "" {
		return nil
	}
	sha := sha256.New()
	if err := hashStream(s, sha); err != nil {
		return err
	}
	r.payloadHash = hex.EncodeToString(sha.Sum(nil))
	return nil
}

// validationEnabled reports whether the request asked for the response's checksum.
func validationEnabled(r *Request, hc *HTTPChecksum) bool {
	if hc.ModeHeader == "" || len(hc.ResponseAlgorithms) == 0 {
		return false
	}
	v, _ := headerValue(r.Header, hc.ModeHeader)
	return strings.EqualFold(v, "ENABLED")
}

// responseChecksum finds the checksum a response announces, in the first supported
// algorithm (checksum.Algorithms' order) that the operation lists and the response
// carries. A composite checksum (a multipart upload's "<base64>-<parts>") is not a
// checksum of the bytes: it is skipped, as the SDKs do.
func responseChecksum(h http.Header, algs []string) (alg, header, value string) {
	for _, a := range checksum.Algorithms {
		listed := false
		for _, b := range algs {
			listed = listed || b == a
		}
		if !listed {
			continue
		}
		name := checksum.Header(a)
		if v := h.Get(name); v != "" {
			if checksum.Composite(v) {
				return "", "", ""
			}
			return a, name, v
		}
	}
	return "", "", ""
}

// checkBody checks a response body read whole: the flexible checksum when the request
// asked for it, and DynamoDB's x-amz-crc32 when the response has one.
func checkBody(r *Request, op *Operation, resp *http.Response, body []byte) error {
	if v := resp.Header["X-Amz-Crc32"]; len(v) > 0 {
		if err := checksum.CheckCRC32(v[0], body); err != nil {
			return err
		}
	}
	if resp.StatusCode < 300 && op.Checksum != nil {
		return op.Checksum.checkBody(r, resp, body)
	}
	return nil
}

// checkBody checks the flexible checksum of a response body read whole, when the
// request asked for it.
func (hc *HTTPChecksum) checkBody(r *Request, resp *http.Response, body []byte) error {
	if validationEnabled(r, hc) {
		if alg, header, want := responseChecksum(resp.Header, hc.ResponseAlgorithms); alg != "" {
			return checksum.Check(alg, header, want, body)
		}
	}
	return nil
}

// validateStream wraps a streaming response body so that reading it to its end
// reports a checksum mismatch, when the request asked for the response's checksum.
func (hc *HTTPChecksum) validateStream(r *Request, resp *http.Response) error {
	if !validationEnabled(r, hc) {
		return nil
	}
	alg, header, want := responseChecksum(resp.Header, hc.ResponseAlgorithms)
	if alg == "" {
		return nil
	}
	body, err := checksum.NewValidatingReader(resp.Body, alg, header, want)
	if err != nil {
		return err
	}
	resp.Body = body
	return nil
}

// isMismatch reports a checksum mismatch: bytes damaged on the way, worth another try.
func isMismatch(err error) bool {
	var m *checksum.MismatchError
	return errors.As(err, &m)
}

// acceptIdentity is the Accept-Encoding every request sends: a response comes back as
// the service stored it, never inflated by the transport (which asks for gzip and
// decompresses when a request names no encoding). Shared: nothing appends to it.
var acceptIdentity = []string{"identity"}

// retryMismatch waits before another attempt after a response whose checksum did not
// match, and reports whether there is one.
func retryMismatch(ctx context.Context, cfg *Config, op *Operation, r *Request, attempt, attempts int, cause error) bool {
	if attempt >= attempts || !r.rewindable() {
		return false
	}
	return backoff(ctx, cfg, op, attempt, cause) == nil
}
