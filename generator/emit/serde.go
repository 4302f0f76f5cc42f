package emit

import (
	"sort"
	"strconv"

	"github.com/dave/jennifer/jen"
	"github.com/svcgen/svcgen/generator/ir"
)

const (
	jsonwirePath   = runtimePath + "/jsonwire"
	serdeRel       = "internal/serde"
	serverSerdeRel = "internal/serverserde"
)

// serdePlan names the JSON encoder and decoder of every shape that needs one: the
// structures, unions, lists and maps an operation's input, output or errors reach.
type serdePlan struct {
	name  map[*ir.Shape]string // suffix: Encode<name>, Decode<name>
	order []*ir.Shape
	// input marks the shapes an operation's input reaches, the inputs included: the
	// server decodes them, and notes the required members held by value that they lack
	// (see jsonwire.Decoder.MissingOf).
	input map[*ir.Shape]bool
	// missable marks the input shapes whose decoding can note an absent member: a
	// structure with a required member held by value, or a shape that holds one.
	missable map[*ir.Shape]bool
	// request marks the shapes requests carry (an input reaches them), response
	// those responses carry (an output or an error reaches them), events those an
	// event stream carries: they tell which side needs which function (serdeUse).
	request, response, events map[*ir.Shape]bool
}

func (g *gen) planSerde() *serdePlan {
	p := &serdePlan{name: map[*ir.Shape]string{}}
	seen := map[*ir.Shape]bool{}
	var visit func(*ir.Shape)
	visit = func(sh *ir.Shape) {
		if seen[sh] {
			return
		}
		seen[sh] = true
		switch sh.Kind {
		case ir.Structure, ir.Union, ir.List, ir.Map:
			p.order = append(p.order, sh)
		}
		for _, m := range sh.Children() {
			visit(m.Shape)
		}
	}
	for _, op := range g.svc.Operations {
		for _, sh := range []*ir.Shape{op.Input, op.Output} {
			for _, m := range sh.Members {
				visit(m.Shape)
			}
		}
	}
	for _, e := range g.svc.Errors {
		visit(e)
	}
	p.planMissing(g.svc.Operations)
	p.planSides(g)
	sort.Slice(p.order, func(i, j int) bool { return p.order[i].Name < p.order[j].Name })
	taken := map[string]bool{}
	for _, sh := range p.order {
		n := exportedName(sh)
		for taken[n] {
			n += "_"
		}
		taken[n] = true
		p.name[sh] = n
	}
	return p
}

// planSides fills request, response and events.
func (p *serdePlan) planSides(g *gen) {
	p.request, p.response, p.events = map[*ir.Shape]bool{}, map[*ir.Shape]bool{}, map[*ir.Shape]bool{}
	var mark func(set map[*ir.Shape]bool, sh *ir.Shape)
	mark = func(set map[*ir.Shape]bool, sh *ir.Shape) {
		if set[sh] {
			return
		}
		set[sh] = true
		for _, m := range sh.Children() {
			mark(set, m.Shape)
		}
	}
	for _, op := range g.svc.Operations {
		mark(p.request, op.Input)
		mark(p.response, op.Output)
	}
	for _, e := range g.svc.Errors {
		mark(p.response, e)
	}
	for _, sh := range g.eventStreamShapes() {
		mark(p.events, sh)
	}
}

// serdeUse tells whether the client and the server call the serde function
// prefix+name of sh. The client encodes requests and decodes responses, the server
// the reverse; the prefix names the form (Encode and Decode: JSON or CBOR, both ways;
// Query and QueryDecode: the awsQuery form of requests; XMLEncode and XMLDecode: XML,
// of responses only under awsQuery, both ways under rest-xml; XMLErrorMembers: the
// server's errors). The functions of event streams' shapes serve both sides.
func (g *gen) serdeUse(prefix string, sh *ir.Shape) (client, server bool) {
	req, resp := g.serde.request[sh], g.serde.response[sh]
	query := g.svc.AWSQuery()
	switch {
	case g.serde.events[sh]:
		return true, true
	case prefix == "Encode":
		return req, resp
	case prefix == "Decode":
		return resp, req
	case prefix == "Query":
		return req, false
	case prefix == "QueryDecode":
		return false, req
	case prefix == "XMLEncode" && query:
		return false, resp
	case prefix == "XMLEncode":
		return req, resp
	case prefix == "XMLDecode" && query:
		return resp, false
	case prefix == "XMLDecode":
		return resp, req
	case prefix == "XMLErrorMembers":
		return false, true
	}
	return true, true
}

