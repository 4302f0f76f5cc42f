package resolve_test

import (
	"sort"
	"strings"
	"testing"

	"github.com/svcgen/svcgen/generator/diag"
	"github.com/svcgen/svcgen/generator/ir"
	"github.com/svcgen/svcgen/generator/load"
	"github.com/svcgen/svcgen/generator/resolve"
)

// selectionModel has three operations: ListA reaches Item (recursive through Child),
// Tags, Color, Code and ErrA; PutB reaches Other, Shared and ErrB; Ping reaches
// nothing. Each of Code and OtherCode has its own pattern; Unused is reached by none.
const selectionModel = `{
  "metadata": {"protocol": "rest-json", "serviceId": "Test", "apiVersion": "2024-01-01"},
  "operations": {
    "ListA": {"http": {"method": "GET", "requestUri": "/a"}, "input": {"shape": "ListAInput"}, "output": {"shape": "ListAOutput"}, "errors": [{"shape": "ErrA"}]},
    "PutB": {"http": {"method": "PUT", "requestUri": "/b"}, "input": {"shape": "PutBInput"}, "errors": [{"shape": "ErrB"}]},
    "Ping": {"http": {"method": "GET", "requestUri": "/ping"}}
  },
  "shapes": {
    "ListAInput": {"type": "structure", "members": {"NextToken": {"shape": "Token"}, "Code": {"shape": "Code"}}},
    "ListAOutput": {"type": "structure", "members": {"Items": {"shape": "Items"}, "NextToken": {"shape": "Token"}}},
    "Items": {"type": "list", "member": {"shape": "Item"}},
    "Item": {"type": "structure", "members": {"Child": {"shape": "Item"}, "Tags": {"shape": "Tags"}, "Color": {"shape": "Color"}}},
    "Tags": {"type": "map", "key": {"shape": "Token"}, "value": {"shape": "Token"}},
    "Color": {"type": "string", "enum": ["red", "blue"]},
    "Code": {"type": "string", "pattern": "^[a-z]+$"},
    "Token": {"type": "string"},
    "ErrA": {"type": "structure", "members": {"Message": {"shape": "Token"}}, "exception": true},
    "PutBInput": {"type": "structure", "members": {"Other": {"shape": "Other"}, "Shared": {"shape": "Shared"}}},
    "Other": {"type": "structure", "members": {"Code": {"shape": "OtherCode"}}},
    "OtherCode": {"type": "string", "pattern": "^[0-9]+$"},
    "Shared": {"type": "structure", "members": {"Name": {"shape": "Token"}}},
    "ErrB": {"type": "structure", "members": {"Message": {"shape": "Token"}}, "exception": true},
    "Unused": {"type": "structure", "members": {"Code": {"shape": "Code"}}}
  }
}
`

const selectionPaginators = `{"pagination": {
  "ListA": {"input_token": "NextToken", "output_token": "NextToken", "result_key": "Items"}
}}`

func resolveSelection(t *testing.T, ops ...string) (*ir.Service, diag.List) {
	t.Helper()
	m, diags := load.Bytes("test.json", []byte(selectionModel), map[string][]byte{"test/" + load.PaginatorsFile: []byte(selectionPaginators)})
	if m == nil || diags.HasErrors() {
		t.Fatalf("load:\n%v", diag.ErrorList(diags))
	}
	return resolve.Resolve(m, resolve.Options{Operations: ops})
}

func shapeNames(list []*ir.Shape) string {
	var names []string
	for _, sh := range list {
		names = append(names, sh.Name)
	}
	sort.Strings(names)
	return strings.Join(names, " ")
}

