package emit

import (
	"strconv"

	"github.com/dave/jennifer/jen"
	"github.com/svcgen/svcgen/generator/ir"
)

// The rest-xml protocol: the HTTP bindings of rest-json, with XML bodies. Structures
// and unions get an XML encoder (and the decoder query.go declares) in
// internal/serde; lists and maps are written inline.

// nsAttrs is the namespace declaration of an element, as xmlwire.Attr values: the
// member's xmlNamespace, else its shape's.
func nsAttrs(m *ir.Member, sh *ir.Shape) []jen.Code {
	ns := sh.XMLNamespace
	if m != nil && m.XMLNamespace != nil {
		ns = m.XMLNamespace
	}
	if ns == nil {
		return nil
	}
	name := "xmlns"
	if ns.Prefix != "" {
		name += ":" + ns.Prefix
	}
	return []jen.Code{jen.Qual(xmlwirePath, "Attr").Values(jen.Dict{jen.Id("Name"): jen.Lit(name), jen.Id("Value"): jen.Lit(ns.URI)})}
}

// xmlEncodeFuncs declares XMLEncode<Name> for structure or union sh: the element
// name with its attributes (the caller's namespace declaration, then the members
// bound to attributes), and its members as child elements.
func (g *gen) xmlEncodeFuncs(f *jen.File, sh *ir.Shape) {
	name := g.serde.name[sh]
	w := jen.Id("w")
	params := []jen.Code{jen.Id("w").Op("*").Qual(xmlwirePath, "Writer"), jen.Id("name").String()}
	var body []jen.Code
	switch sh.Kind {
	case ir.Structure:
		params = append(params, jen.Id("v").Op("*").Qual(g.typesPath, sh.GoName))
		body = g.xmlStructElement(sh, jen.Id("name"), jen.Id("ns"))
	case ir.Union:
		params = append(params, jen.Id("v").Qual(g.typesPath, sh.GoName))
		var cases []jen.Code
		for _, m := range sh.Members {
			cases = append(cases, jen.Case(jen.Op("*").Qual(g.typesPath, m.VariantGoName)).Block(g.xmlValueEncode(m, jen.Id("u").Dot("Value"), m.WireName, 0)...))
		}
		body = append(body,
			w.Clone().Dot("Start").Call(jen.Id("name"), jen.Id("ns").Op("...")),
			jen.Switch(jen.Id("u").Op(":=").Id("v").Assert(jen.Type())).Block(cases...),
			w.Clone().Dot("End").Call(jen.Id("name")),
		)
	default:
		return
	}
	params = append(params, jen.Id("ns").Op("...").Qual(xmlwirePath, "Attr"))
	f.Func().Id("XMLEncode" + name).Params(params...).Block(body...)
	f.Line()
}

// xmlStructElement writes structure sh, held at v (a pointer), as the element name
// (a Go expression): the attributes ns (a []xmlwire.Attr expression, or nil) and the
// members bound to attributes on the start tag, the other members inside.
func (g *gen) xmlStructElement(sh *ir.Shape, name, ns jen.Code) []jen.Code {
	w := jen.Id("w")
	attrs, children := g.xmlStructParts(sh)
	var body []jen.Code
	start := w.Clone().Dot("Start").Call(name)
	switch {
	case len(attrs) > 0:
		init := jen.Var().Id("attrs").Index().Qual(xmlwirePath, "Attr")
		if ns != nil {
			init = jen.Id("attrs").Op(":=").Add(ns)
		}
		body = append(append(body, init), attrs...)
		start = w.Clone().Dot("Start").Call(name, jen.Id("attrs").Op("..."))
	case ns != nil:
		start = w.Clone().Dot("Start").Call(name, jen.Add(ns).Op("..."))
	}
	body = append(body, start)
	body = append(body, children...)
	return append(body, w.Clone().Dot("End").Call(name))
}

// xmlStructChildren writes the members of structure sh, held at v (a pointer), as
// child elements of an element the caller writes (those bound to attributes are left
// out).
func (g *gen) xmlStructChildren(sh *ir.Shape) []jen.Code {
	_, children := g.xmlStructParts(sh)
	return children
}

// xmlStructParts are the statements that add the members of structure sh bound to
// attributes to attrs, and those that write the others as child elements.
func (g *gen) xmlStructParts(sh *ir.Shape) (attrs, children []jen.Code) {
	for _, m := range sh.Members {
		if m.Location != ir.InBody {
			continue
		}
		x := jen.Id("v").Dot(m.GoName)
		if m.XMLAttribute && m.Shape.Kind.IsScalar() {
			add := jen.Id("attrs").Op("=").Append(jen.Id("attrs"), jen.Qual(xmlwirePath, "Attr").Values(jen.Dict{jen.Id("Name"): jen.Lit(m.WireName), jen.Id("Value"): g.toString(m, deref(m, x.Clone()))}))
			if t := setTest(m, x.Clone()); t != nil {
				attrs = append(attrs, jen.If(t).Block(add))
			} else {
				attrs = append(attrs, add)
			}
			continue
		}
		children = append(children, g.xmlMember(m, x)...)
	}
	return attrs, children
}

