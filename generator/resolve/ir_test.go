package resolve_test

import (
	"strings"
	"testing"

	"github.com/svcgen/svcgen/generator/diag"
	"github.com/svcgen/svcgen/generator/ir"
	"github.com/svcgen/svcgen/generator/load"
	"github.com/svcgen/svcgen/generator/resolve"
)

// mustResolve loads and resolves a model written in the test; any error fails it.
func mustResolve(t *testing.T, src string, companions map[string][]byte) *ir.Service {
	t.Helper()
	m, diags := load.Bytes("test.json", []byte(src), companions)
	if m == nil || diags.HasErrors() {
		t.Fatalf("load:\n%v", diag.ErrorList(diags))
	}
	svc, diags := resolve.Resolve(m, resolve.Options{})
	if svc == nil {
		t.Fatalf("resolve:\n%v", diag.ErrorList(diags))
	}
	return svc
}

// resolveDiags loads and resolves a model and returns every diagnostic.
func resolveDiags(t *testing.T, src string) diag.List {
	t.Helper()
	m, diags := load.Bytes("test.json", []byte(src), nil)
	if m == nil || diags.HasErrors() {
		return diags
	}
	_, more := resolve.Resolve(m, resolve.Options{})
	return append(diags, more...)
}

func operation(t *testing.T, svc *ir.Service, name string) *ir.Operation {
	t.Helper()
	for _, op := range svc.Operations {
		if op.Name == name {
			return op
		}
	}
	t.Fatalf("no operation %s", name)
	return nil
}

func member(t *testing.T, sh *ir.Shape, name string) *ir.Member {
	t.Helper()
	for _, m := range sh.Members {
		if m.Name == name {
			return m
		}
	}
	t.Fatalf("shape %s has no member %s", sh.Name, name)
	return nil
}

func shape(t *testing.T, svc *ir.Service, name string) *ir.Shape {
	t.Helper()
	sh := svc.AllShapes[name]
	if sh == nil {
		t.Fatalf("no shape %s", name)
	}
	return sh
}

// modelWith wraps operations and shapes (the JSON inside their objects) into a
// rest-json model.
func modelWith(protocol, operations, shapes string) string {
	return `{
  "metadata": {"protocol": "` + protocol + `", "serviceId": "Test", "apiVersion": "2024-01-01"},
  "operations": {` + operations + `},
  "shapes": {` + shapes + `}
}
`
}

func TestGoNames(t *testing.T) {
	svc := mustResolve(t, modelWith("rest-json", `
    "DoThing": {"http": {"method": "POST", "requestUri": "/"}, "input": {"shape": "DoThingInput"}}`, `
    "DoThingInput": {
      "type": "structure",
      "members": {
        "string": {"shape": "S"},
        "clusterName": {"shape": "S"},
        "accessKeyId": {"shape": "S"},
        "Error": {"shape": "S"},
        "lower": {"shape": "foo"},
        "upper": {"shape": "Foo"},
        "name": {"shape": "S"},
        "Name": {"shape": "S"},
        "2fa": {"shape": "S"},
        "x-amz-id": {"shape": "S"}
      }
    },
    "foo": {"type": "structure", "members": {"string": {"shape": "S"}, "validate": {"shape": "S"}}},
    "Foo": {"type": "structure", "members": {"a": {"shape": "S"}}},
    "S": {"type": "string"}`), nil)

	in := operation(t, svc, "DoThing").Input
	for model, want := range map[string]string{
		"string":      "String_", // String is a method of every generated structure
		"clusterName": "ClusterName",
		"accessKeyId": "AccessKeyId",
		"Error":       "Error_",
		"name":        "Name",
		"Name":        "Name_", // collides with the member before it
		"2fa":         "X2fa",
		"x-amz-id":    "X_amz_id",
	} {
		if got := member(t, in, model).GoName; got != want {
			t.Errorf("DoThingInput.%s: GoName %q, want %q", model, got, want)
		}
	}
	if got := in.GoName; got != "DoThingInput" {
		t.Errorf("input GoName %q", got)
	}
	// types are named in model-name order: "Foo" sorts before "foo"
	if got := shape(t, svc, "Foo").GoName; got != "Foo" {
		t.Errorf("Foo: GoName %q, want Foo", got)
	}
	foo := shape(t, svc, "foo")
	if foo.GoName != "Foo_" {
		t.Errorf("foo: GoName %q, want Foo_", foo.GoName)
	}
	if got := member(t, foo, "string").GoName; got != "String_" {
		t.Errorf("foo.string: GoName %q, want String_", got)
	}
	if got := member(t, foo, "validate").GoName; got != "Validate_" {
		t.Errorf("foo.validate: GoName %q, want Validate_", got)
	}
	// the same model resolves to the same names every time
	again := mustResolve(t, modelWith("rest-json", `
    "DoThing": {"http": {"method": "POST", "requestUri": "/"}, "input": {"shape": "DoThingInput"}}`, `
    "DoThingInput": {"type": "structure", "members": {"lower": {"shape": "foo"}, "upper": {"shape": "Foo"}}},
    "foo": {"type": "structure", "members": {}},
    "Foo": {"type": "structure", "members": {}}`), nil)
	if a, b := shape(t, again, "Foo").GoName, shape(t, again, "foo").GoName; a != "Foo" || b != "Foo_" {
		t.Errorf("Foo, foo: %q, %q", a, b)
	}
}

func TestPackageName(t *testing.T) {
	for id, want := range map[string]string{
		"EKS Auth":         "eksauth",
		"EKS":              "eks",
		"Application Auto": "applicationauto",
		"Route 53":         "route53",
		"1Password":        "svc1password",
		"Go":               "svcgo",
		"Error":            "svcerror",
		"String":           "svcstring",
		"Select":           "svcselect",
	} {
		if got := resolve.PackageName(id); got != want {
			t.Errorf("PackageName(%q) = %q, want %q", id, got, want)
		}
	}
}

