// Package harness is what the protocol tests that generator/protocoltest generates call:
// an HTTP client that captures the request a generated client sends, one that answers
// with a canned response, the checks of a captured request against botocore's
// `serialized` expectation, and a reflective comparison of decoded values.
//
// It is test support only: generated service code never imports it, and reflection
// stays here.
package harness

import (
	"bufio"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"math/big"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"net/url"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/aws/smithy-go"
	"github.com/fxamacker/cbor/v2"
	"github.com/svcgen/svcgen/runtime/document"
)

// Ptr returns a pointer to v.
func Ptr[T any](v T) *T { return &v }

// Doc makes a document value of JSON text; it panics on invalid JSON (the generator
// wrote the text from parsed JSON).
func Doc(s string) document.Value {
	v, err := document.Raw([]byte(s))
	if err != nil {
		panic(err)
	}
	return v
}

// BigInt parses a base-10 integer.
func BigInt(s string) *big.Int {
	v, ok := new(big.Int).SetString(s, 10)
	if !ok {
		panic("harness: bad big integer " + s)
	}
	return v
}

// BigFloat parses a decimal number.
func BigFloat(s string) *big.Float {
	v, _, err := big.ParseFloat(s, 10, 256, big.ToNearestEven)
	if err != nil {
		panic(err)
	}
	return v
}

// Time is an epoch-seconds timestamp given as seconds and nanoseconds, in UTC.
func Time(sec, nsec int64) time.Time { return time.Unix(sec, nsec).UTC() }

// ZeroToken is an idempotency token provider that makes the token a UUID generator
// makes from zero randomness, 00000000-0000-4000-8000-000000000000: what protocol
// tests expect where the caller leaves a token out.
type ZeroToken struct{}

// GetIdempotencyToken returns the version 4 UUID of sixteen zero bytes.
func (ZeroToken) GetIdempotencyToken() (string, error) {
	return "00000000-0000-4000-8000-000000000000", nil
}

// Capture is an HTTP client that records (a copy of) the request it is given and
// answers 200 with an empty body.
type Capture struct {
	Requests []*http.Request
	Bodies   [][]byte
	// Wire is the last request as net/http writes it on the wire.
	Wire []byte
}

// Do records the request.
func (c *Capture) Do(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil {
		b, err := io.ReadAll(req.Body)
		req.Body.Close()
		if err != nil {
			return nil, err
		}
		body = b
	}
	// A copy: the client may reuse the request once the response body is closed, as
	// net/http's contract allows, and the checks run after the call.
	c.Requests = append(c.Requests, req.Clone(req.Context()))
	c.Bodies = append(c.Bodies, body)
	// The wire form: what net/http's transport writes (Content-Length, Host, ...).
	wr := req.Clone(req.Context())
	wr.Body = io.NopCloser(bytes.NewReader(body))
	if len(body) == 0 {
		wr.Body = http.NoBody
	}
	var buf bytes.Buffer
	if err := wr.Write(&buf); err != nil {
		return nil, err
	}
	c.Wire = buf.Bytes()
	return &http.Response{
		StatusCode:    200,
		Status:        "200 OK",
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        http.Header{},
		Body:          io.NopCloser(bytes.NewReader(nil)),
		ContentLength: 0,
		Request:       req,
	}, nil
}

// Request is botocore's `serialized` expectation.
type Request struct {
	Method string
	URI    string
	Body   string
	// AnyBody: the case gives no body, so the body is not checked.
	AnyBody        bool
	Headers        map[string]string
	ForbidHeaders  []string
	RequireHeaders []string
	Host           string
}

