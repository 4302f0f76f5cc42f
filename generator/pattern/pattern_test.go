package pattern

import (
	"archive/tar"
	"compress/gzip"
	"encoding/json"
	"errors"
	"github.com/dlclark/regexp2/v2"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/svcgen/svcgen/runtime/validate"
)

type length = struct{ Min, Max int }

// classifyCase: match and noMatch hold values on which Java's
// Pattern.compile(pattern).matcher(v).find() is true / false, worked out by
// hand from java.util.regex's rules; the test checks the RE2 result (and the
// Length check) gives the same answers.
type classifyCase struct {
	name    string
	pattern string
	kind    Kind
	goRE    string  // expected Go pattern ("" for Unsupported)
	length  *length // expected Length
	trimEOL bool    // expected TrimEOL
	reason  string  // substring of Reason (Translated, Unsupported)
	match   []string
	noMatch []string
}

const (
	dollar         = `(?:\r\n|[\n\r\x{85}\x{2028}\x{2029}])?\z`
	notTerminators = `[^\n\r\x{85}\x{2028}\x{2029}]*`
)

var classifyCases = []classifyCase{
	// Native: RE2 reads the text exactly as Java does.
	{name: "plain", pattern: `[a-z]+-[0-9]{1,3}`, kind: Native, goRE: `[a-z]+-[0-9]{1,3}`,
		match: []string{"ab-12", "x-1y"}, noMatch: []string{"ab-", "AB-1"}},
	{name: "unicode categories", pattern: `\p{L}+\p{Nd}`, kind: Native, goRE: `\p{L}+\p{Nd}`,
		match: []string{"é٣"}, noMatch: []string{"é", "12"}},
	{name: "named group", pattern: `(?<year>\d{4})-\d{2}`, kind: Native, goRE: `(?<year>\d{4})-\d{2}`,
		match: []string{"2024-01"}, noMatch: []string{"24-01"}},
	{name: "word boundary between ASCII", pattern: `arn:\b(aws|aws-cn)\b:`, kind: Native, goRE: `arn:\b(aws|aws-cn)\b:`,
		match: []string{"arn:aws:", "arn:aws-cn:"}, noMatch: []string{"arn:awsx:"}},
	{name: "negated newline", pattern: `[^\n]`, kind: Native, goRE: `[^\n]`,
		match: []string{"a", "\r"}, noMatch: []string{"\n", ""}},
	{name: "Other includes unassigned", pattern: `\p{C}`, kind: Native, goRE: `\p{C}`,
		match: []string{"\u0378", "\x00"}, noMatch: []string{"a"}},
	{name: "hex escape", pattern: `\x{1F600}`, kind: Native, goRE: `\x{1F600}`,
		match: []string{"😀"}, noMatch: []string{"x"}},

	// $ and \Z: end of input or before a final line terminator.
	{name: "dollar", pattern: `^abc$`, kind: Translated, goRE: `^abc` + dollar, reason: "final line terminator",
		match:   []string{"abc", "abc\n", "abc\r\n", "abc\r", "abc\u0085", "abc\u2028", "abc\u2029"},
		noMatch: []string{"abc\n\n", "abcd", "abc\nx", "abc\n\r", "xabc"}},
	{name: "backslash Z", pattern: `^abc\Z`, kind: Translated, goRE: `^abc` + dollar,
		match: []string{"abc", "abc\r\n"}, noMatch: []string{"abc\n\n"}},
	{name: "dollar after a class with CR", pattern: `^[a\r]$`, kind: Translated,
		goRE:    `^(?:a(?:\r\n|[\n\r\x{85}\x{2028}\x{2029}])?|\r(?:\r\n|[\r\x{85}\x{2028}\x{2029}])?)\z`,
		reason:  `not between \r and \n`,
		match:   []string{"a", "\r", "a\n", "a\r\n", "\r\r\n", "\r\r"},
		noMatch: []string{"\r\n", "b"}},
	{name: "dollar after CR only", pattern: `^.*\r$`, kind: Translated, goRE: `^[^\n\r\x{85}\x{2028}\x{2029}]*(?:\r(?:\r\n|[\r\x{85}\x{2028}\x{2029}])?)\z`,
		match: []string{"ab\r", "\r\r"}, noMatch: []string{"ab\r\n", "ab"}},
	{name: "dollar after an absorbing repeat", pattern: `^a[\s\S]*$`, kind: Translated, goRE: `^a[\s\S]*` + dollar,
		match: []string{"a", "a\r\n", "a\r"}, noMatch: []string{"b"}},
	{name: "dollar that can never hold", pattern: `a$b`, kind: Translated, goRE: `a[^\x00-\x{10FFFF}]b`,
		noMatch: []string{"ab", "a\nb", "a\n", "a"}},
	{name: "dollar-only branch", pattern: `$|^x`, kind: Translated, goRE: dollar + `|^x`,
		match: []string{"", "anything", "a\n"}},

	// Dot and whitespace escapes.
	{name: "dot", pattern: `^a.c`, kind: Translated, goRE: `^a[^\n\r\x{85}\x{2028}\x{2029}]c`, reason: "Java's . also excludes",
		match: []string{"abc", "a\tc"}, noMatch: []string{"a\nc", "a\rc", "a\u0085c", "a\u2028c", "a\u2029c"}},
	{name: "dotall", pattern: `(?s)^.\z`, kind: Translated, goRE: `^(?s:.)\z`,
		match: []string{"\n", "\r", "x"}, noMatch: []string{"", "xy"}},
	{name: "space class", pattern: `^\s+\z`, kind: Translated, goRE: `^[[:space:]]+\z`, reason: `\x0B`,
		match: []string{" \t\x0b\f\r\n"}, noMatch: []string{"\u00a0", ""}},
	{name: "non-space class", pattern: `^\S+\z`, kind: Translated, goRE: `^[^[:space:]]+\z`,
		match: []string{"é"}, noMatch: []string{"a\x0bb"}},
	{name: "vertical whitespace", pattern: `^\v\z`, kind: Translated, goRE: `^[\n-\r\x{85}\x{2028}\x{2029}]\z`, reason: "vertical whitespace",
		match: []string{"\n", "\x0b", "\f", "\r", "\u2028", "\u2029", "\u0085"}, noMatch: []string{"\t", " "}},
	{name: "horizontal whitespace", pattern: `^\h\z`, kind: Translated, goRE: `^[\t\x{20}\x{A0}\x{1680}\x{180E}\x{2000}-\x{200A}\x{202F}\x{205F}\x{3000}]\z`,
		match: []string{"\t", " ", "\u180e", "\u3000", "\u00a0", "\u2000"}, noMatch: []string{"\n", "\u200b"}},

	// \u escapes.
	{name: "u escape range", pattern: `[\u0020-\u007E]+`, kind: Translated, goRE: `[\x{20}-~]+`, reason: `\uXXXX`,
		match: []string{"a", "~"}, noMatch: []string{"\t\n", "é"}},
	{name: "surrogate pair range", pattern: `^[\uD800\uDC00-\uDBFF\uDFFF]+\z`, kind: Translated, goRE: `^[\x{10000}-\x{10FFFF}]+\z`,
		match: []string{"😀", "\U0010FFFF"}, noMatch: []string{"a", "\uFFFD"}},
	{name: "u takes four digits", pattern: `^[\u10000]+\z`, kind: Translated, goRE: `^[\x{1000}0]+\z`, reason: "exactly four hex digits",
		match: []string{"0", "\u1000", "0\u1000"}, noMatch: []string{"\U00010000", "1"}},
	{name: "octal control escape", pattern: `\0101\cA\e`, kind: Translated, goRE: `A\x{1}\x{1B}`,
		match: []string{"A\x01\x1b"}, noMatch: []string{"A"}},
	{name: "quoting", pattern: `\Q.*\E`, kind: Translated, goRE: `\.\*`,
		match: []string{"x.*y"}, noMatch: []string{"ab", "."}},

	// Java's POSIX classes are US-ASCII.
	{name: "Print", pattern: `^\p{Print}+\z`, kind: Translated, goRE: `^[[:print:]]+\z`, reason: `\p{Print}`,
		match: []string{"a b~"}, noMatch: []string{"é", "a\tb"}},
	{name: "POSIX spliced into a class", pattern: `^[\p{Alnum}_-]+\z`, kind: Translated, goRE: `^[[:alnum:]_\-]+\z`,
		match: []string{"a_-Z9"}, noMatch: []string{"é", "a.b"}},
	{name: "negated class with POSIX", pattern: `^[^\p{Punct}]+\z`, kind: Translated, goRE: `^[^[:punct:]]+\z`,
		match: []string{"abc é"}, noMatch: []string{"a!b", "a_b"}},
	{name: "complement property", pattern: `^\P{Alpha}+\z`, kind: Translated, goRE: `^[[:^alpha:]]+\z`,
		match: []string{"12é"}, noMatch: []string{"a"}},
	{name: "Upper Digit", pattern: `^[\p{Upper}\p{Digit}_]+\z`, kind: Translated, goRE: `^[[:upper:][:digit:]_]+\z`,
		match: []string{"AB_9"}, noMatch: []string{"Ab", "Ä"}},
	{name: "Unicode White_Space", pattern: `\p{IsWhitespace}`, kind: Translated, goRE: `[\p{Z}\t-\r\x{85}]`,
		match:   []string{"\u3000", "\u0085", "\u00a0", "\x0b", "\u2028", "\u1680"},
		noMatch: []string{"a", "\u200b", "\u180e", "\x1c"}},
	{name: "javaWhitespace", pattern: `\p{javaWhitespace}`, kind: Translated, goRE: `[\t-\r\x{1C}-\x{20}\x{1680}\x{2000}-\x{2006}\x{2008}-\x{200A}\x{2028}\x{2029}\x{205F}\x{3000}]`,
		match: []string{"\x1c", " ", "\u2028", "\t"}, noMatch: []string{"\u00a0", "\u0085", "\u2007", "\u202f"}},
	{name: "letter or digit", pattern: `^\p{LD}+\z`, kind: Translated, goRE: `^[\p{L}\p{Nd}]+\z`,
		match: []string{"é٣a"}, noMatch: []string{"_", "a-b", "Ⅻ"}},
	{name: "not other, not whitespace", pattern: `[^\p{C}\p{IsWhitespace}]`, kind: Translated, goRE: `[^\p{Z}\p{C}]`,
		match: []string{"a", "é"}, noMatch: []string{" \u3000\x00", "\u0378", "\u0085"}},

	// Class syntax RE2 reads differently.
	{name: "intersection", pattern: `^[a-z&&[^aeiou]]+\z`, kind: Translated, goRE: `^[b-df-hj-np-tv-z]+\z`,
		match: []string{"bcd"}, noMatch: []string{"bad"}},
	{name: "POSIX-looking nested class", pattern: `^[[:alpha:]]+\z`, kind: Translated, goRE: `^[:ahlp]+\z`,
		match: []string{"alpha:", "hp"}, noMatch: []string{"b"}},
	{name: "nested union", pattern: `^[a[0-9]]+\z`, kind: Translated, goRE: `^[0-9a]+\z`,
		match: []string{"a1"}, noMatch: []string{"b", "a]"}},
	{name: "intersection with a plain operand", pattern: `[a-z&&b]`, kind: Translated, goRE: `b`,
		match: []string{"b"}, noMatch: []string{"a", "&"}},
	{name: "negation covers nested classes", pattern: `^[^a[b]]+\z`, kind: Translated, goRE: `^[^ab]+\z`,
		match: []string{"c"}, noMatch: []string{"b", "a"}},
	{name: "word boundary that always holds", pattern: `\x{3000}\ba`, kind: Translated, goRE: `\x{3000}a`,
		match: []string{"\u3000a"}, noMatch: []string{"a"}},
	{name: "word boundary that never holds", pattern: `-\b\x{3000}`, kind: Translated, goRE: `-[^\x00-\x{10FFFF}]\x{3000}`,
		noMatch: []string{"-\u3000"}},
	{name: "dollar in an optional group before a letter", pattern: `(a$)?b`, kind: Translated, goRE: `(a[^\x00-\x{10FFFF}])?b`,
		match: []string{"b", "ab"}, noMatch: []string{"a", "a\n"}},
	{name: "big repeat with no maximum", pattern: `x{2000,}`, kind: Translated, goRE: `x{1000}x{1000}`,
		match: []string{strings.Repeat("x", 2000)}, noMatch: []string{strings.Repeat("x", 1999)}},
	{name: "script", pattern: `^\p{IsLatin}+\z`, kind: Translated, goRE: `^[\p{Latin}]+\z`,
		match: []string{"aé"}, noMatch: []string{"α"}},
	{name: "lazy quantifier", pattern: `a+?b`, kind: Native, goRE: `a+?b`,
		match: []string{"aab"}, noMatch: []string{"b"}},
	{name: "ASCII-only case folding", pattern: `(?i)all|[0-9]{12}`, kind: Translated, goRE: `[Aa][Ll][Ll]|[0-9]{12}`,
		match: []string{"ALL", "xaLl", "123456789012"}, noMatch: []string{"al"}},
	{name: "no Kelvin sign", pattern: `(?i)k`, kind: Translated, goRE: `[Kk]`,
		match: []string{"K", "k"}, noMatch: []string{"\u212a"}},

	// Possessive quantifiers.
	{name: "possessive fixed count", pattern: `\d{12}+`, kind: Translated, goRE: `\d{12}`, reason: "possessive",
		match: []string{"123456789012"}, noMatch: []string{"12345678901"}},
	{name: "possessive before end", pattern: `^[a-z]++\z`, kind: Translated, goRE: `^[a-z]+\z`,
		match: []string{"abc"}, noMatch: []string{"ab1"}},
	{name: "possessive before a disjoint character", pattern: `[0-9]++x`, kind: Translated, goRE: `[0-9]+x`,
		match: []string{"12x"}, noMatch: []string{"x", "12"}},

	// Repeat counts over 1000.
	{name: "length form", pattern: `^[a-z]{0,2048}\z`, kind: Translated, goRE: `^[a-z]*\z`, length: &length{0, 2048},
		match: []string{"", "abc", strings.Repeat("a", 2048)}, noMatch: []string{strings.Repeat("a", 2049), "A"}},
	{name: "length form any character", pattern: `\A[\S\s]{1,8192}\z`, kind: Translated, goRE: `\A[\S\s]+\z`, length: &length{1, 8192},
		match: []string{"x\n", strings.Repeat("é", 8192)}, noMatch: []string{"", strings.Repeat("x", 8193)}},
	{name: "big repeat before dollar", pattern: `^[!-~]{1,1024}$`, kind: Translated, goRE: `^[!-~]{1,1000}[!-~]{0,24}` + dollar,
		match:   []string{"!", strings.Repeat("!", 1024), strings.Repeat("!", 1024) + "\n"},
		noMatch: []string{"", strings.Repeat("!", 1025), strings.Repeat("!", 1024) + "\n\n"}},
	{name: "big repeat at the unanchored end", pattern: `x{1,5000}`, kind: Translated, goRE: `x`, reason: "only the minimum",
		match: []string{"x", "axb"}, noMatch: []string{"y"}},
	{name: "optional big repeat", pattern: `[a-z]{0,4096}`, kind: Translated, goRE: ``,
		match: []string{"", "ABC"}},
	{name: "optional tail with big repeat", pattern: `s3://[a-z]+/?((.{1,1024})/)?`, kind: Translated, goRE: `s3://[a-z]+/?`,
		match: []string{"s3://b", "s3://b/x/"}, noMatch: []string{"s3://"}},
	{name: "big repeat at the unanchored start", pattern: `[a-z]{1,3000}:\z`, kind: Translated, goRE: `[a-z]:\z`,
		match: []string{"a:", "xyz:"}, noMatch: []string{":", "a:b"}},
	{name: "any character up to dollar", pattern: `^[\s\S]{1,1500}$`, kind: Translated, goRE: `^[\s\S]{1,1000}[\s\S]{0,500}` + dollar,
		match: []string{"a", "a\r\n", strings.Repeat("x", 1500) + "\n"}, noMatch: []string{"", strings.Repeat("x", 1502)}},

	// A length lookahead: a length check that does not count a final line terminator,
	// and the rest in RE2.
	{name: "length lookahead", pattern: `^(?=.{1,5}$)a+`, kind: Translated, goRE: `(?:^a+)` + notTerminators + dollar, length: &length{1, 5}, trimEOL: true, reason: "length check",
		match:   []string{"a", "aaaaa", "aaaaa\n", "ab", "aa\r\n", "a\u2029", "a\u0085", "a😀😀😀😀", "aaaaa\r"},
		noMatch: []string{"aaaaaa", "", "a\n\n", "a\u2028b", "aaaaa\r\n\n", "b", "a😀😀😀😀😀", "\na", "a\r\r", "aaaaaa\n"}},
	{name: "length lookahead, big bounds", pattern: `\A(?=.{20,2048}$)arn:[a-z]+:\d{12}`, kind: Translated, goRE: `(?:\Aarn:[a-z]+:\d{12})` + notTerminators + dollar, length: &length{20, 2048}, trimEOL: true,
		match:   []string{"arn:aws:123456789012", "arn:aws:123456789012" + strings.Repeat("x", 2028), "arn:aws:123456789012" + strings.Repeat("x", 2028) + "\r\n"},
		noMatch: []string{"arn:aw:123456789012", "arn:aws:123456789012" + strings.Repeat("x", 2029), "xarn:aws:123456789012", "arn:aws:123456789012\nx"}},
	{name: "length lookahead, exact count", pattern: `^(?=.{3}$)[a-z]`, kind: Translated, goRE: `(?:^[a-z])` + notTerminators + dollar, length: &length{3, 3}, trimEOL: true,
		match: []string{"abc", "a12\n"}, noMatch: []string{"ab", "abcd", "1bc"}},
	{name: "length lookahead, no upper bound", pattern: `^(?=.{2,}$)x`, kind: Translated, goRE: `(?:^x)` + notTerminators + dollar, length: &length{2, -1}, trimEOL: true,
		match: []string{"xy", "x" + strings.Repeat("y", 5000)}, noMatch: []string{"x", "x\n", "yx"}},
	{name: "length lookahead, star", pattern: `^(?=.*$)x`, kind: Translated, goRE: `(?:^x)` + notTerminators + dollar, length: &length{0, -1}, trimEOL: true,
		match: []string{"x", "x\n"}, noMatch: []string{"x\ny", ""}},
	{name: "length only", pattern: `^.{1,100000}$`, kind: Translated, goRE: `(?:^)` + notTerminators + dollar, length: &length{1, 100000}, trimEOL: true,
		match: []string{"a", "a\n", "a\r\n", strings.Repeat("é", 100000) + "\u2028"}, noMatch: []string{"", "\n", "\r\n", "a\n\n", "a\rb", strings.Repeat("a", 100001)}},

	// Unsupported.
	{name: "negative lookahead", pattern: `(?!a)b`, kind: Backtracking, goRE: `(?!a)b`, reason: "lookahead (?! is not supported by RE2", match: []string{"b", "ab"}, noMatch: []string{"a", ""}},
	{name: "positive lookahead", pattern: `^(?=.{1,5})a+`, kind: Backtracking, reason: "lookahead (?= is not supported by RE2", match: []string{"a", "aaaaa", "ab"}, noMatch: []string{"", "\na", "b"}},
	{name: "length lookahead, rest may match a line terminator", pattern: `^(?=.{1,5}$)[a\n]+`, kind: Backtracking, reason: "lookahead (?=", match: []string{"a", "a\n"}, noMatch: []string{"a\nb", "aaaaaa"}},
	{name: "length lookahead before an alternation", pattern: `^(?=.{1,3}$)a|b`, kind: Backtracking, reason: "lookahead (?=", match: []string{"a", "bbbbb", "xb"}, noMatch: []string{"aaaa", "x"}},
	{name: "length lookahead not at the start", pattern: `(?=.{1,3}$)a`, kind: Backtracking, reason: "lookahead (?=", match: []string{"xxxxa", "a\n", "aaaa"}, noMatch: []string{"aaaa\n\n", "x"}},
	{name: "lookbehind", pattern: `[a-z]+(?<!-)`, kind: Backtracking, goRE: `[a-z]+(?<!\x{2D})`, reason: "lookbehind (?<! is not supported by RE2", match: []string{"a", "-a"}, noMatch: []string{"-", "A"}},
	{name: "atomic group", pattern: `(?>ab|a)c`, kind: Backtracking, goRE: `(?>ab|a)c`, reason: "atomic group", match: []string{"abc", "ac"}, noMatch: []string{"ab", "bc"}},
	{name: "backreference", pattern: `(a)\1`, kind: Backtracking, goRE: `(a)(?:\1)`, reason: "backreference", match: []string{"aa"}, noMatch: []string{"a", "ab"}},
	{name: "two-digit backreference", pattern: `(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)\10`, kind: Backtracking, reason: "backreference", match: []string{"abcdefghijj"}, noMatch: []string{"abcdefghija0", "abcdefghij"}},
	{name: "backreference and a digit", pattern: `(a)\12`, kind: Backtracking, goRE: `(a)(?:\1)2`, reason: "backreference", match: []string{"aa2"}, noMatch: []string{"aa", "a\n"}},
	{name: "too big for RE2", pattern: `^[a\n]{1,100000}$`, kind: Backtracking, reason: "too large to write out", match: []string{"a", "a\n", "a\n\n"}, noMatch: []string{"", "b", "a\r\n\n"}},
	{name: "possessive that gives nothing back", pattern: `[a-z]*+a`, kind: Backtracking, goRE: `[a-z]*+a`, reason: "possessive quantifier", noMatch: []string{"a", "Aa", "ba", "a-", "ab", ""}},
	{name: "word boundary next to anything", pattern: `\bfoo`, kind: Backtracking, reason: `\b word boundary`, match: []string{"foo", "a foo", "-foo"}, noMatch: []string{"afoo", "_foo", "1foo"}},
	{name: "end of previous match", pattern: `\Ga`, kind: Unsupported, reason: `\G`},
	{name: "linebreak matcher", pattern: `a\R`, kind: Unsupported, reason: `\R`},
	{name: "dollar before a possible terminator", pattern: "a$\n", kind: Backtracking, reason: "followed by more pattern", match: []string{"a\n"}, noMatch: []string{"a", "a\nb", "a\n\n"}},
	{name: "dollar after a CR in a group", pattern: `^(a|\r)$`, kind: Backtracking, reason: `may follow a \r`, match: []string{"a", "\r", "a\r\n", "\r\r"}, noMatch: []string{"\r\n", "b", "aa"}},
	{name: "unicode block", pattern: `\p{InGreek}`, kind: Unsupported, reason: "block"},
	{name: "multiline flag", pattern: `(?m)^a$`, kind: Unsupported, reason: "(?m)"},
	{name: "property under case folding", pattern: `(?i)\p{Lower}`, kind: Unsupported, reason: "(?i)"},
	{name: "Java rejects a brace", pattern: `^a{`, kind: Unsupported, reason: "Java rejects"},
	{name: "Java rejects an escape", pattern: `\i`, kind: Unsupported, reason: "Java rejects"},
	{name: "Java rejects a range", pattern: `[z-a]`, kind: Unsupported, reason: "Java rejects"},
	{name: "nested repeats over RE2's total", pattern: `(a{500}){3}`, kind: Backtracking, goRE: `(a{500}){3}`, reason: "Go's regexp rejects", match: []string{strings.Repeat("a", 1500)}, noMatch: []string{strings.Repeat("a", 1499)}},
	{name: "odd && operand", pattern: `[a-z&&[b]c]`, kind: Unsupported, reason: "&& operand"},
	{name: "Java rejects a dangling quantifier", pattern: `a+?+`, kind: Unsupported, reason: "dangling"},
	{name: "invalid UTF-8", pattern: "\xff", kind: Unsupported, reason: "UTF-8"},
}

