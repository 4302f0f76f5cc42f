package backtrack_test

import (
	"strings"
	"testing"

	"github.com/svcgen/svcgen/runtime/validate"
	"github.com/svcgen/svcgen/runtime/validate/backtrack"
)

// TestPattern: a pattern with a lookahead (as the generator rewrites ^(?!aws:)...) is
// checked through a validate.Checker, with the model's source in the message.
func TestPattern(t *testing.T) {
	rule := &validate.StringRule{MinLen: -1, MaxLen: -1, Pattern: backtrack.Pattern(`^(?!aws:)[a-z:]+$`, `^(?!aws\x{3A})[a-z\x{3A}]+(?=\z)`)}
	for v, ok := range map[string]bool{"abc": true, "aws:x": false, "awsx:": true, "": false, "A": false} {
		c := validate.Checker{Full: true}
		c.String("key", v, rule)
		err := c.Err("T")
		if (err == nil) != ok {
			t.Errorf("%q: %v", v, err)
		}
		if err != nil && !strings.Contains(err.Error(), "/key: value") || err != nil && !strings.Contains(err.Error(), `^(?!aws:)[a-z:]+$`) {
			t.Errorf("%q: message %v", v, err)
		}
	}
	if err := rule.Pattern.Compile(); err != nil {
		t.Fatal(err)
	}
	bad := backtrack.Pattern("(", "(")
	if err := bad.Compile(); err == nil || bad.MatchString("x") {
		t.Errorf("a pattern that does not compile: %v", err)
	}
}

// TestTimeout: a value that makes the engine backtrack without end is refused, not
// waited on.
func TestTimeout(t *testing.T) {
	p := backtrack.Pattern(`^(a+)+$`, `^(a+)+\z`)
	if p.MatchString(strings.Repeat("a", 40) + "b") {
		t.Error("matched")
	}
}
