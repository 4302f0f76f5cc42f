package pattern

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// The parser reads java.util.regex syntax (JDK 9 and later, no compile
// flags) into a tree. Every single-character matcher (literal, escape, dot,
// class, property) becomes an opSet node carrying the exact set of code points
// Java gives it, so that the emitter can keep the source text where RE2 reads
// it the same way and write the set out where it does not.

type op uint8

const (
	opSet    op = iota // one character out of set
	opAssert           // zero-width assertion
	opConcat
	opAlt
	opGroup
	opRepeat
)

type anchor uint8

const (
	anchorBegin     anchor = iota // ^ (no MULTILINE: start of input)
	anchorBeginText               // \A
	anchorDollar                  // $ or \Z: end of input, or before a final line terminator
	anchorEndText                 // \z
	anchorWord                    // \b
	anchorNotWord                 // \B
)

type quantMode uint8

const (
	greedy quantMode = iota
	lazy
	possessive
)

type node struct {
	op       op
	set      runeSet // opSet
	src      string  // Java text: the token (opSet, opAssert) or the quantifier (opRepeat)
	verbatim bool    // opSet: RE2 reads src as exactly set
	re2      string  // opSet: RE2 text for set when not verbatim
	anchor   anchor
	subs     []*node
	min, max int // opRepeat; max -1 = unbounded
	mode     quantMode
	capture  bool
	name     string // named capturing group

	parent *node
	index  int // position in parent.subs

	// decisions of the analysis
	out      *string // opAssert: replacement text
	dropped  bool    // removed by a find-semantics truncation
	changedQ bool    // quantifier rewritten
	expand   bool    // big repeat written as chunks of at most 1000
	lengthOp string  // "*" or "+": repeat replaced by the Length check
}

type flags struct{ caseless, dotAll bool }

type parser struct {
	src     string
	pos     int
	depth   int
	flags   flags
	names   map[string]bool
	notes   *reasons // rewrites (Translated)
	refusal *reasons // constructs RE2 cannot express (Unsupported)
	javaErr string   // Java itself rejects the pattern
}

const maxDepth = 250

// fail records a syntax error Java would report and stops the parse.
func (p *parser) fail(format string, args ...any) {
	if p.javaErr == "" {
		p.javaErr = fmt.Sprintf(format, args...)
	}
	p.pos = len(p.src)
}

func (p *parser) eof() bool { return p.pos >= len(p.src) }

func (p *parser) peek() rune {
	if p.eof() {
		return -1
	}
	r, _ := utf8.DecodeRuneInString(p.src[p.pos:])
	return r
}

func (p *parser) peekAt(off int) rune {
	i := p.pos
	for ; off > 0 && i < len(p.src); off-- {
		_, n := utf8.DecodeRuneInString(p.src[i:])
		i += n
	}
	if i >= len(p.src) {
		return -1
	}
	r, _ := utf8.DecodeRuneInString(p.src[i:])
	return r
}

func (p *parser) next() rune {
	if p.eof() {
		return -1
	}
	r, n := utf8.DecodeRuneInString(p.src[p.pos:])
	p.pos += n
	return r
}

func parse(src string) (*node, *parser) {
	p := &parser{src: src, names: map[string]bool{}, notes: &reasons{}, refusal: &reasons{}}
	if q, ok := removeQuoting(src); ok {
		p.src = q
		p.notes.add(`\Q...\E quoting written as escaped characters`)
	} else if q != "" {
		p.refusal.add(q)
		return nil, p
	}
	root := p.alternation()
	if p.javaErr == "" && !p.eof() {
		p.fail("unmatched closing ')'")
	}
	link(root, nil, 0)
	return root, p
}

func link(n, parent *node, index int) {
	n.parent, n.index = parent, index
	for i, s := range n.subs {
		link(s, n, i)
	}
}

