package jsonwire

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

func TestWriter(t *testing.T) {
	tests := []struct {
		name  string
		write func(w *Writer)
		want  string
	}{
		{"empty", func(w *Writer) {}, ``},
		{"ObjectEmpty", func(w *Writer) { w.ObjectStart(); w.ObjectEnd() }, `{}`},
		{"ArrayEmpty", func(w *Writer) { w.ArrayStart(); w.ArrayEnd() }, `[]`},
		{"Object", func(w *Writer) {
			w.ObjectStart()
			w.Key("a")
			w.Int64(1)
			w.Key("b")
			w.String("x")
			w.Key("c")
			w.Bool(true)
			w.ObjectEnd()
		}, `{"a":1,"b":"x","c":true}`},
		{"Nested", func(w *Writer) {
			w.ObjectStart()
			w.Key("list")
			w.ArrayStart()
			w.ObjectStart()
			w.ObjectEnd()
			w.ArrayStart()
			w.ArrayEnd()
			w.ObjectStart()
			w.Key("k")
			w.ArrayStart()
			w.Null()
			w.Null()
			w.ArrayEnd()
			w.ObjectEnd()
			w.ArrayEnd()
			w.Key("map")
			w.ObjectStart()
			w.Key("x")
			w.ObjectStart()
			w.ObjectEnd()
			w.Key("y")
			w.Int64(2)
			w.ObjectEnd()
			w.Key("last")
			w.Bool(false)
			w.ObjectEnd()
		}, `{"list":[{},[],{"k":[null,null]}],"map":{"x":{},"y":2},"last":false}`},
		{"Key escaped", func(w *Writer) { w.ObjectStart(); w.Key("a\"b\n"); w.Null(); w.ObjectEnd() }, `{"a\"b\n":null}`},
		{"String", func(w *Writer) { w.String("plain") }, `"plain"`},
		{"String empty", func(w *Writer) { w.String("") }, `""`},
		{"String escapes", func(w *Writer) { w.String("\"\\/\b\f\n\r\t") }, `"\"\\/\b\f\n\r\t"`},
		{"String controls", func(w *Writer) { w.String("\x00\x01\x1f\x7f") }, `"\u0000\u0001\u001f` + "\x7f" + `"`},
		{"String html", func(w *Writer) { w.String("<a href='x'>&amp;</a>") }, `"<a href='x'>&amp;</a>"`},
		{"String unicode", func(w *Writer) { w.String("é€😀") }, `"é€😀"`},
		{"String separators", func(w *Writer) { w.String("a\u2028b\u2029c") }, `"a\u2028b\u2029c"`},
		{"String invalid UTF-8", func(w *Writer) { w.String("a\xffb\xc3\xed\xa0\x80") }, `"a\ufffdb\ufffd\ufffd\ufffd\ufffd"`},
		{"String literal U+FFFD", func(w *Writer) { w.String("\ufffd") }, "\"\ufffd\""},
		{"Bool", func(w *Writer) { w.ArrayStart(); w.Bool(true); w.Bool(false); w.ArrayEnd() }, `[true,false]`},
		{"Int64", func(w *Writer) {
			w.ArrayStart()
			w.Int64(0)
			w.Int64(-1)
			w.Int64(math.MaxInt64)
			w.Int64(math.MinInt64)
			w.ArrayEnd()
		}, `[0,-1,9223372036854775807,-9223372036854775808]`},
		{"Uint64", func(w *Writer) { w.Uint64(math.MaxUint64) }, `18446744073709551615`},
		{"Float64", func(w *Writer) {
			w.ArrayStart()
			for _, f := range []float64{0, math.Copysign(0, -1), 1, -1.5, 0.1, 1e20, 1e21, 1e-6, 1e-7, 123456789.125, math.MaxFloat64, math.SmallestNonzeroFloat64} {
				w.Float64(f, 64)
			}
			w.ArrayEnd()
		}, `[0,-0,1,-1.5,0.1,100000000000000000000,1e+21,0.000001,1e-7,123456789.125,1.7976931348623157e+308,5e-324]`},
		{"Float32", func(w *Writer) {
			w.ArrayStart()
			for _, f := range []float32{0.1, 1.5, 16777216, 1e21, 1e-7, math.MaxFloat32} {
				w.Float64(float64(f), 32)
			}
			w.ArrayEnd()
		}, `[0.1,1.5,16777216,1e+21,1e-7,3.4028235e+38]`},
		{"Float special", func(w *Writer) {
			w.ArrayStart()
			w.Float64(math.NaN(), 64)
			w.Float64(math.Inf(1), 64)
			w.Float64(math.Inf(-1), 32)
			w.ArrayEnd()
		}, `["NaN","Infinity","-Infinity"]`},
		{"Blob", func(w *Writer) {
			w.ArrayStart()
			w.Blob([]byte("hello"))
			w.Blob([]byte("hi"))
			w.Blob(nil)
			w.Blob([]byte{0xfb, 0xff})
			w.ArrayEnd()
		}, `["aGVsbG8=","aGk=","","+/8="]`},
		{"Null", func(w *Writer) { w.Null() }, `null`},
		{"Raw", func(w *Writer) {
			w.ObjectStart()
			w.Key("doc")
			w.Raw([]byte(`{"x": [1, 2]}`))
			w.Key("nil")
			w.Raw(nil)
			w.ObjectEnd()
		}, `{"doc":{"x": [1, 2]},"nil":null}`},
		{"EpochSeconds", func(w *Writer) {
			w.ArrayStart()
			w.EpochSeconds(t0)
			w.EpochSeconds(t0ms)
			w.EpochSeconds(t0ns)
			w.EpochSeconds(time.Unix(0, 0))
			w.EpochSeconds(time.Unix(-2, 5e8))
			w.ArrayEnd()
		}, `[1398796238,1398796238.123,1398796238.123456789,0,-1.5]`},
		{"DateTime", func(w *Writer) {
			w.ArrayStart()
			w.DateTime(t0)
			w.DateTime(t0ms)
			w.DateTime(t0ns.In(time.FixedZone("X", 3600)))
			w.ArrayEnd()
		}, `["2014-04-29T18:30:38Z","2014-04-29T18:30:38.123Z","2014-04-29T18:30:38.123456789Z"]`},
		{"HTTPDate", func(w *Writer) {
			w.ArrayStart()
			w.HTTPDate(t0)
			w.HTTPDate(t0ms.In(time.FixedZone("X", -3600)))
			w.ArrayEnd()
		}, `["Tue, 29 Apr 2014 18:30:38 GMT","Tue, 29 Apr 2014 18:30:38 GMT"]`},
	}
	var w Writer
	for _, tt := range tests {
		w.Reset()
		tt.write(&w)
		if got := string(w.Bytes()); got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, got, tt.want)
		}
		if tt.want != "" && !json.Valid(w.Bytes()) {
			t.Errorf("%s: invalid JSON %s", tt.name, w.Bytes())
		}
	}
}

