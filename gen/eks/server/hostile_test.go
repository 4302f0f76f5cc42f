package server_test

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/svcgen/svcgen/runtime/server"
)

const (
	createPath = "/clusters/prod/pod-identity-associations"
	listPath   = "/clusters/prod/pod-identity-associations"
	itemPath   = "/clusters/prod/pod-identity-associations/a-1"
)

// create returns a CreatePodIdentityAssociation body with member (raw JSON text) in
// place of the valid one of the same name, or added.
func create(member, value string) string {
	members := map[string]string{
		"namespace": `"default"`, "serviceAccount": `"app"`, "roleArn": `"arn:aws:iam::1:role/x"`, "tags": `{"team":"payments"}`,
	}
	members[member] = value
	var b strings.Builder
	b.WriteString("{")
	for i, k := range []string{"namespace", "serviceAccount", "roleArn", "tags"} {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, "%q:%s", k, members[k])
	}
	if _, known := map[string]bool{"namespace": true, "serviceAccount": true, "roleArn": true, "tags": true}[member]; !known {
		fmt.Fprintf(&b, ",%q:%s", member, value)
	}
	b.WriteString("}")
	return b.String()
}

func nested(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }

type hostileCase struct {
	name           string
	method, target string
	body           string
	header         http.Header
	status         int
	code           string
	// message holds texts the error message must contain.
	message []string
	// fields are the paths the fieldList of a validation error must list.
	fields []string
	// allow is the Allow header of a 405.
	allow string
}

