package jsonwire

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"
	"unsafe"
)

// show formats a decoded value for comparison: pointers are followed, and
// a nil pointer or nil interface is "nil".
func show(v any) string {
	rv := reflect.ValueOf(v)
	if !rv.IsValid() || rv.Kind() == reflect.Pointer && rv.IsNil() {
		return "nil"
	}
	if rv.Kind() == reflect.Pointer {
		v = rv.Elem().Interface()
	}
	if b, ok := v.([]byte); ok {
		if b == nil {
			return "[]byte(nil)"
		}
		return fmt.Sprintf("[]byte(%q)", b)
	}
	return fmt.Sprintf("%#v", v)
}

var readers = map[string]func(d *Decoder) any{
	"String":          func(d *Decoder) any { return d.String() },
	"StringPtr":       func(d *Decoder) any { return d.StringPtr() },
	"Bool":            func(d *Decoder) any { return d.Bool() },
	"BoolPtr":         func(d *Decoder) any { return d.BoolPtr() },
	"Int8":            func(d *Decoder) any { return d.Int8() },
	"Int8Ptr":         func(d *Decoder) any { return d.Int8Ptr() },
	"Int16":           func(d *Decoder) any { return d.Int16() },
	"Int16Ptr":        func(d *Decoder) any { return d.Int16Ptr() },
	"Int32":           func(d *Decoder) any { return d.Int32() },
	"Int32Ptr":        func(d *Decoder) any { return d.Int32Ptr() },
	"Int64":           func(d *Decoder) any { return d.Int64() },
	"Int64Ptr":        func(d *Decoder) any { return d.Int64Ptr() },
	"Float32":         func(d *Decoder) any { return d.Float32() },
	"Float32Ptr":      func(d *Decoder) any { return d.Float32Ptr() },
	"Float64":         func(d *Decoder) any { return d.Float64() },
	"Float64Ptr":      func(d *Decoder) any { return d.Float64Ptr() },
	"Blob":            func(d *Decoder) any { return d.Blob() },
	"EpochSeconds":    func(d *Decoder) any { return d.EpochSeconds() },
	"EpochSecondsPtr": func(d *Decoder) any { return d.EpochSecondsPtr() },
	"DateTime":        func(d *Decoder) any { return d.DateTime() },
	"DateTimePtr":     func(d *Decoder) any { return d.DateTimePtr() },
	"HTTPDate":        func(d *Decoder) any { return d.HTTPDate() },
	"HTTPDatePtr":     func(d *Decoder) any { return d.HTTPDatePtr() },
	"Raw":             func(d *Decoder) any { return d.Raw() },
	"IsNull":          func(d *Decoder) any { return d.IsNull() },
	"Skip":            func(d *Decoder) any { d.Skip(); return nil },
	"ObjectNext": func(d *Decoder) any { // the keys
		var keys []string
		for d.ObjectNext() {
			keys = append(keys, string(d.Key()))
			d.Skip()
		}
		if d.Err() != nil {
			return []string(nil)
		}
		return keys
	},
	"ArrayNext": func(d *Decoder) any { // the number of elements
		n := 0
		for d.ArrayNext() {
			d.Skip()
			n++
		}
		if d.Err() != nil {
			return 0
		}
		return n
	},
}

var (
	t0    = time.Date(2014, 4, 29, 18, 30, 38, 0, time.UTC)
	t0ms  = time.Date(2014, 4, 29, 18, 30, 38, 123e6, time.UTC)
	t0ns  = time.Date(2014, 4, 29, 18, 30, 38, 123456789, time.UTC)
	nan   = math.NaN()
	inf   = math.Inf(1)
	ninf  = math.Inf(-1)
	s     = func(v string) *string { return &v }
	i64   = func(v int64) *int64 { return &v }
	f64   = func(v float64) *float64 { return &v }
	tptr  = func(v time.Time) *time.Time { return &v }
	bptr  = func(v bool) *bool { return &v }
	zeroT = time.Time{}
)

