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
	m, diags := load.Bytes("bucketed/service-2.json", []byte(paramsModel), map[string][]byte{"bucketed/endpoint-rule-set-1.json": []byte(paramsRules)})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	svc, diags := resolve.Resolve(m, resolve.Options{})
	if svc == nil {
		t.Fatal(diags)
	}
	files, err := emit.Generate(svc, emit.Config{ImportPath: "scenarios/bucketed"})
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, emit.File{Path: "endpoint_test.go", Data: []byte(paramsTest)})
	buildAndVet(t, map[string][]emit.File{"bucketed": files})
}
