package xmlwire

import "time"

// The methods below read a value into a new variable and return its address: what a
// generated decoder sets an optional member to. One call in place of a read, an
// allocation and a store at each member keeps the per-shape decoders small (ec2's
// output decoders have hundreds of optional members); they are not inlined, or the
// decoders would hold those instructions again.

// StringPtr reads the element's text.
//
//go:noinline
func (d *Decoder) StringPtr() *string { s := d.String(); return &s }

// BoolPtr reads true or false.
//
//go:noinline
func (d *Decoder) BoolPtr() *bool { b := d.Bool(); return &b }

// Int8Ptr reads an 8-bit integer.
//
//go:noinline
func (d *Decoder) Int8Ptr() *int8 { i := int8(d.Int(8)); return &i }

// Int16Ptr reads a 16-bit integer.
//
//go:noinline
func (d *Decoder) Int16Ptr() *int16 { i := int16(d.Int(16)); return &i }

// Int32Ptr reads a 32-bit integer.
//
//go:noinline
func (d *Decoder) Int32Ptr() *int32 { i := int32(d.Int(32)); return &i }

// Int64Ptr reads a 64-bit integer.
//
//go:noinline
func (d *Decoder) Int64Ptr() *int64 { i := d.Int(64); return &i }

// Float32Ptr reads a 32-bit float, or NaN, Infinity, -Infinity.
//
//go:noinline
func (d *Decoder) Float32Ptr() *float32 { f := float32(d.Float(32)); return &f }

// Float64Ptr reads a 64-bit float, or NaN, Infinity, -Infinity.
//
//go:noinline
func (d *Decoder) Float64Ptr() *float64 { f := d.Float(64); return &f }

// TimePtr reads a timestamp in format, as Time does.
//
//go:noinline
func (d *Decoder) TimePtr(format string) *time.Time { t := d.Time(format); return &t }
