package cborwire

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/fxamacker/cbor/v2"
)

// The oracle is github.com/fxamacker/cbor/v2, an independent, well-kept CBOR library:
// what the Writer writes it decodes to the values written, and what it encodes the
// Decoder reads back.

// oracleDec decodes into generic values with limits above anything tested here.
var oracleDec = func() cbor.DecMode {
	dm, err := cbor.DecOptions{
		MaxNestedLevels:  65535,
		MaxArrayElements: math.MaxInt32,
		MaxMapPairs:      math.MaxInt32,
		DefaultMapType:   reflect.TypeOf(map[string]any(nil)),
	}.DecMode()
	if err != nil {
		panic(err)
	}
	return dm
}()

// A tree is a random value of the kinds generated code writes.
type tree struct {
	kind  string // map, array, string, blob, int, float32, float64, bool, null, time
	keys  []string
	elems []*tree
	s     string
	b     []byte
	i     int64
	f     float64
	t     time.Time
}

func randTree(r *rand.Rand, depth int) *tree {
	kinds := []string{"string", "blob", "int", "float32", "float64", "bool", "null", "time"}
	if depth < 4 {
		kinds = append(kinds, "map", "array", "map", "array")
	}
	t := &tree{kind: kinds[r.IntN(len(kinds))]}
	switch t.kind {
	case "map", "array":
		n := r.IntN(6)
		if r.IntN(8) == 0 {
			n = 20 + r.IntN(300) // lengths needing a longer head
		}
		seen := map[string]bool{}
		for i := 0; i < n; i++ {
			k := randString(r)
			if t.kind == "map" {
				if seen[k] {
					continue
				}
				seen[k] = true
				t.keys = append(t.keys, k)
			}
			t.elems = append(t.elems, randTree(r, depth+1+n/8))
		}
	case "string":
		t.s = randString(r)
	case "blob":
		t.b = []byte(randString(r))
	case "int":
		switch r.IntN(4) {
		case 0:
			t.i = int64(r.IntN(48)) - 24
		case 1:
			t.i = int64(r.Uint64())
		case 2:
			t.i = math.MinInt64 + int64(r.IntN(3))
		default:
			t.i = int64(r.IntN(1<<20)) - 1<<19
		}
	case "float32":
		t.f = float64(float32(r.NormFloat64() * math.Pow(10, float64(r.IntN(20)-10))))
	case "float64":
		t.f = r.NormFloat64() * math.Pow(10, float64(r.IntN(40)-20))
		if r.IntN(10) == 0 {
			t.f = []float64{math.Inf(1), math.Inf(-1), 0, math.MaxFloat64}[r.IntN(4)]
		}
	case "bool":
		t.i = int64(r.IntN(2))
	case "time":
		t.t = time.Unix(int64(r.IntN(4e9)), int64(r.IntN(1000))*1e6).UTC()
	}
	return t
}

func randString(r *rand.Rand) string {
	const alphabet = "abcxyzé€😀\x00 "
	runes := []rune(alphabet)
	n := r.IntN(10)
	if r.IntN(10) == 0 {
		n = 24 + r.IntN(300)
	}
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteRune(runes[r.IntN(len(runes))])
	}
	return b.String()
}

func (t *tree) write(w *Writer) {
	switch t.kind {
	case "map":
		w.ObjectStart()
		for i, k := range t.keys {
			w.Key(k)
			t.elems[i].write(w)
		}
		w.ObjectEnd()
	case "array":
		w.ArrayStart()
		for _, e := range t.elems {
			e.write(w)
		}
		w.ArrayEnd()
	case "string":
		w.String(t.s)
	case "blob":
		w.Blob(t.b)
	case "int":
		w.Int64(t.i)
	case "float32":
		w.Float64(t.f, 32)
	case "float64":
		w.Float64(t.f, 64)
	case "bool":
		w.Bool(t.i == 1)
	case "null":
		w.Null()
	case "time":
		w.EpochSeconds(t.t)
	}
}

// generic is t as the oracle decodes it into an any.
func (t *tree) generic() any {
	switch t.kind {
	case "map":
		m := map[string]any{}
		for i, k := range t.keys {
			m[k] = t.elems[i].generic()
		}
		return m
	case "array":
		a := []any{}
		for _, e := range t.elems {
			a = append(a, e.generic())
		}
		return a
	case "string":
		return t.s
	case "blob":
		return t.b
	case "int":
		if t.i >= 0 {
			return uint64(t.i)
		}
		return t.i
	case "float32", "float64":
		return t.f
	case "bool":
		return t.i == 1
	case "time":
		return t.t
	}
	return nil
}

// read decodes t's shape from d, as generated code would, into a generic value.
func (t *tree) read(d *Decoder) any {
	switch t.kind {
	case "map":
		m := map[string]any{}
		byKey := map[string]*tree{}
		for i, k := range t.keys {
			byKey[k] = t.elems[i]
		}
		for d.ObjectNext() {
			k := d.KeyString()
			if e := byKey[k]; e != nil {
				m[k] = e.read(d)
			} else {
				d.Skip()
				m[k] = "skipped"
			}
		}
		return m
	case "array":
		a := []any{}
		i := 0
		for d.ArrayNext() {
			if i < len(t.elems) {
				a = append(a, t.elems[i].read(d))
			} else {
				d.Skip()
			}
			i++
		}
		return a
	case "string":
		return d.String()
	case "blob":
		return d.Blob()
	case "int":
		if v := d.Int64(); v < 0 {
			return v
		} else {
			return uint64(v)
		}
	case "float32":
		return float64(d.Float32())
	case "float64":
		return d.Float64()
	case "bool":
		return d.Bool()
	case "null":
		if !d.IsNull() {
			d.Skip()
			return "not null"
		}
		return nil
	case "time":
		return d.EpochSeconds()
	}
	return nil
}

