package docs

import (
	"bytes"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// width is the column at which paragraphs are wrapped. Words longer than
// a line (URLs) are never split.
const width = 80

// render writes the blocks to c.out in the canonical form of gofmt'ed doc
// comments: blank lines between blocks, "  - " and " 1. " list items with
// 4-space continuation lines, tab-indented code blocks, "# " headings, and
// the link definitions last.
func (c *conv) render() {
	out := c.out[:0]
	blocks := c.blocks
	for k := 0; k < len(blocks); {
		if len(out) > 0 {
			out = append(out, '\n', '\n')
		}
		b := blocks[k]
		switch {
		case b.inList:
			m := k + 1
			for m < len(blocks) && blocks[m].inList {
				m++
			}
			out = c.renderList(out, blocks[k:m])
			k = m
			continue
		case b.kind == blockHeading:
			out = append(out, '#', ' ')
			out = appendOneLine(out, c.text[b.start:b.end])
		case b.kind == blockCode:
			out = appendCode(out, c.text[b.start:b.end])
		default:
			start := len(out)
			out = wrap(out, c.text[b.start:b.end], "", "", false)
			// gofmt turns a one-line paragraph that looks like a title
			// into a heading; do it here so the text is a fixed point.
			nextUnindented := (k+1 < len(blocks) && !blocks[k+1].inList && blocks[k+1].kind != blockCode) ||
				(k+1 == len(blocks) && len(c.defs) > 0)
			if start > 0 && nextUnindented && bytes.IndexByte(out[start:], '\n') < 0 && isOldHeading(string(out[start:])) {
				out = append(out, "# "...)
				copy(out[start+2:], out[start:len(out)-2])
				copy(out[start:], "# ")
			}
		}
		k++
	}
	if len(c.defs) > 0 && len(out) > 0 {
		out = append(out, '\n')
		for _, d := range c.defs {
			out = append(out, '\n', '[')
			out = append(out, c.text[d.start:d.end]...)
			out = append(out, ']', ':', ' ')
			out = append(out, d.url...)
		}
	}
	c.out = sanitize(out)
}

// renderList writes a run of list paragraphs as one godoc list. Items with
// several paragraphs make the list loose: a blank line between items.
func (c *conv) renderList(out []byte, blocks []block) []byte {
	loose := false
	for i := 1; i < len(blocks); i++ {
		if !blocks[i].newItem {
			loose = true
			break
		}
	}
	for i, b := range blocks {
		text := c.text[b.start:b.end]
		if i > 0 {
			out = append(out, '\n')
			if loose || !b.newItem {
				out = append(out, '\n')
			}
		}
		const cont = "    "
		if i > 0 && !b.newItem {
			out = wrap(out, text, cont, cont, true)
			continue
		}
		marker := "  - "
		if b.ordered {
			n := b.number
			if !b.newItem {
				n = 1 // text before the first <li>
			}
			marker = " " + strconv.Itoa(n) + ". "
		}
		out = wrap(out, text, marker, cont, true)
	}
	return out
}

// wrap writes the words of text (separated by ' ', or '\n' for a forced
// line break) in lines of at most width columns, the first line prefixed
// with first and the others with rest.
func wrap(out, text []byte, first, rest string, inList bool) []byte {
	out = append(out, first...)
	col := utf8.RuneCountInString(first)
	prefixEmpty := first == ""
	lineEmpty := true
	simple := wrapFastPath && isSimple(text)
	for i := 0; i < len(text); {
		if simple && !lineEmpty && text[i] == ' ' && col < width {
			// Fast path for ASCII text without forced breaks: copy all
			// the words that fit on the line at once.
			avail := width - col
			rest := text[i:]
			cut := len(rest)
			if cut > avail {
				cut = bytes.LastIndexByte(rest[:avail+1], ' ')
			}
			if cut > 0 {
				out = append(out, rest[:cut]...)
				col += cut
				i += cut
				if i >= len(text) {
					break
				}
			}
		}
		hard := false
		for i < len(text) && (text[i] == ' ' || text[i] == '\n') {
			hard = hard || text[i] == '\n'
			i++
		}
		if i >= len(text) {
			break
		}
		j, n := i, 0
		for j < len(text) && text[j] != ' ' && text[j] != '\n' {
			if text[j]&0xc0 != 0x80 { // not a UTF-8 continuation byte
				n++
			}
			j++
		}
		w := text[i:j]
		i = j
		if !lineEmpty {
			if hard || (col+1+n > width && !noLineStart(w, inList)) {
				out = append(out, '\n')
				out = append(out, rest...)
				col = utf8.RuneCountInString(rest)
				prefixEmpty = rest == ""
				lineEmpty = true
			} else {
				out = append(out, ' ')
				col++
			}
		}
		if lineEmpty && prefixEmpty && len(w) >= 2 && w[0] == '/' && (w[1] == '/' || w[1] == '*') {
			// A line may not start with "//" (nor "/*"): it would end
			// the text or turn it into a comment marker when pasted.
			out = append(out, '/', ' ')
			w = w[1:]
			col += 1
		}
		out = append(out, w...)
		col += n
		lineEmpty = false
	}
	return out
}

// wrapFastPath enables the line-at-a-time copy in wrap; tests turn it off
// to check that it gives the same result as the word-by-word path.
var wrapFastPath = true

// isSimple reports whether text is ASCII without forced line breaks, so
// that columns are bytes.
func isSimple(text []byte) bool {
	for _, b := range text {
		if b >= utf8.RuneSelf || b == '\n' {
			return false
		}
	}
	return true
}

// noLineStart reports words that must not begin a line: in a list, a
// word that godoc would read as a list marker starts a new item.
func noLineStart(w []byte, inList bool) bool {
	if len(w) >= 2 && w[0] == '/' && (w[1] == '/' || w[1] == '*') {
		return true
	}
	if !inList {
		return false
	}
	switch string(w) {
	case "-", "*", "+", "•":
		return true
	}
	k := 0
	for k < len(w) && isASCIIDigit(w[k]) {
		k++
	}
	return k > 0 && k == len(w)-1 && (w[k] == '.' || w[k] == ')')
}

// appendOneLine writes text with its forced line breaks made spaces.
func appendOneLine(out, text []byte) []byte {
	for _, b := range text {
		if b == '\n' {
			b = ' '
		}
		out = append(out, b)
	}
	return out
}

// appendCode writes a code block: blank lines at either end dropped, the
// common indentation removed (godoc would remove it), each line indented
// by a tab, trailing blanks trimmed.
func appendCode(out, text []byte) []byte {
	var prefix []byte
	first := true
	for rest := text; len(rest) > 0; {
		line := cutLine(&rest)
		line = bytes.TrimRight(line, " \t")
		if len(line) == 0 {
			continue
		}
		lead := line[:len(line)-len(bytes.TrimLeft(line, " \t"))]
		if first {
			prefix, first = lead, false
			continue
		}
		n := 0
		for n < len(prefix) && n < len(lead) && prefix[n] == lead[n] {
			n++
		}
		prefix = prefix[:n]
	}
	start := len(out)
	blank := 0 // blank lines not yet written
	for rest := text; len(rest) > 0; {
		line := bytes.TrimRight(cutLine(&rest), " \t")
		if len(line) == 0 {
			if len(out) > start {
				blank++
			}
			continue
		}
		if len(out) > start {
			out = append(out, '\n')
		}
		for ; blank > 0; blank-- {
			out = append(out, '\n')
		}
		out = append(out, '\t')
		out = append(out, line[len(prefix):]...)
	}
	return out
}

func cutLine(rest *[]byte) []byte {
	s := *rest
	if i := bytes.IndexByte(s, '\n'); i >= 0 {
		*rest = s[i+1:]
		return s[:i]
	}
	*rest = nil
	return s
}

// sanitize breaks every "*/" so the text can sit in a /* */ comment.
func sanitize(out []byte) []byte {
	if bytes.Index(out, []byte("*/")) < 0 {
		return out
	}
	return bytes.ReplaceAll(out, []byte("*/"), []byte("* /"))
}

// isOldHeading is go/doc/comment's rule for a one-line paragraph that
// gofmt rewrites as a "# " heading (the pre-Go 1.19 implicit headings).
func isOldHeading(line string) bool {
	line = strings.TrimSpace(line)
	r, _ := utf8.DecodeRuneInString(line)
	if !unicode.IsLetter(r) || !unicode.IsUpper(r) {
		return false
	}
	r, _ = utf8.DecodeLastRuneInString(line)
	if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
		return false
	}
	if strings.ContainsAny(line, ";:!?+*/=[]{}_^°&§~%#@<\">\\") {
		return false
	}
	for b := line; ; {
		var ok bool
		if _, b, ok = strings.Cut(b, "'"); !ok {
			break
		}
		if b != "s" && !strings.HasPrefix(b, "s ") {
			return false
		}
	}
	for b := line; ; {
		var ok bool
		if _, b, ok = strings.Cut(b, "."); !ok {
			break
		}
		if b == "" || strings.HasPrefix(b, " ") {
			return false
		}
	}
	return true
}

