package lock

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/svcgen/svcgen/generator/diff"
	"github.com/svcgen/svcgen/generator/emit"
	"github.com/svcgen/svcgen/generator/ir"
	"github.com/svcgen/svcgen/internal/scratch"
	"github.com/svcgen/svcgen/internal/shareddata"
)

func widgets(t *testing.T, name string) *ir.Service {
	t.Helper()
	v, err := diff.Load(filepath.Join("..", "diff", "testdata", name, "service-2.json"))
	if err != nil {
		t.Fatal(err)
	}
	return v.Service
}

func TestRoundTrip(t *testing.T) {
	l := FromService(widgets(t, "widgets-old"))
	text := l.Bytes()
	back, err := Read("svcgen.lock", bytes.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	if again := back.Bytes(); !bytes.Equal(again, text) {
		t.Errorf("read and written again:\n%s\nwant:\n%s", again, text)
	}
	for _, want := range []string{"package widgets\n", "field types.Widget name Name string\n", "field CreateWidgetInput color Color *types.Color\n", `const types.Color "BLUE" ColorBlue` + "\n"} {
		if !bytes.Contains(text, []byte(want)) {
			t.Errorf("no %q in:\n%s", want, text)
		}
	}
	lines := strings.Split(strings.TrimSpace(string(text)), "\n")
	body := lines[4:] // after the comment and package lines
	if !sort.StringsAreSorted(body) {
		t.Errorf("lines not sorted:\n%s", text)
	}
}

func TestReadErrors(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"field a b c\n", `x.lock:1: "field a b c": want field STRUCT MEMBER GONAME GOTYPE`},
		{"package p\nconst types.E BLUE EBlue\n", `x.lock:2: "const types.E BLUE EBlue": want const ENUM "VALUE" GONAME`},
		{"package p\nwhat\n", `x.lock:2: "what": want a package, field or const line`},
		{"# only a comment\n", "x.lock: no package line"},
	} {
		_, err := Read("x.lock", strings.NewReader(tc.text))
		if err == nil || err.Error() != tc.want {
			t.Errorf("%q: error %v, want %s", tc.text, err, tc.want)
		}
	}
	if l, err := ReadFile(filepath.Join(t.TempDir(), FileName)); l != nil || err != nil {
		t.Errorf("a missing lock file: %v, %v; want nil, nil", l, err)
	}
}

// TestApply: each kind of decision, on the hand-written pair widgets-old (locked) and
// widgets-lock (the model made Widget.name optional, CreateWidgetRequest.color
// required, dropped Widget.size, CreateWidgetRequest.size and the value BLUE).
func TestApply(t *testing.T) {
	l := FromService(widgets(t, "widgets-old"))
	svc := widgets(t, "widgets-lock")
	got := strings.Join(Apply(svc, l), "\n")
	for _, want := range []string{
		"types.Widget.Name: keeps string though the member is now optional (the model makes it *string); its value is always sent",
		"CreateWidgetInput.Color: keeps *types.Color though the member is now required (the model makes it types.Color); nil is reported missing",
		"types.Widget.Size: keeps the field *int32 of the removed member size, deprecated; it is neither sent nor read",
		`types.ColorBlue: keeps the constant of the removed value "BLUE", deprecated`,
		"CreateWidgetInput.Size: keeps the field *int32 of the removed member size, deprecated; it is neither sent nor read",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no decision %q in:\n%s", want, got)
		}
	}
	if n := strings.Count(got, "\n") + 1; n != 5 {
		t.Errorf("%d decisions, want 5:\n%s", n, got)
	}
	// applying a lock to the model it was made from decides nothing
	same := widgets(t, "widgets-old")
	if d := Apply(same, FromService(widgets(t, "widgets-old"))); len(d) != 0 {
		t.Errorf("decisions on an unchanged model: %q", d)
	}
	// the applied service's lock is the old one plus the added member
	after := string(FromService(svc).Bytes())
	if !strings.Contains(after, "field CreateWidgetInput owner Owner *string\n") || strings.Replace(after, "field CreateWidgetInput owner Owner *string\n", "", 1) != string(l.Bytes()) {
		t.Errorf("lock after applying:\n%s\nwant the old lock plus CreateWidgetInput.owner:\n%s", after, l.Bytes())
	}
}

