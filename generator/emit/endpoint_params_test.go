package emit_test

import (
	"testing"

	"github.com/svcgen/svcgen/generator/emit"
	"github.com/svcgen/svcgen/generator/load"
	"github.com/svcgen/svcgen/generator/resolve"
)

// A model whose operations bind endpoint parameters: a static context param and an
// input member marked contextParam choose the host.
const paramsModel = `{
  "clientContextParams": {"Slow": {"documentation": "Use the slow lane.", "type": "boolean"}},
  "metadata": {"apiVersion": "2024-01-01", "endpointPrefix": "bucketed", "protocol": "rest-json",
    "serviceFullName": "Bucketed", "serviceId": "Bucketed", "signingName": "bucketed", "uid": "b"},
  "operations": {
    "Get": {"name": "Get", "http": {"method": "GET", "requestUri": "/items/{Key}"},
      "input": {"shape": "GetRequest"}, "staticContextParams": {"Fast": {"value": true}}},
    "Put": {"name": "Put", "http": {"method": "PUT", "requestUri": "/items/{Key}"},
      "input": {"shape": "GetRequest"}}
  },
  "shapes": {
    "GetRequest": {"type": "structure", "required": ["Bucket", "Key"], "members": {
      "Bucket": {"shape": "String", "contextParam": {"name": "Bucket"}, "location": "header", "locationName": "x-bucket"},
      "Key": {"shape": "String", "location": "uri", "locationName": "Key"}}},
    "String": {"type": "string"}
  }
}`

const paramsRules = `{"version": "1.0",
  "parameters": {
    "Region": {"builtIn": "AWS::Region", "required": false, "type": "String"},
    "Bucket": {"required": false, "type": "String"},
    "Fast": {"required": false, "type": "Boolean"},
    "Slow": {"required": false, "type": "Boolean"}
  },
  "rules": [
    {"conditions": [{"fn": "isSet", "argv": [{"ref": "Slow"}]}, {"fn": "booleanEquals", "argv": [{"ref": "Slow"}, true]}],
     "endpoint": {"url": "https://slow.example.com"}, "type": "endpoint"},
    {"conditions": [{"fn": "isSet", "argv": [{"ref": "Bucket"}]}, {"fn": "isSet", "argv": [{"ref": "Fast"}]},
       {"fn": "booleanEquals", "argv": [{"ref": "Fast"}, true]}],
     "endpoint": {"url": "https://{Bucket}.fast.example.com"}, "type": "endpoint"},
    {"conditions": [{"fn": "isSet", "argv": [{"ref": "Bucket"}]}],
     "endpoint": {"url": "https://{Bucket}.example.com"}, "type": "endpoint"},
    {"conditions": [], "endpoint": {"url": "https://example.com"}, "type": "endpoint"}
  ]}`

const paramsTest = `package bucketed

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
)

type rec struct{ urls []string }

func (r *rec) Do(req *http.Request) (*http.Response, error) {
	r.urls = append(r.urls, req.URL.String())
	return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(""))}, nil
}

func TestOperationEndpoint(t *testing.T) {
	r := &rec{}
	c := New(Options{Region: "us-east-1", HTTPClient: r})
	ctx := context.Background()
	if _, err := c.Get(ctx, &GetInput{Bucket: "logs", Key: "a"}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Put(ctx, &PutInput{Bucket: "data", Key: "b"}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Get(ctx, &GetInput{Bucket: "logs", Key: "c"}); err != nil {
		t.Fatal(err)
	}
	slow := true
	s := New(Options{Region: "us-east-1", HTTPClient: r, Slow: &slow})
	if _, err := s.Get(ctx, &GetInput{Bucket: "logs", Key: "d"}); err != nil {
		t.Fatal(err)
	}
	want := []string{"https://logs.fast.example.com/items/a", "https://data.example.com/items/b", "https://logs.fast.example.com/items/c", "https://slow.example.com/items/d"}
	for i, u := range want {
		if i >= len(r.urls) || r.urls[i] != u {
			t.Fatalf("called %v, want %v", r.urls, want)
		}
	}
}
`

// TestOperationEndpointParams generates a client whose operations bind endpoint
// parameters and runs a test in it: each call resolves its own host.
func TestOperationEndpointParams(t *testing.T) {
	runWithRules(t, "bucketed", paramsModel, paramsRules, paramsTest)
}

// runWithRules generates the package name from a model and its endpoint rules, adds
// the test file, and builds, vets and tests it.
func runWithRules(t *testing.T, name, model, rules, test string) {
	t.Helper()
	m, diags := load.Bytes(name+"/service-2.json", []byte(model), map[string][]byte{name + "/endpoint-rule-set-1.json": []byte(rules)})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	svc, diags := resolve.Resolve(m, resolve.Options{})
	if svc == nil {
		t.Fatal(diags)
	}
	files, err := emit.Generate(svc, emit.Config{ImportPath: "scenarios/" + name, Tests: true})
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, emit.File{Path: "endpoint_test.go", Data: []byte(test)})
	buildAndVet(t, map[string][]emit.File{name: files})
}

