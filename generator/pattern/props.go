package pattern

import (
	"sort"
	"strings"
	"unicode"
)

// property is what a Java \p{...} name stands for: its set of code points and,
// where one exists, the RE2 text that names the same set inside a class
// (frag) and of its complement (negFrag). An empty fragment means "write the
// set out"; the caller falls back to classFor.
type property struct {
	set     runeSet
	frag    string
	negFrag string
}

// posixNames are Java's POSIX classes, US-ASCII only unless the pattern sets
// UNICODE_CHARACTER_CLASS (which a model pattern cannot). Each equals the RE2
// ASCII class of the same name; checked by TestPOSIXTable.
var posixNames = map[string]struct {
	re2 string
	set runeSet
}{
	"ASCII":  {"ascii", span(0, 0x7f)},
	"Alnum":  {"alnum", normalize([]rrange{{'0', '9'}, {'A', 'Z'}, {'a', 'z'}})},
	"Alpha":  {"alpha", normalize([]rrange{{'A', 'Z'}, {'a', 'z'}})},
	"Blank":  {"blank", setOf(' ', '\t')},
	"Cntrl":  {"cntrl", normalize([]rrange{{0, 0x1f}, {0x7f, 0x7f}})},
	"Digit":  {"digit", span('0', '9')},
	"Graph":  {"graph", span(0x21, 0x7e)},
	"Lower":  {"lower", span('a', 'z')},
	"Print":  {"print", span(0x20, 0x7e)},
	"Punct":  {"punct", normalize([]rrange{{'!', '/'}, {':', '@'}, {'[', '`'}, {'{', '~'}})},
	"Space":  {"space", setOf(' ', '\t', '\n', 0x0b, '\f', '\r')},
	"Upper":  {"upper", span('A', 'Z')},
	"XDigit": {"xdigit", normalize([]rrange{{'0', '9'}, {'A', 'F'}, {'a', 'f'}})},
}

func goCategory(name string) property {
	return property{set: cat(name), frag: `\p{` + name + `}`, negFrag: `\P{` + name + `}`}
}

func plain(s runeSet) property { return property{set: s} }

// Sets that Java defines through java.lang.Character, on the Unicode tables
// of Go's unicode package (Unicode 15.0, the same edition as JDK 21).
func javaAlphabetic() runeSet {
	return cat("L").union(cat("Nl")).union(fromTable(unicode.Other_Alphabetic))
}
func javaLowerCase() runeSet { return cat("Ll").union(fromTable(unicode.Other_Lowercase)) }
func javaUpperCase() runeSet { return cat("Lu").union(fromTable(unicode.Other_Uppercase)) }

// whiteSpace is Java's \p{IsWhite_Space} (CharPredicates.WHITE_SPACE): the
// space, line and paragraph separators, \t..\r and U+0085. In Unicode 15.0
// these are exactly the 25 code points of the White_Space property:
// U+0009-000D, 0020, 0085, 00A0, 1680, 2000-200A, 2028, 2029, 202F, 205F, 3000.
func whiteSpace() runeSet {
	return cat("Z").union(span('\t', '\r')).union(single(0x85))
}

// javaWhitespace is Character.isWhitespace: separators other than the
// no-break spaces U+00A0, U+2007, U+202F, plus \t \n \x0B \f \r \x1C-\x1F.
// U+0085 is not in it.
func javaWhitespace() runeSet {
	return cat("Z").minus(setOf(0xa0, 0x2007, 0x202f)).union(span('\t', '\r')).union(span(0x1c, 0x1f))
}

func hexDigit() runeSet {
	return cat("Nd").union(normalize([]rrange{{'0', '9'}, {'A', 'F'}, {'a', 'f'}, {0xff10, 0xff19}, {0xff21, 0xff26}, {0xff41, 0xff46}}))
}