func TestPointers(t *testing.T) {
	svc := mustResolve(t, modelWith("rest-json", `
    "DoThing": {"http": {"method": "POST", "requestUri": "/"}, "input": {"shape": "DoThingInput"}}`, `
    "DoThingInput": {
      "type": "structure",
      "required": ["reqString", "reqInt", "reqBool", "reqTime", "reqEnum", "reqStruct", "reqList", "reqBlob"],
      "members": {
        "reqString": {"shape": "S"},
        "optString": {"shape": "S"},
        "reqInt": {"shape": "I"},
        "optInt": {"shape": "I"},
        "optLong": {"shape": "L"},
        "optDouble": {"shape": "D"},
        "reqBool": {"shape": "B"},
        "optBool": {"shape": "B"},
        "reqTime": {"shape": "T"},
        "reqEnum": {"shape": "E"},
        "optEnum": {"shape": "E"},
        "reqStruct": {"shape": "Item"},
        "optStruct": {"shape": "Item"},
        "reqList": {"shape": "Items"},
        "optList": {"shape": "Items"},
        "sparseList": {"shape": "SparseItems"},
        "sparseStrings": {"shape": "SparseStrings"},
        "map": {"shape": "ItemMap"},
        "sparseMap": {"shape": "SparseMap"},
        "reqBlob": {"shape": "Bytes"},
        "optBlob": {"shape": "Bytes"}
      }
    },
    "Item": {"type": "structure", "members": {"s": {"shape": "S"}}},
    "Items": {"type": "list", "member": {"shape": "Item"}},
    "SparseItems": {"type": "list", "member": {"shape": "Item"}, "sparse": true},
    "SparseStrings": {"type": "list", "member": {"shape": "S"}, "sparse": true},
    "ItemMap": {"type": "map", "key": {"shape": "S"}, "value": {"shape": "Item"}},
    "SparseMap": {"type": "map", "key": {"shape": "S"}, "value": {"shape": "S"}, "sparse": true},
    "S": {"type": "string"},
    "E": {"type": "string", "enum": ["A", "B"]},
    "I": {"type": "integer"},
    "L": {"type": "long"},
    "D": {"type": "double"},
    "B": {"type": "boolean"},
    "T": {"type": "timestamp"},
    "Bytes": {"type": "blob"}`), nil)

	in := operation(t, svc, "DoThing").Input
	for name, want := range map[string]bool{
		"reqString": false, "optString": true,
		"reqInt": false, "optInt": true, "optLong": true, "optDouble": true,
		"reqBool": false, "optBool": true,
		"reqTime": false,
		"reqEnum": false, "optEnum": true,
		"reqStruct": true, "optStruct": true, // structures are always pointers
		"reqList": false, "optList": false, "sparseList": false, "map": false, "sparseMap": false,
		"reqBlob": false, "optBlob": false,
	} {
		m := member(t, in, name)
		if m.Pointer != want {
			t.Errorf("DoThingInput.%s: Pointer %v, want %v", name, m.Pointer, want)
		}
	}
	for name, want := range map[string]bool{
		"Items": false, "SparseItems": true, "SparseStrings": true,
	} {
		if got := shape(t, svc, name).Elem.Pointer; got != want {
			t.Errorf("%s element: Pointer %v, want %v", name, got, want)
		}
	}
	if m := shape(t, svc, "ItemMap"); m.Key.Pointer || m.Value.Pointer {
		t.Errorf("ItemMap: key pointer %v, value pointer %v; want values", m.Key.Pointer, m.Value.Pointer)
	}
	if m := shape(t, svc, "SparseMap"); m.Key.Pointer || !m.Value.Pointer {
		t.Errorf("SparseMap: key pointer %v, value pointer %v; want a value key and a pointer value", m.Key.Pointer, m.Value.Pointer)
	}
	if got := member(t, in, "reqString").Required; !got {
		t.Error("reqString: not Required")
	}
	if got := member(t, in, "optString").Required; got {
		t.Error("optString: Required")
	}
}

func TestErrorTraits(t *testing.T) {
	svc := mustResolve(t, modelWith("rest-json", `
    "DoThing": {
      "http": {"method": "POST", "requestUri": "/"},
      "errors": [{"shape": "NotFound"}, {"shape": "Coded"}, {"shape": "Plain"}, {"shape": "Internal"}, {"shape": "Unavailable"}, {"shape": "Throttled"}, {"shape": "NotFound"}, {"shape": "Untraited"}]
    }`, `
    "NotFound": {"type": "structure", "members": {"message": {"shape": "S"}}, "error": {"httpStatusCode": 404, "senderFault": true}, "exception": true},
    "Coded": {"type": "structure", "members": {}, "error": {"code": "Some.Code", "httpStatusCode": 409}, "exception": true},
    "Plain": {"type": "structure", "members": {}, "exception": true},
    "Internal": {"type": "structure", "members": {}, "exception": true, "fault": true},
    "Unavailable": {"type": "structure", "members": {}, "error": {"httpStatusCode": 503}, "exception": true, "fault": true},
    "Throttled": {"type": "structure", "members": {}, "error": {"httpStatusCode": 429}, "exception": true, "retryable": {"throttling": true}},
    "Untraited": {"type": "structure", "members": {}},
    "S": {"type": "string"}`), nil)

	type trait struct {
		code       string
		status     int
		fault      ir.Fault
		retryable  bool
		throttling bool
	}
	want := map[string]trait{
		"NotFound":    {"NotFound", 404, ir.FaultClient, false, false},
		"Coded":       {"Some.Code", 409, ir.FaultClient, false, false},
		"Plain":       {"Plain", 400, ir.FaultClient, false, false},
		"Internal":    {"Internal", 500, ir.FaultServer, false, false},
		"Unavailable": {"Unavailable", 503, ir.FaultServer, false, false},
		"Throttled":   {"Throttled", 429, ir.FaultClient, true, true},
		"Untraited":   {"Untraited", 400, ir.FaultClient, false, false}, // listed as an error without the trait
	}
	op := operation(t, svc, "DoThing")
	if len(op.Errors) != len(want) {
		t.Errorf("operation errors: %d, want %d (a repeated error is listed once)", len(op.Errors), len(want))
	}
	for _, e := range op.Errors {
		w, ok := want[e.Name]
		if !ok {
			t.Errorf("unexpected error %s", e.Name)
			continue
		}
		got := trait{e.Error.Code, e.Error.HTTPStatus, e.Error.Fault, e.Error.Retryable, e.Error.Throttling}
		if got != w {
			t.Errorf("%s: %+v, want %+v", e.Name, got, w)
		}
	}
	if len(svc.Errors) != len(want) {
		t.Errorf("service errors: %d, want %d", len(svc.Errors), len(want))
	}
}

