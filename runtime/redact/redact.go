// Package redact prints generated structures without their sensitive members.
//
// A generated type that holds anything sensitive describes itself once (a Layout: its
// sensitive fields) and routes fmt (every verb, through Format), String, GoString,
// slog (LogValue) and encoding/json (MarshalJSON) here, so that no way of printing it
// shows a sensitive value: each prints Placeholder instead. encoding/json matters because slog's JSON
// handler marshals what it cannot resolve, such as a slice of these values. (Generated
// serializers write the wire format themselves and never use MarshalJSON.)
package redact

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// Placeholder is what a sensitive value prints as.
const Placeholder = "*** sensitive ***"

// Layout describes how a generated type prints: which of its fields are sensitive.
// A generated type that holds anything sensitive has one, as a package-level
// variable, and its print methods hand their value to the Layout's methods, which
// read the fields with reflect: one printer for every type, where a method per type
// listing its fields would cost code in every program that can print the type.
//
// Each exported field prints, in order, as fmt would print it, except those listed
// here; a pointer (an optional member) prints as the value it points to, and a nil
// one as <nil> (nil under %#v; left out of JSON and slog).
type Layout struct {
	// Sensitive lists, by index, the fields that print as Placeholder.
	Sensitive []int
	// Hidden lists, by index, the fields that do not print: those a lock file keeps
	// after the model dropped their members.
	Hidden []int
	// Pointers lists, by index, the pointer fields that print as fmt prints the
	// pointer itself rather than the value it points to: a required *big.Int prints
	// through big's Format, and a nil one as fmt prints a nil pointer.
	Pointers []int
	// All marks a type that is sensitive as a whole: it prints as Placeholder.
	All bool
}

// FormatValue implements fmt.Formatter (Format) for v, a value of the type l
// describes.
func (l *Layout) FormatValue(f fmt.State, verb rune, v any) { l.describe(v).Format(f, verb) }

// FormatError implements fmt.Formatter (Format) for v, a value of an error type l
// describes: %v, %s and %q print its Error() text (msg), as they would for any error;
// every other verb prints v.
func (l *Layout) FormatError(f fmt.State, verb rune, msg string, v any) {
	switch {
	case verb == 's', verb == 'v' && !f.Flag('+') && !f.Flag('#'):
		fmt.Fprint(f, msg)
	case verb == 'q':
		fmt.Fprint(f, strconv.Quote(msg))
	default:
		l.describe(v).Format(f, verb)
	}
}

// String prints v as %+v does.
func (l *Layout) String(v any) string { return fmt.Sprintf("%+v", l.describe(v)) }

// GoString prints v as %#v does: Go syntax with sensitive values replaced.
func (l *Layout) GoString(v any) string { return l.describe(v).GoString() }

// JSON implements json.Marshaler (MarshalJSON) for v: a JSON object of its set
// fields, sensitive values replaced by Placeholder; a type sensitive as a whole is the
// string Placeholder.
func (l *Layout) JSON(v any) ([]byte, error) { return l.describe(v).MarshalJSON() }

// LogValue implements slog.LogValuer for v: a group of its fields, sensitive ones
// replaced.
func (l *Layout) LogValue(v any) slog.Value { return l.describe(v).LogValue() }

// describe reads the fields of v, a structure or a pointer to one.
func (l *Layout) describe(v any) record {
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer && !rv.IsNil() {
		rv = rv.Elem()
	}
	if !rv.IsValid() {
		return record{Type: "<nil>", Sensitive: l.All}
	}
	s := record{Type: rv.Type().String(), Sensitive: l.All}
	if l.All || rv.Kind() != reflect.Struct {
		return s
	}
	t := rv.Type()
	s.Fields = make([]field, 0, t.NumField())
	for i := range t.NumField() {
		sf := t.Field(i)
		if !sf.IsExported() || slices.Contains(l.Hidden, i) {
			continue
		}
		fl := field{Name: sf.Name}
		fv := rv.Field(i)
		switch {
		case slices.Contains(l.Sensitive, i):
			fl.Sensitive = true
		case fv.Kind() != reflect.Pointer || slices.Contains(l.Pointers, i):
			fl.Value = fv.Interface()
		case fv.IsNil():
			fl.Unset = true
		default:
			fl.Value = fv.Elem().Interface()
		}
		s.Fields = append(s.Fields, fl)
	}
	return s
}

