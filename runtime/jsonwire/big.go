package jsonwire

import (
	"errors"
	"math/big"
	"strconv"
)

// AWS bigInteger and bigDecimal values are JSON numbers of any size. They are
// *big.Int and *big.Float in Go; a decimal is parsed with enough bits to keep
// every digit it was written with, and written with the fewest digits that
// give that value back, so a decimal makes the round trip unchanged.

// BigInt writes an integer of any size.
func (w *Writer) BigInt(v *big.Int) {
	w.value()
	w.buf = v.Append(w.buf, 10)
}

// BigFloat writes a decimal of any size and precision. The infinities, which
// a bigDecimal cannot hold but a *big.Float can, are written as the strings
// "Infinity" and "-Infinity", as for doubles.
func (w *Writer) BigFloat(v *big.Float) {
	w.value()
	if v.IsInf() {
		w.buf = append(w.buf, '"')
		w.buf = AppendBigFloat(w.buf, v)
		w.buf = append(w.buf, '"')
		return
	}
	w.buf = AppendBigFloat(w.buf, v)
}

// AppendBigFloat appends v in decimal with the fewest digits that identify it at
// its precision, or "Infinity" or "-Infinity".
func AppendBigFloat(dst []byte, v *big.Float) []byte {
	if v.IsInf() {
		if v.Signbit() {
			return append(dst, "-Infinity"...)
		}
		return append(dst, "Infinity"...)
	}
	return v.Append(dst, 'g', -1)
}

// BigInt reads an integer of any size; null gives nil.
func (d *Decoder) BigInt() *big.Int { return bigValue(d, ParseBigInt) }

// BigFloat reads a number of any size and precision; null gives nil.
func (d *Decoder) BigFloat() *big.Float { return bigValue(d, ParseBigFloat) }

// bigValue reads a JSON number with parse; null gives nil.
func bigValue[T any](d *Decoder, parse func(string) (*T, error)) *T {
	num, start := d.bigNumber()
	if num == nil {
		return nil
	}
	v, err := parse(string(num))
	if err != nil {
		d.fail(start, err.Error())
		return nil
	}
	return v
}

// bigNumber reads a JSON number for BigInt or BigFloat: nil for null or an error.
func (d *Decoder) bigNumber() (num []byte, start int) {
	c, ok := d.begin()
	if !ok {
		return nil, 0
	}
	if c != '-' && !isDigit(c) {
		d.unexpected("number")
		return nil, 0
	}
	start = d.pos
	if num, _ = d.number(); d.err != nil {
		return nil, 0
	}
	return num, start
}

// ParseBigInt parses a JSON integer of any size.
func ParseBigInt(s string) (*big.Int, error) {
	if end, isInt, ok := scanNumber(s, 0); !ok || end != len(s) || !isInt {
		return nil, errors.New("jsonwire: invalid integer " + strconv.Quote(abbrev(s)))
	}
	v, ok := new(big.Int).SetString(s, 10)
	if !ok {
		return nil, errors.New("jsonwire: invalid integer " + strconv.Quote(abbrev(s)))
	}
	return v, nil
}

// ParseBigFloat parses a JSON number of any size, with a precision of 4 bits per
// character and 64 more: more than its digits need, so that AppendBigFloat gives
// the same decimal back.
func ParseBigFloat(s string) (*big.Float, error) {
	if end, _, ok := scanNumber(s, 0); !ok || end != len(s) {
		return nil, errors.New("jsonwire: invalid number " + strconv.Quote(abbrev(s)))
	}
	v, _, err := big.ParseFloat(s, 10, uint(4*len(s)+64), big.ToNearestEven)
	switch {
	case err != nil:
		return nil, errors.New("jsonwire: invalid number " + strconv.Quote(abbrev(s)) + ": " + err.Error())
	case v.IsInf():
		return nil, errors.New("jsonwire: number " + strconv.Quote(abbrev(s)) + " is out of range")
	}
	return v, nil
}
