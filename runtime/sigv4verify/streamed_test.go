package sigv4verify_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/svcgen/svcgen/runtime/sigv4verify"
)

// s3Request is a PUT signed as S3's clients sign it: the body's hash (or
// UNSIGNED-PAYLOAD) in X-Amz-Content-Sha256 and in the signature.
func s3Request(t *testing.T, body []byte, payloadHash string) *http.Request {
	t.Helper()
	r, err := http.NewRequest(http.MethodPut, "http://127.0.0.1:9000/bucket/key", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	r.Header.Set("X-Amz-Content-Sha256", payloadHash)
	creds := aws.Credentials{AccessKeyID: keyID, SecretAccessKey: secret}
	if err := v4.NewSigner(func(o *v4.SignerOptions) { o.DisableURIPathEscaping = true }).SignHTTP(context.Background(), creds, r, payloadHash, "s3", "us-east-1", time.Now()); err != nil {
		t.Fatal(err)
	}
	return r
}

func sha256Hex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// TestStreamedPayload: with WithStreamedPayload a body larger than the limit is not
// read by the check; the handler reads it whole when it is the one signed, and gets an
// error at its end when it is not.
func TestStreamedPayload(t *testing.T) {
	body := bytes.Repeat([]byte("0123456789"), 1000)
	check := sigv4verify.New(lookup, sigv4verify.WithBodyLimit(64), sigv4verify.WithSinglePathEncoding(), sigv4verify.WithStreamedPayload())

	r := s3Request(t, body, sha256Hex(body))
	if err := check(r); err != nil {
		t.Fatalf("signed body: %v", err)
	}
	if got, err := io.ReadAll(r.Body); err != nil || !bytes.Equal(got, body) {
		t.Fatalf("reading the signed body: %d bytes, %v", len(got), err)
	}

	r = s3Request(t, body, sha256Hex(body))
	r.Body = io.NopCloser(bytes.NewReader(append(bytes.Clone(body[:len(body)-1]), 'x')))
	if err := check(r); err != nil {
		t.Fatalf("the signature covers the header, not the body: %v", err)
	}
	_, err := io.ReadAll(r.Body)
	var ve *sigv4verify.Error
	if !errors.As(err, &ve) || !errors.Is(err, sigv4verify.ErrMismatch) || ve.HTTPStatusCode() != 400 || ve.ErrorCode() != "XAmzContentSHA256Mismatch" {
		t.Fatalf("altered body: %v", err)
	}

	r = s3Request(t, body, "UNSIGNED-PAYLOAD")
	if err := check(r); err != nil {
		t.Fatalf("UNSIGNED-PAYLOAD: %v", err)
	}

	r = s3Request(t, body, sha256Hex(body))
	r.Header.Set("X-Amz-Content-Sha256", sha256Hex(nil))
	if err := check(r); !errors.Is(err, sigv4verify.ErrMismatch) {
		t.Fatalf("a hash other than the signed one: %v", err)
	}

	// without the option the body is read, and the limit holds
	r = s3Request(t, body, sha256Hex(body))
	if err := sigv4verify.New(lookup, sigv4verify.WithBodyLimit(64), sigv4verify.WithSinglePathEncoding())(r); !errors.Is(err, sigv4verify.ErrBody) {
		t.Fatalf("without WithStreamedPayload: %v", err)
	}
}