func TestClassify(t *testing.T) {
	for _, tc := range classifyCases {
		t.Run(tc.name, func(t *testing.T) {
			r := Classify(tc.pattern)
			if r.Source != tc.pattern {
				t.Errorf("Source = %q", r.Source)
			}
			if r.Kind != tc.kind {
				t.Fatalf("Classify(%q) = %v (Go %q, reason %q), want %v", tc.pattern, r.Kind, r.Go, r.Reason, tc.kind)
			}
			if r.Go != tc.goRE && (tc.kind != Backtracking || tc.goRE != "") {
				t.Errorf("Go = %q, want %q", r.Go, tc.goRE)
			}
			if !strings.Contains(r.Reason, tc.reason) {
				t.Errorf("Reason = %q, want it to mention %q", r.Reason, tc.reason)
			}
			switch tc.kind {
			case Native:
				if r.Go != tc.pattern || r.Reason != "" {
					t.Errorf("native result: Go %q, Reason %q", r.Go, r.Reason)
				}
			case Unsupported:
				if r.Go != "" || r.Length != nil {
					t.Errorf("unsupported result has Go %q, Length %v", r.Go, r.Length)
				}
				return
			case Backtracking:
				re, err := regexp2.Compile(r.Go, regexp2.RE2)
				if err != nil {
					t.Fatalf("%q does not compile with regexp2: %v", r.Go, err)
				}
				for _, v := range tc.match {
					if ok, err := re.MatchString(v); !ok || err != nil {
						t.Errorf("%q: Java matches %q, the regexp2 result does not (%v)", r.Go, v, err)
					}
				}
				for _, v := range tc.noMatch {
					if ok, err := re.MatchString(v); ok || err != nil {
						t.Errorf("%q: Java does not match %q, the regexp2 result does (%v)", r.Go, v, err)
					}
				}
				return
			}
			if (r.Length == nil) != (tc.length == nil) || r.Length != nil && *r.Length != *tc.length {
				t.Errorf("Length = %v, want %v", r.Length, tc.length)
			}
			if r.TrimEOL != tc.trimEOL {
				t.Errorf("TrimEOL = %v, want %v", r.TrimEOL, tc.trimEOL)
			}
			if _, err := regexp.Compile(r.Go); err != nil {
				t.Fatalf("Go %q does not compile: %v", r.Go, err)
			}
			for _, v := range tc.match {
				if !accepts(r, v) {
					t.Errorf("%q: Java matches %q, the RE2 result does not", r.Go, v)
				}
			}
			for _, v := range tc.noMatch {
				if accepts(r, v) {
					t.Errorf("%q: Java does not match %q, the RE2 result does", r.Go, v)
				}
			}
		})
	}
}

