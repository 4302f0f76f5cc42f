package emit

import (
	"strings"
	"unicode/utf8"

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
		if isEventStream(m) {
			return eventStreamType(g.typesPath, sh)
		}
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
//
// The lines go to jennifer as one raw comment ("// a\n// b"): comment by comment,
// jennifer would end each line with a space, and gofmt reads a link definition
// ("[text]: URL") that ends with a space as text, so one pass of gofmt would not give
// the same comment as two.
func docComment(text string) *jen.Statement {
	if strings.TrimSpace(text) == "" {
		return jen.Null()
	}
	return jen.Comment(commentLines(text))
}

// fieldDoc is docComment for a struct field: the field follows on the next line.
func fieldDoc(text string) *jen.Statement {
	if strings.TrimSpace(text) == "" {
		return jen.Null()
	}
	return jen.Comment(commentLines(text) + "\n")
}

// commentLines turns godoc text into // lines, wrapped at 80 columns.
func commentLines(text string) string {
	wrapped := wrap(text, 80)
	var b strings.Builder
	b.Grow(len(wrapped) + 4*strings.Count(wrapped, "\n") + 4)
	for i, line := range strings.Split(wrapped, "\n") {
		if i > 0 {
			b.WriteByte('\n')
		}
		if line == "" {
			b.WriteString("//")
			continue
		}
		b.WriteString("// ")
		b.WriteString(line)
	}
	return b.String()
}

// typeDoc is the doc of a declared type, starting with its name as godoc expects.
func typeDoc(name, doc, fallback string) string {
	if doc == "" {
		return name + " " + fallback
	}
	return doc
}

// wrap fills the paragraphs of text to width columns: the lines of a paragraph are
// joined and broken again at spaces, so a line break written in the source text
// and a break made by the width never leave a word alone on a line. Lines that a
// break would change stay whole and end a paragraph: blank and indented ones
// (lists, code), link definitions ("[text]: URL") and headings ("# Title").
func wrap(text string, width int) string {
	if len(text) <= width && strings.IndexByte(text, '\n') < 0 {
		return text
	}
	var b strings.Builder
	b.Grow(len(text) + len(text)/width + 1)
	var para []string // words of the paragraph being filled
	flush := func() {
		n := 0 // columns on the output line so far
		for _, w := range unbreakable(para) {
			cols := utf8.RuneCountInString(w) // "–" is one column, three bytes
			if n > 0 && n+1+cols > width {
				b.WriteByte('\n')
				n = 0
			}
			if n > 0 {
				b.WriteByte(' ')
				n++
			}
			b.WriteString(w)
			n += cols
		}
		para = para[:0]
	}
	lines := strings.Split(text, "\n")
	for i, line := range lines {
		if len(para) == 0 && filled(lines[i:], width) {
			// already as the fill below would break it: copied (most model
			// docs, which generator/docs wraps at the same width)
			if i > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(line)
			continue
		}
		if line == "" || line[0] == ' ' || line[0] == '\t' || line[0] == '#' || isLinkDef(line) {
			if len(para) > 0 {
				flush()
				b.WriteByte('\n')
			} else if i > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(line)
			continue
		}
		if len(para) == 0 && i > 0 {
			b.WriteByte('\n')
		}
		para = append(para, strings.Fields(line)...)
	}
	if len(para) > 0 {
		flush()
	}
	return b.String()
}

// filled reports whether lines[0], a plain line that starts a paragraph or follows
// one that wrap kept, is as wrap's fill would write it: at most width columns,
// words separated by single spaces, no link text left open, and the paragraph's
// next line, if any, starting with a word too long to have fitted after it.
func filled(lines []string, width int) bool {
	line := lines[0]
	if line == "" || line[0] == ' ' || line[0] == '\t' || line[0] == '#' || isLinkDef(line) {
		return false // not a paragraph line: handled as one that stays whole
	}
	n := utf8.RuneCountInString(line)
	if n > width || line[len(line)-1] == ' ' || strings.Contains(line, "  ") || strings.ContainsAny(line, "\t") {
		return false
	}
	if i := strings.LastIndexByte(line, '['); i >= 0 && !strings.Contains(line[i:], "]") {
		return false
	}
	if len(lines) == 1 {
		return true
	}
	next := lines[1]
	if next == "" || next[0] == ' ' || next[0] == '\t' || next[0] == '#' || isLinkDef(next) {
		return true // the paragraph ends here
	}
	first, _, _ := strings.Cut(next, " ")
	if strings.Contains(first, "[") && !strings.Contains(first, "]") {
		return false
	}
	return n+1+utf8.RuneCountInString(first) > width
}

// unbreakable joins the words of a doc link's text ("[IAM", "roles]") into one, so
// that wrapping never splits a link: godoc would no longer see it.
func unbreakable(words []string) []string {
	out := words[:0]
	open := false
	for _, w := range words {
		if open {
			out[len(out)-1] += " " + w
		} else {
			out = append(out, w)
		}
		if i := strings.LastIndexByte(w, '['); i >= 0 && !strings.Contains(w[i:], "]") {
			open = true
		} else if strings.Contains(w, "]") {
			open = false
		}
	}
	return out
}

// isLinkDef reports a godoc link definition: "[text]: URL".
func isLinkDef(line string) bool {
	if !strings.HasPrefix(line, "[") {
		return false
	}
	end := strings.Index(line, "]:")
	if end < 2 {
		return false
	}
	url, ok := strings.CutPrefix(line[end+2:], " ")
	return ok && url != "" && !strings.ContainsAny(url, " \t")
}
