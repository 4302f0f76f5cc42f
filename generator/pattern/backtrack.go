package pattern

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
)

// Patterns that RE2 cannot check exactly (lookahead, lookbehind, atomic groups,
// backreferences, \b where Java's word characters matter, repeats RE2 cannot count)
// are checked with github.com/dlclark/regexp2/v2, a backtracking engine with .NET's
// syntax, compiled with its RE2 option. backtrackExpr rewrites the Java source for
// it, keeping the constructs both engines read alike (literals, simple classes,
// groups, lookaround, atomic groups, possessive and counted quantifiers,
// backreferences \1-\9, ^, \A, \z) and writing out those whose meaning differs:
//
//   - `.` is [^\n\r\x85\u2028\u2029] (Java's line terminators);
//   - `$` and `\Z` are the zero-width (?=(?:\r\n|[\n\r\x85\u2028\u2029])?\z)(?!(?<=\r)\n):
//     the end of input or before a final line terminator, but not between a final
//     \r and \n;
//   - `\d`, `\s`, `\w` (and their negations) are Java's ASCII sets, \s with \x0B;
//   - `\b` and `\B` follow java.util.regex.Pattern's Bound (JDK 19 and later): a
//     word character is [a-zA-Z0-9_], and a non-spacing mark (Mn) counts as one
//     when the first character before it that is not a mark is a letter or digit;
//   - `\uXXXX` surrogate pairs become the code point they encode;
//   - `(?i)` (ASCII-only folding in Java) turns letters outside classes into pairs
//     ([aA]).
//
// Anything else (nested classes and intersections, \p{...}, \Q...\E, other inline
// flags, octal and control escapes, \R, \X, \G, named backreferences) is refused with
// the reason: such a pattern stays Unsupported.
func backtrackExpr(src string) (string, error) {
	t := &btTranslator{src: []rune(src)}
	t.caseless = []bool{false}
	if err := t.run(); err != nil {
		return "", err
	}
	return t.out.String(), nil
}

const (
	btDot    = `[^\n\r\x85\u2028\u2029]`
	btDollar = `(?=(?:\r\n|[\n\r\x85\u2028\u2029])?\z)(?!(?<=\r)\n)`
	// the sides of a word boundary: left is a word character just before, right one
	// just after
	btLeft     = `(?:(?<=[a-zA-Z0-9_])|(?<=[\p{L}\p{Nd}]\p{Mn}+))`
	btRight    = `(?:(?=[a-zA-Z0-9_])|(?=\p{Mn})(?<=[\p{L}\p{Nd}]\p{Mn}*))`
	btNotLeft  = `(?<![a-zA-Z0-9_])(?<![\p{L}\p{Nd}]\p{Mn}+)`
	btNotRight = `(?![a-zA-Z0-9_])(?!(?<=[\p{L}\p{Nd}]\p{Mn}*)\p{Mn})`
	btBound    = `(?:` + btLeft + btNotRight + `|` + btNotLeft + btRight + `)`
	btNotBound = `(?:` + btLeft + btRight + `|` + btNotLeft + btNotRight + `)`
)

// escapes of sets, outside and inside classes
var btSets = map[rune][2]string{
	'd': {`[0-9]`, `0-9`},
	'D': {`[^0-9]`, ``},
	's': {`[ \t\n\x0B\f\r]`, ` \t\n\x0B\f\r`},
	'S': {`[^ \t\n\x0B\f\r]`, ``},
	'w': {`[a-zA-Z0-9_]`, `a-zA-Z0-9_`},
	'W': {`[^a-zA-Z0-9_]`, ``},
}

type btTranslator struct {
	src      []rune
	pos      int
	out      strings.Builder
	caseless []bool // per open group: (?i) in force
	groups   int    // capturing groups opened so far
}

func (t *btTranslator) eof() bool  { return t.pos >= len(t.src) }
func (t *btTranslator) peek() rune { return t.src[t.pos] }

