package emit

import (
	"slices"
	"strconv"

	"github.com/dave/jennifer/jen"
	"github.com/svcgen/svcgen/generator/ir"
)

// The awsQuery protocol: requests are form-encoded POSTs to "/" (Action, Version and
// the input's members flattened into dotted keys), responses XML. Structures get an
// encoder and a decoder each in internal/serde (recursion needs them); lists and maps
// are written inline where a member holds one.

const (
	querywirePath = runtimePath + "/querywire"
	xmlwirePath   = runtimePath + "/xmlwire"
)

// xmlSerdeFile writes internal/serde for an awsQuery, ec2 or rest-xml service: the
// XML decoders of structures and unions, and their encoders, which encoders declares
// (the query form, or XML); form names them in the package doc.
func (g *gen) xmlSerdeFile(form string, encoders func(*serdeFiles, *ir.Shape)) {
	fs := g.newSerdeFiles("encodes the " + form + " of the " + g.svc.FullName + " API's types and decodes their XML. It appends and scans directly: no reflection.")
	for _, sh := range g.serde.order {
		encoders(fs, sh)
		f := fs.of("XMLDecode", sh)
		if f == nil {
			continue
		}
		switch sh.Kind {
		case ir.Union:
			g.xmlUnionDecoder(f, sh)
		case ir.Structure:
			fn := "XMLDecode" + g.serde.name[sh]
			f.Func().Id(fn).Params(jen.Id("d").Op("*").Qual(xmlwirePath, "Decoder"), jen.Id("v").Op("*").Qual(g.typesPath, sh.GoName)).Block(
				append(g.xmlAttrs(sh, jen.Id("v")), g.xmlStructLoop(sh, jen.Id("v"), "xmlNames"+g.serde.name[sh], fn)...)...,
			)
			f.Line()
			g.flushXMLTables(f)
		}
	}
	fs.render()
}

// queryEncodeFuncs declares Query<Name>, the awsQuery form encoder of structure or
// union sh: a union's one member set, under the member's name.
func (g *gen) queryEncodeFuncs(f *jen.File, sh *ir.Shape) {
	name := g.serde.name[sh]
	switch sh.Kind {
	case ir.Structure:
		var enc []jen.Code
		for _, m := range sh.Members {
			enc = append(enc, g.queryMember(m, jen.Id("v").Dot(m.GoName), jen.Id("prefix"))...)
		}
		f.Func().Id("Query"+name).Params(jen.Id("f").Op("*").Qual(querywirePath, "Form"), jen.Id("prefix").String(), jen.Id("v").Op("*").Qual(g.typesPath, sh.GoName)).Block(enc...)
		f.Line()
	case ir.Union:
		var enc []jen.Code
		for _, m := range sh.Members {
			key := jen.Qual(querywirePath, "Key").Call(jen.Id("prefix"), jen.Lit(g.queryName(m)))
			enc = append(enc, jen.Case(jen.Op("*").Qual(g.typesPath, m.VariantGoName)).Block(g.queryValue(m, jen.Id("u").Dot("Value"), key, 0)...))
		}
		if enc != nil {
			f.Func().Id("Query"+name).Params(jen.Id("f").Op("*").Qual(querywirePath, "Form"), jen.Id("prefix").String(), jen.Id("v").Qual(g.typesPath, sh.GoName)).Block(
				jen.Switch(jen.Id("u").Op(":=").Id("v").Assert(jen.Type())).Block(enc...),
			)
			f.Line()
		}
	}
}

// xmlUnionDecoder declares XMLDecode<Name> of union sh: the member its one child names.
func (g *gen) xmlUnionDecoder(f *jen.File, sh *ir.Shape) {
	var cases []xmlCase
	for _, m := range sh.Members {
		cases = append(cases, xmlCase{[]string{m.WireName}, append(append([]jen.Code{jen.Id("u").Op(":=").Op("&").Qual(g.typesPath, m.VariantGoName).Values()},
			g.xmlValue(m, jen.Id("u").Dot("Value"), 1)...),
			jen.Id("v").Op("=").Id("u"))})
	}
	fn := "XMLDecode" + g.serde.name[sh]
	f.Func().Id(fn).Params(jen.Id("d").Op("*").Qual(xmlwirePath, "Decoder")).Params(jen.Id("v").Qual(g.typesPath, sh.GoName)).Block(
		append(g.xmlMemberLoop(cases, "xmlNames"+g.serde.name[sh], fn), jen.Return())...,
	)
	f.Line()
	g.flushXMLTables(f)
}