// callerCode is Go code written against a generated package: it uses every field of
// every structure with its exact type, every enum constant and every operation, the
// way a caller's code would.
func callerCode(svc *ir.Service, importPath string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "package caller\n\nimport (\n\t\"context\"\n\t\"io\"\n\t\"math/big\"\n\t\"time\"\n\n\t\"github.com/svcgen/svcgen/runtime/document\"\n\tsvc %q\n\t%q\n)\n\n", importPath, importPath+"/types")
	b.WriteString("var (\n\t_ context.Context\n\t_ io.Reader\n\t_ big.Int\n\t_ time.Time\n\t_ document.Value\n)\n\n")
	l := FromService(svc)
	b.WriteString("func fields() {\n")
	for _, f := range l.Fields {
		s := f.Struct
		if !strings.HasPrefix(s, "types.") {
			s = "svc." + s
		}
		fmt.Fprintf(&b, "\t{\n\t\tvar x %s\n\t\tvar v %s\n\t\tx.%s = v\n\t\tv = x.%s\n\t\t_ = v\n\t}\n", s, f.GoType, f.GoName, f.GoName)
	}
	b.WriteString("}\n\n")
	for _, c := range l.Consts {
		fmt.Fprintf(&b, "var _ %s = types.%s\n", c.Enum, c.GoName)
	}
	b.WriteString("\nfunc operations(c *svc.Client) {\n")
	for _, op := range svc.Operations {
		fmt.Fprintf(&b, "\tvar _ func(context.Context, *svc.%s, ...func(*svc.Options)) (*svc.%s, error) = c.%s\n", op.Input.GoName, op.Output.GoName, op.GoName)
	}
	b.WriteString("}\n")
	return []byte(b.String())
}

// build generates svc (after applying lock, when not nil) into a scratch module with
// the caller code and builds it; it returns the go command's output and error.
func build(t *testing.T, callers []byte, svc *ir.Service, l *Lock) (string, error) {
	t.Helper()
	if l != nil {
		for _, d := range Apply(svc, l) {
			t.Log(d)
		}
	}
	const module = "scratch"
	files, err := emit.Generate(svc, emit.Config{ImportPath: module + "/svc"})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := scratch.WriteModule(dir, module, map[string][]emit.File{"svc": files}); err != nil {
		t.Fatal(err)
	}
	if err := scratch.WriteFile(dir, "caller/caller.go", callers); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "build", "./...")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off", "GOPROXY=off")
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// TestLockKeepsCallersCompiling: code written against the package generated from the
// old model compiles against the package generated from the new one with the old
// package's lock; without the lock, for the hand-written pair, it does not.
func TestLockKeepsCallersCompiling(t *testing.T) {
	if testing.Short() {
		t.Skip("builds scratch modules: not in -short")
	}
	type version func(t *testing.T) *ir.Service
	shared := func(service string) version {
		return func(t *testing.T) *ir.Service {
			path := filepath.Join(shareddata.ModelsDir(), service, "service-2.json")
			shareddata.Require(t, path, "the current "+service+" model")
			v, err := diff.Load(path)
			if err != nil {
				t.Fatal(err)
			}
			return v.Service
		}
	}
	project := func(service string) version {
		return func(t *testing.T) *ir.Service {
			v, err := diff.Load(filepath.Join(scratch.Root(), "models", service, "service-2.json"))
			if err != nil {
				t.Fatal(err)
			}
			return v.Service
		}
	}
	hand := func(name string) version { return func(t *testing.T) *ir.Service { return widgets(t, name) } }
	for _, tc := range []struct {
		name          string
		old, new      version
		breaksWithout bool
	}{
		{"widgets", hand("widgets-old"), hand("widgets-lock"), true},
		{"eks-auth 2023 to today", project("eks-auth"), shared("eks-auth"), false},
		{"eks 2023 to today", project("eks"), shared("eks"), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			old := tc.old(t)
			callers := callerCode(old, "scratch/svc")
			if tc.breaksWithout {
				out, err := build(t, callers, tc.new(t), nil)
				if err == nil {
					t.Fatalf("without the lock the callers compile: the pair does not test the lock")
				}
				for _, want := range []string{"x.Size undefined", "cannot use v (variable of type string) as *string value"} {
					if !strings.Contains(out, want) {
						t.Errorf("without the lock, no %q in:\n%s", want, out)
					}
				}
				t.Logf("without the lock: %s", firstLines(out, 6))
			}
			out, err := build(t, callers, tc.new(t), FromService(old))
			if err != nil {
				t.Fatalf("with the lock the callers do not compile: %v\n%s", err, out)
			}
		})
	}
}

