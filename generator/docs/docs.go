// Package docs turns the documentation of AWS service models (small HTML
// fragments) into Go doc comment text (https://go.dev/doc/comment).
//
// The output is written in the form gofmt gives doc comments, so gofmt
// leaves generated comments as Godoc returns them: paragraphs wrapped at 80
// columns, "  - " and " 1. " list items with 4-space continuation lines,
// tab-indented code blocks, "# " headings, and "[text]: URL" link
// definitions at the end. Where godoc has no equivalent, the closest form
// that survives gofmt is used:
//
//   - Godoc lists have one level. A nested list of the same kind adds items
//     to the outer list; a nested list of the other kind becomes one line
//     per item ("    1. sub") inside the outer item.
//   - A one-line paragraph that gofmt would read as a heading ("Valid
//     Values") is written as one ("# Valid Values"), as gofmt would.
//   - Two backticks and two apostrophes are written as the curly quotes
//     godoc shows for them.
//   - Godoc link definitions need an absolute http(s), ftp, file, mailto,
//     gopher or nntp URL; other hrefs (relative ones) are kept as they are,
//     in parentheses after the link text.
//
// The conversion is one forward pass: a small tokenizer recognises the tags
// of a fixed set (the HTML formatting tags plus note, important, fullname,
// replaceable ...), a builder turns them into blocks, and a renderer wraps
// the blocks. Anything that only looks like a tag (a <region> placeholder,
// "a < b") is text, and entities are decoded after tags are recognised, so
// &lt;code&gt; stays the text "<code>". A document with no tag that starts
// with an escaped block tag (&lt;p&gt;...) was escaped twice by its model
// and is decoded once before conversion.
//
// The output can go after "// " markers or inside a /* */ comment: it
// never contains "*/" (written "* /"), no line starts with "//" (written
// "/ /"), and it is valid UTF-8 without control characters or trailing
// blanks.
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