func (g *gen) querySerializer(f *jen.File, op *ir.Operation) {
	r := jen.Id("r")
	body := g.fillIdempotencyTokens(op.Input)
	body = append(body,
		r.Clone().Dot("Method").Op("=").Lit("POST"),
		r.Clone().Dot("AppendPath").Call(jen.Lit("/")),
		jen.Id("f").Op(":=").Op("&").Qual(querywirePath, "Form").Values(),
		jen.Id("f").Dot("Add").Call(jen.Lit("Action"), jen.Lit(op.Name)),
		jen.Id("f").Dot("Add").Call(jen.Lit("Version"), jen.Lit(g.svc.APIVersion)),
	)
	for _, m := range op.Input.Members {
		body = append(body, g.queryMember(m, jen.Id("v").Dot(m.GoName), nil)...)
	}
	body = append(body,
		r.Clone().Dot("Body").Op("=").Id("f").Dot("Bytes").Call(),
		r.Clone().Dot("SetHeader").Call(jen.Lit("Content-Type"), jen.Lit("application/x-www-form-urlencoded")),
	)
	if op.HostPrefix != "" {
		body = append(body, r.Clone().Dot("HostPrefix").Op("=").Add(g.hostPrefix(op)))
	}
	body = append(body, jen.Return(jen.Nil()))
	f.Func().Id("serialize"+op.GoName).Params(jen.Id("r").Op("*").Qual(clientRTPath, "Request"), jen.Id("v").Op("*").Id(op.Input.GoName)).Error().Block(body...)
	f.Line()
}

// queryMember writes member m of a structure, held at x, under prefix, when it is set.
// prefix is nil at the top level.
func (g *gen) queryMember(m *ir.Member, x *jen.Statement, prefix jen.Code) []jen.Code {
	if m.Shape.Kind == ir.Document {
		return nil // not in the awsQuery protocol
	}
	var key jen.Code = jen.Lit(g.queryName(m))
	if prefix != nil {
		key = jen.Qual(querywirePath, "Key").Call(prefix, key)
	}
	write := g.queryValue(m, x, key, 0)
	if t := setTest(m, x); t != nil {
		return []jen.Code{jen.If(t).Block(write...)}
	}
	return write
}

// queryName is the key of member m in a request: its name or locationName (ec2: its
// queryName, which resolve fills for every member).
func (g *gen) queryName(m *ir.Member) string {
	if g.svc.EC2() && m.QueryName != "" {
		return m.QueryName
	}
	return m.WireName
}