func TestWriterReset(t *testing.T) {
	var w Writer
	w.ArrayStart()
	w.Int64(1)
	w.Reset()
	w.Int64(2) // no comma: Reset clears the nesting state
	if got := string(w.Bytes()); got != "2" {
		t.Fatalf("after Reset: %s", got)
	}
}

func TestWriterAllocs(t *testing.T) {
	var w Writer
	write := func() {
		w.Reset()
		w.ObjectStart()
		w.Key("name")
		w.String("some \"name\"\n")
		w.Key("n")
		w.Int64(-42)
		w.Key("f")
		w.Float64(1.25, 64)
		w.Key("nan")
		w.Float64(math.NaN(), 64)
		w.Key("b")
		w.Blob([]byte("blob"))
		w.Key("t")
		w.ArrayStart()
		w.EpochSeconds(t0ms)
		w.DateTime(t0ms)
		w.HTTPDate(t0)
		w.ArrayEnd()
		w.ObjectEnd()
	}
	write() // grow the buffer
	if n := testing.AllocsPerRun(100, write); n != 0 {
		t.Fatalf("%v allocs, want 0", n)
	}
}

// encodingJSONString is what encoding/json writes for s with HTML escaping
// off.
func encodingJSONString(t testing.TB, s string) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		t.Fatal(err)
	}
	return string(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
}