func TestBindings(t *testing.T) {
	svc := mustResolve(t, modelWith("rest-xml", `
    "PutObject": {
      "http": {"method": "PUT", "requestUri": "/{Bucket}/{Key+}?x-id=PutObject", "responseCode": 201},
      "input": {"shape": "PutObjectInput"},
      "output": {"shape": "PutObjectOutput"},
      "endpoint": {"hostPrefix": "{AccountId}.data-"}
    },
    "CreateUpload": {
      "http": {"method": "POST", "requestUri": "/{Bucket}?uploads"},
      "input": {"shape": "CreateUploadInput"}
    }`, `
    "PutObjectInput": {
      "type": "structure",
      "required": ["Bucket", "Key", "AccountId"],
      "payload": "Body",
      "members": {
        "Bucket": {"shape": "S", "location": "uri", "locationName": "Bucket"},
        "Key": {"shape": "S", "location": "uri", "locationName": "Key"},
        "AccountId": {"shape": "S", "hostLabel": true, "location": "header", "locationName": "x-amz-account-id"},
        "Meta": {"shape": "StringMap", "location": "headers", "locationName": "x-amz-meta-"},
        "Query": {"shape": "StringMap", "location": "querystring"},
        "VersionId": {"shape": "S", "location": "querystring", "locationName": "versionId"},
        "Token": {"shape": "S", "idempotencyToken": true},
        "Body": {"shape": "Bytes", "streaming": true}
      }
    },
    "PutObjectOutput": {
      "type": "structure",
      "members": {
        "Status": {"shape": "I", "location": "statusCode"},
        "ETag": {"shape": "S", "location": "header", "locationName": "ETag"},
        "Extra": {"shape": "S"}
      }
    },
    "CreateUploadInput": {
      "type": "structure",
      "required": ["Bucket"],
      "members": {"Bucket": {"shape": "S", "location": "uri", "locationName": "Bucket"}}
    },
    "StringMap": {"type": "map", "key": {"shape": "S"}, "value": {"shape": "S"}},
    "S": {"type": "string"},
    "I": {"type": "integer"},
    "Bytes": {"type": "blob"}`), nil)

	put := operation(t, svc, "PutObject")
	h := put.HTTP
	if h.Method != "PUT" || h.Path != "/{Bucket}/{Key+}" || h.ResponseCode != 201 {
		t.Errorf("PutObject http: %s %s %d", h.Method, h.Path, h.ResponseCode)
	}
	if got := segments(h.Segments); strings.Join(got, "|") != "/|{Bucket}|/|{Key+}" {
		t.Errorf("PutObject segments %q", got)
	}
	if len(h.Query) != 1 || h.Query[0] != (ir.QueryLiteral{Key: "x-id", Value: "PutObject"}) {
		t.Errorf("PutObject literal query %+v", h.Query)
	}
	in := put.Input
	for name, want := range map[string]struct {
		loc  ir.Location
		wire string
	}{
		"Bucket":    {ir.InURI, "Bucket"},
		"Key":       {ir.InURI, "Key"},
		"AccountId": {ir.InHeader, "x-amz-account-id"},
		"Meta":      {ir.InHeaders, "x-amz-meta-"},
		"Query":     {ir.InQuery, "Query"},
		"VersionId": {ir.InQuery, "versionId"},
		"Token":     {ir.InBody, ""},
		"Body":      {ir.InPayload, ""},
	} {
		m := member(t, in, name)
		if m.Location != want.loc || m.LocationName != want.wire {
			t.Errorf("PutObjectInput.%s: %s %q, want %s %q", name, m.Location, m.LocationName, want.loc, want.wire)
		}
	}
	if in.Payload == nil || in.Payload.Name != "Body" || !in.Payload.Streaming {
		t.Errorf("PutObjectInput payload: %+v", in.Payload)
	}
	if !member(t, in, "Token").IdempotencyToken || member(t, in, "Bucket").IdempotencyToken {
		t.Error("idempotencyToken: want it on Token only")
	}
	if put.HostPrefix != "{AccountId}.data-" || len(put.HostLabels) != 1 || put.HostLabels[0].Name != "AccountId" {
		t.Errorf("host prefix %q, labels %v", put.HostPrefix, memberNames(put.HostLabels))
	}
	out := put.Output
	if m := member(t, out, "Status"); m.Location != ir.InStatusCode {
		t.Errorf("PutObjectOutput.Status: %s, want statusCode", m.Location)
	}
	if m := member(t, out, "ETag"); m.Location != ir.InHeader || m.LocationName != "ETag" {
		t.Errorf("PutObjectOutput.ETag: %s %q", m.Location, m.LocationName)
	}
	if m := member(t, out, "Extra"); m.Location != ir.InBody || m.WireName != "Extra" {
		t.Errorf("PutObjectOutput.Extra: %s %q", m.Location, m.WireName)
	}

	up := operation(t, svc, "CreateUpload")
	if up.HTTP.Path != "/{Bucket}" || len(up.HTTP.Query) != 1 || up.HTTP.Query[0] != (ir.QueryLiteral{Key: "uploads", NoValue: true}) {
		t.Errorf("CreateUpload: path %q query %+v", up.HTTP.Path, up.HTTP.Query)
	}
	// an operation without output gets an empty structure of its own
	if up.Output == nil || up.Output.GoName != "CreateUploadOutput" || len(up.Output.Members) != 0 {
		t.Errorf("CreateUpload output: %+v", up.Output)
	}
	// the model shape's members keep no binding; the operation's copy has it
	if m := member(t, shape(t, svc, "PutObjectInput"), "Bucket"); m == member(t, in, "Bucket") {
		t.Error("the operation input shares its members with the model shape")
	}
}