// queryValue writes the value of m held at x (dereferenced as needed) under key.
func (g *gen) queryValue(m *ir.Member, x *jen.Statement, key jen.Code, depth int) []jen.Code {
	f := jen.Id("f")
	sh := m.Shape
	i, e, p := jen.Id("i"+strconv.Itoa(depth)), jen.Id("e"+strconv.Itoa(depth)), jen.Id("p"+strconv.Itoa(depth))
	switch sh.Kind {
	case ir.Structure:
		ptr := x.Clone()
		if !m.Pointer {
			ptr = jen.Op("&").Add(x.Clone())
		}
		return []jen.Code{g.serdeRef("Query", sh).Call(f, key, ptr)}
	case ir.List:
		el := sh.Elem
		var list jen.Code
		switch {
		case g.svc.EC2():
			list = key // ec2: "Name.1", and an empty list is not sent
		case m.Flattened || sh.Flattened:
			list = key
			if el.LocationName != "" {
				list = jen.Qual(querywirePath, "Rename").Call(key, jen.Lit(el.LocationName))
			}
		default:
			name := "member"
			if el.LocationName != "" {
				name = el.LocationName
			}
			list = jen.Qual(querywirePath, "Key").Call(key, jen.Lit(name))
		}
		elem := g.queryValue(el, e.Clone(), p.Clone(), depth+1)
		if len(elem) == 0 {
			return nil // elements awsQuery has no form for
		}
		if el.Pointer {
			elem = []jen.Code{jen.If(e.Clone().Op("!=").Nil()).Block(elem...)}
		}
		loop := []jen.Code{
			jen.Id("list" + strconv.Itoa(depth)).Op(":=").Add(list),
			jen.For(jen.List(i.Clone(), e.Clone()).Op(":=").Range().Add(x.Clone())).Block(
				append([]jen.Code{p.Clone().Op(":=").Qual(querywirePath, "Index").Call(jen.Id("list"+strconv.Itoa(depth)), i.Clone())}, elem...)...,
			),
		}
		if g.svc.EC2() {
			return []jen.Code{jen.Block(loop...)}
		}
		return []jen.Code{jen.If(jen.Len(x.Clone()).Op("==").Lit(0)).Block(
			f.Clone().Dot("Add").Call(key, jen.Lit("")),
		).Else().Block(loop...)}
	case ir.Map:
		entries, keyName, valueName := queryMapForm(m, sh, key)
		k := jen.Id("k" + strconv.Itoa(depth))
		val := g.queryValue(sh.Value, e.Clone(), jen.Qual(querywirePath, "Key").Call(p.Clone(), jen.Lit(valueName)), depth+1)
		if len(val) == 0 {
			return nil // values awsQuery has no form for
		}
		if sh.Value.Pointer {
			val = []jen.Code{jen.If(e.Clone().Op("!=").Nil()).Block(val...)}
		}
		return []jen.Code{
			jen.Id("entries" + strconv.Itoa(depth)).Op(":=").Add(entries),
			jen.For(jen.List(i.Clone(), k.Clone()).Op(":=").Range().Qual(jsonwirePath, "SortedKeys").Call(x.Clone(), jen.Nil())).Block(
				append([]jen.Code{
					e.Clone().Op(":=").Add(x.Clone()).Index(k.Clone()),
					p.Clone().Op(":=").Qual(querywirePath, "Index").Call(jen.Id("entries"+strconv.Itoa(depth)), i.Clone()),
					f.Clone().Dot("Add").Call(jen.Qual(querywirePath, "Key").Call(p.Clone(), jen.Lit(keyName)), jen.String().Parens(k.Clone())),
				}, val...)...,
			),
		}
	case ir.Union:
		return []jen.Code{g.serdeRef("Query", sh).Call(f, key, x.Clone())}
	case ir.Document:
		return nil
	}
	return []jen.Code{f.Clone().Dot("Add").Call(key, g.toString(m, deref(m, x)))}
}

// xmlStructLoop decodes the members of structure sh into v (a pointer) from the
// children of the current element, in function fn; table names the loop's table of
// element names, if it has one (see xmlMemberLoop).
func (g *gen) xmlStructLoop(sh *ir.Shape, v *jen.Statement, table, fn string) []jen.Code {
	return g.xmlStructLoopIn(sh, v, "", table, fn)
}

// xmlStructLoopIn is xmlStructLoop where the members may be wrapped in the child
// element wrapper (an awsQuery response's {Operation}Result): the loop goes into it
// and reads its children as the members, and reads them from the current element
// when the response does not wrap them (older services and suites do not).
func (g *gen) xmlStructLoopIn(sh *ir.Shape, v *jen.Statement, wrapper, table, fn string) []jen.Code {
	var cases []xmlCase
	names := map[string]bool{}
	if wrapper != "" && !wireNameTaken(sh, wrapper) {
		names[wrapper] = true
		cases = append(cases, xmlCase{[]string{wrapper}, []jen.Code{jen.Continue()}})
	}
	for _, m := range sh.Members {
		if m.XMLAttribute || m.Shape.Kind == ir.Document {
			continue
		}
		x := v.Clone().Dot(m.GoName)
		flat := m.Flattened || m.Shape.Flattened
		if names[m.WireName] {
			continue // a second member of one name: the first reads it
		}
		switch {
		case flat && m.Shape.Kind == ir.List:
			// each element is named as the member is (Smithy's flattened lists, as
			// clients send them), or as the list's member names its elements (older
			// models, which botocore reads so): both are read
			el := m.Shape.Elem
			var elemNames []string
			for _, name := range []string{el.LocationName, m.WireName} {
				if name != "" && !names[name] {
					names[name] = true
					elemNames = append(elemNames, name)
				}
			}
			e := jen.Id("e")
			if len(elemNames) == 0 {
				continue
			}
			cases = append(cases, xmlCase{elemNames,
				append(append([]jen.Code{jen.Var().Add(e.Clone()).Add(g.typeOf(el))}, g.xmlValue(el, e.Clone(), 1)...),
					x.Clone().Op("=").Append(x.Clone(), e.Clone())),
			})
		case flat && m.Shape.Kind == ir.Map:
			names[m.WireName] = true
			cases = append(cases, xmlCase{[]string{m.WireName},
				append([]jen.Code{jen.If(x.Clone().Op("==").Nil()).Block(x.Clone().Op("=").Make(g.typeOf(m)))}, g.xmlMapEntry(m.Shape, x.Clone(), 1)...),
			})
		default:
			names[m.WireName] = true
			cases = append(cases, xmlCase{[]string{m.WireName}, g.xmlValue(m, x, 1)})
		}
	}
	if et := sh.Error; et != nil {
		// the message of an XML error is its Message element (or message), whatever
		// the member is called
		var keys []string
		for _, k := range []string{"Message", "message"} {
			if !names[k] {
				keys = append(keys, k)
			}
		}
		for _, m := range sh.Members {
			if len(keys) > 0 && m.GoName == et.MessageField && m.Shape.Kind == ir.String {
				cases = append(cases, xmlCase{keys, g.xmlValue(m, v.Clone().Dot(m.GoName), 1)})
			}
		}
		if len(keys) > 0 && et.MessageSynthetic {
			cases = append(cases, xmlCase{keys, []jen.Code{jen.Id("s").Op(":=").Id("d").Dot("String").Call(), v.Clone().Dot(et.MessageField).Op("=").Op("&").Id("s")}})
		}
	}
	return g.xmlMemberLoop(cases, table, fn)
}