func hostileCases() []hostileCase {
	const (
		ser = "SerializationException"
		val = "ValidationException"
	)
	var tags51 strings.Builder
	tags51.WriteString("{")
	for i := range 51 {
		if i > 0 {
			tags51.WriteString(",")
		}
		fmt.Fprintf(&tags51, `"k%02d":"v"`, i)
	}
	tags51.WriteString("}")
	return []hostileCase{
		// not JSON, or not the JSON of the input
		{name: "truncated object", method: "POST", target: createPath, body: `{"namespace":"default","serviceAccount":"app"`, status: 400, code: ser, message: []string{"end of input"}},
		{name: "truncated string", method: "POST", target: createPath, body: `{"namespace":"defa`, status: 400, code: ser},
		{name: "truncated after colon", method: "POST", target: createPath, body: `{"namespace":`, status: 400, code: ser},
		{name: "only an open brace", method: "POST", target: createPath, body: `{`, status: 400, code: ser},
		{name: "number for namespace", method: "POST", target: createPath, body: create("namespace", `42`), status: 400, code: ser, message: []string{"expected string, found number"}},
		{name: "object for roleArn", method: "POST", target: createPath, body: create("roleArn", `{"arn":"x"}`), status: 400, code: ser, message: []string{"expected string, found object"}},
		{name: "array for tags", method: "POST", target: createPath, body: create("tags", `["team","payments"]`), status: 400, code: ser, message: []string{"expected object, found array"}},
		{name: "string for tags", method: "POST", target: createPath, body: create("tags", `"team=payments"`), status: 400, code: ser, message: []string{"expected object, found string"}},
		{name: "number as a tag value", method: "POST", target: createPath, body: create("tags", `{"team":7}`), status: 400, code: ser, message: []string{"expected string, found number"}},
		{name: "bool as a tag value", method: "POST", target: createPath, body: create("tags", `{"team":true}`), status: 400, code: ser},
		{name: "object as a tag value", method: "POST", target: createPath, body: create("tags", `{"team":{}}`), status: 400, code: ser},
		{name: "boolean for clientRequestToken", method: "POST", target: createPath, body: create("clientRequestToken", `false`), status: 400, code: ser},
		{name: "array as the body", method: "POST", target: createPath, body: `[` + validCreate + `]`, status: 400, code: ser, message: []string{"expected object, found array"}},
		{name: "string as the body", method: "POST", target: createPath, body: `"namespace"`, status: 400, code: ser},
		{name: "number as the body", method: "POST", target: itemPath, body: `10`, status: 400, code: ser},
		{name: "null as the body", method: "POST", target: createPath, body: `null`, status: 400, code: ser, message: []string{"expected object, found null"}},
		{name: "null as the body of an input without required body members", method: "POST", target: itemPath, body: ` null `, status: 400, code: ser},
		{name: "single quotes", method: "POST", target: itemPath, body: `{'roleArn': 'x'}`, status: 400, code: ser},
		{name: "comment", method: "POST", target: itemPath, body: `{"roleArn": "x" /* the role */}`, status: 400, code: ser},
		{name: "trailing comma", method: "POST", target: itemPath, body: `{"roleArn": "x",}`, status: 400, code: ser},
		{name: "control character in a string", method: "POST", target: itemPath, body: "{\"roleArn\": \"a\x01b\"}", status: 400, code: ser},
		{name: "form feed as whitespace", method: "POST", target: itemPath, body: "{\"roleArn\" :\x0c\"x\"}", status: 400, code: ser},
		{name: "bad escape", method: "POST", target: itemPath, body: `{"roleArn": "\x41"}`, status: 400, code: ser},
		{name: "trailing garbage", method: "POST", target: createPath, body: validCreate + `abc`, status: 400, code: ser, message: []string{"after top-level value"}},
		{name: "second object", method: "POST", target: createPath, body: validCreate + `{}`, status: 400, code: ser},
		{name: "garbage before", method: "POST", target: createPath, body: `abc` + validCreate, status: 400, code: ser},
		{name: "NUL after the object", method: "POST", target: createPath, body: validCreate + "\x00", status: 400, code: ser},

		// nesting
		{name: "10000 nested arrays as an unknown member", method: "POST", target: createPath, body: create("extra", nested(10000)), status: 400, code: ser, message: []string{"nesting depth"}},
		{name: "10000 nested arrays as a known member", method: "POST", target: createPath, body: create("namespace", nested(10000)), status: 400, code: ser},
		{name: "10000 nested arrays as tags", method: "POST", target: createPath, body: create("tags", nested(10000)), status: 400, code: ser},
		{name: "10000 nested arrays as the body", method: "POST", target: createPath, body: nested(10000), status: 400, code: ser},
		{name: "10000 open arrays as the body", method: "POST", target: itemPath, body: strings.Repeat("[", 10000), status: 400, code: ser},
		{name: "10000 nested objects as an unknown member", method: "POST", target: itemPath, body: `{"x":` + strings.Repeat(`{"a":`, 10000) + `1` + strings.Repeat("}", 10000) + `}`, status: 400, code: ser, message: []string{"nesting depth"}},

		// text that is not UTF-8
		{name: "invalid UTF-8 in a string", method: "POST", target: createPath, body: create("namespace", "\"def\xffault\""), status: 400, code: ser, message: []string{"invalid UTF-8"}},
		{name: "invalid UTF-8 in a tag key", method: "POST", target: createPath, body: create("tags", "{\"te\xc3am\":\"x\"}"), status: 400, code: ser, message: []string{"invalid UTF-8"}},
		{name: "surrogate half as UTF-8 bytes", method: "POST", target: itemPath, body: "{\"roleArn\":\"\xed\xa0\x80\"}", status: 400, code: ser, message: []string{"invalid UTF-8"}},
		{name: "invalid UTF-8 in an unknown member", method: "POST", target: itemPath, body: "{\"x\":\"\xff\"}", status: 400, code: ser, message: []string{"invalid UTF-8"}},
		{name: "invalid UTF-8 in a label", method: "GET", target: "/clusters/pr%FFod/pod-identity-associations", status: 400, code: ser, message: []string{"UTF-8"}},
		{name: "invalid UTF-8 in a query value", method: "GET", target: listPath + "?namespace=def%C3ault", status: 400, code: ser, message: []string{"UTF-8"}},
		{name: "invalid UTF-8 in a query name", method: "GET", target: listPath + "?n%FF=1", status: 400, code: ser, message: []string{"UTF-8"}},

		// numbers
		{name: "maxResults beyond int64", method: "GET", target: listPath + "?maxResults=99999999999999999999", status: 400, code: ser, message: []string{"99999999999999999999"}},
		{name: "maxResults beyond int32", method: "GET", target: listPath + "?maxResults=2147483648", status: 400, code: ser},
		{name: "maxResults 1e400", method: "GET", target: listPath + "?maxResults=1e400", status: 400, code: ser},
		{name: "maxResults with a fraction", method: "GET", target: listPath + "?maxResults=1.5", status: 400, code: ser},
		{name: "maxResults empty", method: "GET", target: listPath + "?maxResults=", status: 400, code: ser},
		{name: "maxResults NaN", method: "GET", target: listPath + "?maxResults=NaN", status: 400, code: ser},
		{name: "maxResults out of the model's range", method: "GET", target: listPath + "?maxResults=101", status: 400, code: val, fields: []string{"/maxResults"}},
		{name: "maxResults zero", method: "GET", target: listPath + "?maxResults=0", status: 400, code: val, fields: []string{"/maxResults"}},
		{name: "1e400 for a string member", method: "POST", target: createPath, body: create("namespace", `1e400`), status: 400, code: ser},
		{name: "1e400 as a tag value", method: "POST", target: createPath, body: create("tags", `{"a":1e400}`), status: 400, code: ser},
		{name: "malformed number in an unknown member", method: "POST", target: itemPath, body: `{"x":01}`, status: 400, code: ser},

		// constraints: every violation, with its path
		{name: "empty object", method: "POST", target: createPath, body: `{}`, status: 400, code: val, fields: []string{"/namespace", "/serviceAccount", "/roleArn"}},
		{name: "empty body", method: "POST", target: createPath, body: ``, status: 400, code: val, fields: []string{"/namespace", "/serviceAccount", "/roleArn"}},
		{name: "whitespace body", method: "POST", target: createPath, body: " \n", status: 400, code: ser},
		{name: "null members", method: "POST", target: createPath, body: `{"namespace":null,"serviceAccount":null,"roleArn":null,"tags":{"a":"b"}}`, status: 400, code: val, fields: []string{"/namespace", "/serviceAccount", "/roleArn"}},
		{name: "51 tags", method: "POST", target: createPath, body: create("tags", tags51.String()), status: 400, code: val, fields: []string{"/tags"}},
		{name: "bad tag key and value", method: "POST", target: createPath, body: create("tags", `{"":"x","ok":"`+strings.Repeat("é", 257)+`","`+strings.Repeat("k", 129)+`":"y"}`), status: 400, code: val,
			fields: []string{`/tags/`, `/tags/ok`, `/tags/` + strings.Repeat("k", 129)}},
		{name: "missing members and bad tags together", method: "POST", target: createPath, body: `{"roleArn":"r","tags":{"":"v"}}`, status: 400, code: val, fields: []string{"/namespace", "/serviceAccount", `/tags/`}},

		// duplicate keys
		{name: "duplicate key", method: "POST", target: createPath, body: `{"namespace":"default","namespace":"kube-system","serviceAccount":"app","roleArn":"r","tags":{"a":"b"}}`, status: 400, code: ser, message: []string{`duplicate key "namespace"`}},
		{name: "duplicate key spelt with an escape", method: "POST", target: itemPath, body: `{"roleArn":"a","role\u0041rn":"b"}`, status: 400, code: ser, message: []string{`duplicate key "roleArn"`}},
		{name: "duplicate key after an array member", method: "POST", target: itemPath, body: `{"roleArn":"a","x":[1,[2]],"y":{"roleArn":1},"roleArn":"b"}`, status: 400, code: ser, message: []string{`duplicate key "roleArn"`}},
		{name: "duplicate tag key", method: "POST", target: createPath, body: create("tags", `{"team":"a","team":"b"}`), status: 400, code: ser, message: []string{`duplicate key "team"`}},
		{name: "duplicate key in an unknown member", method: "POST", target: itemPath, body: `{"x":[{"a":1,"b":2,"a":3}]}`, status: 400, code: ser},

		// sizes
		{name: "body over the default limit", method: "POST", target: createPath, body: create("extra", `"`+strings.Repeat("x", server.DefaultBodyLimit)+`"`), status: 413, code: "RequestEntityTooLargeException"},

		// routing
		{name: "unknown path", method: "GET", target: "/clusters", status: 404, code: "UnknownOperationException"},
		{name: "unknown path below an operation", method: "GET", target: itemPath + "/more", status: 404, code: "UnknownOperationException"},
		{name: "trailing slash", method: "GET", target: listPath + "/", status: 404, code: "UnknownOperationException"},
		{name: "dot-dot segment", method: "GET", target: "/clusters/x/../prod/pod-identity-associations", status: 404, code: "UnknownOperationException"},
		{name: "empty label", method: "GET", target: "/clusters//pod-identity-associations", status: 404, code: "UnknownOperationException"},
		{name: "wrong method", method: "PUT", target: createPath, status: 405, code: "MethodNotAllowedException", allow: "GET, HEAD, POST"},
		{name: "wrong method on an item", method: "PATCH", target: itemPath, body: `{}`, status: 405, code: "MethodNotAllowedException", allow: "DELETE, GET, HEAD, POST"},

		// query strings
		{name: "repeated scalar query key", method: "GET", target: listPath + "?maxResults=5&maxResults=50", status: 400, code: ser, message: []string{`"maxResults" is repeated`}},
		{name: "repeated string query key", method: "GET", target: listPath + "?namespace=a&namespace=b", status: 400, code: ser, message: []string{`"namespace" is repeated`}},
		{name: "bad percent escape in the query", method: "GET", target: listPath + "?namespace=%zz", status: 400, code: ser},
		{name: "semicolon in the query", method: "GET", target: listPath + "?namespace=a;maxResults=5", status: 400, code: ser},
	}
}

