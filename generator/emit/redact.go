package emit

import (
	"github.com/dave/jennifer/jen"
	"github.com/svcgen/svcgen/generator/ir"
)

// redactMethods routes every way of printing a type through its redacted description,
// so no fmt verb, String, GoString or slog shows a sensitive value.
//
//	func (v X) Format(f fmt.State, verb rune) { v.redacted().Format(f, verb) }
//	func (v X) String() string               { return v.redacted().String() }
//	func (v X) GoString() string             { return v.redacted().GoString() }
//	func (v X) LogValue() slog.Value         { return v.redacted().LogValue() }
//	func (v X) MarshalJSON() ([]byte, error) { return v.redacted().MarshalJSON() }
//	func (v X) redacted() redact.Struct      { return redact.Struct{...} }
//
// An error prints its Error() text under %v, %s and %q, as errors do, and its redacted
// fields under the other verbs:
//
//	func (v X) Format(f fmt.State, verb rune) { redact.FormatError(f, verb, v.Error(), v.redacted()) }
func (g *gen) redactMethods(f *jen.File, typeName string, description jen.Code, isError bool) {
	recv := jen.Id("v").Id(typeName)
	red := jen.Id("v").Dot("redacted").Call()
	if isError {
		f.Add(docComment("Format prints the error's text under %v, %s and %q, and v with its sensitive members redacted under every other verb."))
		f.Func().Params(recv).Id("Format").Params(jen.Id("f").Qual("fmt", "State"), jen.Id("verb").Rune()).Block(
			jen.Qual(redactPath, "FormatError").Call(jen.Id("f"), jen.Id("verb"), jen.Id("v").Dot("Error").Call(), red.Clone()),
		)
	} else {
		f.Add(docComment("Format prints v with its sensitive members redacted, under every verb."))
		f.Func().Params(recv).Id("Format").Params(jen.Id("f").Qual("fmt", "State"), jen.Id("verb").Rune()).Block(
			red.Clone().Dot("Format").Call(jen.Id("f"), jen.Id("verb")),
		)
	}
	f.Add(docComment("String prints v as %+v does, sensitive members redacted."))
	f.Func().Params(recv).Id("String").Params().String().Block(jen.Return(red.Clone().Dot("String").Call()))
	f.Add(docComment("GoString prints v as %#v does, sensitive members redacted."))
	f.Func().Params(recv).Id("GoString").Params().String().Block(jen.Return(red.Clone().Dot("GoString").Call()))
	f.Add(docComment("LogValue describes v to log/slog, sensitive members redacted."))
	f.Func().Params(recv).Id("LogValue").Params().Qual("log/slog", "Value").Block(jen.Return(red.Clone().Dot("LogValue").Call()))
	f.Add(docComment("MarshalJSON describes v to encoding/json (and so to slog's JSON handler, which marshals a slice or map of v), sensitive members redacted. The client's serializers do not use it."))
	f.Func().Params(recv).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(jen.Return(red.Clone().Dot("MarshalJSON").Call()))
	f.Func().Params(recv).Id("redacted").Params().Qual(redactPath, "Struct").Block(jen.Return(description))
	f.Line()
}

// redactedFields describes a structure's fields for printing.
func (g *gen) redactedFields(sh *ir.Shape) jen.Code {
	d := jen.Dict{jen.Id("Type"): jen.Lit(g.qualifiedName(sh))}
	if sh.Sensitive {
		d[jen.Id("Sensitive")] = jen.True()
		return jen.Qual(redactPath, "Struct").Values(d)
	}
	var fields []jen.Code
	for _, m := range sh.Members {
		fields = append(fields, g.redactField(m.GoName, jen.Id("v").Dot(m.GoName), m))
	}
	if sh.Error != nil && sh.Error.MessageSynthetic {
		fields = append(fields, jen.Qual(redactPath, "Opt").Call(jen.Lit(sh.Error.MessageField), jen.Id("v").Dot(sh.Error.MessageField)))
	}
	if sh.Error != nil && g.svc.QueryCompatible {
		fields = append(fields, jen.Qual(redactPath, "Opt").Call(jen.Lit("ErrorCodeOverride"), jen.Id("v").Dot("ErrorCodeOverride")))
	}
	d[jen.Id("Fields")] = jen.Index().Qual(redactPath, "Field").Values(fields...)
	return jen.Qual(redactPath, "Struct").Values(d)
}

// redactField describes one field: sensitive ones carry no value; optional scalars
// and structures are dereferenced so they print as values, not addresses.
func (g *gen) redactField(name string, value *jen.Statement, m *ir.Member) jen.Code {
	switch {
	case m.Sensitive:
		return jen.Values(jen.Dict{jen.Id("Name"): jen.Lit(name), jen.Id("Sensitive"): jen.True()})
	case m.Pointer:
		return jen.Qual(redactPath, "Opt").Call(jen.Lit(name), value)
	default:
		return jen.Values(jen.Dict{jen.Id("Name"): jen.Lit(name), jen.Id("Value"): value})
	}
}