// serdeHome is the import path of the package that declares the serde function
// prefix+name of sh, "" when the package generates no side that calls it. What the
// client calls is in internal/serde (the server calls it from there too); what only
// the server calls is in internal/serverserde, so that a program that uses the client
// alone never compiles the server's half (ec2's serde is twice as big with it).
func (g *gen) serdeHome(prefix string, sh *ir.Shape) string {
	client, server := g.serdeUse(prefix, sh)
	switch {
	case g.cfg.ServerOnly:
		if server {
			return g.serdePath
		}
	case client:
		return g.serdePath
	case server && g.hasServer() && !g.cfg.ClientOnly:
		return g.serverSerdePath()
	}
	return ""
}

// serverSerdePath is the import path of internal/serverserde.
func (g *gen) serverSerdePath() string { return g.cfg.ImportPath + "/" + serverSerdeRel }

// serdeRef refers to the serde function prefix+name of sh, in the package that
// declares it.
func (g *gen) serdeRef(prefix string, sh *ir.Shape) *jen.Statement {
	return jen.Qual(g.serdeHome(prefix, sh), prefix+g.serde.name[sh])
}

// serdeFiles holds the two files serde functions are declared in while they are
// written: internal/serde's and internal/serverserde's.
type serdeFiles struct {
	g              *gen
	client, server *jen.File
}

func (g *gen) newSerdeFiles(doc string) *serdeFiles {
	fs := &serdeFiles{g: g, client: g.newFile(g.serdePath, "serde")}
	fs.client.PackageComment("Package serde " + doc)
	if !g.cfg.ClientOnly && !g.cfg.ServerOnly && g.hasServer() {
		fs.server = g.newFile(g.serverSerdePath(), "serverserde")
		fs.server.PackageComment("Package serverserde " + doc + " It holds the functions only the server calls (the client's are in package serde, which the server calls too), so that a program that uses the client alone does not compile them.")
	}
	return fs
}

// of is the file that declares the serde function prefix+name of sh; nil when no side
// calls it.
func (fs *serdeFiles) of(prefix string, sh *ir.Shape) *jen.File {
	switch fs.g.serdeHome(prefix, sh) {
	case fs.g.serdePath:
		return fs.client
	case "":
		return nil
	}
	return fs.server
}

// render records internal/serde/serde.go and internal/serverserde/serde.go.
func (fs *serdeFiles) render() {
	fs.g.render(serdeRel+"/serde.go", fs.client)
	if fs.server != nil {
		fs.g.render(serverSerdeRel+"/serde.go", fs.server)
	}
}

// planMissing fills input and missable.
func (p *serdePlan) planMissing(ops []*ir.Operation) {
	p.input, p.missable = map[*ir.Shape]bool{}, map[*ir.Shape]bool{}
	var all []*ir.Shape
	var visit func(*ir.Shape)
	visit = func(sh *ir.Shape) {
		if p.input[sh] {
			return
		}
		p.input[sh] = true
		all = append(all, sh)
		for _, m := range sh.Children() {
			visit(m.Shape)
		}
	}
	for _, op := range ops {
		visit(op.Input)
	}
	for changed := true; changed; { // a fixed point, for recursive shapes
		changed = false
		for _, sh := range all {
			if p.missable[sh] {
				continue
			}
			found := len(requiredValues(sh)) > 0
			for _, m := range sh.Children() {
				found = found || p.missable[m.Shape]
			}
			if found {
				p.missable[sh] = true
				changed = true
			}
		}
	}
}

// requiredValues are the body members of a structure that are required and held by
// value: once decoded, an absent one is its zero value, so the decoder notes its
// absence.
func requiredValues(sh *ir.Shape) []*ir.Member {
	if sh.Kind != ir.Structure {
		return nil
	}
	var out []*ir.Member
	for _, m := range sh.Members {
		if m.Location == ir.InBody && requiredValue(m) {
			out = append(out, m)
		}
	}
	return out
}