func TestSensitive(t *testing.T) {
	svc := mustResolve(t, modelWith("rest-json", `
    "Login": {"http": {"method": "POST", "requestUri": "/"}, "input": {"shape": "LoginInput"}}`, `
    "LoginInput": {
      "type": "structure",
      "members": {
        "user": {"shape": "S"},
        "password": {"shape": "Secret"},
        "recoveryCodes": {"shape": "Secrets"},
        "byName": {"shape": "SecretMap"},
        "creds": {"shape": "Creds"},
        "profile": {"shape": "Profile"}
      }
    },
    "Secret": {"type": "string", "sensitive": true},
    "Secrets": {"type": "list", "member": {"shape": "Secret"}},
    "SecretMap": {"type": "map", "key": {"shape": "S"}, "value": {"shape": "Secret"}},
    "Creds": {"type": "structure", "members": {"id": {"shape": "S"}}, "sensitive": true},
    "Profile": {"type": "structure", "members": {"name": {"shape": "S"}, "pin": {"shape": "Secret"}}},
    "S": {"type": "string"}`), nil)

	in := operation(t, svc, "Login").Input
	for name, want := range map[string]bool{
		"user": false, "password": true, "recoveryCodes": true, "byName": true, "creds": true, "profile": false,
	} {
		if got := member(t, in, name).Sensitive; got != want {
			t.Errorf("LoginInput.%s: Sensitive %v, want %v", name, got, want)
		}
	}
	for name, want := range map[string]bool{
		"Secret": true, "Secrets": true, "Creds": true, "Profile": true, "LoginInput": true, "S": false,
	} {
		if got := shape(t, svc, name).ContainsSensitive; got != want {
			t.Errorf("%s: ContainsSensitive %v, want %v", name, got, want)
		}
	}
	if !in.ContainsSensitive {
		t.Error("LoginInput (the operation's copy): not ContainsSensitive")
	}
	if shape(t, svc, "Secrets").Sensitive || !shape(t, svc, "Secrets").Elem.Sensitive {
		t.Error("Secrets: want the list not sensitive itself and its element sensitive")
	}
	if p := shape(t, svc, "Profile"); member(t, p, "name").Sensitive || !member(t, p, "pin").Sensitive {
		t.Error("Profile: want pin sensitive and name not")
	}
}

func TestRecursion(t *testing.T) {
	svc := mustResolve(t, modelWith("rest-json", `
    "GetTree": {"http": {"method": "GET", "requestUri": "/"}, "output": {"shape": "GetTreeOutput"}}`, `
    "GetTreeOutput": {"type": "structure", "members": {"root": {"shape": "Node"}}},
    "Node": {
      "type": "structure",
      "members": {
        "name": {"shape": "S"},
        "children": {"shape": "NodeList"},
        "parent": {"shape": "Node"},
        "meta": {"shape": "Meta"}
      }
    },
    "NodeList": {"type": "list", "member": {"shape": "Node"}},
    "Meta": {"type": "structure", "members": {"s": {"shape": "S"}}},
    "S": {"type": "string"}`), nil)

	for name, want := range map[string]bool{
		"Node": true, "NodeList": true, "Meta": false, "GetTreeOutput": false, "S": false,
	} {
		if got := shape(t, svc, name).Recursive; got != want {
			t.Errorf("%s: Recursive %v, want %v", name, got, want)
		}
	}
	node := shape(t, svc, "Node")
	for name, want := range map[string]bool{"name": false, "children": true, "parent": true, "meta": false} {
		if got := member(t, node, name).Recursive; got != want {
			t.Errorf("Node.%s: Recursive %v, want %v", name, got, want)
		}
	}
	if !shape(t, svc, "NodeList").Elem.Recursive {
		t.Error("NodeList element: not Recursive")
	}
	if member(t, operation(t, svc, "GetTree").Output, "root").Recursive {
		t.Error("GetTreeOutput.root: Recursive, but the output is not part of the cycle")
	}
}

