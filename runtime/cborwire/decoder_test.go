package cborwire

import (
	"math"
	"math/big"
	"strings"
	"testing"
	"time"
)

// TestWriterRFCExamples: the Writer's bytes for examples of RFC 8949 Appendix A.
func TestWriterRFCExamples(t *testing.T) {
	for _, c := range []struct {
		write func(*Writer)
		want  string
	}{
		{func(w *Writer) { w.Int64(0) }, "00"},
		{func(w *Writer) { w.Int64(23) }, "17"},
		{func(w *Writer) { w.Int64(24) }, "1818"},
		{func(w *Writer) { w.Int64(1000) }, "1903e8"},
		{func(w *Writer) { w.Int64(1000000000000) }, "1b000000e8d4a51000"},
		{func(w *Writer) { w.Uint64(18446744073709551615) }, "1bffffffffffffffff"},
		{func(w *Writer) { w.Int64(-1) }, "20"},
		{func(w *Writer) { w.Int64(-1000) }, "3903e7"},
		{func(w *Writer) { w.Int64(math.MinInt64) }, "3b7fffffffffffffff"},
		{func(w *Writer) { w.Float64(1.1, 64) }, "fb3ff199999999999a"},
		{func(w *Writer) { w.Float64(100000, 32) }, "fa47c35000"},
		{func(w *Writer) { w.Float64(math.Inf(-1), 64) }, "fbfff0000000000000"},
		{func(w *Writer) { w.Bool(false) }, "f4"},
		{func(w *Writer) { w.Null() }, "f6"},
		{func(w *Writer) { w.Blob([]byte{1, 2, 3, 4}) }, "4401020304"},
		{func(w *Writer) { w.String("\u00fc") }, "62c3bc"},
		{func(w *Writer) { w.String("IETF") }, "6449455446"},
		{func(w *Writer) { w.ArrayStart(); w.ArrayEnd() }, "80"},
		{func(w *Writer) { w.ObjectStart(); w.ObjectEnd() }, "a0"},
		{func(w *Writer) {
			w.ArrayStart()
			w.Int64(1)
			w.ArrayStart()
			w.Int64(2)
			w.Int64(3)
			w.ArrayEnd()
			w.ArrayStart()
			w.Int64(4)
			w.Int64(5)
			w.ArrayEnd()
			w.ArrayEnd()
		}, "8301820203820405"},
		{func(w *Writer) {
			w.ArrayStart()
			for i := 1; i <= 25; i++ {
				w.Int64(int64(i))
			}
			w.ArrayEnd()
		}, "98190102030405060708090a0b0c0d0e0f101112131415161718181819"},
		{func(w *Writer) {
			w.ObjectStart()
			w.Key("a")
			w.Int64(1)
			w.Key("b")
			w.ArrayStart()
			w.Int64(2)
			w.Int64(3)
			w.ArrayEnd()
			w.ObjectEnd()
		}, "a26161016162820203"},
		{func(w *Writer) { w.EpochSeconds(time.Unix(1363896240, 500e6)) }, "c1fb41d452d9ec200000"},
		{func(w *Writer) { w.BigInt(new(big.Int).Lsh(big.NewInt(1), 64)) }, "c249010000000000000000"},
		{func(w *Writer) {
			w.BigInt(new(big.Int).Neg(new(big.Int).Lsh(big.NewInt(1), 64)).Sub(new(big.Int).Neg(new(big.Int).Lsh(big.NewInt(1), 64)), big.NewInt(1)))
		}, "c349010000000000000000"},
		{func(w *Writer) { w.BigFloat(big.NewFloat(273.15)) }, "c48221196ab3"},
	} {
		var w Writer
		c.write(&w)
		if got := hexOf(w.Bytes()); got != c.want {
			t.Errorf("wrote %s, want %s", got, c.want)
		}
	}
}

func hexOf(b []byte) string {
	const digits = "0123456789abcdef"
	var s strings.Builder
	for _, c := range b {
		s.WriteByte(digits[c>>4])
		s.WriteByte(digits[c&15])
	}
	return s.String()
}