// presence declares the bits of the required members held by value that a structure
// decoder sees (before its loop) and reports those it did not see (after it); both
// empty when sh is not an input shape or has no such member.
//
//	var seen uint64
//	...
//	if seen != 3 { d.MissingOf(seen, "Key", "Value") }
func (g *gen) presence(sh *ir.Shape) (decl, report []jen.Code) {
	if !g.serde.input[sh] {
		return nil, nil
	}
	req := requiredValues(sh)
	for w := 0; w*64 < len(req); w++ {
		word := req[w*64 : min(len(req), w*64+64)]
		v := seenVar(w)
		all := uint64(1)<<uint(len(word)) - 1
		if len(word) == 64 {
			all = ^uint64(0)
		}
		names := []jen.Code{jen.Id(v)}
		for _, m := range word {
			names = append(names, jen.Lit(m.Name))
		}
		decl = append(decl, jen.Var().Id(v).Uint64())
		report = append(report, jen.If(jen.Id(v).Op("!=").Op(hexLit(all))).Block(jen.Id("d").Dot("MissingOf").Call(names...)))
	}
	return decl, report
}

// hexLit is an untyped hexadecimal constant.
func hexLit(v uint64) string { return "0x" + strconv.FormatUint(v, 16) }

func seenVar(word int) string {
	if word == 0 {
		return "seen"
	}
	return "seen" + strconv.Itoa(word)
}

// seenBit is the statement that notes member m seen, nil when the decoder of its
// structure does not track it.
func (g *gen) seenBit(sh *ir.Shape, m *ir.Member) jen.Code {
	if !g.serde.input[sh] {
		return nil
	}
	for i, r := range requiredValues(sh) {
		if r == m {
			return jen.Id(seenVar(i / 64)).Op("|=").Op(hexLit(uint64(1) << uint(i%64)))
		}
	}
	return nil
}

// withinMissing wraps the decoding of a nested value so that the absent members it
// notes get the value's step (MissingIn, MissingAt or MissingAtKey) in front of their
// paths; decode alone when the value's shape notes none, or when its holder (parent)
// is not decoded by the server.
//
//	mark := d.MissingMark()
//	v.Tags = serde.DecodeTagList(d)
//	d.MissingIn(mark, "Tags")
func (g *gen) withinMissing(parent, sh *ir.Shape, decode jen.Code, step *jen.Statement) []jen.Code {
	if !g.serde.input[parent] || !g.serde.missable[sh] {
		return []jen.Code{decode}
	}
	return []jen.Code{
		jen.Id("mark").Op(":=").Id("d").Dot("MissingMark").Call(),
		decode,
		jen.Id("d").Add(step),
	}
}

// wire is the import path of the runtime package the serde functions write and read
// with: jsonwire, or the one the protocol sets in wirePath (cborwire).
func (g *gen) wire() string {
	if g.wirePath != "" {
		return g.wirePath
	}
	return jsonwirePath
}

// serdeFile writes internal/serde: one encoder and one decoder per structure, union,
// list and map, shared by the client and the server.
func (g *gen) serdeFile() {
	form := "JSON"
	if g.wirePath == cborwirePath {
		form = "CBOR"
	}
	fs := g.newSerdeFiles("encodes and decodes the " + form + " form of the " + g.svc.FullName + " API's types. It appends and scans bytes directly: no reflection.")
	for _, sh := range g.serde.order {
		if f := fs.of("Encode", sh); f != nil {
			g.encodeFunc(f, sh)
		}
		if f := fs.of("Decode", sh); f != nil {
			g.decodeFunc(f, sh)
		}
	}
	fs.render()
	g.eventStreamSerdeFile()
}

