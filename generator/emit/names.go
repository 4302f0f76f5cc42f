package emit

import (
	"strings"

	"github.com/dave/jennifer/jen"
	"github.com/svcgen/svcgen/generator/ir"
)

// Import paths of the runtime packages that generated code uses.
const (
	runtimePath   = "github.com/svcgen/svcgen/runtime"
	validatePath  = runtimePath + "/validate"
	redactPath    = runtimePath + "/redact"
	documentPath  = runtimePath + "/document"
	smithyPath    = "github.com/aws/smithy-go"
	validatorsRel = "internal/validators"
)

// typeOf is the Go type of a member, as the IR decided it.
func (g *gen) typeOf(m *ir.Member) *jen.Statement {
	t := g.baseType(m.Shape, m)
	if m.Pointer {
		return jen.Op("*").Add(t)
	}
	return t
}

// baseType is the Go type of a shape without the member's pointer.
func (g *gen) baseType(sh *ir.Shape, m *ir.Member) *jen.Statement {
	switch sh.Kind {
	case ir.String:
		return jen.String()
	case ir.Enum, ir.Structure, ir.Union:
		return jen.Qual(g.typesPath, sh.GoName)
	case ir.Document:
		return jen.Qual(documentPath, "Value")
	case ir.Boolean:
		return jen.Bool()
	case ir.Byte:
		return jen.Int8()
	case ir.Short:
		return jen.Int16()
	case ir.Integer:
		return jen.Int32()
	case ir.Long:
		return jen.Int64()
	case ir.Float:
		return jen.Float32()
	case ir.Double:
		return jen.Float64()
	case ir.BigInteger:
		return jen.Op("*").Qual("math/big", "Int")
	case ir.BigDecimal:
		return jen.Op("*").Qual("math/big", "Float")
	case ir.Timestamp:
		return jen.Qual("time", "Time")
	case ir.Blob:
		if m != nil && m.Streaming {
			if m.Parent.IsInput {
				return jen.Qual("io", "Reader")
			}
			return jen.Qual("io", "ReadCloser")
		}
		return jen.Index().Byte()
	case ir.List:
		return jen.Index().Add(g.typeOf(sh.Elem))
	case ir.Map:
		return jen.Map(g.typeOf(sh.Key)).Add(g.typeOf(sh.Value))
	}
	panic("emit: unknown kind " + sh.Kind.String())
}

// qualifiedName is how a type prints in Go syntax (%#v): "types.X" or "eks.OpInput".
func (g *gen) qualifiedName(sh *ir.Shape) string {
	if sh.Package == ir.PackageRoot {
		return g.svc.Package + "." + sh.GoName
	}
	return "types." + sh.GoName
}

// docComment renders godoc text as a comment; empty text gives nothing.
func docComment(text string) *jen.Statement {
	st := jen.Null()
	if strings.TrimSpace(text) == "" {
		return st
	}
	// one // comment per line: jennifer would make a /* */ block of a multi-line one
	for i, line := range strings.Split(wrap(text, 80), "\n") {
		if i > 0 {
			st.Line()
		}
		st.Comment(line)
	}
	return st
}

// fieldDoc is docComment for a struct field: the field follows on the next line.
func fieldDoc(text string) *jen.Statement {
	if strings.TrimSpace(text) == "" {
		return jen.Null()
	}
	return docComment(text).Line()
}

// typeDoc is the doc of a declared type, starting with its name as godoc expects.
func typeDoc(name, doc, fallback string) string {
	if doc == "" {
		return name + " " + fallback
	}
	return doc
}

// wrap breaks lines longer than width at spaces; indented lines (lists, code) stay.
func wrap(text string, width int) string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		if len(line) <= width || strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t") {
			out = append(out, line)
			continue
		}
		cur := ""
		for _, w := range strings.Fields(line) {
			if cur != "" && len(cur)+1+len(w) > width {
				out = append(out, cur)
				cur = w
				continue
			}
			if cur != "" {
				cur += " "
			}
			cur += w
		}
		out = append(out, cur)
	}
	return strings.Join(out, "\n")
}
