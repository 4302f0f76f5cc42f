package cborwire

import (
	"encoding/binary"
	"math"
	"math/big"
	"strconv"
	"time"
	"unicode/utf8"
	"unsafe"

	"github.com/svcgen/svcgen/runtime/jsonwire"
	"github.com/svcgen/svcgen/runtime/validate"
)

// DefaultMaxDepth is the nesting limit of a Decoder whose MaxDepth is 0.
const DefaultMaxDepth = 512

// A SyntaxError describes CBOR that is not well-formed, or a value of the wrong type
// or range for the Go value it is decoded into.
type SyntaxError struct {
	Offset int64  // offset in the input of the byte or value at fault
	Msg    string // such as "expected text string, found array"
}

func (e *SyntaxError) Error() string {
	return "cbor: " + e.Msg + " at offset " + strconv.FormatInt(e.Offset, 10)
}

// A Decoder reads one CBOR data item from a byte slice, driven by calls that name the
// expected type of each value. It behaves as jsonwire.Decoder does, call for call:
//
// The first error is sticky: it is kept with its offset and returned by Err and End,
// and from then on every method returns zero values and ObjectNext and ArrayNext
// return false, so decoding loops end. Generated code checks for an error once, at
// the end.
//
// Whether ObjectNext and ArrayNext start a container or continue one depends on
// whether a value was just completed, so the caller must read or Skip exactly one
// value per member or element.
//
// A null (or undefined) value is accepted by every reader: scalar readers return the
// zero value, the Ptr forms return nil, Blob returns nil, and ObjectNext and
// ArrayNext return false at once, as for an empty container. Use IsNull to tell null
// apart.
//
// Strictness: the input must be one well-formed data item (RFC 8949 §5.3.1), with
// text strings of valid UTF-8 (each chunk of an indefinite-length one too) and maps
// whose keys, where a structure or map is expected, are text strings. Lengths are
// checked against the bytes left before anything is allocated, nesting is limited
// by MaxDepth, and no input makes the Decoder panic. Integers and floats of every
// width are read; a float may also be read from an integer, never the reverse. Tags
// are refused except where they carry meaning: tag 1 before a timestamp, tags 2 and
// 3 for a bigInteger, tag 4 for a bigDecimal; Skip and Raw accept any.
//
// The input is never modified. Strings and slices returned are copies, except Key,
// which may alias the input or an internal buffer, and the strings of a Decoder made
// by NewDecoderShared, which share the input's memory where they can.
//
// The zero Decoder is an empty input; use Reset or NewDecoder.
type Decoder struct {
	// MaxDepth limits the nesting of maps and arrays; beyond it decoding fails. 0
	// means DefaultMaxDepth.
	MaxDepth int
	// MissingTracker records the required members that maps lack when its
	// TrackMissing is set (see validate.MissingTracker); a server sets it.
	validate.MissingTracker
	// StrictTimes requires tag 1 before a timestamp, as the protocol writes one; a
	// server sets it. Without it an untagged number of seconds is read too.
	StrictTimes bool

	data  []byte
	pos   int
	after bool    // a value was just completed
	open  []frame // the maps and arrays being read, innermost last
	key   []byte  // the current map key
	buf   []byte  // the chunks of an indefinite-length string, joined
	err   *SyntaxError

	shared    bool // strings may share data's memory
	keyShared bool // key is in data, and shared
	strs      slab[string]
	times     slab[time.Time]
}

// frame is a map or array being read: entries left of a definite length, or an
// indefinite length ended by a break.
type frame struct {
	left  uint64
	indef bool
	isMap bool
}