// CheckRequest checks the request the client sent against want. err is what the call
// returned; it matters only when no request was sent.
func CheckRequest(t *testing.T, c *Capture, err error, want Request) {
	t.Helper()
	if len(c.Requests) == 0 {
		t.Fatalf("no request was sent; the call returned: %v", err)
	}
	if err != nil {
		t.Logf("(the call returned %v after sending the request; only the request is checked)", err)
	}
	req := c.Requests[len(c.Requests)-1]
	body := c.Bodies[len(c.Bodies)-1]
	wire, werr := parseWire(c.Wire)
	if werr != nil {
		t.Fatalf("reading the request's wire form: %v\n%s", werr, c.Wire)
	}
	if want.Method != "" && req.Method != want.Method {
		t.Errorf("method: got %s, want %s", req.Method, want.Method)
	}
	wantPath, wantQuery, _ := strings.Cut(want.URI, "?")
	if got := req.URL.EscapedPath(); got != wantPath {
		t.Errorf("path:\n got %s\nwant %s", got, wantPath)
	}
	gotQ, wantQ := queryPairs(req.URL.RawQuery), queryPairs(wantQuery)
	if !equalStrings(gotQ, wantQ) {
		t.Errorf("query (decoded pairs, sorted):\n got %q\nwant %q\n(raw query %q)", gotQ, wantQ, req.URL.RawQuery)
	}
	keys := make([]string, 0, len(want.Headers))
	for k := range want.Headers {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		vals, ok := wire.header[textproto.CanonicalMIMEHeaderKey(k)]
		if !ok {
			t.Errorf("header %s: missing, want %q", k, want.Headers[k])
			continue
		}
		if got := strings.Join(vals, ", "); got != want.Headers[k] {
			t.Errorf("header %s:\n got %q\nwant %q", k, got, want.Headers[k])
		}
	}
	for _, k := range want.ForbidHeaders {
		if vals, ok := wire.header[textproto.CanonicalMIMEHeaderKey(k)]; ok {
			t.Errorf("header %s: must be absent, got %q", k, vals)
		}
	}
	for _, k := range want.RequireHeaders {
		if _, ok := wire.header[textproto.CanonicalMIMEHeaderKey(k)]; !ok {
			t.Errorf("header %s: must be present", k)
		}
	}
	if want.Host != "" {
		// A host may carry the endpoint's path ("example.com/custom"): the request's
		// path starts with it.
		host, prefix, hasPath := strings.Cut(want.Host, "/")
		if req.URL.Host != host {
			t.Errorf("host: got %s, want %s", req.URL.Host, host)
		}
		if hasPath && !strings.HasPrefix(req.URL.EscapedPath(), "/"+prefix) {
			t.Errorf("path %s does not start with the endpoint's path /%s", req.URL.EscapedPath(), prefix)
		}
	}
	if msg := compareBody(body, []byte(want.Body)); msg != "" && !want.AnyBody {
		t.Errorf("body: %s", msg)
	}
	if t.Failed() {
		t.Logf("request on the wire:\n%s", clip(c.Wire))
	}
}

type wireRequest struct {
	header textproto.MIMEHeader
}

func parseWire(b []byte) (*wireRequest, error) {
	r := textproto.NewReader(bufio.NewReader(bytes.NewReader(b)))
	if _, err := r.ReadLine(); err != nil {
		return nil, err
	}
	h, err := r.ReadMIMEHeader()
	if err != nil {
		return nil, err
	}
	return &wireRequest{header: h}, nil
}