// TestHostileRequests: every malformed request gets its 4xx with a JSON error body,
// never reaches the service, and leaves the handler serving the next valid request.
func TestHostileRequests(t *testing.T) {
	h, svc := newHandler()
	for _, c := range hostileCases() {
		t.Run(c.name, func(t *testing.T) {
			svc.take()
			resp := serve(h, c.method, c.target, strings.NewReader(c.body), c.header)
			e := checkError(t, resp, c.status, c.code)
			for _, m := range c.message {
				if !strings.Contains(e.Message, m) {
					t.Errorf("message %q does not say %q", e.Message, m)
				}
			}
			if c.allow != "" && resp.Header.Get("Allow") != c.allow {
				t.Errorf("Allow %q, want %q", resp.Header.Get("Allow"), c.allow)
			}
			checkFields(t, e, c.fields)
			if calls := svc.take(); len(calls) > 0 {
				t.Fatalf("the service was called: %v", calls)
			}
			checkServes(t, h, svc)
		})
	}
}

// checkFields checks that a validation error lists each of paths, in its fieldList
// and in its message.
func checkFields(t *testing.T, e errorBody, paths []string) {
	t.Helper()
	if len(paths) == 0 {
		return
	}
	listed := map[string]bool{}
	for _, f := range e.FieldList {
		if f.Message == "" {
			t.Errorf("field %q has no message", f.Path)
		}
		listed[f.Path] = true
	}
	for _, p := range paths {
		if !listed[p] {
			t.Errorf("fieldList %+v does not list %s", e.FieldList, p)
		}
		if !strings.Contains(e.Message, p+": ") {
			t.Errorf("message %q does not name %s", e.Message, p)
		}
	}
}