// accepts is what a validator does with a Result: runtime/validate's Pattern, given
// what the generator declares for it.
func accepts(r Result, v string) bool {
	p := validate.Pattern{Source: r.Source, Expr: r.Go, Engine: validate.RE2, MinLen: -1, MaxLen: -1, TrimEOL: r.TrimEOL}
	if r.Length != nil {
		p.MinLen, p.MaxLen = r.Length.Min, r.Length.Max
	}
	return p.MatchString(v)
}

// TestPOSIXTable: each Java POSIX class is the RE2 ASCII class of its name.
func TestPOSIXTable(t *testing.T) {
	for _, name := range sortedKeys(posixNames) {
		p := posixNames[name]
		if !re2Means("[[:"+p.re2+":]]", p.set) {
			t.Errorf(`\p{%s} is not [[:%s:]]`, name, p.re2)
		}
	}
}

// TestWhiteSpace pins \p{IsWhite_Space} to the 25 code points of Unicode's
// White_Space property.
func TestWhiteSpace(t *testing.T) {
	want := normalize([]rrange{{0x09, 0x0d}, {0x20, 0x20}, {0x85, 0x85}, {0xa0, 0xa0}, {0x1680, 0x1680},
		{0x2000, 0x200a}, {0x2028, 0x2029}, {0x202f, 0x202f}, {0x205f, 0x205f}, {0x3000, 0x3000}})
	if got := whiteSpace(); !got.equal(want) {
		t.Errorf("White_Space = %v, want %v", got, want)
	}
	for _, name := range []string{"IsWhite_Space", "IsWhitespace", "IsWHITESPACE"} {
		p, unsupported, javaErr := javaPropertyName(name)
		if unsupported != "" || javaErr != "" || !p.set.equal(want) {
			t.Errorf(`\p{%s}: %v %q %q`, name, p.set, unsupported, javaErr)
		}
	}
}

