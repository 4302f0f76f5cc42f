// Package cborwire is the CBOR (RFC 8949) encoder and decoder called by generated
// Smithy RPC v2 CBOR protocol code. It works without reflection, and its API is
// jsonwire's: the generated code drives a Writer that appends to a byte slice, and a
// Decoder that walks a byte slice held in memory, with the same calls.
//
// Writing:
//
//	w.ObjectStart()
//	if v.Name != nil {
//		w.Key("name")
//		w.String(*v.Name)
//	}
//	w.ObjectEnd()
//
// The Writer emits definite lengths only, and the shortest head for each length
// and integer. Maps and arrays get their length when they end: the Writer counts
// their members and patches the head, so generated code needs no count up front.
// Floats keep the width of their Smithy type (float: 32 bits, double: 64);
// timestamps are tag 1 over a double of epoch seconds.
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
//
// The Decoder reads definite and indefinite lengths alike, integers of any width,
// and half, single and double precision floats.
package cborwire

import (
	"encoding/binary"
	"math"
	"math/big"
	"slices"
	"strconv"
	"time"

	"github.com/svcgen/svcgen/runtime/jsonwire"
)

// CBOR major types, shifted into the high three bits of an initial byte.
const (
	majorUint   = 0 << 5
	majorNegInt = 1 << 5
	majorBytes  = 2 << 5
	majorText   = 3 << 5
	majorArray  = 4 << 5
	majorMap    = 5 << 5
	majorTag    = 6 << 5
	majorSimple = 7 << 5
)

// Initial bytes of simple values and floats.
const (
	byteFalse     = 0xf4
	byteTrue      = 0xf5
	byteNull      = 0xf6
	byteUndefined = 0xf7
	byteFloat16   = 0xf9
	byteFloat32   = 0xfa
	byteFloat64   = 0xfb
	byteBreak     = 0xff
)

// Tags read and written.
const (
	tagEpoch       = 1 // epoch-based date/time: an integer or float of seconds
	tagPosBignum   = 2
	tagNegBignum   = 3
	tagDecimalFrac = 4 // [exponent, mantissa]: mantissa × 10^exponent
)

// A Writer appends CBOR to an internal buffer. The zero value is ready to use, and a
// Writer can be reused after Reset without allocating again.
//
// The Writer does not check that calls are well nested or that a Key precedes each
// member value; generated code is trusted to do so.
type Writer struct {
	buf []byte
	// open are the maps and arrays not yet ended, innermost last.
	open []container
}

// container is a map or an array being written: where its head is, and how many
// members (keys) or elements it has so far.
type container struct {
	head  int
	n     uint64
	isMap bool
}

// Bytes returns the CBOR written so far. It aliases the Writer's buffer and is valid
// until the next call that writes or resets.
func (w *Writer) Bytes() []byte { return w.buf }

// Reset empties the Writer, keeping its buffers for reuse.
func (w *Writer) Reset() { w.buf, w.open = w.buf[:0], w.open[:0] }

// value counts a value written as an array element.
func (w *Writer) value() {
	if n := len(w.open); n > 0 && !w.open[n-1].isMap {
		w.open[n-1].n++
	}
}

// appendHead appends the initial byte of major type major with argument v in its
// shortest form.
func appendHead(dst []byte, major byte, v uint64) []byte {
	switch {
	case v < 24:
		return append(dst, major|byte(v))
	case v <= math.MaxUint8:
		return append(dst, major|24, byte(v))
	case v <= math.MaxUint16:
		return binary.BigEndian.AppendUint16(append(dst, major|25), uint16(v))
	case v <= math.MaxUint32:
		return binary.BigEndian.AppendUint32(append(dst, major|26), uint32(v))
	}
	return binary.BigEndian.AppendUint64(append(dst, major|27), v)
}

// ObjectStart starts a map (a structure, union or map).
func (w *Writer) ObjectStart() { w.start(majorMap) }

// ObjectEnd ends the map ObjectStart started.
func (w *Writer) ObjectEnd() { w.end(majorMap) }

// ArrayStart starts an array.
func (w *Writer) ArrayStart() { w.start(majorArray) }