// removeQuoting rewrites \Q...\E as Java's Pattern.RemoveQEQuoting does:
// quoted ASCII punctuation gets a backslash, letters and non-ASCII stay. A
// backslash inside the quote is refused: Java's handling of it is irregular.
// It returns ok=false and a refusal text (or "" when there is no \Q).
func removeQuoting(src string) (string, bool) {
	i := 0
	for i < len(src)-1 {
		if src[i] != '\\' {
			i++
		} else if src[i+1] != 'Q' {
			i += 2
		} else {
			break
		}
	}
	if i >= len(src)-1 {
		return "", false
	}
	var b strings.Builder
	b.WriteString(src[:i])
	i += 2
	inQuote, begin := true, true
	for i < len(src) {
		c := src[i]
		switch {
		case !inQuote && c == '\\':
			if i+1 < len(src) && src[i+1] == 'Q' {
				inQuote, begin = true, true
				i += 2
				continue
			}
			b.WriteByte(c)
			if i+1 < len(src) {
				b.WriteByte(src[i+1])
			}
			i += 2
		case !inQuote:
			b.WriteByte(c)
			i++
		case c == '\\':
			if i+1 < len(src) && src[i+1] == 'E' {
				inQuote = false
				i += 2
				continue
			}
			return `backslash inside \Q...\E`, false
		case c >= 0x80 || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			b.WriteByte(c)
			i++
		case c >= '0' && c <= '9':
			if begin {
				b.WriteString(`\x3`)
			}
			b.WriteByte(c)
			i++
		default:
			b.WriteByte('\\')
			b.WriteByte(c)
			i++
		}
		begin = false
	}
	return b.String(), true
}

func (p *parser) alternation() *node {
	alt := &node{op: opAlt}
	for {
		alt.subs = append(alt.subs, p.sequence())
		if p.peek() != '|' {
			return alt
		}
		p.next()
	}
}

func (p *parser) sequence() *node {
	seq := &node{op: opConcat}
	for !p.eof() {
		c := p.peek()
		if c == '|' || c == ')' {
			break
		}
		atom := p.atom()
		if atom == nil {
			continue
		}
		seq.subs = append(seq.subs, p.quantifier(atom))
	}
	return seq
}

func (p *parser) atom() *node {
	start := p.pos
	c := p.next()
	switch c {
	case '(':
		return p.group(start)
	case '[':
		return p.classAtom(start)
	case '.':
		if p.flags.dotAll {
			return p.setNode(".", allRunes(), `(?s:.)`, "(?s) dot written as (?s:.)")
		}
		return p.setNode(".", dotSet, dotRE2, `Java's . also excludes \r, \u0085, \u2028 and \u2029: . → `+dotRE2)
	case '^':
		return &node{op: opAssert, anchor: anchorBegin, src: "^"}
	case '$':
		return &node{op: opAssert, anchor: anchorDollar, src: "$"}
	case '\\':
		return p.escapeAtom(start)
	case '*', '+', '?', '{':
		p.fail("dangling meta character '%c'", c)
		return nil
	}
	return p.charNode(p.src[start:p.pos], c, "")
}

var dotSet = setOf('\n', '\r', 0x85, 0x2028, 0x2029).negate()

const dotRE2 = `[^\n\r\x{85}\x{2028}\x{2029}]`

// charNode is a literal character (folded for ASCII letters under (?i)).
func (p *parser) charNode(src string, r rune, why string) *node {
	s := single(r)
	if p.flags.caseless {
		s = foldASCII(s)
		if !s.equal(single(r)) {
			why = "(?i) written as explicit ASCII case pairs (Java folds ASCII only)"
		}
	}
	return p.setNode(src, s, "", why)
}

func foldASCII(s runeSet) runeSet {
	upper := s.intersect(span('a', 'z'))
	lower := s.intersect(span('A', 'Z'))
	var rs []rrange
	for _, r := range upper {
		rs = append(rs, rrange{r.lo - 32, r.hi - 32})
	}
	for _, r := range lower {
		rs = append(rs, rrange{r.lo + 32, r.hi + 32})
	}
	return s.union(normalize(rs))
}

// setNode makes an opSet node. re2 is the preferred RE2 text when src cannot
// be kept ("" = derive it); why is the note recorded in that case.
func (p *parser) setNode(src string, s runeSet, re2, why string) *node {
	n := &node{op: opSet, set: s, src: src}
	if re2Means(src, s) {
		n.verbatim = true
		return n
	}
	if re2 == "" || !re2Means(re2, s) {
		re2 = classFor(s)
	}
	n.re2 = re2
	if why == "" {
		why = "escape " + src + " written for RE2"
	}
	p.notes.add(why)
	return n
}

