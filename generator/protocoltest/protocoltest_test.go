// Package protocoltest runs botocore's protocol tests (the rest-json, json, json_1_0
// and json_1_0-query-compatible suites of SVCGEN_PROTOCOL_TESTS) against the clients
// and servers that svcgen generates.
//
// Every suite becomes a small model, generated into its own package of one scratch
// module (input012, output003, ...). Each case becomes a Go test function in one test
// package of that module (run/), which builds the input from the case's params and checks
// the request the client sends (input cases), or feeds the case's response to the client
// and compares what it decodes (output cases). The same cases also run reversed against
// the suite's generated server (server.NewHandler), from a second test file per suite
// (run/<suite>_server_test.go, written by servergen_test.go): an input case's request is served and the input the service
// receives must equal the params; an output case's result (or error) is what the
// service returns, and what the generated client decodes from the server's response
// must equal it. The module is built and tested with one `go test` run, whose -json
// events give each case's result.
package protocoltest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/svcgen/svcgen/generator/protocoltest/harness"
	"github.com/svcgen/svcgen/internal/scratch"
	"github.com/svcgen/svcgen/internal/shareddata"
)

// kinds of suites, as the file names have them.
const (
	kindInput  = "input"
	kindOutput = "output"
)

// suite is one element of a protocol test file.
type suite struct {
	File           string // the file's base name: rest-json.json
	Kind           string
	Index          int
	Variant        int                        // which variant of the file's suite (variants): 0, 1, ...
	Description    string                     `json:"description"`
	Metadata       map[string]json.RawMessage `json:"metadata"`
	Shapes         json.RawMessage            `json:"shapes"`
	ClientEndpoint string                     `json:"clientEndpoint"`
	Cases          []*tcase                   `json:"cases"`
}

// tcase is one test case of a suite.
type tcase struct {
	ID          string          `json:"id"`
	Given       json.RawMessage `json:"given"`
	Description string          `json:"description"`
	Params      json.RawMessage `json:"params"`
	Serialized  *struct {
		Method string `json:"method"`
		URI    string `json:"uri"`
		// Body is nil when the case gives none: then no assertion is made about the
		// body (as Smithy's HTTP protocol compliance tests define it).
		Body           *string           `json:"body"`
		Headers        map[string]string `json:"headers"`
		ForbidHeaders  []string          `json:"forbidHeaders"`
		RequireHeaders []string          `json:"requireHeaders"`
		Host           string            `json:"host"`
	} `json:"serialized"`
	Response *struct {
		StatusCode int               `json:"status_code"`
		Headers    map[string]string `json:"headers"`
		Body       string            `json:"body"`
	} `json:"response"`
	Result       json.RawMessage `json:"result"`
	ErrorCode    *string         `json:"errorCode"`
	ErrorMessage *string         `json:"errorMessage"`
	Error        json.RawMessage `json:"error"`

	// filled by the harness
	suite   *suite
	index   int
	name    string // the case's name in the report: its id, else its kind, suite and case index (input_suite3_case0)
	goTest  string // the generated test function (the client's side)
	srvTest string // the generated test function of the server's side
	skip    string // why the ignore list skips it
}

// outcome is what happened to one case.
type outcome struct {
	status string // "pass", "fail" or "skip"
	detail string
}

// ignoreList is botocore's protocol-tests-ignore-list.json.
type ignoreList struct {
	General   map[string]ignoreEntry            `json:"general"`
	Protocols map[string]map[string]ignoreEntry `json:"protocols"`
}

type ignoreEntry struct {
	Suites []string `json:"suites"`
	Cases  []string `json:"cases"`
}