func TestReaders(t *testing.T) {
	tests := []struct {
		read string
		in   string
		want any    // ignored when err is set: the zero value is expected
		err  string // complete error text from End
	}{
		// String
		{"String", `"abc"`, "abc", ""},
		{"String", ` "" `, "", ""},
		{"String", `null`, "", ""},
		{"String", `"a\"\\\/\b\f\n\r\t\u00e9\u20AC\ud83d\ude00"`, "a\"\\/\b\f\n\r\té€😀", ""},
		{"String", `"\ud800"`, "\ufffd", ""},
		{"String", `"\udc00\ud800x"`, "\ufffd\ufffdx", ""},
		{"String", `"\ud800\u0041"`, "\ufffdA", ""},
		{"String", `"\ud800\ud800\udc00"`, "\ufffd\U00010000", ""},
		{"String", "\"a\xffb\xc3\"", "a\ufffdb\ufffd", ""},
		{"String", "\"\xed\xa0\x80\"", "\ufffd\ufffd\ufffd", ""},
		{"String", "\"é€😀\x7f<>&\u2028\"", "é€😀\x7f<>&\u2028", ""},
		{"String", `1`, nil, "expected string, found number at offset 0"},
		{"String", `true`, nil, "expected string, found boolean at offset 0"},
		{"String", `{}`, nil, "expected string, found object at offset 0"},
		{"String", `[]`, nil, "expected string, found array at offset 0"},
		{"String", `'a'`, nil, "expected string, found character '\\'' at offset 0"},
		{"String", "\xff", nil, "expected string, found byte 0xff at offset 0"},
		{"String", ``, nil, "expected string, found end of input at offset 0"},
		{"String", `  `, nil, "expected string, found end of input at offset 2"},
		{"String", `"abc`, nil, "unexpected end of input in string at offset 4"},
		{"String", `"a` + "\n" + `"`, nil, "invalid character '\\n' in string at offset 2"},
		{"String", "\"a\x00\"", nil, "invalid character '\\x00' in string at offset 2"},
		{"String", `"\x"`, nil, "invalid character 'x' in string escape at offset 2"},
		{"String", `"\'"`, nil, "invalid character '\\'' in string escape at offset 2"},
		{"String", `"\`, nil, "unexpected end of input in string escape at offset 2"},
		{"String", `"\u12g4"`, nil, "invalid character 'g' in \\u escape at offset 5"},
		{"String", `"\u12`, nil, "unexpected end of input in \\u escape at offset 5"},
		{"String", `"\U0041"`, nil, "invalid character 'U' in string escape at offset 2"},
		{"String", `"a" x`, nil, "unexpected data after top-level value at offset 4"},
		{"String", `"a""b"`, nil, "unexpected data after top-level value at offset 3"},
		{"String", `nul`, nil, "invalid literal, expected null at offset 0"},
		{"StringPtr", `"abc"`, s("abc"), ""},
		{"StringPtr", `""`, s(""), ""},
		{"StringPtr", ` null `, nil, ""},
		{"StringPtr", `5`, nil, "expected string, found number at offset 0"},
		{"StringPtr", `nulL`, nil, "invalid literal, expected null at offset 0"},

		// Bool
		{"Bool", `true`, true, ""},
		{"Bool", `false`, false, ""},
		{"Bool", `null`, false, ""},
		{"Bool", `"true"`, nil, "expected boolean, found string at offset 0"},
		{"Bool", `1`, nil, "expected boolean, found number at offset 0"},
		{"Bool", `tru`, nil, "invalid literal, expected true at offset 0"},
		{"Bool", `True`, nil, "expected boolean, found character 'T' at offset 0"},
		{"Bool", `fals`, nil, "invalid literal, expected false at offset 0"},
		{"Bool", `truex`, nil, "unexpected data after top-level value at offset 4"},
		{"BoolPtr", `true`, bptr(true), ""},
		{"BoolPtr", `false`, bptr(false), ""},
		{"BoolPtr", `null`, nil, ""},
		{"BoolPtr", `0`, nil, "expected boolean, found number at offset 0"},

		// Integers
		{"Int8", `127`, int8(127), ""},
		{"Int8", `-128`, int8(-128), ""},
		{"Int8", `128`, nil, "number 128 out of range for int8 at offset 0"},
		{"Int8", `-129`, nil, "number -129 out of range for int8 at offset 0"},
		{"Int8", `null`, int8(0), ""},
		{"Int8Ptr", `-1`, int8(-1), ""},
		{"Int8Ptr", `null`, nil, ""},
		{"Int16", `32767`, int16(32767), ""},
		{"Int16", `-32768`, int16(-32768), ""},
		{"Int16", `32768`, nil, "number 32768 out of range for int16 at offset 0"},
		{"Int16", `-32769`, nil, "number -32769 out of range for int16 at offset 0"},
		{"Int16Ptr", `7`, int16(7), ""},
		{"Int16Ptr", `null`, nil, ""},
		{"Int32", `0`, int32(0), ""},
		{"Int32", `-0`, int32(0), ""},
		{"Int32", ` 2147483647 `, int32(2147483647), ""},
		{"Int32", `-2147483648`, int32(-2147483648), ""},
		{"Int32", `2147483648`, nil, "number 2147483648 out of range for int32 at offset 0"},
		{"Int32", `-2147483649`, nil, "number -2147483649 out of range for int32 at offset 0"},
		{"Int32", `1.5`, nil, "number 1.5 is not an integer at offset 0"},
		{"Int32", `1.0`, nil, "number 1.0 is not an integer at offset 0"},
		{"Int32", `1e3`, nil, "number 1e3 is not an integer at offset 0"},
		{"Int32", `"1"`, nil, "expected number, found string at offset 0"},
		{"Int32", `true`, nil, "expected number, found boolean at offset 0"},
		{"Int32", `01`, nil, "unexpected data after top-level value at offset 1"},
		{"Int32", `-`, nil, "unexpected end of input in number at offset 1"},
		{"Int32", `-a`, nil, "invalid character 'a' in number at offset 1"},
		{"Int32", `+1`, nil, "expected number, found character '+' at offset 0"},
		{"Int32", `.5`, nil, "expected number, found character '.' at offset 0"},
		{"Int32Ptr", `42`, int32(42), ""},
		{"Int32Ptr", `null`, nil, ""},
		{"Int32Ptr", `4.2`, nil, "number 4.2 is not an integer at offset 0"},
		{"Int64", `9223372036854775807`, int64(math.MaxInt64), ""},
		{"Int64", `-9223372036854775808`, int64(math.MinInt64), ""},
		{"Int64", `9223372036854775808`, nil, "number 9223372036854775808 out of range for int64 at offset 0"},
		{"Int64", `-9223372036854775809`, nil, "number -9223372036854775809 out of range for int64 at offset 0"},
		{"Int64", `18446744073709551616`, nil, "number 18446744073709551616 out of range for int64 at offset 0"},
		{"Int64", `100000000000000000000000000000`, nil, "number 100000000000000000000000000000 out of range for int64 at offset 0"},
		{"Int64Ptr", `-5`, i64(-5), ""},
		{"Int64Ptr", `null`, nil, ""},

		// Floats
		{"Float64", `1.5`, 1.5, ""},
		{"Float64", `-0`, math.Copysign(0, -1), ""},
		{"Float64", `1e308`, 1e308, ""},
		{"Float64", `1E-2`, 0.01, ""},
		{"Float64", `1e-400`, 0.0, ""},
		{"Float64", `123456789012345678901234567890`, 1.2345678901234568e29, ""},
		{"Float64", `"NaN"`, nan, ""},
		{"Float64", `"Infinity"`, inf, ""},
		{"Float64", `"-Infinity"`, ninf, ""},
		{"Float64", `null`, 0.0, ""},
		{"Float64", `1e309`, nil, "number 1e309 out of range for float64 at offset 0"},
		{"Float64", `"nan"`, nil, "expected number, found string at offset 0"},
		{"Float64", `"1.5"`, nil, "expected number, found string at offset 0"},
		{"Float64", `"inf`, nil, "unexpected end of input in string at offset 4"},
		{"Float64", `[1]`, nil, "expected number, found array at offset 0"},
		{"Float64", `1.`, nil, "unexpected end of input in number at offset 2"},
		{"Float64", `1.e5`, nil, "invalid character 'e' in number at offset 2"},
		{"Float64", `1e`, nil, "unexpected end of input in number at offset 2"},
		{"Float64", `1e+`, nil, "unexpected end of input in number at offset 3"},
		{"Float64", `1ex`, nil, "invalid character 'x' in number at offset 2"},
		{"Float64", `NaN`, nil, "expected number, found character 'N' at offset 0"},
		{"Float64Ptr", `2.5`, f64(2.5), ""},
		{"Float64Ptr", `"NaN"`, nan, ""},
		{"Float64Ptr", `null`, nil, ""},
		{"Float32", `1.5`, float32(1.5), ""},
		{"Float32", `3.4028235e38`, float32(math.MaxFloat32), ""},
		{"Float32", `1e-50`, float32(0), ""},
		{"Float32", `"-Infinity"`, float32(math.Inf(-1)), ""},
		{"Float32", `1e39`, nil, "number 1e39 out of range for float32 at offset 0"},
		{"Float32", `-3.5e38`, nil, "number -3.5e38 out of range for float32 at offset 0"},
		{"Float32Ptr", `0.1`, float32(0.1), ""},
		{"Float32Ptr", `null`, nil, ""},

		// Blob
		{"Blob", `"aGVsbG8="`, []byte("hello"), ""},
		{"Blob", `"aGk="`, []byte("hi"), ""},
		{"Blob", `""`, []byte{}, ""},
		{"Blob", `"aGVs\nbG8="`, []byte("hello"), ""},
		{"Blob", `"aGVs\u0062G8="`, []byte("hello"), ""},
		{"Blob", `null`, []byte(nil), ""},
		{"Blob", `"aGk"`, nil, "invalid base64 string: illegal base64 data at input byte 0 at offset 0"},
		{"Blob", `"a-k="`, nil, "invalid base64 string: illegal base64 data at input byte 1 at offset 0"},
		{"Blob", `[104]`, nil, "expected string, found array at offset 0"},
		{"Blob", `"aGk=`, nil, "unexpected end of input in string at offset 5"},

		// Timestamps
		{"EpochSeconds", `1398796238`, t0, ""},
		{"EpochSeconds", `1398796238.123`, t0ms, ""},
		{"EpochSeconds", `1398796238.123456789`, t0ns, ""},
		{"EpochSeconds", `1398796238.1234567899`, t0ns, ""},
		{"EpochSeconds", `1.398796238123E9`, t0ms, ""},
		{"EpochSeconds", `13987962381230e-4`, t0ms, ""},
		{"EpochSeconds", `-1.5`, time.Unix(-2, 5e8).UTC(), ""},
		{"EpochSeconds", `null`, zeroT, ""},
		// a string in another format is read too (older services send them)
		{"EpochSeconds", `"1398796238"`, t0, ""},
		{"EpochSeconds", `"2014-04-29T18:30:38Z"`, t0, ""},
		{"EpochSeconds", `"Tue, 29 Apr 2014 18:30:38 GMT"`, t0, ""},
		{"EpochSeconds", `"tomorrow"`, nil, `invalid epoch-seconds timestamp "tomorrow" at offset 0`},
		{"EpochSeconds", `true`, nil, "expected number, found boolean at offset 0"},
		{"EpochSeconds", `1e12`, nil, `invalid epoch-seconds timestamp "1e12" at offset 0`},
		{"EpochSeconds", `1.`, nil, "unexpected end of input in number at offset 2"},
		{"EpochSeconds", `123456789012345678901234567890123456789012345`, nil, `invalid epoch-seconds timestamp "1234567890123456789012345678901234567890..." at offset 0`},
		{"EpochSecondsPtr", `0`, tptr(time.Unix(0, 0).UTC()), ""},
		{"EpochSecondsPtr", `null`, nil, ""},
		{"DateTime", `"2014-04-29T18:30:38Z"`, t0, ""},
		{"DateTime", `"2014-04-29T18:30:38.123Z"`, t0ms, ""},
		{"DateTime", `"2014-04-29T20:30:38.123456789+02:00"`, t0ns, ""},
		{"DateTime", `"2014-04-29T18:30:38\u002e123Z"`, t0ms, ""},
		{"DateTime", `null`, zeroT, ""},
		{"DateTime", `"2014-04-29 18:30:38Z"`, nil, `invalid date-time timestamp "2014-04-29 18:30:38Z" at offset 0`},
		{"DateTime", `1398796238`, t0, ""},
		{"DateTime", `"Tue, 29 Apr 2014 18:30:38 GMT"`, t0, ""},
		{"DateTime", `"2014-04-29T18:30:38Z`, nil, "unexpected end of input in string at offset 21"},
		{"DateTimePtr", `"2014-04-29T18:30:38Z"`, tptr(t0), ""},
		{"DateTimePtr", `null`, nil, ""},
		{"HTTPDate", `"Tue, 29 Apr 2014 18:30:38 GMT"`, t0, ""},
		{"HTTPDate", `"Tuesday, 29-Apr-14 18:30:38 GMT"`, t0, ""},
		{"HTTPDate", `"Tue Apr 29 18:30:38 2014"`, t0, ""},
		{"HTTPDate", `"Tue, 29 Apr 2014 18:30:38 UTC"`, nil, `invalid http-date timestamp "Tue, 29 Apr 2014 18:30:38 UTC" at offset 0`},
		{"HTTPDate", `{}`, nil, "expected string, found object at offset 0"},
		{"HTTPDate", `"2014-04-29T18:30:38Z"`, t0, ""},
		{"HTTPDate", `1398796238.123`, t0ms, ""},
		{"HTTPDatePtr", `"Tue, 29 Apr 2014 18:30:38 GMT"`, tptr(t0), ""},
		{"HTTPDatePtr", `null`, nil, ""},

		// Raw, Skip and IsNull
		{"Raw", ` {"a": [1, "x", null]} `, []byte(`{"a": [1, "x", null]}`), ""},
		{"Raw", `null`, []byte(`null`), ""},
		{"Raw", `"\u0041"`, []byte(`"\u0041"`), ""},
		{"Raw", `[1,]`, nil, "expected value after ',', found character ']' at offset 3"},
		{"Skip", `{"a":{"b":[1,2,{"c":null}]},"d":"e\"","f":-1.5e3,"g":true,"h":false}`, nil, ""},
		{"Skip", `[]`, nil, ""},
		{"Skip", `{}`, nil, ""},
		{"Skip", ` [ ] `, nil, ""},
		{"Skip", `{"a":1,}`, nil, "expected string for object key, found character '}' at offset 7"},
		{"Skip", `{,}`, nil, "expected string for object key, found character ',' at offset 1"},
		{"Skip", `{"a" 1}`, nil, "expected ':' after object key, found number at offset 5"},
		{"Skip", `{"a":1 "b":2}`, nil, "expected ',' or '}' after object member, found string at offset 7"},
		{"Skip", `{"a":1]`, nil, "expected ',' or '}' after object member, found character ']' at offset 6"},
		{"Skip", `{1:2}`, nil, "expected string for object key, found number at offset 1"},
		{"Skip", `{'a':1}`, nil, "expected string for object key, found character '\\'' at offset 1"},
		{"Skip", `{"a":}`, nil, "expected value, found character '}' at offset 5"},
		{"Skip", `{"a":1`, nil, "expected ',' or '}' after object member, found end of input at offset 6"},
		{"Skip", `{`, nil, "expected string for object key, found end of input at offset 1"},
		{"Skip", `[1 2]`, nil, "expected ',' or ']' after array element, found number at offset 3"},
		{"Skip", `[1}`, nil, "expected ',' or ']' after array element, found character '}' at offset 2"},
		{"Skip", `[,1]`, nil, "expected value, found character ',' at offset 1"},
		{"Skip", `[`, nil, "expected value, found end of input at offset 1"},
		{"Skip", `[1,`, nil, "expected value, found end of input at offset 3"},
		{"Skip", `[01]`, nil, "expected ',' or ']' after array element, found number at offset 2"},
		{"Skip", `[1.]`, nil, "invalid character ']' in number at offset 3"},
		{"Skip", `[nul]`, nil, "invalid literal, expected null at offset 1"},
		{"Skip", `[-]`, nil, "invalid character ']' in number at offset 2"},
		{"Skip", `]`, nil, "expected value, found character ']' at offset 0"},
		{"Skip", `}`, nil, "expected value, found character '}' at offset 0"},
		{"Skip", ``, nil, "expected value, found end of input at offset 0"},
		{"Skip", "\ufeff{}", nil, "expected value, found byte 0xef at offset 0"},
		{"Skip", "{}\x00", nil, "unexpected data after top-level value at offset 2"},
		{"Skip", `{} {}`, nil, "unexpected data after top-level value at offset 3"},
		{"Skip", `{"a":1}}`, nil, "unexpected data after top-level value at offset 7"},
		{"Skip", "[\"\t\"]", nil, "invalid character '\\t' in string at offset 2"},
		{"Skip", "\v1", nil, "expected value, found character '\\v' at offset 0"},
		{"Skip", "\f1", nil, "expected value, found character '\\f' at offset 0"},
		{"IsNull", ` null `, true, ""},
		{"IsNull", `nullx`, true, "unexpected data after top-level value at offset 4"},
		{"IsNull", `1`, false, "expected value, found number at offset 0"},
		{"ObjectNext", `{"a":1,"b":[2],"a":3}`, []string{"a", "b", "a"}, ""},
		{"ObjectNext", `{}`, []string(nil), ""},
		{"ObjectNext", `null`, []string(nil), ""},
		{"ObjectNext", `[]`, nil, "expected object, found array at offset 0"},
		{"ObjectNext", `{"a":1`, nil, "expected ',' or '}' after object member, found end of input at offset 6"},
		{"ArrayNext", `[1,[2],{"a":3}]`, 3, ""},
		{"ArrayNext", `[]`, 0, ""},
		{"ArrayNext", `null`, 0, ""},
		{"ArrayNext", `{}`, nil, "expected array, found object at offset 0"},
		{"ArrayNext", `"[]"`, nil, "expected array, found string at offset 0"},
		{"Int64", `123456789012345678901234567890123456789012345`, nil, "number 1234567890123456789012345678901234567890... out of range for int64 at offset 0"},
		{"IsNull", `nul`, false, "invalid literal, expected null at offset 0"},
	}
	for _, tt := range tests {
		read := readers[tt.read]
		if read == nil {
			t.Fatalf("no reader %s", tt.read)
		}
		d := NewDecoder([]byte(tt.in))
		got := read(d)
		readErr := d.Err()
		err := d.End()
		name := fmt.Sprintf("%s(%#q)", tt.read, tt.in)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("%s: error %v, want %q", name, err, tt.err)
			}
			// A reader that fails returns the zero value.
			if readErr != nil && got != nil && show(got) != show(reflect.Zero(reflect.TypeOf(got)).Interface()) {
				t.Errorf("%s: returned %s with an error, want zero value", name, show(got))
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: unexpected error %v", name, err)
			continue
		}
		if tt.read != "Skip" && show(got) != show(tt.want) {
			t.Errorf("%s = %s, want %s", name, show(got), show(tt.want))
		}
	}
	// Every reader is covered by the table.
	covered := map[string]bool{}
	for _, tt := range tests {
		covered[tt.read] = true
	}
	for name := range readers {
		if !covered[name] {
			t.Errorf("reader %s has no test", name)
		}
	}
}

