// Package docs turns the documentation of AWS service models (small HTML
// fragments) into Go doc comment text, in the form gofmt gives doc comments
// (https://go.dev/doc/comment).
//
// The conversion is a single forward pass: a small tokenizer recognises the
// tags of a fixed set (HTML formatting tags plus the AWS ones such as note,
// important, fullname and replaceable), a builder turns the token stream
// into blocks (paragraphs, headings, code blocks, list items), and a
// renderer wraps the blocks at 80 columns. Anything that only looks like a
// tag (a placeholder such as <region>, or "a < b") is kept as text, and
// entities are decoded after tags are recognised, so &lt;code&gt; stays the
// text "<code>".
//
// The output is meant to be pasted after "// " markers or inside a /* */
// comment: it never contains "*/", no line starts with "//", and it is
// valid UTF-8 without control characters.
package docs

import (
	"strings"
	"sync"
)

// Godoc converts an HTML documentation fragment into godoc-formatted text:
// no comment markers, lines separated by \n, no trailing newline. Empty
// input gives "".
func Godoc(html string) string {
	if isBlank(html) {
		return ""
	}
	c := convPool.Get().(*conv)
	defer c.release()
	c.convert(html)
	c.render()
	return string(c.out)
}

// Summary returns the first sentence of Godoc(html), on one line and with
// doc links reduced to their text, for one-line docs. It returns "" if the
// documentation has no text paragraph.
func Summary(html string) string {
	if isBlank(html) {
		return ""
	}
	c := convPool.Get().(*conv)
	defer c.release()
	c.convert(html)
	return c.summary()
}

var convPool = sync.Pool{New: func() any { return new(conv) }}

// release returns c to the pool, unless one huge input made its buffers
// too big to keep around.
func (c *conv) release() {
	const keep = 1 << 20
	if cap(c.text) > keep || cap(c.out) > keep || len(c.blocks) > keep/64 {
		return
	}
	convPool.Put(c)
}

func isBlank(s string) bool {
	return strings.TrimSpace(s) == ""
}
