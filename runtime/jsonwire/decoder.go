package jsonwire

import (
	"encoding/base64"
	"strconv"
	"time"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"

	"github.com/svcgen/svcgen/runtime/validate"
)

// DefaultMaxDepth is the nesting limit of a Decoder whose MaxDepth is 0.
const DefaultMaxDepth = 512

// A SyntaxError describes invalid JSON, or a JSON value of the wrong type or
// range for the Go value it is decoded into.
type SyntaxError struct {
	Offset int64  // offset in the input of the byte or value at fault
	Msg    string // such as "expected number, found string"
}

func (e *SyntaxError) Error() string {
	return e.Msg + " at offset " + strconv.FormatInt(e.Offset, 10)
}

// A Decoder reads one JSON value from a byte slice, driven by calls that
// name the expected type of each value.
//
// The first error is sticky: it is kept with its offset and returned by
// Err and End, and from then on every method returns zero values and
// ObjectNext and ArrayNext return false, so decoding loops end. Generated
// code therefore checks for an error once, at the end.
//
// Strictness follows encoding/json: with MaxDepth set to 10000, the
// nesting limit of encoding/json, Skip followed by End accepts exactly the
// inputs json.Valid accepts. So there are no trailing commas, leading
// zeros, single quotes or unknown escapes, and no control characters in
// strings. Strings decode as with encoding/json too: each byte of invalid
// UTF-8 and each unpaired surrogate escape becomes U+FFFD. Duplicate keys
// are passed on as they come, so with generated code the last one wins.
//
// Whether ObjectNext and ArrayNext start a container or continue one
// depends on whether a value was just completed, so the caller must read
// or Skip exactly one value per member or element.
//
// The input is never modified. Strings and slices returned are copies,
// except Key, which may alias the input or an internal buffer, and the
// strings of a Decoder made by NewDecoderShared, which share the input's
// memory where they can.
//
// The Ptr forms of strings and timestamps take their pointers from small
// blocks allocated together, so a struct of several optional members costs
// one allocation, not one per member; a pointer kept keeps its block (at
// most 64 values) alive.
//
// A null value is accepted by every reader: scalar readers return the zero
// value, the Ptr forms return nil, Blob returns nil, and ObjectNext and
// ArrayNext return false at once, as for an empty container. Use IsNull to
// tell null apart, for example to leave a map or a pointer nil.
//
// The zero Decoder is an empty input; use Reset or NewDecoder.
type Decoder struct {
	// MaxDepth limits the nesting of objects and arrays; beyond it decoding
	// fails. 0 means DefaultMaxDepth.
	MaxDepth int
	// MissingTracker records the required members that objects lack when its
	// TrackMissing is set (see validate.MissingTracker); a server sets it.
	validate.MissingTracker
	// StrictTimes reads a timestamp only in the format the model gives it; a server
	// sets it, so that a malformed one is refused. Without it, as the SDKs do for the
	// responses of older services, any of the three formats is read.
	StrictTimes bool

	data    []byte
	pos     int
	depth   int
	after   bool   // a value was just completed: ',' or a closing bracket is next
	key     []byte // the current object key
	scratch []byte // buffer for unescaped strings
	err     *SyntaxError

	shared    bool // strings may share data's memory
	keyShared bool // key is in data, and shared
	strs      slab[string]
	times     slab[time.Time]
}

// slab hands out pointers to values from blocks allocated together.
type slab[T any] struct {
	free []T
	size int // the size of the last block
}

func (s *slab[T]) new(v T) *T {
	if len(s.free) == 0 {
		s.size = min(max(2*s.size, 4), 64)
		s.free = make([]T, s.size)
	}
	p := &s.free[0]
	s.free = s.free[1:]
	*p = v
	return p
}

// NewDecoder returns a Decoder reading data.
func NewDecoder(data []byte) *Decoder {
	d := new(Decoder)
	d.Reset(data)
	return d
}

// ErrorDecoder returns a Decoder reading an error response's body, as NewDecoder does.
// Generated error decoders call it once for each modeled error: it is not inlined, so
// that each case is a call rather than a copy of NewDecoder.
//
//go:noinline
func ErrorDecoder(body []byte) *Decoder { return NewDecoder(body) }

