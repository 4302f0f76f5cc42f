package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/svcgen/svcgen/runtime/httpbind"
	"github.com/svcgen/svcgen/runtime/jsonwire"
)

// scalars is an input with a member of each kind the eks models do not have in
// requests (blobs, timestamps, numbers), decoded as generated code decodes them.
type scalars struct {
	Blob          []byte
	Epoch, Date   *time.Time
	HTTPDate      *time.Time
	Float         *float64
	Float32       *float32
	Int           *int32
	Long          *int64
	QueryTime     *time.Time
	ServiceCalled bool
}

func decodeScalars(c *Call, v *scalars) error {
	if vals, ok := c.Query()["since"]; ok && len(vals) > 0 {
		if len(vals) > 1 {
			return ErrRepeatedQuery("since")
		}
		t, err := httpbind.ParseTime(vals[0], httpbind.DateTime)
		if err != nil {
			return err
		}
		v.QueryTime = &t
	}
	if len(c.Body()) == 0 {
		return nil
	}
	d, err := c.ObjectDecoder()
	if err != nil {
		return err
	}
	for d.ObjectNext() {
		switch string(d.Key()) {
		case "blob":
			v.Blob = d.Blob()
		case "epoch":
			v.Epoch = d.EpochSecondsPtr()
		case "date":
			v.Date = d.DateTimePtr()
		case "httpDate":
			v.HTTPDate = d.HTTPDatePtr()
		case "float":
			v.Float = d.Float64Ptr()
		case "float32":
			v.Float32 = d.Float32Ptr()
		case "int":
			v.Int = d.Int32Ptr()
		case "long":
			v.Long = d.Int64Ptr()
		default:
			d.Skip()
		}
	}
	return d.End()
}

// scalarsHandler serves POST /scalars as a generated handler would, and reports each
// decoded input to got.
func scalarsHandler(got func(*scalars), opts ...Option) http.Handler {
	rt := NewRouter(nil, opts...)
	rt.Handle("POST", "/scalars", nil, "Scalars", func(c *Call) error {
		in := &scalars{}
		if err := decodeScalars(c, in); err != nil {
			return Malformed(err)
		}
		got(in)
		w := c.JSON()
		w.ObjectStart()
		w.ObjectEnd()
		return nil
	})
	return rt.Handler()
}

func post(h http.Handler, target, body string) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("POST", target, strings.NewReader(body)))
	return w
}

func wantError(t *testing.T, w *httptest.ResponseRecorder, status int, code string) string {
	t.Helper()
	var e struct {
		Type    string `json:"__type"`
		Message string `json:"message"`
	}
	if w.Code != status || w.Header().Get("X-Amzn-Errortype") != code {
		t.Fatalf("got %d %s %s, want %d %s", w.Code, w.Header().Get("X-Amzn-Errortype"), w.Body, status, code)
	}
	if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil || e.Type != code || e.Message == "" {
		t.Fatalf("body %s: %v", w.Body, err)
	}
	return e.Message
}