// encodeFunc declares Encode<Name>.
//
//	func EncodeX(w *jsonwire.Writer, v *types.X) { w.ObjectStart(); ...; w.ObjectEnd() }
func (g *gen) encodeFunc(f *jen.File, sh *ir.Shape) {
	w := jen.Id("w")
	var param jen.Code
	var body []jen.Code
	switch sh.Kind {
	case ir.Structure:
		param = jen.Op("*").Qual(g.typesPath, sh.GoName)
		body = append(body, w.Clone().Dot("ObjectStart").Call())
		for _, m := range sh.Members {
			if m.Location == ir.InBody {
				body = append(body, g.encodeMember(m, jen.Id("v").Dot(m.GoName))...)
			}
		}
		if sh.Error != nil && sh.Error.MessageSynthetic && !wireNameTaken(sh, "message") {
			x := jen.Id("v").Dot(sh.Error.MessageField)
			body = append(body, jen.If(x.Clone().Op("!=").Nil()).Block(w.Clone().Dot("Key").Call(jen.Lit("message")), w.Clone().Dot("String").Call(jen.Op("*").Add(x))))
		}
		body = append(body, w.Clone().Dot("ObjectEnd").Call())
	case ir.Union:
		param = jen.Qual(g.typesPath, sh.GoName)
		var cases []jen.Code
		for _, m := range sh.Members {
			cases = append(cases, jen.Case(jen.Op("*").Qual(g.typesPath, m.VariantGoName)).Block(
				append([]jen.Code{w.Clone().Dot("Key").Call(jen.Lit(m.WireName))}, g.encodeValue(m, jen.Id("u").Dot("Value"))...)...,
			))
		}
		cases = append(cases, jen.Case(jen.Op("*").Qual(g.typesPath, sh.UnknownGoName)).Block(
			w.Clone().Dot("Key").Call(jen.Id("u").Dot("Tag")),
			w.Clone().Dot("Raw").Call(jen.Id("u").Dot("Value")),
		))
		body = append(body,
			w.Clone().Dot("ObjectStart").Call(),
			jen.Switch(jen.Id("u").Op(":=").Id("v").Assert(jen.Type())).Block(cases...),
			w.Clone().Dot("ObjectEnd").Call(),
		)
	case ir.List:
		param = g.baseType(sh, nil)
		body = append(body,
			w.Clone().Dot("ArrayStart").Call(),
			jen.For(jen.List(jen.Id("_"), jen.Id("e")).Op(":=").Range().Id("v")).Block(g.encodeElem(sh.Elem, jen.Id("e"))...),
			w.Clone().Dot("ArrayEnd").Call(),
		)
	case ir.Map:
		param = g.baseType(sh, nil)
		// Keys in order, so a value always encodes to the same bytes.
		body = append(body,
			w.Clone().Dot("ObjectStart").Call(),
			jen.Var().Id("buf").Index(jen.Lit(16)).Add(g.typeOf(sh.Key)),
			jen.For(jen.List(jen.Id("_"), jen.Id("k")).Op(":=").Range().Qual(g.wire(), "SortedKeys").Call(jen.Id("v"), jen.Id("buf").Index(jen.Op(":").Lit(0)))).Block(
				append([]jen.Code{
					w.Clone().Dot("Key").Call(jen.String().Parens(jen.Id("k"))),
					jen.Id("e").Op(":=").Id("v").Index(jen.Id("k")),
				}, g.encodeElem(sh.Value, jen.Id("e"))...)...,
			),
			w.Clone().Dot("ObjectEnd").Call(),
		)
	}
	f.Func().Id("Encode"+g.serde.name[sh]).Params(jen.Id("w").Op("*").Qual(g.wire(), "Writer"), jen.Id("v").Add(param)).Block(body...)
	f.Line()
}

// encodeElem writes a list element or map value; a sparse collection's nil is null.
func (g *gen) encodeElem(m *ir.Member, x *jen.Statement) []jen.Code {
	if m.Pointer {
		return []jen.Code{jen.If(x.Clone().Op("==").Nil()).Block(jen.Id("w").Dot("Null").Call()).Else().Block(g.encodeValue(m, x)...)}
	}
	if m.Shape.Kind == ir.Union {
		return []jen.Code{jen.If(x.Clone().Op("==").Nil()).Block(jen.Id("w").Dot("Null").Call()).Else().Block(g.encodeValue(m, x)...)}
	}
	return g.encodeValue(m, x)
}

// encodeMember writes one body member when it is set: "key": value.
func (g *gen) encodeMember(m *ir.Member, x *jen.Statement) []jen.Code {
	write := append([]jen.Code{jen.Id("w").Dot("Key").Call(jen.Lit(m.WireName))}, g.encodeValue(m, x)...)
	if cond := setTest(m, x); cond != nil {
		return []jen.Code{jen.If(cond).Block(write...)}
	}
	return write
}