// TestReadersNull checks that every reader accepts null.
func TestReadersNull(t *testing.T) {
	for name, read := range readers {
		d := NewDecoder([]byte(`null`))
		read(d)
		if err := d.End(); err != nil {
			t.Errorf("%s(null): %v", name, err)
		}
	}
}

func TestSyntaxErrorType(t *testing.T) {
	d := NewDecoder([]byte(`{"a": "x"}`))
	for d.ObjectNext() {
		d.Int32()
	}
	var se *SyntaxError
	if err := d.Err(); !errors.As(err, &se) || se.Offset != 6 || se.Msg != "expected number, found string" {
		t.Fatalf("Err() = %#v", err)
	}
	if d.Err() != d.End() {
		t.Fatal("End() does not return the sticky error")
	}
	if err := NewDecoder([]byte(`1`)).Err(); err != nil {
		t.Fatalf("Err() before reading = %v, want untyped nil", err)
	}
}

type tagged struct {
	Name   *string
	Count  *int32
	Tags   map[string]string
	List   []int64
	Nested *tagged
	Ok     bool
}

// decodeTagged is written as generated code will be.
func decodeTagged(d *Decoder, v *tagged) {
	for d.ObjectNext() {
		switch string(d.Key()) {
		case "name":
			v.Name = d.StringPtr()
		case "count":
			v.Count = d.Int32Ptr()
		case "tags":
			if d.IsNull() {
				v.Tags = nil
				break
			}
			v.Tags = map[string]string{}
			for d.ObjectNext() {
				k := string(d.Key())
				v.Tags[k] = d.String()
			}
		case "list":
			if d.IsNull() {
				v.List = nil
				break
			}
			v.List = []int64{}
			for d.ArrayNext() {
				v.List = append(v.List, d.Int64())
			}
		case "nested":
			if d.IsNull() {
				v.Nested = nil
				break
			}
			v.Nested = new(tagged)
			decodeTagged(d, v.Nested)
		case "ok":
			v.Ok = d.Bool()
		default:
			d.Skip()
		}
	}
}

