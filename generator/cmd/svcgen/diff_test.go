package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const (
	widgetsOld = "../../diff/testdata/widgets-old/service-2.json"
	widgetsNew = "../../diff/testdata/widgets-new/service-2.json"
)

// TestDiffExitCodes: 1 when a change breaks callers, 0 when none does (the reverse of
// an addition-only change), 2 on usage errors; every line has both positions.
func TestDiffExitCodes(t *testing.T) {
	code, stdout, stderr := runCLI(t, "diff", widgetsOld, widgetsNew)
	if code != 1 {
		t.Fatalf("exit %d, want 1; stderr %q", code, stderr)
	}
	if !strings.Contains(stdout, widgetsOld+":21:5 -> (removed): BREAKING operation-removed: DeleteWidget") {
		t.Errorf("no removal of DeleteWidget at its position in:\n%s", stdout)
	}
	if !strings.Contains(stdout, widgetsOld+":99:9 -> "+widgetsNew+":101:9: BREAKING member-optional: Widget.name") {
		t.Errorf("no Widget.name at both positions in:\n%s", stdout)
	}
	if code, stdout, _ := runCLI(t, "diff", widgetsOld, widgetsOld); code != 0 || !strings.HasSuffix(stdout, "0 changes, 0 breaking\n") {
		t.Errorf("a model against itself: exit %d, %q", code, stdout)
	}
	// only additions: compatible
	eks := "../../../models/eks-auth/service-2.json"
	if code, stdout, stderr := runCLI(t, "diff", eks, eks); code != 0 {
		t.Errorf("exit %d: %s %s", code, stdout, stderr)
	}
	for _, args := range [][]string{{"diff"}, {"diff", widgetsOld}, {"diff", "-git", "HEAD"}, {"diff", "-nope", widgetsOld, widgetsNew}} {
		if code, _, _ := runCLI(t, args...); code != 2 {
			t.Errorf("%q: exit %d, want 2", args, code)
		}
	}
	if code, _, stderr := runCLI(t, "diff", widgetsOld, "does-not-exist.json"); code != 1 || !strings.Contains(stderr, "new model") {
		t.Errorf("missing new model: exit %d, stderr %q", code, stderr)
	}
}

func TestDiffJSON(t *testing.T) {
	code, stdout, _ := runCLI(t, "diff", "-json", widgetsOld, widgetsNew)
	if code != 1 {
		t.Fatalf("exit %d", code)
	}
	var r struct {
		Changes []struct {
			Kind     string
			Breaking bool
			Subject  string
			Old, New *struct {
				File      string
				Line, Col int
			}
			Go []string
		}
	}
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatalf("%v: %s", err, stdout)
	}
	found := false
	for _, c := range r.Changes {
		if c.Kind == "enum-value-removed" && c.Subject == "Color" {
			found = c.Breaking && c.Old != nil && c.Old.Line == 42 && c.New != nil && len(c.Go) == 1 && c.Go[0] == "types.ColorBlue"
		}
	}
	if !found {
		t.Errorf("no enum-value-removed of Color with positions and Go name in:\n%s", stdout)
	}
}

// TestDiffGit: -git REV PATH compares PATH at REV with the working tree's PATH,
// companions included.
func TestDiffGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	dir := t.TempDir()
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=t", "-c", "user.email=t@example.com"}, args...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v: %s", args, err, out)
		}
	}
	copyModel := func(from string) {
		for _, name := range []string{"service-2.json", "paginators-1.json", "waiters-2.json"} {
			data, err := os.ReadFile(filepath.Join(filepath.Dir(from), name))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.MkdirAll(filepath.Join(dir, "models"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "models", name), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	git("init", "-q")
	copyModel(widgetsOld)
	git("add", ".")
	git("commit", "-qm", "old")
	copyModel(widgetsNew)
	path := filepath.Join(dir, "models", "service-2.json")
	code, stdout, stderr := runCLI(t, "diff", "-git", "HEAD", path)
	if code != 1 {
		t.Fatalf("exit %d; stderr %q", code, stderr)
	}
	for _, want := range []string{"HEAD:" + path + ":21:5 -> (removed): BREAKING operation-removed: DeleteWidget", "waiter-removed: WidgetExists", "paginator-changed: ListWidgets"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("no %q in:\n%s", want, stdout)
		}
	}
	if code, _, stderr := runCLI(t, "diff", "-git", "no-such-rev", path); code != 1 || !strings.Contains(stderr, "git show") {
		t.Errorf("bad revision: exit %d, stderr %q", code, stderr)
	}
}

// TestGenerateLock: without svcgen.lock generate writes none; -update-lock writes it;
// a later run keeps the locked API, says so on stderr, and records what the model added.
func TestGenerateLock(t *testing.T) {
	out := t.TempDir()
	gen := func(model string, extra ...string) (int, string, string) {
		return runCLI(t, append([]string{"generate", "-model", model, "-out", out, "-import-path", "example.com/w"}, extra...)...)
	}
	lockPath := filepath.Join(out, "svcgen.lock")
	if code, _, stderr := gen(widgetsOld); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(lockPath); !os.IsNotExist(err) {
		t.Fatalf("generate without -update-lock wrote %s (%v)", lockPath, err)
	}
	if code, _, stderr := gen(widgetsOld, "-update-lock"); code != 0 || stderr != "" {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	locked, err := os.ReadFile(lockPath)
	if err != nil {
		t.Fatal(err)
	}
	widgetsLock := "../../diff/testdata/widgets-lock/service-2.json"
	code, _, stderr := gen(widgetsLock)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		lockPath + ": types.Widget.Name: keeps string though the member is now optional",
		lockPath + `: types.ColorBlue: keeps the constant of the removed value "BLUE", deprecated`,
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr has no %q:\n%s", want, stderr)
		}
	}
	types, err := os.ReadFile(filepath.Join(out, "types", "types.go"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(types), "\tName  string\n") || !strings.Contains(string(types), "// Deprecated: the model no longer has the member size") {
		t.Errorf("types.go does not keep Widget's API:\n%s", types)
	}
	after, _ := os.ReadFile(lockPath)
	if !strings.Contains(string(after), "field CreateWidgetInput owner Owner *string") || len(after) <= len(locked) {
		t.Errorf("the lock does not record the added member:\n%s", after)
	}
	// -update-lock accepts the model's API: Name becomes *string, the retired go
	if code, _, stderr := gen(widgetsLock, "-update-lock"); code != 0 || stderr != "" {
		t.Fatalf("exit %d: %q", code, stderr)
	}
	types, _ = os.ReadFile(filepath.Join(out, "types", "types.go"))
	if strings.Contains(string(types), "Deprecated") || !strings.Contains(string(types), "\tName  *string\n") {
		t.Errorf("after -update-lock types.go still keeps the old API:\n%s", types)
	}
	if code, _, stderr := gen(widgetsLock); code != 0 || stderr != "" {
		t.Errorf("a run after -update-lock: exit %d, stderr %q; want no decisions", code, stderr)
	}
	// a lock of another package is an error, not silently replaced
	if code, _, stderr := gen(widgetsLock, "-package", "gadgets"); code != 1 || !strings.Contains(stderr, "is the lock of package widgets, not of gadgets") {
		t.Errorf("lock of another package: exit %d, stderr %q", code, stderr)
	}
	// a broken lock is an error that names the line
	if err := os.WriteFile(lockPath, []byte("package widgets\nfield x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := gen(widgetsLock); code != 1 || !strings.Contains(stderr, "svcgen.lock:2:") {
		t.Errorf("broken lock: exit %d, stderr %q", code, stderr)
	}
}