// queryPairs splits a raw query into decoded "key=value" pairs (or "key" for a key
// without '='), sorted.
func queryPairs(raw string) []string {
	out := []string{}
	if raw == "" {
		return out
	}
	for _, part := range strings.Split(raw, "&") {
		k, v, hasEq := strings.Cut(part, "=")
		k = unescape(k)
		if hasEq {
			out = append(out, k+"="+unescape(v))
		} else {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

func unescape(s string) string {
	u, err := url.QueryUnescape(s)
	if err != nil {
		return s
	}
	return u
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// compareBody compares bodies as JSON values when the expected one looks like JSON,
// else byte for byte; it returns "" when they match.
func compareBody(got, want []byte) string {
	tw := bytes.TrimSpace(want)
	if len(tw) > 0 && (tw[0] == '{' || tw[0] == '[') {
		var w, g any
		if err := json.Unmarshal(tw, &w); err == nil {
			if err := json.Unmarshal(got, &g); err != nil {
				return fmt.Sprintf("not JSON (%v):\n got %s\nwant %s", err, clip(got), clip(want))
			}
			if !reflect.DeepEqual(g, w) {
				return fmt.Sprintf("JSON differs:\n got %s\nwant %s", clip(got), clip(want))
			}
			return ""
		}
	}
	if len(want) > 0 && want[0]>>5 == 5 {
		// a CBOR map (smithy-rpc-v2-cbor): the same values, whatever the lengths'
		// encoding (definite or not), the floats' widths or the keys' order
		g, errG := canonicalCBOR(got)
		w, errW := canonicalCBOR(want)
		switch {
		case errW != nil:
		case errG != nil:
			return fmt.Sprintf("not CBOR (%v):\n got %x\nwant %x", errG, clip(got), clip(want))
		case !bytes.Equal(g, w):
			return fmt.Sprintf("CBOR differs:\n got %x\nwant %x", clip(got), clip(want))
		default:
			return ""
		}
	}
	if len(tw) > 0 && tw[0] == '<' {
		// XML (rest-xml): the same elements, attributes and text, whitespace between
		// elements aside; siblings in any order (map entries come from Go maps)
		g, errG := canonicalXML(got)
		w, errW := canonicalXML(tw)
		switch {
		case errW != nil:
		case errG != nil:
			return fmt.Sprintf("not XML (%v):\n got %s\nwant %s", errG, clip(got), clip(want))
		case g != w:
			return fmt.Sprintf("XML differs:\n got %s\nwant %s", clip(got), clip(want))
		default:
			return ""
		}
	}
	if isForm(tw) {
		// a form body (awsQuery): the same pairs, in any order
		g, errG := url.ParseQuery(string(got))
		w, errW := url.ParseQuery(string(tw))
		if errG == nil && errW == nil && reflect.DeepEqual(MapEntrySets(g), MapEntrySets(w)) {
			return ""
		}
	}
	if !bytes.Equal(got, want) {
		return fmt.Sprintf("\n got %q\nwant %q", clip(got), clip(want))
	}
	return ""
}

// canonicalCBOR re-encodes a CBOR item in the oracle's core deterministic encoding
// (RFC 8949 §4.2.1: definite lengths, sorted keys, floats in their shortest exact
// width, one NaN), after decoding it with github.com/fxamacker/cbor, a library
// independent of the runtime's cborwire: equal values give equal bytes.
func canonicalCBOR(b []byte) ([]byte, error) {
	var v any
	if err := cborDec.Unmarshal(b, &v); err != nil {
		return nil, err
	}
	return cborEnc.Marshal(v)
}

var (
	cborDec, _ = cbor.DecOptions{DefaultMapType: reflect.TypeOf(map[any]any(nil))}.DecMode()
	cborEnc, _ = func() (cbor.EncMode, error) {
		o := cbor.CoreDetEncOptions()
		o.Time, o.TimeTag = cbor.TimeUnixDynamic, cbor.EncTagRequired
		return o.EncMode()
	}()
)

// canonicalXML renders an XML document so that equivalent documents render the same:
// each element as its namespace and name, sorted attributes, trimmed text and its
// children's renderings sorted.
func canonicalXML(b []byte) (string, error) {
	dec := xml.NewDecoder(bytes.NewReader(b))
	type node struct {
		head     string
		text     strings.Builder
		children []string
	}
	var stack []*node
	var root string
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			var attrs []string
			for _, a := range t.Attr {
				attrs = append(attrs, a.Name.Space+":"+a.Name.Local+"="+a.Value)
			}
			sort.Strings(attrs)
			stack = append(stack, &node{head: t.Name.Space + ":" + t.Name.Local + "[" + strings.Join(attrs, ",") + "]"})
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text.Write(t)
			}
		case xml.EndElement:
			n := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			sort.Strings(n.children)
			r := n.head + "(" + strings.TrimSpace(n.text.String()) + ")" + "{" + strings.Join(n.children, "") + "}"
			if len(stack) == 0 {
				root = r
			} else {
				stack[len(stack)-1].children = append(stack[len(stack)-1].children, r)
			}
		}
	}
	return root, nil
}

// mapEntry matches the key of a query map entry's part: Prefix.entry.N.rest, or the
// flattened Prefix.N.key and Prefix.N.value and their rest.
var mapEntry = regexp.MustCompile(`^(.*?\.entry|.*?)\.(\d+)\.(key|value)(\..*)?$`)

// MapEntrySets renumbers the entries of every query map in a form so that two forms
// whose maps hold the same entries in another order compare equal: a map's entries
// are numbered in the order of their contents, whatever .N the sender gave them (a
// client may send a map in any order, as Go maps have none). Lists keep their order.
func MapEntrySets(form url.Values) url.Values {
	for {
		// the outermost map not yet renumbered: the shortest prefix of an entry
		prefix := ""
		found := false
		for k := range form {
			m := mapEntry.FindStringSubmatch(k)
			if m == nil || strings.HasSuffix(m[1], "\x00") {
				continue
			}
			if !found || len(m[1]) < len(prefix) || len(m[1]) == len(prefix) && m[1] < prefix {
				prefix, found = m[1], true
			}
		}
		if !found {
			break
		}
		// entries by number: their parts, as sorted "rest=values" lines
		entries := map[string][]string{}
		for k, v := range form {
			if !strings.HasPrefix(k, prefix+".") {
				continue
			}
			n, rest, ok := strings.Cut(k[len(prefix)+1:], ".")
			if !ok || strings.Trim(n, "0123456789") != "" {
				continue
			}
			entries[n] = append(entries[n], rest+"="+strings.Join(v, "\x01"))
			delete(form, k)
		}
		sigs := make([]string, 0, len(entries))
		for _, parts := range entries {
			sort.Strings(parts)
			sigs = append(sigs, strings.Join(parts, "\x02"))
		}
		sort.Strings(sigs)
		// renumbered under a marked prefix, so that the map is not taken again
		for i, sig := range sigs {
			for _, part := range strings.Split(sig, "\x02") {
				rest, v, _ := strings.Cut(part, "=")
				form[fmt.Sprintf("%s\x00.%d.%s", prefix, i+1, rest)] = strings.Split(v, "\x01")
			}
		}
	}
	out := url.Values{}
	for k, v := range form {
		out[strings.ReplaceAll(k, "\x00", "")] = v
	}
	return out
}

// isForm reports a body that looks form-encoded: key=value pairs joined by '&'.
func isForm(b []byte) bool {
	return bytes.Contains(b, []byte("=")) && !bytes.ContainsAny(b, " \n<{")
}

// clip shortens long text for a failure message.
func clip(b []byte) []byte {
	const max = 2000
	if len(b) <= max {
		return b
	}
	return append(b[:max:max], fmt.Sprintf("... (%d bytes in all)", len(b))...)
}

// Responder is an HTTP client that answers every request with one canned response.
type Responder struct {
	Status  int
	Headers [][2]string
	Body    string
	// Requests counts the requests it answered.
	Requests int
}

// Do answers with the canned response.
func (r *Responder) Do(req *http.Request) (*http.Response, error) {
	r.Requests++
	if req.Body != nil {
		io.Copy(io.Discard, req.Body)
		req.Body.Close()
	}
	h := http.Header{}
	for _, kv := range r.Headers {
		h.Add(kv[0], kv[1])
	}
	return &http.Response{
		StatusCode:    r.Status,
		Status:        fmt.Sprintf("%d %s", r.Status, http.StatusText(r.Status)),
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        h,
		Body:          io.NopCloser(strings.NewReader(r.Body)),
		ContentLength: int64(len(r.Body)),
		Request:       req,
	}, nil
}

// Compare reports every difference between a decoded value and the expected one.
func Compare(t *testing.T, got, want any) {
	t.Helper()
	var diffs []string
	compare(&diffs, "", reflect.ValueOf(got), reflect.ValueOf(want))
	for _, d := range diffs {
		t.Error(d)
	}
}

// Diff returns the differences between got and want, one per line.
func Diff(got, want any) []string {
	var diffs []string
	compare(&diffs, "", reflect.ValueOf(got), reflect.ValueOf(want))
	return diffs
}

var (
	timeType     = reflect.TypeOf(time.Time{})
	docType      = reflect.TypeOf(document.Value{})
	bigIntType   = reflect.TypeOf((*big.Int)(nil))
	bigFloatType = reflect.TypeOf((*big.Float)(nil))
	readerType   = reflect.TypeOf((*io.Reader)(nil)).Elem()
	bytesType    = reflect.TypeOf([]byte(nil))
)

func show(v reflect.Value) string {
	if !v.IsValid() {
		return "<nil>"
	}
	switch v.Type() {
	case timeType:
		t := v.Interface().(time.Time)
		return fmt.Sprintf("%s (epoch %d.%09d)", t.UTC().Format(time.RFC3339Nano), t.Unix(), t.Nanosecond())
	case bytesType:
		if v.IsNil() {
			return "nil []byte"
		}
		return fmt.Sprintf("[]byte(%q)", v.Bytes())
	case docType:
		return fmt.Sprintf("document %s", v.Interface().(document.Value).JSON())
	}
	if v.Kind() == reflect.Pointer && !v.IsNil() {
		return "&" + show(v.Elem())
	}
	if v.CanInterface() {
		return fmt.Sprintf("%#v", v.Interface())
	}
	return v.String()
}

func compare(diffs *[]string, path string, got, want reflect.Value) {
	at := path
	if at == "" {
		at = "value"
	}
	if !got.IsValid() || !want.IsValid() {
		if got.IsValid() != want.IsValid() {
			*diffs = append(*diffs, fmt.Sprintf("%s: got %s, want %s", at, show(got), show(want)))
		}
		return
	}
	if got.Type() != want.Type() {
		*diffs = append(*diffs, fmt.Sprintf("%s: got type %s, want %s", at, got.Type(), want.Type()))
		return
	}
	switch got.Type() {
	case timeType:
		g, w := got.Interface().(time.Time), want.Interface().(time.Time)
		if !g.Equal(w) {
			*diffs = append(*diffs, fmt.Sprintf("%s: got %s, want %s", at, show(got), show(want)))
		}
		return
	case docType:
		g, w := got.Interface().(document.Value), want.Interface().(document.Value)
		if g.IsZero() != w.IsZero() || !g.IsZero() && !sameJSON(g.JSON(), w.JSON()) {
			*diffs = append(*diffs, fmt.Sprintf("%s: got %s, want %s", at, show(got), show(want)))
		}
		return
	case bigIntType:
		g, w := got.Interface().(*big.Int), want.Interface().(*big.Int)
		if (g == nil) != (w == nil) || g != nil && g.Cmp(w) != 0 {
			*diffs = append(*diffs, fmt.Sprintf("%s: got %v, want %v", at, g, w))
		}
		return
	case bigFloatType:
		g, w := got.Interface().(*big.Float), want.Interface().(*big.Float)
		if (g == nil) != (w == nil) || g != nil && g.Cmp(w) != 0 {
			*diffs = append(*diffs, fmt.Sprintf("%s: got %v, want %v", at, g, w))
		}
		return
	case bytesType: // blobs compare as strings
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			*diffs = append(*diffs, fmt.Sprintf("%s: got %s, want %s", at, show(got), show(want)))
		}
		return
	}
	switch got.Kind() {
	case reflect.Pointer:
		if got.IsNil() || want.IsNil() {
			if got.IsNil() != want.IsNil() {
				*diffs = append(*diffs, fmt.Sprintf("%s: got %s, want %s", at, show(got), show(want)))
			}
			return
		}
		compare(diffs, path, got.Elem(), want.Elem())
	case reflect.Interface:
		if got.IsNil() || want.IsNil() {
			if got.IsNil() != want.IsNil() {
				*diffs = append(*diffs, fmt.Sprintf("%s: got %s, want %s", at, show(got), show(want)))
			}
			return
		}
		if got.Type().Implements(readerType) && got.Elem().Type().Implements(readerType) {
			g, gerr := io.ReadAll(got.Interface().(io.Reader))
			w, _ := io.ReadAll(want.Interface().(io.Reader))
			if gerr != nil || !bytes.Equal(g, w) {
				*diffs = append(*diffs, fmt.Sprintf("%s: read %q (error %v), want %q", at, g, gerr, w))
			}
			return
		}
		compare(diffs, path, got.Elem(), want.Elem())
	case reflect.Struct:
		for i := 0; i < got.NumField(); i++ {
			f := got.Type().Field(i)
			if !f.IsExported() {
				continue
			}
			compare(diffs, join(path, f.Name), got.Field(i), want.Field(i))
		}
	case reflect.Slice:
		if got.IsNil() != want.IsNil() || got.Len() != want.Len() {
			*diffs = append(*diffs, fmt.Sprintf("%s: got %s (len %d), want %s (len %d)", at, show(got), got.Len(), show(want), want.Len()))
			return
		}
		for i := 0; i < got.Len(); i++ {
			compare(diffs, fmt.Sprintf("%s[%d]", path, i), got.Index(i), want.Index(i))
		}
	case reflect.Map:
		if got.IsNil() != want.IsNil() || got.Len() != want.Len() {
			*diffs = append(*diffs, fmt.Sprintf("%s: got %s (len %d), want %s (len %d)", at, show(got), got.Len(), show(want), want.Len()))
			return
		}
		for _, k := range want.MapKeys() {
			g := got.MapIndex(k)
			if !g.IsValid() {
				*diffs = append(*diffs, fmt.Sprintf("%s[%v]: missing", path, k))
				continue
			}
			compare(diffs, fmt.Sprintf("%s[%v]", path, k), g, want.MapIndex(k))
		}
	case reflect.Float32, reflect.Float64:
		g, w := got.Float(), want.Float()
		if g != w && !(math.IsNaN(g) && math.IsNaN(w)) {
			*diffs = append(*diffs, fmt.Sprintf("%s: got %v, want %v", at, g, w))
		}
	default:
		if !got.CanInterface() || !want.CanInterface() {
			return
		}
		if got.Interface() != want.Interface() {
			*diffs = append(*diffs, fmt.Sprintf("%s: got %s, want %s", at, show(got), show(want)))
		}
	}
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

func sameJSON(a, b []byte) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return bytes.Equal(a, b)
	}
	return reflect.DeepEqual(x, y)
}

