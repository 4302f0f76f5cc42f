package jsonwire

// Differential tests against encoding/json on random valid and invalid
// inputs built from fixed seeds.

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// stringPieces are fragments of JSON string contents, valid and invalid.
var stringPieces = []string{
	"a", "xyz", " ", "é", "€", "😀", "\u2028", "<&>", "\x7f",
	`\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t`, `\u0000`, `\u00e9`, `\u20AC`, `\uFFFD`,
	`\ud83d\ude00`, `\uD83D\uDE00`, `\ud800`, `\udc00`, `\ud800\u0041`, `\ud800\ud800\udc00`, `\udbff\udfff`,
	"\xff", "\xc3", "\xc3\x28", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe2\x82",
	// invalid
	`\x`, `\u12`, `\u12G4`, `\U0041`, `\'`, "\x01", "\n", "\t", `\`, `"`,
}

func randomStringContents(r *rand.Rand) string {
	var b strings.Builder
	for n := r.IntN(6); n > 0; n-- {
		p := stringPieces[r.IntN(len(stringPieces))]
		if r.IntN(8) != 0 && (len(p) == 1 && p[0] < ' ' || p == `\` || p == `"` || strings.HasPrefix(p, `\x`) ||
			strings.HasPrefix(p, `\u12`) || p == `\U0041` || p == `\'`) {
			continue // keep most strings valid
		}
		b.WriteString(p)
	}
	return b.String()
}

var numberPieces = struct{ sign, ints, fracs, exps []string }{
	sign:  []string{"", "", "-", "+"},
	ints:  []string{"0", "1", "7", "42", "127", "128", "255", "32768", "2147483647", "2147483648", "9223372036854775807", "9223372036854775808", "18446744073709551616", "123456789012345678901234567890", "00", "01", "", "340282356779733661637539395458142568448"},
	fracs: []string{"", "", "", ".0", ".5", ".25", ".000001", ".", ".e"},
	exps:  []string{"", "", "", "e0", "e1", "E+2", "e-3", "e38", "e39", "e308", "e309", "e-400", "e", "e+"},
}

func randomNumber(r *rand.Rand) string {
	p := numberPieces
	return p.sign[r.IntN(len(p.sign))] + p.ints[r.IntN(len(p.ints))] +
		p.fracs[r.IntN(len(p.fracs))] + p.exps[r.IntN(len(p.exps))]
}

func randomWS(r *rand.Rand) string {
	if r.IntN(3) != 0 {
		return ""
	}
	return []string{" ", "\n", "\t", "\r\n  "}[r.IntN(4)]
}

// randomValue appends a random JSON value, mostly valid.
func randomValue(r *rand.Rand, b []byte, depth int) []byte {
	b = append(b, randomWS(r)...)
	kind := r.IntN(8)
	if depth > 5 && kind < 2 {
		kind = 2
	}
	switch kind {
	case 0:
		b = append(b, '{')
		for i := range r.IntN(4) {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, randomWS(r)...)
			b = append(b, '"')
			b = append(b, randomStringContents(r)...)
			b = append(b, '"')
			b = append(b, randomWS(r)...)
			b = append(b, ':')
			b = randomValue(r, b, depth+1)
		}
		b = append(b, randomWS(r)...)
		b = append(b, '}')
	case 1:
		b = append(b, '[')
		for i := range r.IntN(4) {
			if i > 0 {
				b = append(b, ',')
			}
			b = randomValue(r, b, depth+1)
		}
		b = append(b, randomWS(r)...)
		b = append(b, ']')
	case 2, 3:
		b = append(b, '"')
		b = append(b, randomStringContents(r)...)
		b = append(b, '"')
	case 4, 5:
		b = append(b, randomNumber(r)...)
	default:
		b = append(b, []string{"true", "false", "null", "tru", "nul", "True", "nulll"}[r.IntN(7)]...)
	}
	return append(b, randomWS(r)...)
}

// mutate applies a few random edits that tend to break JSON syntax.
func mutate(r *rand.Rand, b []byte) []byte {
	const alphabet = "{}[],:\"\\/ \t\n01-+.eEtrufalsn'u\x00\x1f\x7f\x80\xff"
	for n := r.IntN(3); n >= 0 && len(b) > 0; n-- {
		i := r.IntN(len(b))
		switch r.IntN(4) {
		case 0: // delete
			b = append(b[:i], b[i+1:]...)
		case 1: // insert
			b = append(b[:i], append([]byte{alphabet[r.IntN(len(alphabet))]}, b[i:]...)...)
		case 2: // replace
			b[i] = alphabet[r.IntN(len(alphabet))]
		default: // truncate
			b = b[:i]
		}
	}
	return b
}

// jsonMaxDepth is the nesting limit of encoding/json.
const jsonMaxDepth = 10000

func skipValid(data []byte) bool {
	d := NewDecoder(data)
	d.MaxDepth = jsonMaxDepth
	d.Skip()
	return d.End() == nil
}