// field is one field of a structure to print.
type field struct {
	Name      string
	Value     any
	Sensitive bool
	// Unset marks a nil pointer, printed as <nil>.
	Unset bool
}

// record is a structure to print: its Go type name ("types.Credentials") and fields.
type record struct {
	Type string
	// Sensitive hides the whole value.
	Sensitive bool
	Fields    []field
}

// Format implements fmt.Formatter for s: the verb and its flags apply to each field.
func (s record) Format(f fmt.State, verb rune) {
	if s.Sensitive {
		if verb == 'q' || verb == 'v' && f.Flag('#') {
			fmt.Fprint(f, strconv.Quote(Placeholder))
			return
		}
		fmt.Fprint(f, Placeholder)
		return
	}
	if verb == 'v' && f.Flag('#') {
		fmt.Fprint(f, s.GoString())
		return
	}
	format := fmt.FormatString(f, verb)
	plus := verb == 'v' && f.Flag('+')
	var b strings.Builder
	b.WriteByte('{')
	for i, fl := range s.Fields {
		if i > 0 {
			b.WriteByte(' ')
		}
		if plus {
			b.WriteString(fl.Name)
			b.WriteByte(':')
		}
		switch {
		case fl.Sensitive:
			b.WriteString(Placeholder)
		case fl.Unset:
			b.WriteString("<nil>")
		default:
			fmt.Fprintf(&b, format, fl.Value)
		}
	}
	b.WriteByte('}')
	fmt.Fprint(f, b.String())
}

// GoString prints s as %#v does: Go syntax with sensitive values replaced.
func (s record) GoString() string {
	if s.Sensitive {
		return strconv.Quote(Placeholder)
	}
	var b strings.Builder
	b.WriteString(s.Type)
	b.WriteByte('{')
	for i, fl := range s.Fields {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(fl.Name)
		b.WriteByte(':')
		switch {
		case fl.Sensitive:
			b.WriteString(strconv.Quote(Placeholder))
		case fl.Unset:
			b.WriteString("nil")
		default:
			fmt.Fprintf(&b, "%#v", fl.Value)
		}
	}
	b.WriteByte('}')
	return b.String()
}

// MarshalJSON describes s as a JSON object of its set fields, sensitive values
// replaced by Placeholder; a sensitive structure is the string Placeholder.
func (s record) MarshalJSON() ([]byte, error) {
	if s.Sensitive {
		return json.Marshal(Placeholder)
	}
	var b bytes.Buffer
	b.WriteByte('{')
	first := true
	for _, fl := range s.Fields {
		if fl.Unset {
			continue
		}
		if !first {
			b.WriteByte(',')
		}
		first = false
		name, err := json.Marshal(fl.Name)
		if err != nil {
			return nil, err
		}
		b.Write(name)
		b.WriteByte(':')
		value := any(Placeholder)
		if !fl.Sensitive {
			value = fl.Value
		}
		v, err := json.Marshal(value)
		if err != nil {
			return nil, fmt.Errorf("redact: field %s: %w", fl.Name, err)
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// LogValue implements slog.LogValuer: a group of the fields, sensitive ones replaced.
func (s record) LogValue() slog.Value {
	if s.Sensitive {
		return slog.StringValue(Placeholder)
	}
	attrs := make([]slog.Attr, 0, len(s.Fields))
	for _, fl := range s.Fields {
		switch {
		case fl.Sensitive:
			attrs = append(attrs, slog.String(fl.Name, Placeholder))
		case fl.Unset:
		default:
			attrs = append(attrs, slog.Any(fl.Name, fl.Value))
		}
	}
	return slog.GroupValue(attrs...)
}