// skipReason says why the ignore list skips a case, or "".
func (l *ignoreList) skipReason(protocol, kind string, s *suite, c *tcase) string {
	check := func(where string, e ignoreEntry) string {
		for _, d := range e.Suites {
			if d == s.Description {
				return fmt.Sprintf("botocore's ignore list, %s.suites, lists the suite %q", where, d)
			}
		}
		for _, id := range e.Cases {
			if c.ID != "" && id == c.ID {
				return fmt.Sprintf("botocore's ignore list, %s.cases, lists the case %q", where, id)
			}
		}
		return ""
	}
	if l == nil {
		return ""
	}
	if r := check("general."+kind, l.General[kind]); r != "" {
		return r
	}
	return check("protocols."+protocol+"."+kind, l.Protocols[protocol][kind])
}

// readSuites reads one protocol test file.
func readSuites(path, kind string) ([]*suite, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var suites []*suite
	if err := json.Unmarshal(data, &suites); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	used := map[string]bool{}
	for si, s := range suites {
		s.File, s.Kind, s.Index = filepath.Base(path), kind, si
		for ci, c := range s.Cases {
			c.suite, c.index = s, ci
			c.name = c.ID
			if c.name == "" || used[c.name] {
				c.name = fmt.Sprintf("%s_suite%d_case%d", kind, si, ci)
				if c.ID != "" {
					c.name += "_" + c.ID
				}
			}
			used[c.name] = true
			c.goTest = fmt.Sprintf("Test%s%03d_%03d", strings.ToUpper(kind[:1])+kind[1:], si, ci)
			c.srvTest = fmt.Sprintf("TestServer%s%03d_%03d", strings.ToUpper(kind[:1])+kind[1:], si, ci)
		}
	}
	return suites, nil
}

// pkgName is the Go package a suite is generated into: input012, and input012v1 for
// the suite's first variant.
func (s *suite) pkgName() string {
	if s.Variant > 0 {
		return fmt.Sprintf("%s%03dv%d", s.Kind, s.Index, s.Variant)
	}
	return fmt.Sprintf("%s%03d", s.Kind, s.Index)
}

// variants splits a suite whose cases give the same operation name differently (older
// suites reuse "OperationName" for operations of their own) into suites in which every
// operation name is given once: variant 0 takes each case it can, variant 1 the cases
// that differ from variant 0, and so on. Each variant is generated into a package of
// its own, so every case runs against its own operation under the name it gives. In
// the REST protocols, two operations of one method and request URI are put apart too:
// a server routes by them, and could not tell the two apart.
func variants(s *suite) []*suite {
	var protocol string
	json.Unmarshal(s.Metadata["protocol"], &protocol)
	rest := protocol == "rest-json" || protocol == "rest-xml"
	type given struct {
		raw   json.RawMessage
		route string
	}
	var out []*suite
	var ops []map[string]given // by variant: operation name to its given
	for _, c := range s.Cases {
		var g struct {
			Name string `json:"name"`
			HTTP struct {
				Method     string `json:"method"`
				RequestURI string `json:"requestUri"`
			} `json:"http"`
		}
		json.Unmarshal(c.Given, &g) // a given without a name fails in suiteModel
		route := ""
		if rest {
			route = g.HTTP.Method + " " + labelPattern.ReplaceAllString(g.HTTP.RequestURI, "{}")
		}
		v := 0
	variant:
		for ; v < len(out); v++ {
			if prev, ok := ops[v][g.Name]; ok {
				if jsonEqual(prev.raw, c.Given) {
					break
				}
				continue
			}
			for _, other := range ops[v] {
				if rest && other.route == route {
					continue variant
				}
			}
			break
		}
		if v == len(out) {
			vs := *s
			vs.Variant, vs.Cases = v, nil
			out = append(out, &vs)
			ops = append(ops, map[string]given{})
		}
		ops[v][g.Name] = given{c.Given, route}
		out[v].Cases = append(out[v].Cases, c)
	}
	if len(out) == 0 {
		return []*suite{s}
	}
	return out
}

// labelPattern matches a label of a request URI: {Name} or {Name+}.
var labelPattern = regexp.MustCompile(`\{[^}]*\}`)

