package emit

import (
	"strconv"

	"github.com/dave/jennifer/jen"
	"github.com/svcgen/svcgen/generator/ir"
)

// The server side of awsQuery and ec2: a request's form (querywire.Decoder) decoded
// into the input by the keys the client writes them under (query.go), the output
// written as XML (restxml.go's encoders) inside the <OpResponse> wrappers.

// queryDecodeFuncs declares QueryDecode<Name>, the form decoder of structure or union
// sh: a structure's members under prefix; the union member whose key the form has.
func (g *gen) queryDecodeFuncs(f *jen.File, sh *ir.Shape) {
	name := g.serde.name[sh]
	d := jen.Id("d").Op("*").Qual(querywirePath, "Decoder")
	switch sh.Kind {
	case ir.Structure:
		var dec []jen.Code
		for _, m := range sh.Members {
			if st := g.queryDecodeMember(m, jen.Id("v").Dot(m.GoName), jen.Id("prefix")); st != nil {
				dec = append(dec, st)
			}
		}
		f.Func().Id("QueryDecode"+name).Params(d, jen.Id("prefix").String(), jen.Id("v").Op("*").Qual(g.typesPath, sh.GoName)).Block(dec...)
		f.Line()
	case ir.Union:
		var dec []jen.Code
		for _, m := range sh.Members {
			key := jen.Qual(querywirePath, "Key").Call(jen.Id("prefix"), jen.Lit(g.queryName(m)))
			val := g.queryDecodeValue(m, jen.Id("u").Dot("Value"), key, 0)
			if val == nil {
				continue
			}
			dec = append(dec, jen.If(jen.Id("d").Dot("Has").Call(g.queryPresenceKey(m, key))).Block(
				append(append([]jen.Code{jen.Id("u").Op(":=").Op("&").Qual(g.typesPath, m.VariantGoName).Values()}, val...),
					jen.Return(jen.Id("u")))...))
		}
		dec = append(dec, jen.Return(jen.Nil()))
		f.Func().Id("QueryDecode"+name).Params(d, jen.Id("prefix").String()).Qual(g.typesPath, sh.GoName).Block(dec...)
		f.Line()
	}
}

// queryDecodeMember reads member m of a structure, into x, when the form has it; nil
// for a member the protocol has no form for. prefix is nil at the top level.
func (g *gen) queryDecodeMember(m *ir.Member, x *jen.Statement, prefix jen.Code) *jen.Statement {
	var key jen.Code = jen.Lit(g.queryName(m))
	if prefix != nil {
		key = jen.Qual(querywirePath, "Key").Call(prefix, key)
	}
	val := g.queryDecodeValue(m, x, key, 0)
	if val == nil {
		return nil
	}
	return jen.If(jen.Id("d").Dot("Has").Call(g.queryPresenceKey(m, key))).Block(val...)
}

// queryListKey is the key under which the elements of list member m, at key, are
// numbered (as queryValue writes them).
func (g *gen) queryListKey(m *ir.Member, key jen.Code) jen.Code {
	el := m.Shape.Elem
	switch {
	case g.svc.EC2():
		return key
	case m.Flattened || m.Shape.Flattened:
		if el.LocationName != "" {
			return jen.Qual(querywirePath, "Rename").Call(key, jen.Lit(el.LocationName))
		}
		return key
	}
	name := "member"
	if el.LocationName != "" {
		name = el.LocationName
	}
	return jen.Qual(querywirePath, "Key").Call(key, jen.Lit(name))
}

// queryPresenceKey is the key whose presence says that member m, at key, is in the
// form: its own, but for a flattened list whose elements are renamed (they are not
// below it) and an ec2 list.
func (g *gen) queryPresenceKey(m *ir.Member, key jen.Code) jen.Code {
	if m.Shape.Kind == ir.List && (g.svc.EC2() || m.Flattened || m.Shape.Flattened) {
		return g.queryListKey(m, key)
	}
	return key
}