// TestMalformedScalars: base64, timestamps and numbers that do not decode are a 400
// SerializationException and never reach the operation. (The eks and eks-auth
// models have no blob or timestamp in a request: this covers what generated code of
// other models does with them.)
func TestMalformedScalars(t *testing.T) {
	called := 0
	h := scalarsHandler(func(*scalars) { called++ })
	for _, c := range []struct{ name, target, body, msg string }{
		{"base64 with a bad character", "/scalars", `{"blob":"aGVsbG8*"}`, "base64"},
		{"base64 without padding", "/scalars", `{"blob":"aGVsbG8"}`, "base64"},
		{"base64 URL alphabet", "/scalars", `{"blob":"-_-_"}`, "base64"},
		{"base64 with padding inside", "/scalars", `{"blob":"aG==VsbG8="}`, "base64"},
		{"base64 as a number", "/scalars", `{"blob":12}`, "expected string"},
		{"epoch seconds as a string", "/scalars", `{"epoch":"1700000000"}`, "expected number"},
		{"epoch seconds beyond year 9999", "/scalars", `{"epoch":1e300}`, ""},
		{"epoch seconds 1e400", "/scalars", `{"epoch":1e400}`, ""},
		{"date-time without a zone", "/scalars", `{"date":"2024-01-02T03:04:05"}`, ""},
		{"date-time on February 30", "/scalars", `{"date":"2024-02-30T00:00:00Z"}`, ""},
		{"date-time hour 24", "/scalars", `{"date":"2024-01-02T24:00:00Z"}`, ""},
		{"date-time as a number", "/scalars", `{"date":1700000000}`, "expected string"},
		{"http-date in the wrong format", "/scalars", `{"httpDate":"2024-01-02T03:04:05Z"}`, ""},
		{"float 1e400", "/scalars", `{"float":1e400}`, "out of range"},
		{"float32 1e39", "/scalars", `{"float32":1e39}`, "out of range"},
		{"float as an unknown string", "/scalars", `{"float":"Inf"}`, ""},
		{"int beyond int32", "/scalars", `{"int":2147483648}`, "out of range"},
		{"int with a fraction", "/scalars", `{"int":1.0}`, "not an integer"},
		{"long 99999999999999999999", "/scalars", `{"long":99999999999999999999}`, "out of range"},
		{"long -1e2", "/scalars", `{"long":-1e2}`, "not an integer"},
		{"query date-time", "/scalars?since=yesterday", ``, ""},
		{"query date-time repeated", "/scalars?since=2024-01-02T03:04:05Z&since=2024-01-02T03:04:05Z", ``, "repeated"},
	} {
		t.Run(c.name, func(t *testing.T) {
			msg := wantError(t, post(h, c.target, c.body), 400, "SerializationException")
			if !strings.Contains(msg, c.msg) {
				t.Errorf("message %q does not say %q", msg, c.msg)
			}
			if called != 0 {
				t.Fatal("the operation was called")
			}
		})
	}

	var got *scalars
	h = scalarsHandler(func(s *scalars) { got = s })
	w := post(h, "/scalars?since=2024-01-02T03:04:05Z", `{"blob":"aGVsbG8=","epoch":1700000000.5,"date":"2024-01-02T03:04:05.123+01:00",`+
		`"httpDate":"Tue, 02 Jan 2024 03:04:05 GMT","float":"-Infinity","float32":1.5,"int":-2147483648,"long":9223372036854775807}`)
	if w.Code != 200 || got == nil {
		t.Fatalf("valid scalars: %d %s", w.Code, w.Body)
	}
	if string(got.Blob) != "hello" || got.Epoch.UnixMilli() != 1700000000500 || got.Date.UTC().Hour() != 2 ||
		got.HTTPDate.Day() != 2 || *got.Int != -2147483648 || *got.Long != 1<<63-1 || got.QueryTime.Year() != 2024 {
		t.Fatalf("decoded %+v", got)
	}
}

