// Package redact prints generated structures without their sensitive members.
//
// A generated type that holds anything sensitive lists its fields once (a Struct) and
// routes fmt (every verb, through Format), String, GoString, slog (LogValue) and
// encoding/json (MarshalJSON) here, so that no way of printing it shows a sensitive
// value: each prints Placeholder instead. encoding/json matters because slog's JSON
// handler marshals what it cannot resolve, such as a slice of these values. (Generated
// serializers write the wire format themselves and never use MarshalJSON.)
package redact

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
)

// Placeholder is what a sensitive value prints as.
const Placeholder = "*** sensitive ***"

// Field is one field of a structure to print.
type Field struct {
	Name      string
	Value     any
	Sensitive bool
	// Unset marks a nil pointer or absent value, printed as <nil>.
	Unset bool
}

// Struct is a structure to print: its Go type name ("types.Credentials") and fields.
type Struct struct {
	Type string
	// Sensitive hides the whole value.
	Sensitive bool
	Fields    []Field
}

// Opt describes an optional field held by pointer: its value is printed rather than
// its address, and a nil pointer prints as <nil>. It is not inlined: a type's
// redacted description calls it for each optional member, and a call is a fraction
// of the code of the inlined body.
//
//go:noinline
func Opt[T any](name string, p *T) Field {
	if p == nil {
		return Field{Name: name, Unset: true}
	}
	return Field{Name: name, Value: *p}
}

// Format implements fmt.Formatter for s: the verb and its flags apply to each field.
func (s Struct) Format(f fmt.State, verb rune) {
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

// FormatError implements fmt.Formatter for an error type that holds something
// sensitive: %v, %s and %q print its Error() text (msg), as they would for any error;
// every other verb prints s.
func FormatError(f fmt.State, verb rune, msg string, s Struct) {
	switch {
	case verb == 's', verb == 'v' && !f.Flag('+') && !f.Flag('#'):
		fmt.Fprint(f, msg)
	case verb == 'q':
		fmt.Fprint(f, strconv.Quote(msg))
	default:
		s.Format(f, verb)
	}
}

// String prints s as %+v does.
func (s Struct) String() string { return fmt.Sprintf("%+v", s) }

// GoString prints s as %#v does: Go syntax with sensitive values replaced.
func (s Struct) GoString() string {
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
func (s Struct) MarshalJSON() ([]byte, error) {
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
func (s Struct) LogValue() slog.Value {
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
