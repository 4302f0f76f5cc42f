package emit

import (
	"strings"

	"github.com/dave/jennifer/jen"
	"github.com/svcgen/svcgen/generator/ir"
)

// redactMethods gives a type that holds anything sensitive its layout (which fields
// are sensitive) and routes every way of printing it through the runtime's printer,
// so no fmt verb, String, GoString, slog or encoding/json shows a sensitive value.
// The printer reads the fields with reflect: nothing here is per field.
//
//	var redactX = redact.Layout{Sensitive: []int{1}}
//	func (v X) Format(f fmt.State, verb rune) { redactX.FormatValue(f, verb, v) }
//	func (v X) String() string               { return redactX.String(v) }
//	func (v X) GoString() string             { return redactX.GoString(v) }
//	func (v X) LogValue() slog.Value         { return redactX.LogValue(v) }
//	func (v X) MarshalJSON() ([]byte, error) { return redactX.JSON(v) }
//
// An error prints its Error() text under %v, %s and %q, as errors do, and its redacted
// fields under the other verbs:
//
//	func (v X) Format(f fmt.State, verb rune) { redactX.FormatError(f, verb, v.Error(), v) }
func (g *gen) redactMethods(f *jen.File, typeName string, l layout, isError bool) {
	layoutVar := "redact" + typeName
	f.Add(docComment(l.doc(layoutVar, typeName)))
	f.Var().Id(layoutVar).Op("=").Add(l.code())
	recv := jen.Id("v").Id(typeName)
	lv := jen.Id(layoutVar)
	v := jen.Id("v")
	if isError {
		f.Add(docComment("Format prints the error's text under %v, %s and %q, and v with its sensitive members redacted under every other verb."))
		f.Func().Params(recv).Id("Format").Params(jen.Id("f").Qual("fmt", "State"), jen.Id("verb").Rune()).Block(
			lv.Clone().Dot("FormatError").Call(jen.Id("f"), jen.Id("verb"), jen.Id("v").Dot("Error").Call(), v.Clone()),
		)
	} else {
		f.Add(docComment("Format prints v with its sensitive members redacted, under every verb."))
		f.Func().Params(recv).Id("Format").Params(jen.Id("f").Qual("fmt", "State"), jen.Id("verb").Rune()).Block(
			lv.Clone().Dot("FormatValue").Call(jen.Id("f"), jen.Id("verb"), v.Clone()),
		)
	}
	f.Add(docComment("String prints v as %+v does, sensitive members redacted."))
	f.Func().Params(recv).Id("String").Params().String().Block(jen.Return(lv.Clone().Dot("String").Call(v.Clone())))
	f.Add(docComment("GoString prints v as %#v does, sensitive members redacted."))
	f.Func().Params(recv).Id("GoString").Params().String().Block(jen.Return(lv.Clone().Dot("GoString").Call(v.Clone())))
	f.Add(docComment("LogValue describes v to log/slog, sensitive members redacted."))
	f.Func().Params(recv).Id("LogValue").Params().Qual("log/slog", "Value").Block(jen.Return(lv.Clone().Dot("LogValue").Call(v.Clone())))
	f.Add(docComment("MarshalJSON describes v to encoding/json (and so to slog's JSON handler, which marshals a slice or map of v), sensitive members redacted. The client's serializers do not use it."))
	f.Func().Params(recv).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(jen.Return(lv.Clone().Dot("JSON").Call(v.Clone())))
	f.Line()
}

// layout is what a redact.Layout says of a type: its sensitive fields and the fields
// that do not print, by index and by name (for the documentation), or that the whole
// type is sensitive.
type layout struct {
	all                         bool
	sensitive, hidden, pointers []int
	sensitiveNames              []string
	hiddenNames                 []string
}

func (l layout) code() jen.Code {
	d := jen.Dict{}
	if l.all {
		d[jen.Id("All")] = jen.True()
	}
	ints := func(ns []int) jen.Code {
		var vs []jen.Code
		for _, n := range ns {
			vs = append(vs, jen.Lit(n))
		}
		return jen.Index().Int().Values(vs...)
	}
	if len(l.sensitive) > 0 {
		d[jen.Id("Sensitive")] = ints(l.sensitive)
	}
	if len(l.hidden) > 0 {
		d[jen.Id("Hidden")] = ints(l.hidden)
	}
	if len(l.pointers) > 0 {
		d[jen.Id("Pointers")] = ints(l.pointers)
	}
	return jen.Qual(redactPath, "Layout").Values(d)
}

func (l layout) doc(layoutVar, typeName string) string {
	var b strings.Builder
	b.WriteString(layoutVar + " says how " + typeName + " prints: ")
	switch {
	case l.all:
		b.WriteString("it is sensitive as a whole and prints as the placeholder.")
	case len(l.sensitiveNames) == 1:
		b.WriteString("its field " + l.sensitiveNames[0] + " is sensitive and prints as the placeholder.")
	case len(l.sensitiveNames) > 1:
		b.WriteString("its fields " + strings.Join(l.sensitiveNames, ", ") + " are sensitive and print as the placeholder.")
	default:
		b.WriteString("its fields print as they are, and sensitive values inside them as their own types say.")
	}
	if len(l.hiddenNames) > 0 {
		b.WriteString(" " + strings.Join(l.hiddenNames, ", ") + " (kept by the lock file) do not print.")
	}
	return b.String()
}

// structLayout is the layout of a structure as structType and opStruct declare it:
// its members, then the retired ones, then the fields an error adds.
func (g *gen) structLayout(sh *ir.Shape) layout {
	if sh.Sensitive {
		return layout{all: true}
	}
	var l layout
	for i, m := range sh.Members {
		if m.Sensitive {
			l.sensitive = append(l.sensitive, i)
			l.sensitiveNames = append(l.sensitiveNames, m.GoName)
		} else if heldByPointer(m) {
			l.pointers = append(l.pointers, i)
		}
	}
	for i, m := range sh.Retired {
		l.hidden = append(l.hidden, len(sh.Members)+i)
		l.hiddenNames = append(l.hiddenNames, m.GoName)
	}
	return l
}

// variantLayout is the layout of a union variant: its one field Value.
func variantLayout(m *ir.Member) layout {
	switch {
	case m.Sensitive:
		return layout{sensitive: []int{0}, sensitiveNames: []string{"Value"}}
	case heldByPointer(m):
		return layout{pointers: []int{0}}
	}
	return layout{}
}

// heldByPointer reports a member whose Go type is a pointer that is not its optional
// pointer (a required *big.Int or *big.Float): it prints as the pointer does, where
// an optional member's pointer prints as the value it points to.
func heldByPointer(m *ir.Member) bool {
	return !m.Pointer && (m.Shape.Kind == ir.BigInteger || m.Shape.Kind == ir.BigDecimal)
}
