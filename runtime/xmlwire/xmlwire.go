// Package xmlwire reads the XML responses of the awsQuery, ec2 and rest-xml protocols,
// element by element, and writes rest-xml request bodies, driven by generated code:
// no reflection.
//
//	for name, ok := d.Next(); ok; name, ok = d.Next() {
//		switch name {
//		case "Arn":
//			v.Arn = d.StringPtr()
//		default:
//			d.Skip()
//		}
//	}
//	// ... at the end, once:
//	if err := d.Err(); err != nil { ... }
//
// The current element is the last one Next entered. Next moves to its next child
// element, or consumes its end and returns false; the readers of a scalar (String,
// Bool, ...) read the current element's text and consume its end; Skip consumes the
// rest of it. Namespaces are ignored: elements are known by their local names.
//
// The first error is sticky: from then on Next returns false and the readers zero
// values, so decoding loops end; Err returns it.
package xmlwire

import (
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"math/big"
	"strings"
	"time"

	"github.com/svcgen/svcgen/runtime/httpbind"
	"github.com/svcgen/svcgen/runtime/jsonwire"
)

// Decoder reads one XML document.
//
// It reads XML as encoding/xml's Decoder does, with its defaults (the same documents
// are well-formed, the same text is read), without linking encoding/xml; a document
// that is not well-formed is a *SyntaxError.
type Decoder struct {
	tok   tokenizer
	err   error
	text  []byte
	root  bool // the root element was met
	depth int  // elements entered and not ended
}

// MaxDepth is the deepest nesting of elements a Decoder reads: generated decoders
// recurse with the document, and a document from a hostile endpoint must not exhaust
// the stack.
const MaxDepth = 10000

// NewDecoder returns a Decoder over data; it is positioned before the root element.
// data must not change while the Decoder reads it.
func NewDecoder(data []byte) *Decoder {
	return &Decoder{tok: tokenizer{data: data}}
}

// Err is the first error met.
func (d *Decoder) Err() error { return d.err }

func (d *Decoder) fail(err error) {
	if d.err == nil {
		d.err = err
	}
}

// token reads the next token; at an error, or at the end of the document where the
// caller expects more, it records the error and returns tokErr.
func (d *Decoder) token() tokKind {
	switch k := d.tok.next(); k {
	case tokErr:
		d.fail(d.tok.err)
		return tokErr
	case tokEOF:
		d.fail(io.ErrUnexpectedEOF)
		return tokErr
	default:
		return k
	}
}

// Next moves to the next child element of the current element and returns its local
// name; at the current element's end it consumes it and returns false. Before the
// root, it moves to the root.
//
// Not inlined: generated decoders call it in many places, and each would hold a copy
// of the conversion of the name.
//
//go:noinline
func (d *Decoder) Next() (string, bool) {
	local, ok := d.next()
	return string(local), ok
}

// next is Next, returning the local name as the bytes of the document.
func (d *Decoder) next() ([]byte, bool) {
	for d.err == nil {
		k := d.tok.next()
		switch k {
		case tokErr:
			d.fail(d.tok.err)
		case tokEOF:
			if d.root {
				return nil, false // the end of the document, after its root
			}
			d.fail(errors.New("xmlwire: the document has no element"))
		case tokStart:
			if d.depth++; d.depth > MaxDepth {
				d.fail(fmt.Errorf("xmlwire: elements nested deeper than %d", MaxDepth))
				return nil, false
			}
			d.root = true
			_, local := splitName(d.tok.name)
			return local, true
		case tokEnd:
			d.depth--
			return nil, false
		}
	}
	return nil, false
}

// Attr returns the attribute name of the element Next entered last; read it before
// moving on. name is a local name ("id"), or a prefixed one as models write it
// ("xsi:type"), which matches the attribute of that local name in a namespace (the
// document's prefix is resolved to its namespace, so only the local name is compared).
func (d *Decoder) Attr(name string) (string, bool) {
	local, prefixed := name, false
	if i := strings.IndexByte(name, ':'); i >= 0 {
		local, prefixed = name[i+1:], true
	}
	t := &d.tok
	for i := range t.attrs {
		a := &t.attrs[i]
		if string(a.local) != local {
			continue
		}
		// A namespace declaration is no attribute.
		if space := t.attrSpace(a); space != "xmlns" && !(space == "" && local == "xmlns") && (!prefixed || space != "") {
			return string(t.abuf[a.v0:a.v1]), true
		}
	}
	return "", false
}

