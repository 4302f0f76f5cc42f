package jsonwire

import (
	"math"
	"math/big"
	"testing"
)

func TestBigNumbers(t *testing.T) {
	d := NewDecoder([]byte(`[123456789012345678901234567890, -0, null, 1.5e-400, 12345678901234567890.125, null]`))
	var got []string
	d.ArrayNext()
	got = append(got, d.BigInt().String())
	d.ArrayNext()
	got = append(got, d.BigInt().String())
	d.ArrayNext()
	if v := d.BigInt(); v != nil {
		t.Errorf("null: %v", v)
	}
	d.ArrayNext()
	got = append(got, d.BigFloat().Text('e', -1))
	d.ArrayNext()
	got = append(got, d.BigFloat().Text('f', -1))
	d.ArrayNext()
	if v := d.BigFloat(); v != nil {
		t.Errorf("null: %v", v)
	}
	if d.ArrayNext() {
		t.Error("more than six elements")
	}
	if err := d.End(); err != nil {
		t.Fatal(err)
	}
	want := []string{"123456789012345678901234567890", "0", "1.5e-400", "12345678901234567890.125"}
	if len(got) != len(want) {
		t.Fatalf("%q", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("value %d: %s, want %s", i, got[i], want[i])
		}
	}

	for _, bad := range []string{`1.5`, `1e3`, `"1"`, `true`, `-`, `01`} {
		d := NewDecoder([]byte(bad))
		if v := d.BigInt(); d.End() == nil {
			t.Errorf("BigInt(%s) = %v, %v; want an error", bad, v, d.Err())
		}
	}
	for _, bad := range []string{`"NaN"`, `"1.5"`, `1.`, `.5`, `Infinity`, `1e999999999`, `9e2147483648`} {
		d := NewDecoder([]byte(bad))
		if v := d.BigFloat(); d.End() == nil {
			t.Errorf("BigFloat(%s) = %v, %v; want an error", bad, v, d.Err())
		}
	}

	var w Writer
	w.ArrayStart()
	w.BigInt(new(big.Int).Lsh(big.NewInt(1), 100))
	w.BigFloat(big.NewFloat(0.5))
	w.BigFloat(new(big.Float).SetInf(true))
	x, _ := ParseBigFloat("-3.14159265358979323846264338327950288419716939937510")
	w.BigFloat(x)
	w.ArrayEnd()
	if got, want := string(w.Bytes()), `[1267650600228229401496703205376,0.5,"-Infinity",-3.1415926535897932384626433832795028841971693993751]`; got != want {
		t.Errorf("written %s\n   want %s", got, want)
	}
	// The decimal comes back digit for digit, and keeps more digits than a float64.
	if f, _ := x.Float64(); x.Text('e', -1) == big.NewFloat(f).Text('e', -1) || math.IsNaN(f) {
		t.Errorf("ParseBigFloat kept no more than a float64: %s", x.Text('e', -1))
	}
}
