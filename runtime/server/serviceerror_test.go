package server

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestServiceError: an unmodeled error a service returns as a *ServiceError (wrapped
// or not) is answered with its status and code, in the router's error form; another
// error stays a 500 InternalFailure.
func TestServiceError(t *testing.T) {
	r := NewRouter(nil)
	r.SetXMLErrors(QueryErrors)
	r.Handle("GET", "/precondition", nil, "Get", func(c *Call) error {
		return fmt.Errorf("wrapped: %w", &ServiceError{Status: http.StatusPreconditionFailed, Code: "PreconditionFailed", Message: "did not hold"})
	})
	r.Handle("GET", "/other", nil, "Get", func(c *Call) error { return fmt.Errorf("%d", 412) })
	h := r.Handler()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/precondition", nil))
	if rec.Code != 412 || !strings.Contains(rec.Body.String(), "<Code>PreconditionFailed</Code>") || !strings.Contains(rec.Body.String(), "did not hold") {
		t.Errorf("ServiceError: %d %s", rec.Code, rec.Body.String())
	}
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/other", nil))
	if rec.Code != 500 || !strings.Contains(rec.Body.String(), "InternalFailure") {
		t.Errorf("other error: %d %s", rec.Code, rec.Body.String())
	}
}

// TestHandleStream: a streaming route's body is not read before the operation, which
// reads it from BodyReader; the body limit still holds.
func TestHandleStream(t *testing.T) {
	r := NewRouter(nil, WithBodyLimit(100))
	r.HandleStream("PUT", "/{k}", nil, "Put", func(c *Call) error {
		if c.Body() != nil {
			return fmt.Errorf("the body was read before the operation")
		}
		b, err := io.ReadAll(c.BodyReader())
		if err != nil {
			return err
		}
		c.SetPayload([]byte(fmt.Sprint(len(b))))
		return nil
	})
	h := r.Handler()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("PUT", "/k", strings.NewReader(strings.Repeat("x", 60))))
	if rec.Code != 200 || rec.Body.String() != "60" {
		t.Errorf("streamed body: %d %s", rec.Code, rec.Body.String())
	}
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("PUT", "/k", strings.NewReader(strings.Repeat("x", 200))))
	if rec.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("body over the limit: %d %s", rec.Code, rec.Body.String())
	}
}

// TestS3ResponseHeaders: an S3 router's responses, success or error, carry the request
// id in x-amz-request-id (the id of the error body), and SetHeaderAsIs keeps a header
// name's case (x-amz-meta-* keys).
func TestS3ResponseHeaders(t *testing.T) {
	r := NewRouter(nil)
	r.SetXMLErrors(S3Errors)
	r.Handle("GET", "/ok", nil, "Get", func(c *Call) error {
		c.SetHeaderAsIs("x-amz-meta-mixedCase", "v")
		c.SetPayload([]byte("ok"))
		return nil
	})
	r.Handle("GET", "/fail", nil, "Get", func(c *Call) error {
		return &ServiceError{Status: 412, Code: "PreconditionFailed", Message: "no"}
	})
	h := r.Handler()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/ok", nil))
	if rec.Header().Get("X-Amz-Request-Id") == "" || rec.Header().Get("X-Amz-Id-2") == "" {
		t.Errorf("success without a request id: %v", rec.Header())
	}
	if v := rec.Header()["x-amz-meta-mixedCase"]; len(v) != 1 || v[0] != "v" {
		t.Errorf("SetHeaderAsIs: %v", rec.Header())
	}
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/fail", nil))
	id := rec.Header().Get("X-Amz-Request-Id")
	if rec.Code != 412 || id == "" || !strings.Contains(rec.Body.String(), "<RequestId>"+id+"</RequestId>") {
		t.Errorf("error: %d %v %s", rec.Code, rec.Header(), rec.Body.String())
	}
}
