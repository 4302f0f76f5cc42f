package cborwire

import (
	"errors"
	"strings"
	"testing"

	"github.com/fxamacker/cbor/v2"
)

var fuzzSeeds = []string{
	"", "00", "17", "1818", "1b8000000000000000", "3b7fffffffffffffff", "f4", "f6", "f7", "f93c00", "f97e00",
	"fa47c35000", "fb3ff199999999999a", "4401020304", "5f42010243030405ff", "62c3bc", "62c328",
	"7f657374726561646d696e67ff", "7f61616261ff", "80", "83010203", "9f0102ff", "a0", "a26161016162820203",
	"bf6161f5ff", "c11a514b67b0", "c1fb41cc37db380fbe77", "c249010000000000000000", "c48221196ab3", "1c", "f818",
	"f820", "ff", "9b00000000ffffffff00", "81818181818100", "c1c1c1c100", "a1016161",
	"bf6b737472696e674c6973749f7f6161ff6162ffff", "fc", "5f4100ff", "5f6100ff", "7f4100ff",
}

// oracleWellformed: the oracle's well-formedness check with limits no fuzz input
// reaches, so that it and the Decoder apply the same rules.
var oracleWellformed = func() cbor.DecMode {
	dm, err := cbor.DecOptions{MaxNestedLevels: 65535, MaxArrayElements: 2147483647, MaxMapPairs: 2147483647}.DecMode()
	if err != nil {
		panic(err)
	}
	return dm
}()

// FuzzDecoderSkip: Skip never panics, and Skip followed by End accepts exactly the
// well-formed data items the oracle accepts, save text strings of invalid UTF-8,
// which the Decoder refuses (the oracle's Wellformed does not look inside them).
// Raw agrees with Skip.
func FuzzDecoderSkip(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(mustHex(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d := NewDecoder(data)
		d.MaxDepth = 65535
		d.Skip()
		err := d.End()
		want := oracleWellformed.Wellformed(data)
		var serr *SyntaxError
		if errors.As(err, &serr) && strings.Contains(serr.Msg, "not valid UTF-8") {
			// the oracle, reading the text string at fault alone, refuses it too
			var s string
			if _, oerr := cbor.UnmarshalFirst(data[serr.Offset:], &s); oerr == nil || !strings.Contains(oerr.Error(), "UTF-8") {
				t.Fatalf("%x: %v, but the oracle reads %q, %v", data, err, s, oerr)
			}
			return
		}
		if (err == nil) != (want == nil) {
			t.Fatalf("%x: Skip error %v, oracle %v", data, err, want)
		}
		d.Reset(data)
		raw := d.Raw()
		if (d.End() == nil) != (err == nil) || err == nil && string(raw) != string(data) {
			t.Fatalf("%x: Raw %x, %v", data, raw, d.Err())
		}
	})
}

// FuzzDecoderTyped: decoding as generated code does (a structure of every scalar
// kind, a list and a map of it, recursively) never panics, and whatever it accepts
// the oracle finds well-formed.
func FuzzDecoderTyped(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(mustHex(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d := NewDecoder(data)
		d.MaxDepth = 64
		d.TrackMissing = true
		decodeAny(d, 0)
		if err := d.End(); err == nil {
			if werr := oracleWellformed.Wellformed(data); werr != nil {
				t.Fatalf("%x: accepted, oracle: %v", data, werr)
			}
		}
	})
}

func decodeAny(d *Decoder, depth int) {
	for d.ObjectNext() {
		mark := d.MissingMark()
		switch k := d.Key(); {
		case len(k) == 0:
			d.Skip()
		case k[0] == 's':
			d.StringPtr()
		case k[0] == 'b':
			d.Blob()
		case k[0] == 'i':
			d.Int32()
		case k[0] == 'l':
			d.Int64Ptr()
		case k[0] == 'f':
			d.Float32()
		case k[0] == 'd':
			d.Float64Ptr()
		case k[0] == 't':
			d.EpochSecondsPtr()
		case k[0] == 'o':
			d.Bool()
		case k[0] == 'B':
			d.BigInt()
		case k[0] == 'D':
			d.BigFloat()
		case k[0] == 'r':
			d.Raw()
		case k[0] == 'a':
			for d.ArrayNext() {
				decodeAny(d, depth+1)
			}
		case k[0] == 'm':
			decodeAny(d, depth+1)
			d.MissingIn(mark, "m")
		default:
			d.Skip()
		}
	}
	d.MissingOf(0, "x")
}
