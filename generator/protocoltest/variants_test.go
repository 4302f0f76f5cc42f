package protocoltest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/svcgen/svcgen/generator/ir"
)

// TestVariants checks that a suite whose cases give one operation name differently is
// split into variants, each generated into its own package with every name given once,
// instead of being refused.
func TestVariants(t *testing.T) {
	given := func(s string) json.RawMessage { return json.RawMessage(s) }
	a := &tcase{Given: given(`{"name":"Op","http":{"method":"GET","requestUri":"/a"}}`)}
	b := &tcase{Given: given(`{"name":"Op","http":{"method":"POST","requestUri":"/b"}}`)}
	a2 := &tcase{Given: given(`{"name": "Op", "http": {"requestUri": "/a", "method": "GET"}}`)} // a, written otherwise
	c := &tcase{Given: given(`{"name":"Other"}`)}
	d := &tcase{Given: given(`{"name":"Op","http":{"method":"PUT","requestUri":"/d"}}`)}
	s := &suite{Kind: kindInput, Index: 14, Shapes: json.RawMessage(`{}`), Cases: []*tcase{a, b, a2, c, d}}
	vs := variants(s)
	if len(vs) != 3 {
		t.Fatalf("%d variants, want 3", len(vs))
	}
	want := [][]*tcase{{a, a2, c}, {b}, {d}}
	for i, v := range vs {
		if v.Variant != i || len(v.Cases) != len(want[i]) {
			t.Fatalf("variant %d: %+v", i, v)
		}
		for j := range want[i] {
			if v.Cases[j] != want[i][j] {
				t.Errorf("variant %d case %d is not the expected case", i, j)
			}
		}
		if _, err := suiteModel(v); err != nil {
			t.Errorf("variant %d: %v", i, err)
		}
	}
	if got := []string{vs[0].pkgName(), vs[1].pkgName(), vs[2].pkgName()}; strings.Join(got, " ") != "input014 input014v1 input014v2" {
		t.Errorf("packages %v", got)
	}
	// the whole suite is what the model refuses
	if _, err := suiteModel(s); err == nil {
		t.Error("suiteModel accepted an operation given twice differently")
	}
	// a build error in a variant's package is the variant's
	whole, _ := brokenSuites("input014v1/api.go:3:1: x\n", vs, map[*suite]string{}, map[*suite]string{})
	if len(whole) != 1 || whole[vs[1]] == "" {
		t.Errorf("whole = %v, want input014v1", whole)
	}
}

// TestVariantsByRoute checks that in a REST protocol two operations of one method and
// request URI (labels aside) are put in variants of their own, which a server can route.
func TestVariantsByRoute(t *testing.T) {
	given := func(s string) json.RawMessage { return json.RawMessage(s) }
	a := &tcase{Given: given(`{"name":"A","http":{"method":"POST","requestUri":"/x/{Id}"}}`)}
	b := &tcase{Given: given(`{"name":"B","http":{"method":"POST","requestUri":"/x/{Other}"}}`)}
	c := &tcase{Given: given(`{"name":"C","http":{"method":"PUT","requestUri":"/x/{Id}"}}`)}
	for protocol, want := range map[string]int{"rest-json": 2, "rest-xml": 2, "json": 1, "query": 1} {
		s := &suite{Kind: kindInput, Metadata: map[string]json.RawMessage{"protocol": json.RawMessage(`"` + protocol + `"`)}, Cases: []*tcase{a, b, c}}
		vs := variants(s)
		if len(vs) != want {
			t.Errorf("%s: %d variants, want %d", protocol, len(vs), want)
		}
		if want == 2 && (len(vs[0].Cases) != 2 || vs[0].Cases[1] != c || vs[1].Cases[0] != b) {
			t.Errorf("%s: variants %v %v", protocol, vs[0].Cases, vs[1].Cases)
		}
	}
}