// TestBodyOverLimitUnknownLength: a body larger than the limit is refused while it is
// read when the request does not say its length (chunked).
func TestBodyOverLimitUnknownLength(t *testing.T) {
	h, svc := newHandler()
	big := create("extra", `"`+strings.Repeat("x", server.DefaultBodyLimit)+`"`)
	r := newRequest("POST", createPath, io.MultiReader(strings.NewReader(big)))
	r.ContentLength = -1
	checkError(t, do(h, r), 413, "RequestEntityTooLargeException")
	if calls := svc.take(); len(calls) > 0 {
		t.Fatalf("the service was called: %v", calls)
	}
	checkServes(t, h, svc)
}

// TestBodyLimitOption: WithBodyLimit(1024) refuses 2 KiB (whether its length is known
// or not) and still accepts a body of exactly 1024 bytes.
func TestBodyLimitOption(t *testing.T) {
	h, svc := newHandler(server.WithBodyLimit(1024))
	body := create("extra", `"`+strings.Repeat("x", 2048)+`"`)
	checkError(t, serve(h, "POST", createPath, strings.NewReader(body), nil), 413, "RequestEntityTooLargeException")
	r := newRequest("POST", createPath, io.MultiReader(strings.NewReader(body)))
	r.ContentLength = -1
	checkError(t, do(h, r), 413, "RequestEntityTooLargeException")
	if calls := svc.take(); len(calls) > 0 {
		t.Fatalf("the service was called: %v", calls)
	}

	exact := create("extra", `"`)
	exact = create("extra", `"`+strings.Repeat("x", 1024-len(exact)-1)+`"`)
	if len(exact) != 1024 {
		t.Fatalf("test body is %d bytes", len(exact))
	}
	if resp := serve(h, "POST", createPath, strings.NewReader(exact), nil); resp.StatusCode != 200 {
		t.Fatalf("a body of exactly the limit got %d", resp.StatusCode)
	}
	checkServes(t, h, svc)
}