// Skip consumes the rest of the current element.
func (d *Decoder) Skip() {
	for depth := 0; d.err == nil; {
		switch d.token() {
		case tokStart:
			depth++
		case tokEnd:
			if depth == 0 {
				d.depth--
				return
			}
			depth--
		}
	}
}

// Text reads the text of the current element, up to its end (consumed); child
// elements, which a scalar does not have, are skipped.
func (d *Decoder) Text() string {
	d.text = d.text[:0]
	var one []byte  // the text read, while it is one piece of the document
	held := false   // one holds it
	pieces := false // more than one piece: d.text holds them
	for d.err == nil {
		switch d.token() {
		case tokText:
			switch {
			case !held && !pieces && !d.tok.decoded:
				one, held = d.tok.text, true
			default:
				if held {
					d.text = append(d.text, one...)
					held = false
				}
				d.text = append(d.text, d.tok.text...)
				pieces = true
			}
		case tokStart: // a child, which a scalar has not
			d.depth++
			d.Skip()
		case tokEnd:
			d.depth--
			if held {
				return string(one)
			}
			return string(d.text)
		}
	}
	return ""
}

// Enter moves into the element named name among the children of the current element
// (the root, when the decoder has not started), skipping the others; it reports
// whether there is one.
func (d *Decoder) Enter(name string) bool {
	for n, ok := d.Next(); ok; n, ok = d.Next() {
		if n == name {
			return true
		}
		d.Skip()
	}
	return false
}

func (d *Decoder) bad(what, text string) {
	if len(text) > 40 {
		text = text[:40] + "..."
	}
	d.fail(fmt.Errorf("xmlwire: %q is not %s (offset %d)", text, what, d.tok.pos))
}

// String reads the element's text.
func (d *Decoder) String() string { return d.Text() }

// Bool reads true or false.
func (d *Decoder) Bool() bool {
	switch s := strings.TrimSpace(d.Text()); s {
	case "true":
		return true
	case "false", "":
		if s == "" && d.err == nil {
			d.bad("a boolean", s)
		}
		return false
	default:
		d.bad("a boolean", s)
		return false
	}
}

// Int reads an integer of bits bits.
func (d *Decoder) Int(bits int) int64 {
	s := strings.TrimSpace(d.Text())
	v, err := httpbind.ParseInt(s, bits)
	if err != nil && d.err == nil {
		d.bad(fmt.Sprintf("a %d-bit integer", bits), s)
	}
	return v
}

// Float reads a float of bits bits, or NaN, Infinity, -Infinity.
func (d *Decoder) Float(bits int) float64 {
	s := strings.TrimSpace(d.Text())
	v, err := jsonwire.ParseFloat(s, bits)
	if err != nil && d.err == nil {
		d.bad("a number", s)
	}
	return v
}

// Time reads a timestamp in format ("iso8601", "unixTimestamp", "rfc822").
//
// Text in another format is read too (a date-time, an HTTP date or epoch seconds), as
// SDKs read the timestamps of services that send another format than the model says.
func (d *Decoder) Time(format string) time.Time {
	s := strings.TrimSpace(d.Text())
	t, err := httpbind.ParseTime(s, format)
	for _, other := range []string{httpbind.DateTime, httpbind.HTTPDate, httpbind.EpochSeconds} {
		if err == nil {
			break
		}
		if other != format {
			if o, oerr := httpbind.ParseTime(s, other); oerr == nil {
				t, err = o, nil
			}
		}
	}
	if err != nil && d.err == nil {
		d.bad("a timestamp ("+format+")", s)
	}
	return t
}

// Blob reads base64 text; empty text is an empty, not a nil, slice.
func (d *Decoder) Blob() []byte {
	s := strings.TrimSpace(d.Text())
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil && d.err == nil {
		d.bad("base64", s)
	}
	if b == nil && d.err == nil {
		b = []byte{}
	}
	return b
}