func TestTimestampFormats(t *testing.T) {
	const ops = `
    "Stamp": {
      "http": {"method": "POST", "requestUri": "/stamp/{inURI}"},
      "input": {"shape": "StampInput"},
      "output": {"shape": "StampOutput"}
    }`
	const shapes = `
    "StampInput": {
      "type": "structure",
      "required": ["inURI"],
      "members": {
        "inURI": {"shape": "T", "location": "uri", "locationName": "inURI"},
        "inQuery": {"shape": "T", "location": "querystring", "locationName": "q"},
        "inHeader": {"shape": "T", "location": "header", "locationName": "x-t"},
        "inBody": {"shape": "T"},
        "explicit": {"shape": "T", "location": "header", "locationName": "x-e", "timestampFormat": "iso8601"},
        "shaped": {"shape": "EpochT", "location": "querystring", "locationName": "e"},
        "nested": {"shape": "Nested"}
      }
    },
    "StampOutput": {"type": "structure", "members": {"at": {"shape": "T", "location": "header", "locationName": "x-at"}}},
    "Nested": {"type": "structure", "members": {"t": {"shape": "T"}, "list": {"shape": "TList"}}},
    "TList": {"type": "list", "member": {"shape": "T"}},
    "T": {"type": "timestamp"},
    "EpochT": {"type": "timestamp", "timestampFormat": "unixTimestamp"}`

	for _, tc := range []struct {
		protocol, body string
	}{
		{"rest-json", ir.EpochSeconds},
		{"json", ir.EpochSeconds},
		{"rest-xml", ir.DateTime},
		{"query", ir.DateTime},
	} {
		t.Run(tc.protocol, func(t *testing.T) {
			svc := mustResolve(t, modelWith(tc.protocol, ops, shapes), nil)
			op := operation(t, svc, "Stamp")
			wants := map[string]string{
				"inURI":    ir.DateTime,
				"inQuery":  ir.DateTime,
				"inHeader": ir.HTTPDate,
				"inBody":   tc.body,
				"explicit": ir.DateTime,     // the member's timestampFormat wins
				"shaped":   ir.EpochSeconds, // the shape's timestampFormat wins over the location
				"at":       ir.HTTPDate,
			}
			if tc.protocol == "json" || tc.protocol == "query" {
				// awsJson and awsQuery ignore the binding traits: every member is in
				// the body, and the request is a POST to "/".
				wants["inURI"], wants["inQuery"], wants["inHeader"], wants["at"] = tc.body, tc.body, tc.body, tc.body
				if op.HTTP.Method != "POST" || op.HTTP.Path != "/" || tc.protocol == "json" && !strings.HasSuffix(op.HTTP.Target, ".Stamp") {
					t.Errorf("%s request %s %s, target %q; want POST / (with the target naming Stamp for json)", tc.protocol, op.HTTP.Method, op.HTTP.Path, op.HTTP.Target)
				}
				for _, m := range append(append([]*ir.Member(nil), op.Input.Members...), op.Output.Members...) {
					if m.Location != ir.InBody {
						t.Errorf("%s member %s is bound to location %v, want the body", tc.protocol, m.Name, m.Location)
					}
				}
			}
			if tc.protocol != "json" && op.HTTP.Target != "" {
				t.Errorf("%s operation has the target %q", tc.protocol, op.HTTP.Target)
			}
			for name, want := range wants {
				if name == "at" {
					continue
				}
				if got := member(t, op.Input, name).TimestampFormat; got != want {
					t.Errorf("StampInput.%s: %q, want %q", name, got, want)
				}
			}
			if got := member(t, op.Output, "at").TimestampFormat; got != wants["at"] {
				t.Errorf("StampOutput.at: %q, want %q", got, wants["at"])
			}
			nested := shape(t, svc, "Nested")
			if got := member(t, nested, "t").TimestampFormat; got != tc.body {
				t.Errorf("Nested.t: %q, want %q", got, tc.body)
			}
			if got := shape(t, svc, "TList").Elem.TimestampFormat; got != tc.body {
				t.Errorf("TList element: %q, want %q", got, tc.body)
			}
		})
	}
}

func TestDocsCompanion(t *testing.T) {
	src := `{
  "metadata": {"protocol": "rest-json", "serviceId": "Test"},
  "operations": {
    "DoThing": {"http": {"method": "POST", "requestUri": "/"}, "input": {"shape": "DoThingInput"}},
    "Other": {"http": {"method": "POST", "requestUri": "/other"}, "documentation": "Documented in the model."}
  },
  "shapes": {
    "DoThingInput": {"type": "structure", "members": {"name": {"shape": "Name"}, "item": {"shape": "Item"}}},
    "Item": {"type": "structure", "members": {"name": {"shape": "Name"}}},
    "Name": {"type": "string"}
  }
}
`
	docs := `{
  "version": "2.0",
  "service": "The test service.",
  "operations": {
    "DoThing": "Does a thing.",
    "Other": "Not used: the model has its own."
  },
  "shapes": {
    "Item": {"base": "An item.", "refs": {"DoThingInput$item": "The item to do."}},
    "Name": {"base": "A name.", "refs": {"DoThingInput$name": "The thing's name.", "Item$name": "The item's name."}}
  }
}
`
	svc := mustResolve(t, src, map[string][]byte{"test/" + load.DocsFile: []byte(docs)})
	check := func(what, got, want string) {
		t.Helper()
		if got != want {
			t.Errorf("%s: doc %q, want %q", what, got, want)
		}
	}
	check("service", svc.Doc, "The test service.")
	check("DoThing", operation(t, svc, "DoThing").Doc, "Does a thing.")
	check("Other", operation(t, svc, "Other").Doc, "Documented in the model.")
	check("Item", shape(t, svc, "Item").Doc, "An item.")
	check("Name", shape(t, svc, "Name").Doc, "A name.")
	check("DoThingInput.name", member(t, operation(t, svc, "DoThing").Input, "name").Doc, "The thing's name.")
	check("DoThingInput.item", member(t, shape(t, svc, "DoThingInput"), "item").Doc, "The item to do.")
	check("Item.name", member(t, shape(t, svc, "Item"), "name").Doc, "The item's name.")
}

func TestNoVersionKey(t *testing.T) {
	src := `{
  "metadata": {"protocol": "json", "serviceId": "No Version", "targetPrefix": "NV"},
  "operations": {"Ping": {"http": {"method": "POST", "requestUri": "/"}}},
  "shapes": {}
}
`
	svc := mustResolve(t, src, nil)
	if svc.Package != "noversion" || len(svc.Operations) != 1 {
		t.Errorf("package %q, %d operations", svc.Package, len(svc.Operations))
	}
	op := operation(t, svc, "Ping")
	if op.Input == nil || op.Output == nil || op.Input.GoName != "PingInput" || op.Output.GoName != "PingOutput" {
		t.Errorf("Ping input/output: %+v %+v", op.Input, op.Output)
	}
}

