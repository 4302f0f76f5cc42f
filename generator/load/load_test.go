package load_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/svcgen/svcgen/generator/diag"
	"github.com/svcgen/svcgen/generator/load"
)

// TestLoadCompanions: Load reads the model and the companion files beside it.
func TestLoadCompanions(t *testing.T) {
	path := filepath.Join("testdata", "minimal", "service-2.json")
	m, diags := load.Load(path)
	if m == nil || len(diags) != 0 {
		t.Fatalf("Load: %v", diags)
	}
	if m.Version != "2.0" || m.Metadata.ServiceID != "Minimal" || m.Metadata.Protocol != "rest-json" || m.Metadata.APIVersion != "2024-01-01" {
		t.Errorf("metadata %+v, version %q", m.Metadata, m.Version)
	}
	if m.RuleSet == nil || m.Waiters == nil || m.Paginators == nil || m.Docs == nil {
		t.Fatalf("companions: rules %v, waiters %v, paginators %v, docs %v", m.RuleSet != nil, m.Waiters != nil, m.Paginators != nil, m.Docs != nil)
	}
	if want := filepath.Join("testdata", "minimal", load.PaginatorsFile); m.Paginators.Name != want {
		t.Errorf("paginators file %q, want %q", m.Paginators.Name, want)
	}
	if len(m.PaginatorList) != 1 {
		t.Fatalf("paginators: %+v", m.PaginatorList)
	}
	p := m.PaginatorList[0]
	if p.Operation != "ListThings" || strings.Join(p.InputToken, ",") != "nextToken" || strings.Join(p.OutputToken, ",") != "nextToken" ||
		p.LimitKey != "maxResults" || strings.Join(p.ResultKey, ",") != "things" {
		t.Errorf("paginator %+v", p)
	}
	if p.Pos.String() != filepath.Join("testdata", "minimal", load.PaginatorsFile)+":3:5" {
		t.Errorf("paginator position %s", p.Pos)
	}
	// docs-2.json fills what the model does not document
	if m.Documentation != "A minimal service." {
		t.Errorf("service doc %q", m.Documentation)
	}
	if m.Operations[0].Documentation != "Lists the things." {
		t.Errorf("operation doc %q", m.Operations[0].Documentation)
	}
	if got := m.Shapes["Things"].Documentation; got != "The things." {
		t.Errorf("Things doc %q", got)
	}
	if got := m.Shapes["String"].Documentation; got != "" {
		t.Errorf("String doc %q, want none (base is null)", got)
	}
	in := m.Shapes["ListThingsInput"]
	if got := in.Members[0].Documentation; got != "Where to start." {
		t.Errorf("ListThingsInput.nextToken doc %q", got)
	}
	if got := in.Members[1].Documentation; got != "" {
		t.Errorf("ListThingsInput.maxResults doc %q", got)
	}
}

// TestPositions: every value keeps the line and column where it starts.
func TestPositions(t *testing.T) {
	path := filepath.Join("testdata", "minimal", "service-2.json")
	m, diags := load.Load(path)
	if m == nil || len(diags) != 0 {
		t.Fatalf("Load: %v", diags)
	}
	op := m.Operations[0]
	in := m.Shapes["ListThingsInput"]
	out := m.Shapes["ListThingsOutput"]
	max := m.Shapes["Max"]
	for what, got := range map[string]diag.Pos{
		"9:5 operation name":            op.Pos,
		"11:47 requestUri value":        op.RequestURIPos,
		"12:16 input reference":         op.Input.Pos,
		"12:26 input shape name":        op.Input.ShapePos,
		"17:5 shape name":               in.Pos,
		"18:15 shape type":              in.TypePos,
		"20:9 member name":              in.Members[0].Pos,
		"20:32 member's shape name":     in.Members[0].ShapePos,
		"26:20 first required name":     out.RequiredPos[0],
		"33:5 Max":                      max.Pos,
		"33:39 min":                     max.MinPos,
		"33:49 max":                     max.MaxPos,
		"32:42 list member's reference": m.Shapes["Things"].Member.Pos,
		"3:15 metadata":                 m.Metadata.Pos,
	} {
		want := path + ":" + strings.Fields(what)[0]
		if got.String() != want {
			t.Errorf("%s: %s, want %s", what, got, want)
		}
	}
}

func TestFilePos(t *testing.T) {
	src := "{\r\n  \"a\": 1,\n\n  \"é\": \"x\"\n}"
	m, _ := load.Bytes("f.json", []byte(src), nil)
	if m == nil {
		t.Fatal("no model")
	}
	f := m.File
	for offset, want := range map[int]string{
		-3:           "f.json:1:1",
		0:            "f.json:1:1",
		1:            "f.json:1:2", // the \r ends line 1
		3:            "f.json:2:1",
		5:            "f.json:2:3",
		12:           "f.json:2:10", // the \n that ends line 2
		13:           "f.json:3:1",  // the empty line
		14:           "f.json:4:1",
		19:           "f.json:4:6", // after the two bytes of é
		len(src) - 1: "f.json:5:1",
		len(src):     "f.json:5:2",
		len(src) + 9: "f.json:5:2",
	} {
		if got := f.Pos(offset).String(); got != want {
			t.Errorf("Pos(%d) = %s, want %s", offset, got, want)
		}
	}
}