// NewDecoderShared returns a Decoder reading data whose strings share
// data's memory where they can: a string without escapes is data's bytes,
// not a copy of them. This saves a copy of each string decoded; in
// exchange data must never be modified afterwards, and a string kept keeps
// all of data alive. Generated clients decode the response bodies they read
// this way; each body is a buffer of its own that nothing else writes.
func NewDecoderShared(data []byte) *Decoder {
	d := NewDecoder(data)
	d.shared = true
	return d
}

// Reset makes d read data from the start, clearing any error and the absent
// members recorded. MaxDepth, TrackMissing, StrictTimes, whether strings are shared, and internal
// buffers are kept.
func (d *Decoder) Reset(data []byte) {
	mt := d.MissingTracker
	mt.ResetMissing()
	*d = Decoder{MaxDepth: d.MaxDepth, MissingTracker: mt, StrictTimes: d.StrictTimes, data: data, scratch: d.scratch[:0], shared: d.shared, strs: d.strs, times: d.times}
}

// Err returns the first error met, or nil.
func (d *Decoder) Err() error {
	if d.err == nil {
		return nil
	}
	return d.err
}

// End checks that a complete top-level value was read and that only
// whitespace follows it, and returns the first error met, or nil.
func (d *Decoder) End() error {
	if d.err == nil {
		if d.peek(); !d.after {
			d.unexpected("value")
		} else if d.pos < len(d.data) {
			d.fail(d.pos, "unexpected data after top-level value")
		}
	}
	return d.Err()
}

func (d *Decoder) fail(offset int, msg string) {
	if d.err == nil {
		d.err = &SyntaxError{Offset: int64(offset), Msg: msg}
	}
}

// unexpected fails with "expected <what>, found <the value at d.pos>".
func (d *Decoder) unexpected(what string) {
	found := "end of input"
	if d.pos < len(d.data) {
		switch c := d.data[d.pos]; {
		case c == '"':
			found = "string"
		case c == '-' || isDigit(c):
			found = "number"
		case c == '{':
			found = "object"
		case c == '[':
			found = "array"
		case c == 't' || c == 'f':
			found = "boolean"
		case c == 'n':
			found = "null"
		default:
			found = describeByte(c)
		}
	}
	d.fail(d.pos, "expected "+what+", found "+found)
}

// badChar fails at offset i with "invalid character <c> <where>".
func (d *Decoder) badChar(i int, where string) {
	if i >= len(d.data) {
		d.fail(i, "unexpected end of input "+where)
	} else {
		d.fail(i, "invalid "+describeByte(d.data[i])+" "+where)
	}
}

func describeByte(c byte) string {
	if c < utf8.RuneSelf {
		return "character " + strconv.QuoteRune(rune(c))
	}
	return "byte 0x" + strconv.FormatUint(uint64(c), 16)
}

// peek skips whitespace and returns the next byte, or 0 at the end.
func (d *Decoder) peek() byte {
	for ; d.pos < len(d.data); d.pos++ {
		// All four whitespace bytes are <= ' ', so most bytes take one test.
		if c := d.data[d.pos]; c > ' ' || c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			return c
		}
	}
	return 0
}

// ObjectNext advances to the next member of an object and reports whether
// there is one; its key is then available from Key, and the caller must
// read or Skip its value. The first call for an object consumes the '{'.
// ObjectNext returns false at the closing '}', on null in place of the
// object, and on error.
func (d *Decoder) ObjectNext() bool {
	if d.err != nil {
		return false
	}
	c := d.peek()
	if !d.after { // first call: the object starts here
		switch c {
		case '{':
			if !d.push() {
				return false
			}
			if d.peek() == '}' {
				d.pop()
				return false
			}
		case 'n':
			d.literal("null")
			return false
		default:
			d.unexpected("object")
			return false
		}
	} else {
		switch c {
		case ',':
			d.pos++
			d.peek()
		case '}':
			d.pop()
			return false
		default:
			d.unexpected("',' or '}' after object member")
			return false
		}
	}
	if d.pos >= len(d.data) || d.data[d.pos] != '"' {
		d.unexpected("string for object key")
		return false
	}
	key, inData := d.readString()
	if d.err != nil {
		return false
	}
	d.key, d.keyShared = key, d.shared && inData
	if d.peek() != ':' {
		d.unexpected("':' after object key")
		return false
	}
	d.pos++
	d.after = false
	return true
}

// Key returns the key of the member ObjectNext advanced to, unescaped. It
// is valid until the next call on d.
func (d *Decoder) Key() []byte { return d.key }