// setTest is the condition under which a member is sent; nil when it always is
// (required values).
func setTest(m *ir.Member, x *jen.Statement) *jen.Statement {
	k := m.Shape.Kind
	switch {
	case m.Pointer, k == ir.List, k == ir.Map, k == ir.Blob, k == ir.Union, k == ir.BigInteger, k == ir.BigDecimal:
		return x.Clone().Op("!=").Nil()
	case k == ir.Document:
		return jen.Op("!").Add(x.Clone()).Dot("IsZero").Call()
	case k == ir.Timestamp && !m.Required:
		return jen.Op("!").Add(x.Clone()).Dot("IsZero").Call()
	}
	return nil
}

// encodeValue writes a present value (x may be a pointer, dereferenced here).
func (g *gen) encodeValue(m *ir.Member, x *jen.Statement) []jen.Code {
	w := jen.Id("w")
	val := x.Clone()
	sh := m.Shape
	if m.Pointer && sh.Kind != ir.Structure && sh.Kind.IsScalar() {
		val = jen.Parens(jen.Op("*").Add(x.Clone()))
	}
	switch sh.Kind {
	case ir.String:
		return []jen.Code{w.Dot("String").Call(val)}
	case ir.Enum:
		return []jen.Code{w.Dot("String").Call(jen.String().Parens(val))}
	case ir.Boolean:
		return []jen.Code{w.Dot("Bool").Call(val)}
	case ir.Byte, ir.Short, ir.Integer, ir.Long:
		return []jen.Code{w.Dot("Int64").Call(jen.Int64().Parens(val))}
	case ir.Float:
		return []jen.Code{w.Dot("Float64").Call(jen.Float64().Parens(val), jen.Lit(32))}
	case ir.Double:
		return []jen.Code{w.Dot("Float64").Call(val, jen.Lit(64))}
	case ir.BigInteger:
		return []jen.Code{w.Dot("BigInt").Call(val)}
	case ir.BigDecimal:
		return []jen.Code{w.Dot("BigFloat").Call(val)}
	case ir.Timestamp:
		return []jen.Code{w.Dot(timestampWriter(m.TimestampFormat)).Call(val)}
	case ir.Blob:
		return []jen.Code{w.Dot("Blob").Call(val)}
	case ir.Document:
		return []jen.Code{w.Dot("Raw").Call(val.Dot("JSON").Call())}
	case ir.Structure:
		arg := x.Clone()
		if !m.Pointer {
			arg = jen.Op("&").Add(x.Clone())
		}
		return []jen.Code{g.serdeRef("Encode", sh).Call(w, arg)}
	default: // union, list, map
		return []jen.Code{g.serdeRef("Encode", sh).Call(w, x.Clone())}
	}
}

func timestampWriter(format string) string {
	switch format {
	case ir.DateTime:
		return "DateTime"
	case ir.HTTPDate:
		return "HTTPDate"
	}
	return "EpochSeconds"
}

