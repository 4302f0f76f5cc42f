package xmlwire

// Writer appends an XML document: the request bodies of the rest-xml protocol.
// Generated encoders drive it; it escapes text and attribute values and checks
// nothing else. The zero value is ready to use.
type Writer struct {
	buf []byte
}

// Attr is an attribute of a start tag, a namespace declaration included
// ("xmlns", "xmlns:prefix").
type Attr struct{ Name, Value string }

// Reset empties the writer, keeping its buffer.
func (w *Writer) Reset() { w.buf = w.buf[:0] }

// Bytes returns the document written so far.
func (w *Writer) Bytes() []byte { return w.buf }

// Start writes a start tag.
func (w *Writer) Start(name string, attrs ...Attr) {
	w.buf = append(w.buf, '<')
	w.buf = append(w.buf, name...)
	for _, a := range attrs {
		w.buf = append(w.buf, ' ')
		w.buf = append(w.buf, a.Name...)
		w.buf = append(w.buf, `="`...)
		w.buf = appendEscaped(w.buf, a.Value, true)
		w.buf = append(w.buf, '"')
	}
	w.buf = append(w.buf, '>')
}

// End writes an end tag.
func (w *Writer) End(name string) {
	w.buf = append(w.buf, "</"...)
	w.buf = append(w.buf, name...)
	w.buf = append(w.buf, '>')
}

// Text writes character data, escaped.
func (w *Writer) Text(s string) { w.buf = appendEscaped(w.buf, s, false) }

// Element writes <name>text</name>.
func (w *Writer) Element(name, text string, attrs ...Attr) {
	w.Start(name, attrs...)
	w.Text(text)
	w.End(name)
}

// appendEscaped escapes the characters XML reserves; in an attribute value the
// quote and the whitespace that attribute normalization would fold too.
func appendEscaped(dst []byte, s string, attr bool) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '<':
			dst = append(dst, "&lt;"...)
		case c == '>':
			dst = append(dst, "&gt;"...)
		case c == '&':
			dst = append(dst, "&amp;"...)
		case c == '"' && attr:
			dst = append(dst, "&quot;"...)
		case c == '\r':
			dst = append(dst, "&#xD;"...)
		case (c == '\n' || c == '\t') && attr:
			dst = append(dst, "&#x"...)
			dst = append(dst, "0123456789ABCDEF"[c>>4], "0123456789ABCDEF"[c&15], ';')
		default:
			dst = append(dst, c)
		}
	}
	return dst
}