// slab hands out pointers to values from blocks allocated together.
type slab[T any] struct {
	free []T
	size int
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

// NewDecoderShared returns a Decoder reading data whose strings share data's memory
// where they can (a definite-length text string): data must never be modified while
// they are in use. A client uses it for a response body it owns.
func NewDecoderShared(data []byte) *Decoder {
	d := NewDecoder(data)
	d.shared = true
	return d
}

// Reset makes d read data from the start, clearing any error and the absent members
// recorded. Its settings are kept.
func (d *Decoder) Reset(data []byte) {
	d.data, d.pos, d.after, d.open, d.key, d.err, d.keyShared = data, 0, false, d.open[:0], nil, nil, false
	d.ResetMissing()
}

// Err returns the first error met, or nil.
func (d *Decoder) Err() error {
	if d.err == nil {
		return nil
	}
	return d.err
}

// End checks that one complete data item was read and that nothing follows it, and
// returns the first error.
func (d *Decoder) End() error {
	if d.err == nil {
		switch {
		case !d.after || len(d.open) > 0:
			d.fail(d.pos, "unexpected end of input")
		case d.pos < len(d.data):
			d.fail(d.pos, "data after the top-level value")
		}
	}
	return d.Err()
}

func (d *Decoder) fail(offset int, msg string) {
	if d.err == nil {
		d.err = &SyntaxError{Offset: int64(offset), Msg: msg}
	}
}

// unexpected fails at the current byte, which is not the start of what was expected.
func (d *Decoder) unexpected(what string) {
	if d.pos >= len(d.data) {
		d.fail(d.pos, "unexpected end of input, expected "+what)
		return
	}
	d.fail(d.pos, "expected "+what+", found "+describe(d.data[d.pos]))
}

// describe names the kind of data item an initial byte starts.
func describe(c byte) string {
	switch c & 0xe0 {
	case majorUint, majorNegInt:
		return "integer"
	case majorBytes:
		return "byte string"
	case majorText:
		return "text string"
	case majorArray:
		return "array"
	case majorMap:
		return "map"
	case majorTag:
		return "tag"
	}
	switch c {
	case byteFalse, byteTrue:
		return "boolean"
	case byteNull:
		return "null"
	case byteUndefined:
		return "undefined"
	case byteFloat16, byteFloat32, byteFloat64:
		return "float"
	case byteBreak:
		return "break"
	}
	return "simple value"
}

// head reads the initial byte and argument of the next data item. For an
// indefinite length (additional information 31), indef is set and arg is 0; a
// break reads as major type 7 with indef set. Reserved additional information
// (28-30) and a truncated argument are errors.
func (d *Decoder) head() (major byte, arg uint64, indef, ok bool) {
	if d.pos >= len(d.data) {
		d.fail(d.pos, "unexpected end of input")
		return 0, 0, false, false
	}
	c := d.data[d.pos]
	major, ai := c&0xe0, c&0x1f
	var n int
	switch {
	case ai < 24:
		d.pos++
		return major, uint64(ai), false, true
	case ai == 24:
		n = 1
	case ai == 25:
		n = 2
	case ai == 26:
		n = 4
	case ai == 27:
		n = 8
	case ai == 31:
		if major == majorUint || major == majorNegInt || major == majorTag {
			d.fail(d.pos, "indefinite length on "+describe(c))
			return 0, 0, false, false
		}
		d.pos++
		return major, 0, true, true
	default:
		d.fail(d.pos, "reserved additional information "+strconv.Itoa(int(ai)))
		return 0, 0, false, false
	}
	if len(d.data)-d.pos-1 < n {
		d.fail(d.pos, "unexpected end of input in the head of "+describe(c))
		return 0, 0, false, false
	}
	b := d.data[d.pos+1 : d.pos+1+n]
	switch n {
	case 1:
		arg = uint64(b[0])
	case 2:
		arg = uint64(binary.BigEndian.Uint16(b))
	case 4:
		arg = uint64(binary.BigEndian.Uint32(b))
	default:
		arg = binary.BigEndian.Uint64(b)
	}
	d.pos += 1 + n
	return major, arg, false, true
}

// null consumes a null or undefined value if one is next.
func (d *Decoder) null() bool {
	if d.pos < len(d.data) && (d.data[d.pos] == byteNull || d.data[d.pos] == byteUndefined) {
		d.pos++
		d.after = true
		return true
	}
	return false
}

// IsNull reports whether the next value is null (or undefined), and if so consumes it.
func (d *Decoder) IsNull() bool { return d.err == nil && d.null() }

// ObjectNext advances to the next entry of a map and reports whether there is one;
// its key is then available from Key, and the caller must read or Skip its value.
// The first call for a map reads its head. ObjectNext returns false at the map's
// end, on null in place of the map, and on error.
func (d *Decoder) ObjectNext() bool {
	if d.err != nil {
		return false
	}
	if !d.after {
		if d.null() {
			return false
		}
		if !d.push(majorMap) {
			return false
		}
	} else if n := len(d.open); n == 0 || !d.open[n-1].isMap {
		d.fail(d.pos, "ObjectNext called outside a map")
		return false
	}
	if !d.more() {
		return false
	}
	d.key, d.keyShared = d.readString(majorText, "text string for map key")
	if d.err != nil {
		return false
	}
	d.keyShared = d.keyShared && d.shared
	d.after = false
	return true
}

// Key returns the key of the entry ObjectNext advanced to. It is valid until the
// next call on d.
func (d *Decoder) Key() []byte { return d.key }

// KeyString returns Key as a string that stays valid: a copy, or for a Decoder made
// by NewDecoderShared, when the key is of definite length, the input's bytes.
func (d *Decoder) KeyString() string {
	if d.keyShared {
		return sharedString(d.key)
	}
	return string(d.key)
}

// sharedString returns b's bytes as a string without copying them; b must never be
// modified afterwards.
func sharedString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// ArrayNext advances to the next element of an array and reports whether there is
// one; the caller must then read or Skip it. The first call for an array reads its
// head. ArrayNext returns false at the array's end, on null in place of the array,
// and on error.
func (d *Decoder) ArrayNext() bool {
	if d.err != nil {
		return false
	}
	if !d.after {
		if d.null() {
			return false
		}
		if !d.push(majorArray) {
			return false
		}
	} else if n := len(d.open); n == 0 || d.open[n-1].isMap {
		d.fail(d.pos, "ArrayNext called outside an array")
		return false
	}
	if !d.more() {
		return false
	}
	d.after = false
	return true
}

// push reads the head of a map or an array.
func (d *Decoder) push(major byte) bool {
	what := "array"
	if major == majorMap {
		what = "map"
	}
	if d.pos >= len(d.data) || d.data[d.pos]&0xe0 != major {
		d.unexpected(what)
		return false
	}
	start := d.pos
	_, n, indef, ok := d.head()
	if !ok {
		return false
	}
	if limit := d.maxDepth(); len(d.open) >= limit {
		d.fail(start, "exceeded maximum nesting depth "+strconv.Itoa(limit))
		return false
	}
	if !indef && !d.fits(n, major == majorMap) {
		d.fail(start, what+" length "+strconv.FormatUint(n, 10)+" exceeds the input left")
		return false
	}
	d.open = append(d.open, frame{left: n, indef: indef, isMap: major == majorMap})
	d.after = false
	return true
}

func (d *Decoder) maxDepth() int {
	if d.MaxDepth <= 0 {
		return DefaultMaxDepth
	}
	return d.MaxDepth
}

// fits reports whether n entries can fit in the input left: each element takes a
// byte at least, each map entry two.
func (d *Decoder) fits(n uint64, isMap bool) bool {
	left := uint64(len(d.data) - d.pos)
	if isMap {
		return n <= left/2
	}
	return n <= left
}

// more reports whether the innermost container has another entry, consuming it from
// the count or ending the container (its break consumed).
func (d *Decoder) more() bool {
	f := &d.open[len(d.open)-1]
	if f.indef {
		if d.pos >= len(d.data) {
			d.fail(d.pos, "unexpected end of input in indefinite-length container")
			return false
		}
		if d.data[d.pos] == byteBreak {
			d.pos++
			d.pop()
			return false
		}
		return true
	}
	if f.left == 0 {
		d.pop()
		return false
	}
	f.left--
	return true
}

func (d *Decoder) pop() {
	d.open = d.open[:len(d.open)-1]
	d.after = true
}

// readString reads a byte string or text string (major) of definite or indefinite
// length; inData reports that b is a slice of the input rather than of d.buf. Text
// must be valid UTF-8.
func (d *Decoder) readString(major byte, what string) (b []byte, inData bool) {
	if d.pos >= len(d.data) || d.data[d.pos]&0xe0 != major {
		d.unexpected(what)
		return nil, false
	}
	start := d.pos
	_, n, indef, ok := d.head()
	if !ok {
		return nil, false
	}
	if !indef {
		b = d.chunk(start, n, major)
		return b, b != nil
	}
	d.buf = d.buf[:0]
	for {
		if d.pos >= len(d.data) {
			d.fail(d.pos, "unexpected end of input in indefinite-length string")
			return nil, false
		}
		if d.data[d.pos] == byteBreak {
			d.pos++
			return d.buf, false
		}
		cstart := d.pos
		if d.data[d.pos]&0xe0 != major || d.data[d.pos]&0x1f == 31 {
			d.fail(d.pos, "chunk of indefinite-length string is a "+describe(d.data[d.pos])+", not one of definite length of the same type")
			return nil, false
		}
		_, n, _, ok := d.head()
		if !ok {
			return nil, false
		}
		c := d.chunk(cstart, n, major)
		if c == nil {
			return nil, false
		}
		d.buf = append(d.buf, c...)
	}
}

// chunk takes the n bytes of a definite-length string whose head started at start;
// nil on error.
func (d *Decoder) chunk(start int, n uint64, major byte) []byte {
	if n > uint64(len(d.data)-d.pos) {
		d.fail(start, "string length "+strconv.FormatUint(n, 10)+" exceeds the input left")
		return nil
	}
	b := d.data[d.pos : d.pos+int(n) : d.pos+int(n)]
	if major == majorText && !utf8.Valid(b) {
		d.fail(start, "text string is not valid UTF-8")
		return nil
	}
	d.pos += int(n)
	return b
}

// String reads a text string.
func (d *Decoder) String() string {
	if d.err != nil || d.null() {
		return ""
	}
	b, inData := d.readString(majorText, "text string")
	if d.err != nil {
		return ""
	}
	d.after = true
	if inData && d.shared {
		return sharedString(b)
	}
	return string(b)
}

// Bool reads true or false.
func (d *Decoder) Bool() bool {
	if d.err != nil || d.null() {
		return false
	}
	if d.pos >= len(d.data) {
		d.unexpected("boolean")
		return false
	}
	switch d.data[d.pos] {
	case byteTrue:
		d.pos++
		d.after = true
		return true
	case byteFalse:
		d.pos++
		d.after = true
		return false
	}
	d.unexpected("boolean")
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

// integer reads an integer of major type 0 or 1, of any width, that fits in a signed
// integer of the given size.
func (d *Decoder) integer(bits int) int64 {
	if d.err != nil || d.null() {
		return 0
	}
	start := d.pos
	if d.pos >= len(d.data) || d.data[d.pos]&0xe0 != majorUint && d.data[d.pos]&0xe0 != majorNegInt {
		d.unexpected("integer")
		return 0
	}
	major, arg, _, ok := d.head()
	if !ok {
		return 0
	}
	if limit := uint64(1)<<(bits-1) - 1; arg > limit {
		// -1-arg >= -2^(bits-1) exactly when arg <= 2^(bits-1)-1: one bound for both
		d.fail(start, "integer out of range of int"+strconv.Itoa(bits))
		return 0
	}
	d.after = true
	if major == majorNegInt {
		return -1 - int64(arg)
	}
	return int64(arg)
}

// Float32 reads a float of any width, or an integer, in the range of a float32.
func (d *Decoder) Float32() float32 {
	start := d.pos
	v := d.float()
	if !math.IsInf(v, 0) && math.Abs(v) > math.MaxFloat32 {
		d.fail(start, "number out of range of float32")
		return 0
	}
	return float32(v)
}

// Float64 reads a float of any width, or an integer.
func (d *Decoder) Float64() float64 { return d.float() }

func (d *Decoder) float() float64 {
	if d.err != nil || d.null() {
		return 0
	}
	v, ok := d.number()
	if !ok {
		return 0
	}
	d.after = true
	return v
}

// number reads a float of any width or an integer as a float64.
func (d *Decoder) number() (float64, bool) {
	if d.pos >= len(d.data) {
		d.unexpected("number")
		return 0, false
	}
	c := d.data[d.pos]
	switch c {
	case byteFloat16, byteFloat32, byteFloat64:
		_, arg, _, ok := d.head()
		if !ok {
			return 0, false
		}
		switch c {
		case byteFloat16:
			return Float16(uint16(arg)), true
		case byteFloat32:
			return float64(math.Float32frombits(uint32(arg))), true
		}
		return math.Float64frombits(arg), true
	}
	switch c & 0xe0 {
	case majorUint:
		_, arg, _, ok := d.head()
		return float64(arg), ok
	case majorNegInt:
		_, arg, _, ok := d.head()
		return -1 - float64(arg), ok
	}
	d.unexpected("number")
	return 0, false
}

// Float16 converts the bits of an IEEE 754 half precision float to a float64:
// subnormals, infinities and NaN included (a NaN stays a NaN, its payload kept).
func Float16(h uint16) float64 {
	sign, exp, mant := uint32(h>>15), uint32(h>>10)&0x1f, uint32(h&0x3ff)
	var v float64
	switch exp {
	case 0: // zero or subnormal: mant × 2^-24
		v = math.Ldexp(float64(mant), -24)
	case 0x1f: // infinity or NaN: the same in single precision, which a float64 keeps
		return float64(math.Float32frombits(sign<<31 | 0xff<<23 | mant<<13))
	default:
		v = math.Ldexp(float64(mant|0x400), int(exp)-25)
	}
	if sign != 0 {
		v = -v
	}
	return v
}

// Blob reads a byte string of definite or indefinite length. The result is a new
// slice, empty but not nil for an empty string; null gives nil.
func (d *Decoder) Blob() []byte {
	if d.err != nil || d.null() {
		return nil
	}
	b, _ := d.readString(majorBytes, "byte string")
	if d.err != nil {
		return nil
	}
	d.after = true
	return append([]byte{}, b...)
}

// tag reads a tag head if one is next, returning its number; ok is false on error.
func (d *Decoder) tag() (num uint64, tagged, ok bool) {
	if d.pos >= len(d.data) || d.data[d.pos]&0xe0 != majorTag {
		return 0, false, true
	}
	_, num, _, ok = d.head()
	return num, true, ok
}

// EpochSeconds reads a timestamp: tag 1 over an integer or a float of seconds since
// the Unix epoch (the tag may be absent unless StrictTimes). A float is read as the
// shortest decimal that identifies it, so the double nearest 0.123 gives 123ms
// exactly. Years outside 0001-9999, NaN and the infinities are errors. The result is
// in UTC.
func (d *Decoder) EpochSeconds() time.Time {
	if d.err != nil || d.null() {
		return time.Time{}
	}
	start := d.pos
	num, tagged, ok := d.tag()
	switch {
	case !ok:
		return time.Time{}
	case tagged && num != tagEpoch:
		d.fail(start, "expected tag 1 (epoch seconds), found tag "+strconv.FormatUint(num, 10))
		return time.Time{}
	case !tagged && d.StrictTimes:
		d.unexpected("tag 1 (epoch seconds)")
		return time.Time{}
	}
	if d.pos >= len(d.data) {
		d.unexpected("number of epoch seconds")
		return time.Time{}
	}
	vstart := d.pos
	isInt := d.data[d.pos]&0xe0 == majorUint || d.data[d.pos]&0xe0 == majorNegInt
	var s string
	if isInt {
		v := d.integer(64)
		if d.err != nil {
			return time.Time{}
		}
		s = strconv.FormatInt(v, 10)
	} else {
		v, ok := d.number()
		if !ok {
			return time.Time{}
		}
		if math.IsNaN(v) || math.Abs(v) > 1e12 {
			d.fail(vstart, "epoch seconds out of range")
			return time.Time{}
		}
		if v == math.Trunc(v) && v >= minEpoch && v <= maxEpoch { // whole seconds: no text
			d.after = true
			return time.Unix(int64(v), 0).UTC()
		}
		s = strconv.FormatFloat(v, 'f', -1, 64)
	}
	t, err := jsonwire.ParseEpochSeconds(s)
	if err != nil {
		d.fail(vstart, "epoch seconds "+s+" out of range")
		return time.Time{}
	}
	d.after = true
	return t
}

// minEpoch and maxEpoch are the first and last second of years 0001-9999, the
// range ParseEpochSeconds accepts.
const (
	minEpoch = -62135596800
	maxEpoch = 253402300799
)

// DateTime reads a timestamp as EpochSeconds does: the protocol has one form.
func (d *Decoder) DateTime() time.Time { return d.EpochSeconds() }

// HTTPDate reads a timestamp as EpochSeconds does.
func (d *Decoder) HTTPDate() time.Time { return d.EpochSeconds() }

// BigInt reads an integer of any size: a plain integer, or tag 2 or 3 over a byte
// string of its magnitude. null gives nil.
func (d *Decoder) BigInt() *big.Int {
	if d.err != nil || d.null() {
		return nil
	}
	v := d.bigInt()
	if v != nil {
		d.after = true
	}
	return v
}

func (d *Decoder) bigInt() *big.Int {
	start := d.pos
	num, tagged, ok := d.tag()
	if !ok {
		return nil
	}
	if tagged {
		if num != tagPosBignum && num != tagNegBignum {
			d.fail(start, "expected integer or bignum, found tag "+strconv.FormatUint(num, 10))
			return nil
		}
		b, _ := d.readString(majorBytes, "byte string of bignum")
		if d.err != nil {
			return nil
		}
		v := new(big.Int).SetBytes(b)
		if num == tagNegBignum {
			v.Neg(v).Sub(v, big.NewInt(1)) // -1 - n
		}
		return v
	}
	if d.pos >= len(d.data) || (d.data[d.pos]&0xe0 != majorUint && d.data[d.pos]&0xe0 != majorNegInt) {
		d.unexpected("integer")
		return nil
	}
	major, arg, _, ok := d.head()
	if !ok {
		return nil
	}
	v := new(big.Int).SetUint64(arg)
	if major == majorNegInt {
		v.Neg(v).Sub(v, big.NewInt(1))
	}
	return v
}

// maxDecimalExponent bounds the exponent of a decimal fraction read by BigFloat:
// beyond it a value is refused rather than computed at great cost.
const maxDecimalExponent = 10000

// BigFloat reads a number of any size and precision: tag 4 over [exponent, mantissa]
// (a decimal fraction; the mantissa may be a bignum), an integer or bignum, or a
// float. null gives nil.
func (d *Decoder) BigFloat() *big.Float {
	if d.err != nil || d.null() {
		return nil
	}
	start := d.pos
	if d.pos < len(d.data) && d.data[d.pos] == majorTag|tagDecimalFrac {
		d.pos++
		if d.pos >= len(d.data) || d.data[d.pos] != majorArray|2 {
			d.unexpected("array of exponent and mantissa")
			return nil
		}
		d.pos++
		exp := d.bigInt()
		if d.err != nil {
			return nil
		}
		mant := d.bigInt()
		if d.err != nil {
			return nil
		}
		if !exp.IsInt64() || exp.Int64() > maxDecimalExponent || exp.Int64() < -maxDecimalExponent {
			d.fail(start, "decimal fraction exponent out of range")
			return nil
		}
		v, err := jsonwire.ParseBigFloat(mant.String() + "e" + exp.String())
		if err != nil {
			d.fail(start, err.Error())
			return nil
		}
		d.after = true
		return v
	}
	if d.pos < len(d.data) && (d.data[d.pos]&0xe0 == majorTag || d.data[d.pos]&0xe0 == majorUint || d.data[d.pos]&0xe0 == majorNegInt) {
		v := d.bigInt()
		if d.err != nil {
			return nil
		}
		d.after = true
		return new(big.Float).SetPrec(uint(max(v.BitLen(), 64))).SetInt(v)
	}
	f, ok := d.number()
	if !ok {
		return nil
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		d.fail(start, "bigDecimal cannot be NaN or infinite")
		return nil
	}
	d.after = true
	return new(big.Float).SetFloat64(f)
}

// Skip consumes the next value, whatever its type, checking that it is well-formed.
func (d *Decoder) Skip() {
	if d.err != nil {
		return
	}
	if d.skip(len(d.open)) {
		d.after = true
	}
}

// skip consumes one data item, nested in depth containers.
func (d *Decoder) skip(depth int) bool {
	for { // tags are followed by their content: a loop, not recursion
		if d.pos >= len(d.data) {
			d.fail(d.pos, "unexpected end of input")
			return false
		}
		start := d.pos
		c := d.data[d.pos]
		switch c & 0xe0 {
		case majorUint, majorNegInt:
			_, _, _, ok := d.head()
			return ok
		case majorBytes, majorText:
			d.readString(c&0xe0, describe(c))
			return d.err == nil
		case majorTag:
			if _, _, _, ok := d.head(); !ok {
				return false
			}
			continue
		case majorArray, majorMap:
			_, n, indef, ok := d.head()
			if !ok {
				return false
			}
			if limit := d.maxDepth(); depth >= limit {
				d.fail(start, "exceeded maximum nesting depth "+strconv.Itoa(limit))
				return false
			}
			items := uint64(1)
			if c&0xe0 == majorMap {
				items = 2
			}
			if indef {
				for {
					if d.pos >= len(d.data) {
						d.fail(d.pos, "unexpected end of input in indefinite-length container")
						return false
					}
					if d.data[d.pos] == byteBreak {
						d.pos++
						return true
					}
					for range items {
						if !d.skip(depth + 1) {
							return false
						}
					}
				}
			}
			if !d.fits(n, c&0xe0 == majorMap) {
				d.fail(start, describe(c)+" length "+strconv.FormatUint(n, 10)+" exceeds the input left")
				return false
			}
			for ; n > 0; n-- {
				for range items {
					if !d.skip(depth + 1) {
						return false
					}
				}
			}
			return true
		}
		// major type 7
		switch ai := c & 0x1f; {
		case ai < 24:
			d.pos++
			return true
		case ai == 24:
			if d.pos+1 >= len(d.data) {
				d.fail(d.pos, "unexpected end of input in simple value")
				return false
			}
			if d.data[d.pos+1] < 32 {
				d.fail(d.pos, "simple value below 32 in two bytes")
				return false
			}
			d.pos += 2
			return true
		case ai == 31:
			d.fail(d.pos, "unexpected break")
			return false
		}
		_, _, _, ok := d.head() // a float, or a reserved value it refuses
		return ok
	}
}

// Raw returns a copy of the next value as it appears in the input, after checking it
// as Skip does. It is meant for values kept as they came, such as an unknown union
// member; null is returned as its one byte.
func (d *Decoder) Raw() []byte {
	if d.err != nil {
		return nil
	}
	start := d.pos
	if d.Skip(); d.err != nil {
		return nil
	}
	return append([]byte(nil), d.data[start:d.pos]...)
}

// ptr returns &v from s, or nil if there is an error.
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
	if d.IsNull() || d.err != nil {
		return nil
	}
	return slabPtr(d, &d.strs, d.String())
}

// BoolPtr is Bool returning nil for null.
func (d *Decoder) BoolPtr() *bool {
	if d.IsNull() || d.err != nil {
		return nil
	}
	return ptr(d, d.Bool())
}

// Int8Ptr is Int8 returning nil for null.
func (d *Decoder) Int8Ptr() *int8 {
	if d.IsNull() || d.err != nil {
		return nil
	}
	return ptr(d, d.Int8())
}

// Int16Ptr is Int16 returning nil for null.
func (d *Decoder) Int16Ptr() *int16 {
	if d.IsNull() || d.err != nil {
		return nil
	}
	return ptr(d, d.Int16())
}

// Int32Ptr is Int32 returning nil for null.
func (d *Decoder) Int32Ptr() *int32 {
	if d.IsNull() || d.err != nil {
		return nil
	}
	return ptr(d, d.Int32())
}

// Int64Ptr is Int64 returning nil for null.
func (d *Decoder) Int64Ptr() *int64 {
	if d.IsNull() || d.err != nil {
		return nil
	}
	return ptr(d, d.Int64())
}

// Float32Ptr is Float32 returning nil for null.
func (d *Decoder) Float32Ptr() *float32 {
	if d.IsNull() || d.err != nil {
		return nil
	}
	return ptr(d, d.Float32())
}

// Float64Ptr is Float64 returning nil for null.
func (d *Decoder) Float64Ptr() *float64 {
	if d.IsNull() || d.err != nil {
		return nil
	}
	return ptr(d, d.Float64())
}

// EpochSecondsPtr is EpochSeconds returning nil for null.
func (d *Decoder) EpochSecondsPtr() *time.Time {
	if d.IsNull() || d.err != nil {
		return nil
	}
	return slabPtr(d, &d.times, d.EpochSeconds())
}

// DateTimePtr is EpochSecondsPtr (see DateTime).
func (d *Decoder) DateTimePtr() *time.Time { return d.EpochSecondsPtr() }

// HTTPDatePtr is EpochSecondsPtr (see DateTime).
func (d *Decoder) HTTPDatePtr() *time.Time { return d.EpochSecondsPtr() }

// CheckKeys reports the first map in data, at any depth, that repeats a key or has a
// key that is not a text string, as a *SyntaxError at the key's offset; data must also
// be one well-formed item (Skip's checks, with the default depth limit). A server
// refuses such a request: a member that a proxy or an audit log reads differently
// from the service (the first "roleArn" against the last) is a request the client
// did not mean.
func CheckKeys(data []byte) error {
	d := NewDecoder(data)
	d.checkKeys(0)
	return d.End()
}

func (d *Decoder) checkKeys(depth int) {
	for d.err == nil { // skip tags
		if d.pos >= len(d.data) || d.data[d.pos]&0xe0 != majorTag {
			break
		}
		d.head()
	}
	if d.err != nil || d.pos >= len(d.data) {
		d.Skip()
		return
	}
	if depth >= d.maxDepth() {
		d.fail(d.pos, "exceeded maximum nesting depth "+strconv.Itoa(d.maxDepth()))
		return
	}
	switch d.data[d.pos] & 0xe0 {
	case majorMap:
		var seen map[string]bool
		for d.ObjectNext() {
			if seen == nil {
				seen = map[string]bool{}
			}
			k := string(d.key)
			if seen[k] {
				d.fail(d.pos, "repeated map key "+strconv.Quote(k))
				return
			}
			seen[k] = true
			d.checkKeys(depth + 1)
		}
	case majorArray:
		for d.ArrayNext() {
			d.checkKeys(depth + 1)
		}
	default:
		d.Skip()
	}
}