// TestHostileButServed: requests that look odd but are valid are served as the
// protocol says.
func TestHostileButServed(t *testing.T) {
	h, svc := newHandler()
	for _, c := range []struct {
		name, method, target, body string
		op                         string
		want                       string // in the response body
	}{
		// rest-json clients escape "/" in a label that is not greedy: the label is
		// decoded and stays one segment, so this is List, not Describe. The model puts
		// no pattern on cluster names, so the service decides about "a/b".
		{"encoded slash in a label", "GET", "/clusters/a%2Fpod-identity-associations%2Fb/pod-identity-associations", "", "ListPodIdentityAssociations", `"clusterName":"a/pod-identity-associations/b"`},
		{"encoded dot-dot in a label", "GET", "/clusters/%2E%2E/pod-identity-associations/a-1", "", "DescribePodIdentityAssociation", `"clusterName":".."`},
		{"unknown query parameters are ignored", "GET", listPath + "?maxResults=2&x=1&x=2", "", "ListPodIdentityAssociations", `"associations":[`},
		{"unknown members are skipped", "POST", createPath, create("extra", `{"a":[1e400,-0.0e-7,true,null,"\ud800"]}`), "CreatePodIdentityAssociation", `"clusterName":"prod"`},
		{"escapes are decoded", "POST", createPath, create("namespace", `"d\u0065fault\n"`), "CreatePodIdentityAssociation", `"namespace":"default\n"`},
		{"leading and trailing whitespace", "POST", createPath, "\n\t " + validCreate + " \r\n", "CreatePodIdentityAssociation", `"clusterName":"prod"`},
		{"HEAD of a GET operation", "HEAD", itemPath, "", "DescribePodIdentityAssociation", ``},
	} {
		t.Run(c.name, func(t *testing.T) {
			svc.take()
			resp := serve(h, c.method, c.target, strings.NewReader(c.body), nil)
			raw, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != 200 || !bytes.Contains(raw, []byte(c.want)) {
				t.Fatalf("got %d %s, want 200 with %s", resp.StatusCode, raw, c.want)
			}
			if calls := svc.take(); len(calls) != 1 || calls[0] != c.op {
				t.Fatalf("calls %v, want [%s]", calls, c.op)
			}
		})
	}
}

// TestOptionalTagsMayBeAbsent: tags is optional; the model's length 1..50 applies to a
// map that is sent, even empty, not to an absent one.
func TestOptionalTagsMayBeAbsent(t *testing.T) {
	h, svc := newHandler()
	for _, body := range []string{`{"namespace":"default","serviceAccount":"app","roleArn":"r"}`, create("tags", `null`)} {
		resp := serve(h, "POST", createPath, strings.NewReader(body), nil)
		raw, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 || len(svc.take()) != 1 {
			t.Fatalf("%s: got %d %s", body, resp.StatusCode, raw)
		}
	}
	resp := serve(h, "POST", createPath, strings.NewReader(create("tags", `{}`)), nil)
	checkFields(t, checkError(t, resp, 400, "ValidationException"), []string{"/tags"})
}
