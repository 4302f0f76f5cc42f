package xmlwire

import (
	"bytes"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The tokenizer reads XML as encoding/xml's Decoder does with its defaults (Strict,
// no AutoClose, no Entity map): it accepts and rejects the same documents and yields
// the same elements and the same character data, byte for byte. It exists so that a
// client reading XML does not link encoding/xml, whose tokenizer is most of what a
// program making one call of an XML protocol adds; FuzzTokenizer keeps encoding/xml as
// its oracle.
//
// What it yields of a document:
//   - start and end elements, with their names as written ("prefix:local"); a
//     self-closing element is a start then an end; end elements must match;
//   - character data, the text and CDATA sections of the document with the five
//     predefined entities and character references decoded and "\r\n" and a lone
//     "\r" read as "\n"; text between two pieces of markup is one token, a CDATA
//     section another;
//   - comments, processing instructions (among them the XML declaration, whose
//     version must be 1.0 and encoding UTF-8) and DOCTYPE and other directives as
//     tokOther, checked for their syntax and otherwise skipped: a DOCTYPE's entities
//     are never expanded.
//
// Text and attribute values must be UTF-8 of characters XML allows; names must be
// XML 1.0 names with at most one colon. As with encoding/xml, elements may follow
// the root element, and namespace prefixes need not be declared.
type tokenizer struct {
	data []byte
	pos  int
	err  error

	name []byte // of the start or end element read last, as written
	text []byte // of the character data read last: in data or in buf
	// decoded: text is in buf, which the next token may overwrite
	decoded bool
	buf     []byte    // decoded text
	attrs   []rawAttr // of the start element read last
	abuf    []byte    // their decoded values

	selfClosed bool     // the start element read last was <name/>: its end comes next
	open       [][]byte // the names of the elements started and not ended
	ns         []nsDecl // the xmlns:prefix declarations in scope
}

type tokKind uint8

const (
	tokErr   tokKind = iota // t.err says what is wrong; every later call returns tokErr
	tokEOF                  // the end of the document, every element ended
	tokStart                // t.name, t.attrs
	tokEnd                  // t.name
	tokText                 // t.text
	tokOther                // a comment, a processing instruction or a directive
)

// rawAttr is an attribute as written: its prefix ("" for none), its local name and
// its value, abuf[v0:v1], decoded.
type rawAttr struct {
	prefix, local []byte
	v0, v1        int
}

// nsDecl binds prefix to url in the element at depth and its content.
type nsDecl struct {
	prefix, url string
	depth       int
}

func (t *tokenizer) fail(msg string, at int) tokKind {
	if t.err == nil {
		t.err = &SyntaxError{Offset: int64(at), Msg: msg}
	}
	return tokErr
}

// A SyntaxError describes a document that is not well-formed XML.
type SyntaxError struct {
	Offset int64  // where in the document
	Msg    string // such as "element <a> closed by </b>"
}

func (e *SyntaxError) Error() string {
	return "xmlwire: " + e.Msg + " at offset " + strconv.FormatInt(e.Offset, 10)
}

const unexpectedEOF = "unexpected EOF"

// next reads the next token.
func (t *tokenizer) next() tokKind {
	if t.err != nil {
		return tokErr
	}
	if t.selfClosed {
		t.selfClosed = false
		t.popElement()
		return tokEnd
	}
	if t.pos >= len(t.data) {
		if len(t.open) > 0 {
			return t.fail(unexpectedEOF, t.pos)
		}
		return tokEOF
	}
	if t.data[t.pos] != '<' {
		return t.readText(-1)
	}
	start := t.pos
	t.pos++
	if t.pos >= len(t.data) {
		return t.fail(unexpectedEOF, t.pos)
	}
	switch t.data[t.pos] {
	case '/':
		t.pos++
		name, ok := t.nsName()
		if !ok {
			return t.fail("expected element name after </", t.pos)
		}
		t.space()
		if t.pos >= len(t.data) {
			return t.fail(unexpectedEOF, t.pos)
		}
		if t.data[t.pos] != '>' {
			return t.fail("invalid characters between </"+string(name)+" and >", t.pos)
		}
		t.pos++
		n := len(t.open)
		if n == 0 {
			return t.fail("unexpected end element </"+string(name)+">", start)
		}
		if open := t.open[n-1]; !bytes.Equal(open, name) {
			return t.fail("element <"+string(open)+"> closed by </"+string(name)+">", start)
		}
		t.name = name
		t.popElement()
		return tokEnd
	case '?':
		return t.readProcInst()
	case '!':
		return t.readBang(start)
	}
	return t.readStart()
}

func (t *tokenizer) popElement() {
	n := len(t.open)
	t.open = t.open[:n-1]
	for len(t.ns) > 0 && t.ns[len(t.ns)-1].depth == n {
		t.ns = t.ns[:len(t.ns)-1]
	}
}

// space skips XML's white space.
func (t *tokenizer) space() {
	for t.pos < len(t.data) {
		switch t.data[t.pos] {
		case ' ', '\t', '\r', '\n':
			t.pos++
		default:
			return
		}
	}
}

// readName reads a name: the bytes up to the first ASCII byte that a name cannot
// hold. It reports whether there is one and it is an XML name.
func (t *tokenizer) readName() ([]byte, bool) {
	i := t.pos
	for i < len(t.data) && nameByte[t.data[i]] {
		i++
	}
	name := t.data[t.pos:i]
	t.pos = i
	return name, len(name) > 0 && isName(name)
}

// nsName reads the name of an element or an attribute: a name with at most one colon.
func (t *tokenizer) nsName() ([]byte, bool) {
	name, ok := t.readName()
	return name, ok && bytes.Count(name, colon) <= 1
}

var colon = []byte{':'}

// splitName is a name's prefix and local name; a colon at either end is part of the
// local name.
func splitName(name []byte) (prefix, local []byte) {
	if i := bytes.IndexByte(name, ':'); i > 0 && i < len(name)-1 {
		return name[:i], name[i+1:]
	}
	return nil, name
}

// nameByte is the bytes a name is read up to: ASCII name characters and every byte
// of a multi-byte character (isName then checks them).
var nameByte = func() (tab [256]bool) {
	for c := 0; c < 256; c++ {
		tab[c] = c >= utf8.RuneSelf || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
			c == '_' || c == ':' || c == '.' || c == '-'
	}
	return tab
}()

// isName reports whether s is an XML 1.0 name.
func isName(s []byte) bool {
	if len(s) == 0 {
		return false
	}
	if c := s[0]; c < utf8.RuneSelf && !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' || c == ':') {
		return false
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if !nameByte[c] {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(s[i:])
		if r == utf8.RuneError && size == 1 {
			return false
		}
		if !unicode.Is(nameStart, r) && (i == 0 || !unicode.Is(nameChar, r)) {
			return false
		}
		i += size
	}
	return true
}

// readStart reads a start element, from its name (t.pos is past the '<').
func (t *tokenizer) readStart() tokKind {
	name, ok := t.nsName()
	if !ok {
		return t.fail("expected element name after <", t.pos)
	}
	t.attrs, t.abuf = t.attrs[:0], t.abuf[:0]
	for {
		t.space()
		if t.pos >= len(t.data) {
			return t.fail(unexpectedEOF, t.pos)
		}
		c := t.data[t.pos]
		if c == '/' {
			t.pos++
			if t.pos >= len(t.data) {
				return t.fail(unexpectedEOF, t.pos)
			}
			if t.data[t.pos] != '>' {
				return t.fail("expected /> in element", t.pos)
			}
			t.pos++
			t.selfClosed = true
			break
		}
		if c == '>' {
			t.pos++
			break
		}
		aname, ok := t.nsName()
		if !ok {
			return t.fail("expected attribute name in element", t.pos)
		}
		t.space()
		if t.pos >= len(t.data) {
			return t.fail(unexpectedEOF, t.pos)
		}
		if t.data[t.pos] != '=' {
			return t.fail("attribute name without = in element", t.pos)
		}
		t.pos++
		t.space()
		if t.pos >= len(t.data) {
			return t.fail(unexpectedEOF, t.pos)
		}
		q := t.data[t.pos]
		if q != '"' && q != '\'' {
			return t.fail("unquoted or missing attribute value in element", t.pos)
		}
		t.pos++
		if t.readText(int(q)) == tokErr {
			return tokErr
		}
		a := rawAttr{v0: len(t.abuf)}
		t.abuf = append(t.abuf, t.text...)
		a.v1 = len(t.abuf)
		a.prefix, a.local = splitName(aname)
		t.attrs = append(t.attrs, a)
	}
	t.name = name
	t.open = append(t.open, name)
	for _, a := range t.attrs {
		if string(a.prefix) == "xmlns" {
			t.ns = append(t.ns, nsDecl{string(a.local), string(t.abuf[a.v0:a.v1]), len(t.open)})
		}
	}
	return tokStart
}

// attrSpace is the namespace of an attribute as encoding/xml reports it: "" without a
// prefix, "xmlns" for a namespace declaration, the URL the prefix is bound to, or the
// prefix itself when it is bound to none.
func (t *tokenizer) attrSpace(a *rawAttr) string {
	switch p := string(a.prefix); p {
	case "", "xmlns":
		return p
	case "xml":
		return "http://www.w3.org/XML/1998/namespace"
	default:
		for i := len(t.ns) - 1; i >= 0; i-- {
			if t.ns[i].prefix == p {
				return t.ns[i].url
			}
		}
		return p
	}
}

// textByte is, for each byte, what readText must look at: 1 for the bytes that may
// end or change text ('<', '&', '\r', '>', the quotes), 2 for those that start a
// multi-byte character, 3 for the control characters XML does not allow; 0 for the
// others, which text holds as they are.
var textByte = func() (tab [256]uint8) {
	for c := 0; c < 256; c++ {
		switch {
		case c == '<' || c == '&' || c == '\r' || c == '>' || c == '"' || c == '\'':
			tab[c] = 1
		case c >= utf8.RuneSelf:
			tab[c] = 2
		case c < 0x20 && c != '\t' && c != '\n':
			tab[c] = 3
		}
	}
	return tab
}()

// readText reads character data into t.text: text up to the next '<' (quote -1), an
// attribute value up to its closing quote (quote '"' or '\”; t.pos is past the
// opening one), or a CDATA section's content up to "]]>" (quote 0; t.pos is past
// "<![CDATA[").
func (t *tokenizer) readText(quote int) tokKind {
	data := t.data
	start := t.pos
	i := start
	copying := false // t.buf holds the text decoded before seg
	seg := start
	end := -1
	for i < len(data) {
		c := data[i]
		switch textByte[c] {
		case 0:
			i++
			continue
		case 2:
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size == 1 {
				return t.fail("invalid UTF-8", i)
			}
			if !inCharRange(r) {
				return t.fail("illegal character code "+strconv.QuoteRune(r), i)
			}
			i += size
			continue
		case 3:
			return t.fail("illegal character code "+strconv.QuoteRune(rune(c)), i)
		}
		switch c {
		case '>':
			if quote <= 0 && i-2 >= start && data[i-1] == ']' && data[i-2] == ']' {
				if quote == 0 {
					end = i - 2
					i++
					goto done
				}
				return t.fail("unescaped ]]> not in CDATA section", i)
			}
			i++
		case '<':
			if quote == 0 {
				i++
				continue
			}
			if quote > 0 {
				return t.fail("unescaped < inside quoted string", i)
			}
			end = i
			goto done
		case '"', '\'':
			if int(c) == quote {
				end = i
				i++
				goto done
			}
			i++
		case '&':
			if quote == 0 {
				i++
				continue
			}
			r, n := entity(data[i:])
			if n == 0 {
				return t.fail("invalid character entity", i)
			}
			if !inCharRange(r) {
				return t.fail("illegal character code "+strconv.QuoteRune(r), i)
			}
			if !copying {
				t.buf, copying = t.buf[:0], true
			}
			t.buf = append(t.buf, data[seg:i]...)
			t.buf = utf8.AppendRune(t.buf, r)
			i += n
			seg = i
		case '\r':
			if !copying {
				t.buf, copying = t.buf[:0], true
			}
			t.buf = append(t.buf, data[seg:i]...)
			t.buf = append(t.buf, '\n')
			i++
			if i < len(data) && data[i] == '\n' {
				i++
			}
			seg = i
		}
	}
	// The end of the document.
	if quote == 0 {
		return t.fail("unexpected EOF in CDATA section", i)
	}
	if quote > 0 {
		return t.fail(unexpectedEOF, i)
	}
	end = i
done:
	t.pos = i
	if copying {
		t.buf = append(t.buf, data[seg:end]...)
		t.text = t.buf
	} else {
		t.text = data[start:end]
	}
	t.decoded = copying
	return tokText
}

// inCharRange reports whether XML allows r in a document (its Char production).
func inCharRange(r rune) bool {
	return r >= 0x20 && r <= 0xD7FF || r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// entity decodes the entity reference at the start of s: a predefined entity or a
// character reference (decimal or hexadecimal, at most U+10FFFF). It returns the
// character and the length of the reference, 0 if it is none of these. A surrogate
// is read as U+FFFD, as encoding/xml reads it.
func entity(s []byte) (rune, int) {
	if len(s) > 1 && s[1] == '#' {
		base, i := rune(10), 2
		if len(s) > 2 && s[2] == 'x' {
			base, i = 16, 3
		}
		var v rune
		d0 := i
		for ; i < len(s); i++ {
			var d rune
			switch c := rune(s[i]); {
			case '0' <= c && c <= '9':
				d = c - '0'
			case base == 16 && 'a' <= c && c <= 'f':
				d = c - 'a' + 10
			case base == 16 && 'A' <= c && c <= 'F':
				d = c - 'A' + 10
			default:
				d = -1
			}
			if d < 0 {
				break
			}
			if v <= utf8.MaxRune {
				v = v*base + d
			}
		}
		if i == d0 || i >= len(s) || s[i] != ';' || v > utf8.MaxRune {
			return 0, 0
		}
		if !utf8.ValidRune(v) {
			v = utf8.RuneError
		}
		return v, i + 1
	}
	for _, e := range predefined {
		if len(s) > len(e.name) && string(s[1:1+len(e.name)]) == e.name {
			return e.r, 1 + len(e.name)
		}
	}
	return 0, 0
}

var predefined = [...]struct {
	name string
	r    rune
}{{"lt;", '<'}, {"gt;", '>'}, {"amp;", '&'}, {"apos;", '\''}, {"quot;", '"'}}

// readProcInst reads a processing instruction (t.pos is past "<"): a target, then
// anything up to "?>". The XML declaration must declare version 1.0, if any, and
// UTF-8, if any encoding.
func (t *tokenizer) readProcInst() tokKind {
	t.pos++ // '?'
	target, ok := t.readName()
	if !ok {
		if t.pos >= len(t.data) {
			return t.fail(unexpectedEOF, t.pos)
		}
		return t.fail("expected target name after <?", t.pos)
	}
	t.space()
	i := bytes.Index(t.data[t.pos:], []byte("?>"))
	if i < 0 {
		return t.fail(unexpectedEOF, len(t.data))
	}
	content := string(t.data[t.pos : t.pos+i])
	at := t.pos
	t.pos += i + 2
	if string(target) == "xml" {
		if v := declParam("version", content); v != "" && v != "1.0" {
			return t.fail("unsupported XML version "+strconv.Quote(v), at)
		}
		if e := declParam("encoding", content); e != "" && !strings.EqualFold(e, "utf-8") {
			return t.fail("unsupported encoding "+strconv.Quote(e), at)
		}
	}
	return tokOther
}

// declParam is the value of name="..." or name='...' in an XML declaration, as
// encoding/xml finds it: the first occurrence of name= followed by a quote, up to the
// next such quote; "" if none.
func declParam(name, s string) string {
	name += "="
	for i := 0; i < len(s); {
		k := strings.Index(s[i:], name)
		if k < 0 || i+k+len(name) >= len(s) {
			return ""
		}
		i += k + len(name)
		if q := s[i]; q == '"' || q == '\'' {
			if j := strings.IndexByte(s[i+1:], q); j >= 0 {
				return s[i+1 : i+1+j]
			}
			return ""
		}
		i++
	}
	return ""
}

// readBang reads what starts with "<!" (t.pos is at the '!'): a comment, a CDATA
// section or a directive.
func (t *tokenizer) readBang(start int) tokKind {
	data := t.data
	i := t.pos + 1
	if i >= len(data) {
		return t.fail(unexpectedEOF, i)
	}
	switch data[i] {
	case '-':
		i++
		if i >= len(data) {
			return t.fail(unexpectedEOF, i)
		}
		if data[i] != '-' {
			return t.fail("invalid sequence <!- not part of <!--", i)
		}
		i++
		k := bytes.Index(data[i:], []byte("--"))
		if k < 0 || i+k+2 >= len(data) {
			return t.fail(unexpectedEOF, len(data))
		}
		if data[i+k+2] != '>' {
			return t.fail(`invalid sequence "--" not allowed in comments`, i+k)
		}
		t.pos = i + k + 3
		return tokOther
	case '[':
		i++
		for k := 0; k < len("CDATA["); k++ {
			if i >= len(data) {
				return t.fail(unexpectedEOF, i)
			}
			if data[i] != "CDATA["[k] {
				return t.fail("invalid <![ sequence", start)
			}
			i++
		}
		t.pos = i
		return t.readText(0)
	}
	// A directive: <!DOCTYPE ...>, <!ENTITY ...>... up to the '>' that is in no quotes
	// and closes no '<' of its own; comments inside are skipped. The byte after "<!"
	// is part of the directive whatever it is.
	i++
	var quote byte
	depth := 0
	for {
		if i >= len(data) {
			return t.fail(unexpectedEOF, i)
		}
		c := data[i]
		i++
		if quote == 0 && c == '>' && depth == 0 {
			break
		}
	again:
		switch {
		case c == quote:
			quote = 0
		case quote != 0:
		case c == '\'' || c == '"':
			quote = c
		case c == '>':
			depth--
		case c == '<':
			for k := 0; k < len("!--"); k++ {
				if i >= len(data) {
					return t.fail(unexpectedEOF, i)
				}
				c = data[i]
				i++
				if c != "!--"[k] {
					depth++
					goto again
				}
			}
			k := bytes.Index(data[i:], []byte("-->"))
			if k < 0 {
				return t.fail(unexpectedEOF, len(data))
			}
			i += k + 3
		}
	}
	t.pos = i
	return tokOther
}