// queryDecodeValue reads the value of m at key into x (a pointer made as needed);
// nil when the protocol has no form for it.
func (g *gen) queryDecodeValue(m *ir.Member, x *jen.Statement, key jen.Code, depth int) []jen.Code {
	d := jen.Id("d")
	sh := m.Shape
	n := strconv.Itoa(depth)
	set := func(val jen.Code) []jen.Code {
		if m.Pointer {
			return []jen.Code{jen.Block(jen.Id("s").Op(":=").Add(val), x.Clone().Op("=").Op("&").Id("s"))}
		}
		return []jen.Code{x.Clone().Op("=").Add(val)}
	}
	switch sh.Kind {
	case ir.String:
		return set(d.Clone().Dot("String").Call(key))
	case ir.Enum:
		return set(jen.Qual(g.typesPath, sh.GoName).Parens(d.Clone().Dot("String").Call(key)))
	case ir.Boolean:
		return set(d.Clone().Dot("Bool").Call(key))
	case ir.Byte:
		return set(jen.Int8().Parens(d.Clone().Dot("Int").Call(key, jen.Lit(8))))
	case ir.Short:
		return set(jen.Int16().Parens(d.Clone().Dot("Int").Call(key, jen.Lit(16))))
	case ir.Integer:
		return set(jen.Int32().Parens(d.Clone().Dot("Int").Call(key, jen.Lit(32))))
	case ir.Long:
		return set(d.Clone().Dot("Int").Call(key, jen.Lit(64)))
	case ir.Float:
		return set(jen.Float32().Parens(d.Clone().Dot("Float").Call(key, jen.Lit(32))))
	case ir.Double:
		return set(d.Clone().Dot("Float").Call(key, jen.Lit(64)))
	case ir.Timestamp:
		return set(d.Clone().Dot("Time").Call(key, jen.Lit(m.TimestampFormat)))
	case ir.Blob:
		return []jen.Code{x.Clone().Op("=").Add(d.Clone().Dot("Blob").Call(key))}
	case ir.BigInteger:
		return []jen.Code{x.Clone().Op("=").Add(d.Clone().Dot("BigInt").Call(key))}
	case ir.BigDecimal:
		return []jen.Code{x.Clone().Op("=").Add(d.Clone().Dot("BigFloat").Call(key))}
	case ir.Structure:
		decode := g.serdeRef("QueryDecode", sh)
		if m.Pointer {
			return []jen.Code{x.Clone().Op("=").Op("&").Qual(g.typesPath, sh.GoName).Values(), decode.Call(d, key, x.Clone())}
		}
		return []jen.Code{decode.Call(d, key, jen.Op("&").Add(x.Clone()))}
	case ir.Union:
		return []jen.Code{x.Clone().Op("=").Add(g.serdeRef("QueryDecode", sh)).Call(d, key)}
	case ir.List:
		el := sh.Elem
		e, p, list := jen.Id("e"+n), jen.Id("p"+n), jen.Id("list"+n)
		elem := g.queryDecodeValue(el, e.Clone(), p.Clone(), depth+1)
		if elem == nil {
			return nil
		}
		i := jen.Id("i" + n)
		return []jen.Code{
			list.Clone().Op(":=").Add(g.queryListKey(m, key)),
			x.Clone().Op("=").Add(g.typeOf(m)).Values(), // "Key=" is an empty list
			jen.For(i.Clone().Op(":=").Lit(0), d.Clone().Dot("Has").Call(jen.Qual(querywirePath, "Index").Call(list.Clone(), i.Clone())), i.Clone().Op("++")).Block(
				append([]jen.Code{
					p.Clone().Op(":=").Qual(querywirePath, "Index").Call(list.Clone(), i.Clone()),
					jen.Var().Add(e.Clone()).Add(g.typeOf(el)),
				}, append(elem, x.Clone().Op("=").Append(x.Clone(), e.Clone()))...)...,
			),
		}
	case ir.Map:
		entries, keyName, valueName := queryMapForm(m, sh, key)
		e, p, list, i := jen.Id("e"+n), jen.Id("p"+n), jen.Id("entries"+n), jen.Id("i"+n)
		val := g.queryDecodeValue(sh.Value, e.Clone(), jen.Qual(querywirePath, "Key").Call(p.Clone(), jen.Lit(valueName)), depth+1)
		if val == nil {
			return nil
		}
		return []jen.Code{
			list.Clone().Op(":=").Add(entries),
			x.Clone().Op("=").Make(g.typeOf(m)),
			jen.For(i.Clone().Op(":=").Lit(0), d.Clone().Dot("Has").Call(jen.Qual(querywirePath, "Index").Call(list.Clone(), i.Clone())), i.Clone().Op("++")).Block(
				append([]jen.Code{
					p.Clone().Op(":=").Qual(querywirePath, "Index").Call(list.Clone(), i.Clone()),
					jen.Var().Add(e.Clone()).Add(g.typeOf(sh.Value)),
				}, append(val, x.Clone().Index(g.typeOf(sh.Key).Parens(d.Clone().Dot("String").Call(jen.Qual(querywirePath, "Key").Call(p.Clone(), jen.Lit(keyName))))).Op("=").Add(e.Clone()))...)...,
			),
		}
	}
	return nil
}