func nonCharacters() runeSet {
	rs := []rrange{{0xfdd0, 0xfdef}}
	for plane := rune(0); plane <= 0x10; plane++ {
		rs = append(rs, rrange{plane<<16 | 0xfffe, plane<<16 | 0xffff})
	}
	return normalize(rs)
}

func graph() runeSet {
	return cat("Zs").union(cat("Zl")).union(cat("Zp")).union(cat("Cc")).union(cat("Cs")).union(cat("Cn")).negate()
}
func blank() runeSet { return cat("Zs").union(single('\t')) }

// forProperty mirrors CharPredicates.forProperty (case-sensitive names):
// general categories, LC, LD, L1, all, the POSIX classes, and the
// java.lang.Character methods that have an exact set here.
func forProperty(name string) (property, bool) {
	if len(name) <= 2 && name != "LD" && name != "L1" {
		if _, ok := unicode.Categories[name]; ok {
			return goCategory(name), true
		}
	}
	if p, ok := posixNames[name]; ok {
		return property{set: p.set, frag: "[:" + p.re2 + ":]", negFrag: "[:^" + p.re2 + ":]"}, true
	}
	switch name {
	case "LD":
		return property{set: cat("L").union(cat("Nd")), frag: `\p{L}\p{Nd}`}, true
	case "L1":
		return property{set: span(0, 0xff), frag: `\x00-\x{FF}`}, true
	case "all":
		return property{set: allRunes(), frag: `\x00-\x{10FFFF}`}, true
	case "javaLowerCase":
		return plain(javaLowerCase()), true
	case "javaUpperCase":
		return plain(javaUpperCase()), true
	case "javaAlphabetic":
		return plain(javaAlphabetic()), true
	case "javaIdeographic":
		return plain(fromTable(unicode.Ideographic)), true
	case "javaTitleCase":
		return goCategory("Lt"), true
	case "javaDigit":
		return goCategory("Nd"), true
	case "javaDefined":
		return property{set: cat("Cn").negate(), frag: `\P{Cn}`, negFrag: `\p{Cn}`}, true
	case "javaLetter":
		return goCategory("L"), true
	case "javaLetterOrDigit":
		return property{set: cat("L").union(cat("Nd")), frag: `\p{L}\p{Nd}`}, true
	case "javaSpaceChar":
		return goCategory("Z"), true
	case "javaWhitespace":
		return plain(javaWhitespace()), true
	case "javaISOControl":
		return plain(normalize([]rrange{{0, 0x1f}, {0x7f, 0x9f}})), true
	}
	return property{}, false
}

// forUnicodeProperty mirrors CharPredicates.forUnicodeProperty, used for
// \p{IsX}: binary properties, then the Unicode flavour of the POSIX names,
// matched without regard to case.
func forUnicodeProperty(name string) (property, bool) {
	switch strings.ToUpper(name) {
	case "ALPHABETIC", "ALPHA":
		return plain(javaAlphabetic()), true
	case "ASSIGNED":
		return property{set: cat("Cn").negate(), frag: `\P{Cn}`, negFrag: `\p{Cn}`}, true
	case "CONTROL", "CNTRL":
		return goCategory("Cc"), true
	case "HEXDIGIT", "HEX_DIGIT", "XDIGIT":
		return plain(hexDigit()), true
	case "IDEOGRAPHIC":
		return plain(fromTable(unicode.Ideographic)), true
	case "JOINCONTROL", "JOIN_CONTROL":
		return plain(setOf(0x200c, 0x200d)), true
	case "LETTER":
		return goCategory("L"), true
	case "LOWERCASE", "LOWER":
		return plain(javaLowerCase()), true
	case "UPPERCASE", "UPPER":
		return plain(javaUpperCase()), true
	case "NONCHARACTERCODEPOINT", "NONCHARACTER_CODE_POINT":
		return plain(nonCharacters()), true
	case "TITLECASE":
		return goCategory("Lt"), true
	case "PUNCTUATION", "PUNCT":
		return goCategory("P"), true
	case "WHITESPACE", "WHITE_SPACE", "SPACE":
		return plain(whiteSpace()), true
	case "WORD":
		return plain(javaAlphabetic().union(cat("M")).union(cat("Nd")).union(cat("Pc")).union(setOf(0x200c, 0x200d))), true
	case "ALNUM":
		return plain(javaAlphabetic().union(cat("Nd"))), true
	case "DIGIT":
		return goCategory("Nd"), true
	case "BLANK":
		return plain(blank()), true
	case "GRAPH":
		return plain(graph()), true
	case "PRINT":
		return plain(graph().union(blank()).minus(cat("Cc"))), true
	}
	return property{}, false
}