func TestIteration(t *testing.T) {
	tests := []struct {
		in   string
		want string // fmt of the decoded value
		err  string
	}{
		{`{}`, `{Name:<nil> Count:<nil> Tags:map[] List:[] Nested:<nil> Ok:false}`, ""},
		{`null`, `{Name:<nil> Count:<nil> Tags:map[] List:[] Nested:<nil> Ok:false}`, ""},
		{` { "name" : "n" , "count" : 3 , "ok" : true } `, `{Name:n Count:3 Tags:map[] List:[] Nested:<nil> Ok:true}`, ""},
		{`{"tags":{"b":"2","a":"1"},"list":[1,2,3]}`, `{Name:<nil> Count:<nil> Tags:map[a:1 b:2] List:[1 2 3] Nested:<nil> Ok:false}`, ""},
		{`{"tags":{},"list":[]}`, `{Name:<nil> Count:<nil> Tags:map[] List:[] Nested:<nil> Ok:false}`, ""},
		{`{"tags":null,"list":null,"name":null}`, `{Name:<nil> Count:<nil> Tags:map[] List:[] Nested:<nil> Ok:false}`, ""},
		{`{"nested":{"nested":{"name":"deep"}}}`, `{Name:<nil> Count:<nil> Tags:map[] List:[] Nested:0xPTR Ok:false}`, ""},
		{`{"unknown":{"x":[1,{"y":null}]},"ok":true}`, `{Name:<nil> Count:<nil> Tags:map[] List:[] Nested:<nil> Ok:true}`, ""},
		{`{"ok":false,"ok":true}`, `{Name:<nil> Count:<nil> Tags:map[] List:[] Nested:<nil> Ok:true}`, ""},
		{`{"n\u0061me":"escaped key"}`, `{Name:escaped key Count:<nil> Tags:map[] List:[] Nested:<nil> Ok:false}`, ""},
		{`{"tags":{"k\"1":"v"}}`, `{Name:<nil> Count:<nil> Tags:map[k"1:v] List:[] Nested:<nil> Ok:false}`, ""},
		{`{"list":[1,2,]}`, "", "expected value after ',', found character ']' at offset 13"},
		{`{"list":[1 2]}`, "", "expected ',' or ']' after array element, found number at offset 11"},
		{`{"list":{}}`, "", "expected array, found object at offset 8"},
		{`{"tags":[]}`, "", "expected object, found array at offset 8"},
		{`{"tags":{"a":1}}`, "", "expected string, found number at offset 13"},
		{`{"count":1.5}`, "", "number 1.5 is not an integer at offset 9"},
		{`{"name":"a" "count":1}`, "", "expected ',' or '}' after object member, found string at offset 12"},
		{`{"name":"a",}`, "", "expected string for object key, found character '}' at offset 12"},
		{`{"ok":true}x`, "", "unexpected data after top-level value at offset 11"},
		{`{"ok":tru}`, "", "invalid literal, expected true at offset 6"},
		{`{"ok":true`, "", "expected ',' or '}' after object member, found end of input at offset 10"},
		{`[]`, "", "expected object, found array at offset 0"},
		{``, "", "expected object, found end of input at offset 0"},
		{`{"nested":` + strings.Repeat(`{"nested":`, 600) + `{}` + strings.Repeat(`}`, 601), "", "exceeded maximum nesting depth 512 at offset 5120"},
	}
	for _, tt := range tests {
		var v tagged
		v.Tags = map[string]string{}
		v.List = []int64{}
		d := NewDecoder([]byte(tt.in))
		decodeTagged(d, &v)
		err := d.End()
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("%#q: error %v, want %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%#q: %v", tt.in, err)
			continue
		}
		got := fmt.Sprintf("%+v", struct {
			Name   any
			Count  any
			Tags   map[string]string
			List   []int64
			Nested any
			Ok     bool
		}{deref(v.Name), deref(v.Count), v.Tags, v.List, ptrMark(v.Nested), v.Ok})
		if got != tt.want {
			t.Errorf("%#q:\n got %s\nwant %s", tt.in, got, tt.want)
		}
	}
}

