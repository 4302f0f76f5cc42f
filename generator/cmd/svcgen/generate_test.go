package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestGenerateReportsAndKeepsUnchanged: generate prints how many files it wrote, and a
// second run over the same model changes no file, not even its modification time.
func TestGenerateReportsAndKeepsUnchanged(t *testing.T) {
	out := t.TempDir()
	args := []string{"generate", "-model", "../../../models/eks-auth/service-2.json", "-out", out, "-import-path", "example.com/eksauth"}
	code, stdout, stderr := runCLI(t, args...)
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	first := regexp.MustCompile(`^svcgen: .+: (\d+) files: (\d+) changed, 0 unchanged\n$`).FindStringSubmatch(stdout)
	if first == nil || first[1] != first[2] || first[1] == "0" {
		t.Fatalf("first run printed %q; want every file reported changed", stdout)
	}
	doc := filepath.Join(out, "doc.go")
	old := time.Now().Add(-time.Hour).Truncate(time.Second)
	if err := os.Chtimes(doc, old, old); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr = runCLI(t, args...)
	if code != 0 {
		t.Fatalf("second run: exit %d, stderr %q", code, stderr)
	}
	if want := "files: 0 changed, " + first[1] + " unchanged\n"; !strings.HasSuffix(stdout, want) {
		t.Errorf("second run printed %q; want it to end in %q", stdout, want)
	}
	if st, err := os.Stat(doc); err != nil || !st.ModTime().Equal(old) {
		t.Errorf("doc.go was rewritten by a run that changed nothing (%v)", err)
	}
}

func TestGenerateUsageAndMissingModel(t *testing.T) {
	t.Run("usage names every flag", func(t *testing.T) {
		_, stdout, _ := runCLI(t, "-h")
		for _, flag := range []string{"-model", "-out", "-import-path", "-package", "-client-only", "-server-only", "-operations", "-tests"} {
			if !strings.Contains(stdout, "svcgen generate") || !strings.Contains(stdout, flag) {
				t.Errorf("usage does not show generate's %s:\n%s", flag, stdout)
			}
		}
	})
	t.Run("missing model file", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "nope.json")
		code, _, stderr := runCLI(t, "generate", "-model", path, "-out", t.TempDir())
		if code != 1 || !strings.Contains(stderr, "reading the model: stat "+path+": no such file") || strings.Contains(stderr, "has errors") {
			t.Errorf("exit %d, stderr %q; want exit 1 saying the file is missing", code, stderr)
		}
	})
}
