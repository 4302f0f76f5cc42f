package server

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
)

var uuidRE = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

// TestRequestID: every response carries an X-Amzn-RequestId, success or error (a
// modeled error, a validation failure, a 404, a 405, a 415, a panic), the operation
// sees the same id in its context, and the log line of a failure names it.
func TestRequestID(t *testing.T) {
	var logs bytes.Buffer
	var seen string
	rt := NewRouter(nil, WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))
	rt.Handle("POST", "/ok", nil, "OK", func(c *Call) error {
		seen = RequestID(c.Context())
		if c.RequestID() != seen {
			t.Errorf("Call.RequestID %q, context %q", c.RequestID(), seen)
		}
		c.JSON().ObjectStart()
		c.JSON().ObjectEnd()
		return nil
	})
	rt.Handle("POST", "/fail", nil, "Fail", func(c *Call) error {
		seen = c.RequestID()
		return errors.New("boom")
	})
	rt.Handle("POST", "/panic", nil, "Panic", func(c *Call) error {
		seen = c.RequestID()
		panic("boom")
	})
	rt.Handle("POST", "/json", nil, "JSON", func(c *Call) error {
		_, err := c.ObjectDecoder()
		return err
	})
	h := rt.Handler()
	ids := map[string]bool{}
	for _, c := range []struct {
		method, target, ct string
		status             int
		seen               bool // the operation ran and saw the id
		logged             bool
	}{
		{"POST", "/ok", "", 200, true, false},
		{"POST", "/fail", "", 500, true, true},
		{"POST", "/panic", "", 500, true, true},
		{"POST", "/nowhere", "", 404, false, false},
		{"GET", "/ok", "", 405, false, false},
		{"POST", "/json", "text/plain", 415, false, false},
		{"POST", "/x/../ok", "", 404, false, false},
	} {
		seen = ""
		logs.Reset()
		req := httptest.NewRequest(c.method, c.target, strings.NewReader(`{}`))
		if c.ct != "" {
			req.Header.Set("Content-Type", c.ct)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		id := w.Header().Get("X-Amzn-RequestId")
		if w.Code != c.status || !uuidRE.MatchString(id) {
			t.Errorf("%s %s: %d, request id %q", c.method, c.target, w.Code, id)
			continue
		}
		if ids[id] {
			t.Errorf("%s %s: id %s handed out twice", c.method, c.target, id)
		}
		ids[id] = true
		if c.seen && seen != id {
			t.Errorf("%s %s: the operation saw %q, the response says %q", c.method, c.target, seen, id)
		}
		if c.logged && !strings.Contains(logs.String(), "request_id="+id) {
			t.Errorf("%s %s: the log does not name %s: %s", c.method, c.target, id, logs.String())
		}
	}
}

// TestRequestIDKept: an id already in the request's context (a middleware's, an outer
// router's) is the one used; SetRequestIDHeaders writes S3's headers instead.
func TestRequestIDKept(t *testing.T) {
	rt := NewRouter(nil)
	rt.SetRequestIDHeaders(S3RequestIDHeaders)
	var seen string
	rt.Handle("GET", "/x", nil, "X", func(c *Call) error { seen = c.RequestID(); return nil })
	req := httptest.NewRequest("GET", "/x", nil)
	req = req.WithContext(ContextWithRequestID(req.Context(), "ABC123"))
	w := httptest.NewRecorder()
	rt.Handler().ServeHTTP(w, req)
	if seen != "ABC123" || w.Header().Get("X-Amz-Request-Id") != "ABC123" || w.Header().Get("X-Amz-Id-2") == "" || w.Header().Get("X-Amzn-Requestid") != "" {
		t.Fatalf("seen %q, headers %v", seen, w.Header())
	}
}

