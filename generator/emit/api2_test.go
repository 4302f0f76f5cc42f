package emit_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/svcgen/svcgen/generator/diag"
	"github.com/svcgen/svcgen/generator/emit"
	"github.com/svcgen/svcgen/generator/load"
	"github.com/svcgen/svcgen/generator/resolve"
)

// generateFile runs the pipeline on the model file at path, its companions (docs-2.json
// ...) read from beside it.
func generateFile(t *testing.T, path string) map[string]string {
	t.Helper()
	m, diags := load.Load(path)
	if m == nil || diags.HasErrors() {
		t.Fatalf("load %s: %v", path, diag.ErrorList(diags))
	}
	svc, diags := resolve.Resolve(m, resolve.Options{})
	if svc == nil || diags.HasErrors() {
		t.Fatalf("resolve %s: %v", path, diag.ErrorList(diags))
	}
	files, err := emit.Generate(svc, emit.Config{ImportPath: "example.com/notes", Tests: true})
	if err != nil {
		t.Fatalf("emit %s: %v", path, err)
	}
	out := map[string]string{}
	for _, f := range files {
		// the file's name, which the generated files mention, is the one difference
		text := sourceLine.ReplaceAllString(string(f.Data), "// Source: MODEL")
		out[f.Path] = strings.ReplaceAll(text, filepath.Base(path), "MODEL.json")
	}
	return out
}

// sourceLine is the generated files' line naming the model file and its checksum.
var sourceLine = regexp.MustCompile(`// Source: .*`)

// TestAPI2WithDocs checks aws-sdk-go's layout of a model: api-2.json without
// documentation, docs-2.json beside it, and the older forms such models use (payload
// on the operation's input, header bindings on shapes, character). It must generate
// what botocore's service-2.json of the same service (documentation inline, the newer
// forms) generates, file for file.
func TestAPI2WithDocs(t *testing.T) {
	sdk := generateFile(t, filepath.Join("testdata", "api2", "sdk", "api-2.json"))
	botocore := generateFile(t, filepath.Join("testdata", "api2", "botocore", "service-2.json"))
	if diff := cmp.Diff(botocore, sdk); diff != "" {
		t.Errorf("api-2.json with docs-2.json generates otherwise than service-2.json (-service-2 +api-2):\n%s", diff)
	}
	for _, want := range []string{"Stores a note.", "The note's identifier.", "The note's initial.", "Tags, one header each.", "The version stored."} {
		if !strings.Contains(sdk["operations.go"]+sdk["client.go"], want) {
			t.Errorf("the documentation %q from docs-2.json is not in the generated package", want)
		}
	}
}

// TestAWSSDKGoModels loads and resolves every api-2.json of aws-sdk-go (v1) from the
// Go module cache, with the docs-2.json beside each, when the module is there (it is
// read in place, never copied; SVCGEN_AWS_SDK_GO names another models/apis folder).
// A model with no operations is refused with a clear error; every other one resolves.
func TestAWSSDKGoModels(t *testing.T) {
	dir := os.Getenv("SVCGEN_AWS_SDK_GO")
	if dir == "" {
		dir = sdkModelsDir()
	}
	if dir == "" {
		t.Skip("aws-sdk-go (v1) is not in the Go module cache, and SVCGEN_AWS_SDK_GO is not set; skipping")
	}
	paths, _ := filepath.Glob(filepath.Join(dir, "*", "*", "api-2.json"))
	if len(paths) == 0 {
		t.Skipf("no */*/api-2.json under %s; skipping", dir)
	}
	resolved := 0
	for _, p := range paths {
		m, diags := load.Load(p)
		if m == nil || diags.HasErrors() {
			t.Errorf("%s: load: %v", p, diag.ErrorList(diags))
			continue
		}
		if m.Docs == nil {
			t.Errorf("%s: docs-2.json was not read", p)
		}
		svc, diags := resolve.Resolve(m, resolve.Options{})
		if svc == nil || diags.HasErrors() {
			if len(m.Operations) == 0 && strings.Contains(diag.ErrorList(diags).Error(), "no operations") {
				continue
			}
			t.Errorf("%s: resolve: %v", p, diag.ErrorList(diags))
			continue
		}
		resolved++
	}
	t.Logf("%d of %d api-2.json models resolved", resolved, len(paths))
}

// sdkModelsDir is models/apis of the newest aws-sdk-go (v1) in the Go module cache, or "".
func sdkModelsDir() string {
	cache := os.Getenv("GOMODCACHE")
	if cache == "" {
		out, err := exec.Command("go", "env", "GOMODCACHE").Output()
		if err != nil {
			return ""
		}
		cache = strings.TrimSpace(string(out))
	}
	dirs, _ := filepath.Glob(filepath.Join(cache, "github.com", "aws", "aws-sdk-go@v1.*", "models", "apis"))
	sort.Strings(dirs)
	if len(dirs) == 0 {
		return ""
	}
	return dirs[len(dirs)-1]
}
