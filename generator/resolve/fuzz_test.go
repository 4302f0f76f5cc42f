package resolve_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/svcgen/svcgen/generator/diag"
	"github.com/svcgen/svcgen/generator/ir"
	"github.com/svcgen/svcgen/generator/load"
	"github.com/svcgen/svcgen/generator/resolve"
)

// fuzzBase is a small valid model that the bad-input seeds below each break in one way.
const fuzzBase = `{
  "version": "2.0",
  "metadata": {"protocol": "rest-json", "serviceId": "Fuzz"},
  "operations": {
    "GetThing": {
      "http": {"method": "GET", "requestUri": "/things/{name}?x-id=Get", "responseCode": 200},
      "input": {"shape": "GetThingInput"},
      "output": {"shape": "GetThingOutput"},
      "errors": [{"shape": "NotFound"}]
    }
  },
  "shapes": {
    "GetThingInput": {
      "type": "structure",
      "required": ["name"],
      "members": {
        "name": {"shape": "Name", "location": "uri", "locationName": "name"},
        "tags": {"shape": "Tags", "location": "headers", "locationName": "x-tag-"}
      }
    },
    "GetThingOutput": {
      "type": "structure",
      "members": {
        "names": {"shape": "Names"},
        "when": {"shape": "When"}
      }
    },
    "Name": {"type": "string", "min": 1, "max": 10, "pattern": "^[a-z]+$"},
    "Names": {"type": "list", "member": {"shape": "Name"}},
    "Tags": {"type": "map", "key": {"shape": "Name"}, "value": {"shape": "Name"}},
    "When": {"type": "timestamp"},
    "NotFound": {"type": "structure", "members": {"message": {"shape": "Name"}}, "error": {"httpStatusCode": 404}, "exception": true}
  }
}
`

// fuzzBad are edits of fuzzBase, one mistake each (the bad-input cases of cmd/svcgen).
var fuzzBad = []struct{ old, new string }{
	{`{"shape": "Names"}`, `{"shape": "Missing"}`},                       // dangling reference
	{`"required": ["name"]`, `"required": ["name", "nmae"]`},             // required not a member
	{`"member": {"shape": "Name"}`, `"max": 3`},                          // list without member
	{`"key": {"shape": "Name"}, `, ``},                                   // map without key
	{`"When": {"type": "timestamp"}`, `"When": {"type": "int"}`},         // unknown type
	{`"min": 1, "max": 10`, `"min": 10, "max": 3`},                       // min > max
	{`"location": "uri", "locationName": "name"`, `"locationName": "x"`}, // label with no member
	{`/things/{name}?`, `/things?`},                                      // member bound to a missing label
	{`"members": {"message"`, `"members": {,"message"`},                  // invalid JSON mid-line
	{`"When": {"type": "timestamp"}`, `"When": ["timestamp"]`},           // non-object shape
	{`"min": 1`, `"min": "1"`},                                           // wrong JSON type
	{`"location": "uri"`, `"location": "body"`},                          // unknown location
	{`"errors": [{"shape": "NotFound"}]`, `"errors": [{"shape": "Name"}]`},
	{`"input": {"shape": "GetThingInput"}`, `"input": {"shape": "Names"}`},
	{`"operations": {`, `"operations": {}, "x": {`},
	{`"max": 10`, `"max": -1.5`},
	{`"type": "timestamp"`, `"type": "timestamp", "timestampFormat": "epoch"`},
	{`/things/{name}`, `/things/{name`},
	{`"responseCode": 200`, `"responseCode": "200"`},
}

// fuzzGood are edits of fuzzBase that keep it valid.
var fuzzGood = []struct{ old, new string }{
	{`{"shape": "Names"}`, `{"shape": "GetThingOutput"}`}, // recursion
	{`"type": "timestamp"`, `"type": "timestamp", "timestampFormat": "iso8601"`},
	{`"Names": {"type": "list", "member": {"shape": "Name"}}`, `"Names": {"type": "list", "member": {"shape": "GetThingOutput"}, "sparse": true}`},
	{`"/things/{name}?x-id=Get"`, `"/things/{name+}"`},
	{`"errors": [{"shape": "NotFound"}]`, `"errors": [{"shape": "NotFound"}], "endpoint": {"hostPrefix": "{name}."}`},
	{`"When": {"type": "timestamp"}`, `"When": {"type": "structure", "union": true, "members": {"a": {"shape": "Name"}, "b": {"shape": "Tags"}}}`},
	{`"When": {"type": "timestamp"}`, `"When": {"type": "structure", "document": true, "sensitive": true}`},
}

// resolveBytes loads and resolves a model held in memory. It resolves whatever the
// loader returns, even a model with errors, which the CLI would not: resolving must
// not panic on a model that is only partly loaded.
func resolveBytes(name string, data []byte, companions map[string][]byte) (m *load.Model, svc *ir.Service, loadDiags, resolveDiags diag.List) {
	m, loadDiags = load.Bytes(name, data, companions)
	if m == nil {
		return nil, nil, loadDiags, nil
	}
	svc, resolveDiags = resolve.Resolve(m, resolve.Options{})
	return m, svc, loadDiags, resolveDiags
}