// TestObjectDecoder: the body must be an object of valid UTF-8 without a repeated key,
// at any depth; the error is a *jsonwire.SyntaxError at the fault.
func TestObjectDecoder(t *testing.T) {
	many := func(n int, extra string) string {
		var b strings.Builder
		b.WriteString(`{`)
		for i := range n {
			fmt.Fprintf(&b, `"k%d":%d,`, i, i)
		}
		b.WriteString(extra + `}`)
		return b.String()
	}
	for _, c := range []struct {
		body   string
		offset int64 // -1: no error
		msg    string
	}{
		{`{"a":1,"b":2}`, -1, ""},
		{`{"a":{"a":{"a":1}},"b":[{"a":1},{"a":2}]}`, -1, ""}, // same key in different objects
		{`{"a":"\"a\":1,\"a\":2"}`, -1, ""},                   // keys inside a string value
		{`{"a\\":1,"a":2}`, -1, ""},                           // a\ is not a
		{`{"a":[1,"a","a"]}`, -1, ""},                         // strings in arrays are not keys
		{`{"a":1,"a":2}`, 7, `duplicate key "a"`},
		{`{"a":[1],"a":2}`, 9, `duplicate key "a"`},   // after an array
		{`{"a":[{}],"a":2}`, 10, `duplicate key "a"`}, // after an object in an array
		{`{"a":{"b":1},"a":2}`, 13, `duplicate key "a"`},
		{`{"x":{"a":1,"b":{},"a":2}}`, 19, `duplicate key "a"`},
		{`{"x":[{"a":1},{"b":1,"b":2}]}`, 21, `duplicate key "b"`},
		{`{"\u00e9":1,"é":2}`, 12, `duplicate key "é"`},
		{`{"a":1,"\u0061":2}`, 7, `duplicate key "a"`},
		{many(100, ""), -1, ""},
		{many(100, `"k3":0`), int64(len(many(100, ""))) - 1, `duplicate key "k3"`},
		{many(20, `"z":{"k3":1,"k3":2}`), -1, `duplicate key "k3"`},
		{"{\"a\":\"\xff\"}", 6, "invalid UTF-8"},
		{"{\"a\xe2\x82\":1}", 3, "invalid UTF-8"},
		{`null`, 0, "expected object, found null"},
		{` [1]`, 1, "expected object, found array"},
		{`"x"`, 0, "expected object, found string"},
		{`7`, 0, "expected object, found number"},
		{`{"a":1`, -1, ""}, // the decoder reports what is left
	} {
		var call Call
		call.body = []byte(c.body)
		d, err := call.ObjectDecoder()
		if c.offset == -1 && c.msg == "" {
			if err != nil || d == nil {
				t.Errorf("%s: %v", c.body, err)
			}
			continue
		}
		var se *jsonwire.SyntaxError
		if !errors.As(err, &se) || !strings.Contains(se.Msg, c.msg) || c.offset >= 0 && se.Offset != c.offset {
			t.Errorf("%.60s: error %v, want %q at %d", c.body, err, c.msg, c.offset)
		}
		if d != nil {
			t.Errorf("%s: a decoder with the error", c.body)
		}
		// the answer is kept for the call
		if _, err2 := call.ObjectDecoder(); err2 == nil || err2.Error() != err.Error() {
			t.Errorf("%s: second call %v", c.body, err2)
		}
	}
}

// manyKeys is an object of n distinct keys, then "0" again.
func manyKeys(n int) []byte {
	var b strings.Builder
	b.WriteString(`{`)
	for i := range n {
		fmt.Fprintf(&b, `"%d":0,`, i)
	}
	b.WriteString(`"0":1}`)
	return []byte(b.String())
}

// TestDuplicateScanHostileObject: one object with very many keys has its repeated key
// found, and very deep nesting is left to the decoder. How the scan's time grows with
// the keys is BenchmarkDuplicateScan's to show.
func TestDuplicateScanHostileObject(t *testing.T) {
	var call Call
	call.body = manyKeys(400000)
	_, err := call.ObjectDecoder()
	if err == nil || !strings.Contains(err.Error(), `duplicate key "0"`) {
		t.Fatalf("got %v", err)
	}
	call = Call{body: []byte(strings.Repeat(`{"a":`, 100000))}
	if _, err := call.ObjectDecoder(); err != nil {
		t.Fatalf("deep input: %v (the decoder, not the scan, refuses it)", err)
	}
}

