//go:build unix

package interop_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/svcgen/svcgen/generator/diag"
	"github.com/svcgen/svcgen/generator/emit"
	"github.com/svcgen/svcgen/generator/load"
	"github.com/svcgen/svcgen/generator/resolve"
	"github.com/svcgen/svcgen/internal/shareddata"
	"golang.org/x/mod/modfile"
)

// services are the corpus models the scenarios use, at least one of every client
// protocol: json 1.0 (dynamodb), json 1.1 (secretsmanager), json with awsQueryCompatible
// (sqs), query (sns, iam, sts), ec2, rest-json (apigateway, eks) and rest-xml (s3, route53).
var services = []string{"apigateway", "dynamodb", "ec2", "eks", "iam", "route53", "s3", "secretsmanager", "sns", "sqs", "sts"}

// TestInterop generates the clients, writes them with the scenarios into a scratch
// module, starts moto_server and runs the scenarios against it. Each scenario (a leaf
// test of the scratch module) is reported as a subtest named by its path; the last line
// printed is "interop: N passed, M failed". INTEROP_RUN (a -run pattern) selects
// scenarios.
func TestInterop(t *testing.T) {
	moto := requireMoto(t)
	corpus := shareddata.Corpus(t)
	byName := map[string]shareddata.Service{}
	for _, s := range corpus {
		byName[s.Name] = s
	}
	pkgs := map[string][]emit.File{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	errs := make([]error, len(services))
	for i, name := range services {
		s, ok := byName[name]
		if !ok {
			t.Fatalf("the corpus at %s holds no %s model", shareddata.CorpusPath(), name)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			files, err := generate(s)
			if err != nil {
				errs[i] = fmt.Errorf("%s: %w", name, err)
				return
			}
			mu.Lock()
			pkgs[name] = files
			mu.Unlock()
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatalf("generating: %v", err)
	}
	dir := writeModule(t, pkgs)

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	// Build once, so that a compile error is reported as one, then run the binary.
	bin := filepath.Join(dir, "scenarios.test")
	start := time.Now()
	if out, err := goCommand(ctx, dir, nil, "test", "-c", "-o", bin, "./scenarios/"); err != nil {
		t.Fatalf("building the scenarios: %v\n%s", err, out)
	}
	t.Logf("generated %d clients and built the scenarios in %v", len(pkgs), time.Since(start).Round(time.Millisecond))

	endpoint := startMoto(t, moto)
	args := []string{"tool", "test2json", "-t", "-p", "scenarios", bin, "-test.v=test2json", "-test.timeout=5m"}
	if run := os.Getenv("INTEROP_RUN"); run != "" {
		args = append(args, "-test.run="+run)
	}
	start = time.Now()
	out, runErr := goCommand(ctx, filepath.Join(dir, "scenarios"), []string{"INTEROP_ENDPOINT=" + endpoint}, args...)
	t.Logf("ran the scenarios in %v", time.Since(start).Round(time.Millisecond))
	results, order := parseEvents(out)
	if len(order) == 0 {
		t.Fatalf("the scenarios ran no test (%v):\n%s", runErr, out)
	}
	sort.Strings(order)
	passed, failed := 0, 0
	for _, name := range order {
		r := results[name]
		// leaves are the scenarios; a parent counts only when it failed outside its
		// subtests (its setup)
		if r.action == "skip" || (r.children && (r.action == "pass" || r.childFailed)) {
			continue
		}
		if r.action == "pass" {
			passed++
		} else {
			failed++
		}
		t.Run(name, func(t *testing.T) {
			if r.action != "pass" {
				t.Errorf("%s (%s):\n%s", name, r.action, r.output.String())
			}
		})
	}
	if runErr != nil && failed == 0 {
		t.Errorf("go test: %v\n%s", runErr, out)
	}
	summary = fmt.Sprintf("interop: %d passed, %d failed", passed, failed)
}

// summary is the closing line, printed by TestMain after every test's verdict.
var summary string

func TestMain(m *testing.M) {
	code := m.Run()
	if summary != "" {
		fmt.Println(summary)
	}
	os.Exit(code)
}

// generate runs load, resolve and emit on one corpus service into the package
// interop/<service>.
func generate(s shareddata.Service) ([]emit.File, error) {
	companions := map[string][]byte{}
	for name, data := range s.Files {
		if name != "service-2.json" {
			companions[s.Name+"/"+name] = data
		}
	}
	m, diags := load.Bytes(s.Model(), s.Files["service-2.json"], companions)
	if m == nil || diags.HasErrors() {
		return nil, fmt.Errorf("load: %w", diag.ErrorList(diags))
	}
	svc, diags := resolve.Resolve(m, resolve.Options{})
	if svc == nil {
		return nil, fmt.Errorf("resolve: %w", diag.ErrorList(diags))
	}
	return emit.Generate(svc, emit.Config{ImportPath: "interop/" + s.Name, Tests: true})
}

// repoRoot is the folder holding the project's go.mod.
func repoRoot(t *testing.T) string {
	_, file, _, _ := runtime.Caller(0)
	root, err := filepath.Abs(filepath.Join(filepath.Dir(file), ".."))
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// writeModule writes the generated packages and the scenarios (testdata/scenarios, as
// the package interop/scenarios) into a scratch module "interop" that requires this
// checkout with the project's own dependency versions, so nothing is downloaded.
func writeModule(t *testing.T, pkgs map[string][]emit.File) string {
	t.Helper()
	dir := t.TempDir()
	root := repoRoot(t)
	for name, files := range pkgs {
		for _, f := range files {
			p := filepath.Join(dir, name, filepath.FromSlash(f.Path))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	scen, err := filepath.Glob(filepath.Join(root, "interop", "testdata", "scenarios", "*.go"))
	if err != nil || len(scen) == 0 {
		t.Fatalf("no scenarios in interop/testdata/scenarios (%v)", err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "scenarios"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, p := range scen {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "scenarios", filepath.Base(p)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	gomod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	mf, err := modfile.ParseLax("go.mod", gomod, nil)
	if err != nil {
		t.Fatal(err)
	}
	var mod strings.Builder
	fmt.Fprintf(&mod, "module interop\n\ngo 1.26\n\nrequire (\n\tgithub.com/svcgen/svcgen v0.0.0\n")
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

// goCommand runs the go command in dir, offline, and returns what it printed.
func goCommand(ctx context.Context, dir string, env []string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = dir
	// -trimpath keeps the scratch folder's name out of the build cache's keys, so a
	// package generated as before is not compiled again.
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod -trimpath", "GOWORK=off", "GOPROXY=off")
	cmd.Env = append(cmd.Env, env...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.String(), err
}

// requireMoto finds moto_server: outside CI its absence skips the suite, under CI
// (CI=true) it fails it.
func requireMoto(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("moto_server")
	if err != nil {
		msg := fmt.Sprintf("moto_server not found on PATH (%v); install moto (pip install 'moto[server]') to run the interop suite", err)
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s; under CI a missing emulator is a failure", msg)
		}
		t.Skipf("%s; skipping", msg)
	}
	return path
}

// startMoto starts moto_server on a free loopback port in its own process group,
// waits until it answers, and stops it (the whole group, by its PID) when the test
// ends. It returns the endpoint, "http://127.0.0.1:PORT".
func startMoto(t *testing.T, path string) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	cmd := exec.Command(path, "-H", "127.0.0.1", "-p", fmt.Sprint(port))
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	// on Linux moto also goes when this test process dies without cleaning up (killed
	// on a timeout)
	setDeathSignal(cmd.SysProcAttr)
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting moto_server: %v", err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	pgid := cmd.Process.Pid
	t.Cleanup(func() {
		// moto_server may be a shim that starts python: signal the group it leads
		_ = syscall.Kill(-pgid, syscall.SIGTERM)
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = syscall.Kill(-pgid, syscall.SIGKILL)
			<-done
		}
		// whatever the leader left behind in its group
		_ = syscall.Kill(-pgid, syscall.SIGKILL)
	})
	endpoint := fmt.Sprintf("http://127.0.0.1:%d", port)
	deadline := time.Now().Add(60 * time.Second)
	for {
		select {
		case err := <-done:
			t.Fatalf("moto_server exited before it answered: %v\n%s", err, logs.String())
		default:
		}
		resp, err := http.Get(endpoint + "/moto-api/")
		if err == nil {
			resp.Body.Close()
			return endpoint
		}
		if time.Now().After(deadline) {
			t.Fatalf("moto_server did not answer on %s within 60s: %v\n%s", endpoint, err, logs.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// result is what test2json reported about one test of the scenarios.
type result struct {
	action      string // pass, fail, skip
	output      bytes.Buffer
	children    bool
	childFailed bool
}

// parseEvents reads go test -json output: the result of every test by name, and the
// names in the order they finished.
func parseEvents(out string) (map[string]*result, []string) {
	results := map[string]*result{}
	var order []string
	get := func(name string) *result {
		r := results[name]
		if r == nil {
			r = &result{}
			results[name] = r
		}
		return r
	}
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var ev struct {
			Action, Test, Output string
		}
		if json.Unmarshal(sc.Bytes(), &ev) != nil || ev.Test == "" {
			continue
		}
		r := get(ev.Test)
		switch ev.Action {
		case "output":
			r.output.WriteString(ev.Output)
		case "pass", "fail", "skip":
			r.action = ev.Action
			order = append(order, ev.Test)
			for p := ev.Test; strings.Contains(p, "/"); {
				p = p[:strings.LastIndex(p, "/")]
				parent := get(p)
				parent.children = true
				if ev.Action == "fail" {
					parent.childFailed = true
				}
			}
		}
	}
	return results, order
}