// KeyString returns Key as a string that stays valid: a copy, or for a
// Decoder made by NewDecoderShared, when the key has no escapes, the input's
// bytes.
func (d *Decoder) KeyString() string {
	if d.keyShared {
		return sharedString(d.key)
	}
	return string(d.key)
}

// sharedString returns b's bytes as a string without copying them; b must
// never be modified afterwards.
func sharedString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// ArrayNext advances to the next element of an array and reports whether
// there is one; the caller must then read or Skip it. The first call for an
// array consumes the '['. ArrayNext returns false at the closing ']', on
// null in place of the array, and on error.
func (d *Decoder) ArrayNext() bool {
	if d.err != nil {
		return false
	}
	c := d.peek()
	if !d.after { // first call: the array starts here
		switch c {
		case '[':
			if !d.push() {
				return false
			}
			if d.peek() == ']' {
				d.pop()
				return false
			}
			return true
		case 'n':
			d.literal("null")
		default:
			d.unexpected("array")
		}
		return false
	}
	switch c {
	case ',':
		d.pos++
		d.after = false
		if d.peek() == ']' {
			d.unexpected("value after ','")
			return false
		}
		return true
	case ']':
		d.pop()
	default:
		d.unexpected("',' or ']' after array element")
	}
	return false
}

// push consumes '{' or '['.
func (d *Decoder) push() bool {
	limit := d.MaxDepth
	if limit <= 0 {
		limit = DefaultMaxDepth
	}
	if d.depth++; d.depth > limit {
		d.fail(d.pos, "exceeded maximum nesting depth "+strconv.Itoa(limit))
		return false
	}
	d.pos++
	d.after = false
	return true
}

// pop consumes '}' or ']'.
func (d *Decoder) pop() {
	d.pos++
	d.depth--
	d.after = true
}

// IsNull reports whether the next value is null, and if so consumes it.
func (d *Decoder) IsNull() bool {
	if d.err != nil || d.peek() != 'n' {
		return false
	}
	d.literal("null")
	return d.err == nil
}

// Skip consumes the next value, whatever its type, validating it.
func (d *Decoder) Skip() {
	if d.err != nil {
		return
	}
	switch c := d.peek(); c {
	case '{':
		for d.ObjectNext() {
			d.Skip()
		}
	case '[':
		for d.ArrayNext() {
			d.Skip()
		}
	case '"':
		d.scanString()
	case 't':
		d.literal("true")
	case 'f':
		d.literal("false")
	case 'n':
		d.literal("null")
	default:
		if c == '-' || isDigit(c) {
			d.number()
		} else {
			d.unexpected("value")
		}
	}
}

// Raw returns a copy of the next value as it appears in the input (without
// surrounding whitespace), after validating it as Skip does. It is meant
// for documents; null is returned as the four bytes null.
func (d *Decoder) Raw() []byte {
	if d.err != nil {
		return nil
	}
	d.peek()
	start := d.pos
	if d.Skip(); d.err != nil {
		return nil
	}
	return append([]byte(nil), d.data[start:d.pos]...)
}

func (d *Decoder) literal(lit string) {
	if len(d.data)-d.pos >= len(lit) && string(d.data[d.pos:d.pos+len(lit)]) == lit {
		d.pos += len(lit)
		d.after = true
		return
	}
	d.fail(d.pos, "invalid literal, expected "+lit)
}

// number consumes a number and returns its text and whether it is an
// integer.
func (d *Decoder) number() (num []byte, isInt bool) {
	end, isInt, ok := scanNumber(d.data, d.pos)
	if !ok {
		d.badChar(end, "in number")
		return nil, false
	}
	num = d.data[d.pos:end]
	d.pos = end
	d.after = true
	return num, isInt
}

// strSpecial marks the bytes that end the fast scan of a string.
var strSpecial = func() (t [256]bool) {
	for c := range t {
		t[c] = c < ' ' || c == '"' || c == '\\' || c >= utf8.RuneSelf
	}
	return t
}()