// normalize turns the oracle's tag 1 into a time and its float32s into float64s.
func normalize(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = normalize(e)
		}
	case []any:
		for i, e := range x {
			x[i] = normalize(e)
		}
	case cbor.Tag:
		if f, ok := x.Content.(float64); ok && x.Number == 1 {
			return time.UnixMilli(int64(math.Round(f * 1000))).UTC()
		}
	case float32:
		return float64(x)
	case time.Time: // the oracle reads tag 1 to the nearest nanosecond of the double
		return x.UTC().Round(time.Millisecond)
	}
	return v
}

// TestWriterOracle: the oracle decodes what the Writer writes to the values written,
// and finds every item well-formed, with the shortest heads (its core deterministic
// encoding of the same value gives the same bytes, timestamps aside).
func TestWriterOracle(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 3000; i++ {
		tr := randTree(r, 0)
		var w Writer
		tr.write(&w)
		data := w.Bytes()
		if err := oracleDec.Wellformed(data); err != nil {
			t.Fatalf("case %d: not well-formed: %v\n%x", i, err, data)
		}
		var got any
		if err := oracleDec.Unmarshal(data, &got); err != nil {
			t.Fatalf("case %d: oracle: %v\n%x", i, err, data)
		}
		if got, want := normalize(got), tr.generic(); !equalNaN(got, want) {
			t.Fatalf("case %d: oracle read\n%.2000s\nwant\n%.2000s", i, fmt.Sprintf("%#v", got), fmt.Sprintf("%#v", want))
		}
	}
}

// TestDecoderOracle: the Decoder reads back what the oracle encodes, in definite and
// (through the oracle's streaming encoder) indefinite lengths.
func TestDecoderOracle(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	em, err := cbor.EncOptions{Time: cbor.TimeUnixDynamic}.EncMode()
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3000; i++ {
		tr := randTree(r, 0)
		var buf bytes.Buffer
		enc := em.NewEncoder(&buf)
		if err := oracleEncode(enc, tr, i%2 == 0); err != nil {
			t.Fatal(err)
		}
		d := NewDecoder(buf.Bytes())
		if i%3 == 0 {
			d = NewDecoderShared(buf.Bytes())
		}
		got := tr.read(d)
		if err := d.End(); err != nil {
			t.Fatalf("case %d: %v\n%x", i, err, buf.Bytes())
		}
		if want := tr.generic(); !equalNaN(got, want) {
			t.Fatalf("case %d: read\n%.2000s\nwant\n%.2000s\n%.500x", i, fmt.Sprintf("%#v", got), fmt.Sprintf("%#v", want), buf.Bytes())
		}
	}
}

// oracleEncode encodes t with the oracle; indef writes maps, arrays and long
// strings with indefinite lengths, the strings in chunks.
func oracleEncode(enc *cbor.Encoder, t *tree, indef bool) error {
	switch t.kind {
	case "map", "array":
		if !indef {
			break
		}
		start := enc.StartIndefiniteArray
		if t.kind == "map" {
			start = enc.StartIndefiniteMap
		}
		if err := start(); err != nil {
			return err
		}
		for i, e := range t.elems {
			if t.kind == "map" {
				if err := enc.Encode(t.keys[i]); err != nil {
					return err
				}
			}
			if err := oracleEncode(enc, e, indef); err != nil {
				return err
			}
		}
		return enc.EndIndefinite()
	case "string", "blob":
		if !indef {
			break
		}
		start := enc.StartIndefiniteTextString
		if t.kind == "blob" {
			start = enc.StartIndefiniteByteString
		}
		if err := start(); err != nil {
			return err
		}
		s := t.s
		if t.kind == "blob" {
			s = string(t.b)
		}
		for len(s) > 0 { // chunks split between runes
			n := 0
			for _, r := range s {
				n += len(string(r))
				if n >= 3 {
					break
				}
			}
			var err error
			if t.kind == "blob" {
				err = enc.Encode([]byte(s[:n]))
			} else {
				err = enc.Encode(s[:n])
			}
			if err != nil {
				return err
			}
			s = s[n:]
		}
		return enc.EndIndefinite()
	case "float32":
		return enc.Encode(float32(t.f))
	case "time":
		return enc.Encode(cbor.Tag{Number: 1, Content: float64(t.t.UnixMilli()) / 1000})
	}
	if t.kind == "map" || t.kind == "array" {
		var elems []any
		for _, e := range t.elems {
			var b bytes.Buffer
			if err := oracleEncode(cbor.NewEncoder(&b), e, false); err != nil {
				return err
			}
			elems = append(elems, cbor.RawMessage(b.Bytes()))
		}
		if t.kind == "array" {
			return enc.Encode(elems)
		}
		m := map[string]cbor.RawMessage{}
		for i, k := range t.keys {
			m[k] = elems[i].(cbor.RawMessage)
		}
		return enc.Encode(m)
	}
	return enc.Encode(t.generic())
}

func equalNaN(a, b any) bool {
	return fmt.Sprintf("%#v", a) == fmt.Sprintf("%#v", b) || reflect.DeepEqual(a, b)
}

func mustHex(s string) []byte {
	b, err := hex.DecodeString(strings.ReplaceAll(s, " ", ""))
	if err != nil {
		panic(err)
	}
	return b
}
