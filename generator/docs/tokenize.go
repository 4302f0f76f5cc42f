package docs

import "strings"

// tagKind says what a recognised tag does to the document structure.
type tagKind uint8

const (
	tagInline  tagKind = iota + 1 // dropped, its text kept: b, i, code spans, span ...
	tagBlock                      // paragraph break: p, div, br, note, important ...
	tagCell                       // table cell: a space
	tagHeading                    // h1 ... h6
	tagList                       // ul, ol, dl
	tagItem                       // li, dt
	tagDefDesc                    // dd: a new paragraph inside the item
	tagPre                        // pre
	tagCode                       // code: inline, or a code block when it spans lines
	tagLink                       // a
	tagComment                    // <!-- ... -->
)

// tags is the set of names treated as tags. Any other name in angle
// brackets (<region>, <account-id>, <N>) is text. The set is the HTML
// formatting vocabulary plus the tags AWS models use; it leaves out HTML
// element names that are also common placeholder words (title, name, data,
// time, input, output, source, label).
var tags = map[string]tagKind{
	"a": tagLink,

	"abbr": tagInline, "acronym": tagInline, "b": tagInline, "big": tagInline,
	"cite": tagInline, "del": tagInline, "dfn": tagInline, "em": tagInline,
	"font": tagInline, "i": tagInline, "img": tagInline, "ins": tagInline,
	"kbd": tagInline, "mark": tagInline, "q": tagInline, "s": tagInline,
	"samp": tagInline, "small": tagInline, "span": tagInline, "strike": tagInline,
	"strong": tagInline, "sub": tagInline, "sup": tagInline, "tt": tagInline,
	"u": tagInline, "var": tagInline, "wbr": tagInline,
	"replaceable": tagInline, "zonbook": tagInline, "xhtml": tagInline,

	"p": tagBlock, "div": tagBlock, "br": tagBlock, "hr": tagBlock,
	"blockquote": tagBlock, "center": tagBlock, "caption": tagBlock,
	"table": tagBlock, "thead": tagBlock, "tbody": tagBlock, "tfoot": tagBlock,
	"tr": tagBlock, "note": tagBlock, "important": tagBlock, "fullname": tagBlock,

	"td": tagCell, "th": tagCell,

	"h1": tagHeading, "h2": tagHeading, "h3": tagHeading,
	"h4": tagHeading, "h5": tagHeading, "h6": tagHeading,

	"ul": tagList, "ol": tagList, "dl": tagList,
	"li": tagItem, "dt": tagItem,
	"dd":   tagDefDesc,
	"pre":  tagPre,
	"code": tagCode,
}

// maxTagName is the length of the longest name in tags.
const maxTagName = len("replaceable")

// tag is one recognised tag.
type tag struct {
	kind        tagKind
	name        string // lists, code and pre only (see tagName)
	closing     bool   // </name>
	selfClosing bool   // <name/>
	attrs       string // raw text between the name and '>'
}

// scanner finds tags in one input. It keeps what it learnt about the
// rest of the input so that malformed input cannot make it rescan the
// same bytes over and over: every scan is linear in the input length.
type scanner struct {
	src          string
	noCommentEnd bool // no "-->" after the last failed search
	plainScan    bool // a quoted attribute value was unterminated: stop honouring quotes
}

// scanTag tries to read a tag starting at src[i] == '<'. It returns the
// tag and the index just after its '>'.
func (sc *scanner) scanTag(i int) (t tag, end int, ok bool) {
	s := sc.src
	p := i + 1
	if p >= len(s) {
		return t, 0, false
	}
	if s[p] == '!' {
		if !strings.HasPrefix(s[p:], "!--") || sc.noCommentEnd {
			return t, 0, false
		}
		k := strings.Index(s[p+3:], "-->")
		if k < 0 {
			sc.noCommentEnd = true
			return t, 0, false
		}
		return tag{kind: tagComment}, p + 3 + k + 3, true
	}
	if s[p] == '/' {
		t.closing = true
		p++
	}
	if p >= len(s) || !isASCIILetter(s[p]) {
		return t, 0, false
	}
	q := p
	for q < len(s) && q-p <= maxTagName && (isASCIILetter(s[q]) || isASCIIDigit(s[q])) {
		q++
	}
	if q-p > maxTagName || q >= len(s) {
		return t, 0, false
	}
	switch s[q] {
	case ' ', '\t', '\n', '\r', '\f', '/', '>':
	default:
		return t, 0, false
	}
	var lower [maxTagName]byte
	for k := p; k < q; k++ {
		lower[k-p] = toLowerASCII(s[k])
	}
	kind, known := tags[string(lower[:q-p])]
	if !known {
		return t, 0, false
	}
	gt := sc.tagEnd(q)
	if gt < 0 {
		return t, 0, false
	}
	t.kind = kind
	t.name = tagName(lower[:q-p])
	t.attrs = s[q:gt]
	t.selfClosing = !t.closing && gt > q && s[gt-1] == '/'
	return t, gt + 1, true
}