func (t *btTranslator) run() error {
	for !t.eof() {
		c := t.src[t.pos]
		t.pos++
		switch c {
		case '\\':
			if err := t.escape(); err != nil {
				return err
			}
		case '.':
			t.out.WriteString(btDot)
		case '$':
			t.out.WriteString(btDollar)
		case '[':
			if err := t.class(); err != nil {
				return err
			}
		case '(':
			if err := t.group(); err != nil {
				return err
			}
		case ')':
			if len(t.caseless) > 1 {
				t.caseless = t.caseless[:len(t.caseless)-1]
			}
			t.out.WriteRune(c)
		case '*', '+', '?', '|', '^':
			t.out.WriteRune(c)
		case '{':
			// a counted repeat, copied: regexp2 counts without RE2's limit of 1000
			end := t.pos
			for end < len(t.src) && t.src[end] != '}' {
				end++
			}
			if end == len(t.src) {
				return fmt.Errorf("unterminated repeat")
			}
			for _, d := range t.src[t.pos:end] {
				if !('0' <= d && d <= '9' || d == ',') {
					return fmt.Errorf("bad repeat")
				}
			}
			t.out.WriteString(string(t.src[t.pos-1 : end+1]))
			t.pos = end + 1
		default:
			t.literal(c)
		}
	}
	return nil
}

// literal writes a character outside a class: a letter under (?i) as its pair.
func (t *btTranslator) literal(c rune) {
	if t.caseless[len(t.caseless)-1] && ('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
		lo, up := c|0x20, c&^0x20
		t.out.WriteString("[" + string(lo) + string(up) + "]")
		return
	}
	if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' {
		t.out.WriteRune(c)
		return
	}
	// anything else as an escape, so that no engine reads it as syntax
	t.out.WriteString(btLiteral(c))
}

// btLiteral escapes a character as \x{...}.
func btLiteral(c rune) string { return fmt.Sprintf(`\x{%X}`, c) }

func (t *btTranslator) group() error {
	if t.eof() || t.peek() != '?' {
		t.groups++
		t.caseless = append(t.caseless, t.caseless[len(t.caseless)-1])
		t.out.WriteByte('(')
		return nil
	}
	rest := string(t.src[t.pos:])
	for _, open := range []string{"?:", "?=", "?!", "?<=", "?<!", "?>"} {
		if strings.HasPrefix(rest, open) {
			t.pos += len(open)
			t.caseless = append(t.caseless, t.caseless[len(t.caseless)-1])
			t.out.WriteString("(" + open)
			return nil
		}
	}
	if strings.HasPrefix(rest, "?<") {
		end := strings.IndexByte(rest, '>')
		if end < 0 {
			return fmt.Errorf("unterminated group name")
		}
		t.groups++
		t.pos += len([]rune(rest[:end+1]))
		t.caseless = append(t.caseless, t.caseless[len(t.caseless)-1])
		t.out.WriteString("(" + rest[:end+1])
		return nil
	}
	// inline flags: only (?i) and (?-i), applying to the rest of the enclosing group
	t.pos++
	on := true
	for !t.eof() && t.peek() != ')' && t.peek() != ':' {
		switch c := t.src[t.pos]; c {
		case 'i':
			t.caseless[len(t.caseless)-1] = on
		case '-':
			on = false
		default:
			return fmt.Errorf("inline flag %q is not translated", c)
		}
		t.pos++
	}
	if t.eof() || t.peek() != ')' {
		return fmt.Errorf("flagged groups (?i:...) are not translated")
	}
	t.pos++
	return nil
}