// TestWriterLongContainers: lengths that need 2, 3 and 5 bytes of head are patched
// in, with the content moved along intact.
func TestWriterLongContainers(t *testing.T) {
	for _, n := range []int{23, 24, 255, 256, 65535, 65536} {
		var w Writer
		w.ArrayStart()
		w.ObjectStart()
		for i := 0; i < n; i++ {
			w.Key("k")
			w.Int64(int64(i % 24))
		}
		w.ObjectEnd()
		w.String("end")
		w.ArrayEnd()
		d := NewDecoder(w.Bytes())
		count := 0
		if !d.ArrayNext() {
			t.Fatalf("n=%d: no element", n)
		}
		for d.ObjectNext() {
			if string(d.Key()) != "k" || d.Int64() != int64(count%24) {
				t.Fatalf("n=%d: entry %d wrong", n, count)
			}
			count++
		}
		if !d.ArrayNext() || d.String() != "end" || d.ArrayNext() || d.End() != nil || count != n {
			t.Fatalf("n=%d: read %d entries, err %v", n, count, d.Err())
		}
	}
}

// TestDecoderValues: values of every width and form read as the protocol's tests
// and RFC 8949's examples say.
func TestDecoderValues(t *testing.T) {
	f64 := func(h string) float64 { return NewDecoder(mustHex(h)).Float64() }
	for h, want := range map[string]float64{
		"f90000": 0, "f98000": math.Copysign(0, -1), "f93c00": 1, "f93e00": 1.5, "f97bff": 65504,
		"f90001": 5.960464477539063e-8, "f90400": 0.00006103515625, "f9c400": -4, "f97c00": math.Inf(1),
		"f9fc00": math.Inf(-1), "f90050": 4.76837158203125e-06, "fa47c35000": 100000,
		"fb3ff199999999999a": 1.1, "1903e8": 1000, "3903e7": -1000,
	} {
		if got := f64(h); got != want || math.Signbit(got) != math.Signbit(want) {
			t.Errorf("Float64(%s) = %v, want %v", h, got, want)
		}
	}
	for _, h := range []string{"f97e00", "f97c01", "fa7fc00000", "fb7ff8000000000000"} {
		if got := f64(h); !math.IsNaN(got) {
			t.Errorf("Float64(%s) = %v, want NaN", h, got)
		}
	}
	// every float16 agrees with a conversion through float32 bit patterns
	for h := 0; h < 1<<16; h++ {
		got := Float16(uint16(h))
		sign, exp, mant := h>>15, h>>10&0x1f, h&0x3ff
		want := float64(mant) / 1024
		if exp == 0 {
			want = math.Ldexp(want, -14)
		} else if exp < 31 {
			want = math.Ldexp(1+want, exp-15)
		} else if mant == 0 {
			want = math.Inf(1)
		} else {
			want = math.NaN()
		}
		if sign == 1 {
			want = -want
		}
		if !(got == want || math.IsNaN(got) && math.IsNaN(want)) {
			t.Fatalf("Float16(%#04x) = %v, want %v", h, got, want)
		}
	}
	ints := []struct {
		h    string
		bits int
		want int64
		ok   bool
	}{
		{"18ff", 8, 0, false}, {"187f", 8, 127, true}, {"387f", 8, -128, true}, {"3880", 8, 0, false},
		{"1b7fffffffffffffff", 64, math.MaxInt64, true}, {"1b8000000000000000", 64, 0, false},
		{"3b7fffffffffffffff", 64, math.MinInt64, true}, {"3b8000000000000000", 64, 0, false},
		{"1a7fffffff", 32, math.MaxInt32, true}, {"1a80000000", 32, 0, false}, {"f93c00", 32, 0, false},
		{"1818", 16, 24, true}, {"190100", 16, 256, true},
	}
	for _, c := range ints {
		d := NewDecoder(mustHex(c.h))
		var got int64
		switch c.bits {
		case 8:
			got = int64(d.Int8())
		case 16:
			got = int64(d.Int16())
		case 32:
			got = int64(d.Int32())
		default:
			got = d.Int64()
		}
		if err := d.End(); (err == nil) != c.ok || got != c.want {
			t.Errorf("int%d(%s) = %d, %v", c.bits, c.h, got, err)
		}
	}
	d := NewDecoder(mustHex("7f657374726561646d696e67ff")) // RFC 8949: (_ "strea", "ming")
	if s := d.String(); s != "streaming" || d.End() != nil {
		t.Errorf("indefinite text: %q, %v", s, d.Err())
	}
	d = NewDecoder(mustHex("5f42010243030405ff"))
	if b := d.Blob(); hexOf(b) != "0102030405" || d.End() != nil {
		t.Errorf("indefinite bytes: %x, %v", b, d.Err())
	}
	d = NewDecoder(mustHex("40"))
	if b := d.Blob(); b == nil || len(b) != 0 {
		t.Errorf("empty blob: %#v", b)
	}
	d = NewDecoder(mustHex("f6"))
	if b := d.Blob(); b != nil || d.End() != nil {
		t.Errorf("null blob: %#v, %v", b, d.Err())
	}
}

