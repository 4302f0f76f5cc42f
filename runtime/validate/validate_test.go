package validate_test

import (
	"strings"
	"testing"

	"github.com/svcgen/svcgen/runtime/validate"
)

func TestPaths(t *testing.T) {
	c := validate.Checker{Full: true}
	rule := &validate.StringRule{MinLen: 2, MaxLen: -1}
	c.Enter("Items")
	c.EnterIndex(3)
	c.String("Name", "x", rule)
	c.Leave()
	c.Leave()
	c.Enter("Tags")
	c.EnterKey(`a"b`)
	c.String("", "x", rule)
	c.Leave()
	c.EnterKey("a/b~c")
	c.String("", "x", rule)
	c.Leave()
	c.EnterSensitiveKey()
	c.Key("secret-key", &validate.StringRule{MinLen: -1, MaxLen: 3, Sensitive: true})
	c.Leave()
	c.Leave()
	c.Missing("Id")
	err := c.Err("T")
	// JSON pointers: "~" and "/" in a key are escaped (RFC 6901)
	want := `invalid T: 5 violations: /Items/3/Name: length 1 is less than the minimum 2; /Tags/a"b: length 1 is less than the minimum 2; /Tags/a~1b~0c: length 1 is less than the minimum 2; /Tags/(sensitive): key: length 10 is greater than the maximum 3; /Id: required member is missing`
	if err == nil || err.Error() != want {
		t.Errorf("Err() = %v\nwant %s", err, want)
	}
}

func TestRunes(t *testing.T) {
	rule := &validate.StringRule{MinLen: 1, MaxLen: 3}
	for v, ok := range map[string]bool{"": false, "é": true, "ééé": true, "éééé": false, "日本語": true} {
		c := validate.Checker{Full: true}
		c.String("S", v, rule)
		if (c.Err("T") == nil) != ok {
			t.Errorf("%q: %v", v, c.Err("T"))
		}
	}
}

func TestClientPolicy(t *testing.T) {
	var c validate.Checker // the client's policy: only required members and labels
	c.String("S", "", &validate.StringRule{MinLen: 5, MaxLen: -1})
	c.Int("N", 0, &validate.RangeRule{HasMin: true, Min: 1})
	c.Float("F", 9, &validate.RangeRule{HasMax: true, Max: 1})
	c.Len("L", 0, &validate.LengthRule{MinLen: 1, MaxLen: -1})
	c.Key("k", &validate.StringRule{MinLen: 5, MaxLen: -1})
	if err := c.Err("T"); err != nil {
		t.Errorf("client policy checked a constraint: %v", err)
	}
	c.Label("Name", "")
	c.Missing("Id")
	if err := c.Err("T"); err == nil || !strings.Contains(err.Error(), "/Name: URI label must not be empty; /Id: required member is missing") {
		t.Errorf("Err() = %v", err)
	}
}

func TestLongValueCutAtRune(t *testing.T) {
	c := validate.Checker{Full: true}
	v := "a" + strings.Repeat("é", 40) // 81 bytes: the cut at 64 falls inside a rune
	c.String("S", v, &validate.StringRule{MinLen: -1, MaxLen: 3})
	c.String("S", v, &validate.StringRule{MinLen: -1, MaxLen: -1, Enum: []string{"x"}})
	msg := c.Err("T").Error()
	if strings.Contains(msg, `\x`) || !strings.Contains(msg, "…") {
		t.Errorf("message = %s", msg)
	}
}

// TestDeepPaths: paths deeper than the inline buffer keep every segment, and leaving
// and entering again past the buffer's end overwrites what was left.
func TestDeepPaths(t *testing.T) {
	c := validate.Checker{}
	for i := range 12 {
		c.Enter("L" + string(rune('a'+i)))
	}
	c.Missing("Deep")
	c.Leave()
	c.Leave()
	c.EnterIndex(7)
	c.EnterKey("k")
	c.Missing("Again")
	err := c.Err("T")
	want := `invalid T: 2 violations: /La/Lb/Lc/Ld/Le/Lf/Lg/Lh/Li/Lj/Lk/Ll/Deep: required member is missing; /La/Lb/Lc/Ld/Le/Lf/Lg/Lh/Li/Lj/7/k/Again: required member is missing`
	if err == nil || err.Error() != want {
		t.Errorf("Err() = %v\nwant %s", err, want)
	}
	if n := testing.AllocsPerRun(100, func() {
		var c validate.Checker
		for range 8 {
			c.Enter("x")
		}
		for range 8 {
			c.Leave()
		}
	}); n != 0 {
		t.Errorf("walking 8 deep: %v allocs, want 0", n)
	}
}