// xmlMember writes member m of a structure, held at x, when it is set.
func (g *gen) xmlMember(m *ir.Member, x *jen.Statement) []jen.Code {
	if m.Shape.Kind == ir.Document {
		return nil
	}
	write := g.xmlValueEncode(m, x, m.WireName, 0)
	if t := setTest(m, x); t != nil {
		return []jen.Code{jen.If(t).Block(write...)}
	}
	return write
}

// xmlValueEncode writes the value of m held at x as the element name (for a
// flattened list or map, as a run of such elements).
func (g *gen) xmlValueEncode(m *ir.Member, x *jen.Statement, name string, depth int) []jen.Code {
	w := jen.Id("w")
	sh := m.Shape
	ns := nsAttrs(m, sh)
	n := strconv.Itoa(depth)
	e := jen.Id("e" + n)
	switch sh.Kind {
	case ir.Structure, ir.Union:
		arg := x.Clone()
		if sh.Kind == ir.Structure && !m.Pointer {
			arg = jen.Op("&").Add(x.Clone())
		}
		return []jen.Code{g.serdeRef("XMLEncode", sh).Call(append([]jen.Code{w, jen.Lit(name), arg}, ns...)...)}
	case ir.List:
		el := sh.Elem
		elName := "member"
		if el.LocationName != "" {
			elName = el.LocationName
		}
		elem := g.xmlValueEncode(el, e.Clone(), elName, depth+1)
		if m.Flattened || sh.Flattened {
			elem = g.xmlValueEncode(el, e.Clone(), name, depth+1)
		}
		if el.Pointer {
			elem = []jen.Code{jen.If(e.Clone().Op("!=").Nil()).Block(elem...)}
		}
		loop := jen.For(jen.List(jen.Id("_"), e.Clone()).Op(":=").Range().Add(x.Clone())).Block(elem...)
		if m.Flattened || sh.Flattened {
			return []jen.Code{loop}
		}
		return []jen.Code{w.Clone().Dot("Start").Call(append([]jen.Code{jen.Lit(name)}, ns...)...), loop, w.Clone().Dot("End").Call(jen.Lit(name))}
	case ir.Map:
		keyName, valueName := "key", "value"
		if sh.Key.LocationName != "" {
			keyName = sh.Key.LocationName
		}
		if sh.Value.LocationName != "" {
			valueName = sh.Value.LocationName
		}
		k := jen.Id("k" + n)
		val := g.xmlValueEncode(sh.Value, e.Clone(), valueName, depth+1)
		if sh.Value.Pointer {
			val = []jen.Code{jen.If(e.Clone().Op("!=").Nil()).Block(val...)}
		}
		// the namespace is the map element's: on each entry of a flattened map, on
		// the wrapping element otherwise
		entry, entryNS := "entry", []jen.Code(nil)
		if m.Flattened || sh.Flattened {
			entry, entryNS = name, ns
		}
		inner := append([]jen.Code{
			e.Clone().Op(":=").Add(x.Clone()).Index(k.Clone()),
			w.Clone().Dot("Start").Call(append([]jen.Code{jen.Lit(entry)}, entryNS...)...),
			w.Clone().Dot("Element").Call(append([]jen.Code{jen.Lit(keyName), jen.String().Parens(k.Clone())}, nsAttrs(sh.Key, sh.Key.Shape)...)...),
		}, val...)
		inner = append(inner, w.Clone().Dot("End").Call(jen.Lit(entry)))
		loop := jen.For(jen.List(jen.Id("_"), k.Clone()).Op(":=").Range().Qual(jsonwirePath, "SortedKeys").Call(x.Clone(), jen.Nil())).Block(inner...)
		if m.Flattened || sh.Flattened {
			return []jen.Code{loop}
		}
		return []jen.Code{w.Clone().Dot("Start").Call(append([]jen.Code{jen.Lit(name)}, ns...)...), loop, w.Clone().Dot("End").Call(jen.Lit(name))}
	case ir.Document:
		return nil
	}
	return []jen.Code{w.Clone().Dot("Element").Call(append([]jen.Code{jen.Lit(name), g.toString(m, deref(m, x))}, ns...)...)}
}

// xmlRequestBody writes the XML body of a rest-xml request: the structure or union
// payload, or the members bound to the body under the input's root element.
func (g *gen) xmlRequestBody(op *ir.Operation) []jen.Code {
	in := op.Input
	r := jen.Id("r")
	start := []jen.Code{jen.Id("w").Op(":=").Op("&").Qual(xmlwirePath, "Writer").Values()}
	end := []jen.Code{
		r.Clone().Dot("Body").Op("=").Id("w").Dot("Bytes").Call(),
		jen.If(jen.Id("r").Dot("Header").Dot("Get").Call(jen.Lit("Content-Type")).Op("==").Lit("")).Block(
			r.Clone().Dot("SetHeader").Call(jen.Lit("Content-Type"), jen.Lit("application/xml"))),
	}
	if p := in.Payload; p != nil {
		x := jen.Id("v").Dot(p.GoName)
		body := append(append(start, g.xmlValueEncode(p, x.Clone(), xmlElementName(p), 0)...), end...)
		return []jen.Code{jen.If(setTest(p, x.Clone())).Block(body...)}
	}
	if !hasBody(in) {
		return nil
	}
	root := in.XMLName
	if root == "" {
		root = in.Name
	}
	var ns jen.Code
	if attrs := nsAttrs(nil, in); attrs != nil {
		ns = jen.Index().Qual(xmlwirePath, "Attr").Values(attrs...)
	}
	body := append(start, g.xmlStructElement(in, jen.Lit(root), ns)...)
	return append(body, end...)
}