func TestClassForIsExact(t *testing.T) {
	sets := []runeSet{
		nil, allRunes(), single('a'), single('-'), single(']'), setOf('\n', '\r', 0x85),
		cat("L").union(cat("Nd")), cat("C").union(cat("Z")).negate(), span('a', 'z').minus(setOf('a', 'e')),
		whiteSpace(), javaWhitespace().negate(), span(0xd800, 0xdfff), span(0, 0x10ffff).minus(single(0x10ffff)),
	}
	for _, s := range sets {
		text := classFor(s)
		if !re2Means(text, s) {
			t.Errorf("classFor(%v) = %q does not mean the set", s, text)
		}
	}
}

func TestKindString(t *testing.T) {
	for k, want := range map[Kind]string{Native: "native", Translated: "translated", Unsupported: "unsupported", 7: "Kind(7)"} {
		if got := k.String(); got != want {
			t.Errorf("%d.String() = %q", int(k), got)
		}
	}
}

func FuzzClassify(f *testing.F) {
	for _, tc := range classifyCases {
		f.Add(tc.pattern)
	}
	for _, s := range []string{`[\p{L}&&[^\p{Lu}]]`, `((a|b)*+c)`, `\Q(\E`, `[^[a]&&b]`, `(?i:[a-z]\x41)`, `a{2,1}`, `(?<n>x)(?<n>y)`, `[\x{110000}]`, `[a-\d]`, `\u00`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		r := Classify(p)
		if strings.HasPrefix(r.Reason, "internal error") {
			t.Fatalf("Classify(%q): %s", p, r.Reason)
		}
		if r.Source != p {
			t.Fatalf("Source %q != %q", r.Source, p)
		}
		switch r.Kind {
		case Native:
			if r.Go != p {
				t.Fatalf("native Go %q != source %q", r.Go, p)
			}
		case Translated:
			if r.Reason == "" {
				t.Fatalf("Classify(%q): translated without a reason", p)
			}
		case Unsupported:
			if r.Go != "" || r.Reason == "" {
				t.Fatalf("Classify(%q): unsupported with Go %q, reason %q", p, r.Go, r.Reason)
			}
			return
		case Backtracking:
			if _, err := regexp2.Compile(r.Go, regexp2.RE2); err != nil || r.Reason == "" {
				t.Fatalf("Classify(%q) = backtracking %q (%s), which regexp2 does not compile: %v", p, r.Go, r.Reason, err)
			}
			return
		}
		if _, err := regexp.Compile(r.Go); err != nil {
			t.Fatalf("Classify(%q) = %v %q, which does not compile: %v", p, r.Kind, r.Go, err)
		}
	})
}