// TestSelectOperations: Options.Operations keeps the named operations, exactly the
// shapes they reach (inputs, outputs, errors, nested and recursive ones), their
// paginators and their patterns, and nothing of the other operations.
func TestSelectOperations(t *testing.T) {
	for _, tc := range []struct {
		ops                                []string
		wantOps, wantShapes, wantErrors    string
		wantPaginators, wantPatternSources string
	}{
		{nil, "ListA Ping PutB", "Color ErrA ErrB Item Other Shared", "ErrA ErrB", "ListA", "^[0-9]+$ ^[a-z]+$"},
		{[]string{"ListA"}, "ListA", "Color ErrA Item", "ErrA", "ListA", "^[a-z]+$"},
		{[]string{"PutB", "Ping"}, "Ping PutB", "ErrB Other Shared", "ErrB", "", "^[0-9]+$"},
		{[]string{"Ping", "Ping"}, "Ping", "", "", "", ""},
	} {
		t.Run(strings.Join(tc.ops, ","), func(t *testing.T) {
			svc, diags := resolveSelection(t, tc.ops...)
			if svc == nil {
				t.Fatalf("resolve:\n%v", diag.ErrorList(diags))
			}
			for _, d := range diags {
				t.Errorf("diagnostic %s; want none (a paginator of an operation left out is left out silently)", d)
			}
			var ops, pags, pats []string
			for _, op := range svc.Operations {
				ops = append(ops, op.Name)
			}
			for _, p := range svc.Paginators {
				pags = append(pags, p.Operation.Name)
			}
			for _, p := range svc.Patterns {
				pats = append(pats, p.Source)
			}
			for _, c := range []struct{ what, got, want string }{
				{"operations", strings.Join(ops, " "), tc.wantOps},
				{"shapes", shapeNames(svc.Shapes), tc.wantShapes},
				{"errors", shapeNames(svc.Errors), tc.wantErrors},
				{"paginators", strings.Join(pags, " "), tc.wantPaginators},
				{"patterns", strings.Join(pats, " "), tc.wantPatternSources},
			} {
				if c.got != c.want {
					t.Errorf("%s: %q, want %q", c.what, c.got, c.want)
				}
			}
		})
	}
}

// TestSelectUnknownOperation: a name the model does not have fails resolution with an
// error naming it and listing the model's operations.
func TestSelectUnknownOperation(t *testing.T) {
	svc, diags := resolveSelection(t, "ListA", "Nope", "lista")
	if svc != nil {
		t.Fatal("resolved a selection naming operations the model does not have")
	}
	msg := diag.ErrorList(diags).Error()
	want := `the model has no operations "Nope", "lista"; its operations are: ListA, Ping, PutB`
	if !strings.Contains(msg, want) {
		t.Errorf("error %q; want it to contain %q", msg, want)
	}
	m, _ := load.Bytes("test.json", []byte(selectionModel), nil)
	if err := resolve.UnknownOperations(m, []string{"PutB"}); err != nil {
		t.Errorf("UnknownOperations(PutB): %v", err)
	}
}

// TestSelectKeepsEndpointOperation: an operation that uses endpoint discovery keeps the
// operation that answers with the endpoints, which the client calls first.
func TestSelectKeepsEndpointOperation(t *testing.T) {
	src := modelWith("json", `
    "DescribeEndpoints": {"http": {"method": "POST", "requestUri": "/"}, "endpointoperation": true, "output": {"shape": "Out"}},
    "Query": {"http": {"method": "POST", "requestUri": "/"}, "endpointdiscovery": {"required": true}},
    "Other": {"http": {"method": "POST", "requestUri": "/"}}`,
		`"Out": {"type": "structure", "members": {}}`)
	src = strings.Replace(src, `"apiVersion"`, `"jsonVersion": "1.0", "targetPrefix": "T", "apiVersion"`, 1)
	m, diags := load.Bytes("test.json", []byte(src), nil)
	if m == nil || diags.HasErrors() {
		t.Fatalf("load:\n%v", diag.ErrorList(diags))
	}
	for _, tc := range []struct{ sel, want string }{{"Query", "DescribeEndpoints Query"}, {"Other", "Other"}} {
		svc, diags := resolve.Resolve(m, resolve.Options{Operations: []string{tc.sel}})
		if svc == nil {
			t.Fatalf("resolve:\n%v", diag.ErrorList(diags))
		}
		var got []string
		for _, op := range svc.Operations {
			got = append(got, op.Name)
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("selecting %s kept %v, want %s", tc.sel, got, tc.want)
		}
	}
}