// TestRequestLine checks that a case without method or uri takes them from the
// operation's HTTP binding, and that a uri with labels is not made up.
func TestRequestLine(t *testing.T) {
	op := &ir.Operation{HTTP: ir.HTTP{Method: "POST", RequestURI: "/", Segments: []ir.Segment{{Literal: "/"}}}}
	if m, u, err := requestLine(op, "", ""); err != nil || m != "POST" || u != "/" {
		t.Errorf("got %q %q %v, want POST /", m, u, err)
	}
	if m, u, err := requestLine(op, "PUT", "/x?y=1"); err != nil || m != "PUT" || u != "/x?y=1" {
		t.Errorf("got %q %q %v, want the case's", m, u, err)
	}
	op.HTTP.RequestURI = "/jobs/{Id}"
	op.HTTP.Segments = []ir.Segment{{Literal: "/jobs/"}, {Label: &ir.Member{Name: "Id"}}}
	if _, _, err := requestLine(op, "", ""); err == nil {
		t.Error("a uri with labels was taken from the binding")
	}
}

// TestHoldsAny checks which suite folders count as holding protocol files: any one of
// the files, input or output.
func TestHoldsAny(t *testing.T) {
	dir := t.TempDir()
	if holdsAny(dir) {
		t.Error("an empty folder holds protocol files")
	}
	if err := os.MkdirAll(filepath.Join(dir, "output"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "output", "ec2.json"), []byte("[]"), 0o644); err != nil {
		t.Fatal(err)
	}
	if !holdsAny(dir) {
		t.Error("a folder with output/ec2.json holds no protocol file")
	}
}

// TestSubsetFolder checks a suite folder that holds some of a protocol's files: the
// present one is read (here it holds no suite, so nothing is built), the absent one
// is named, and a protocol with no file at all is not run.
func TestSubsetFolder(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "input"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "input", "json.json"), []byte("[]"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("SVCGEN_PROTOCOL_TESTS", dir)
	r := (&once{protocol: "json"}).get(t)
	if r == nil || r.err != nil || len(r.input) != 0 || strings.Join(r.absent, ",") != "output/json.json" {
		t.Fatalf("json: run %+v", r)
	}
	if r := (&once{protocol: "ec2"}).get(t); r != nil {
		t.Errorf("ec2, which has no file, ran: %+v", r)
	}
}

// TestNullInDenseList checks the finding of null in a list that is not sparse, on a
// recursive shape (which must end), and the enum check of server params.
func TestNullInDenseList(t *testing.T) {
	str := &ir.Shape{Name: "S", Kind: ir.String}
	rec := &ir.Shape{Name: "Rec", Kind: ir.Structure}
	dense := &ir.Shape{Name: "L", Kind: ir.List, Elem: &ir.Member{Name: "member", Shape: str}}
	sparse := &ir.Shape{Name: "SL", Kind: ir.List, Sparse: true, Elem: &ir.Member{Name: "member", Shape: str}}
	enum := &ir.Shape{Name: "E", Kind: ir.Enum, Enum: []ir.EnumValue{{Value: "a"}}}
	rec.Members = []*ir.Member{{Name: "Self", Shape: rec}, {Name: "Dense", Shape: dense}, {Name: "Sparse", Shape: sparse}, {Name: "E", Shape: enum}}
	obj := func(s string) map[string]any {
		var v map[string]any
		if err := json.Unmarshal([]byte(s), &v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	for in, want := range map[string]string{
		`{}`:                                   "",
		`{"Self": {"Self": {"Dense": ["x"]}}}`: "",
		`{"Sparse": ["x", null]}`:              "",
		`{"Self": {"Dense": ["x", null]}}`:     "r.Self.Dense[1]",
		`{"Self": {"Self": {"Sparse": [null]}}, "E": "a"}`: "",
	} {
		if got := nullInDenseList(rec, obj(in), "r"); got != want {
			t.Errorf("nullInDenseList(%s) = %q, want %q", in, got, want)
		}
	}
	if got := breaksEnum(rec, obj(`{"Self": {"E": "b"}}`), "p"); got != `p.Self.E is "b"` {
		t.Errorf("breaksEnum = %q", got)
	}
	if got := breaksEnum(rec, obj(`{"Self": {"E": "a"}}`), "p"); got != "" {
		t.Errorf("breaksEnum of a valid value = %q", got)
	}
}