// ArrayEnd ends the array ArrayStart started.
func (w *Writer) ArrayEnd() { w.end(majorArray) }

func (w *Writer) start(major byte) {
	w.value()
	w.open = append(w.open, container{head: len(w.buf), isMap: major == majorMap})
	w.buf = append(w.buf, major) // a length of 0 for now
}

// end patches the head of the innermost container with its length, moving its
// content along when the length needs more than the one byte reserved.
func (w *Writer) end(major byte) {
	c := w.open[len(w.open)-1]
	w.open = w.open[:len(w.open)-1]
	if c.n < 24 {
		w.buf[c.head] = major | byte(c.n)
		return
	}
	var tmp [9]byte
	head := appendHead(tmp[:0], major, c.n)
	w.buf = slices.Insert(w.buf, c.head+1, head[1:]...)
	w.buf[c.head] = head[0]
}

// Key writes a map key; the member value must follow.
func (w *Writer) Key(k string) {
	w.open[len(w.open)-1].n++
	w.buf = appendHead(w.buf, majorText, uint64(len(k)))
	w.buf = append(w.buf, k...)
}

// String writes s as a text string. Its bytes are written as they are: a Go string
// that is not valid UTF-8 makes a text string a strict decoder refuses.
func (w *Writer) String(s string) {
	w.value()
	w.buf = appendHead(w.buf, majorText, uint64(len(s)))
	w.buf = append(w.buf, s...)
}

// Bool writes true or false.
func (w *Writer) Bool(v bool) {
	w.value()
	if v {
		w.buf = append(w.buf, byteTrue)
	} else {
		w.buf = append(w.buf, byteFalse)
	}
}

// Null writes null.
func (w *Writer) Null() {
	w.value()
	w.buf = append(w.buf, byteNull)
}

// Int64 writes an integer. Generated code converts the smaller integer types.
func (w *Writer) Int64(v int64) {
	w.value()
	if v >= 0 {
		w.buf = appendHead(w.buf, majorUint, uint64(v))
	} else {
		w.buf = appendHead(w.buf, majorNegInt, uint64(-(v + 1)))
	}
}

// Uint64 writes an unsigned integer.
func (w *Writer) Uint64(v uint64) {
	w.value()
	w.buf = appendHead(w.buf, majorUint, v)
}

// Float64 writes v as a single precision float when bits is 32, else as a double.
// NaN and the infinities are written as they are.
func (w *Writer) Float64(v float64, bits int) {
	w.value()
	if bits == 32 {
		w.buf = binary.BigEndian.AppendUint32(append(w.buf, byteFloat32), math.Float32bits(float32(v)))
		return
	}
	w.buf = binary.BigEndian.AppendUint64(append(w.buf, byteFloat64), math.Float64bits(v))
}

// Blob writes b as a byte string.
func (w *Writer) Blob(b []byte) {
	w.value()
	w.buf = appendHead(w.buf, majorBytes, uint64(len(b)))
	w.buf = append(w.buf, b...)
}

// Raw writes pre-encoded CBOR, such as an unknown union member read by
// Decoder.Raw, as one value. It is not validated.
func (w *Writer) Raw(raw []byte) {
	w.value()
	w.buf = append(w.buf, raw...)
}

// EpochSeconds writes t as tag 1 over a double of seconds since the Unix epoch: the
// double nearest to t's exact decimal value, so 0.123 seconds is written as the
// double a decoder reads back as 0.123.
func (w *Writer) EpochSeconds(t time.Time) {
	w.value()
	w.buf = append(w.buf, majorTag|tagEpoch)
	w.buf = binary.BigEndian.AppendUint64(append(w.buf, byteFloat64), math.Float64bits(epochFloat(t)))
}

// epochFloat is t in seconds since the Unix epoch, correctly rounded to a double.
func epochFloat(t time.Time) float64 {
	if t.Nanosecond() == 0 {
		return float64(t.Unix())
	}
	var tmp [32]byte
	f, _ := strconv.ParseFloat(string(jsonwire.AppendEpochSeconds(tmp[:0], t)), 64)
	return f
}