// TestReadErrors: a body that cannot be read is a 400 that does not show the
// transport's error; one cut by http.MaxBytesReader (a middleware) is a 413.
func TestReadErrors(t *testing.T) {
	called := false
	h := scalarsHandler(func(*scalars) { called = true }, WithMiddleware(func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			r.Body = http.MaxBytesReader(w, r.Body, 8)
			next.ServeHTTP(w, r)
		})
	}))
	w := httptest.NewRecorder()
	r := httptest.NewRequest("POST", "/scalars", iotest.ErrReader(errors.New("connection reset by 10.1.2.3")))
	r.ContentLength = -1
	h.ServeHTTP(w, r)
	if msg := wantError(t, w, 400, "SerializationException"); strings.Contains(msg, "10.1.2.3") {
		t.Fatalf("message %q", msg)
	}
	w = httptest.NewRecorder()
	r = httptest.NewRequest("POST", "/scalars", strings.NewReader(`{"int":1234567}`))
	r.ContentLength = -1
	h.ServeHTTP(w, r)
	wantError(t, w, 413, "RequestEntityTooLargeException")
	if called {
		t.Fatal("the operation was called")
	}
}

// TestPanicAfterResponseStarted: when the response is partly written (a stream that
// panics), no error can be written any more: the handler aborts the response.
func TestPanicAfterResponseStarted(t *testing.T) {
	rt := NewRouter(nil, WithLogger(slog.New(slog.DiscardHandler)))
	rt.Handle("GET", "/stream", nil, "Stream", func(c *Call) error {
		c.SetStream(io.MultiReader(strings.NewReader("part"), panicReader{}))
		return nil
	})
	w := httptest.NewRecorder()
	func() {
		defer func() {
			if p := recover(); p != http.ErrAbortHandler {
				t.Fatalf("recovered %v, want http.ErrAbortHandler", p)
			}
		}()
		rt.Handler().ServeHTTP(w, httptest.NewRequest("GET", "/stream", nil))
	}()
	if w.Code != 200 || w.Body.String() != "part" {
		t.Fatalf("got %d %q", w.Code, w.Body)
	}
}

type panicReader struct{}

func (panicReader) Read([]byte) (int, error) { panic("stream broke") }

// TestPaths: a path ServeMux would redirect (dot segments, double slashes) is a 404
// JSON error, not a 301 to another operation.
func TestPaths(t *testing.T) {
	h := scalarsHandler(func(*scalars) {})
	for _, target := range []string{"/x/../scalars", "//scalars", "/./scalars", "/scalars/", "/scalars/."} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("POST", target, strings.NewReader(`{}`)))
		wantError(t, w, 404, "UnknownOperationException")
	}
	if w := post(h, "/scalars", `{}`); w.Code != 200 {
		t.Fatalf("clean path: %d", w.Code)
	}
}

// TestHookPanics: an error hook that panics is logged, and the request still gets its
// answer (the hook is called again for the recovered panic).
func TestHookPanics(t *testing.T) {
	calls := 0
	h := scalarsHandler(func(*scalars) {}, WithLogger(slog.New(slog.DiscardHandler)), WithErrorHook(func(context.Context, string, error) {
		calls++
		panic("hook broke")
	}))
	wantError(t, post(h, "/scalars", `{"int":"x"}`), 400, "SerializationException")
	if calls != 1 {
		t.Fatalf("hook called %d times", calls)
	}
	if w := post(h, "/scalars", `{}`); w.Code != 200 {
		t.Fatalf("next request: %d", w.Code)
	}
}

// TestLongDuplicateKey: the message names a repeated key, cut short.
func TestLongDuplicateKey(t *testing.T) {
	key := strings.Repeat("é", 5000)
	var call Call
	call.body = []byte(`{"` + key + `":1,"` + key + `":2}`)
	_, err := call.ObjectDecoder()
	if err == nil || len(err.Error()) > 200 || !strings.Contains(err.Error(), "duplicate key") {
		t.Fatalf("got %v", err)
	}
}

// BenchmarkDuplicateScan scans objects of 10k, 100k and 1M keys for a repeated one: the
// time per key (ns/op divided by the keys) stays flat when the scan is linear.
func BenchmarkDuplicateScan(b *testing.B) {
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		body := manyKeys(n)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				call := Call{body: body}
				if _, err := call.ObjectDecoder(); err == nil {
					b.Fatal("repeated key not found")
				}
			}
		})
	}
}