func TestUnionAndDocumentKinds(t *testing.T) {
	svc := mustResolve(t, modelWith("rest-json", `
    "Put": {"http": {"method": "POST", "requestUri": "/"}, "input": {"shape": "PutInput"}}`, `
    "PutInput": {
      "type": "structure",
      "required": ["value"],
      "members": {"value": {"shape": "Value"}, "doc": {"shape": "Doc"}, "other": {"shape": "Other"}}
    },
    "Value": {
      "type": "structure",
      "union": true,
      "members": {"s": {"shape": "S"}, "n": {"shape": "I"}, "item": {"shape": "Other"}}
    },
    "Doc": {"type": "structure", "members": {}, "document": true},
    "Other": {"type": "structure", "members": {"x": {"shape": "S"}}},
    "S": {"type": "string"},
    "I": {"type": "integer"}`), nil)

	if got := shape(t, svc, "Value").Kind; got != ir.Union {
		t.Errorf("Value: kind %s, want union", got)
	}
	if got := shape(t, svc, "Doc").Kind; got != ir.Document {
		t.Errorf("Doc: kind %s, want document", got)
	}
	if got := shape(t, svc, "Other").Kind; got != ir.Structure {
		t.Errorf("Other: kind %s, want structure", got)
	}
	v := shape(t, svc, "Value")
	if v.GoName != "Value" || v.UnknownGoName == "" {
		t.Errorf("Value: GoName %q, UnknownGoName %q", v.GoName, v.UnknownGoName)
	}
	for name, want := range map[string]string{"s": "ValueMemberS", "n": "ValueMemberN", "item": "ValueMemberItem"} {
		if got := member(t, v, name).VariantGoName; got != want {
			t.Errorf("Value.%s: VariantGoName %q, want %q", name, got, want)
		}
	}
	for _, sh := range []string{"Value", "Doc", "Other"} {
		if got := shape(t, svc, sh).Package; got != ir.PackageTypes {
			t.Errorf("%s: declared in package %d, want types", sh, got)
		}
	}
}

func TestEnumNames(t *testing.T) {
	svc := mustResolve(t, modelWith("rest-json", `
    "Get": {"http": {"method": "GET", "requestUri": "/"}, "output": {"shape": "GetOutput"}}`, `
    "GetOutput": {"type": "structure", "members": {"status": {"shape": "Status"}, "region": {"shape": "Region"}}},
    "Status": {"type": "string", "enum": ["ACTIVE", "IN_PROGRESS", "failed", "t2.micro", "*"]},
    "Region": {"type": "string", "enum": ["us-east-1", "eu-west-2", "US-EAST-1"]}`), nil)

	check := func(sh string, want map[string]string) {
		t.Helper()
		s := shape(t, svc, sh)
		if s.Kind != ir.Enum {
			t.Errorf("%s: kind %s, want enum", sh, s.Kind)
		}
		for _, v := range s.Enum {
			if v.GoName != want[v.Value] {
				t.Errorf("%s %q: constant %q, want %q", sh, v.Value, v.GoName, want[v.Value])
			}
		}
		if len(s.Enum) != len(want) {
			t.Errorf("%s: %d values, want %d", sh, len(s.Enum), len(want))
		}
	}
	check("Status", map[string]string{
		"ACTIVE": "StatusActive", "IN_PROGRESS": "StatusInProgress", "failed": "StatusFailed",
		"t2.micro": "StatusT2Micro", "*": "StatusValue4",
	})
	check("Region", map[string]string{
		"us-east-1": "RegionUsEast1", "eu-west-2": "RegionEuWest2",
		"US-EAST-1": "RegionUsEast1_", // the same words as us-east-1
	})
	if got := shape(t, svc, "Status").Constraints.Enum; strings.Join(got, ",") != "ACTIVE,IN_PROGRESS,failed,t2.micro,*" {
		t.Errorf("Status constraint enum %q", got)
	}
}

func TestConstraints(t *testing.T) {
	svc := mustResolve(t, modelWith("rest-json", `
    "Put": {"http": {"method": "POST", "requestUri": "/"}, "input": {"shape": "PutInput"}}`, `
    "PutInput": {"type": "structure", "members": {
      "name": {"shape": "Name"}, "count": {"shape": "Count"}, "ratio": {"shape": "Ratio"},
      "tags": {"shape": "Tags"}, "free": {"shape": "Free"}, "inline": {"shape": "Free", "enum": ["a", "b"]}
    }},
    "Name": {"type": "string", "min": 1, "max": 64, "pattern": "^[a-z]+$"},
    "Free": {"type": "string", "min": 0},
    "Count": {"type": "integer", "min": -5, "max": 100},
    "Ratio": {"type": "double", "min": 0.5},
    "Tags": {"type": "list", "member": {"shape": "Name"}, "max": 50}`), nil)

	str := func(c ir.Constraints) string { return constraints(c) }
	for name, want := range map[string]string{
		"Name":  `minLength=1 maxLength=64 pattern="^[a-z]+$"`,
		"Free":  ``, // a minimum length of 0 checks nothing
		"Count": `min=-5 max=100`,
		"Ratio": `min=0.5`,
		"Tags":  `maxLength=50`,
	} {
		if got := str(shape(t, svc, name).Constraints); got != want {
			t.Errorf("%s: %s, want %s", name, got, want)
		}
	}
	in := operation(t, svc, "Put").Input
	if got := str(member(t, in, "inline").Constraints); got != `enum=["a" "b"]` {
		t.Errorf("inline enum: %s", got)
	}
	if p := member(t, in, "name").Constraints.Pattern; p == nil || p != shape(t, svc, "Name").Constraints.Pattern || p.VarName == "" {
		t.Errorf("PutInput.name pattern: %+v; want the shape's shared pattern", p)
	}
}