// TestLoadErrors: a file of the wrong form gets one clear diagnostic each, at the
// right place.
func TestLoadErrors(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []string // diagnostics
		noModel   bool
	}{
		{
			name:    "empty",
			src:     "",
			want:    []string{"m.json:1:1: invalid JSON: unexpected end of JSON input"},
			noModel: true,
		},
		{
			name:    "truncated",
			src:     "{\n  \"metadata\": {\n",
			want:    []string{"m.json:3:1: invalid JSON: unexpected end of JSON input"},
			noModel: true,
		},
		{
			name:    "two values",
			src:     "{}\n\n  {}\n",
			want:    []string{"m.json:3:3: invalid JSON: unexpected data after the top-level value"},
			noModel: true,
		},
		{
			name:    "not an object",
			src:     "\n  [1, 2]\n",
			want:    []string{"m.json:2:3: a model is a JSON object, found an array"},
			noModel: true,
		},
		{
			name: "nothing inside",
			src:  "{}",
			want: []string{
				"m.json:1:1: the model has no metadata object",
				"m.json:1:1: the model has no operations object",
				"m.json:1:1: the model has no shapes object",
			},
		},
		{
			name: "wrong JSON types",
			src: `{
  "metadata": {"protocol": 1, "protocols": "rest-json"},
  "operations": {"Op": {"http": {"method": "GET", "responseCode": "200"}, "errors": {"shape": "E"}, "idempotent": "yes"}},
  "shapes": {
    "E": {"type": "structure", "members": [], "required": "x", "exception": 1},
    "S": {"type": "string", "enum": ["a", 2], "pattern": true},
    "T": {"type": 7},
    "R": {"type": "structure", "members": {"m": {"shape": ""}, "n": "S", "o": {"shape": "S", "location": 3}}}
  }
}
`,
			want: []string{
				`m.json:2:28: metadata: "protocol" must be a string, found a number`,
				`m.json:2:44: metadata: "protocols" must be an array of strings, found a string`,
				`m.json:3:67: Op: "responseCode" must be a number, found a string`,
				`m.json:3:85: Op: "errors" must be an array, found an object`,
				`m.json:3:115: Op: "idempotent" must be a boolean, found a string`,
				`m.json:5:43: E: "members" must be an object, found an array`,
				`m.json:5:59: E: "required" must be an array of strings, found a string`,
				`m.json:5:77: E: "exception" must be a boolean, found a number`,
				`m.json:6:43: S: "enum" must be an array of strings, found a number`,
				`m.json:6:58: S: "pattern" must be a string, found a boolean`,
				`m.json:7:10: T: the shape has no type ("type" must be a string)`,
				`m.json:8:49: R.m: the reference names no shape ("shape" must be a non-empty string)`,
				`m.json:8:69: R.n: a shape reference is an object, found a string`,
				`m.json:8:106: R.o: "location" must be a string, found a number`,
			},
		},
		{
			name: "shape defined twice",
			src: `{
  "metadata": {"protocol": "json"},
  "operations": {},
  "shapes": {
    "S": {"type": "string"},
    "S": {"type": "integer"}
  }
}`,
			want: []string{`m.json:6:5: S: shape "S" is defined twice`},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, diags := load.Bytes("m.json", []byte(tc.src), nil)
			if (m == nil) != tc.noModel {
				t.Errorf("model %v, want nil %v", m != nil, tc.noModel)
			}
			diags.Sort()
			var got []string
			for _, d := range diags {
				got = append(got, d.String())
				if d.Severity != diag.Error {
					t.Errorf("%s: not an error", d)
				}
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// TestCompanionErrors: a broken companion file is reported under its own name, and
// the model still loads.
func TestCompanionErrors(t *testing.T) {
	src := `{"metadata": {"protocol": "json"}, "operations": {}, "shapes": {}}`
	m, diags := load.Bytes("svc/service-2.json", []byte(src), map[string][]byte{
		"svc/" + load.PaginatorsFile: []byte("{\n  \"pagination\": {\n    \"Op\": {\"input_token\": 5}\n  }\n}"),
		"svc/" + load.DocsFile:       []byte("{\n  \"service\": \"x\",,\n}"),
	})
	if m == nil {
		t.Fatal("no model")
	}
	var got []string
	for _, d := range diags {
		got = append(got, d.String())
	}
	want := []string{
		`svc/docs-2.json:2:18: invalid JSON: invalid character ',' looking for beginning of object key string`,
		`svc/paginators-1.json:3:27: pagination.Op: "input_token" must be an array of strings, found a number`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestLoadMissingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "service-2.json")
	m, diags := load.Load(path)
	if m != nil || len(diags) != 1 || !diags.HasErrors() {
		t.Fatalf("model %v, diagnostics %v", m != nil, diags)
	}
	if d := diags[0]; d.File != path || d.Line != 0 || !strings.Contains(d.Message, "no such file") {
		t.Errorf("%s", d)
	}
}

// TestOperationsSorted: operations and shape names come out sorted; members keep the
// file's order.
func TestOperationsSorted(t *testing.T) {
	src := `{
  "metadata": {"protocol": "json"},
  "operations": {"Zed": {}, "Alpha": {}, "Mid": {}},
  "shapes": {
    "Z": {"type": "structure", "members": {"z": {"shape": "A"}, "a": {"shape": "A"}, "m": {"shape": "A"}}},
    "A": {"type": "string"}
  }
}`
	m, diags := load.Bytes("m.json", []byte(src), nil)
	if m == nil || len(diags) != 0 {
		t.Fatalf("%v", diags)
	}
	var ops, members []string
	for _, op := range m.Operations {
		ops = append(ops, op.Name)
	}
	for _, r := range m.Shapes["Z"].Members {
		members = append(members, r.Name)
	}
	if strings.Join(ops, ",") != "Alpha,Mid,Zed" || strings.Join(m.ShapeNames, ",") != "A,Z" || strings.Join(members, ",") != "z,a,m" {
		t.Errorf("operations %v, shapes %v, members %v", ops, m.ShapeNames, members)
	}
}
