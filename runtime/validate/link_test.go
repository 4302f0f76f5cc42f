package validate_test

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestPatternsLinkedWhenUsed: patterns are static data, so a program links a
// pattern's engine (regexp2's matcher, Go's regexp) only when it checks a rule that
// uses the pattern, not because the rule is declared.
func TestPatternsLinkedWhenUsed(t *testing.T) {
	if testing.Short() {
		t.Skip("builds two programs")
	}
	engines := []string{"github.com/dlclark/regexp2/v2.Compile", "regexp.compile"}
	for _, c := range []struct {
		dir  string
		want bool
	}{{"unused", false}, {"used", true}} {
		bin := filepath.Join(t.TempDir(), c.dir)
		if out, err := exec.Command("go", "build", "-o", bin, "./testdata/link/"+c.dir).CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", c.dir, err, out)
		}
		out, err := exec.Command("go", "tool", "nm", bin).Output()
		if err != nil {
			t.Fatal(err)
		}
		for _, sym := range engines {
			if got := strings.Contains(string(out), " "+sym+"\n"); got != c.want {
				t.Errorf("%s: links %s: %v, want %v", c.dir, sym, got, c.want)
			}
		}
	}
}