// TestDiagnosticPositions: a diagnostic's line and column point at the byte the
// message is about.
func TestDiagnosticPositions(t *testing.T) {
	// Resolution stops after the references when they are broken, so the mistakes
	// found later are in a second model.
	references := "{\n" +
		"  \"metadata\": {\"protocol\": \"rest-json\", \"serviceId\": \"Pos\"},\n" +
		"  \"operations\": {\n" +
		"    \"Get\": {\"http\": {\"method\": \"GET\", \"requestUri\": \"/\"}, \"input\": {\"shape\": \"GetInput\"}}\n" +
		"  },\n" +
		"  \"shapes\": {\n" +
		"    \"GetInput\": {\"type\": \"structure\", \"required\": [\"id\", \"idd\"], \"members\": {\n" +
		"      \"id\": {\"shape\": \"Id\"},\n" +
		"      \"é\": {\"shape\": \"Ghost\"}\n" +
		"    }},\n" +
		"    \"Id\": {\"type\": \"string\"},\n" +
		"    \"Weird\": {\"type\": \"strnig\"}\n" +
		"  }\n" +
		"}\n"
	later := "{\n" +
		"  \"metadata\": {\"protocol\": \"rest-json\", \"serviceId\": \"Pos\"},\n" +
		"  \"operations\": {\n" +
		"    \"Get\": {\"http\": {\"method\": \"GET\", \"requestUri\": \"/{id}\"}, \"input\": {\"shape\": \"GetInput\"}, \"errors\": [{\"shape\": \"Nope\"}]}\n" +
		"  },\n" +
		"  \"shapes\": {\n" +
		"    \"GetInput\": {\"type\": \"structure\", \"members\": {\"name\": {\"shape\": \"Id\"}}},\n" +
		"    \"Id\": {\"type\": \"string\", \"min\": 5, \"max\": 2}\n" +
		"  }\n" +
		"}\n"
	for _, tc := range []struct {
		name, src string
		// the message's start, and the text found at the diagnostic's position
		want map[string]string
	}{
		{"references", references, map[string]string{
			`required member "idd"`:   `"idd"]`,
			`refers to shape "Ghost"`: `"Ghost"}`,
			`unknown shape type`:      `"strnig"}`,
		}},
		{"later passes", later, map[string]string{
			`refers to shape "Nope"`:             `"Nope"}]`,
			`min 5 is greater than max 2`:        `5, "max"`,
			`requestUri label {id} has no input`: `"/{id}"`,
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			diags := resolveDiags(t, tc.src)
			lines := strings.SplitAfter(tc.src, "\n")
			found := 0
			for _, d := range diags {
				for prefix, at := range tc.want {
					if !strings.HasPrefix(d.Message, prefix) {
						continue
					}
					found++
					if d.Line < 1 || d.Line > len(lines) || d.Col < 1 || d.Col > len(lines[d.Line-1]) {
						t.Errorf("%s: position out of the file", d)
						continue
					}
					if got := lines[d.Line-1][d.Col-1:]; !strings.HasPrefix(got, at) {
						t.Errorf("%s: points at %q, want %q", d, got, at)
					}
				}
			}
			if found != len(tc.want) || len(diags) != len(tc.want) {
				t.Errorf("found %d of the %d diagnostics; all: %v", found, len(tc.want), diags)
			}
		})
	}
	// columns count bytes, not runes: "é" is two
	for _, d := range resolveDiags(t, references) {
		if d.Member == "é" && d.String() != `test.json:9:23: GetInput.é: refers to shape "Ghost", which is not defined` {
			t.Errorf("%s: want 9:23 (columns in bytes)", d)
		}
	}
}