// scanString consumes and validates the string at d.pos. It returns the
// bytes between the quotes, and whether they must be unescaped because
// they hold escapes or invalid UTF-8.
func (d *Decoder) scanString() (raw []byte, unescape bool) {
	data := d.data
	start := d.pos + 1
	escaped, nonASCII := false, false
	for i := start; ; {
		for i < len(data) && !strSpecial[data[i]] {
			i++
		}
		if i >= len(data) {
			d.badChar(i, "in string")
			return nil, false
		}
		switch c := data[i]; {
		case c == '"':
			raw = data[start:i]
			d.pos = i + 1
			d.after = true
			return raw, escaped || nonASCII && !utf8.Valid(raw)
		case c == '\\':
			escaped = true
			i++
			if i < len(data) && data[i] == 'u' {
				i++
				for k := 0; k < 4; k++ {
					if i >= len(data) || unhex(data[i]) < 0 {
						d.badChar(i, `in \u escape`)
						return nil, false
					}
					i++
				}
				continue
			}
			if i >= len(data) || !isSimpleEscape(data[i]) {
				d.badChar(i, "in string escape")
				return nil, false
			}
			i++
		case c < ' ':
			d.badChar(i, "in string")
			return nil, false
		default:
			nonASCII = true
			i++
		}
	}
}

func isSimpleEscape(c byte) bool {
	switch c {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return true
	}
	return false
}

func unhex(c byte) rune {
	switch {
	case '0' <= c && c <= '9':
		return rune(c - '0')
	case 'a' <= c && c <= 'f':
		return rune(c - 'a' + 10)
	case 'A' <= c && c <= 'F':
		return rune(c - 'A' + 10)
	}
	return -1
}

// readString consumes the string at d.pos and returns its contents,
// unescaped: in the input (inData), or in d.scratch when it had escapes.
func (d *Decoder) readString() (b []byte, inData bool) {
	raw, esc := d.scanString()
	if !esc {
		return raw, true
	}
	d.scratch = unescape(d.scratch[:0], raw)
	return d.scratch, false
}

// unescape appends the contents of the validated string raw to dst,
// decoding escapes and replacing invalid UTF-8 and unpaired surrogates
// with U+FFFD exactly as encoding/json does.
func unescape(dst, raw []byte) []byte {
	for i := 0; i < len(raw); {
		switch c := raw[i]; {
		case c == '\\':
			switch e := raw[i+1]; e {
			case 'b':
				dst = append(dst, '\b')
			case 'f':
				dst = append(dst, '\f')
			case 'n':
				dst = append(dst, '\n')
			case 'r':
				dst = append(dst, '\r')
			case 't':
				dst = append(dst, '\t')
			case 'u':
				r := hex4(raw[i+2:])
				i += 6
				if utf16.IsSurrogate(r) {
					// A valid pair is consumed whole; anything else is U+FFFD
					// and what follows is decoded on its own.
					r2 := rune(-1)
					if i+6 <= len(raw) && raw[i] == '\\' && raw[i+1] == 'u' {
						r2 = hex4(raw[i+2:])
					}
					if r = utf16.DecodeRune(r, r2); r != utf8.RuneError {
						i += 6
					}
				}
				dst = utf8.AppendRune(dst, r)
				continue
			default: // '"', '\\', '/'
				dst = append(dst, e)
			}
			i += 2
		case c < utf8.RuneSelf:
			dst = append(dst, c)
			i++
		default:
			r, size := utf8.DecodeRune(raw[i:])
			if r == utf8.RuneError && size == 1 {
				dst = utf8.AppendRune(dst, utf8.RuneError)
			} else {
				dst = append(dst, raw[i:i+size]...)
			}
			i += size
		}
	}
	return dst
}

func hex4(b []byte) rune {
	return unhex(b[0])<<12 | unhex(b[1])<<8 | unhex(b[2])<<4 | unhex(b[3])
}

// begin starts reading a scalar: it skips whitespace and returns the first
// byte of the value, with ok false if the value was null (now consumed) or
// there is an error.
func (d *Decoder) begin() (c byte, ok bool) {
	if d.err != nil {
		return 0, false
	}
	if c = d.peek(); c == 'n' {
		d.literal("null")
		return 0, false
	}
	return c, true
}

// String reads a string.
func (d *Decoder) String() string {
	c, ok := d.begin()
	if !ok {
		return ""
	}
	if c != '"' {
		d.unexpected("string")
		return ""
	}
	b, inData := d.readString()
	if inData && d.shared {
		return sharedString(b)
	}
	return string(b)
}

// Bool reads true or false.
func (d *Decoder) Bool() bool {
	c, ok := d.begin()
	switch {
	case !ok:
	case c == 't':
		d.literal("true")
		return d.err == nil
	case c == 'f':
		d.literal("false")
	default:
		d.unexpected("boolean")
	}
	return false
}