// wireTest runs in the scratch module against the package generated from
// widgets-lock with the lock of widgets-old: the retired fields are neither sent nor
// read, a member kept as a value is read, a required member kept as a pointer is
// reported missing when nil.
const wireTest = `package caller

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	svc "scratch/svc"
	"scratch/svc/types"
)

func TestWire(t *testing.T) {
	var body string
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		body = string(b)
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, ` + "`" + `{"widget":{"name":"abc","color":"BLUE","size":5}}` + "`" + `)
	}))
	defer s.Close()
	c := svc.New(svc.Options{BaseEndpoint: s.URL, HTTPClient: s.Client(), Region: "us-east-1"})
	color, size := types.ColorRed, int32(3)
	out, err := c.CreateWidget(context.Background(), &svc.CreateWidgetInput{Name: "abc", Color: &color, Size: &size})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(body, "size") || !strings.Contains(body, ` + "`" + `"color":"RED"` + "`" + `) {
		t.Errorf("request body %s: want color and no size", body)
	}
	w := out.Widget
	if w == nil || w.Name != "abc" || w.Size != nil || w.Color == nil || *w.Color != types.ColorBlue {
		t.Errorf("response read as %+v: want Name abc, Color BLUE, Size nil", w)
	}
	_, err = c.CreateWidget(context.Background(), &svc.CreateWidgetInput{Name: "abc"})
	if err == nil || !strings.Contains(err.Error(), "/color: required member is missing") {
		t.Errorf("a nil required Color: error %v", err)
	}
}
`

// TestLockWire: what the lock keeps behaves on the wire as the package's docs say.
func TestLockWire(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and tests a scratch module: not in -short")
	}
	svc := widgets(t, "widgets-lock")
	for _, d := range Apply(svc, FromService(widgets(t, "widgets-old"))) {
		t.Log(d)
	}
	testCaller(t, svc, "wire_test.go", wireTest)
}

func firstLines(s string, n int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, "\n")
}

// redactTest prints CreateWidgetInput, whose Owner the test made sensitive and whose
// Size the lock keeps after the model dropped it: the retired field does not print
// (as before printing moved to redact.Layout), the sensitive one prints redacted.
const redactTest = `package caller

import (
	"encoding/json"
	"fmt"
	"testing"

	svc "scratch/svc"
	"scratch/svc/types"
)

func TestRedact(t *testing.T) {
	size, color, owner := int32(7), types.ColorRed, "secret-owner"
	in := svc.CreateWidgetInput{Name: "w", Color: &color, Owner: &owner, Size: &size}
	for verb, want := range map[string]string{
		"%v":  "{w RED <nil> *** sensitive ***}",
		"%+v": "{Name:w Color:RED CreatedAt:<nil> Owner:*** sensitive ***}",
		"%#v": ` + "`" + `widgets.CreateWidgetInput{Name:"w", Color:"RED", CreatedAt:nil, Owner:"*** sensitive ***"}` + "`" + `,
	} {
		if got := fmt.Sprintf(verb, in); got != want {
			t.Errorf("%s = %s, want %s", verb, got, want)
		}
	}
	b, err := json.Marshal(in)
	if want := ` + "`" + `{"Name":"w","Color":"RED","Owner":"*** sensitive ***"}` + "`" + `; err != nil || string(b) != want {
		t.Errorf("json = %s (%v), want %s", b, err, want)
	}
}
`

// TestLockRedaction: a redacting structure with a field the lock keeps prints its
// members, not the retired field, and redacts the sensitive one.
func TestLockRedaction(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and tests a scratch module: not in -short")
	}
	svc := widgets(t, "widgets-lock")
	Apply(svc, FromService(widgets(t, "widgets-old")))
	var in *ir.Shape
	for _, op := range svc.Operations {
		if op.Input.GoName == "CreateWidgetInput" {
			in = op.Input
		}
	}
	if in == nil || len(in.Retired) != 1 || in.Retired[0].GoName != "Size" {
		t.Fatalf("CreateWidgetInput with the lock: %+v, want one retired field Size", in)
	}
	for _, m := range in.Members {
		if m.GoName == "Owner" {
			m.Sensitive = true
			in.ContainsSensitive = true
		}
	}
	if !in.ContainsSensitive {
		t.Fatal("CreateWidgetInput has no member Owner")
	}
	testCaller(t, svc, "redact_test.go", redactTest)
}

// testCaller generates svc into a scratch module and runs the test src, in package
// caller beside it, against it.
func testCaller(t *testing.T, svc *ir.Service, name, src string) {
	t.Helper()
	const module = "scratch"
	files, err := emit.Generate(svc, emit.Config{ImportPath: module + "/svc"})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := scratch.WriteModule(dir, module, map[string][]emit.File{"svc": files}); err != nil {
		t.Fatal(err)
	}
	if err := scratch.WriteFile(dir, "caller/"+name, []byte(src)); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "test", "-count=1", "./caller/")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off", "GOPROXY=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
}