// TestDiagnosticsOnce: a mistake in a shape that is also an operation's input and
// output (copied into OpInput and OpOutput) is reported once, and the list is sorted.
func TestDiagnosticsOnce(t *testing.T) {
	diags := resolveDiags(t, modelWith("rest-json", `
    "A": {"http": {"method": "POST", "requestUri": "/"}, "input": {"shape": "AIn"}, "output": {"shape": "AIn"}}`, `
    "AIn": {"type": "structure", "members": {
      "z": {"shape": "T", "location": "header", "locationName": "x-z", "timestampFormat": "bogus"},
      "t": {"shape": "T", "timestampFormat": "bogus"}
    }},
    "T": {"type": "timestamp"}`))
	var got []string
	for _, d := range diags {
		got = append(got, d.String())
	}
	want := []string{
		`test.json:7:7: AIn.z: unknown timestampFormat "bogus" (want iso8601, rfc822 or unixTimestamp)`,
		`test.json:8:7: AIn.t: unknown timestampFormat "bogus" (want iso8601, rfc822 or unixTimestamp)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestURILabelBoundTwice: two members bound to one uri label is an error (one of
// them would be silently dropped from the request).
func TestURILabelBoundTwice(t *testing.T) {
	diags := resolveDiags(t, modelWith("rest-json", `
    "Get": {"http": {"method": "GET", "requestUri": "/things/{id}"}, "input": {"shape": "GetInput"}}`, `
    "GetInput": {"type": "structure", "required": ["id", "thingId"], "members": {
      "id": {"shape": "S", "location": "uri", "locationName": "id"},
      "thingId": {"shape": "S", "location": "uri", "locationName": "id"}
    }},
    "S": {"type": "string"}`))
	want := `test.json:8:7: GetInput.thingId: uri label {id} is bound to member id already`
	if len(diags) != 1 || diags[0].String() != want {
		t.Errorf("got %v\nwant %s", diags, want)
	}
}

// TestBindingMistakes: a label twice in requestUri, a label after a greedy one, and
// members bound to a header or the query string that cannot be carried there are
// errors at the place the model says them.
func TestBindingMistakes(t *testing.T) {
	for _, c := range []struct{ name, uri, members, want string }{
		{"label twice", "/a/{id}/b/{id}", `"id": {"shape": "S", "location": "uri", "locationName": "id"}`,
			`test.json:4:53: Get: requestUri "/a/{id}/b/{id}" has label {id} twice`},
		{"label after greedy", "/a/{key+}/{id}", `"key": {"shape": "S", "location": "uri", "locationName": "key"}, "id": {"shape": "S", "location": "uri", "locationName": "id"}`,
			`test.json:4:53: Get: requestUri "/a/{key+}/{id}" has a label after the greedy label {key+}`},
		{"structure in a header", "/", `"h": {"shape": "Obj", "location": "header", "locationName": "X-H"}`,
			`test.json:7:7: GetInput.h: a member bound to a header must be a scalar or a list of scalars, found structure`},
		{"list of structures in the query", "/", `"q": {"shape": "Objs", "location": "querystring", "locationName": "q"}`,
			`test.json:7:7: GetInput.q: a member bound to the query string must be a scalar, a list of scalars or a map, found list`},
	} {
		t.Run(c.name, func(t *testing.T) {
			diags := resolveDiags(t, modelWith("rest-json", `
    "Get": {"http": {"method": "GET", "requestUri": "`+c.uri+`"}, "input": {"shape": "GetInput"}}`, `
    "GetInput": {"type": "structure", "members": {
      `+c.members+`
    }},
    "S": {"type": "string"},
    "Obj": {"type": "structure", "members": {"s": {"shape": "S"}}},
    "Objs": {"type": "list", "member": {"shape": "Obj"}}`))
			var got []string
			for _, d := range diags {
				got = append(got, d.String())
			}
			if len(got) != 1 || got[0] != c.want {
				t.Errorf("got %q\nwant %s", got, c.want)
			}
		})
	}
}

// TestProtocolAlternatives: a model whose protocol svcgen does not speak is resolved
// with the first alternative of its protocols list that it does; a smithy-rpc-v2-cbor
// model is resolved as such, unless CBORFallback asks for its alternative, or a
// document or event stream (which svcgen does not write in CBOR) forces one.
func TestProtocolAlternatives(t *testing.T) {
	for _, c := range []struct {
		protocol, protocols string
		fallback, document  bool
		want                string
	}{
		{"smithy-rpc-v2-cbor", `["smithy-rpc-v2-cbor", "json", "query"]`, false, false, "smithy-rpc-v2-cbor"},
		{"smithy-rpc-v2-cbor", `["smithy-rpc-v2-cbor", "json", "query"]`, true, false, "json"},
		{"smithy-rpc-v2-cbor", `["smithy-rpc-v2-cbor", "query"]`, true, false, "query"},
		{"smithy-rpc-v2-cbor", `["smithy-rpc-v2-cbor", "json"]`, false, true, "json"},
		{"smithy-rpc-v2-cbor", `["smithy-rpc-v2-cbor"]`, true, false, "smithy-rpc-v2-cbor"},
		{"rest-json", `["rest-json", "json"]`, true, false, "rest-json"},
		{"smithy-rpc-v2-kryo", `["smithy-rpc-v2-kryo", "rest-json"]`, false, false, "rest-json"},
	} {
		shapes := `"S": {"type": "string"}`
		if c.document {
			shapes += `, "Doc": {"type": "structure", "members": {}, "document": true}`
		}
		model := strings.Replace(modelWith(c.protocol, `"Get": {"http": {"method": "POST", "requestUri": "/"}}`, shapes),
			`"protocol": "`+c.protocol+`"`, `"protocol": "`+c.protocol+`", "protocols": `+c.protocols, 1)
		m, diags := load.Bytes("test.json", []byte(model), nil)
		if m == nil || diags.HasErrors() {
			t.Fatalf("load:\n%v", diag.ErrorList(diags))
		}
		svc, diags := resolve.Resolve(m, resolve.Options{CBORFallback: c.fallback})
		if svc == nil {
			t.Fatalf("resolve:\n%v", diag.ErrorList(diags))
		}
		if svc.Protocol != c.want {
			t.Errorf("protocol %s, protocols %s, fallback %v, document %v: resolved %s, want %s", c.protocol, c.protocols, c.fallback, c.document, svc.Protocol, c.want)
		}
	}
}

// TestRPCv2CBORBindings: every operation of a smithy-rpc-v2-cbor model is a POST to
// /service/{targetPrefix}/operation/{name} with every member in the body, and one
// without input in the model is marked so.
func TestRPCv2CBORBindings(t *testing.T) {
	model := strings.Replace(modelWith("smithy-rpc-v2-cbor",
		`"Get": {"http": {"method": "GET", "requestUri": "/x/{Id}"}, "input": {"shape": "GetIn"}}, "Ping": {"http": {"method": "POST", "requestUri": "/"}}`,
		`"S": {"type": "string"}, "GetIn": {"type": "structure", "required": ["Id"], "members": {"Id": {"shape": "S", "location": "uri", "locationName": "Id"}, "H": {"shape": "S", "location": "header", "locationName": "x-h"}}}`),
		`"protocol": "smithy-rpc-v2-cbor"`, `"protocol": "smithy-rpc-v2-cbor", "targetPrefix": "Svc"`, 1)
	svc := mustResolve(t, model, nil)
	for _, op := range svc.Operations {
		if op.HTTP.Method != "POST" || op.HTTP.RequestURI != "/service/Svc/operation/"+op.Name {
			t.Errorf("%s: %s %s", op.Name, op.HTTP.Method, op.HTTP.RequestURI)
		}
		if op.NoInput != (op.Name == "Ping") {
			t.Errorf("%s: NoInput %v", op.Name, op.NoInput)
		}
		for _, m := range op.Input.Members {
			if m.Location != ir.InBody {
				t.Errorf("%s.%s bound to %v, want the body", op.Name, m.Name, m.Location)
			}
		}
	}
}