// TestUnsupportedMediaType: a body of another media type than the protocol's is
// answered 415 UnsupportedMediaTypeException and never reaches the operation, by
// ObjectDecoder and by Decoder (payloads) alike; parameters and case do not matter,
// and a request without Content-Type, or with an empty body, is read.
func TestUnsupportedMediaType(t *testing.T) {
	called := 0
	rt := NewRouter(nil)
	rt.Handle("POST", "/object", nil, "Object", func(c *Call) error {
		if len(c.Body()) > 0 { // as generated decoders do
			d, err := c.ObjectDecoder()
			if err != nil {
				return Malformed(err)
			}
			for d.ObjectNext() {
				d.Skip()
			}
			if err := d.End(); err != nil {
				return Malformed(err)
			}
		}
		if err := c.CheckInput("ObjectInput", nil); err != nil {
			return err
		}
		called++
		return nil
	})
	rt.Handle("POST", "/payload", nil, "Payload", func(c *Call) error {
		if len(c.Body()) > 0 {
			d := c.Decoder()
			d.Skip()
			if err := d.End(); err != nil {
				return Malformed(err)
			}
		}
		if err := c.CheckInput("PayloadInput", nil); err != nil {
			return err
		}
		called++
		return nil
	})
	rt.Handle("POST", "/payload-lax", nil, "PayloadLax", func(c *Call) error {
		// a decoder that does not fail on no data: CheckInput still refuses
		c.Decoder()
		if err := c.CheckInput("PayloadInput", nil); err != nil {
			return err
		}
		called++
		return nil
	})
	h := rt.Handler()
	for _, c := range []struct {
		target, ct, body string
		status           int
	}{
		{"/object", "application/hal+json", `{}`, 415},
		{"/object", "application/x-amz-json-1.1", `{}`, 415},
		{"/object", "text/plain", `{}`, 415},
		{"/object", "not a media type;;", `{}`, 415},
		{"/payload", "application/xml", `{}`, 415},
		{"/payload-lax", "application/xml", `{}`, 415},
		{"/object", "application/json", `{}`, 200},
		{"/object", "Application/JSON; charset=utf-8", `{}`, 200},
		{"/object", "", `{}`, 200},
		{"/object", "text/plain", ``, 200},
		{"/payload", "application/json", `{}`, 200},
	} {
		before := called
		req := httptest.NewRequest("POST", c.target, strings.NewReader(c.body))
		if c.ct != "" {
			req.Header.Set("Content-Type", c.ct)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if c.status == 415 {
			wantError(t, w, 415, UnsupportedMediaTypeCode)
			if called != before {
				t.Errorf("%s %q: the operation ran", c.target, c.ct)
			}
			continue
		}
		if w.Code != c.status || called != before+1 {
			t.Errorf("%s %q %q: %d %s", c.target, c.ct, c.body, w.Code, w.Body)
		}
	}
}

// TestTransport: a Transport serves requests in-process: status, headers (as they
// were when the status was written) and body come back; the handler sees the path,
// query, headers, host and body; a done context fails the call.
func TestTransport(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		w.Header().Set("X-Echo", r.Header.Get("X-In")+" "+r.Host+" "+r.URL.RequestURI()+" "+r.RequestURI)
		w.WriteHeader(http.StatusTeapot)
		w.Header().Set("X-Late", "not sent")
		w.Write(append([]byte("got "), b...))
	})
	tr := NewTransport(h)
	req, _ := http.NewRequest("PUT", "https://svc.example.com/a%2Fb/c?x=1&y=2", strings.NewReader("body"))
	req.Header.Set("X-In", "in")
	resp, err := tr.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 418 || resp.Status != "418 I'm a teapot" || string(b) != "got body" || resp.ContentLength != 8 || resp.Header.Get("X-Late") != "" ||
		resp.Header.Get("X-Echo") != "in svc.example.com /a%2Fb/c?x=1&y=2 /a%2Fb/c?x=1&y=2" {
		t.Fatalf("%s %q %d %v", resp.Status, b, resp.ContentLength, resp.Header)
	}
	// through http.Client too
	resp, err = (&http.Client{Transport: tr}).Get("http://x/y")
	if err != nil || resp.StatusCode != 418 {
		t.Fatalf("http.Client: %v %v", resp, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req, _ = http.NewRequestWithContext(ctx, "GET", "http://x/", nil)
	if _, err := tr.Do(req); !errors.Is(err, context.Canceled) {
		t.Fatalf("done context: %v", err)
	}
}