// TestCorpus classifies every pattern of the real models in the corpus.
func TestCorpus(t *testing.T) {
	path, isDefault := corpusPath(t)
	patterns, err := readCorpusPatterns(path)
	if err != nil {
		t.Fatalf("reading corpus %s: %v", path, err)
	}
	if len(patterns) == 0 {
		t.Fatalf("no patterns found in %s", path)
	}
	counts := map[Kind]int{}
	refused, refusedNonNative := 0, 0
	var unsupported []string
	for _, p := range patterns {
		r := Classify(p.pattern)
		counts[r.Kind]++
		_, goErr := regexp.Compile(p.pattern)
		if goErr != nil {
			refused++
			if r.Kind != Native {
				refusedNonNative++
			} else {
				t.Errorf("%s: Go's regexp refuses %q (%v) but it is classified native", p.where, p.pattern, goErr)
			}
		}
		switch r.Kind {
		case Native, Translated:
			if _, err := regexp.Compile(r.Go); err != nil {
				t.Errorf("%s: %v result %q does not compile: %v", p.where, r.Kind, r.Go, err)
			}
		case Backtracking:
			if _, err := regexp2.Compile(r.Go, regexp2.RE2); err != nil {
				t.Errorf("%s: backtracking result %q does not compile: %v", p.where, r.Go, err)
			}
		case Unsupported:
			unsupported = append(unsupported, p.where+": "+p.pattern+"\n\t"+r.Reason)
		}
	}
	total := len(patterns)
	if counts[Native]+counts[Translated]+counts[Backtracking]+counts[Unsupported] != total {
		t.Errorf("kinds add up to %d of %d", counts[Native]+counts[Translated]+counts[Backtracking]+counts[Unsupported], total)
	}
	if refusedNonNative != refused {
		t.Errorf("%d of %d patterns Go's regexp refuses are non-native", refusedNonNative, refused)
	}
	if isDefault && refused != 192 {
		t.Errorf("Go's regexp refuses %d patterns of the shared corpus, want 192", refused)
	}
	sort.Strings(unsupported)
	for _, u := range unsupported {
		t.Error("unchecked: " + u)
	}
	t.Logf("patterns: %d native, %d translated, %d backtracking (regexp2) (of %d; %d refused by Go's regexp as written, all non-native)",
		counts[Native], counts[Translated], counts[Backtracking], total, refused)
	t.Logf("patterns: %d checked, %d unchecked", total-len(unsupported), len(unsupported))
}