// queryRequestDecoder declares decode<Op> of awsQuery and ec2: the input's members
// from the call's form; a required member held by value that the form lacks is noted.
func (g *gen) queryRequestDecoder(f *jen.File, op *ir.Operation) {
	in := op.Input
	body := []jen.Code{jen.Id("d").Op(":=").Id("c").Dot("Form").Call()}
	for _, m := range in.Members {
		st := g.queryDecodeMember(m, jen.Id("v").Dot(m.GoName), nil)
		if st == nil {
			continue
		}
		if requiredValue(m) {
			st = st.Else().Block(jen.Id("c").Dot("Missing").Call(jen.Lit(m.GoName)))
		}
		body = append(body, st)
	}
	body = append(body, jen.Return(jen.Id("d").Dot("Err").Call()))
	f.Func().Id("decode"+op.GoName).Params(jen.Id("c").Op("*").Qual(serverRTPath, "Call"), jen.Id("v").Op("*").Qual(g.cfg.ImportPath, in.GoName)).Error().Block(body...)
	f.Line()
}

// queryResponseEncoder declares encode<Op> of awsQuery and ec2: the output's members
// as XML in <OpResponse>, within <OpResult> (awsQuery's result wrapper; ec2 has
// none), and the request ID.
func (g *gen) queryResponseEncoder(f *jen.File, op *ir.Operation) {
	out := op.Output
	root := op.Name + "Response"
	body := []jen.Code{
		jen.Id("w").Op(":=").Id("r").Dot("XML").Call(),
		jen.Id("w").Dot("Start").Call(jen.Lit(root)),
	}
	if op.HTTP.ResultWrapper != "" {
		body = append(body, g.xmlStructElement(out, jen.Lit(op.HTTP.ResultWrapper), nil)...)
	} else {
		body = append(body, g.xmlStructChildren(out)...)
	}
	body = append(body,
		jen.Id("r").Dot("WriteResponseMetadata").Call(),
		jen.Id("w").Dot("End").Call(jen.Lit(root)),
	)
	f.Func().Id("encode"+op.GoName).Params(jen.Id("r").Op("*").Qual(serverRTPath, "Call"), jen.Id("v").Op("*").Qual(g.cfg.ImportPath, out.GoName)).Block(body...)
	f.Line()
}

// xmlErrorMembersFunc declares XMLErrorMembers<Name> for error shape sh: its members
// as children of the error element the server's runtime starts.
func (g *gen) xmlErrorMembersFunc(f *jen.File, sh *ir.Shape) {
	if sh.Kind != ir.Structure || sh.Error == nil {
		return
	}
	body := g.xmlStructChildren(sh)
	if sh.Error.MessageSynthetic && !wireNameTaken(sh, "Message") {
		// the message the error carries without a member for it
		x := jen.Id("v").Dot(sh.Error.MessageField)
		body = append(body, jen.If(x.Clone().Op("!=").Nil()).Block(jen.Id("w").Dot("Element").Call(jen.Lit("Message"), jen.Op("*").Add(x.Clone()))))
	}
	f.Func().Id("XMLErrorMembers"+g.serde.name[sh]).Params(jen.Id("w").Op("*").Qual(xmlwirePath, "Writer"), jen.Id("v").Op("*").Qual(g.typesPath, sh.GoName)).Block(body...)
	f.Line()
}

// xmlErrorWriter writes modeled error e, held in v, in an XML protocol: the error
// element the runtime starts (StartXMLError: status, fault, code), the header
// members, the error's members, the end with the request ID.
func (g *gen) xmlErrorWriter(e *ir.Shape, v string, headers []jen.Code) []jen.Code {
	fault := jen.Qual(smithyPath, "FaultClient")
	if e.Error.Fault == ir.FaultServer {
		fault = jen.Qual(smithyPath, "FaultServer")
	}
	out := []jen.Code{jen.Id("c").Dot("StartXMLError").Call(jen.Lit(e.Error.HTTPStatus), jen.Lit(e.Error.Code), fault)}
	out = append(out, headers...)
	return append(out,
		g.serdeRef("XMLErrorMembers", e).Call(jen.Id("c").Dot("XML").Call(), jen.Id(v)),
		jen.Id("c").Dot("EndXMLError").Call(),
	)
}
