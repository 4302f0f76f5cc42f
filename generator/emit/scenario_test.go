package emit_test

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/svcgen/svcgen/generator/diag"
	"github.com/svcgen/svcgen/generator/emit"
	"github.com/svcgen/svcgen/generator/load"
	"github.com/svcgen/svcgen/generator/resolve"
	"github.com/svcgen/svcgen/internal/scratch"
	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the expected output of the scenarios in testdata/scenarios")

// A scenario (testdata/scenarios/NAME.txtar) holds a comment saying what it is about, a
// model fragment (model.json), and what the generator makes of it:
//
//   - want/PATH: a file the generator writes (every file it writes, unless the
//     scenario has an only file);
//   - error: the error it reports instead of generating;
//   - warnings: the warnings resolution reports, one a line (absent: none);
//   - only: path patterns (path.Match, one a line) that limit which generated files are
//     compared with want/, so that a scenario about the model's types does not change
//     when another emitter's output (client, serializers) does; every generated file is
//     still built and vetted;
//   - test/PATH: a hand-written file put into the generated package at PATH before it
//     is built: a test of the generated code's behaviour.
//
// `go test ./generator/emit -update` rewrites want/, error and warnings. Every
// scenario's output is then built, vetted and tested (its generated and hand-written
// tests), all scenarios together in one module, one go command per step.
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
			sc := parseScenario(ar)
			files, warnings, genErr := generateScenario(name, ar)
			if *update {
				rewriteScenario(t, path, ar, sc, files, warnings, genErr)
				return
			}
			if sc.hasErr {
				if genErr == nil {
					t.Fatalf("want error %q, generated %d files", sc.err, len(files))
				}
				if got := strings.TrimSpace(genErr.Error()); got != sc.err {
					t.Fatalf("error:\n got: %s\nwant: %s", got, sc.err)
				}
				return
			}
			if genErr != nil {
				t.Fatalf("unexpected error: %v", genErr)
			}
			if got := strings.Join(warnings, "\n"); got != sc.warnings {
				t.Errorf("warnings:\n got: %s\nwant: %s", got, sc.warnings)
			}
			got := map[string]string{}
			for _, f := range files {
				if sc.compared(f.Path) {
					got[f.Path] = string(f.Data)
				}
			}
			if err := gofmtClean(files); err != nil {
				t.Error(err)
			}
			if diff := cmp.Diff(sc.want, got); diff != "" {
				t.Errorf("generated files differ (-want +got); run go test ./generator/emit -update:\n%s", diff)
			}
			built[name] = append(files, sc.tests...)
		})
	}
	if *update || t.Failed() || len(built) == 0 {
		return
	}
	t.Run("build", func(t *testing.T) { buildAndVet(t, built) })
}

// scenario is what a scenario archive expects.
type scenario struct {
	want     map[string]string // want/PATH by PATH
	err      string
	hasErr   bool
	warnings string
	only     []string
	tests    []emit.File // test/PATH by PATH
}

func parseScenario(ar *txtar.Archive) scenario {
	sc := scenario{want: map[string]string{}}
	for _, f := range ar.Files {
		switch {
		case f.Name == "error":
			sc.err, sc.hasErr = strings.TrimSpace(string(f.Data)), true
		case f.Name == "warnings":
			sc.warnings = strings.TrimSpace(string(f.Data))
		case f.Name == "only":
			sc.only = strings.Fields(string(f.Data))
		case strings.HasPrefix(f.Name, "want/"):
			sc.want[strings.TrimPrefix(f.Name, "want/")] = string(f.Data)
		case strings.HasPrefix(f.Name, "test/"):
			sc.tests = append(sc.tests, emit.File{Path: strings.TrimPrefix(f.Name, "test/"), Data: f.Data})
		}
	}
	return sc
}

// compared reports whether a generated file is compared with want/.
func (sc scenario) compared(p string) bool {
	if len(sc.only) == 0 {
		return true
	}
	for _, pattern := range sc.only {
		if ok, _ := path.Match(pattern, p); ok {
			return true
		}
	}
	return false
}

// generateScenario runs the pipeline on a scenario's model and returns the files, the
// warnings and the error.
func generateScenario(name string, ar *txtar.Archive) ([]emit.File, []string, error) {
	var model []byte
	companions := map[string][]byte{}
	for _, f := range ar.Files {
		switch f.Name {
		case "model.json":
			model = f.Data
		case load.PaginatorsFile, load.WaitersFile, load.RuleSetFile:
			companions[f.Name] = f.Data
		}
	}
	m, diags := load.Bytes("model.json", model, companions)
	if m == nil || diags.HasErrors() {
		return nil, nil, diag.ErrorList(diags)
	}
	svc, more := resolve.Resolve(m, resolve.Options{})
	diags = append(diags, more...)
	if svc == nil {
		return nil, nil, diag.ErrorList(diags)
	}
	var warnings []string
	for _, d := range diags {
		if d.Severity == diag.Warning {
			warnings = append(warnings, d.String())
		}
	}
	files, err := emit.Generate(svc, emit.Config{ImportPath: "scenarios/" + name, Tests: true})
	return files, warnings, err
}

func rewriteScenario(t *testing.T, path string, ar *txtar.Archive, sc scenario, files []emit.File, warnings []string, genErr error) {
	var keep []txtar.File
	for _, f := range ar.Files {
		if f.Name != "error" && f.Name != "warnings" && !strings.HasPrefix(f.Name, "want/") {
			keep = append(keep, f)
		}
	}
	if genErr != nil {
		keep = append(keep, txtar.File{Name: "error", Data: []byte(genErr.Error() + "\n")})
	}
	if len(warnings) > 0 && genErr == nil {
		keep = append(keep, txtar.File{Name: "warnings", Data: []byte(strings.Join(warnings, "\n") + "\n")})
	}
	for _, f := range files {
		if sc.compared(f.Path) {
			keep = append(keep, txtar.File{Name: "want/" + f.Path, Data: f.Data})
		}
	}
	ar.Files = keep
	if err := os.WriteFile(path, txtar.Format(ar), 0o644); err != nil {
		t.Fatal(err)
	}
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
	if err := scratch.WriteModule(dir, module, pkgs); err != nil {
		t.Fatal(err)
	}
	return dir
}

// goCommand runs the go command in dir and returns what it printed.
func goCommand(dir string, args ...string) (string, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	// -trimpath keeps the scratch folder's name out of the build cache's keys, so
	// that a package generated as before is not compiled or vetted again
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod -trimpath", "GOWORK=off", "GOPROXY=off")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.String(), err
}
