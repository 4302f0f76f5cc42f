package validate_test

import (
	"testing"

	"github.com/svcgen/svcgen/internal/linktest"
)

// TestPatternsLinkedWhenUsed: patterns are static data, so a program links a
// pattern's engine (regexp2's matcher, Go's regexp) only when it checks a rule that
// uses the pattern, not because the rule is declared.
func TestPatternsLinkedWhenUsed(t *testing.T) {
	engines := []string{"github.com/dlclark/regexp2/v2.Compile", "regexp.compile"}
	for _, c := range []struct {
		dir  string
		want bool
	}{{"unused", false}, {"used", true}} {
		syms := linktest.Symbols(t, "./testdata/link/"+c.dir)
		for _, sym := range engines {
			if got := syms[sym]; got != c.want {
				t.Errorf("%s: links %s: %v, want %v", c.dir, sym, got, c.want)
			}
		}
	}
}
