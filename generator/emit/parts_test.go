package emit_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/svcgen/svcgen/generator/diag"
	"github.com/svcgen/svcgen/generator/emit"
	"github.com/svcgen/svcgen/generator/ir"
	"github.com/svcgen/svcgen/generator/load"
	"github.com/svcgen/svcgen/generator/resolve"
)

func resolveModel(t *testing.T, path string) *ir.Service {
	t.Helper()
	m, diags := load.Load(path)
	if m == nil || diags.HasErrors() {
		t.Fatalf("load %s: %v", path, diag.ErrorList(diags))
	}
	svc, diags := resolve.Resolve(m, resolve.Options{})
	if svc == nil {
		t.Fatalf("resolve %s: %v", path, diag.ErrorList(diags))
	}
	return svc
}

func paths(files []emit.File) string {
	var out []string
	for _, f := range files {
		out = append(out, f.Path)
	}
	return strings.Join(out, " ")
}

// TestConfigParts: Config's switches choose the files (the CLI tests of
// generator/cmd/svcgen build each variant).
func TestConfigParts(t *testing.T) {
	svc := resolveModel(t, "../../models/eks-auth/service-2.json")
	for _, tc := range []struct {
		cfg  emit.Config
		want string
	}{
		{emit.Config{}, "client.go doc.go internal/serde/serde.go internal/serverserde/serde.go internal/validators/validators.go operations.go serializers.go server/server.go types/doc.go types/errors.go types/types.go"},
		{emit.Config{Tests: true}, "client.go doc.go internal/serde/serde.go internal/serverserde/serde.go internal/validators/validators.go internal/validators/validators_test.go operations.go serializers.go server/server.go types/doc.go types/errors.go types/types.go"},
		{emit.Config{ClientOnly: true}, "client.go doc.go internal/serde/serde.go internal/validators/validators.go operations.go serializers.go types/doc.go types/errors.go types/types.go"},
		{emit.Config{ServerOnly: true}, "doc.go internal/serde/serde.go internal/validators/validators.go operations.go server/server.go types/doc.go types/errors.go types/types.go"},
	} {
		tc.cfg.ImportPath = "example.com/eksauth"
		files, err := emit.Generate(svc, tc.cfg)
		if err != nil {
			t.Errorf("%+v: %v", tc.cfg, err)
			continue
		}
		if got := paths(files); got != tc.want {
			t.Errorf("%+v wrote\n%s\nwant\n%s", tc.cfg, got, tc.want)
		}
	}
	if _, err := emit.Generate(svc, emit.Config{ImportPath: "example.com/x", ClientOnly: true, ServerOnly: true}); err == nil {
		t.Error("ClientOnly with ServerOnly: no error")
	}
	src := `{"metadata": {"protocol": "query", "serviceId": "Q", "apiVersion": "2024-01-01", "xmlNamespace": "https://example.com/", "signatureVersion": "v4", "endpointPrefix": "q"},
  "operations": {"Ping": {"name": "Ping", "http": {"method": "POST", "requestUri": "/"}}}, "shapes": {}}`
	m, diags := load.Bytes("q.json", []byte(src), nil)
	if m == nil || diags.HasErrors() {
		t.Fatalf("load: %v", diag.ErrorList(diags))
	}
	query, diags := resolve.Resolve(m, resolve.Options{})
	if query == nil {
		t.Fatalf("resolve: %v", diag.ErrorList(diags))
	}
	if _, err := emit.Generate(query, emit.Config{ImportPath: "example.com/q"}); err != nil {
		t.Fatalf("query model: %v", err)
	}
	if _, err := emit.Generate(query, emit.Config{ImportPath: "example.com/q", ServerOnly: true}); err != nil {
		t.Errorf("ServerOnly for the query protocol: %v", err)
	}
	// smithy-rpc-v2-cbor is served; a protocol svcgen speaks neither way gets types and
	// validators, no server
	for _, c := range []struct {
		protocol string
		served   bool
	}{{"smithy-rpc-v2-cbor", true}, {"smithy-rpc-v3-unknown", false}} {
		src := strings.Replace(src, `"protocol": "query"`, `"protocol": "`+c.protocol+`"`, 1)
		m, diags = load.Bytes("c.json", []byte(src), nil)
		if m == nil || diags.HasErrors() {
			t.Fatalf("load: %v", diag.ErrorList(diags))
		}
		svc, diags := resolve.Resolve(m, resolve.Options{})
		if svc == nil {
			t.Fatalf("resolve: %v", diag.ErrorList(diags))
		}
		_, err := emit.Generate(svc, emit.Config{ImportPath: "example.com/c", ServerOnly: true})
		if c.served && err != nil || !c.served && !errors.Is(err, emit.ErrNoServer) {
			t.Errorf("ServerOnly for the %s protocol alone: %v (served: %v)", c.protocol, err, c.served)
		}
	}
}
