package emit_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/svcgen/svcgen/generator/emit"
	"github.com/svcgen/svcgen/generator/load"
	"github.com/svcgen/svcgen/generator/resolve"
	"golang.org/x/mod/modfile"
	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the expected output of the scenarios in testdata/scenarios")

// A scenario (testdata/scenarios/NAME.txtar) holds a model fragment, model.json, and
// either the files the generator writes for it (want/PATH) or the error it reports
// (error). `go test ./generator/... -update` rewrites the expectations. Every scenario's
// output is also built and vetted, together, in one module.
func TestScenarios(t *testing.T) {
	paths, err := filepath.Glob("testdata/scenarios/*.txtar")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no scenarios: %v", err)
	}
	built := map[string][]emit.File{}
	for _, path := range paths {
		name := strings.TrimSuffix(filepath.Base(path), ".txtar")
		t.Run(name, func(t *testing.T) {
			ar, err := txtar.ParseFile(path)
			if err != nil {
				t.Fatal(err)
			}
			files, genErr := generateScenario(name, ar)
			if *update {
				rewriteScenario(t, path, ar, files, genErr)
				return
			}
			want := map[string]string{}
			wantErr, hasErr := "", false
			for _, f := range ar.Files {
				switch {
				case f.Name == "error":
					wantErr, hasErr = strings.TrimSpace(string(f.Data)), true
				case strings.HasPrefix(f.Name, "want/"):
					want[strings.TrimPrefix(f.Name, "want/")] = string(f.Data)
				}
			}
			if hasErr {
				if genErr == nil {
					t.Fatalf("want error %q, generated %d files", wantErr, len(files))
				}
				if got := strings.TrimSpace(genErr.Error()); got != wantErr {
					t.Fatalf("error:\n got: %s\nwant: %s", got, wantErr)
				}
				return
			}
			if genErr != nil {
				t.Fatalf("unexpected error: %v", genErr)
			}
			got := map[string]string{}
			for _, f := range files {
				got[f.Path] = string(f.Data)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("generated files differ (-want +got); run go test ./generator/emit -update:\n%s", diff)
			}
			built[name] = files
		})
	}
	if *update || t.Failed() || len(built) == 0 {
		return
	}
	t.Run("build", func(t *testing.T) { buildAndVet(t, built) })
}

// generateScenario runs the pipeline on a scenario's model.
func generateScenario(name string, ar *txtar.Archive) ([]emit.File, error) {
	var model []byte
	for _, f := range ar.Files {
		if f.Name == "model.json" {
			model = f.Data
		}
	}
	m, diags := load.Bytes("model.json", model, nil)
	if diags.HasErrors() {
		return nil, diags.Err()
	}
	svc, diags := resolve.Resolve(m, resolve.Options{})
	if svc == nil {
		return nil, diags.Err()
	}
	return emit.Generate(svc, emit.Config{ImportPath: "scenarios/" + name})
}

func rewriteScenario(t *testing.T, path string, ar *txtar.Archive, files []emit.File, genErr error) {
	var keep []txtar.File
	for _, f := range ar.Files {
		if f.Name != "error" && !strings.HasPrefix(f.Name, "want/") {
			keep = append(keep, f)
		}
	}
	if genErr != nil {
		keep = append(keep, txtar.File{Name: "error", Data: []byte(genErr.Error() + "\n")})
	}
	for _, f := range files {
		keep = append(keep, txtar.File{Name: "want/" + f.Path, Data: f.Data})
	}
	ar.Files = keep
	if err := os.WriteFile(path, txtar.Format(ar), 0o644); err != nil {
		t.Fatal(err)
	}
}

// repoRoot is the folder holding the project's go.mod.
func repoRoot(t testing.TB) string {
	_, file, _, _ := runtime.Caller(0)
	root, err := filepath.Abs(filepath.Join(filepath.Dir(file), "..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// buildAndVet writes generated packages into one scratch module that uses this
// checkout's runtime, and runs go vet (which type-checks and builds) and the generated
// tests on all of them.
func buildAndVet(t *testing.T, pkgs map[string][]emit.File) {
	t.Helper()
	dir := writeModule(t, "scenarios", pkgs)
	for _, args := range [][]string{{"vet", "./..."}, {"test", "./..."}} {
		if out, err := goCommand(dir, args...); err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
}

// writeModule writes packages (by folder name) into a scratch module named module that
// requires this checkout (for the runtime) with the same dependency versions, and
// returns the module's folder.
func writeModule(t *testing.T, module string, pkgs map[string][]emit.File) string {
	t.Helper()
	dir := t.TempDir()
	root := repoRoot(t)
	names := make([]string, 0, len(pkgs))
	for name := range pkgs {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		for _, f := range pkgs[name] {
			p := filepath.Join(dir, name, filepath.FromSlash(f.Path))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	// The project's own requirements, so that no go command has to resolve a module.
	gomod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	mf, err := modfile.ParseLax("go.mod", gomod, nil)
	if err != nil {
		t.Fatal(err)
	}
	var mod strings.Builder
	fmt.Fprintf(&mod, "module %s\n\ngo 1.26\n\nrequire (\n\tgithub.com/svcgen/svcgen v0.0.0\n", module)
	for _, r := range mf.Require {
		fmt.Fprintf(&mod, "\t%s %s\n", r.Mod.Path, r.Mod.Version)
	}
	fmt.Fprintf(&mod, ")\n\nreplace github.com/svcgen/svcgen => %s\n", root)
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(mod.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.sum"), sum, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// goCommand runs the go command in dir and returns what it printed.
func goCommand(dir string, args ...string) (string, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off", "GOPROXY=off")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.String(), err
}