// run is one protocol's run: every input and output case, generated, built and tested
// together.
type run struct {
	protocol string
	input    []*suite
	output   []*suite
	results  map[*tcase]outcome // the client's side
	server   map[*tcase]outcome // the server's side: the same cases, reversed
	absent   []string           // the protocol's files the suite folder lacks: "output/json.json"
	elapsed  time.Duration
	err      error
}

// once runs one protocol test file (its input and output suites) once for all the
// tests that report on it.
type once struct {
	protocol string // as botocore's ignore list names it: the file's base name
	sync.Once
	run *run
}

var (
	restJSONRun = &once{protocol: "rest-json"}
	json11Run   = &once{protocol: "json"}
	json10Run   = &once{protocol: "json_1_0"}
	jsonQCRun   = &once{protocol: "json_1_0-query-compatible"}
	queryRun    = &once{protocol: "query"}
	ec2Run      = &once{protocol: "ec2"}
	restXMLRun  = &once{protocol: "rest-xml"}
)

// get runs the protocol once and returns its run, or nil when the suite folder holds
// neither its input nor its output file (the test reports the absent files; under CI a
// folder that holds no protocol file at all is a failure).
func (o *once) get(t *testing.T) *run {
	t.Helper()
	dir := shareddata.ProtocolTestsPath()
	file := o.protocol + ".json"
	o.Do(func() {
		present := false
		for _, kind := range []string{kindInput, kindOutput} {
			if _, err := os.Stat(filepath.Join(dir, kind, file)); err == nil {
				present = true
			}
		}
		if present {
			o.run = runProtocol(t, dir, o.protocol, file)
		}
	})
	if o.run == nil {
		t.Logf("%s: the suite folder %s holds neither input/%s nor output/%s", o.protocol, dir, file, file)
		return nil
	}
	if o.run.err != nil {
		t.Fatal(o.run.err)
	}
	for _, a := range o.run.absent {
		t.Logf("%s: %s is absent from the suite folder; its cases are not run", o.protocol, a)
	}
	return o.run
}

// protocolFiles are the protocol test files the harness runs, by base name.
var protocolFiles = []string{"rest-json", "json", "json_1_0", "json_1_0-query-compatible", "query", "ec2", "rest-xml"}

// noneRun ends a test none of whose protocols' files are in the suite folder: it
// skips, naming them, unless the folder holds no protocol file at all under CI, which
// is a failure (a conformance test that quietly skipped in CI would hide a broken
// path).
func noneRun(t *testing.T, protocols ...string) {
	t.Helper()
	dir := shareddata.ProtocolTestsPath()
	var names []string
	for _, p := range protocols {
		names = append(names, "input/"+p+".json", "output/"+p+".json")
	}
	msg := fmt.Sprintf("the suite folder %s holds none of %s", dir, strings.Join(names, ", "))
	if os.Getenv("CI") == "true" && !holdsAny(dir) {
		t.Fatalf("%s, nor any other protocol file; under CI missing data is a failure", msg)
	}
	t.Skipf("%s; skipping", msg)
}

// holdsAny reports whether dir holds any protocol file the harness runs.
func holdsAny(dir string) bool {
	for _, p := range protocolFiles {
		for _, kind := range []string{kindInput, kindOutput} {
			if _, err := os.Stat(filepath.Join(dir, kind, p+".json")); err == nil {
				return true
			}
		}
	}
	return false
}