// randomBytes returns a short string biased towards the bytes that matter
// to JSON string encoding.
func randomBytes(r *rand.Rand) string {
	pieces := []string{"a", "Z", " ", "\"", "\\", "/", "\x00", "\x1f", "\n", "\t", "\x7f",
		"<", "&", "é", "€", "😀", "\u2028", "\u2029", "\ufffd", "\xff", "\xc3", "\xed\xa0\x80", "\xf4\x90\x80\x80",
		"\\u0041", "\\ud800"}
	var b []byte
	for n := r.IntN(12); n > 0; n-- {
		if r.IntN(4) == 0 {
			b = append(b, byte(r.IntN(256)))
		} else {
			b = append(b, pieces[r.IntN(len(pieces))]...)
		}
	}
	return string(b)
}

// TestWriterStringDifferential checks Writer.String against encoding/json.
func TestWriterStringDifferential(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var w Writer
	for range 20000 {
		s := randomBytes(r)
		w.Reset()
		w.String(s)
		if want := encodingJSONString(t, s); string(w.Bytes()) != want {
			t.Fatalf("String(%q) = %s, encoding/json %s", s, w.Bytes(), want)
		}
	}
}

// TestWriterFloatDifferential checks number formatting against
// encoding/json for random bit patterns and round numbers, as float64 and
// float32.
func TestWriterFloatDifferential(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var w Writer
	for i := range 100000 {
		var f64 float64
		switch i % 3 {
		case 0:
			f64 = math.Float64frombits(r.Uint64())
		case 1:
			f64 = float64(r.Int64N(2e6)-1e6) * math.Pow10(r.IntN(60)-30)
		default:
			f64 = float64(math.Float32frombits(r.Uint32()))
		}
		if math.IsNaN(f64) || math.IsInf(f64, 0) {
			continue
		}
		w.Reset()
		w.Float64(f64, 64)
		want, _ := json.Marshal(f64)
		if string(w.Bytes()) != string(want) {
			t.Fatalf("Float64(%v, 64) = %s, encoding/json %s", f64, w.Bytes(), want)
		}
		f32 := float32(f64)
		if math.IsInf(float64(f32), 0) {
			continue
		}
		w.Reset()
		w.Float64(float64(f32), 32)
		want, _ = json.Marshal(f32)
		if string(w.Bytes()) != string(want) {
			t.Fatalf("Float64(%v, 32) = %s, encoding/json %s", f32, w.Bytes(), want)
		}
	}
}

func TestSortedKeys(t *testing.T) {
	type name string
	m := map[name]int{"b": 1, "a": 2, "c": 3, "aa": 4}
	var buf [2]name
	got := SortedKeys(m, buf[:0])
	if fmt.Sprint(got) != "[a aa b c]" {
		t.Errorf("SortedKeys = %v", got)
	}
	if len(SortedKeys(map[name]int(nil), nil)) != 0 {
		t.Error("keys of a nil map")
	}
	small := map[string]bool{"x": true, "y": true}
	if n := testing.AllocsPerRun(100, func() {
		var buf [16]string
		for _, k := range SortedKeys(small, buf[:0]) {
			_ = k
		}
	}); n != 0 {
		t.Errorf("sorting a small map's keys: %v allocs, want 0", n)
	}
}
