//go:build unix

package interop_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/svcgen/svcgen/generator/emit"
	"github.com/svcgen/svcgen/internal/moto"
	"github.com/svcgen/svcgen/internal/scratch"
	"github.com/svcgen/svcgen/internal/shareddata"
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
	motoPath := moto.Require(t)
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

	// 20 minutes: a cold build of eleven clients (ec2's among them) on a loaded 2-core
	// machine took over 10
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Minute)
	defer cancel()
	// Build once, so that a compile error is reported as one, then run the binary.
	bin := filepath.Join(dir, "scenarios.test")
	start := time.Now()
	if out, err := goCommand(ctx, dir, nil, "test", "-c", "-o", bin, "./scenarios/"); err != nil {
		t.Fatalf("building the scenarios: %v\n%s", err, out)
	}
	t.Logf("generated %d clients and built the scenarios in %v", len(pkgs), time.Since(start).Round(time.Millisecond))

	endpoint := moto.Start(t, motoPath)
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

// generate generates one corpus service into the package interop/<service>.
func generate(s shareddata.Service) ([]emit.File, error) {
	return scratch.Generate(s, "interop/"+s.Name)
}

// writeModule writes the generated packages and the scenarios (testdata/scenarios, as
// the package interop/scenarios) into a scratch module "interop" that requires this
// checkout with the project's own dependency versions, so nothing is downloaded.
func writeModule(t *testing.T, pkgs map[string][]emit.File) string {
	t.Helper()
	dir := t.TempDir()
	root := scratch.Root()
	if err := scratch.WriteModule(dir, "interop", pkgs); err != nil {
		t.Fatal(err)
	}
	scen, err := filepath.Glob(filepath.Join(root, "interop", "testdata", "scenarios", "*.go"))
	if err != nil || len(scen) == 0 {
		t.Fatalf("no scenarios in interop/testdata/scenarios (%v)", err)
	}
	for _, p := range scen {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := scratch.WriteFile(dir, "scenarios/"+filepath.Base(p), data); err != nil {
			t.Fatal(err)
		}
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