// summary returns the first sentence of the first text paragraph.
func (c *conv) summary() string {
	for _, b := range c.blocks {
		if b.kind != blockPara {
			continue
		}
		// the paragraph's text without link brackets and suffixes
		out := c.out[:0]
		spans := c.spans
		for len(spans) > 0 && spans[0].close < b.start {
			spans = spans[1:]
		}
		for i := b.start; i < b.end; i++ {
			if len(spans) > 0 && i >= spans[0].open {
				switch {
				case i == spans[0].open:
					continue
				case i >= spans[0].suffix && i < spans[0].close:
					continue
				case i == spans[0].close:
					spans = spans[1:]
					continue
				}
			}
			ch := c.text[i]
			if ch == '\n' {
				ch = ' '
			}
			out = append(out, ch)
		}
		out = out[:firstSentence(out)]
		if len(out) >= 2 && out[0] == '/' && (out[1] == '/' || out[1] == '*') {
			out = append(out, 0)
			copy(out[2:], out[1:])
			out[1] = ' '
		}
		c.out = sanitize(out)
		return string(c.out)
	}
	return ""
}

// firstSentence returns the length of the first sentence of s: up to a
// '.', '!' or '?' followed by a space or the end, where a '.' does not end
// an initial ("F. Scott") or the abbreviations e.g., i.e. and vs.
func firstSentence(s []byte) int {
	for i, ch := range s {
		if ch != '.' && ch != '!' && ch != '?' {
			continue
		}
		if i+1 < len(s) && s[i+1] != ' ' {
			continue
		}
		if ch == '.' {
			w := i
			for w > 0 && s[w-1] != ' ' {
				w--
			}
			word := string(s[w : i+1])
			if len(word) == 2 && 'A' <= word[0] && word[0] <= 'Z' {
				continue
			}
			switch strings.ToLower(strings.TrimLeft(word, "(")) {
			case "e.g.", "i.e.", "vs.":
				continue
			}
		}
		return i + 1
	}
	return len(s)
}