// xmlElementName is the element of a payload (or root value) member: its
// locationName, else its shape's XML name, else its shape's name.
func xmlElementName(p *ir.Member) string {
	name := p.LocationName
	if name == "" {
		name = p.Shape.XMLName
	}
	if name == "" {
		name = p.Shape.Name
	}
	return name
}

// xmlResponseEncode writes the XML body of a rest-xml response (a server's): the
// structure or union payload, the root value, or the members bound to the body under
// the output's root element.
func (g *gen) xmlResponseEncode(out *ir.Shape) []jen.Code {
	w := []jen.Code{jen.Id("w").Op(":=").Id("r").Dot("XML").Call()}
	p := out.Payload
	if p == nil {
		p = out.XMLRootValue
	}
	if p != nil {
		x := jen.Id("v").Dot(p.GoName)
		write := append(w, g.xmlValueEncode(p, x.Clone(), xmlElementName(p), 0)...)
		if t := setTest(p, x.Clone()); t != nil {
			return []jen.Code{jen.If(t).Block(write...)}
		}
		return write
	}
	root := out.XMLName
	if root == "" {
		root = out.Name
	}
	var ns jen.Code
	if attrs := nsAttrs(nil, out); attrs != nil {
		ns = jen.Index().Qual(xmlwirePath, "Attr").Values(attrs...)
	}
	return append(w, g.xmlStructElement(out, jen.Lit(root), ns)...)
}

// xmlResponseBody decodes the XML body of a response into v: the structure or union
// payload, or the members bound to the body, under the root element and, when wrapper
// is not empty, under its child wrapper (the awsQuery {Operation}Result), in function
// fn; table names the table of the members' element names, if there is one (see
// xmlMemberLoop; the caller declares it with flushXMLTables).
func (g *gen) xmlResponseBody(out *ir.Shape, wrapper, table, fn string) []jen.Code {
	d := jen.Id("d")
	start := []jen.Code{
		jen.If(jen.Len(jen.Id("body")).Op("==").Lit(0)).Block(jen.Return(jen.Nil())),
		d.Clone().Op(":=").Qual(xmlwirePath, "NewDecoder").Call(jen.Id("body")),
		jen.If(jen.List(jen.Id("_"), jen.Id("ok")).Op(":=").Add(d.Clone()).Dot("Next").Call(), jen.Op("!").Id("ok")).Block(jen.Return(d.Clone().Dot("Err").Call())),
	}
	p := out.Payload
	if p == nil {
		p = out.XMLRootValue
	}
	if p != nil {
		if wrapper != "" {
			start = append(start, jen.If(jen.Op("!").Add(d.Clone()).Dot("Enter").Call(jen.Lit(wrapper))).Block(jen.Return(d.Clone().Dot("Err").Call())))
		}
		body := append(start, g.xmlValue(p, jen.Id("v").Dot(p.GoName), 1)...)
		return append(body, jen.Return(d.Clone().Dot("Err").Call()))
	}
	body := append(start, g.xmlAttrs(out, jen.Id("v"))...)
	body = append(body, g.xmlStructLoopIn(out, jen.Id("v"), wrapper, table, fn)...)
	return append(body, jen.Return(d.Clone().Dot("Err").Call()))
}

// xmlAttrs reads the string members of sh bound to attributes of the current element.
func (g *gen) xmlAttrs(sh *ir.Shape, v *jen.Statement) []jen.Code {
	var out []jen.Code
	for _, m := range sh.Members {
		if !m.XMLAttribute || m.Shape.Kind != ir.String && m.Shape.Kind != ir.Enum {
			continue
		}
		val := jen.Id("s")
		if m.Shape.Kind == ir.Enum {
			val = jen.Qual(g.typesPath, m.Shape.GoName).Parens(jen.Id("s"))
		}
		x := v.Clone().Dot(m.GoName)
		set := x.Clone().Op("=").Add(val)
		if m.Pointer {
			set = jen.Block(jen.Id("a").Op(":=").Add(val), x.Clone().Op("=").Op("&").Id("a"))
		}
		out = append(out, jen.If(jen.List(jen.Id("s"), jen.Id("ok")).Op(":=").Id("d").Dot("Attr").Call(jen.Lit(m.WireName)), jen.Id("ok")).Block(set))
	}
	return out
}