// corpusPath finds the corpus: $SVCGEN_CORPUS, else shared/corpus.tar.gz in
// the nearest folder above the working directory that holds shared/. It skips
// when there is none, and fails under CI.
func corpusPath(t *testing.T) (path string, isDefault bool) {
	t.Helper()
	missing := func(msg string) {
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	if p := os.Getenv("SVCGEN_CORPUS"); p != "" {
		if _, err := os.Stat(p); err != nil {
			missing("SVCGEN_CORPUS=" + p + ": " + err.Error())
		}
		return p, false
	}
	dir, err := os.Getwd()
	if err != nil {
		missing("no working directory: " + err.Error())
	}
	for {
		if fi, err := os.Stat(filepath.Join(dir, "shared")); err == nil && fi.IsDir() {
			p := filepath.Join(dir, "shared", "corpus.tar.gz")
			if _, err := os.Stat(p); err != nil {
				missing("corpus data absent: " + err.Error())
			}
			return p, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			missing("corpus data absent: no shared/ folder above the working directory and SVCGEN_CORPUS is not set")
		}
		dir = parent
	}
}

type corpusPattern struct{ where, pattern string }

// readCorpusPatterns reads every service-2.json in a .tar.gz (entries
// corpus/<service>/service-2.json) or below a folder.
func readCorpusPatterns(path string) ([]corpusPattern, error) {
	var out []corpusPattern
	add := func(name string, data []byte) error {
		ps, err := modelPatterns(data)
		if err != nil {
			return errors.New(name + ": " + err.Error())
		}
		for _, p := range ps {
			out = append(out, corpusPattern{filepath.Base(filepath.Dir(name)) + " " + p.where, p.pattern})
		}
		return nil
	}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if fi.IsDir() {
		err := filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || d.Name() != "service-2.json" {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return add(p, data)
		})
		return out, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		if h.Typeflag != tar.TypeReg || filepath.Base(h.Name) != "service-2.json" {
			continue
		}
		data, err := io.ReadAll(tr)
		if err != nil {
			return nil, err
		}
		if err := add(h.Name, data); err != nil {
			return nil, err
		}
	}
}

