package jsonwire

import (
	"encoding/json"
	"strings"
	"testing"
)

var fuzzSeeds = []string{
	``, ` `, `null`, `true`, `false`, `0`, `-0.5e+10`, `01`, `1.`, `"`, `"abc"`, `"\u00e9\ud83d\ude00"`,
	`"\ud800"`, "\"\xff\"", `"\x"`, `{}`, `[]`, `{"a":[1,{"b":null}],"c":"d"}`, `{"a":1,}`, `[1,]`,
	`[[[[[[[[[[]]]]]]]]]]`, strings.Repeat("[", 10001), `{"a" 1}`, `nul`, `{"a":1}}`, "\"a\x01\"",
}

// FuzzDecoderSkip: Skip never panics and, followed by End, accepts exactly
// what json.Valid accepts.
func FuzzDecoderSkip(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d := NewDecoder(data)
		d.MaxDepth = jsonMaxDepth
		d.Skip()
		err := d.End()
		if want := json.Valid(data); (err == nil) != want {
			t.Fatalf("%q: Skip error %v, json.Valid %v", data, err, want)
		}
		// Raw agrees with Skip.
		d.Reset(data)
		raw := d.Raw()
		if (d.End() == nil) != (err == nil) || err == nil && !json.Valid(raw) {
			t.Fatalf("%q: Raw %q, %v", data, raw, d.Err())
		}
	})
}

// FuzzDecoderString: String accepts what encoding/json accepts for a
// string (or null), and decodes to exactly the same value.
func FuzzDecoderString(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var want string
		wantErr := json.Unmarshal(data, &want)
		d := NewDecoder(data)
		got := d.String()
		err := d.End()
		if (err == nil) != (wantErr == nil) || err == nil && got != want {
			t.Fatalf("%q: String() = %q, %v; encoding/json %q, %v", data, got, err, want, wantErr)
		}
		ds := NewDecoderShared(data)
		if got, err := ds.String(), ds.End(); (err == nil) != (wantErr == nil) || err == nil && got != want {
			t.Fatalf("%q: shared String() = %q, %v; encoding/json %q, %v", data, got, err, want, wantErr)
		}
	})
}

// FuzzWriterString: the output is valid JSON, identical to encoding/json's
// with HTML escaping off, and decodes back to the input with invalid UTF-8
// replaced byte by byte with U+FFFD.
func FuzzWriterString(f *testing.F) {
	for _, s := range []string{"", "abc", "\"\\\n\x00\x7f", "<&>", "\u2028\u2029", "\xff\xc3", "\xed\xa0\x80", "😀"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var w Writer
		w.String(s)
		out := w.Bytes()
		if !json.Valid(out) {
			t.Fatalf("String(%q) wrote invalid JSON %s", s, out)
		}
		if want := encodingJSONString(t, s); string(out) != want {
			t.Fatalf("String(%q) = %s, encoding/json %s", s, out, want)
		}
		d := NewDecoder(out)
		got := d.String()
		if err := d.End(); err != nil || got != string([]rune(s)) {
			t.Fatalf("String(%q) wrote %s, read back %q, %v", s, out, got, err)
		}
	})
}