// TestSkipDifferential: Skip followed by End accepts exactly what
// json.Valid accepts.
func TestSkipDifferential(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	valid, invalid := 0, 0
	for i := range 200000 {
		b := randomValue(r, nil, 0)
		if i%2 == 1 {
			b = mutate(r, b)
		}
		want := json.Valid(b)
		if got := skipValid(b); got != want {
			d := NewDecoder(b)
			d.Skip()
			t.Fatalf("%q: Skip accepts %v, json.Valid %v (error %v)", b, got, want, d.End())
		}
		if want {
			valid++
			// Raw returns the same bytes json.RawMessage holds.
			d := NewDecoder(b)
			raw := d.Raw()
			var msg json.RawMessage
			if err := json.Unmarshal(b, &msg); err != nil || string(raw) != string(msg) || d.End() != nil {
				t.Fatalf("%q: Raw %q, encoding/json %q", b, raw, msg)
			}
		} else {
			invalid++
		}
	}
	if valid < 50000 || invalid < 50000 {
		t.Fatalf("unbalanced corpus: %d valid, %d invalid", valid, invalid)
	}
}

// TestStringDifferential: strings and keys decode to exactly what
// encoding/json gives, and are accepted exactly when encoding/json
// accepts them.
func TestStringDifferential(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	for range 100000 {
		in := []byte(`"` + randomStringContents(r) + `"`)
		var want string
		wantErr := json.Unmarshal(in, &want)
		d := NewDecoder(in)
		got := d.String()
		if err := d.End(); (err == nil) != (wantErr == nil) || wantErr == nil && got != want {
			t.Fatalf("%q: String() = %q, %v; encoding/json %q, %v", in, got, err, want, wantErr)
		}
		ds := NewDecoderShared(in)
		if got, err := ds.String(), ds.End(); (err == nil) != (wantErr == nil) || wantErr == nil && got != want {
			t.Fatalf("%q: shared String() = %q, %v; encoding/json %q, %v", in, got, err, want, wantErr)
		}

		obj := []byte(`{` + string(in) + `:1}`)
		var wantMap map[string]int
		wantErr = json.Unmarshal(obj, &wantMap)
		d.Reset(obj)
		gotMap := map[string]int{}
		for d.ObjectNext() {
			gotMap[string(d.Key())] = int(d.Int64())
		}
		if err := d.End(); (err == nil) != (wantErr == nil) || wantErr == nil && !reflect.DeepEqual(gotMap, wantMap) {
			t.Fatalf("%q: keys %v, %v; encoding/json %v, %v", obj, gotMap, err, wantMap, wantErr)
		}
		ds.Reset(obj)
		clear(gotMap)
		for ds.ObjectNext() {
			gotMap[ds.KeyString()] = int(ds.Int64())
		}
		if err := ds.End(); (err == nil) != (wantErr == nil) || wantErr == nil && !reflect.DeepEqual(gotMap, wantMap) {
			t.Fatalf("%q: shared keys %v, %v; encoding/json %v, %v", obj, gotMap, err, wantMap, wantErr)
		}
	}
}

// TestNumberDifferential: integers and floats of every size are accepted,
// rejected and valued as encoding/json does.
func TestNumberDifferential(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 16))
	check := func(in []byte, name string, want any, read func(*Decoder) any) {
		wantErr := json.Unmarshal(in, want)
		d := NewDecoder(in)
		got := read(d)
		err := d.End()
		w := reflect.ValueOf(want).Elem().Interface()
		if (err == nil) != (wantErr == nil) || wantErr == nil && got != w {
			t.Fatalf("%s(%s) = %v, %v; encoding/json %v, %v", name, in, got, err, w, wantErr)
		}
	}
	for range 20000 {
		in := []byte(randomNumber(r))
		check(in, "Int8", new(int8), func(d *Decoder) any { return d.Int8() })
		check(in, "Int16", new(int16), func(d *Decoder) any { return d.Int16() })
		check(in, "Int32", new(int32), func(d *Decoder) any { return d.Int32() })
		check(in, "Int64", new(int64), func(d *Decoder) any { return d.Int64() })
		check(in, "Float32", new(float32), func(d *Decoder) any { return d.Float32() })
		check(in, "Float64", new(float64), func(d *Decoder) any { return d.Float64() })
	}
	// Random float64 bit patterns, formatted by strconv.
	for range 20000 {
		f := math.Float64frombits(r.Uint64())
		if math.IsNaN(f) || math.IsInf(f, 0) {
			continue
		}
		in, _ := json.Marshal(f)
		check(in, "Float64", new(float64), func(d *Decoder) any { return d.Float64() })
		check(in, "Float32", new(float32), func(d *Decoder) any { return d.Float32() })
	}
}

// TestStringRoundTrip: what the Writer writes, the Decoder reads back, with
// invalid UTF-8 replaced byte by byte with U+FFFD.
func TestStringRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(17, 18))
	var w Writer
	var d Decoder
	for range 50000 {
		s := randomBytes(r)
		w.Reset()
		w.ArrayStart()
		w.String(s)
		w.ObjectStart()
		w.Key(s)
		w.Blob([]byte(s))
		w.ObjectEnd()
		w.ArrayEnd()
		want := string([]rune(s))
		d.Reset(w.Bytes())
		var got, key string
		var blob []byte
		for i := 0; d.ArrayNext(); i++ {
			if i == 0 {
				got = d.String()
				continue
			}
			for d.ObjectNext() {
				key = string(d.Key())
				blob = d.Blob()
			}
		}
		if err := d.End(); err != nil || got != want || key != want || string(blob) != s {
			t.Fatalf("%q: wrote %s, read %q %q %q, %v", s, w.Bytes(), got, key, blob, err)
		}
	}
}