func (t *btTranslator) escape() error {
	if t.eof() {
		return fmt.Errorf("trailing backslash")
	}
	c := t.src[t.pos]
	t.pos++
	switch {
	case c == 'b':
		if !t.eof() && t.peek() == '{' {
			return fmt.Errorf(`\b{g} is not translated`)
		}
		t.out.WriteString(btBound)
	case c == 'B':
		t.out.WriteString(btNotBound)
	case c == 'Z':
		t.out.WriteString(btDollar)
	case c == 'z' || c == 'A':
		t.out.WriteString(`\` + string(c))
	case btSets[c] != [2]string{}:
		t.out.WriteString(btSets[c][0])
	case '1' <= c && c <= '9':
		// Java takes more digits while the number names a group opened so far
		n := int(c - '0')
		for !t.eof() && '0' <= t.peek() && t.peek() <= '9' && n*10+int(t.peek()-'0') <= t.groups {
			n = n*10 + int(t.peek()-'0')
			t.pos++
		}
		if n > t.groups {
			return fmt.Errorf(`backreference \%d before its group`, n)
		}
		// grouped, so that a digit after it stays a literal
		t.out.WriteString(`(?:\` + strconv.Itoa(n) + `)`)
	default:
		r, err := t.char(c)
		if err != nil {
			return err
		}
		t.literal(r)
	}
	return nil
}

// char reads the character escape whose letter c was just read: \t \n \r \f \a \e,
// \xHH, \x{H...}, \uXXXX (a surrogate pair as one code point), or an escaped
// punctuation character.
func (t *btTranslator) char(c rune) (rune, error) {
	switch c {
	case 't':
		return '\t', nil
	case 'n':
		return '\n', nil
	case 'r':
		return '\r', nil
	case 'f':
		return '\f', nil
	case 'a':
		return 0x07, nil
	case 'e':
		return 0x1b, nil
	case 'x':
		if !t.eof() && t.peek() == '{' {
			end := t.pos
			for end < len(t.src) && t.src[end] != '}' {
				end++
			}
			if end == len(t.src) {
				return 0, fmt.Errorf(`unterminated \x{`)
			}
			v, err := strconv.ParseUint(string(t.src[t.pos+1:end]), 16, 32)
			if err != nil || v > 0x10FFFF || v >= 0xD800 && v <= 0xDFFF {
				return 0, fmt.Errorf(`bad \x{...}`)
			}
			t.pos = end + 1
			return rune(v), nil
		}
		return t.hex(2)
	case 'u':
		r, err := t.hex(4)
		if err != nil {
			return 0, err
		}
		if utf16.IsSurrogate(r) {
			if r < 0xDC00 && t.pos+6 <= len(t.src) && t.src[t.pos] == '\\' && t.src[t.pos+1] == 'u' {
				t.pos += 2
				lo, err := t.hex(4)
				if err == nil {
					if p := utf16.DecodeRune(r, lo); p != 0xFFFD {
						return p, nil
					}
				}
			}
			return 0, fmt.Errorf("a lone surrogate is not translated")
		}
		return r, nil
	}
	if c < 0x80 && !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
		return c, nil // escaped punctuation
	}
	return 0, fmt.Errorf(`escape \%c is not translated`, c)
}

func (t *btTranslator) hex(n int) (rune, error) {
	if t.pos+n > len(t.src) {
		return 0, fmt.Errorf("short hex escape")
	}
	v, err := strconv.ParseUint(string(t.src[t.pos:t.pos+n]), 16, 32)
	if err != nil {
		return 0, fmt.Errorf("bad hex escape")
	}
	t.pos += n
	return rune(v), nil
}

// class translates a character class [...] (its '[' read): simple classes only, with
// \d \s \w spelled out and every character written as an escape where it could be
// syntax.
func (t *btTranslator) class() error {
	if t.caseless[len(t.caseless)-1] {
		return fmt.Errorf("a class under (?i) is not translated")
	}
	t.out.WriteByte('[')
	if !t.eof() && t.peek() == '^' {
		t.pos++
		t.out.WriteByte('^')
	}
	first := true
	for {
		if t.eof() {
			return fmt.Errorf("unterminated class")
		}
		c := t.src[t.pos]
		t.pos++
		switch {
		case c == ']' && !first:
			t.out.WriteByte(']')
			return nil
		case c == '[' || c == ']':
			return fmt.Errorf("nested classes are not translated")
		case c == '&' && !t.eof() && t.peek() == '&':
			return fmt.Errorf("class intersections are not translated")
		case c == '-':
			t.out.WriteByte('-')
		case c == '\\':
			if t.eof() {
				return fmt.Errorf("trailing backslash")
			}
			e := t.src[t.pos]
			t.pos++
			if s, ok := btSets[e]; ok {
				if s[1] == "" {
					return fmt.Errorf(`\%c in a class is not translated`, e)
				}
				t.out.WriteString(s[1])
				break
			}
			r, err := t.char(e)
			if err != nil {
				return err
			}
			t.out.WriteString(btLiteral(r))
		default:
			if c < 0x80 && ('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == ' ' || c == '_') {
				t.out.WriteRune(c)
			} else {
				t.out.WriteString(btLiteral(c))
			}
		}
		first = false
	}
}