// tagName returns the name of the tags whose end tag must match (lists,
// code and pre), without allocating.
func tagName(lower []byte) string {
	switch string(lower) {
	case "ul":
		return "ul"
	case "ol":
		return "ol"
	case "dl":
		return "dl"
	case "pre":
		return "pre"
	case "code":
		return "code"
	}
	return ""
}

// tagEnd returns the index of the '>' that ends a tag whose attributes
// start at from, or -1. A '<' before the '>' (outside a quoted attribute
// value) means this was not a tag, which keeps "a <b and c" as text
// instead of swallowing everything up to the next tag.
func (sc *scanner) tagEnd(from int) int {
	s := sc.src
	jumped := false
	for k := from; k < len(s); k++ {
		switch s[k] {
		case '>':
			return k
		case '<':
			if jumped {
				// A failed scan that skipped a quoted value may have
				// crossed later tags; never do that again.
				sc.plainScan = true
			}
			return -1
		case '=':
			if sc.plainScan {
				continue
			}
			v := k + 1
			for v < len(s) && (s[v] == ' ' || s[v] == '\t' || s[v] == '\n' || s[v] == '\r') {
				v++
			}
			if v < len(s) && (s[v] == '"' || s[v] == '\'') {
				e := strings.IndexByte(s[v+1:], s[v])
				if e < 0 {
					// Unterminated value: fall back to plain scanning
					// for the rest of the input.
					sc.plainScan = true
					continue
				}
				k = v + 1 + e
				jumped = true
			}
		}
	}
	if jumped {
		sc.plainScan = true
	}
	return -1
}

// attr returns the value of the named attribute (lower-case name) from the
// raw attribute text of a tag, entities not yet decoded.
func attr(attrs, name string) (string, bool) {
	s := attrs
	for len(s) > 0 {
		// skip to a name
		i := 0
		for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == '\f' || s[i] == '/') {
			i++
		}
		s = s[i:]
		if s == "" {
			break
		}
		j := 0
		for j < len(s) && s[j] != '=' && s[j] != ' ' && s[j] != '\t' && s[j] != '\n' && s[j] != '\r' && s[j] != '\f' && s[j] != '/' {
			j++
		}
		if j == 0 {
			j = 1 // a stray '=': skip it
		}
		key := s[:j]
		s = s[j:]
		k := 0
		for k < len(s) && (s[k] == ' ' || s[k] == '\t' || s[k] == '\n' || s[k] == '\r') {
			k++
		}
		var val string
		hasVal := false
		if k < len(s) && s[k] == '=' {
			s = s[k+1:]
			k = 0
			for k < len(s) && (s[k] == ' ' || s[k] == '\t' || s[k] == '\n' || s[k] == '\r') {
				k++
			}
			s = s[k:]
			hasVal = true
			if s != "" && (s[0] == '"' || s[0] == '\'') {
				e := strings.IndexByte(s[1:], s[0])
				if e < 0 {
					val, s = s[1:], ""
				} else {
					val, s = s[1:1+e], s[2+e:]
				}
			} else {
				e := 0
				for e < len(s) && s[e] != ' ' && s[e] != '\t' && s[e] != '\n' && s[e] != '\r' {
					e++
				}
				val, s = s[:e], s[e:]
			}
		}
		if hasVal && strings.EqualFold(key, name) {
			return val, true
		}
	}
	return "", false
}

func isASCIILetter(b byte) bool { return 'a' <= b|0x20 && b|0x20 <= 'z' }
func isASCIIDigit(b byte) bool  { return '0' <= b && b <= '9' }

func toLowerASCII(b byte) byte {
	if 'A' <= b && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}
