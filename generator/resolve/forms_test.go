package resolve_test

import (
	"strings"
	"testing"

	"github.com/svcgen/svcgen/generator/ir"
)

// TestCharacterShape checks the older shape type character: a one-character string,
// resolved as a string.
func TestCharacterShape(t *testing.T) {
	svc := mustResolve(t, modelWith("rest-json", `
    "Get": {"http": {"method": "GET", "requestUri": "/"}, "output": {"shape": "GetOutput"}}`, `
    "GetOutput": {"type": "structure", "members": {
      "Char": {"shape": "CharType"},
      "Header": {"shape": "CharType", "location": "header", "locationName": "x-char"}}},
    "CharType": {"type": "character"}`), nil)
	out := operation(t, svc, "Get").Output
	for _, name := range []string{"Char", "Header"} {
		m := member(t, out, name)
		if m.Shape.Kind != ir.String || !m.Pointer {
			t.Errorf("%s: kind %s, pointer %v; want an optional string", name, m.Shape.Kind, m.Pointer)
		}
	}
	if m := member(t, out, "Header"); m.Location != ir.InHeader || m.LocationName != "x-char" {
		t.Errorf("Header: %s %q", m.Location, m.LocationName)
	}
	// an unknown type is still an error, and names character among the known ones
	diags := resolveDiags(t, modelWith("rest-json", ``, `"C": {"type": "char"}`))
	if !diags.HasErrors() || !strings.Contains(diags.Err().Error(), "character") {
		t.Errorf("diagnostics %v", diags)
	}
}

// TestPayloadOnOperationRef checks payload given on an operation's input or output
// reference (older models) instead of on the shape: the member is the payload, as if
// the shape named it, and a payload naming no member is an error at its position.
func TestPayloadOnOperationRef(t *testing.T) {
	svc := mustResolve(t, modelWith("rest-json", `
    "PutBlob": {"http": {"method": "POST", "requestUri": "/blob"}, "input": {"shape": "BlobInput", "payload": "foo"},
      "output": {"shape": "StructOutput", "payload": "Data"}},
    "PutPlain": {"http": {"method": "POST", "requestUri": "/plain"}, "input": {"shape": "BlobInput"}},
    "PutOwn": {"http": {"method": "POST", "requestUri": "/own"}, "input": {"shape": "OwnInput", "payload": "b"}}`, `
    "BlobInput": {"type": "structure", "members": {"foo": {"shape": "Bytes"}, "h": {"shape": "S", "location": "header", "locationName": "x-h"}}},
    "StructOutput": {"type": "structure", "members": {"Data": {"shape": "Inner"}}},
    "OwnInput": {"type": "structure", "payload": "a", "members": {"a": {"shape": "Inner"}, "b": {"shape": "Inner"}}},
    "Inner": {"type": "structure", "members": {"x": {"shape": "S"}}},
    "Bytes": {"type": "blob"},
    "S": {"type": "string"}`), nil)
	blob := operation(t, svc, "PutBlob")
	if p := blob.Input.Payload; p == nil || p.Name != "foo" || p.Location != ir.InPayload {
		t.Errorf("PutBlob input payload %+v", p)
	}
	if m := member(t, blob.Input, "h"); m.Location != ir.InHeader {
		t.Errorf("PutBlob h: %s", m.Location)
	}
	if p := blob.Output.Payload; p == nil || p.Name != "Data" || p.Location != ir.InPayload {
		t.Errorf("PutBlob output payload %+v", p)
	}
	// the reference's payload is the operation's: another operation of the same shape
	// has none
	if p := operation(t, svc, "PutPlain").Input.Payload; p != nil {
		t.Errorf("PutPlain payload %+v, want none", p)
	}
	if m := member(t, operation(t, svc, "PutPlain").Input, "foo"); m.Location != ir.InBody {
		t.Errorf("PutPlain foo: %s", m.Location)
	}
	// the shape's own payload wins
	if p := operation(t, svc, "PutOwn").Input.Payload; p == nil || p.Name != "a" {
		t.Errorf("PutOwn payload %+v, want a", p)
	}
	diags := resolveDiags(t, modelWith("rest-json", `
    "Put": {"http": {"method": "POST", "requestUri": "/"}, "input": {"shape": "In", "payload": "nope"}}`, `
    "In": {"type": "structure", "members": {"a": {"shape": "S"}}},
    "S": {"type": "string"}`))
	if !diags.HasErrors() || !strings.Contains(diags.Err().Error(), `payload member "nope" is not a member of In`) {
		t.Errorf("diagnostics %v", diags)
	}
}