func deref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

func ptrMark(p *tagged) any {
	if p == nil {
		return nil
	}
	return "0xPTR"
}

func TestKey(t *testing.T) {
	d := NewDecoder([]byte(`{"plain":1,"esc\u00e9\n":2,"":3,"bad` + "\xff" + `":4}`))
	var keys []string
	for d.ObjectNext() {
		keys = append(keys, string(d.Key()))
		d.Skip()
	}
	if err := d.End(); err != nil {
		t.Fatal(err)
	}
	want := []string{"plain", "escé\n", "", "bad\ufffd"}
	if !reflect.DeepEqual(keys, want) {
		t.Fatalf("keys %q, want %q", keys, want)
	}
}

func TestMaxDepth(t *testing.T) {
	// 10 000 nested arrays: an error at the 513th, not a stack overflow (the offset
	// shows the decoder stopped there).
	deep := strings.Repeat("[", 10000) + strings.Repeat("]", 10000)
	d := NewDecoder([]byte(deep))
	d.Skip()
	if err := d.End(); err == nil || err.Error() != "exceeded maximum nesting depth 512 at offset 512" {
		t.Fatalf("error %v", err)
	}
	// Exactly at the limit is accepted.
	d.MaxDepth = 3
	d.Reset([]byte(`[[[1]]]`))
	d.Skip()
	if err := d.End(); err != nil {
		t.Fatal(err)
	}
	d.Reset([]byte(`[[[[1]]]]`))
	d.Skip()
	if err := d.End(); err == nil || err.Error() != "exceeded maximum nesting depth 3 at offset 3" {
		t.Fatalf("error %v", err)
	}
	d.Reset([]byte(`{"a":{"b":{"c":{}}}}`))
	d.Skip()
	if err := d.End(); err == nil || err.Error() != "exceeded maximum nesting depth 3 at offset 15" {
		t.Fatalf("error %v", err)
	}
	// A large limit works too.
	d.MaxDepth = 20000
	d.Reset([]byte(deep))
	d.Skip()
	if err := d.End(); err != nil {
		t.Fatal(err)
	}
	// With encoding/json's limit, the same depths are accepted.
	for _, n := range []int{10000, 10001} {
		in := []byte(strings.Repeat("[", n) + strings.Repeat("]", n))
		if got, want := skipValid(in), json.Valid(in); got != want {
			t.Errorf("depth %d: Skip accepts %v, json.Valid %v", n, got, want)
		}
	}
}

