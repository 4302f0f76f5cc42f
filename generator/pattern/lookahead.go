package pattern

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"strconv"
)

// A length lookahead opens the pattern and bounds the whole value's length, as in
// ^(?=.{20,2048}$)arn:aws..., or is the whole pattern, as in ^.{1,100000}$. RE2 has
// no lookahead, and its repeat counts stop at 1000; both forms become a length check
// and an RE2 expression (see lengthAhead).
var (
	lookaheadOpen = regexp.MustCompile(`^(\^|\\A)\(\?=\.(\{([0-9]+)(,([0-9]*))?\}|\*|\+)\$\)`)
	lengthOnly    = regexp.MustCompile(`^(\^|\\A)\.(\{([0-9]+)(,([0-9]*))?\}|\*|\+)\$$`)
)

// lineTerminators are the characters Java's . does not match and its $ may stand
// before (with \r\n, one terminator of two characters).
const (
	notLineTerminator = `[^\n\r\x{85}\x{2028}\x{2029}]`
	lineTerminator    = `(?:\r\n|[\n\r\x{85}\x{2028}\x{2029}])`
)

// lengthAhead rewrites a pattern that opens with ^(?=.{m,n}$) (or is ^.{m,n}$),
// followed by a rest R that RE2 reads (exactly, without a length check of its own),
// that has one top-level branch, and that cannot match a line terminator. In Java,
// .{m,n}$ from the start says: the value is m to n characters other than line
// terminators (code points, so runes), then at most one line terminator. R then
// matches a prefix of the value. So the value matches if and only if
//   - its length in runes, not counting one final line terminator, is in [m, n]
//     (Result.Length with TrimEOL), and
//   - it matches (?:R')[^terminators]*(?:terminator)?\z, R' being R's RE2 rewrite:
//     R cannot match a line terminator, so R's match lies in the part before any, and
//     the rest of the value is what the lookahead allows after it.
func lengthAhead(p string) (Result, bool) {
	m := lookaheadOpen.FindStringSubmatch(p)
	rest := ""
	if m != nil {
		rest = p[len(m[0]):]
	} else if m = lengthOnly.FindStringSubmatch(p); m == nil {
		return Result{}, false
	}
	lo, hi := 0, -1
	switch m[2] {
	case "*":
	case "+":
		lo = 1
	default:
		var err error
		if lo, err = strconv.Atoi(m[3]); err != nil {
			return Result{}, false
		}
		hi = lo
		if m[4] != "" { // {m,} or {m,n}
			hi = -1
			if m[5] != "" {
				if hi, err = strconv.Atoi(m[5]); err != nil || hi < lo {
					return Result{}, false
				}
			}
		}
	}
	anchored := m[1] + rest
	sub := classifyRE2(anchored)
	if sub.Kind != Native && sub.Kind != Translated || sub.Length != nil {
		return Result{}, false
	}
	if root, ps := parse(anchored); ps.javaErr != "" || len(root.subs) != 1 {
		return Result{}, false
	}
	re, err := syntax.Parse(sub.Go, syntax.Perl)
	if err != nil || matchesLineTerminator(re) {
		return Result{}, false
	}
	bound := m[0][len(m[1]):]
	if rest == "" {
		bound = bound[:len(bound)-1] // ^.{m,n}$: the quantified dot and $
	}
	reason := fmt.Sprintf("%s written as a length check in runes that does not count one final line terminator (Java's $), and the rest of the value as [^line terminators]* and at most one line terminator", bound)
	if sub.Reason != "" {
		reason = sub.Reason + "; " + reason
	}
	return Result{
		Source:  p,
		Kind:    Translated,
		Go:      "(?:" + sub.Go + ")" + notLineTerminator + "*" + lineTerminator + `?\z`,
		Length:  &struct{ Min, Max int }{lo, hi},
		TrimEOL: true,
		Reason:  reason,
	}, true
}

// matchesLineTerminator reports whether any character that re can match is a line
// terminator. Anchors and empty-width assertions match none.
func matchesLineTerminator(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return true
	case syntax.OpLiteral:
		for _, r := range re.Rune {
			if isLineTerminator(r) {
				return true
			}
		}
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for _, t := range []rune{'\n', '\r', 0x85, 0x2028, 0x2029} {
				if re.Rune[i] <= t && t <= re.Rune[i+1] {
					return true
				}
			}
		}
	}
	for _, s := range re.Sub {
		if matchesLineTerminator(s) {
			return true
		}
	}
	return false
}

func isLineTerminator(r rune) bool {
	return r == '\n' || r == '\r' || r == 0x85 || r == 0x2028 || r == 0x2029
}