func runProtocol(t *testing.T, dir, protocol, file string) *run {
	r := &run{protocol: protocol, results: map[*tcase]outcome{}, server: map[*tcase]outcome{}}
	start := time.Now()
	defer func() { r.elapsed = time.Since(start) }()
	var ignore *ignoreList
	if data, err := os.ReadFile(filepath.Join(dir, "protocol-tests-ignore-list.json")); err == nil {
		ignore = &ignoreList{}
		if err := json.Unmarshal(data, ignore); err != nil {
			r.err = fmt.Errorf("reading the ignore list: %w", err)
			return r
		}
	}
	for _, kind := range []string{kindInput, kindOutput} {
		path := filepath.Join(dir, kind, file)
		if _, err := os.Stat(path); os.IsNotExist(err) {
			r.absent = append(r.absent, kind+"/"+file)
			continue
		}
		suites, err := readSuites(path, kind)
		if err != nil {
			r.err = err
			return r
		}
		if kind == kindInput {
			r.input = suites
		} else {
			r.output = suites
		}
	}
	// Generate every suite that has a case to run.
	gens := map[*suite]*generated{}
	var order []*suite
	for _, suites := range [][]*suite{r.input, r.output} {
		for _, s := range suites {
			runs := false
			for _, c := range s.Cases {
				c.skip = ignore.skipReason(protocol, s.Kind, s, c)
				if c.skip != "" {
					r.results[c] = outcome{status: "skip", detail: c.skip}
					r.server[c] = outcome{status: "skip", detail: c.skip}
				} else {
					runs = true
				}
			}
			if !runs {
				continue
			}
			for _, v := range variants(s) {
				g := generateSuite(v)
				if g.err != nil {
					for _, c := range v.Cases {
						if c.skip == "" {
							r.results[c] = outcome{status: "fail", detail: "generating the suite: " + g.err.Error()}
							r.server[c] = outcome{status: "fail", detail: "generating the suite: " + g.err.Error()}
						}
					}
					continue
				}
				for c, msg := range g.caseErrs {
					r.results[c] = outcome{status: "fail", detail: "generating the case: " + msg}
				}
				for c, msg := range g.serverCaseErrs {
					r.server[c] = outcome{status: "fail", detail: "generating the server's case: " + msg}
				}
				for c, why := range g.serverSkips {
					r.server[c] = outcome{status: "skip", detail: why}
				}
				gens[v] = g
				order = append(order, v)
			}
		}
	}
	if len(order) == 0 {
		return r // nothing to build: every case is skipped, or the files hold no suite
	}
	// SVCGEN_PROTOCOL_KEEP names a folder to write the scratch module into, and keep,
	// for a look at the generated code.
	modDir := os.Getenv("SVCGEN_PROTOCOL_KEEP")
	if modDir == "" {
		modDir = t.TempDir()
	} else if err := os.RemoveAll(modDir); err != nil {
		r.err = err
		return r
	}
	if err := writeModule(modDir, gens); err != nil {
		r.err = err
		return r
	}
	// Build and test; a suite whose generated code does not compile fails all its
	// cases and is left out of the next attempt, so that one broken suite does not hide
	// the others. A build error in a suite's server package or server tests only takes
	// out the server's side of the suite.
	broken := map[*suite]string{}    // the whole suite
	srvBroken := map[*suite]string{} // its server's side
	for attempt := 0; attempt < 10; attempt++ {
		events, buildOut, err := goTest(modDir)
		if err == nil || len(events) > 0 {
			assign(r.results, order, broken, events, func(c *tcase) string { return c.goTest })
			for s, msg := range broken {
				srvBroken[s] = msg
			}
			assign(r.server, order, srvBroken, events, func(c *tcase) string { return c.srvTest })
			return r
		}
		whole, srv := brokenSuites(buildOut, order, broken, srvBroken)
		if len(whole) == 0 && len(srv) == 0 {
			r.err = fmt.Errorf("go test on the generated module failed: %v\n%s", err, buildOut)
			return r
		}
		for s, msg := range srv {
			if whole[s] == "" {
				srvBroken[s] = msg
				if err := removeIfExists(filepath.Join(modDir, "run", serverTestFile(s))); err != nil {
					r.err = err
					return r
				}
			}
		}
		for s, msg := range whole {
			broken[s] = msg
			for _, f := range []string{s.pkgName() + "_test.go", serverTestFile(s)} {
				if err := removeIfExists(filepath.Join(modDir, "run", f)); err != nil {
					r.err = err
					return r
				}
			}
		}
	}
	r.err = fmt.Errorf("go test on the generated module kept failing to build")
	return r
}

