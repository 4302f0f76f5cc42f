package diff

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/svcgen/svcgen/internal/shareddata"
)

func testdata(t *testing.T, name string) Version {
	t.Helper()
	v, err := Load(filepath.Join("testdata", name, "service-2.json"))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestChangeKinds compares two hand-written versions of a small service that differ
// in one way per change kind, and checks each change's kind and verdict against the
// Go packages apidiff compares.
func TestChangeKinds(t *testing.T) {
	old, new := testdata(t, "widgets-old"), testdata(t, "widgets-new")
	r := Compare(old, new)
	for _, w := range []struct {
		kind, subject string
		breaking      bool
	}{
		{ServiceChanged, "metadata.endpointPrefix", true},
		{OperationRemoved, "DeleteWidget", true},
		{OperationAdded, "UpdateWidget", false},
		{OperationBinding, "GetWidget", true},
		{OperationSigning, "CreateWidget", true},
		{ErrorAdded, "GetWidget", false},
		{ErrorRemoved, "CreateWidget", false},
		{ErrorTraitChanged, "NotFound", true},
		{ErrorTraitChanged, "Conflict", false},
		{EnumValueRemoved, "Color", true},
		{EnumValueAdded, "Color", false},
		{MemberAdded, "Widget.owner", false},
		{MemberAdded, "CreateWidgetRequest.owner", true},
		{MemberRemoved, "Widget.size", true},
		{MemberRenamed, "Widget.color", true},
		{MemberRetyped, "CreateWidgetRequest.size", true},
		{MemberRequired, "CreateWidgetRequest.color", true},
		{MemberOptional, "Widget.name", true},
		{MemberBinding, "CreateWidgetRequest.createdAt", true},
		{MemberBinding, "ListWidgetsRequest.maxResults", true},
		{ConstraintTightened, "WidgetName", true},
		{ConstraintLoosened, "Size", false},
		{ConstraintTightened, "TagKey", true}, // a list's element
		{PaginatorChanged, "ListWidgets (paginator)", true},
		{WaiterRemoved, "WidgetExists (waiter)", true},
		{WaiterAdded, "WidgetGone (waiter)", false},
	} {
		want(t, r, w.kind, w.subject, w.breaking)
	}
	for _, c := range r.Changes {
		if c.Kind == MemberAdded && c.Subject == "Widget.colour" || c.Kind == MemberRemoved && c.Subject == "Widget.color" {
			t.Errorf("the rename of Widget.color is also listed as %s", c)
		}
	}
	// the other way round, the additions become removals
	if !Compare(new, old).Breaking() {
		t.Errorf("the reverse comparison breaks nothing")
	}
	oracle(t, old, new)
}

// TestNoChange: a model compared with itself has no change.
func TestNoChange(t *testing.T) {
	v := testdata(t, "widgets-old")
	if r := Compare(v, testdata(t, "widgets-old")); len(r.Changes) != 0 {
		t.Errorf("changes between a model and itself:\n%s", dump(r))
	}
}

// BenchmarkCompare: the comparison alone (loading and resolving excluded) of the 2023
// EKS model the project ships against today's.
func BenchmarkCompare(b *testing.B) {
	old, err := Load(filepath.Join("..", "..", "models", "eks", "service-2.json"))
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(shareddata.ModelsDir(), "eks", "service-2.json")
	shareddata.Require(b, path, "the current eks model")
	new, err := Load(path)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		Compare(old, new)
	}
}

// edited loads widgets-old with text edits made in memory and the companions given.
func edited(t *testing.T, companions map[string][]byte, edits ...[2]string) Version {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "widgets-old", "service-2.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range edits {
		if bytes.Count(data, []byte(e[0])) != 1 {
			t.Fatalf("widgets-old has not exactly one %q", e[0])
		}
		data = bytes.Replace(data, []byte(e[0]), []byte(e[1]), 1)
	}
	v, err := Bytes("widgets/service-2.json", data, companions)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestMoreKinds: the kinds the widgets pair does not have.