func TestStickyError(t *testing.T) {
	d := NewDecoder([]byte(`[1, "x", 2, true, {"a":1}]`))
	var got []int32
	iterations := 0
	for d.ArrayNext() {
		iterations++
		got = append(got, d.Int32())
	}
	if iterations != 2 || !reflect.DeepEqual(got, []int32{1, 0}) {
		t.Fatalf("iterations %d, values %v", iterations, got)
	}
	want := "expected number, found string at offset 4"
	if err := d.Err(); err == nil || err.Error() != want {
		t.Fatalf("Err() = %v", err)
	}
	// After an error every call returns the zero value and does nothing.
	for name, read := range readers {
		if got := read(d); name != "Skip" && got != nil && show(got) != show(reflect.Zero(reflect.TypeOf(got)).Interface()) {
			t.Errorf("%s after error = %s", name, show(got))
		}
	}
	if d.ObjectNext() || d.ArrayNext() || d.Key() != nil {
		t.Error("iteration continues after error")
	}
	if err := d.End(); err == nil || err.Error() != want {
		t.Fatalf("End() = %v", err)
	}
	// Reset clears the error.
	d.Reset([]byte(`7`))
	if v := d.Int32(); v != 7 || d.End() != nil {
		t.Fatalf("after Reset: %v %v", v, d.Err())
	}
}