// testEvent is one line of go test -json.
type testEvent struct {
	Action  string
	Package string
	Test    string
	Output  string
}

// goTest runs the scratch module's tests and returns the events of the run package.
func goTest(dir string) (map[string]*eventLog, string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", "test", "-json", "-trimpath", "./run/")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off", "GOPROXY=off")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	events := map[string]*eventLog{}
	var build strings.Builder
	build.Write(stderr.Bytes())
	for _, line := range bytes.Split(stdout.Bytes(), []byte("\n")) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var e testEvent
		if json.Unmarshal(line, &e) != nil {
			build.Write(line)
			build.WriteByte('\n')
			continue
		}
		if e.Action == "build-output" {
			build.WriteString(e.Output)
			continue
		}
		if e.Test == "" {
			if e.Action == "output" {
				build.WriteString(e.Output)
			}
			continue
		}
		l := events[e.Test]
		if l == nil {
			l = &eventLog{}
			events[e.Test] = l
		}
		switch e.Action {
		case "output":
			l.output.WriteString(e.Output)
		case "pass", "fail", "skip":
			l.action = e.Action
		}
	}
	if len(events) == 0 && err == nil {
		err = fmt.Errorf("no test ran")
	}
	return events, build.String(), err
}

type eventLog struct {
	action string
	output strings.Builder
}

// suiteRef finds a suite's package name in a build error line: in a path
// ("protocoltests/input012/server", "run/input012_server_test.go") or alone.
var suiteRef = regexp.MustCompile(`(?:^|[^A-Za-z0-9])((?:input|output)\d{3}(?:v\d+)?)(?:[^0-9]|$)`)

// serverTestFile is the file of a suite's server-side tests in the run package.
func serverTestFile(s *suite) string { return s.pkgName() + "_server_test.go" }

func removeIfExists(path string) error {
	if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
		return err
	}
	return nil
}

// brokenSuites finds the suites that build errors name: whole, when the error is in the
// suite's client package or client tests; srv, when it is in its server package or
// server tests.
func brokenSuites(out string, order []*suite, broken, srvBroken map[*suite]string) (whole, srv map[*suite]string) {
	byName := map[string]*suite{}
	for _, s := range order {
		byName[s.pkgName()] = s
	}
	whole, srv = map[*suite]string{}, map[*suite]string{}
	for _, line := range strings.Split(out, "\n") {
		for _, m := range suiteRef.FindAllStringSubmatch(line, -1) {
			s := byName[m[1]]
			if s == nil || broken[s] != "" {
				continue
			}
			if strings.Contains(line, m[1]+"/server") || strings.Contains(line, serverTestFile(s)) {
				if srvBroken[s] == "" {
					srv[s] += line + "\n"
				}
				continue
			}
			whole[s] += line + "\n"
		}
	}
	return whole, srv
}

// assign records the result of every generated case of one side (the client's or the
// server's), whose test functions test names.
func assign(results map[*tcase]outcome, order []*suite, broken map[*suite]string, events map[string]*eventLog, test func(*tcase) string) {
	for _, s := range order {
		for _, c := range s.Cases {
			if _, done := results[c]; done {
				continue
			}
			if msg := broken[s]; msg != "" {
				results[c] = outcome{status: "fail", detail: "the generated code does not compile:\n" + msg}
				continue
			}
			l := events[test(c)]
			if l == nil {
				results[c] = outcome{status: "fail", detail: "the generated test " + test(c) + " did not run"}
				continue
			}
			status := l.action
			if status == "" {
				status = "fail"
			}
			results[c] = outcome{status: status, detail: testOutput(l.output.String())}
		}
	}
}

