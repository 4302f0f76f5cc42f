package server

import (
	"bytes"
	"strconv"
	"unicode/utf8"

	"github.com/svcgen/svcgen/runtime/jsonwire"
)

// The JSON decoder follows encoding/json: it replaces invalid UTF-8 with U+FFFD and
// lets the last of duplicate keys win. A server must not: a value silently altered, or
// a member that a proxy or an audit log reads differently from the service (the first
// "roleArn" against the last), is a request the client did not mean. ObjectDecoder
// checks the body for both before decoding starts.

// ObjectDecoder returns a JSON decoder over a body that must hold an object (not
// null, an array or a scalar), valid UTF-8 throughout and no object with a repeated
// key. A body that breaks one of these gives a *jsonwire.SyntaxError, at the offset of
// the fault; generated decoders return it as malformed input.
func (c *Call) ObjectDecoder() (*jsonwire.Decoder, error) {
	if err := c.checkMediaType(); err != nil {
		c.mediaErr = err
		return nil, err
	}
	if err := c.strictCheck(); err != nil {
		return nil, err
	}
	d := c.Decoder()
	i := skipSpace(c.body, 0)
	if i < len(c.body) && c.body[i] != '{' {
		// read the value as an object so that the error says what was found instead
		d.ObjectNext()
		if err := d.Err(); err != nil {
			return nil, err
		}
		return nil, &jsonwire.SyntaxError{Offset: int64(i), Msg: "expected object, found null"}
	}
	return d, nil
}

// strictCheck finds invalid UTF-8 and repeated keys in the body, once per call.
func (c *Call) strictCheck() error {
	if c.strictDone {
		return c.strictErr
	}
	c.strictDone = true
	if off := invalidUTF8(c.body); off >= 0 {
		c.strictErr = &jsonwire.SyntaxError{Offset: int64(off), Msg: "invalid UTF-8"}
	} else if off, key := c.keys.duplicate(c.body); off >= 0 {
		if len(key) > 64 { // the message echoes the key: keep it short
			cut := 64
			for cut > 0 && !utf8.RuneStart(key[cut]) {
				cut--
			}
			key = key[:cut] + "..."
		}
		c.strictErr = &jsonwire.SyntaxError{Offset: int64(off), Msg: "duplicate key " + strconv.Quote(key)}
	}
	return c.strictErr
}

// invalidUTF8 returns the offset of the first byte that is not valid UTF-8, or -1.
func invalidUTF8(b []byte) int {
	if utf8.Valid(b) {
		return -1
	}
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// maxScanDepth bounds the nesting the duplicate scan follows; the decoder refuses
// deeper input anyway (jsonwire.DefaultMaxDepth).
const maxScanDepth = 4 * jsonwire.DefaultMaxDepth

// mapThreshold is the number of keys of one object from which they are looked up in a
// map instead of compared one by one (which would be quadratic in a hostile object).
const mapThreshold = 16

// keyScanner finds repeated keys; it is kept in the pooled Call so that its buffers
// are reused.
type keyScanner struct {
	keys [][]byte // keys of the open objects, in order (slices of the body unless escaped)
	open []scanLevel
}

type scanLevel struct {
	object   bool
	start    int                 // index in keys of this object's first key
	set      map[string]struct{} // this object's keys once there are many
	expected bool                // an object expects a key next
}

// duplicate returns the offset and text of the first key that repeats one of the
// same object, or -1. It is lenient about everything else: it runs on input the
// decoder will then validate, and stops where the input stops making sense.
func (s *keyScanner) duplicate(b []byte) (int, string) {
	s.keys, s.open = s.keys[:0], s.open[:0]
	defer func() {
		// do not keep the body (or maps) alive through the pool
		clear(s.keys[:cap(s.keys)])
		clear(s.open[:cap(s.open)])
	}()
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '{':
			if len(s.open) >= maxScanDepth {
				return -1, ""
			}
			s.open = append(s.open, scanLevel{object: true, start: len(s.keys), expected: true})
		case '[':
			if len(s.open) >= maxScanDepth {
				return -1, ""
			}
			s.open = append(s.open, scanLevel{start: len(s.keys)})
		case '}', ']':
			if len(s.open) == 0 {
				return -1, ""
			}
			top := s.open[len(s.open)-1]
			s.keys = s.keys[:top.start]
			s.open = s.open[:len(s.open)-1]
		case ',':
			if n := len(s.open); n > 0 && s.open[n-1].object {
				s.open[n-1].expected = true
			}
		case '"':
			start := i
			if i = stringEnd(b, i); i < 0 {
				return -1, ""
			}
			n := len(s.open)
			if n == 0 || !s.open[n-1].object || !s.open[n-1].expected {
				continue
			}
			top := &s.open[n-1]
			top.expected = false
			key := b[start+1 : i]
			if bytes.IndexByte(key, '\\') >= 0 {
				key = []byte(jsonwire.NewDecoder(b[start : i+1]).String())
			}
			if s.seen(top, key) {
				return start, string(key)
			}
		}
	}
	return -1, ""
}

// stringEnd returns the index of the quote that closes the string opening at b[i], or
// -1.
func stringEnd(b []byte, i int) int {
	for j := i + 1; ; {
		k := bytes.IndexByte(b[j:], '"')
		if k < 0 {
			return -1
		}
		q := j + k
		backslashes := 0
		for p := q - 1; p > i && b[p] == '\\'; p-- {
			backslashes++
		}
		if backslashes%2 == 0 {
			return q
		}
		j = q + 1
	}
}

// seen reports whether key is already a key of the object top, and records it.
func (s *keyScanner) seen(top *scanLevel, key []byte) bool {
	if top.set != nil {
		if _, ok := top.set[string(key)]; ok {
			return true
		}
		top.set[string(key)] = struct{}{}
		return false
	}
	for _, k := range s.keys[top.start:] {
		if bytes.Equal(k, key) {
			return true
		}
	}
	s.keys = append(s.keys, key)
	if len(s.keys)-top.start >= mapThreshold {
		top.set = make(map[string]struct{}, 2*mapThreshold)
		for _, k := range s.keys[top.start:] {
			top.set[string(k)] = struct{}{}
		}
	}
	return false
}