// TestDecoderTimestamps: tag 1 over an integer or a float of any width, read to the
// decimal the sender meant.
func TestDecoderTimestamps(t *testing.T) {
	for _, c := range []struct {
		h      string
		strict bool
		want   time.Time
		ok     bool
	}{
		{"c11a514b67b0", true, time.Unix(1363896240, 0), true},
		{"c1fb41d452d9ec200000", true, time.Unix(1363896240, 500e6), true},
		{"c1fb41cc37db380fbe77", true, time.Unix(946845296, 123e6), true}, // RpcV2CborDateTimeWithFractionalSeconds
		{"c1f93e00", true, time.Unix(1, 500e6), true},
		{"c13a00000000", true, time.Unix(-1, 0), true},
		{"1a514b67b0", false, time.Unix(1363896240, 0), true},
		{"1a514b67b0", true, time.Time{}, false},
		{"c01a514b67b0", false, time.Time{}, false},
		{"c1fb7ff8000000000000", false, time.Time{}, false},
		{"c1fb7ff0000000000000", false, time.Time{}, false},
		{"c11b7fffffffffffffff", false, time.Time{}, false},
		{"c16161", false, time.Time{}, false},
		{"c1", false, time.Time{}, false},
	} {
		d := NewDecoder(mustHex(c.h))
		d.StrictTimes = c.strict
		got := d.EpochSeconds()
		if err := d.End(); (err == nil) != c.ok || !got.Equal(c.want) {
			t.Errorf("EpochSeconds(%s) = %v, %v", c.h, got, err)
		}
	}
	// the Writer's double reads back to the same millisecond, over many
	for ms := int64(0); ms < 1e12; ms += 999_999_937 {
		tm := time.UnixMilli(ms)
		var w Writer
		w.EpochSeconds(tm)
		if got := NewDecoder(w.Bytes()).EpochSeconds(); !got.Equal(tm) {
			t.Fatalf("%v read back as %v", tm, got)
		}
	}
}

// TestDecoderBig: bignums and decimal fractions both ways.
func TestDecoderBig(t *testing.T) {
	for _, s := range []string{"0", "-1", "18446744073709551615", "18446744073709551616", "-18446744073709551617", "123456789012345678901234567890"} {
		v, _ := new(big.Int).SetString(s, 10)
		var w Writer
		w.BigInt(v)
		d := NewDecoder(w.Bytes())
		if got := d.BigInt(); got == nil || got.Cmp(v) != 0 || d.End() != nil {
			t.Errorf("BigInt %s read back as %v, %v (%x)", s, got, d.Err(), w.Bytes())
		}
	}
	for _, s := range []string{"273.15", "-0.001", "1e-30", "12345678901234567890.0987654321", "0"} {
		v, _, _ := big.ParseFloat(s, 10, 200, big.ToNearestEven)
		var w Writer
		w.BigFloat(v)
		d := NewDecoder(w.Bytes())
		if got := d.BigFloat(); got == nil || got.Text('g', 25) != v.Text('g', 25) || d.End() != nil {
			t.Errorf("BigFloat %s read back as %v, %v (%x)", s, got, d.Err(), w.Bytes())
		}
	}
	if d := NewDecoder(mustHex("c4821b7fffffffffffffff01")); d.BigFloat() != nil || d.Err() == nil {
		t.Error("a decimal fraction with a huge exponent is read")
	}
}