func TestEnd(t *testing.T) {
	for _, tt := range []struct{ in, err string }{
		{"1 \t\r\n", ""},
		{"", "expected value, found end of input at offset 0"},
		{"1 2", "unexpected data after top-level value at offset 2"},
	} {
		d := NewDecoder([]byte(tt.in))
		if tt.in != "" {
			d.Int64()
		}
		err := d.End()
		if (err == nil) != (tt.err == "") || err != nil && err.Error() != tt.err {
			t.Errorf("%q: End() = %v, want %q", tt.in, err, tt.err)
		}
	}
	// End without reading anything is an error even for valid input.
	if err := NewDecoder([]byte(`{}`)).End(); err == nil || err.Error() != "expected value, found object at offset 0" {
		t.Errorf("End() before reading = %v", err)
	}
}

func TestZeroDecoder(t *testing.T) {
	var d Decoder
	if d.ObjectNext() || d.End() == nil {
		t.Fatal("zero Decoder accepted")
	}
	d.Reset([]byte(`[true]`))
	for d.ArrayNext() {
		if !d.Bool() {
			t.Fatal("Bool")
		}
	}
	if err := d.End(); err != nil {
		t.Fatal(err)
	}
}

func TestKeyAliasing(t *testing.T) {
	// An escaped key lives in the scratch buffer, which the next string
	// decode reuses: callers must use Key before reading the value.
	d := NewDecoder([]byte(`{"k\u0031":"v\u0032"}`))
	for d.ObjectNext() {
		k := string(d.Key())
		v := d.String()
		if k != "k1" || v != "v2" {
			t.Fatalf("%q %q", k, v)
		}
	}
	if err := d.End(); err != nil {
		t.Fatal(err)
	}
}

func TestDecoderAllocs(t *testing.T) {
	in := []byte(`{"a":[1,-2.5e3,true,false,null,"plain","esc\n\u00e9"],"b":{"c":{"d":[]}},"n":123456789,"f":1.25,"t":1398796238.123,"dt":"2014-04-29T18:30:38Z"}`)
	var d Decoder
	check := func(name string, f func()) {
		t.Helper()
		if n := testing.AllocsPerRun(100, f); n != 0 {
			t.Errorf("%s: %v allocs, want 0", name, n)
		}
	}
	check("Skip", func() {
		d.Reset(in)
		d.Skip()
		if d.End() != nil {
			t.Fatal(d.Err())
		}
	})
	check("scalars", func() {
		d.Reset(in)
		for d.ObjectNext() {
			switch string(d.Key()) {
			case "n":
				d.Int32()
			case "f":
				d.Float64()
			case "t":
				d.EpochSeconds()
			case "dt":
				d.DateTime()
			case "a":
				for d.ArrayNext() {
					d.Skip()
				}
			default:
				d.Skip()
			}
		}
		if d.End() != nil {
			t.Fatal(d.Err())
		}
	})
	// A string costs exactly the allocation of the Go string.
	d.Reset([]byte(`"a plain string longer than any small-string optimization"`))
	if n := testing.AllocsPerRun(100, func() {
		d.Reset(d.data)
		_ = d.String()
	}); n != 1 {
		t.Errorf("String: %v allocs, want 1", n)
	}
	esc := []byte(`"an escaped\tstring longer than any small-string optimization"`)
	if n := testing.AllocsPerRun(100, func() {
		d.Reset(esc)
		_ = d.String()
	}); n != 1 {
		t.Errorf("escaped String: %v allocs, want 1", n)
	}
}

// within reports whether s's bytes lie in b.
func within(s string, b []byte) bool {
	if len(s) == 0 || len(b) == 0 {
		return false
	}
	p, lo := uintptr(unsafe.Pointer(unsafe.StringData(s))), uintptr(unsafe.Pointer(&b[0]))
	return p >= lo && p < lo+uintptr(len(b))
}

func TestDecoderShared(t *testing.T) {
	in := []byte(`{"plain":"value","esc\u0041":"a\nb","k":"x"}`)
	for _, shared := range []bool{false, true} {
		d := NewDecoder(in)
		if shared {
			d = NewDecoderShared(in)
		}
		got := map[string]string{}
		var keys, vals []string
		for d.ObjectNext() {
			k := d.KeyString()
			v := d.String()
			got[k] = v
			keys, vals = append(keys, k), append(vals, v)
		}
		if err := d.End(); err != nil {
			t.Fatal(err)
		}
		want := map[string]string{"plain": "value", "escA": "a\nb", "k": "x"}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("shared=%v: %v, want %v", shared, got, want)
		}
		// Only a shared decoder's unescaped strings are the input's bytes; escaped
		// ones are always copies (the scratch buffer is reused).
		for i, wantIn := range []bool{shared, false, shared} {
			if within(keys[i], in) != wantIn || within(vals[i], in) != wantIn {
				t.Errorf("shared=%v: member %d: key in input %v, value in input %v; want %v", shared, i, within(keys[i], in), within(vals[i], in), wantIn)
			}
		}
		// Reset keeps the mode.
		d.Reset([]byte(`"again"`))
		if s := d.String(); s != "again" || d.shared != shared {
			t.Errorf("after Reset: %q, shared %v", s, d.shared)
		}
	}
}