// testOutput is what a generated test printed, without go test's framing lines
// ("=== RUN", "--- FAIL: ..."), which would read as results of this package's tests.
func testOutput(s string) string {
	var out []string
	for _, line := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		if t := strings.TrimSpace(line); strings.HasPrefix(t, "=== ") || strings.HasPrefix(t, "--- ") {
			continue
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

// report runs one subtest per case and prints the closing line. server selects the
// side reported: the client's (the case as botocore has it) or the server's (the case
// reversed); the server's subtests are named input/<case> and output/<case>, as its
// report holds both kinds.
func report(t *testing.T, r *run, server bool, suites []*suite, label string) {
	results, test := r.results, func(c *tcase) string { return c.goTest }
	if server {
		results, test = r.server, func(c *tcase) string { return c.srvTest }
	}
	var passed, failed, skipped int
	var refused []string
	for _, s := range suites {
		for _, c := range s.Cases {
			name := c.name
			if server {
				name = s.Kind + "/" + c.name
			}
			o, ok := results[c]
			if !ok {
				o = outcome{status: "fail", detail: "no result"}
			}
			switch o.status {
			case "pass":
				passed++
			case "skip":
				skipped++
			default:
				failed++
				if strings.Contains(o.detail, harnessConstraintMark) {
					refused = append(refused, name)
				}
			}
			t.Run(name, func(t *testing.T) {
				switch o.status {
				case "pass":
				case "skip":
					t.Skip(o.detail)
				default:
					t.Errorf("suite %d (%s), case %d (%s), test %s:\n%s", s.Index, s.Description, c.index, c.Description, test(c), o.detail)
				}
			})
		}
	}
	t.Logf("%s: the generated module built and ran in %v", label, r.elapsed.Round(time.Millisecond))
	if server {
		// botocore's cases do not check constraints: a case whose params break one is
		// refused by the server (which validates every constraint of the model) and
		// counted as failed; they are listed apart, as a server refusing them is right.
		t.Logf("%s: %d failed case(s) break a constraint of the model and were refused with a validation error: %v", label, len(refused), refused)
	}
	fmt.Printf("%s: %d passed, %d failed, %d skipped\n", label, passed, failed, skipped)
}

// harnessConstraintMark is what harness.CheckCalled writes when the server refused a
// request with a validation error.
const harnessConstraintMark = harness.ConstraintMark

// TestProtocolRestJSONInput checks the requests generated rest-json clients send against
// botocore's input (serialization) cases.
func TestProtocolRestJSONInput(t *testing.T) {
	reportRuns(t, false, kindInput, restJSONRun)
}

// TestProtocolRestJSONOutput checks what generated rest-json clients decode from
// botocore's output (parsing) cases, errors included.
func TestProtocolRestJSONOutput(t *testing.T) {
	reportRuns(t, false, kindOutput, restJSONRun)
}

// TestProtocolRestJSONServer runs the same cases against generated rest-json servers,
// reversed: an input case's serialized request is sent to the server's handler, and
// the input the service receives must equal the case's params; an output case's result
// (or error) is returned by the service, and what the generated client decodes from the
// server's response must equal it.
func TestProtocolRestJSONServer(t *testing.T) {
	reportRuns(t, true, "", restJSONRun)
}

// TestProtocolJSONInput checks the requests generated awsJson clients send against
// botocore's input cases of both versions (json.json is 1.1, json_1_0.json 1.0), and
// of awsQueryCompatible services.
func TestProtocolJSONInput(t *testing.T) {
	reportRuns(t, false, kindInput, json11Run, json10Run, jsonQCRun)
}

// TestProtocolJSONOutput checks what generated awsJson clients decode from botocore's
// output cases of both versions, errors included.
func TestProtocolJSONOutput(t *testing.T) {
	reportRuns(t, false, kindOutput, json11Run, json10Run, jsonQCRun)
}

// TestProtocolJSONServer runs the awsJson cases reversed against generated servers, as
// TestProtocolRestJSONServer does for rest-json.
func TestProtocolJSONServer(t *testing.T) {
	reportRuns(t, true, "", json11Run, json10Run, jsonQCRun)
}

// TestProtocolQuery checks the form bodies generated awsQuery clients send, and what
// they decode from XML, errors included, against botocore's query cases.
func TestProtocolQuery(t *testing.T) { reportRuns(t, false, "", queryRun) }

// TestProtocolQueryServer runs the awsQuery cases reversed against generated
// servers, as TestProtocolRestJSONServer does for rest-json.
func TestProtocolQueryServer(t *testing.T) { reportRuns(t, true, "", queryRun) }

// TestProtocolEC2 is TestProtocolQuery for the ec2 protocol.
func TestProtocolEC2(t *testing.T) { reportRuns(t, false, "", ec2Run) }

// TestProtocolEC2Server is TestProtocolQueryServer for the ec2 protocol.
func TestProtocolEC2Server(t *testing.T) { reportRuns(t, true, "", ec2Run) }

// TestProtocolRestXML checks the requests generated rest-xml clients send, and what
// they decode, errors included, against botocore's rest-xml cases.
func TestProtocolRestXML(t *testing.T) { reportRuns(t, false, "", restXMLRun) }

// TestProtocolRestXMLServer runs the rest-xml cases reversed against generated
// servers, as TestProtocolRestJSONServer does for rest-json.
func TestProtocolRestXMLServer(t *testing.T) { reportRuns(t, true, "", restXMLRun) }

// labels are the names of the closing lines, by protocol.
var labels = map[string]string{
	"rest-json": "restjson", "json": "json", "json_1_0": "json10",
	"json_1_0-query-compatible": "json10-querycompatible", "query": "query", "ec2": "ec2", "rest-xml": "restxml",
}

// reportRuns reports the protocols whose files the suite folder holds, each with its
// closing line: the server's side (server), or the client's side of kind's cases (both
// kinds when kind is ""). It skips when none of them are there (see noneRun).
func reportRuns(t *testing.T, server bool, kind string, runs ...*once) {
	ran := false
	var protocols []string
	for _, o := range runs {
		protocols = append(protocols, o.protocol)
		r := o.get(t)
		if r == nil {
			continue
		}
		ran = true
		label := labels[o.protocol]
		switch {
		case server:
			report(t, r, true, append(append([]*suite(nil), r.input...), r.output...), label+"-server")
		default:
			for _, k := range []string{kindInput, kindOutput} {
				if kind != "" && kind != k {
					continue
				}
				suites := r.input
				if k == kindOutput {
					suites = r.output
				}
				if f := k + "/" + o.protocol + ".json"; slices.Contains(r.absent, f) {
					fmt.Printf("%s-%s: not run, %s is absent\n", label, k, f)
					continue
				}
				report(t, r, false, suites, label+"-"+k)
			}
		}
	}
	if !ran {
		noneRun(t, protocols...)
	}
}

// writeModule writes the generated suites and their tests into a scratch module that
// requires this checkout (for the runtime and the harness) with the same dependency
// versions.
func writeModule(dir string, gens map[*suite]*generated) error {
	write := func(rel string, data []byte) error { return scratch.WriteFile(dir, rel, data) }
	var names []*suite
	for s := range gens {
		names = append(names, s)
	}
	sort.Slice(names, func(i, j int) bool { return names[i].pkgName() < names[j].pkgName() })
	for _, s := range names {
		g := gens[s]
		for _, f := range g.files {
			if err := write(s.pkgName()+"/"+f.Path, f.Data); err != nil {
				return err
			}
		}
		if err := write("run/"+s.pkgName()+"_test.go", g.test); err != nil {
			return err
		}
		if len(g.serverTest) > 0 {
			if err := write("run/"+serverTestFile(s), g.serverTest); err != nil {
				return err
			}
		}
	}
	if err := write("run/doc.go", []byte("// Package run holds the generated protocol test cases.\npackage run\n")); err != nil {
		return err
	}
	return scratch.WriteGoMod(dir, modulePath)
}