var scriptNames = func() map[string]string {
	m := make(map[string]string, len(unicode.Scripts))
	for name := range unicode.Scripts {
		m[strings.ToUpper(name)] = name
	}
	return m
}()

// forScript mirrors Character.UnicodeScript.forName for the full script
// names (case-insensitive). The four-letter ISO 15924 aliases are not mapped.
func forScript(name string) (property, bool) {
	goName, ok := scriptNames[strings.ToUpper(name)]
	if !ok {
		return property{}, false
	}
	return property{set: fromTable(unicode.Scripts[goName]), frag: `\p{` + goName + `}`, negFrag: `\P{` + goName + `}`}, true
}

// javaPropertyName resolves the name of \p{name} as Pattern.family does.
// It returns the property, or why not: javaErr when Java itself rejects the
// name, unsupported when Java accepts it but it is not translated here.
func javaPropertyName(name string) (p property, unsupported, javaErr string) {
	if i := strings.IndexByte(name, '='); i >= 0 {
		key, value := strings.ToLower(name[:i]), name[i+1:]
		var ok bool
		switch key {
		case "sc", "script":
			if p, ok = forScript(value); ok {
				return p, "", ""
			}
			return p, `script \p{` + name + `} not translated (only full script names are)`, ""
		case "gc", "general_category":
			if p, ok = forProperty(value); ok {
				return p, "", ""
			}
			return p, "", "unknown Unicode property " + name
		case "blk", "block":
			return p, `Unicode block \p{` + name + `} has no RE2 equivalent`, ""
		}
		return p, "", "unknown Unicode property " + name
	}
	switch {
	case strings.HasPrefix(name, "In"):
		return property{}, `Unicode block \p{` + name + `} has no RE2 equivalent`, ""
	case strings.HasPrefix(name, "Is"):
		short := name[2:]
		if p, ok := forUnicodeProperty(short); ok {
			return p, "", ""
		}
		if isEmojiProperty(short) {
			return property{}, `\p{` + name + `} (emoji property) has no RE2 equivalent`, ""
		}
		if p, ok := forProperty(short); ok {
			return p, "", ""
		}
		if p, ok := forScript(short); ok {
			return p, "", ""
		}
		return property{}, `\p{` + name + `} not translated`, ""
	}
	if p, ok := forProperty(name); ok {
		return p, "", ""
	}
	if strings.HasPrefix(name, "java") {
		return property{}, `\p{` + name + `} not translated`, ""
	}
	return property{}, "", "unknown character property " + name
}

func isEmojiProperty(name string) bool {
	switch strings.ToUpper(name) {
	case "EMOJI", "EMOJI_PRESENTATION", "EMOJIPRESENTATION", "EMOJI_MODIFIER", "EMOJIMODIFIER",
		"EMOJI_MODIFIER_BASE", "EMOJIMODIFIERBASE", "EMOJI_COMPONENT", "EMOJICOMPONENT",
		"EXTENDED_PICTOGRAPHIC", "EXTENDEDPICTOGRAPHIC":
		return true
	}
	return false
}

// sortedKeys is used by tests to walk the POSIX table in a stable order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
