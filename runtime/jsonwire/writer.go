// Package jsonwire is the JSON encoder and decoder called by generated AWS
// JSON and REST-JSON protocol code. It works without reflection: the
// generated code drives a Writer that appends to a byte slice, and a
// Decoder that walks a byte slice held in memory.
//
// Writing:
//
//	w.ObjectStart()
//	if v.Name != "" {
//		w.Key("name")
//		w.String(v.Name)
//	}
//	w.ObjectEnd()
//
// Reading:
//
//	for d.ObjectNext() {
//		switch string(d.Key()) {
//		case "name":
//			v.Name = d.StringPtr()
//		default:
//			d.Skip()
//		}
//	}
//	// ... at the end, once:
//	if err := d.End(); err != nil { ... }
package jsonwire

import (
	"encoding/base64"
	"math"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"
)

// A Writer appends JSON to an internal buffer. Commas between members and
// elements are inserted automatically. The zero value is ready to use, and
// a Writer can be reused after Reset without allocating again.
//
// The Writer does not check that calls are well nested or that a Key
// precedes each member value; generated code is trusted to do so.
type Writer struct {
	buf []byte
	// comma reports whether a value has just been completed, so that the
	// next key or value must be preceded by a comma. It is all the nesting
	// state needed: a container start or a key clears it, and the end of a
	// container completes a value of the enclosing container.
	comma bool
}

// Bytes returns the JSON written so far. It aliases the Writer's buffer and
// is valid until the next call that writes or resets.
func (w *Writer) Bytes() []byte { return w.buf }

// Reset empties the Writer, keeping its buffer for reuse.
func (w *Writer) Reset() { w.buf, w.comma = w.buf[:0], false }

// value prepares for a value or key: it writes the separating comma.
func (w *Writer) value() {
	if w.comma {
		w.buf = append(w.buf, ',')
	}
	w.comma = true
}

// ObjectStart writes '{'.
func (w *Writer) ObjectStart() {
	w.value()
	w.buf = append(w.buf, '{')
	w.comma = false
}

// ObjectEnd writes '}'.
func (w *Writer) ObjectEnd() {
	w.buf = append(w.buf, '}')
	w.comma = true
}

// ArrayStart writes '['.
func (w *Writer) ArrayStart() {
	w.value()
	w.buf = append(w.buf, '[')
	w.comma = false
}

// ArrayEnd writes ']'.
func (w *Writer) ArrayEnd() {
	w.buf = append(w.buf, ']')
	w.comma = true
}

// Key writes an object member name and the colon; the member value must
// be written next.
func (w *Writer) Key(k string) {
	w.value()
	w.buf = appendString(w.buf, k)
	w.buf = append(w.buf, ':')
	w.comma = false
}

// String writes s as a JSON string, escaped as encoding/json escapes it
// with HTML escaping off: '"', '\\' and control characters are escaped
// (\b \f \n \r \t, others as \u00XX), U+2028 and U+2029 are escaped, and
// each byte of invalid UTF-8 is written as \ufffd. '<', '>' and '&' are
// written as they are.
func (w *Writer) String(s string) {
	w.value()
	w.buf = appendString(w.buf, s)
}

// Bool writes true or false.
func (w *Writer) Bool(v bool) {
	w.value()
	w.buf = strconv.AppendBool(w.buf, v)
}

// Int64 writes an integer. Generated code converts the smaller integer
// types (byte, short, integer, long) to int64.
func (w *Writer) Int64(v int64) {
	w.value()
	w.buf = strconv.AppendInt(w.buf, v, 10)
}

// Uint64 writes an unsigned integer.
func (w *Writer) Uint64(v uint64) {
	w.value()
	w.buf = strconv.AppendUint(w.buf, v, 10)
}

// Float64 writes v as a number formatted by AppendFloat for the given bit
// size (32 for AWS float, 64 for double). NaN and the infinities, which
// JSON numbers cannot express, are written as the strings "NaN",
// "Infinity" and "-Infinity" as the AWS protocols specify.
func (w *Writer) Float64(v float64, bits int) {
	w.value()
	special := math.IsNaN(v) || math.IsInf(v, 0)
	if special {
		w.buf = append(w.buf, '"')
	}
	w.buf = AppendFloat(w.buf, v, bits)
	if special {
		w.buf = append(w.buf, '"')
	}
}

// Blob writes b as a string in standard base64 with padding.
func (w *Writer) Blob(b []byte) {
	w.value()
	w.buf = append(w.buf, '"')
	w.buf = base64.StdEncoding.AppendEncode(w.buf, b)
	w.buf = append(w.buf, '"')
}

// Null writes null.
func (w *Writer) Null() {
	w.value()
	w.buf = append(w.buf, "null"...)
}

// Raw writes pre-encoded JSON, such as a document, as one value. It is
// not validated. An empty raw value is written as null.
func (w *Writer) Raw(raw []byte) {
	w.value()
	if len(raw) == 0 {
		w.buf = append(w.buf, "null"...)
		return
	}
	w.buf = append(w.buf, raw...)
}

// EpochSeconds writes t as a number of seconds since the Unix epoch
// (see AppendEpochSeconds).
func (w *Writer) EpochSeconds(t time.Time) {
	w.value()
	w.buf = AppendEpochSeconds(w.buf, t)
}

// DateTime writes t as an RFC 3339 string in UTC (see AppendDateTime).
func (w *Writer) DateTime(t time.Time) {
	w.value()
	w.buf = append(w.buf, '"')
	w.buf = AppendDateTime(w.buf, t)
	w.buf = append(w.buf, '"')
}

// HTTPDate writes t as an RFC 7231 IMF-fixdate string (see AppendHTTPDate).
func (w *Writer) HTTPDate(t time.Time) {
	w.value()
	w.buf = append(w.buf, '"')
	w.buf = AppendHTTPDate(w.buf, t)
	w.buf = append(w.buf, '"')
}

// safe[c] reports whether the ASCII byte c is written as itself in a string.
var safe = func() (t [utf8.RuneSelf]bool) {
	for c := ' '; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

const hexDigits = "0123456789abcdef"

func appendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0 // s[start:i] is pending, to be copied as is
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if safe[c] {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// SortedKeys appends the keys of m to buf, sorted, and returns the result.
// Generated encoders write map members in this order, so the same value always
// encodes to the same bytes; a buffer on the caller's stack keeps small maps
// from allocating.
func SortedKeys[K ~string, V any](m map[K]V, buf []K) []K {
	for k := range m {
		buf = append(buf, k)
	}
	slices.Sort(buf)
	return buf
}