// CheckError checks that err unwraps to target's type (target is a pointer to a
// pointer to the modeled error type), with the code and message given; message is
// checked only when hasMessage.
func CheckError(t *testing.T, err error, target any, code, message string, hasMessage bool) bool {
	t.Helper()
	if err == nil {
		t.Fatalf("the call succeeded; want error %s", code)
	}
	if !errors.As(err, target) {
		t.Fatalf("error %v (%T) does not unwrap to %s", err, err, reflect.TypeOf(target).Elem())
	}
	var api smithy.APIError
	if !errors.As(err, &api) {
		t.Fatalf("error %v (%T) is not a smithy.APIError", err, err)
	}
	if api.ErrorCode() != code {
		t.Errorf("ErrorCode() = %q, want %q", api.ErrorCode(), code)
	}
	if hasMessage && api.ErrorMessage() != message {
		t.Errorf("ErrorMessage() = %q, want %q", api.ErrorMessage(), message)
	}
	return true
}

// Serve sends the request botocore's `serialized` describes (method, path and query,
// headers, body; the host is example.com) to a server's handler, as net/http's server
// would read it off the wire, and returns the recorded response.
func Serve(t *testing.T, h http.Handler, req Request) *httptest.ResponseRecorder {
	t.Helper()
	var wire strings.Builder
	fmt.Fprintf(&wire, "%s %s HTTP/1.1\r\nHost: example.com\r\n", req.Method, req.URI)
	keys := make([]string, 0, len(req.Headers))
	for k := range req.Headers {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if strings.EqualFold(k, "Content-Length") || strings.EqualFold(k, "Host") {
			continue // written from the body below, and the host is irrelevant
		}
		fmt.Fprintf(&wire, "%s: %s\r\n", k, req.Headers[k])
	}
	if req.Body != "" {
		fmt.Fprintf(&wire, "Content-Length: %d\r\n", len(req.Body))
	}
	wire.WriteString("\r\n")
	wire.WriteString(req.Body)
	r, err := http.ReadRequest(bufio.NewReader(strings.NewReader(wire.String())))
	if err != nil {
		t.Fatalf("the case's request does not parse: %v\n%s", err, wire.String())
	}
	r.RemoteAddr = "192.0.2.1:1234"
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	return rec
}