func (p *parser) quantifier(atom *node) *node {
	start := p.pos
	var lo, hi int
	switch p.peek() {
	case '?':
		p.next()
		lo, hi = 0, 1
	case '*':
		p.next()
		lo, hi = 0, -1
	case '+':
		p.next()
		lo, hi = 1, -1
	case '{':
		if d := p.peekAt(1); d < '0' || d > '9' {
			p.fail("illegal repetition %q", p.src[p.pos:min(len(p.src), p.pos+8)])
			return atom
		}
		p.next()
		var ok bool
		if lo, ok = p.number(); !ok {
			return atom
		}
		hi = lo
		if p.peek() == ',' {
			p.next()
			hi = -1
			if p.peek() != '}' {
				if hi, ok = p.number(); !ok {
					return atom
				}
			}
		}
		if p.next() != '}' {
			p.fail("unclosed counted closure")
			return atom
		}
		if hi != -1 && hi < lo {
			p.fail("illegal repetition range {%d,%d}", lo, hi)
			return atom
		}
	default:
		return atom
	}
	mode := greedy
	switch p.peek() {
	case '?':
		p.next()
		mode = lazy
	case '+':
		p.next()
		mode = possessive
	}
	return &node{op: opRepeat, subs: []*node{atom}, min: lo, max: hi, mode: mode, src: p.src[start:p.pos]}
}

func (p *parser) number() (int, bool) {
	n, digits := 0, 0
	for c := p.peek(); c >= '0' && c <= '9'; c = p.peek() {
		p.next()
		n = n*10 + int(c-'0')
		digits++
		if n > 1<<31-1 {
			p.fail("repetition count too large")
			return 0, false
		}
	}
	if digits == 0 {
		p.fail("unclosed counted closure")
		return 0, false
	}
	return n, true
}

func (p *parser) group(start int) *node {
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > maxDepth {
		p.refusal.add("groups nested too deeply")
		p.pos = len(p.src)
		return nil
	}
	saved := p.flags
	g := &node{op: opGroup}
	look := ""
	if p.peek() == '?' {
		p.next()
		switch c := p.peek(); c {
		case ':':
			p.next()
		case '=', '!':
			p.next()
			look = "lookahead (?" + string(c)
		case '>':
			p.next()
			p.refusal.add("atomic group (?> is not supported by RE2")
		case '<':
			p.next()
			switch p.peek() {
			case '=', '!':
				look = "lookbehind (?<" + string(p.next())
			default:
				name := p.groupName()
				if name == "" {
					return nil
				}
				g.capture, g.name = true, name
			}
		default:
			if !p.inlineFlags() {
				return nil
			}
			p.notes.add("inline flags (?i)/(?s) applied to the characters they govern")
			if p.next() == ')' {
				return nil // the flags hold to the end of the enclosing group
			}
		}
	} else {
		g.capture = true
	}
	if look != "" {
		p.refusal.add(look + " is not supported by RE2")
	}
	g.subs = []*node{p.alternation()}
	p.flags = saved
	if p.javaErr != "" {
		return nil
	}
	if p.next() != ')' {
		p.fail("unclosed group")
		return nil
	}
	return g
}

func (p *parser) groupName() string {
	start := p.pos
	c := p.next()
	if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
		p.fail("capturing group name does not start with a Latin letter")
		return ""
	}
	for c := p.peek(); c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'; c = p.peek() {
		p.next()
	}
	name := p.src[start:p.pos]
	if p.next() != '>' {
		p.fail("named capturing group is missing trailing '>'")
		return ""
	}
	if p.names[name] {
		p.fail("named capturing group <%s> is already defined", name)
		return ""
	}
	p.names[name] = true
	return name
}