// decodeFunc declares Decode<Name>.
//
//	func DecodeX(d *jsonwire.Decoder, v *types.X) { for d.ObjectNext() { switch string(d.Key()) {...} } }
//	func DecodeL(d *jsonwire.Decoder) []T
func (g *gen) decodeFunc(f *jen.File, sh *ir.Shape) {
	d := jen.Id("d")
	name := "Decode" + g.serde.name[sh]
	dec := jen.Id("d").Op("*").Qual(g.wire(), "Decoder")
	switch sh.Kind {
	case ir.Structure:
		decl, report := g.presence(sh)
		body := append(decl, jen.For(d.Clone().Dot("ObjectNext").Call()).Block(
			jen.Switch(jen.String().Parens(d.Clone().Dot("Key").Call())).Block(g.decodeCases(sh, jen.Id("v"))...),
		))
		f.Func().Id(name).Params(dec, jen.Id("v").Op("*").Qual(g.typesPath, sh.GoName)).Block(append(body, report...)...)
	case ir.Union:
		var cases []jen.Code
		for _, m := range sh.Members {
			cases = append(cases, jen.Case(jen.Lit(m.WireName)).Block(append(append(
				[]jen.Code{jen.Id("u").Op(":=").Op("&").Qual(g.typesPath, m.VariantGoName).Values()},
				g.withinMissing(sh, m.Shape, g.decodeInto(m, jen.Id("u").Dot("Value")), jen.Dot("MissingIn").Call(jen.Id("mark"), jen.Lit(m.Name)))...),
				jen.Id("v").Op("=").Id("u"),
			)...))
		}
		cases = append(cases, jen.Default().Block(
			jen.Id("v").Op("=").Op("&").Qual(g.typesPath, sh.UnknownGoName).Values(jen.Dict{
				jen.Id("Tag"):   d.Clone().Dot("KeyString").Call(),
				jen.Id("Value"): d.Clone().Dot("Raw").Call(),
			}),
		))
		f.Func().Id(name).Params(dec).Params(jen.Id("v").Qual(g.typesPath, sh.GoName)).Block(
			jen.For(d.Clone().Dot("ObjectNext").Call()).Block(
				jen.If(d.Clone().Dot("IsNull").Call()).Block(jen.Continue()),
				jen.Switch(jen.String().Parens(d.Clone().Dot("Key").Call())).Block(cases...),
			),
			jen.Return(),
		)
	case ir.List:
		t := g.baseType(sh, nil)
		f.Func().Id(name).Params(dec).Add(t.Clone()).Block(
			jen.If(d.Clone().Dot("IsNull").Call()).Block(jen.Return(jen.Nil())),
			jen.Id("v").Op(":=").Add(t.Clone()).Values(),
			jen.For(d.Clone().Dot("ArrayNext").Call()).Block(append(append(
				[]jen.Code{jen.Var().Id("e").Add(g.typeOf(sh.Elem))},
				g.withinMissing(sh, sh.Elem.Shape, g.decodeElem(sh.Elem, jen.Id("e")), jen.Dot("MissingAt").Call(jen.Id("mark"), jen.Len(jen.Id("v"))))...),
				jen.Id("v").Op("=").Append(jen.Id("v"), jen.Id("e")),
			)...),
			jen.Return(jen.Id("v")),
		)
	case ir.Map:
		t := g.baseType(sh, nil)
		f.Func().Id(name).Params(dec).Add(t.Clone()).Block(
			jen.If(d.Clone().Dot("IsNull").Call()).Block(jen.Return(jen.Nil())),
			jen.Id("v").Op(":=").Add(t.Clone()).Values(),
			jen.For(d.Clone().Dot("ObjectNext").Call()).Block(append(append(append(g.skipDenseNull(sh),
				jen.Id("k").Op(":=").Add(g.typeOf(sh.Key)).Parens(d.Clone().Dot("KeyString").Call()),
				jen.Var().Id("e").Add(g.typeOf(sh.Value))),
				g.withinMissing(sh, sh.Value.Shape, g.decodeElem(sh.Value, jen.Id("e")), jen.Dot("MissingAtKey").Call(jen.Id("mark"), jen.String().Parens(jen.Id("k")), jen.Lit(sh.Key.Sensitive)))...),
				jen.Id("v").Index(jen.Id("k")).Op("=").Id("e"),
			)...),
			jen.Return(jen.Id("v")),
		)
	}
	f.Line()
}

// skipDenseNull drops a null value of a dense map: its Go values cannot be nil, and
// a zero value would be a value the service did not send.
func (g *gen) skipDenseNull(sh *ir.Shape) []jen.Code {
	if sh.Sparse || sh.Value.Pointer {
		return nil
	}
	return []jen.Code{jen.If(jen.Id("d").Dot("IsNull").Call()).Block(jen.Continue())} // IsNull consumed it
}