func TestMoreKinds(t *testing.T) {
	rules := map[string][]byte{"widgets/endpoint-rule-set-1.json": []byte(`{"version":"1.0","parameters":{},"rules":[{"type":"error","conditions":[],"error":"no endpoint"}]}`)}
	base := edited(t, rules)
	// a structure becomes a union; the package is renamed; a client context parameter
	// (an Options field) is added
	r := Compare(base, edited(t, rules,
		[2]string{`"Widget":{
      "type":"structure",
      "required":["name"],`, `"Widget":{
      "type":"structure",
      "union":true,`},
		[2]string{`"serviceId":"Widgets",`, `"serviceId":"Gadgets",`},
		[2]string{`  "shapes":{`, `  "clientContextParams":{"UseWidgets":{"type":"boolean","documentation":"x"}},
  "shapes":{`},
	))
	want(t, r, ShapeRetyped, "Widget", true)
	want(t, r, ServiceChanged, "metadata.package", true)
	want(t, r, ContextParamAdded, "clientContextParams.UseWidgets", false)
	// the other way round
	r = Compare(edited(t, rules, [2]string{`  "shapes":{`, `  "clientContextParams":{"UseWidgets":{"type":"boolean","documentation":"x"}},
  "shapes":{`}), base)
	want(t, r, ContextParamRemoved, "clientContextParams.UseWidgets", true)
	// the endpoint rules change, the json version and target prefix of awsJson
	r = Compare(base, edited(t, map[string][]byte{"widgets/endpoint-rule-set-1.json": []byte(`{"version":"1.0","parameters":{"Region":{"type":"String"}},"rules":[{"type":"error","conditions":[],"error":"no endpoint"}]}`)}))
	want(t, r, EndpointRules, "endpoint-rule-set", false)
	asJSON := func(version, prefix string) Version {
		return edited(t, nil, [2]string{`"protocol":"rest-json",
    "protocols":["rest-json"],`, `"protocol":"json",
    "protocols":["json"],
    "jsonVersion":"` + version + `",
    "targetPrefix":"` + prefix + `",`})
	}
	r = Compare(asJSON("1.0", "Widgets"), asJSON("1.1", "WidgetService"))
	want(t, r, ServiceChanged, "metadata.jsonVersion", true)
	want(t, r, ServiceChanged, "metadata.targetPrefix", true)
	want(t, r, OperationBinding, "GetWidget", true) // its X-Amz-Target
}

// TestMoreKindsCompanions: waiters changed, paginators removed, and an enum constant
// whose Go name moves when a value of the same spelling arrives.
func TestMoreKindsCompanions(t *testing.T) {
	waiters := func(state string) map[string][]byte {
		return map[string][]byte{"widgets/waiters-2.json": []byte(`{"version":2,"waiters":{"WidgetExists":{"delay":5,"maxAttempts":10,"operation":"GetWidget",
"acceptors":[{"matcher":"status","expected":200,"state":"` + state + `"}]}}}`)}
	}
	r := Compare(edited(t, waiters("success")), edited(t, waiters("retry")))
	want(t, r, WaiterChanged, "WidgetExists (waiter)", false)
	pag := map[string][]byte{"widgets/paginators-1.json": []byte(`{"pagination":{"ListWidgets":{"input_token":"nextToken","output_token":"nextToken","result_key":"widgets"}}}`)}
	r = Compare(edited(t, pag), edited(t, nil))
	want(t, r, PaginatorRemoved, "ListWidgets (paginator)", true)
	old := edited(t, nil, [2]string{`"enum":["RED","GREEN","BLUE"]`, `"enum":["RED","GREEN","light-blue"]`})
	new := edited(t, nil, [2]string{`"enum":["RED","GREEN","BLUE"]`, `"enum":["RED","GREEN","light_blue","light-blue"]`})
	r = Compare(old, new)
	want(t, r, EnumConstRenamed, "Color", true)
}