// inlineFlags reads the letters of (?idmsuxU-idmsuxU) up to ')' or ':'.
// Only i (ASCII case folding) and s (dotall) are translated.
func (p *parser) inlineFlags() bool {
	on := true
	for {
		c := p.peek()
		switch c {
		case ')', ':':
			return true
		case '-':
			on = false
		case 'i':
			p.flags.caseless = on
		case 's':
			p.flags.dotAll = on
		case 'd', 'm', 'u', 'x', 'U', 'c':
			p.refusal.add(fmt.Sprintf("inline flag (?%c) not translated", c))
		case -1:
			p.fail("unclosed group")
			return false
		default:
			p.fail("unknown inline modifier")
			return false
		}
		p.next()
	}
}

// escapeAtom reads an escape outside a class; p.pos is just past the '\'.
func (p *parser) escapeAtom(start int) *node {
	c := p.peek()
	switch c {
	case 'A':
		p.next()
		return &node{op: opAssert, anchor: anchorBeginText, src: `\A`}
	case 'z':
		p.next()
		return &node{op: opAssert, anchor: anchorEndText, src: `\z`}
	case 'Z':
		p.next()
		return &node{op: opAssert, anchor: anchorDollar, src: `\Z`}
	case 'b', 'B':
		p.next()
		if c == 'b' && p.peek() == '{' {
			p.refusal.add(`\b{g} grapheme boundary is not supported by RE2`)
			for !p.eof() && p.next() != '}' {
			}
			return refused()
		}
		a := anchorWord
		if c == 'B' {
			a = anchorNotWord
		}
		return &node{op: opAssert, anchor: a, src: `\` + string(c)}
	case 'G':
		p.next()
		p.refusal.add(`\G (end of the previous match) is not supported by RE2`)
		return refused()
	case 'R':
		p.next()
		p.refusal.add(`\R linebreak matcher not translated`)
		return refused()
	case 'X':
		p.next()
		p.refusal.add(`\X grapheme cluster is not supported by RE2`)
		return refused()
	case 'k':
		p.next()
		p.refusal.add(`backreference \k<name> is not supported by RE2`)
		if p.peek() == '<' {
			for !p.eof() && p.next() != '>' {
			}
		}
		return refused()
	case '1', '2', '3', '4', '5', '6', '7', '8', '9':
		p.next()
		p.refusal.add(`backreference \` + string(c) + ` is not supported by RE2`)
		return refused()
	}
	e := p.escape(false)
	switch {
	case e.isSet:
		return p.setNode(p.src[start:p.pos], e.set, e.alone, e.why)
	case e.ok:
		return p.charNode(p.src[start:p.pos], e.r, e.why)
	case p.javaErr != "":
		return nil
	}
	return refused()
}

// refused stands in for a construct already recorded as unsupported, so that
// the parse stays aligned and can report every other problem too.
func refused() *node { return &node{op: opSet, re2: `[^\x00-\x{10FFFF}]`} }

// escaped is a character escape (r) or a class escape (set) read by escape.
type escaped struct {
	ok    bool
	r     rune
	isSet bool
	set   runeSet
	frag  string // inside a class
	alone string // outside a class
	why   string // note when the Java text is not RE2 text
}

// escape reads the escape after a '\' that stands for a character or a
// predefined class, as Java's Pattern.escape does.
func (p *parser) escape(inClass bool) escaped {
	c := p.next()
	switch c {
	case -1:
		p.fail("unexpected end of pattern after '\\'")
	case '0':
		return p.octal()
	case 'a':
		return escaped{ok: true, r: 0x07}
	case 'e':
		return escaped{ok: true, r: 0x1b, why: `\e written as \x{1B}`}
	case 'f':
		return escaped{ok: true, r: '\f'}
	case 'n':
		return escaped{ok: true, r: '\n'}
	case 'r':
		return escaped{ok: true, r: '\r'}
	case 't':
		return escaped{ok: true, r: '\t'}
	case 'c':
		if p.eof() {
			p.fail("illegal control escape sequence")
			return escaped{}
		}
		return escaped{ok: true, r: p.next() ^ 64, why: `\cX control escape written as \x{..}`}
	case 'x':
		return p.hex()
	case 'u':
		return p.unicodeEscape()
	case 'd':
		return escaped{isSet: true, set: span('0', '9'), frag: `\d`, alone: `\d`}
	case 'D':
		return escaped{isSet: true, set: span('0', '9').negate(), frag: `\D`, alone: `\D`}
	case 'w':
		return escaped{isSet: true, set: wordSet, frag: `\w`, alone: `\w`}
	case 'W':
		return escaped{isSet: true, set: wordSet.negate(), frag: `\W`, alone: `\W`}
	case 's':
		return escaped{isSet: true, set: posixNames["Space"].set, frag: `[:space:]`, alone: `[[:space:]]`, why: spaceWhy}
	case 'S':
		return escaped{isSet: true, set: posixNames["Space"].set.negate(), frag: `[:^space:]`, alone: `[^[:space:]]`, why: spaceWhy}
	case 'h':
		return escaped{isSet: true, set: horizWS, why: `Java \h (horizontal whitespace) written as a class`}
	case 'H':
		return escaped{isSet: true, set: horizWS.negate(), why: `Java \H written as a class`}
	case 'v':
		return escaped{isSet: true, set: vertWS, why: `Java \v is vertical whitespace [\n\x0B\f\r\x85\u2028\u2029], not RE2's \x0B`}
	case 'V':
		return escaped{isSet: true, set: vertWS.negate(), why: `Java \V written as a class`}
	case 'p', 'P':
		return p.property(c == 'P')
	case 'N':
		p.refusal.add(`\N{name} not translated`)
		if p.peek() == '{' {
			for !p.eof() && p.next() != '}' {
			}
		}
	case 'b', 'B', 'A', 'z', 'Z', 'G', 'R', 'X', 'k', 'Q', 'E':
		if inClass {
			p.fail("illegal escape \\%c in a character class", c)
		} else {
			p.refusal.add(`escape \` + string(c) + ` not translated`)
		}
	default:
		switch {
		case c >= '1' && c <= '9':
			p.fail("illegal escape \\%c in a character class", c)
		case c < 0x80 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'):
			p.fail("illegal/unsupported escape sequence \\%c", c)
		case c >= 0x80:
			return escaped{ok: true, r: c, why: "escaped non-ASCII character written without the backslash"}
		default:
			return escaped{ok: true, r: c}
		}
	}
	return escaped{}
}

const spaceWhy = `Java's \s includes \x0B: \s → [[:space:]], \S → [^[:space:]]`

var (
	wordSet = normalize([]rrange{{'0', '9'}, {'A', 'Z'}, {'_', '_'}, {'a', 'z'}})
	horizWS = normalize([]rrange{{'\t', '\t'}, {' ', ' '}, {0xa0, 0xa0}, {0x1680, 0x1680}, {0x180e, 0x180e}, {0x2000, 0x200a}, {0x202f, 0x202f}, {0x205f, 0x205f}, {0x3000, 0x3000}})
	vertWS  = normalize([]rrange{{'\n', '\r'}, {0x85, 0x85}, {0x2028, 0x2029}})
)

func isOctal(c rune) bool { return c >= '0' && c <= '7' }

func (p *parser) octal() escaped {
	n := p.peek()
	if !isOctal(n) {
		p.fail("illegal octal escape sequence")
		return escaped{}
	}
	p.next()
	v := n - '0'
	if m := p.peek(); isOctal(m) {
		p.next()
		v = v*8 + m - '0'
		if o := p.peek(); isOctal(o) && n <= '3' {
			p.next()
			v = v*8 + o - '0'
		}
	}
	return escaped{ok: true, r: v, why: `octal escape \0nn written as \x{..}`}
}

func hexVal(c rune) rune {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10
	}
	return -1
}

func (p *parser) hex() escaped {
	if p.peek() == '{' && hexVal(p.peekAt(1)) >= 0 {
		p.next()
		v := rune(0)
		for hexVal(p.peek()) >= 0 {
			v = v<<4 + hexVal(p.next())
			if v > utf8.MaxRune {
				p.fail("hexadecimal codepoint is too big")
				return escaped{}
			}
		}
		if p.next() != '}' {
			p.fail("unclosed hexadecimal escape sequence")
			return escaped{}
		}
		return escaped{ok: true, r: v}
	}
	a, b := hexVal(p.peek()), hexVal(p.peekAt(1))
	if a < 0 || b < 0 {
		p.fail("illegal hexadecimal escape sequence")
		return escaped{}
	}
	p.next()
	p.next()
	return escaped{ok: true, r: a<<4 | b}
}

func (p *parser) hex4() (rune, bool) {
	v := rune(0)
	for range 4 {
		d := hexVal(p.peek())
		if d < 0 {
			p.fail("illegal Unicode escape sequence")
			return 0, false
		}
		p.next()
		v = v<<4 | d
	}
	return v, true
}

// unicodeEscape reads \uXXXX; a high surrogate escape followed by a low
// surrogate escape is one supplementary code point, as in Java's Pattern.u().
func (p *parser) unicodeEscape() escaped {
	v, ok := p.hex4()
	if !ok {
		return escaped{}
	}
	why := `\uXXXX written as \x{XXXX}`
	if hexVal(p.peek()) >= 0 {
		why = fmt.Sprintf(`\u%04X%c is \u%04X followed by %q: Java's \u takes exactly four hex digits`, v, p.peek(), v, p.peek())
	}
	if v >= 0xd800 && v <= 0xdbff && p.peek() == '\\' && p.peekAt(1) == 'u' {
		save := p.pos
		p.next()
		p.next()
		if lo, ok := p.hex4(); ok && lo >= 0xdc00 && lo <= 0xdfff {
			return escaped{ok: true, r: 0x10000 + (v-0xd800)<<10 + (lo - 0xdc00), why: `\uD8xx\uDCxx surrogate pair written as one code point \x{1XXXX}`}
		}
		if p.javaErr != "" {
			return escaped{}
		}
		p.pos = save
	}
	return escaped{ok: true, r: v, why: why}
}

// property reads \pL, \p{Name}, \PL, \P{Name}.
func (p *parser) property(negated bool) escaped {
	var name string
	if p.peek() == '{' {
		p.next()
		i := strings.IndexByte(p.src[p.pos:], '}')
		if i < 0 {
			p.fail("unclosed character family")
			return escaped{}
		}
		name = p.src[p.pos : p.pos+i]
		p.pos += i + 1
		if name == "" {
			p.fail("empty character family")
			return escaped{}
		}
	} else {
		if p.eof() {
			p.fail("illegal character family")
			return escaped{}
		}
		name = string(p.next())
	}
	prop, unsupported, javaErr := javaPropertyName(name)
	switch {
	case javaErr != "":
		p.fail("%s", javaErr)
		return escaped{}
	case unsupported != "":
		p.refusal.add(unsupported)
		return escaped{}
	case p.flags.caseless:
		p.refusal.add(`\p{` + name + `} under (?i) not translated`)
		return escaped{}
	}
	e := escaped{isSet: true, set: prop.set, frag: prop.frag}
	letter := "p"
	if negated {
		e.set, e.frag, letter = prop.set.negate(), prop.negFrag, "P"
	}
	if e.frag != "" {
		e.alone = "[" + e.frag + "]"
	}
	java := `\` + letter + "{" + name + "}"
	if !re2Means(java, e.set) {
		e.why = java + " written as " + describeFor(e)
	}
	return e
}

func describeFor(e escaped) string {
	if e.alone != "" {
		return e.alone
	}
	return "an explicit class"
}

// classAtom parses a bracketed class whose '[' is at start.
func (p *parser) classAtom(start int) *node {
	p.depth++
	defer func() { p.depth-- }()
	c := &classInfo{}
	s := p.class(c, true, 0)
	if p.javaErr != "" || c.failed {
		return nil
	}
	src := p.src[start:p.pos]
	n := &node{op: opSet, set: s, src: src}
	if re2Means(src, s) {
		n.verbatim = true
		return n
	}
	n.re2 = ""
	if c.spliceable() {
		neg := ""
		if c.negated {
			neg = "^"
		}
		if text := "[" + neg + strings.Join(c.frags, "") + "]"; re2Means(text, s) {
			n.re2 = text
		}
	}
	if n.re2 == "" {
		n.re2 = classFor(s)
	}
	if len(c.why) == 0 {
		c.why = append(c.why, "character class "+src+" written as RE2 reads Java's meaning")
	}
	for _, w := range c.why {
		p.notes.add(w)
	}
	return n
}

// classInfo collects what is needed to write a class back item by item.
type classInfo struct {
	negated bool
	frags   []string // RE2 text of each top-level item; "" when an item has none
	complex bool     // nesting or intersection: only the computed set is exact
	why     []string
	failed  bool
}

func (c *classInfo) spliceable() bool {
	if c.complex {
		return false
	}
	for _, f := range c.frags {
		if f == "" {
			return false
		}
	}
	return true
}

// class mirrors Pattern.clazz (JDK 9+): p.pos is just past the '[' when
// bracketed, at the first character of an && operand otherwise. Nested
// classes are unions, && intersects everything before it with the operand
// after it, and a leading ^ negates the whole class.
func (p *parser) class(c *classInfo, bracketed bool, level int) runeSet {
	if level > maxDepth {
		p.refusal.add("character classes nested too deeply")
		c.failed = true
		p.pos = len(p.src)
		return nil
	}
	top := level == 0 && bracketed
	negated := false
	if bracketed && p.peek() == '^' {
		p.next()
		negated = true
		if top {
			c.negated = true
		}
	}
	var acc runeSet
	any := false
	for {
		if p.javaErr != "" || c.failed {
			return nil
		}
		ch := p.peek()
		switch {
		case ch == -1:
			p.fail("unclosed character class")
			return nil
		case ch == '[':
			p.next()
			acc = acc.union(p.class(c, true, level+1))
			any = true
			c.complex = true
			continue
		case ch == '&' && p.peekAt(1) == '&':
			p.next()
			p.next()
			c.complex = true
			var right runeSet
			haveRight := false
			for {
				ch := p.peek()
				if ch == ']' || ch == '&' || ch == -1 || p.javaErr != "" || c.failed {
					break
				}
				if ch == '[' {
					p.next()
					right = right.union(p.class(c, true, level+1))
				} else {
					if haveRight {
						// Java's clazz replaces the operand here rather than
						// adding to it; not relied on.
						p.refusal.add("&& operand mixing [...] and plain characters not translated")
					}
					right = p.class(c, false, level+1)
				}
				haveRight = true
			}
			if !haveRight {
				p.refusal.add("empty operand of && in a character class")
				c.failed = true
				return nil
			}
			if !any {
				acc = right
			} else {
				acc = acc.intersect(right)
			}
			any = true
			continue
		case ch == ']' && any:
			if bracketed {
				p.next()
			}
			if negated {
				return acc.negate()
			}
			return acc
		}
		s, frag := p.classItem(c)
		acc = acc.union(s)
		any = true
		if top {
			c.frags = append(c.frags, frag)
		}
	}
}

// classItem mirrors Pattern.range: a character, a range, a property or a
// predefined class.
func (p *parser) classItem(c *classInfo) (runeSet, string) {
	var lo rune
	if p.peek() == '\\' {
		p.next()
		e := p.escape(true)
		if p.javaErr != "" {
			return nil, ""
		}
		if e.isSet {
			if e.why != "" {
				c.why = append(c.why, e.why)
			}
			return e.set, e.frag
		}
		if !e.ok {
			return nil, "" // refused (recorded); keep parsing the class
		}
		if e.why != "" {
			c.why = append(c.why, e.why)
		}
		lo = e.r
	} else {
		lo = p.next()
	}
	hi := lo
	if p.peek() == '-' {
		end := p.peekAt(1)
		if end != '[' && end != ']' {
			p.next()
			if p.peek() == '\\' {
				p.next()
				e := p.escape(true)
				if p.javaErr != "" {
					return nil, ""
				}
				if !e.ok {
					if e.isSet {
						p.fail("illegal character range")
					}
					return nil, ""
				}
				if e.why != "" {
					c.why = append(c.why, e.why)
				}
				hi = e.r
			} else {
				hi = p.next()
			}
			if hi < lo {
				p.fail("illegal character range")
				return nil, ""
			}
		}
	}
	s := span(lo, hi)
	frag := classChar(lo)
	if hi > lo {
		frag += "-" + classChar(hi)
	}
	if p.flags.caseless {
		if folded := foldASCII(s); !folded.equal(s) {
			s = folded
			frag = ""
			c.why = append(c.why, "(?i) written as explicit ASCII case pairs (Java folds ASCII only)")
		}
	}
	return s, frag
}
