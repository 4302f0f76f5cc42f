package querywire

import (
	"encoding/base64"
	"errors"
	"fmt"
	"math/big"
	"net/url"
	"time"
	"unicode/utf8"

	"github.com/svcgen/svcgen/runtime/httpbind"
)

// Decoder reads the form of an awsQuery (or ec2) request, for the generated decoders
// of a server: the values by key ("Names.member.1"), and which keys have values below
// them (a list's elements, a structure's members). A value that does not parse as the
// member's type is an error, the first of which is kept (Err); the readers then return
// zero values.
type Decoder struct {
	vals url.Values
	// below holds every key that is a dotted prefix of a key of the form, the keys
	// themselves included: Has is one lookup.
	below map[string]struct{}
	err   error
}

// ParseForm parses a form ("Action=X&Version=Y&..."): a body, or a query string. Keys
// and values must be valid UTF-8 once percent-decoded.
func ParseForm(raw string) (*Decoder, error) {
	vals, err := url.ParseQuery(raw)
	if err != nil {
		return nil, fmt.Errorf("the form is not valid: %w", err)
	}
	return NewDecoder(vals)
}

// NewDecoder returns a Decoder over parsed form values.
func NewDecoder(vals url.Values) (*Decoder, error) {
	d := &Decoder{vals: vals, below: make(map[string]struct{}, 2*len(vals))}
	for k, vs := range vals {
		if !utf8.ValidString(k) {
			return nil, errors.New("a form key is not valid UTF-8")
		}
		for _, v := range vs {
			if !utf8.ValidString(v) {
				return nil, fmt.Errorf("the value of %q is not valid UTF-8", k)
			}
		}
		for i := 0; i < len(k); i++ {
			if k[i] == '.' {
				d.below[k[:i]] = struct{}{}
			}
		}
		d.below[k] = struct{}{}
	}
	return d, nil
}

// Err is the first error met.
func (d *Decoder) Err() error { return d.err }

// Get returns the value of key: its first, when it is given more than once.
func (d *Decoder) Get(key string) string {
	if vs := d.vals[key]; len(vs) > 0 {
		return vs[0]
	}
	return ""
}

// Has reports whether key has a value, or keys below it do ("Tags" has when
// "Tags.member.1.Key" does).
func (d *Decoder) Has(key string) bool {
	_, ok := d.below[key]
	return ok
}

func (d *Decoder) bad(key, what string, err error) {
	if d.err == nil {
		d.err = fmt.Errorf("form key %s: %q is not %s: %v", key, d.Get(key), what, err)
	}
}

// String reads the value of key.
func (d *Decoder) String(key string) string { return d.Get(key) }

// Bool reads true or false.
func (d *Decoder) Bool(key string) bool {
	v, err := httpbind.ParseBool(d.Get(key))
	if err != nil {
		d.bad(key, "a boolean", err)
	}
	return v
}

// Int reads an integer of bits bits.
func (d *Decoder) Int(key string, bits int) int64 {
	v, err := httpbind.ParseInt(d.Get(key), bits)
	if err != nil {
		d.bad(key, "an integer", err)
	}
	return v
}

// Float reads a float of bits bits, or NaN, Infinity, -Infinity.
func (d *Decoder) Float(key string, bits int) float64 {
	v, err := httpbind.ParseFloat(d.Get(key), bits)
	if err != nil {
		d.bad(key, "a number", err)
	}
	return v
}

// Time reads a timestamp in format (the model's: "iso8601", "unixTimestamp",
// "rfc822").
func (d *Decoder) Time(key, format string) time.Time {
	v, err := httpbind.ParseTime(d.Get(key), format)
	if err != nil {
		d.bad(key, "a timestamp", err)
	}
	return v
}

// Blob reads base64; an empty value is an empty, not a nil, slice.
func (d *Decoder) Blob(key string) []byte {
	v, err := base64.StdEncoding.DecodeString(d.Get(key))
	if err != nil {
		d.bad(key, "base64", err)
		return nil
	}
	return v
}

// BigInt reads an integer of any size.
func (d *Decoder) BigInt(key string) *big.Int {
	v, err := httpbind.ParseBigInt(d.Get(key))
	if err != nil {
		d.bad(key, "an integer", err)
	}
	return v
}

// BigFloat reads a number of any size and precision.
func (d *Decoder) BigFloat(key string) *big.Float {
	v, err := httpbind.ParseBigFloat(d.Get(key))
	if err != nil {
		d.bad(key, "a number", err)
	}
	return v
}