// Int8 reads an integer in the range of an int8 (Smithy byte).
func (d *Decoder) Int8() int8 { return int8(d.integer(8)) }

// Int16 reads an integer in the range of an int16 (Smithy short).
func (d *Decoder) Int16() int16 { return int16(d.integer(16)) }

// Int32 reads an integer in the range of an int32 (Smithy integer).
func (d *Decoder) Int32() int32 { return int32(d.integer(32)) }

// Int64 reads an integer (Smithy long).
func (d *Decoder) Int64() int64 { return d.integer(64) }

// integer reads a number that must be written as an integer, without
// fraction or exponent, and fit in a signed integer of the given size.
func (d *Decoder) integer(bits int) int64 {
	c, ok := d.begin()
	if !ok {
		return 0
	}
	if c != '-' && !isDigit(c) {
		d.unexpected("number")
		return 0
	}
	start := d.pos
	num, isInt := d.number()
	if d.err != nil {
		return 0
	}
	if !isInt {
		d.fail(start, "number "+abbrev(num)+" is not an integer")
		return 0
	}
	neg := num[0] == '-'
	digits := num
	if neg {
		digits = num[1:]
	}
	limit := uint64(1) << (bits - 1) // magnitude of the most negative value
	if !neg {
		limit--
	}
	var u uint64
	for _, c := range digits {
		if u > limit/10 {
			u = limit + 1
			break
		}
		u = u*10 + uint64(c-'0')
	}
	if u > limit {
		d.fail(start, outOfRange(num, "int", bits))
		return 0
	}
	if neg {
		return -int64(u)
	}
	return int64(u)
}

// Float32 reads a number in the range of a float32, or one of the strings
// "NaN", "Infinity" and "-Infinity".
func (d *Decoder) Float32() float32 { return float32(d.float(32)) }

// Float64 reads a number, or one of the strings "NaN", "Infinity" and
// "-Infinity".
func (d *Decoder) Float64() float64 { return d.float(64) }

func (d *Decoder) float(bits int) float64 {
	c, ok := d.begin()
	if !ok {
		return 0
	}
	start := d.pos
	if c == '"' {
		b, _ := d.readString()
		if v, ok := specialFloat(b); ok {
			return v
		}
		d.fail(start, "expected number, found string")
		return 0
	}
	if c != '-' && !isDigit(c) {
		d.unexpected("number")
		return 0
	}
	num, _ := d.number()
	if d.err != nil {
		return 0
	}
	v, err := strconv.ParseFloat(string(num), bits)
	if err != nil { // the syntax is valid, so this is a range error
		d.fail(start, outOfRange(num, "float", bits))
		return 0
	}
	return v
}

// Blob reads a string of standard base64 with padding, as decoded by
// base64.StdEncoding: padding is required, and '\r' and '\n' are ignored.
// The result is a new slice, empty but not nil for "".
func (d *Decoder) Blob() []byte {
	c, ok := d.begin()
	if !ok {
		return nil
	}
	if c != '"' {
		d.unexpected("string")
		return nil
	}
	start := d.pos
	s, _ := d.readString()
	if d.err != nil {
		return nil
	}
	b := make([]byte, base64.StdEncoding.DecodedLen(len(s)))
	n, err := base64.StdEncoding.Decode(b, s)
	if err != nil {
		d.fail(start, "invalid base64 string: "+err.Error())
		return nil
	}
	return b[:n]
}

// EpochSeconds reads a number of seconds since the Unix epoch (see
// ParseEpochSeconds). Unless StrictTimes, a string holding a date-time or an HTTP
// date is read too, as SDKs read the timestamps of older services that send them so.
func (d *Decoder) EpochSeconds() time.Time {
	c, ok := d.begin()
	if !ok {
		return time.Time{}
	}
	if c == '"' && !d.StrictTimes {
		return d.anyTimeString("epoch-seconds")
	}
	if c != '-' && !isDigit(c) {
		d.unexpected("number")
		return time.Time{}
	}
	return d.epochNumber()
}

// epochNumber reads a number of seconds since the Unix epoch.
func (d *Decoder) epochNumber() time.Time {
	start := d.pos
	num, _ := d.number()
	if d.err != nil {
		return time.Time{}
	}
	t, ok := parseEpochSeconds(num)
	if !ok {
		d.fail(start, badTimestamp("epoch-seconds", num))
	}
	return t
}