// ConstraintMark starts the failure of a case whose request the server refused with a
// validation error: botocore's cases do not check the model's constraints, which a
// server does.
const ConstraintMark = "CONSTRAINT VIOLATION"

// CheckCalled checks that the service's operation want was called (called is the one
// it recorded) and, when rec is not nil, that the server answered it with a success.
func CheckCalled(t *testing.T, rec *httptest.ResponseRecorder, called, want string) {
	t.Helper()
	answer := ""
	if rec != nil {
		answer = fmt.Sprintf("; the server answered %d (%s): %s", rec.Code, rec.Header().Get("X-Amzn-Errortype"), clip(rec.Body.Bytes()))
	}
	if called != want {
		msg := fmt.Sprintf("the service's %s was not called (called: %q)%s", want, called, answer)
		if rec != nil && rec.Code == http.StatusBadRequest && rec.Header().Get("X-Amzn-Errortype") == "ValidationException" {
			msg = ConstraintMark + ": the server refused the case's request with a validation error: " + msg
		}
		t.Fatal(msg)
	}
	if rec != nil && (rec.Code < 200 || rec.Code > 299) {
		t.Fatalf("the service's %s was called, but the server did not answer with a success%s", want, answer)
	}
}

// Loopback is an HTTP client that serves every request with a handler in the same
// process: a generated client talking to a generated server.
type Loopback struct {
	Handler http.Handler
}

// Do serves the request with the handler, as a server reads it off the wire.
func (l *Loopback) Do(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil {
		b, err := io.ReadAll(req.Body)
		req.Body.Close()
		if err != nil {
			return nil, err
		}
		body = b
	}
	wr := req.Clone(req.Context())
	wr.Body = http.NoBody
	if len(body) > 0 {
		wr.Body = io.NopCloser(bytes.NewReader(body))
	}
	var wire bytes.Buffer
	if err := wr.Write(&wire); err != nil {
		return nil, err
	}
	sreq, err := http.ReadRequest(bufio.NewReader(&wire))
	if err != nil {
		return nil, fmt.Errorf("loopback: the request does not parse: %w", err)
	}
	sreq = sreq.WithContext(req.Context())
	sreq.RemoteAddr = "192.0.2.1:1234"
	rec := httptest.NewRecorder()
	l.Handler.ServeHTTP(rec, sreq)
	resp := rec.Result()
	// the request id every response carries is transport metadata the suites do not
	// model (a prefix-headers member bound to "" would collect it)
	resp.Header.Del("X-Amzn-Requestid")
	resp.Request = req
	return resp, nil
}