// decodeCases are the cases of a structure decoder's switch on the key: one per body
// member, and a default that skips unknown members.
func (g *gen) decodeCases(sh *ir.Shape, v *jen.Statement) []jen.Code {
	var cases []jen.Code
	for _, m := range sh.Members {
		if m.Location != ir.InBody {
			continue
		}
		keys := []jen.Code{jen.Lit(m.WireName)}
		if sh.Error != nil && m.GoName == sh.Error.MessageField && m.Shape.Kind == ir.String {
			// services spell the message's key as they like: "message" for a
			// member named Message, and the reverse
			for _, k := range messageKeys {
				if !wireNameTaken(sh, k) {
					keys = append(keys, jen.Lit(k))
				}
			}
		}
		decode := g.decodeInto(m, v.Clone().Dot(m.GoName))
		if bit := g.seenBit(sh, m); bit != nil {
			// null is no value: the member is absent
			cases = append(cases, jen.Case(keys...).Block(jen.If(jen.Op("!").Id("d").Dot("IsNull").Call()).Block(decode, bit)))
			continue
		}
		cases = append(cases, jen.Case(keys...).Block(g.withinMissing(sh, m.Shape, decode, jen.Dot("MissingIn").Call(jen.Id("mark"), jen.Lit(m.Name)))...))
	}
	if sh.Error != nil && sh.Error.MessageSynthetic {
		// the message the service sent, under whichever key no member takes
		var keys []jen.Code
		for _, k := range messageKeys {
			if !wireNameTaken(sh, k) {
				keys = append(keys, jen.Lit(k))
			}
		}
		if len(keys) > 0 {
			cases = append(cases, jen.Case(keys...).Block(
				v.Clone().Dot(sh.Error.MessageField).Op("=").Id("d").Dot("StringPtr").Call(),
			))
		}
	}
	cases = append(cases, jen.Default().Block(jen.Id("d").Dot("Skip").Call()))
	return cases
}

// decodeElem decodes a list element or map value into e; null leaves a sparse
// collection's element nil.
func (g *gen) decodeElem(m *ir.Member, e *jen.Statement) jen.Code {
	return g.decodeInto(m, e)
}

// decodeInto decodes the next value into x, as the member's Go type wants.
func (g *gen) decodeInto(m *ir.Member, x *jen.Statement) jen.Code {
	d := jen.Id("d")
	sh := m.Shape
	ptr := ""
	if m.Pointer {
		ptr = "Ptr"
	}
	switch sh.Kind {
	case ir.String:
		return x.Op("=").Add(d.Dot("String" + ptr).Call())
	case ir.Enum:
		if m.Pointer {
			return x.Op("=").Parens(jen.Op("*").Qual(g.typesPath, sh.GoName)).Parens(d.Dot("StringPtr").Call())
		}
		return x.Op("=").Qual(g.typesPath, sh.GoName).Parens(d.Dot("String").Call())
	case ir.Boolean:
		return x.Op("=").Add(d.Dot("Bool" + ptr).Call())
	case ir.Byte:
		return x.Op("=").Add(d.Dot("Int8" + ptr).Call())
	case ir.Short:
		return x.Op("=").Add(d.Dot("Int16" + ptr).Call())
	case ir.Integer:
		return x.Op("=").Add(d.Dot("Int32" + ptr).Call())
	case ir.Long:
		return x.Op("=").Add(d.Dot("Int64" + ptr).Call())
	case ir.Float:
		return x.Op("=").Add(d.Dot("Float32" + ptr).Call())
	case ir.Double:
		return x.Op("=").Add(d.Dot("Float64" + ptr).Call())
	case ir.BigInteger:
		return x.Op("=").Add(d.Dot("BigInt").Call())
	case ir.BigDecimal:
		return x.Op("=").Add(d.Dot("BigFloat").Call())
	case ir.Timestamp:
		return x.Op("=").Add(d.Dot(timestampWriter(m.TimestampFormat) + ptr).Call())
	case ir.Blob:
		return x.Op("=").Add(d.Dot("Blob").Call())
	case ir.Document:
		return x.Op("=").Qual(documentPath, "Wrap").Call(d.Dot("Raw").Call())
	case ir.Structure:
		decode := g.serdeRef("Decode", sh)
		if m.Pointer {
			return jen.If(jen.Op("!").Add(d.Clone().Dot("IsNull").Call())).Block(
				x.Clone().Op("=").Op("&").Qual(g.typesPath, sh.GoName).Values(),
				decode.Clone().Call(d.Clone(), x.Clone()),
			)
		}
		return decode.Call(d, jen.Op("&").Add(x))
	default: // union, list, map
		return x.Op("=").Add(g.serdeRef("Decode", sh)).Call(d)
	}
}

// wireNameTaken reports whether a member of sh has the body key name.
// messageKeys are the keys under which services send an error's message.
var messageKeys = []string{"message", "Message", "errorMessage"}

func wireNameTaken(sh *ir.Shape, name string) bool {
	for _, m := range sh.Members {
		if m.WireName == name {
			return true
		}
	}
	return false
}