// TestDecoderErrors: malformed or mistyped input fails with an error at its offset,
// never a panic, and the error sticks.
func TestDecoderErrors(t *testing.T) {
	for _, c := range []struct {
		h    string
		read func(*Decoder)
		msg  string
	}{
		{"", func(d *Decoder) { _ = d.String() }, "unexpected end of input"},
		{"64616263", func(d *Decoder) { _ = d.String() }, "exceeds the input left"},
		{"62c328", func(d *Decoder) { _ = d.String() }, "not valid UTF-8"},
		{"7f4161ff", func(d *Decoder) { _ = d.String() }, "chunk of indefinite-length string"},
		{"7f6161", func(d *Decoder) { _ = d.String() }, "unexpected end of input"},
		{"1c", func(d *Decoder) { d.Skip() }, "reserved additional information"},
		{"f818", func(d *Decoder) { d.Skip() }, "simple value below 32"},
		{"ff", func(d *Decoder) { d.Skip() }, "unexpected break"},
		{"9b00000000ffffffff00", func(d *Decoder) { d.Skip() }, "exceeds the input left"},
		{"bb00000000ffffffff00", func(d *Decoder) { d.ObjectNext() }, "exceeds the input left"},
		{"a1016161", func(d *Decoder) { d.ObjectNext() }, "expected text string for map key"},
		{"a0", func(d *Decoder) { d.ArrayNext() }, "expected array, found map"},
		{"6161", func(d *Decoder) { d.Int32() }, "expected integer, found text string"},
		{"c26161", func(d *Decoder) { d.Int32() }, "expected integer, found tag"},
		{"1f", func(d *Decoder) { d.Int32() }, "indefinite length on integer"},
		{"f93c00", func(d *Decoder) { d.Bool() }, "expected boolean, found float"},
		{"fb7ff0000000000000", func(d *Decoder) { d.Float32() }, ""},
		{"fb47f0000000000000", func(d *Decoder) { d.Float32() }, "out of range of float32"},
		{strings.Repeat("81", 600) + "00", func(d *Decoder) { d.Skip() }, "exceeded maximum nesting depth 512"},
		{"00 00", func(d *Decoder) { d.Int64() }, "data after the top-level value"},
		{"a1616100", func(d *Decoder) { d.ObjectNext() }, "unexpected end of input"},
	} {
		d := NewDecoder(mustHex(c.h))
		c.read(d)
		err := d.End()
		if c.msg == "" {
			if err != nil {
				t.Errorf("%s: %v", c.h, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: error %v, want %q", c.h, err, c.msg)
		}
		if d.ObjectNext() || d.ArrayNext() || d.String() != "" || d.Err() != err {
			t.Errorf("%s: the error does not stick", c.h)
		}
	}
	// nested decoding as generated code does it: the depth limit holds there too
	d := NewDecoder(mustHex(strings.Repeat("81", 600) + "00"))
	var nest func() int
	nest = func() int {
		n := 0
		for d.ArrayNext() {
			n = 1 + nest()
		}
		return n
	}
	nest()
	if err := d.End(); err == nil || !strings.Contains(err.Error(), "maximum nesting depth") {
		t.Errorf("nested arrays: %v", err)
	}
}

// TestDecoderNulls: null and undefined read as absent values everywhere.
func TestDecoderNulls(t *testing.T) {
	// {"a": null, "b": [null, 1], "c": undefined}
	d := NewDecoder(mustHex("a36161f6616282f601" + "6163f7"))
	var got []string
	for d.ObjectNext() {
		switch string(d.Key()) {
		case "a":
			if d.StringPtr() != nil {
				got = append(got, "a not nil")
			}
		case "b":
			for d.ArrayNext() {
				if p := d.Int32Ptr(); p == nil {
					got = append(got, "nil")
				} else {
					got = append(got, "1")
				}
			}
		case "c":
			if !d.IsNull() {
				got = append(got, "c not null")
			}
		}
	}
	if err := d.End(); err != nil || strings.Join(got, ",") != "nil,1" {
		t.Errorf("got %v, %v", got, err)
	}
}

// TestRaw: Raw returns a value's bytes exactly, and the Writer writes them back.
func TestRaw(t *testing.T) {
	in := mustHex("a26161c1fb41d452d9ec2000006162bf61789f01ffff")
	d := NewDecoder(in)
	var w Writer
	w.ObjectStart()
	for d.ObjectNext() {
		w.Key(d.KeyString())
		w.Raw(d.Raw())
	}
	w.ObjectEnd()
	if err := d.End(); err != nil || hexOf(w.Bytes()) != hexOf(in) {
		t.Errorf("%x, %v", w.Bytes(), err)
	}
}

// TestCheckKeys: a repeated key, at any depth, and a key that is not text are
// refused; distinct keys in distinct maps are not.
func TestCheckKeys(t *testing.T) {
	for h, want := range map[string]string{
		"a26161016162 02":                 "",
		"a26161016161 02":                 `repeated map key "a"`,
		"a1616182a16162f5a261620161 6202": `repeated map key "b"`,
		"bf616101616102ff":                `repeated map key "a"`,
		"a20101616102":                    "text string for map key",
		"81a2616101616102":                `repeated map key "a"`,
		"a16161c1a1616201":                "",
		"a161":                            "exceeds the input left",
	} {
		err := CheckKeys(mustHex(h))
		if want == "" && err != nil || want != "" && (err == nil || !strings.Contains(err.Error(), want)) {
			t.Errorf("%s: %v, want %q", h, err, want)
		}
	}
}

// TestPrependMember: __type goes first in a map of any length, the rest unchanged.
func TestPrependMember(t *testing.T) {
	for _, n := range []int{0, 1, 22, 23, 24, 300} {
		var w Writer
		w.ObjectStart()
		for i := 0; i < n; i++ {
			w.Key(strings.Repeat("k", i+1))
			w.Int64(int64(i))
		}
		w.ObjectEnd()
		got := PrependMember(w.Bytes(), "__type", "ns#E")
		d := NewDecoder(got)
		i := -1
		for d.ObjectNext() {
			if i == -1 {
				if d.KeyString() != "__type" || d.String() != "ns#E" {
					t.Fatalf("n=%d: first member wrong", n)
				}
			} else if d.KeyString() != strings.Repeat("k", i+1) || d.Int64() != int64(i) {
				t.Fatalf("n=%d: member %d wrong", n, i)
			}
			i++
		}
		if err := d.End(); err != nil || i != n {
			t.Fatalf("n=%d: %d members, %v", n, i, err)
		}
	}
	if got := PrependMember([]byte{0x80}, "k", "v"); string(got) != "\x80" {
		t.Errorf("an array was changed: %x", got)
	}
}

// TestEpochRange: seconds at the edges of years 0001-9999 are read, one second beyond
// is refused, as jsonwire.ParseEpochSeconds has it, whole or not.
func TestEpochRange(t *testing.T) {
	for _, c := range []struct {
		v  float64
		ok bool
	}{{minEpoch, true}, {maxEpoch, true}, {minEpoch - 1, false}, {maxEpoch + 1, false}, {maxEpoch + 0.5, true}, {maxEpoch + 1, false}, {-0.5, true}} {
		raw := append([]byte{0xc1, 0xfb}, make([]byte, 8)...)
		bits := math.Float64bits(c.v)
		for i := 0; i < 8; i++ {
			raw[2+i] = byte(bits >> (56 - 8*i))
		}
		d := NewDecoder(raw)
		got := d.EpochSeconds()
		if err := d.End(); (err == nil) != c.ok {
			t.Errorf("%v: %v, %v", c.v, got, err)
		} else if sec := float64(got.Unix()) + float64(got.Nanosecond())/1e9; c.ok && sec != c.v {
			t.Errorf("%v read as %v", c.v, got)
		}
	}
}