// FuzzLoadResolve: no input makes the loader or the resolver panic, and a model that
// does not resolve always says why.
func FuzzLoadResolve(f *testing.F) {
	for _, dir := range []string{"eks-auth", "eks"} {
		model, err := os.ReadFile(filepath.Join("..", "..", "models", dir, "service-2.json"))
		if err != nil {
			f.Fatal(err)
		}
		pag, _ := os.ReadFile(filepath.Join("..", "..", "models", dir, "paginators-1.json"))
		f.Add(model, pag, []byte(nil))
	}
	f.Add([]byte(fuzzBase), []byte(`{"pagination": {"GetThing": {"input_token": "name", "output_token": "names", "result_key": ["names"]}}}`),
		[]byte(`{"service": "<p>Fuzz</p>", "operations": {"GetThing": "<p>Gets.</p>"}, "shapes": {"Name": {"base": "a", "refs": {"GetThingInput$name": "b"}}}}`))
	for _, e := range append(fuzzBad, fuzzGood...) {
		if !strings.Contains(fuzzBase, e.old) {
			f.Fatalf("seed edit %q does not apply", e.old)
		}
		f.Add([]byte(strings.Replace(fuzzBase, e.old, e.new, 1)), []byte(nil), []byte(nil))
	}
	for _, tc := range regressions {
		f.Add([]byte(tc.model), []byte(nil), []byte(nil))
	}
	f.Fuzz(func(t *testing.T, model, paginators, docs []byte) {
		companions := map[string][]byte{}
		if len(paginators) > 0 {
			companions["fuzz/"+load.PaginatorsFile] = paginators
		}
		if len(docs) > 0 {
			companions["fuzz/"+load.DocsFile] = docs
		}
		checkResolves(t, model, companions)
	})
}

// checkResolves loads and resolves one model and checks what any model must satisfy:
// no model or no service comes with an error that says why, a service comes with no
// error, and every diagnostic has a position and is reported once. It returns whether
// the model has an error.
func checkResolves(t *testing.T, model []byte, companions map[string][]byte) bool {
	t.Helper()
	m, svc, loadDiags, resolveDiags := resolveBytes("fuzz/service-2.json", model, companions)
	if m == nil && !loadDiags.HasErrors() {
		t.Fatalf("no model, and no error among the diagnostics: %v", loadDiags)
	}
	if m != nil && svc == nil && !resolveDiags.HasErrors() {
		t.Fatalf("no service, and no error among the diagnostics: %v", resolveDiags)
	}
	if svc != nil && resolveDiags.HasErrors() {
		t.Fatalf("a service and errors: %v", diag.ErrorList(resolveDiags))
	}
	seen := map[string]bool{}
	for _, d := range append(loadDiags, resolveDiags...) {
		if d.File == "" || d.Message == "" {
			t.Errorf("diagnostic without a file or a message: %#v", d)
		}
		if d.Line < 1 || d.Col < 1 {
			t.Errorf("diagnostic without a position: %s", d)
		}
		if seen[d.String()] {
			t.Errorf("diagnostic reported twice: %s", d)
		}
		seen[d.String()] = true
	}
	return loadDiags.HasErrors() || resolveDiags.HasErrors()
}

// regressions are inputs the fuzzer or the tests found, kept as ordinary tests.
var regressions = []struct{ name, model string }{
	{
		// reported once for the model shape and again for the operation's copy of it
		name:  "duplicate diagnostic for an operation's output member",
		model: strings.Replace(fuzzBase, `"type": "timestamp"`, `"type": "timestamp", "timestampFormat": "epoch"`, 1),
	},
	{
		// the loader reports the missing metadata; resolving the rest said "no
		// protocol" at no position
		name:  "no metadata",
		model: `{"operations": {"A": {}}, "shapes": {}}`,
	},
	{
		name:  "null sections",
		model: `{"metadata": null, "operations": null, "shapes": null}`,
	},
}

// TestLoadResolveInvariants runs the fuzz checks on the seeds and the regressions.
func TestLoadResolveInvariants(t *testing.T) {
	for _, tc := range regressions {
		t.Run(tc.name, func(t *testing.T) { checkResolves(t, []byte(tc.model), nil) })
	}
	for i, e := range fuzzBad {
		t.Run(fmt.Sprintf("bad%02d", i), func(t *testing.T) {
			if !checkResolves(t, []byte(strings.Replace(fuzzBase, e.old, e.new, 1)), nil) {
				t.Errorf("%q → %q: no error", e.old, e.new)
			}
		})
	}
	for i, e := range append(fuzzGood, struct{ old, new string }{"", ""}) {
		t.Run(fmt.Sprintf("good%02d", i), func(t *testing.T) {
			if checkResolves(t, []byte(strings.Replace(fuzzBase, e.old, e.new, 1)), nil) {
				t.Errorf("%q → %q: an error", e.old, e.new)
			}
		})
	}
}