// BigInt reads an integer of any size.
func (d *Decoder) BigInt() *big.Int { return parseText(d, jsonwire.ParseBigInt, "an integer") }

// BigFloat reads a number of any size and precision.
func (d *Decoder) BigFloat() *big.Float { return parseText(d, jsonwire.ParseBigFloat, "a number") }

// parseText reads the element's text with parse; what says what it must be.
func parseText[T any](d *Decoder, parse func(string) (*T, error), what string) *T {
	s := strings.TrimSpace(d.Text())
	v, err := parse(s)
	if err != nil && d.err == nil {
		d.bad(what, s)
	}
	return v
}

// ErrNoError reports an error response without the Error element.
var ErrNoError = errors.New("xmlwire: the error response has no Error element")

// ErrorInfo reads an XML error response,
//
//	<ErrorResponse><Error><Type>Sender</Type><Code>...</Code><Message>...</Message></Error>...
//
// (or ec2's <Response><Errors><Error>..., or S3's <Error> alone), and returns its code
// and message.
func ErrorInfo(body []byte) (code, message string) {
	f := ReadErrorFields(body)
	return f.Code, f.Message
}

// ErrorFields are what an XML error response says about itself.
type ErrorFields struct {
	Code    string
	Message string // Message, or message, in the Error element
	// Type is the query protocols' fault: "Sender" or "Receiver".
	Type string
	// RequestID is RequestId (awsQuery, under the root; S3, in Error) or RequestID
	// (ec2, under the root).
	RequestID string
	// HostID is S3's HostId, its extended request ID.
	HostID string
}

// ReadErrorFields reads an XML error response as ErrorInfo does, and the request ID,
// host ID and fault it names. A body that is not such a document yields what was read
// before the point where it stops being one.
func ReadErrorFields(body []byte) ErrorFields {
	var f ErrorFields
	d := NewDecoder(body)
	root, ok := d.Next()
	if !ok {
		return f
	}
	if root == "Error" { // S3 answers <Error> alone
		f.readError(d)
		return f
	}
	for name, ok := d.Next(); ok; name, ok = d.Next() {
		switch name {
		case "Error":
			f.readError(d)
		case "Errors": // ec2: <Errors><Error>...</Error></Errors>
			for name, ok := d.Next(); ok; name, ok = d.Next() {
				if name == "Error" && f.Code == "" {
					f.readError(d)
				} else {
					d.Skip()
				}
			}
		case "RequestId", "RequestID":
			f.RequestID = strings.TrimSpace(d.Text())
		default:
			d.Skip()
		}
	}
	return f
}

// readError reads the children of an Error element, up to its end.
func (f *ErrorFields) readError(d *Decoder) {
	for name, ok := d.Next(); ok; name, ok = d.Next() {
		switch {
		case name == "Code":
			f.Code = strings.TrimSpace(d.Text())
		case strings.EqualFold(name, "Message"):
			if m := d.Text(); f.Message == "" {
				f.Message = m
			}
		case name == "Type":
			f.Type = strings.TrimSpace(d.Text())
		case name == "RequestId", name == "RequestID":
			f.RequestID = strings.TrimSpace(d.Text())
		case name == "HostId":
			f.HostID = strings.TrimSpace(d.Text())
		default:
			d.Skip()
		}
	}
}

// ErrorDecoder returns a Decoder positioned inside the Error element of an error
// response, for a generated decoder of the modeled error's members.
func ErrorDecoder(body []byte) *Decoder {
	d := NewDecoder(body)
	if !d.enterError() && d.err == nil {
		d.err = ErrNoError
	}
	return d
}

// enterError enters the Error element: under the root (ErrorResponse), or under its
// Errors child (ec2's Response).
func (d *Decoder) enterError() bool {
	root, ok := d.Next()
	if !ok {
		return false
	}
	if root == "Error" { // S3 answers <Error> alone
		return true
	}
	for name, ok := d.Next(); ok; name, ok = d.Next() {
		switch name {
		case "Error":
			return true
		case "Errors":
			return d.Enter("Error")
		default:
			d.Skip()
		}
	}
	return false
}