func TestDecoderSharedAllocs(t *testing.T) {
	in := []byte(`{"a":"first string","b":"second string","c":"third string"}`)
	n := testing.AllocsPerRun(100, func() {
		d := NewDecoderShared(in)
		for d.ObjectNext() {
			_ = d.KeyString()
			_ = d.String()
		}
		if d.End() != nil {
			t.Fatal(d.Err())
		}
	})
	if n != 0 {
		t.Errorf("shared decode of three strings: %v allocs, want 0", n)
	}
}

// TestPtrBlocks: the Ptr forms of strings and timestamps hand out distinct
// pointers from shared blocks, as many as asked, each with its own value.
func TestPtrBlocks(t *testing.T) {
	var b strings.Builder
	b.WriteByte('[')
	const n = 300
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"s%d",%d`, i, 1000+i)
	}
	b.WriteByte(']')
	d := NewDecoder([]byte(b.String()))
	var strs []*string
	var times []*time.Time
	for d.ArrayNext() {
		strs = append(strs, d.StringPtr())
		d.ArrayNext()
		times = append(times, d.EpochSecondsPtr())
	}
	if err := d.End(); err != nil {
		t.Fatal(err)
	}
	if len(strs) != n || len(times) != n {
		t.Fatalf("%d strings, %d times", len(strs), len(times))
	}
	for i := range n {
		// Writing through one pointer changes no other value.
		*strs[i] += "!"
		*times[i] = times[i].Add(time.Duration(i) * time.Second)
	}
	for i := range n {
		if want := fmt.Sprintf("s%d!", i); *strs[i] != want {
			t.Fatalf("string %d = %q, want %q", i, *strs[i], want)
		}
		if want := time.Unix(int64(1000+2*i), 0); !times[i].Equal(want) {
			t.Fatalf("time %d = %v, want %v", i, *times[i], want)
		}
	}
	// Blocks grow to 64 values: 300 strings take 4+8+16+32+64+64+64+64 slots, 8 allocations.
	in := []byte(b.String())
	allocs := testing.AllocsPerRun(20, func() {
		d := NewDecoderShared(in)
		for d.ArrayNext() {
			d.StringPtr()
			d.ArrayNext()
			d.Skip()
		}
	})
	if allocs > 8 {
		t.Errorf("300 StringPtr: %v allocs, want at most 8", allocs)
	}
	// A null or an error gives nil, and takes no slot.
	d = NewDecoder([]byte(`[null,"x",1]`))
	d.ArrayNext()
	if p := d.StringPtr(); p != nil {
		t.Errorf("null: %v", p)
	}
	d.ArrayNext()
	d.Skip()
	d.ArrayNext()
	if p := d.StringPtr(); p != nil || d.Err() == nil {
		t.Errorf("number as string: %v, %v", p, d.Err())
	}
}

// TestStrictTimes: a server's decoder (StrictTimes) reads a timestamp only in the
// format the model gives, where a client's reads any of the three.
func TestStrictTimes(t *testing.T) {
	for _, c := range []struct {
		read func(*Decoder) time.Time
		in   string
	}{
		{(*Decoder).EpochSeconds, `"1398796238"`},
		{(*Decoder).EpochSeconds, `"2014-04-29T18:30:38Z"`},
		{(*Decoder).DateTime, `1398796238`},
		{(*Decoder).DateTime, `"Tue, 29 Apr 2014 18:30:38 GMT"`},
		{(*Decoder).HTTPDate, `"2014-04-29T18:30:38Z"`},
		{(*Decoder).HTTPDate, `1398796238`},
	} {
		lenient := NewDecoder([]byte(c.in))
		if got := c.read(lenient); lenient.Err() != nil || got.Unix() != 1398796238 {
			t.Errorf("%s: a client's decoder read %v, %v", c.in, got, lenient.Err())
		}
		strict := NewDecoder([]byte(c.in))
		strict.StrictTimes = true
		strict.Reset(strict.data) // Reset keeps the setting
		if c.read(strict); strict.Err() == nil {
			t.Errorf("%s: a strict decoder accepted it", c.in)
		}
	}
}

// TestErrorDecoder: an error body reads as NewDecoder reads it, its strings copies.
func TestErrorDecoder(t *testing.T) {
	body := []byte(`{"message":"no such thing","code":"NotFound"}`)
	d := ErrorDecoder(body)
	got := map[string]string{}
	for d.ObjectNext() {
		k := d.KeyString()
		got[k] = d.String()
	}
	if d.Err() != nil || got["message"] != "no such thing" || got["code"] != "NotFound" || len(got) != 2 {
		t.Fatalf("%v, %v", got, d.Err())
	}
	copy(body, bytes.Repeat([]byte("x"), len(body)))
	if got["message"] != "no such thing" {
		t.Error("a string shares the body's memory")
	}
}