// A json model whose operations bind endpoint parameters by JMESPath expressions:
// keys of a map, a nested member, and projections over a list.
const pathsModel = `{
  "metadata": {"apiVersion": "2024-01-01", "endpointPrefix": "tables", "protocol": "json", "jsonVersion": "1.0",
    "targetPrefix": "Tables", "serviceFullName": "Tables", "serviceId": "Tables", "signingName": "tables", "uid": "t"},
  "operations": {
    "BatchGet": {"name": "BatchGet", "input": {"shape": "BatchGetInput"},
      "operationContextParams": {"ResourceArnList": {"path": "keys(RequestItems)"}}},
    "Transact": {"name": "Transact", "input": {"shape": "TransactInput"},
      "operationContextParams": {"ResourceArnList": {"path": "TransactItems[*].[Get.TableName, Put.TableName][]"}}},
    "TransactGets": {"name": "TransactGets", "input": {"shape": "TransactInput"},
      "operationContextParams": {"ResourceArnList": {"path": "TransactItems[*].Get.TableName"}}},
    "Create": {"name": "Create", "input": {"shape": "CreateInput"},
      "operationContextParams": {"ResourceArn": {"path": "Params.TableName"}}},
    "Count": {"name": "Count", "input": {"shape": "BatchGetInput"},
      "operationContextParams": {"ResourceArn": {"path": "length(RequestItems)"}}}
  },
  "shapes": {
    "BatchGetInput": {"type": "structure", "members": {"RequestItems": {"shape": "Items"}}},
    "Items": {"type": "map", "key": {"shape": "Name"}, "value": {"shape": "Name"}},
    "TransactInput": {"type": "structure", "members": {"TransactItems": {"shape": "TransactItems"}}},
    "TransactItems": {"type": "list", "member": {"shape": "TransactItem"}},
    "TransactItem": {"type": "structure", "members": {"Get": {"shape": "Target"}, "Put": {"shape": "Target"}}},
    "Target": {"type": "structure", "required": ["TableName"], "members": {"TableName": {"shape": "Name"}}},
    "CreateInput": {"type": "structure", "members": {"Params": {"shape": "Params"}}},
    "Params": {"type": "structure", "members": {"TableName": {"shape": "Name"}}},
    "Name": {"type": "string"}
  }
}`

const pathsRules = `{"version": "1.0",
  "parameters": {
    "Region": {"builtIn": "AWS::Region", "required": false, "type": "String"},
    "ResourceArn": {"required": false, "type": "String"},
    "ResourceArnList": {"required": false, "type": "stringArray"}
  },
  "rules": [
    {"conditions": [{"fn": "isSet", "argv": [{"ref": "ResourceArnList"}]},
       {"fn": "getAttr", "argv": [{"ref": "ResourceArnList"}, "[0]"], "assign": "First"}],
     "endpoint": {"url": "https://{First}.list.example.com"}, "type": "endpoint"},
    {"conditions": [{"fn": "isSet", "argv": [{"ref": "ResourceArn"}]}],
     "endpoint": {"url": "https://{ResourceArn}.one.example.com"}, "type": "endpoint"},
    {"conditions": [], "endpoint": {"url": "https://example.com"}, "type": "endpoint"}
  ]}`

const pathsTest = `package tables

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"scenarios/tables/types"
)

type rec struct{ hosts []string }

func (r *rec) Do(req *http.Request) (*http.Response, error) {
	r.hosts = append(r.hosts, req.URL.Host)
	return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader("{}"))}, nil
}

func TestContextPaths(t *testing.T) {
	r := &rec{}
	c := New(Options{Region: "us-east-1", HTTPClient: r})
	ctx := context.Background()
	name := "made"
	calls := []func() error{
		func() error { _, err := c.BatchGet(ctx, &BatchGetInput{RequestItems: map[string]string{"zeta": "", "alpha": ""}}); return err },
		func() error { _, err := c.BatchGet(ctx, &BatchGetInput{}); return err },
		func() error {
			_, err := c.Transact(ctx, &TransactInput{TransactItems: []types.TransactItem{{Put: &types.Target{TableName: "put1"}}, {Get: &types.Target{TableName: "get2"}}}})
			return err
		},
		func() error {
			_, err := c.TransactGets(ctx, &TransactGetsInput{TransactItems: []types.TransactItem{{Put: &types.Target{TableName: "put1"}}, {Get: &types.Target{TableName: "get2"}}}})
			return err
		},
		func() error { _, err := c.Create(ctx, &CreateInput{Params: &types.Params{TableName: &name}}); return err },
		func() error { _, err := c.Create(ctx, &CreateInput{Params: &types.Params{}}); return err },
		func() error { _, err := c.Create(ctx, &CreateInput{}); return err },
		func() error { _, err := c.Count(ctx, &CountInput{RequestItems: map[string]string{"a": ""}}); return err },
	}
	for _, call := range calls {
		if err := call(); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{"alpha.list.example.com", "example.com", "put1.list.example.com", "get2.list.example.com",
		"made.one.example.com", "example.com", "example.com", "example.com"}
	if strings.Join(r.hosts, " ") != strings.Join(want, " ") {
		t.Fatalf("called\n %v\nwant\n %v", r.hosts, want)
	}
}
`

// TestOperationContextPaths generates a client whose operations bind endpoint
// parameters by the JMESPath expressions AWS models use, and runs a test in it; an
// expression outside the subset (length()) binds nothing.
func TestOperationContextPaths(t *testing.T) {
	runWithRules(t, "tables", pathsModel, pathsRules, pathsTest)
}