// DateTime writes t as EpochSeconds does: the protocol has one timestamp form, and
// ignores the timestampFormat trait.
func (w *Writer) DateTime(t time.Time) { w.EpochSeconds(t) }

// HTTPDate writes t as EpochSeconds does (see DateTime).
func (w *Writer) HTTPDate(t time.Time) { w.EpochSeconds(t) }

// BigInt writes an integer of any size: a plain integer when it fits in 64 bits,
// else tag 2 or 3 over its magnitude's bytes (RFC 8949 §3.4.3).
func (w *Writer) BigInt(v *big.Int) {
	w.value()
	w.buf = appendBigInt(w.buf, v)
}

func appendBigInt(dst []byte, v *big.Int) []byte {
	if v.Sign() >= 0 {
		if v.IsUint64() {
			return appendHead(dst, majorUint, v.Uint64())
		}
		b := v.Bytes()
		dst = append(dst, majorTag|tagPosBignum)
		dst = appendHead(dst, majorBytes, uint64(len(b)))
		return append(dst, b...)
	}
	m := new(big.Int).Neg(v) // -1 - v = |v| - 1
	m.Sub(m, big.NewInt(1))
	if m.IsUint64() {
		return appendHead(dst, majorNegInt, m.Uint64())
	}
	b := m.Bytes()
	dst = append(dst, majorTag|tagNegBignum)
	dst = appendHead(dst, majorBytes, uint64(len(b)))
	return append(dst, b...)
}

// BigFloat writes a decimal of any size and precision as tag 4 over [exponent,
// mantissa], with the fewest digits that identify it at its precision (as jsonwire
// writes it); the infinities, which a bigDecimal cannot hold, are written as floats.
func (w *Writer) BigFloat(v *big.Float) {
	w.value()
	if v.IsInf() {
		w.buf = binary.BigEndian.AppendUint64(append(w.buf, byteFloat64), math.Float64bits(math.Inf(v.Sign())))
		return
	}
	mant, exp := decimalParts(v)
	w.buf = append(w.buf, majorTag|tagDecimalFrac, majorArray|2)
	w.buf = appendBigInt(w.buf, big.NewInt(exp))
	w.buf = appendBigInt(w.buf, mant)
}

// decimalParts splits a finite v into mant × 10^exp, from its shortest decimal
// form: 1.25 is 125 × 10^-2.
func decimalParts(v *big.Float) (mant *big.Int, exp int64) {
	s := v.Text('e', -1) // -d.ddde±x
	digits := make([]byte, 0, len(s))
	i := 0
	for ; i < len(s) && s[i] != 'e'; i++ {
		if s[i] != '.' {
			digits = append(digits, s[i])
		}
	}
	e, _ := strconv.ParseInt(s[i+1:], 10, 64)
	frac := 0 // digits after the point
	for j := 0; j < i; j++ {
		if s[j] == '.' {
			frac = i - j - 1
		}
	}
	mant, _ = new(big.Int).SetString(string(digits), 10)
	return mant, e - int64(frac)
}

// SortedKeys appends the keys of m to buf, sorted, and returns the result (see
// jsonwire.SortedKeys): map members are written in this order, so the same value
// always encodes to the same bytes.
func SortedKeys[K ~string, V any](m map[K]V, buf []K) []K { return jsonwire.SortedKeys(m, buf) }

// PrependMember returns the CBOR map m with the text member key: value put first, in
// a new slice: m's length head grows by one, and m's entries follow unchanged. m must
// be a map of definite length, as a Writer writes it; anything else is returned as it
// is.
func PrependMember(m []byte, key, value string) []byte {
	d := NewDecoder(m)
	if len(m) == 0 || m[0]&0xe0 != majorMap {
		return m
	}
	_, n, indef, ok := d.head()
	if !ok || indef {
		return m
	}
	out := make([]byte, 0, len(m)+len(key)+len(value)+20)
	out = appendHead(out, majorMap, n+1)
	out = appendHead(out, majorText, uint64(len(key)))
	out = append(out, key...)
	out = appendHead(out, majorText, uint64(len(value)))
	out = append(out, value...)
	return append(out, m[d.pos:]...)
}
