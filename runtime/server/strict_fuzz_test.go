package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"testing"
	"unicode/utf8"
)

// hasDuplicateKey is the reference: encoding/json's tokens, keys unescaped by it.
func hasDuplicateKey(data []byte) bool {
	d := json.NewDecoder(bytes.NewReader(data))
	type level struct {
		object bool
		keys   map[string]bool
		key    bool // the next string token is a key
	}
	var open []*level
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return false
		}
		if err != nil {
			return false
		}
		var top *level
		if len(open) > 0 {
			top = open[len(open)-1]
		}
		isKey := top != nil && top.object && top.key
		if top != nil && top.object {
			top.key = !top.key
		}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{':
				open = append(open, &level{object: true, keys: map[string]bool{}, key: true})
			case '[':
				open = append(open, &level{})
			default:
				open = open[:len(open)-1]
				if len(open) > 0 && open[len(open)-1].object {
					open[len(open)-1].key = true
				}
			}
			if t == '{' || t == '[' {
				if top != nil && top.object {
					top.key = false // the container is a value; the next token after it is a key
				}
			}
		case string:
			if isKey {
				if top.keys[t] {
					return true
				}
				top.keys[t] = true
			}
		}
	}
}

// FuzzObjectDecoderDuplicates: on valid JSON of valid UTF-8, ObjectDecoder reports a
// repeated key exactly when encoding/json's tokens show one.
func FuzzObjectDecoderDuplicates(f *testing.F) {
	for _, s := range []string{`{"a":1,"a":2}`, `{"a":[1],"a":2}`, `{"a":{"a":1},"b":[{"a":1,"b":2}]}`, `{"a\u0062":1,"ab":2}`, `{"\"":1,"\\":2,"\\\"":3}`, `[{"a":1},{"a":1}]`, `{"a":"\\","a":1}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if !json.Valid(data) || !utf8.Valid(data) {
			return
		}
		var c Call
		c.body = data
		_, err := c.ObjectDecoder()
		got := err != nil && bytes.Contains([]byte(err.Error()), []byte("duplicate key"))
		if want := hasDuplicateKey(data); got != want {
			t.Fatalf("%q: ObjectDecoder %v, reference says duplicate %v", data, err, want)
		}
		var se interface{ Error() string }
		if err != nil && !errors.As(err, &se) {
			t.Fatal(err)
		}
	})
}