// xmlCase is a case of the loop over the children of an element: the element names
// it reads and the code that reads one.
type xmlCase struct {
	names []string
	body  []jen.Code
}

// xmlTableMin is the fewest element names a loop finds in a table (xmlwire.Member)
// rather than with a switch on the name. A switch on a string compiles to a binary
// search of its own, about 20 bytes of code a name; a table costs a string header
// (16 bytes of data) and a jump table entry (8) a name: about as much. Measured on
// the ec2 DescribeInstances program (notes in the commit): tables from 4 names grow
// it by 0.8 kB, from 16 names (Instance, InstanceNetworkInterface) shrink it by
// 0.5 kB. Member does not copy the name (Next does), which is what a big
// structure's loop gains besides.
const xmlTableMin = 16

// xmlMemberLoop is the loop that reads the children of the current element, in
// function fn: the body of the case holding an element's name, a names listed once;
// other elements are skipped. With xmlTableMin names or more, the names are a sorted
// package-level table named table (declared by flushXMLTables) that Member searches,
// and the loop switches on the index; below, on the name.
func (g *gen) xmlMemberLoop(cases []xmlCase, table, fn string) []jen.Code {
	var all []string
	seen := map[string]bool{}
	for i, c := range cases {
		// a name in two cases is read by the first (as the emitters list them)
		c.names = slices.DeleteFunc(slices.Clone(c.names), func(n string) bool { return seen[n] })
		for _, n := range c.names {
			seen[n] = true
		}
		cases[i] = c
		all = append(all, c.names...)
	}
	d := jen.Id("d")
	if len(all) < xmlTableMin {
		var sw []jen.Code
		for _, c := range cases {
			var names []jen.Code
			for _, n := range c.names {
				names = append(names, jen.Lit(n))
			}
			sw = append(sw, jen.Case(names...).Block(c.body...))
		}
		sw = append(sw, jen.Default().Block(d.Clone().Dot("Skip").Call()))
		return []jen.Code{jen.For(jen.List(jen.Id("name"), jen.Id("ok")).Op(":=").Add(d.Clone()).Dot("Next").Call(), jen.Id("ok"), jen.List(jen.Id("name"), jen.Id("ok")).Op("=").Add(d.Clone()).Dot("Next").Call()).Block(
			jen.Switch(jen.Id("name")).Block(sw...),
		)}
	}
	slices.Sort(all)
	var lits []jen.Code
	for _, n := range all {
		lits = append(lits, jen.Lit(n))
	}
	g.xmlTables = append(g.xmlTables, jen.Commentf("%s are the element names %s reads, sorted: xmlwire.Member's table.", table, fn).Line().
		Var().Id(table).Op("=").Qual(xmlwirePath, "Names").Values(lits...))
	var sw []jen.Code
	for _, c := range cases {
		var idx []jen.Code
		for _, n := range c.names {
			i, _ := slices.BinarySearch(all, n)
			idx = append(idx, jen.Lit(i))
		}
		sw = append(sw, jen.Case(idx...).Block(c.body...))
	}
	sw = append(sw, jen.Default().Block(d.Clone().Dot("Skip").Call()))
	return []jen.Code{jen.For().Block(
		jen.List(jen.Id("i"), jen.Id("ok")).Op(":=").Add(d.Clone()).Dot("Member").Call(jen.Id(table)),
		jen.If(jen.Op("!").Id("ok")).Block(jen.Break()),
		jen.Switch(jen.Id("i")).Block(sw...),
	)}
}

