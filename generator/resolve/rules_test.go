package resolve_test

import (
	"strings"
	"testing"

	"github.com/svcgen/svcgen/generator/load"
	"github.com/svcgen/svcgen/generator/resolve"
	"github.com/svcgen/svcgen/runtime/endpoints"
)

const rulesFile = `{"version": "1.0",
 "parameters": {"Region": {"type": "string", "builtIn": "AWS::Region"}},
 "rules": [
  {"type": "endpoint", "conditions": [{"fn": "isSet", "argv": [{"ref": "Region"}]}],
   "endpoint": {"url": "https://t.{Region}.amazonaws.com"}},
  {"type": "error", "conditions": [], "error": "no region"}
 ]}`

// TestRuleSetCompiled: the rule set is compiled into the binary form, which
// decodes to the same rules with the functions RuleSetFuncs names.
func TestRuleSetCompiled(t *testing.T) {
	svc := mustResolve(t, waitersModel, map[string][]byte{"test/" + load.RuleSetFile: []byte(rulesFile)})
	if string(svc.RuleSet) != rulesFile {
		t.Errorf("RuleSet is not the file as read")
	}
	if len(svc.RuleSetFuncs) != 1 || svc.RuleSetFuncs[0] != "FnIsSet" {
		t.Errorf("RuleSetFuncs = %q, want [FnIsSet]", svc.RuleSetFuncs)
	}
	rs, err := endpoints.Decode(string(svc.RuleSetData), endpoints.FnIsSet)
	if err != nil {
		t.Fatal(err)
	}
	v := rs.NewValues()
	v.SetString(rs.Index("Region"), "us-west-2")
	if ep, err := rs.Resolve(&v); err != nil || ep.URL != "https://t.us-west-2.amazonaws.com" {
		t.Errorf("got (%q, %v)", ep.URL, err)
	}
	if svc := mustResolve(t, waitersModel, nil); svc.RuleSet != nil || svc.RuleSetData != nil {
		t.Errorf("without a rule set: RuleSet %q, RuleSetData %q", svc.RuleSet, svc.RuleSetData)
	}
}

// TestRuleSetErrors: a rule set that the runtime would not accept is an error at
// the place that is wrong, saying what is wrong.
func TestRuleSetErrors(t *testing.T) {
	for _, c := range []struct {
		old, new string
		want     string
	}{
		{`"fn": "isSet"`, `"fn": "isSett"`, `test/endpoint-rule-set-1.json:4:39: endpoint rules: rules[0].conditions[0]: unknown function "isSett"`},
		{`{"ref": "Region"}`, `{"ref": "Regio"}`, `test/endpoint-rule-set-1.json:4:64: endpoint rules: rules[0].conditions[0].argv[0]: unknown reference "Regio"`},
		{`"type": "string"`, `"type": "text"`, `test/endpoint-rule-set-1.json:2:36: endpoint rules: parameters.Region.type: unknown type "text"`},
		{`"error": "no region"`, `"error": 3`, `test/endpoint-rule-set-1.json:6:48: endpoint rules: rules[1].error: want a string`},
		{`"version": "1.0"`, `"version": "2.0"`, `test/endpoint-rule-set-1.json:1:13: endpoint rules: version: "2.0" is not supported`},
		{`"rules": [`, `"rulez": [`, `test/endpoint-rule-set-1.json:1:1: endpoint rules: rules: missing`},
	} {
		src := strings.Replace(rulesFile, c.old, c.new, 1)
		m, diags := load.Bytes("test.json", []byte(waitersModel), map[string][]byte{"test/" + load.RuleSetFile: []byte(src)})
		if m == nil || diags.HasErrors() {
			t.Fatalf("load: %v", diags)
		}
		svc, diags := resolve.Resolve(m, resolve.Options{})
		if svc != nil {
			t.Errorf("%s: resolved", c.new)
		}
		found := false
		for _, d := range diags {
			found = found || strings.HasPrefix(d.String(), c.want)
		}
		if !found {
			t.Errorf("%s: want %q, got %v", c.new, c.want, diags)
		}
	}
}