// DateTime reads an RFC 3339 date-time string (see ParseDateTime); unless StrictTimes,
// an HTTP date string or a number of epoch seconds is read too.
func (d *Decoder) DateTime() time.Time {
	return d.timeString("date-time", parseDateTime[[]byte])
}

// HTTPDate reads an HTTP date string (see ParseHTTPDate); unless StrictTimes, a
// date-time string or a number of epoch seconds is read too.
func (d *Decoder) HTTPDate() time.Time {
	return d.timeString("http-date", parseHTTPDate[[]byte])
}

func (d *Decoder) timeString(format string, parse func([]byte) (time.Time, bool)) time.Time {
	c, ok := d.begin()
	if !ok {
		return time.Time{}
	}
	if (c == '-' || isDigit(c)) && !d.StrictTimes {
		return d.epochNumber()
	}
	if c != '"' {
		d.unexpected("string")
		return time.Time{}
	}
	if d.StrictTimes {
		start := d.pos
		s, _ := d.readString()
		if d.err != nil {
			return time.Time{}
		}
		t, ok := parse(s)
		if !ok {
			d.fail(start, badTimestamp(format, s))
		}
		return t
	}
	return d.anyTimeString(format)
}

// anyTimeString reads a string timestamp in any format: date-time, HTTP date, or
// epoch seconds as text. format names the one the model gives, for the error.
func (d *Decoder) anyTimeString(format string) time.Time {
	start := d.pos
	s, _ := d.readString()
	if d.err != nil {
		return time.Time{}
	}
	for _, parse := range []func([]byte) (time.Time, bool){parseDateTime[[]byte], parseHTTPDate[[]byte], parseEpochSeconds[[]byte]} {
		if t, ok := parse(s); ok {
			return t
		}
	}
	d.fail(start, badTimestamp(format, s))
	return time.Time{}
}

// ptr returns &v, or nil if there is an error.
// slabPtr is ptr for the kinds whose pointers come from blocks.
func slabPtr[T any](d *Decoder, s *slab[T], v T) *T {
	if d.err != nil {
		return nil
	}
	return s.new(v)
}

func ptr[T any](d *Decoder, v T) *T {
	if d.err != nil {
		return nil
	}
	return &v
}

// StringPtr is String returning nil for null.
func (d *Decoder) StringPtr() *string {
	if d.IsNull() {
		return nil
	}
	return slabPtr(d, &d.strs, d.String())
}

// BoolPtr is Bool returning nil for null.
func (d *Decoder) BoolPtr() *bool {
	if d.IsNull() {
		return nil
	}
	return ptr(d, d.Bool())
}

// Int8Ptr is Int8 returning nil for null.
func (d *Decoder) Int8Ptr() *int8 {
	if d.IsNull() {
		return nil
	}
	return ptr(d, d.Int8())
}

// Int16Ptr is Int16 returning nil for null.
func (d *Decoder) Int16Ptr() *int16 {
	if d.IsNull() {
		return nil
	}
	return ptr(d, d.Int16())
}

// Int32Ptr is Int32 returning nil for null.
func (d *Decoder) Int32Ptr() *int32 {
	if d.IsNull() {
		return nil
	}
	return ptr(d, d.Int32())
}

// Int64Ptr is Int64 returning nil for null.
func (d *Decoder) Int64Ptr() *int64 {
	if d.IsNull() {
		return nil
	}
	return ptr(d, d.Int64())
}

// Float32Ptr is Float32 returning nil for null.
func (d *Decoder) Float32Ptr() *float32 {
	if d.IsNull() {
		return nil
	}
	return ptr(d, d.Float32())
}

// Float64Ptr is Float64 returning nil for null.
func (d *Decoder) Float64Ptr() *float64 {
	if d.IsNull() {
		return nil
	}
	return ptr(d, d.Float64())
}

// EpochSecondsPtr is EpochSeconds returning nil for null.
func (d *Decoder) EpochSecondsPtr() *time.Time {
	if d.IsNull() {
		return nil
	}
	return slabPtr(d, &d.times, d.EpochSeconds())
}

// DateTimePtr is DateTime returning nil for null.
func (d *Decoder) DateTimePtr() *time.Time {
	if d.IsNull() {
		return nil
	}
	return slabPtr(d, &d.times, d.DateTime())
}

// HTTPDatePtr is HTTPDate returning nil for null.
func (d *Decoder) HTTPDatePtr() *time.Time {
	if d.IsNull() {
		return nil
	}
	return slabPtr(d, &d.times, d.HTTPDate())
}