func TestMerge(t *testing.T) {
	c := validate.Checker{Full: true}
	c.String("Code", "", &validate.StringRule{MinLen: 1, MaxLen: -1})
	c.Int("Count", 5, &validate.RangeRule{HasMax: true, Max: 3})
	err := validate.Merge("PutInput", []string{"/Code", "/Tags/0/Value"}, c.Err("PutInput"))
	want := "invalid PutInput: 3 violations: /Code: required member is missing; /Tags/0/Value: required member is missing; /Count: value 5 is greater than the maximum 3"
	if err == nil || err.Error() != want {
		t.Errorf("Merge = %v\nwant %s", err, want)
	}
	if err := validate.Merge("PutInput", []string{"/Note"}, nil); err == nil || err.Error() != "invalid PutInput: 1 violation: /Note: required member is missing" {
		t.Errorf("Merge of nil = %v", err)
	}
	if err := validate.Merge("PutInput", nil, nil); err != nil {
		t.Errorf("Merge of nothing = %v", err)
	}
}

func TestHostLabel(t *testing.T) {
	for v, ok := range map[string]bool{"acct-1": true, "a.b": true, "123": true, "": false, "a/b": false, "a b": false, "a:1": false, "é": false} {
		var c validate.Checker
		if got := c.HostLabel("Account", v); got != ok || (c.Err("X") == nil) != ok {
			t.Errorf("HostLabel(%q) = %v with %v, want %v", v, got, c.Err("X"), ok)
		}
	}
}

// patternLiteral is declared the way generated validators declare patterns: static
// data, no code at init.
var patternLiteral = validate.Pattern{Source: `[0-9]{3}`, Expr: `[0-9]{3}`, Engine: validate.RE2, MinLen: -1, MaxLen: 4}

// TestPatternLiteral: a Pattern declared as a literal compiles with its Engine on first
// use and checks the length; one without an engine matches nothing and says why.
func TestPatternLiteral(t *testing.T) {
	for v, ok := range map[string]bool{"123": true, "a1234": false, "1234": true, "12": false, "12345": false} {
		if got := patternLiteral.MatchString(v); got != ok {
			t.Errorf("%q: %v", v, got)
		}
	}
	if err := patternLiteral.Compile(); err != nil {
		t.Fatal(err)
	}
	bad := validate.Pattern{Source: "x", Expr: "x", MinLen: -1, MaxLen: -1}
	if err := bad.Compile(); err == nil || bad.MatchString("x") {
		t.Errorf("no engine: %v", err)
	}
	broken := validate.Pattern{Source: "(", Expr: "(", Engine: validate.RE2, MinLen: -1, MaxLen: -1}
	if err := broken.Compile(); err == nil || broken.MatchString("(") {
		t.Errorf("does not compile: %v", err)
	}
}

// TestPatternTrimEOL: with TrimEOL the length check does not count one line terminator
// at the end of the value (\r\n counting as one), and counts every other character,
// another terminator included.
func TestPatternTrimEOL(t *testing.T) {
	p := validate.Pattern{Source: `^(?=.{2,3}$)`, Expr: `.*`, Engine: validate.RE2, MinLen: 2, MaxLen: 3, TrimEOL: true}
	plain := validate.Pattern{Source: `.{2,3}`, Expr: `.*`, Engine: validate.RE2, MinLen: 2, MaxLen: 3}
	for v, want := range map[string][2]bool{
		"ab":        {true, true},
		"abc":       {true, true},
		"abc\n":     {true, false},
		"abc\r\n":   {true, false},
		"abc\r":     {true, false},
		"abc\u0085": {true, false},
		"abc\u2028": {true, false},
		"abc\u2029": {true, false},
		"ab\n\n":    {true, false},
		"abc\n\n":   {false, false},
		"a\n":       {false, true},
		"abcd":      {false, false},
		"é😀\n":      {true, true},
		"\r\n":      {false, true},
		"a\xff":     {true, true},
	} {
		if got := p.MatchString(v); got != want[0] {
			t.Errorf("TrimEOL %q: %v, want %v", v, got, want[0])
		}
		if got := plain.MatchString(v); got != want[1] {
			t.Errorf("plain %q: %v, want %v", v, got, want[1])
		}
	}
}