// flushXMLTables declares in f the name tables of the decoders written since the
// last flush.
func (g *gen) flushXMLTables(f *jen.File) {
	for _, t := range g.xmlTables {
		f.Add(t)
		f.Line()
	}
	g.xmlTables = nil
}

// xmlPtrReaders are the xmlwire.Decoder methods that read a scalar into a new
// variable and return its address (an enum's is StringPtr's, converted).
var xmlPtrReaders = map[ir.Kind]string{
	ir.String: "StringPtr", ir.Enum: "StringPtr", ir.Boolean: "BoolPtr",
	ir.Byte: "Int8Ptr", ir.Short: "Int16Ptr", ir.Integer: "Int32Ptr", ir.Long: "Int64Ptr",
	ir.Float: "Float32Ptr", ir.Double: "Float64Ptr", ir.Timestamp: "TimePtr",
}

// xmlValue decodes the value of m into x from the current element.
func (g *gen) xmlValue(m *ir.Member, x *jen.Statement, depth int) []jen.Code {
	d := jen.Id("d")
	sh := m.Shape
	set := func(val jen.Code) []jen.Code {
		if m.Pointer {
			return []jen.Code{jen.Block(jen.Id("s").Op(":=").Add(val), x.Clone().Op("=").Op("&").Id("s"))}
		}
		return []jen.Code{x.Clone().Op("=").Add(val)}
	}
	// an optional scalar: one call that reads it and returns its address
	if ptr, ok := xmlPtrReaders[sh.Kind]; ok && m.Pointer {
		call := d.Clone().Dot(ptr).Call()
		switch sh.Kind {
		case ir.Enum:
			call = jen.Parens(jen.Op("*").Qual(g.typesPath, sh.GoName)).Call(call)
		case ir.Timestamp:
			call = d.Clone().Dot(ptr).Call(jen.Lit(m.TimestampFormat))
		}
		return []jen.Code{x.Clone().Op("=").Add(call)}
	}
	n := strconv.Itoa(depth)
	switch sh.Kind {
	case ir.String:
		return set(d.Clone().Dot("String").Call())
	case ir.Enum:
		return set(jen.Qual(g.typesPath, sh.GoName).Parens(d.Clone().Dot("String").Call()))
	case ir.Boolean:
		return set(d.Clone().Dot("Bool").Call())
	case ir.Byte:
		return set(jen.Int8().Parens(d.Clone().Dot("Int").Call(jen.Lit(8))))
	case ir.Short:
		return set(jen.Int16().Parens(d.Clone().Dot("Int").Call(jen.Lit(16))))
	case ir.Integer:
		return set(jen.Int32().Parens(d.Clone().Dot("Int").Call(jen.Lit(32))))
	case ir.Long:
		return set(d.Clone().Dot("Int").Call(jen.Lit(64)))
	case ir.Float:
		return set(jen.Float32().Parens(d.Clone().Dot("Float").Call(jen.Lit(32))))
	case ir.Double:
		return set(d.Clone().Dot("Float").Call(jen.Lit(64)))
	case ir.Timestamp:
		return set(d.Clone().Dot("Time").Call(jen.Lit(m.TimestampFormat)))
	case ir.Blob:
		return []jen.Code{x.Clone().Op("=").Add(d.Clone().Dot("Blob").Call())}
	case ir.BigInteger:
		return []jen.Code{x.Clone().Op("=").Add(d.Clone().Dot("BigInt").Call())}
	case ir.BigDecimal:
		return []jen.Code{x.Clone().Op("=").Add(d.Clone().Dot("BigFloat").Call())}
	case ir.Structure:
		decode := g.serdeRef("XMLDecode", sh)
		if m.Pointer {
			return []jen.Code{x.Clone().Op("=").Op("&").Qual(g.typesPath, sh.GoName).Values(), decode.Call(d, x.Clone())}
		}
		return []jen.Code{decode.Call(d, jen.Op("&").Add(x.Clone()))}
	case ir.List:
		el := sh.Elem
		name := "member"
		if el.LocationName != "" {
			name = el.LocationName
		}
		e := jen.Id("e" + n)
		return []jen.Code{
			jen.If(x.Clone().Op("==").Nil()).Block(x.Clone().Op("=").Add(g.typeOf(m)).Values()),
			jen.For(jen.List(jen.Id("name"+n), jen.Id("ok"+n)).Op(":=").Add(d.Clone()).Dot("Next").Call(), jen.Id("ok"+n), jen.List(jen.Id("name"+n), jen.Id("ok"+n)).Op("=").Add(d.Clone()).Dot("Next").Call()).Block(
				jen.If(jen.Id("name"+n).Op("!=").Lit(name)).Block(d.Clone().Dot("Skip").Call(), jen.Continue()),
				jen.Var().Add(e.Clone()).Add(g.typeOf(el)),
				jen.Block(g.xmlValue(el, e.Clone(), depth+1)...),
				x.Clone().Op("=").Append(x.Clone(), e.Clone()),
			),
		}
	case ir.Union:
		return []jen.Code{x.Clone().Op("=").Add(g.serdeRef("XMLDecode", sh)).Call(d)}
	case ir.Map:
		return []jen.Code{
			jen.If(x.Clone().Op("==").Nil()).Block(x.Clone().Op("=").Make(g.typeOf(m))),
			jen.For(jen.List(jen.Id("name"+n), jen.Id("ok"+n)).Op(":=").Add(d.Clone()).Dot("Next").Call(), jen.Id("ok"+n), jen.List(jen.Id("name"+n), jen.Id("ok"+n)).Op("=").Add(d.Clone()).Dot("Next").Call()).Block(
				append([]jen.Code{jen.If(jen.Id("name"+n).Op("!=").Lit("entry")).Block(d.Clone().Dot("Skip").Call(), jen.Continue())},
					g.xmlMapEntry(sh, x.Clone(), depth+1)...)...,
			),
		}
	}
	return []jen.Code{d.Clone().Dot("Skip").Call()}
}

