// Package document holds the values of document shapes: free-form JSON that a model
// does not describe.
package document

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Value is a document: one JSON value, kept as its encoded bytes. The zero Value is
// absent (not even null).
type Value struct {
	raw []byte
}

// New encodes v (any value encoding/json accepts) as a document.
func New(v any) (Value, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return Value{}, fmt.Errorf("document: %w", err)
	}
	return Value{raw: b}, nil
}

// Raw makes a document of JSON bytes, which must hold one valid JSON value.
func Raw(b []byte) (Value, error) {
	if !json.Valid(b) {
		return Value{}, fmt.Errorf("document: invalid JSON")
	}
	return Value{raw: bytes.Clone(b)}, nil
}

// IsZero reports an absent document.
func (d Value) IsZero() bool { return d.raw == nil }

// JSON returns the document's JSON bytes (nil when absent). The caller must not
// modify them.
func (d Value) JSON() []byte { return d.raw }

// Decode decodes the document into v, as json.Unmarshal does.
func (d Value) Decode(v any) error {
	if d.raw == nil {
		return fmt.Errorf("document: absent")
	}
	return json.Unmarshal(d.raw, v)
}

// MarshalJSON implements json.Marshaler.
func (d Value) MarshalJSON() ([]byte, error) {
	if d.raw == nil {
		return []byte("null"), nil
	}
	return d.raw, nil
}

// UnmarshalJSON implements json.Unmarshaler.
func (d *Value) UnmarshalJSON(b []byte) error {
	d.raw = bytes.Clone(b)
	return nil
}

// String returns the JSON text.
func (d Value) String() string { return string(d.raw) }

// Wrap makes a document of JSON bytes the caller has already validated (a decoder's
// output), taking ownership of them.
func Wrap(b []byte) Value { return Value{raw: b} }