// modelPatterns returns the pattern of every shape and every one written
// inline on a member reference (members, list member, map key and value).
func modelPatterns(data []byte) ([]corpusPattern, error) {
	type ref struct {
		Pattern *string `json:"pattern"`
	}
	var model struct {
		Shapes map[string]struct {
			Pattern *string        `json:"pattern"`
			Members map[string]ref `json:"members"`
			Member  *ref           `json:"member"`
			Key     *ref           `json:"key"`
			Value   *ref           `json:"value"`
		} `json:"shapes"`
	}
	if err := json.Unmarshal(data, &model); err != nil {
		return nil, err
	}
	var out []corpusPattern
	for _, name := range sortedKeys(model.Shapes) {
		s := model.Shapes[name]
		if s.Pattern != nil {
			out = append(out, corpusPattern{name, *s.Pattern})
		}
		for _, m := range sortedKeys(s.Members) {
			if p := s.Members[m].Pattern; p != nil {
				out = append(out, corpusPattern{name + "." + m, *p})
			}
		}
		for label, r := range map[string]*ref{"member": s.Member, "key": s.Key, "value": s.Value} {
			if r != nil && r.Pattern != nil {
				out = append(out, corpusPattern{name + "." + label, *r.Pattern})
			}
		}
	}
	return out, nil
}