// xmlMapEntry decodes one entry (its key and value children) of map sh into x.
func (g *gen) xmlMapEntry(sh *ir.Shape, x *jen.Statement, depth int) []jen.Code {
	d := jen.Id("d")
	n := strconv.Itoa(depth)
	keyName, valueName := "key", "value"
	if sh.Key.LocationName != "" {
		keyName = sh.Key.LocationName
	}
	if sh.Value.LocationName != "" {
		valueName = sh.Value.LocationName
	}
	k, e := jen.Id("k"+n), jen.Id("v"+n)
	return []jen.Code{
		jen.Var().Add(k.Clone()).Add(g.typeOf(sh.Key)),
		jen.Var().Add(e.Clone()).Add(g.typeOf(sh.Value)),
		jen.For(jen.List(jen.Id("kv"+n), jen.Id("kok"+n)).Op(":=").Add(d.Clone()).Dot("Next").Call(), jen.Id("kok"+n), jen.List(jen.Id("kv"+n), jen.Id("kok"+n)).Op("=").Add(d.Clone()).Dot("Next").Call()).Block(
			jen.Switch(jen.Id("kv"+n)).Block(
				jen.Case(jen.Lit(keyName)).Block(k.Clone().Op("=").Add(g.typeOf(sh.Key)).Parens(d.Clone().Dot("String").Call())),
				jen.Case(jen.Lit(valueName)).Block(g.xmlValue(sh.Value, e.Clone(), depth+1)...),
				jen.Default().Block(d.Clone().Dot("Skip").Call()),
			),
		),
		x.Clone().Index(k.Clone()).Op("=").Add(e.Clone()),
	}
}

// queryDeserializer declares deserialize<Op>: the output's members, inside the
// operation's result wrapper (none for ec2).
func (g *gen) queryDeserializer(f *jen.File, op *ir.Operation) {
	g.deserializerFunc(f, op, g.xmlResponseBody(op.Output, op.HTTP.ResultWrapper, "xmlNames"+op.GoName+"Response", "deserialize"+op.GoName))
	g.flushXMLTables(f)
}

// queryMapForm is how a map member m of shape sh sits under key in an awsQuery form:
// the prefix of its entries (key.entry.N, or key.N when flattened) and the names of an
// entry's key and value.
func queryMapForm(m *ir.Member, sh *ir.Shape, key jen.Code) (entries jen.Code, keyName, valueName string) {
	entries = key
	if !(m.Flattened || sh.Flattened) {
		entries = jen.Qual(querywirePath, "Key").Call(key, jen.Lit("entry"))
	}
	keyName, valueName = "key", "value"
	if sh.Key.LocationName != "" {
		keyName = sh.Key.LocationName
	}
	if sh.Value.LocationName != "" {
		valueName = sh.Value.LocationName
	}
	return entries, keyName, valueName
}
