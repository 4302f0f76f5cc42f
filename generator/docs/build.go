package docs

import (
	"html"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The builder turns the token stream into blocks. Text is normalised as it
// arrives: whitespace runs become one space, a forced line break is '\n',
// entities are decoded, and characters that do not belong in Go source are
// dropped. Every block is a byte range of conv.text.

type blockKind uint8

const (
	blockPara blockKind = iota
	blockHeading
	blockCode
)

type block struct {
	kind       blockKind
	start, end int  // range of conv.text
	inList     bool // a paragraph of a list item
	newItem    bool // the first paragraph of a list item
	ordered    bool // the list it belongs to is numbered
	number     int  // item number when newItem and ordered
}

// listFrame is one open <ul>, <ol> or <dl>.
type listFrame struct {
	name     string // "ul", "ol", "dl"
	ordered  bool
	next     int  // number of the next item of an <ol>
	implicit bool // opened by a stray <li>
}

// linkDef is one "[text]: URL" definition; its text is in conv.text.
type linkDef struct {
	start, base, end int // text is [start:end], before any " (n)" suffix [start:base]
	url              string
}

// linkSpan records where a doc link's brackets (and a " (2)" suffix) are
// in conv.text, so that Summary can drop them.
type linkSpan struct{ open, suffix, close int }

type mode uint8

const (
	modeText mode = iota
	modeHeading
	modeCode
)

type conv struct {
	sc     scanner
	text   []byte
	blocks []block
	out    []byte

	// the block being built
	cur          block
	open         bool // cur has content
	pendingSpace bool // whitespace seen since the last character
	afterBracket bool // the last character written is a link's '['

	// lists: godoc has a single list level, so nested lists of the kind of
	// the outermost one (the group) add items to it, and nested lists of
	// the other kind become lines inside the current item.
	stack        []listFrame
	groupOpen    bool // a list group is open: adjacent lists join it
	groupOrdered bool
	itemPending  bool // an item started, its first paragraph not yet
	itemFrame    int  // stack index of the pending item's list

	mode       mode
	codeEnd    string // "pre" or "code": the end tag of a code block
	codeInList bool   // a <pre> inside a list: lines of the item instead

	// what the "</code>" look-ahead learnt (see codeSpansLines)
	codeClose     int // index of the next "</code>", valid if > 0
	codeLastNL    int // last '\n' before the content's last non-space, or -1
	codeCloseNone bool

	// the open <a>
	link      bool
	linkOpen  int    // index of '[' (doc link) or start of the link text
	linkURL   string // doc link target
	linkPlain string // href that is not a doc link target (relative ...)
	linkSpace bool   // whitespace was pending when the plain link opened

	defs     []linkDef
	byText   map[string]int // def text to index, once there are many defs
	byTarget map[string]int // URL and text before the suffix to index, idem
	dupNext  map[string]int // next " (n)" suffix to try for a link text
	spans    []linkSpan

	tagCount int // recognised tags, comments excluded
	newlines int // line breaks in the current run of whitespace

	tickPair int // end of a curly quote just written for two backticks, else -1
}

// reset prepares c for a new input, keeping its buffers.
func (c *conv) reset(src string) {
	*c = conv{
		sc:         scanner{src: src},
		text:       c.text[:0],
		blocks:     c.blocks[:0],
		out:        c.out[:0],
		stack:      c.stack[:0],
		defs:       c.defs[:0],
		spans:      c.spans[:0],
		byText:     resetMap(c.byText),
		byTarget:   resetMap(c.byTarget),
		dupNext:    resetMap(c.dupNext),
		codeLastNL: -1,
		tickPair:   -1,
	}
}

func resetMap(m map[string]int) map[string]int {
	if len(m) > 64 {
		return nil // do not keep clearing a map a huge input made big
	}
	clear(m)
	return m
}

// convert builds the blocks of src.
func (c *conv) convert(src string) {
	c.reset(src)
	c.parse(src)
	if c.tagCount == 0 && doubleEscaped(src) {
		// Some models escape their HTML twice (&lt;p&gt;...&lt;/p&gt;).
		c.reset(src)
		src = html.UnescapeString(src)
		c.sc.src = src
		c.parse(src)
	}
}

// doubleEscaped reports whether s starts with an escaped block tag such
// as "&lt;p&gt;". Only used when s has no tag at all.
func doubleEscaped(s string) bool {
	s = strings.TrimLeft(s, " \t\r\n")
	if !strings.HasPrefix(s, "&lt;") {
		return false
	}
	s = s[len("&lt;"):]
	end := strings.Index(s, "&gt;")
	if end < 1 || end > maxTagName {
		return false
	}
	name := strings.ToLower(s[:end])
	switch tags[name] {
	case tagBlock, tagList, tagHeading, tagPre:
		return true
	}
	return false
}

func (c *conv) parse(s string) {
	i, textStart := 0, 0
	for i < len(s) {
		j := strings.IndexByte(s[i:], '<')
		if j < 0 {
			break
		}
		i += j
		t, end, ok := c.sc.scanTag(i)
		if !ok {
			i++
			continue
		}
		c.addText(s[textStart:i])
		c.handleTag(t, end)
		i, textStart = end, end
	}
	c.addText(s[textStart:])
	c.finish()
}

// ---- text ----

func (c *conv) addText(seg string) {
	if seg == "" {
		return
	}
	if strings.IndexByte(seg, '&') >= 0 {
		seg = html.UnescapeString(seg)
	}
	if c.mode == modeCode && !c.codeInList {
		c.addCode(seg)
		return
	}
	keepLines := c.mode == modeCode // a <pre> inside a list item
	for i := 0; i < len(seg); {
		b := seg[i]
		if plainByte[b] {
			j := i + 1
			for j < len(seg) && (plainByte[seg[j]] || seg[j] == ' ' && j+1 < len(seg) && plainByte[seg[j+1]]) {
				j++
			}
			c.beforeContent()
			c.text = append(c.text, seg[i:j]...)
			i = j
			continue
		}
		if b < utf8.RuneSelf {
			i++
			switch {
			case b == '\n' && keepLines:
				c.hardBreak()
			case b == '\n':
				// A blank line separates paragraphs.
				if c.newlines++; c.newlines == 2 {
					c.finish()
				}
				c.pendingSpace = true
			case b == ' ' || b == '\t' || b == '\r' || b == '\f' || b == '\v':
				c.pendingSpace = true
			case b < 0x20 || b == 0x7f:
				// control character: not in Go source
			case b == '`' || b == '\'':
				c.beforeContent()
				c.quote(b)
			default:
				c.beforeContent()
				if c.link && c.linkPlain == "" {
					b = unbracket(b)
				}
				c.text = append(c.text, b)
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(seg[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			r = utf8.RuneError // invalid UTF-8 becomes U+FFFD
		case unicode.IsSpace(r):
			c.pendingSpace = true
			continue
		case dropRune(r):
			continue
		}
		c.beforeContent()
		c.text = utf8.AppendRune(c.text, r)
	}
}

// plainByte marks the ASCII bytes addText copies as they are: printable,
// and neither a quote nor a bracket.
var plainByte = func() (t [256]bool) {
	for b := '!'; b <= '~'; b++ {
		t[b] = true
	}
	t['`'], t['\''], t['['], t[']'] = false, false, false, false
	return t
}()

// quote writes a backtick or an apostrophe the way godoc reads them: a
// pair of backticks is an opening curly quote, two apostrophes a closing
// one, and runs of three or more backticks stay as they are. Writing the
// curly quotes here keeps the output unchanged by gofmt.
func (c *conv) quote(b byte) {
	t, n := c.text, len(c.text)
	last := byte(0)
	if n > c.cur.start {
		last = t[n-1]
	}
	switch {
	case b == '\'' && last == '\'':
		// Apostrophes that godoc paired are no longer apostrophes.
		c.text = append(t[:n-1], "”"...)
	case b == '\'':
		c.text = append(t, b)
	case c.tickPair == n:
		// A third backtick: the run stays as it is.
		c.text = append(t[:n-len("“")], "```"...)
		c.tickPair = -1
	case last == '`' && !(n-2 >= c.cur.start && t[n-2] == '`'):
		c.text = append(t[:n-1], "“"...)
		c.tickPair = len(c.text)
	default:
		c.text = append(t, b)
	}
}

// addCode appends the text of a code block as it is: lines, tabs and
// spaces kept, other whitespace made a space, control characters dropped.
func (c *conv) addCode(seg string) {
	c.ensure()
	for i := 0; i < len(seg); {
		b := seg[i]
		if b < utf8.RuneSelf {
			i++
			switch {
			case b == '\n' || b == '\t':
				c.text = append(c.text, b)
			case b == '\r':
			case b == '\f' || b == '\v':
				c.text = append(c.text, ' ')
			case b < 0x20 || b == 0x7f:
			default:
				c.text = append(c.text, b)
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(seg[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			r = utf8.RuneError
		case unicode.IsSpace(r):
			if r == '\u2028' || r == '\u2029' || r == '\u0085' {
				r = '\n'
			} else {
				r = ' '
			}
		case dropRune(r):
			continue
		}
		c.text = utf8.AppendRune(c.text, r)
	}
}

// dropRune reports characters that have no place in a Go comment: C0 and
// C1 controls, the byte order mark, and bidirectional overrides.
func dropRune(r rune) bool {
	switch {
	case r < 0x20 || r == 0x7f || (0x80 <= r && r < 0xa0):
		return true
	case r == '\ufeff':
		return true
	case 0x202a <= r && r <= 0x202e, 0x2066 <= r && r <= 0x2069:
		return true
	}
	return false
}

// unbracket keeps square brackets out of doc link text.
func unbracket(b byte) byte {
	switch b {
	case '[':
		return '('
	case ']':
		return ')'
	}
	return b
}

// ensure opens a block for content that is about to be written.
func (c *conv) ensure() {
	if c.open {
		return
	}
	c.open = true
	inList := len(c.stack) > 0
	c.cur = block{start: len(c.text), inList: inList, ordered: c.groupOrdered}
	if !inList {
		c.groupOpen = false
		switch c.mode {
		case modeHeading:
			c.cur.kind = blockHeading
		case modeCode:
			c.cur.kind = blockCode
		}
		return
	}
	if c.itemPending {
		c.itemPending = false
		c.cur.newItem = true
		if c.groupOrdered && c.itemFrame < len(c.stack) {
			f := &c.stack[c.itemFrame]
			c.cur.number = f.next
			f.next++
		}
	}
}

// beforeContent opens a block if needed and writes a pending space.
func (c *conv) beforeContent() {
	c.ensure()
	if c.pendingSpace {
		c.pendingSpace = false
		switch n := len(c.text); {
		case c.afterBracket:
			// Whitespace at the start of a link's text goes before '['.
			if n-1 > c.cur.start && c.text[n-2] != ' ' && c.text[n-2] != '\n' {
				c.text = append(c.text[:n-1], ' ', '[')
				c.linkOpen++
			}
		case n > c.cur.start && c.text[n-1] != '\n':
			c.text = append(c.text, ' ')
		}
	}
	c.afterBracket = false
	c.newlines = 0
}

// writeWord writes a word produced by the converter (a list marker, an
// href), dropping what addText would drop.
func (c *conv) writeWord(w string) {
	c.beforeContent()
	for _, r := range w {
		switch {
		case unicode.IsSpace(r):
			c.text = append(c.text, "%20"...)
		case dropRune(r):
		default:
			c.text = utf8.AppendRune(c.text, r)
		}
	}
}

// hardBreak starts a new line inside the current paragraph.
func (c *conv) hardBreak() {
	c.pendingSpace = false
	if !c.open || len(c.text) == c.cur.start {
		return
	}
	if c.link {
		c.closeLink()
	}
	if c.text[len(c.text)-1] != '\n' {
		c.text = append(c.text, '\n')
	}
}

// finish ends the current block.
func (c *conv) finish() {
	if c.open {
		if c.link {
			c.closeLink()
		}
		if c.cur.kind != blockCode {
			for len(c.text) > c.cur.start && c.text[len(c.text)-1] == '\n' {
				c.text = c.text[:len(c.text)-1]
			}
		}
		c.cur.end = len(c.text)
		if c.cur.kind == blockCode && isBlank(string(c.text[c.cur.start:c.cur.end])) {
			c.text = c.text[:c.cur.start]
		} else if c.cur.end > c.cur.start {
			c.blocks = append(c.blocks, c.cur)
		}
		c.open = false
	}
	c.link = false
	c.pendingSpace = false
	c.afterBracket = false
}

// ---- tags ----

func (c *conv) handleTag(t tag, end int) {
	if t.kind != tagComment {
		c.tagCount++
	}
	if c.mode == modeCode {
		c.codeTag(t)
		return
	}
	switch t.kind {
	case tagBlock, tagDefDesc:
		c.finish()
	case tagCell:
		c.pendingSpace = true
	case tagHeading:
		c.finish()
		switch {
		case t.closing:
			if c.mode == modeHeading {
				c.mode = modeText
			}
		case !t.selfClosing && len(c.stack) == 0:
			c.mode = modeHeading
		}
	case tagList:
		if !t.closing {
			c.pushList(t)
		}
		if t.closing || t.selfClosing {
			c.popList(t.name)
		}
	case tagItem:
		if !t.closing {
			c.startItem()
		}
		if t.closing || t.selfClosing {
			c.endItem()
		}
	case tagPre:
		if !t.closing && !t.selfClosing {
			c.startCode("pre")
		} else {
			c.finish()
		}
	case tagCode:
		if !t.closing && !t.selfClosing && c.codeSpansLines(end) {
			c.startCode("code")
		}
	case tagLink:
		if !t.closing {
			c.openLink(t.attrs)
		}
		if t.closing || t.selfClosing {
			c.closeLink()
		}
	}
}

// codeTag handles a tag inside a code block: only line breaks matter.
func (c *conv) codeTag(t tag) {
	if t.closing && t.name == c.codeEnd {
		c.finish()
		c.mode = modeText
		return
	}
	switch t.kind {
	case tagBlock, tagItem, tagDefDesc, tagHeading:
		if c.codeInList {
			c.hardBreak()
		} else if c.open {
			c.text = append(c.text, '\n')
		}
	}
}

func (c *conv) startCode(end string) {
	c.finish()
	c.mode = modeCode
	c.codeEnd = end
	c.codeInList = len(c.stack) > 0
}

// codeSpansLines reports whether the <code> element whose content starts
// at from has text on more than one line. The "</code>" found and the last
// line break before it are kept, so nested or unclosed <code> tags cost
// linear time.
func (c *conv) codeSpansLines(from int) bool {
	if c.codeCloseNone {
		return false
	}
	s := c.sc.src
	if c.codeClose < from {
		k := strings.Index(s[from:], "</code>")
		if k < 0 {
			c.codeCloseNone = true
			return false
		}
		c.codeClose = from + k
		last := c.codeClose - 1
		for last >= from && isSpaceByte(s[last]) {
			last--
		}
		c.codeLastNL = -1
		if last >= from {
			if nl := strings.LastIndexByte(s[from:last], '\n'); nl >= 0 {
				c.codeLastNL = from + nl
			}
		}
	}
	if c.codeLastNL < from {
		return false
	}
	for a := from; a < c.codeLastNL; a++ {
		if !isSpaceByte(s[a]) {
			return true
		}
	}
	return false
}

func isSpaceByte(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == '\v'
}

// ---- lists ----

func (c *conv) pushList(t tag) {
	f := listFrame{name: t.name, ordered: t.name == "ol", next: 1}
	if f.ordered {
		if v, ok := attr(t.attrs, "start"); ok {
			if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && n >= 0 && n < 1e6 {
				f.next = n
			}
		}
	}
	if len(c.stack) == 0 && !c.groupOpen {
		c.groupOpen = true
		c.groupOrdered = f.ordered
	}
	c.stack = append(c.stack, f)
}

func (c *conv) popList(name string) {
	idx := -1
	for k := len(c.stack) - 1; k >= 0; k-- {
		if c.stack[k].name == name {
			idx = k
			break
		}
	}
	if idx < 0 {
		return
	}
	if c.stack[idx].ordered == c.groupOrdered {
		c.finish()
	} else {
		c.hardBreak() // text after a list inside an item starts a new line
	}
	if c.itemPending && c.itemFrame >= idx {
		c.itemPending = false
	}
	c.stack = c.stack[:idx]
}

func (c *conv) startItem() {
	if len(c.stack) == 0 {
		if !c.groupOpen {
			c.groupOpen = true
			c.groupOrdered = false
		}
		c.stack = append(c.stack, listFrame{name: "ul", implicit: true})
	}
	top := &c.stack[len(c.stack)-1]
	if top.ordered == c.groupOrdered {
		c.finish()
		c.itemPending = true
		c.itemFrame = len(c.stack) - 1
		return
	}
	// A list of the other kind inside an item: one line per item.
	marker := "-"
	if top.ordered {
		marker = strconv.Itoa(top.next) + "."
		top.next++
	}
	c.hardBreak()
	c.writeWord(marker)
	c.pendingSpace = true
}

func (c *conv) endItem() {
	if len(c.stack) == 0 {
		return
	}
	top := c.stack[len(c.stack)-1]
	if top.implicit {
		c.finish()
		if c.itemPending && c.itemFrame >= len(c.stack)-1 {
			c.itemPending = false
		}
		c.stack = c.stack[:len(c.stack)-1]
		return
	}
	if top.ordered == c.groupOrdered {
		c.finish()
	}
}

// ---- links ----

func (c *conv) openLink(attrs string) {
	if c.link || c.mode != modeText {
		return // nested link, or inside a heading: text only
	}
	href, ok := attr(attrs, "href")
	if !ok {
		return
	}
	if strings.IndexByte(href, '&') >= 0 {
		href = html.UnescapeString(href)
	}
	href = strings.TrimSpace(href)
	if href == "" || href[0] == '#' {
		return
	}
	c.link = true
	if u, ok := docURL(href); ok {
		c.linkURL, c.linkPlain = u, ""
		c.beforeContent()
		c.linkOpen = len(c.text)
		c.text = append(c.text, '[')
		c.afterBracket = true
		return
	}
	c.linkURL, c.linkPlain = "", href
	c.linkSpace = c.pendingSpace
	c.linkOpen = len(c.text)
	if !c.open {
		c.linkOpen = -1 // no text yet in any block
	}
}

func (c *conv) closeLink() {
	if !c.link {
		return
	}
	c.link = false
	if c.linkPlain != "" {
		// Not a URL godoc accepts in a link definition: keep the href
		// after the text, as it is.
		if !c.open || len(c.text) == c.linkOpen {
			trailing := c.pendingSpace && !c.linkSpace
			c.writeWord(c.linkPlain)
			c.pendingSpace = trailing
			return
		}
		trailing := c.pendingSpace
		c.pendingSpace = true
		c.writeWord("(" + c.linkPlain + ")")
		c.pendingSpace = trailing
		return
	}
	trailing := c.pendingSpace
	c.pendingSpace = false
	c.afterBracket = false
	open := c.linkOpen
	if len(c.text) == open+1 {
		for i := 0; i < len(c.linkURL); i++ {
			c.text = append(c.text, unbracket(c.linkURL[i]))
		}
	}
	base := len(c.text)
	url := c.linkURL
	text := c.text[open+1 : base]
	if i, ok := c.lookupTarget(text, url); ok {
		// Seen before: the same text (and suffix) again.
		d := c.defs[i]
		c.text = append(c.text, c.text[d.base:d.end]...)
	} else if _, taken := c.lookupText(text); !taken {
		c.addDef(open+1, base, base, url)
	} else {
		// Same text, another target: "text (2)", "text (3)" ...
		key := string(text)
		if c.dupNext == nil {
			c.dupNext = make(map[string]int)
		}
		n := max(c.dupNext[key], 2)
		for ; ; n++ {
			c.text = c.text[:base]
			c.text = append(c.text, " ("...)
			c.text = strconv.AppendInt(c.text, int64(n), 10)
			c.text = append(c.text, ')')
			if _, taken := c.lookupText(c.text[open+1:]); !taken {
				c.addDef(open+1, base, len(c.text), url)
				break
			}
		}
		c.dupNext[key] = n + 1
	}
	c.spans = append(c.spans, linkSpan{open: open, suffix: base, close: len(c.text)})
	c.text = append(c.text, ']')
	c.pendingSpace = trailing
}

// linearDefs is how many link definitions are searched linearly before
// map indexes are built.
const linearDefs = 8

// lookupText finds the definition whose text is text.
func (c *conv) lookupText(text []byte) (int, bool) {
	if len(c.defs) > linearDefs {
		i, ok := c.byText[string(text)]
		return i, ok
	}
	for i, d := range c.defs {
		if string(c.text[d.start:d.end]) == string(text) {
			return i, true
		}
	}
	return 0, false
}

// lookupTarget finds the definition made for a link with this text
// (before any " (n)" suffix) and URL.
func (c *conv) lookupTarget(text []byte, url string) (int, bool) {
	if len(c.defs) > linearDefs {
		i, ok := c.byTarget[targetKey(url, text)]
		return i, ok
	}
	for i, d := range c.defs {
		if d.url == url && string(c.text[d.start:d.base]) == string(text) {
			return i, true
		}
	}
	return 0, false
}

func targetKey(url string, text []byte) string {
	return url + "\x00" + string(text)
}

func (c *conv) addDef(start, base, end int, url string) {
	c.defs = append(c.defs, linkDef{start: start, base: base, end: end, url: url})
	switch {
	case len(c.defs) == linearDefs+1:
		if c.byText == nil {
			c.byText = make(map[string]int)
		}
		if c.byTarget == nil {
			c.byTarget = make(map[string]int)
		}
		for i, d := range c.defs {
			c.byText[string(c.text[d.start:d.end])] = i
			c.byTarget[targetKey(d.url, c.text[d.start:d.base])] = i
		}
	case len(c.defs) > linearDefs+1:
		i := len(c.defs) - 1
		c.byText[string(c.text[start:end])] = i
		c.byTarget[targetKey(url, c.text[start:base])] = i
	}
}

// docURL reports whether href can be the target of a godoc link
// definition (go/doc/comment accepts only these schemes, followed by
// "://"), and returns it made safe for a comment: scheme in lower case,
// whitespace and "*/" percent-encoded, control characters dropped.
func docURL(href string) (string, bool) {
	j := strings.Index(href, "://")
	if j <= 0 {
		return "", false
	}
	switch strings.ToLower(href[:j]) {
	case "http", "https", "ftp", "file", "gopher", "mailto", "nntp":
	default:
		return "", false
	}
	clean := true
	for i := 0; i < len(href); i++ {
		b := href[i]
		if b <= ' ' || b == 0x7f || b >= utf8.RuneSelf || (b == '*' && i+1 < len(href) && href[i+1] == '/') || ('A' <= b && b <= 'Z' && i < j) {
			clean = false
			break
		}
	}
	if clean {
		return href, true
	}
	var sb strings.Builder
	sb.WriteString(strings.ToLower(href[:j]))
	for i, r := range href[j:] {
		switch {
		case r == '*' && strings.HasPrefix(href[j+i:], "*/"):
			sb.WriteString("%2A")
		case unicode.IsSpace(r):
			sb.WriteString("%20")
		case dropRune(r):
		default:
			sb.WriteRune(r)
		}
	}
	return sb.String(), true
}
