package emit

import (
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"
	"github.com/svcgen/svcgen/generator/ir"
)

const serverRTPath = runtimePath + "/server"

// serverFile writes package server: the Service interface, Unimplemented, NewHandler
// and, per operation, the decoder of its request and the encoder of its response.
func (g *gen) serverFile() {
	path := g.cfg.ImportPath + "/server"
	f := g.newFile(path, "server")
	f.ImportName(serverRTPath, "server")
	f.ImportAlias(serverRTPath, "rt")
	f.ImportName(g.cfg.ImportPath, g.svc.Package)
	f.PackageComment("Package server serves the " + g.svc.FullName + " API over HTTP: implement Service (embed\nUnimplemented for the operations you leave out) and pass it to NewHandler.")
	root := func(name string) *jen.Statement { return jen.Qual(g.cfg.ImportPath, name) }

	var methods []jen.Code
	for _, op := range g.svc.Operations {
		doc := op.GoName + " serves the " + op.Name + " operation."
		methods = append(methods, jen.Add(fieldDoc(doc)).Id(op.GoName).Params(jen.Qual("context", "Context"), jen.Op("*").Add(root(op.Input.GoName))).Params(jen.Op("*").Add(root(op.Output.GoName)), jen.Error()))
	}
	f.Comment("Service is the " + g.svc.FullName + " API. Return the errors of package types to answer\nwith a modeled error; any other error answers 500 without revealing its text.")
	f.Type().Id("Service").Interface(methods...)
	f.Line()
	f.Comment("Unimplemented answers every operation with a 501 NotImplementedException. Embed it\nin a Service to implement only some operations.")
	f.Type().Id("Unimplemented").Struct()
	f.Line()
	for _, op := range g.svc.Operations {
		f.Comment(op.GoName + " is not implemented.")
		f.Func().Params(jen.Id("Unimplemented")).Id(op.GoName).Params(jen.Qual("context", "Context"), jen.Op("*").Add(root(op.Input.GoName))).Params(jen.Op("*").Add(root(op.Output.GoName)), jen.Error()).Block(
			jen.Return(jen.Nil(), jen.Qual(serverRTPath, "ErrNotImplemented").Call(jen.Lit(op.Name))),
		)
	}
	f.Line()
	f.Comment("Option configures the handler: see the With functions of package\ngithub.com/svcgen/svcgen/runtime/server (middleware, error hook, logger, body limit,\nauthentication, validation error code).")
	f.Type().Id("Option").Op("=").Qual(serverRTPath, "Option")
	f.Line()

	sp := g.proto.server()
	var routes []jen.Code
	routes = append(routes, jen.Id("r").Op(":=").Qual(serverRTPath, "NewRouter").Call(jen.Id("encodeError"), jen.Id("opts").Op("...")))
	routes = append(routes, sp.routerSetup()...)
	var unsupported []string
	var routed []*ir.Operation
	for _, op := range g.svc.Operations {
		route, ok := sp.route(op, g.serveFunc(op))
		if !ok {
			unsupported = append(unsupported, op.Name+" ("+op.HTTP.RequestURI+")")
			continue
		}
		routes = append(routes, route)
		routed = append(routed, op)
	}
	routes = append(routes, jen.Return(jen.Id("r").Dot("Handler").Call()))
	doc := "NewHandler serves svc: it routes each operation's requests, decodes and validates the input (every constraint of the model), calls svc, and encodes the output or the error."
	if len(unsupported) > 0 {
		doc += "\n\nNot served (their requestUri cannot be a net/http.ServeMux pattern): " + strings.Join(unsupported, ", ") + "."
	}
	f.Add(docComment(doc))
	f.Func().Id("NewHandler").Params(jen.Id("svc").Id("Service"), jen.Id("opts").Op("...").Id("Option")).Qual("net/http", "Handler").Block(routes...)
	f.Line()
	for _, op := range routed {
		sp.requestDecoder(f, op)
		sp.responseEncoder(f, op)
	}
	g.errorEncoder(f)
	g.render("server/server.go", f)
}

// jsonErrorEncode writes the JSON body of modeled error e, held in the variable v.
func (g *gen) jsonErrorEncode(e *ir.Shape, v string) jen.Code {
	return g.serdeRef("Encode", e).Call(jen.Id("c").Dot("JSON").Call(), jen.Id(v))
}

// restRoute registers op's route by method, path (a ServeMux pattern) and the
// literal query parameters of its requestUri; false when the path cannot be a pattern.
func (g *gen) restRoute(op *ir.Operation, serve jen.Code) (jen.Code, bool) {
	pattern, ok := muxPath(op)
	if !ok {
		return nil, false
	}
	var query []jen.Code
	for _, q := range op.HTTP.Query {
		d := jen.Dict{jen.Id("Key"): jen.Lit(q.Key)}
		if q.NoValue {
			d[jen.Id("AnyValue")] = jen.True()
		} else {
			d[jen.Id("Value")] = jen.Lit(q.Value)
		}
		query = append(query, jen.Values(d))
	}
	if g.routeShared(op) {
		// another operation has this route: the required query parameters and
		// headers of this one tell them apart (S3's UploadPart requires partNumber and
		// uploadId, CopyObject X-Amz-Copy-Source; PutObject neither)
		for _, m := range op.Input.Members {
			switch {
			case !m.Required || m.Shape.Kind == ir.Map:
			case m.Location == ir.InQuery:
				query = append(query, jen.Values(jen.Dict{jen.Id("Key"): jen.Lit(m.LocationName), jen.Id("AnyValue"): jen.True()}))
			case m.Location == ir.InHeader:
				query = append(query, jen.Values(jen.Dict{jen.Id("Key"): headerName(m), jen.Id("Header"): jen.True()}))
			}
		}
	}
	queryArg := jen.Nil()
	if len(query) > 0 {
		queryArg = jen.Index().Qual(serverRTPath, "QueryMatch").Values(query...)
	}
	handle := "Handle"
	if p := op.Input.Payload; p != nil && p.Streaming && p.Shape.Kind == ir.Blob {
		handle = "HandleStream"
	}
	return jen.Id("r").Dot(handle).Call(jen.Lit(op.HTTP.Method), jen.Lit(pattern), queryArg, jen.Lit(op.Name), serve), true
}

// routeShared reports whether another operation has op's method, path and literal
// query parameters.
func (g *gen) routeShared(op *ir.Operation) bool {
	key := func(o *ir.Operation) string {
		p, _ := muxPath(o)
		k := o.HTTP.Method + " " + p
		for _, q := range o.HTTP.Query {
			k += "&" + q.Key + "=" + q.Value
		}
		return k
	}
	if g.routeKeys == nil {
		g.routeKeys = map[string]int{}
		for _, o := range g.svc.Operations {
			g.routeKeys[key(o)]++
		}
	}
	return g.routeKeys[key(op)] > 1
}

// serveFunc is an operation's route: decode the input, validate it, call the service,
// encode the output.
func (g *gen) serveFunc(op *ir.Operation) jen.Code {
	root := func(name string) *jen.Statement { return jen.Qual(g.cfg.ImportPath, name) }
	return jen.Func().Params(jen.Id("c").Op("*").Qual(serverRTPath, "Call")).Error().Block(
		jen.Id("in").Op(":=").Op("&").Add(root(op.Input.GoName)).Values(),
		jen.If(jen.Err().Op(":=").Id("decode"+op.GoName).Call(jen.Id("c"), jen.Id("in")), jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Qual(serverRTPath, "Malformed").Call(jen.Err()))),
		jen.If(jen.Err().Op(":=").Id("c").Dot("CheckInput").Call(jen.Lit(op.Input.GoName), jen.Id("in").Dot("Validate").Call()), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
		jen.List(jen.Id("out"), jen.Err()).Op(":=").Id("svc").Dot(op.GoName).Call(jen.Id("c").Dot("Context").Call(), jen.Id("in")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
		jen.If(jen.Id("out").Op("==").Nil()).Block(jen.Id("out").Op("=").Op("&").Add(root(op.Output.GoName)).Values()),
		jen.Id("encode"+op.GoName).Call(jen.Id("c"), jen.Id("out")),
		jen.Return(jen.Nil()),
	)
}

// requiredValue reports a required member held by value: once decoded, an absent one
// is its zero value, so the decoder notes its absence.
func requiredValue(m *ir.Member) bool {
	return m.Required && m.Shape.Kind.IsScalar() && missingTest(m, jen.Id("x")) == nil
}

// labelVar is the ServeMux wildcard of the i-th label: model label names need not be Go
// identifiers, which ServeMux wildcards must be.
func labelVar(i int) string { return "l" + strconv.Itoa(i) }

// serverSegments are the segments of the path a server routes op by.
func serverSegments(op *ir.Operation) []ir.Segment {
	if op.HTTP.ServerSegments != nil {
		return op.HTTP.ServerSegments
	}
	return op.HTTP.Segments
}

// muxPath turns an operation's path into a ServeMux pattern path; false when it cannot
// be one (a label that is not a whole segment, a greedy label before the end).
func muxPath(op *ir.Operation) (string, bool) {
	var b strings.Builder
	segs := serverSegments(op)
	label := 0
	for i, s := range segs {
		if s.Label == nil {
			if strings.ContainsAny(s.Literal, "{}") {
				return "", false
			}
			b.WriteString(s.Literal)
			continue
		}
		before := b.String()
		if !strings.HasSuffix(before, "/") {
			return "", false
		}
		last := i == len(segs)-1
		if !last && !strings.HasPrefix(segs[i+1].Literal, "/") {
			return "", false
		}
		if s.Greedy {
			if !last {
				return "", false
			}
			b.WriteString("{" + labelVar(label) + "...}")
		} else {
			b.WriteString("{" + labelVar(label) + "}")
		}
		label++
	}
	p := b.String()
	if p == "" {
		p = "/"
	}
	if strings.HasSuffix(p, "/") {
		p += "{$}" // a trailing slash would match every path below it
	}
	return p, true
}

// requestDecoder declares decode<Op> of an HTTP binding protocol: labels, query,
// headers and body into the input. structured decodes a structure or union payload,
// or the body members, from the body (and returns); nil decodes them as JSON.
func (g *gen) requestDecoder(f *jen.File, op *ir.Operation, structured func(in *ir.Shape) []jen.Code) {
	in := op.Input
	var body []jen.Code
	label := 0
	for _, s := range serverSegments(op) {
		if s.Label == nil {
			continue
		}
		m := s.Label
		body = append(body, jen.Block(g.fromString(m, jen.Id("c").Dot("PathValue").Call(jen.Lit(labelVar(label))), jen.Id("v").Dot(m.GoName))...))
		label++
	}
	// A map bound to the query string (httpQueryParams) holds every query parameter of
	// the request, those that httpQuery members bind included (Smithy's protocol tests,
	// RestJsonAllQueryStringTypes: the map repeats them), but not the literal ones of the
	// requestUri, which select the operation.
	literal := map[string]bool{}
	for _, q := range op.HTTP.Query {
		literal[q.Key] = true
	}
	listBound := map[string]bool{} // keys that list members bind: repeating them is fine
	var queryMaps []*ir.Member
	for _, m := range in.Members {
		x := jen.Id("v").Dot(m.GoName)
		switch m.Location {
		case ir.InQuery:
			if m.Shape.Kind == ir.Map {
				queryMaps = append(queryMaps, m)
				continue
			}
			if m.Shape.Kind == ir.List {
				listBound[m.LocationName] = true
				el := boundElem(m, m.Shape.Elem)
				body = append(body, jen.If(jen.List(jen.Id("vals"), jen.Id("ok")).Op(":=").Id("c").Dot("Query").Call().Index(jen.Lit(m.LocationName)), jen.Id("ok")).Block(
					x.Clone().Op("=").Make(g.typeOf(m), jen.Lit(0), jen.Len(jen.Id("vals"))),
					jen.For(jen.List(jen.Id("_"), jen.Id("s")).Op(":=").Range().Id("vals")).Block(
						jen.Var().Id("e").Add(g.typeOf(el)),
						jen.Block(g.fromString(el, jen.Id("s"), jen.Id("e"))...),
						x.Clone().Op("=").Append(x.Clone(), jen.Id("e")),
					),
				))
				continue
			}
			// a scalar given twice is refused: a proxy that reads the last value must not
			// see another request than the service, which would read the first
			once := jen.If(jen.Len(jen.Id("vals")).Op(">").Lit(1)).Block(jen.Return(jen.Qual(serverRTPath, "ErrRepeatedQuery").Call(jen.Lit(m.LocationName))))
			st := jen.If(jen.List(jen.Id("vals"), jen.Id("ok")).Op(":=").Id("c").Dot("Query").Call().Index(jen.Lit(m.LocationName)), jen.Id("ok").Op("&&").Len(jen.Id("vals")).Op(">").Lit(0)).Block(
				append([]jen.Code{once}, g.fromString(m, jen.Id("vals").Index(jen.Lit(0)), x.Clone())...)...)
			if requiredValue(m) {
				st = st.Else().Block(jen.Id("c").Dot("Missing").Call(jen.Lit(m.Name)))
			}
			body = append(body, st)
		case ir.InHeader:
			if m.Shape.Kind == ir.List {
				body = append(body, g.headerGetFrom(jen.Id("c").Dot("Request").Call().Dot("Header"), m, x)...)
				continue
			}
			// a scalar header given twice is refused, as a repeated query parameter is
			h := jen.Id("c").Dot("Request").Call().Dot("Header").Dot("Values").Call(jen.Lit(m.LocationName))
			// an empty header is an empty string, and no value of another kind
			present := jen.Len(jen.Id("vals")).Op("==").Lit(1)
			if k := m.Shape.Kind; k != ir.String && k != ir.Enum || m.JSONValue {
				present = present.Op("&&").Id("vals").Index(jen.Lit(0)).Op("!=").Lit("")
			}
			st := jen.If(jen.Id("vals").Op(":=").Add(h), jen.Len(jen.Id("vals")).Op(">").Lit(1)).Block(
				jen.Return(jen.Qual(serverRTPath, "ErrRepeatedHeader").Call(jen.Lit(m.LocationName))),
			).Else().If(present).Block(
				g.fromString(m, jen.Id("vals").Index(jen.Lit(0)), x.Clone())...)
			if requiredValue(m) {
				st = st.Else().Block(jen.Id("c").Dot("Missing").Call(jen.Lit(m.Name)))
			}
			body = append(body, st)
		case ir.InHeaders:
			body = append(body, g.headerMapFrom(jen.Id("c").Dot("Request").Call().Dot("Header"), m, x))
		}
	}
	for _, m := range queryMaps {
		x := jen.Id("v").Dot(m.GoName)
		val := boundElem(m, m.Shape.Value)
		var skip, repeatable []jen.Code
		for k := range literal {
			skip = append(skip, jen.Lit(k))
		}
		sortCodes(skip)
		for k := range listBound {
			if !literal[k] {
				repeatable = append(repeatable, jen.Lit(k))
			}
		}
		sortCodes(repeatable)
		var conv []jen.Code
		if val.Shape.Kind == ir.List {
			el := boundElem(m, val.Shape.Elem)
			conv = []jen.Code{
				jen.Var().Id("e").Add(g.typeOf(val)),
				jen.For(jen.List(jen.Id("_"), jen.Id("s")).Op(":=").Range().Id("vals")).Block(
					jen.Var().Id("x").Add(g.typeOf(el)),
					jen.Block(g.fromString(el, jen.Id("s"), jen.Id("x"))...),
					jen.Id("e").Op("=").Append(jen.Id("e"), jen.Id("x")),
				),
			}
		} else {
			refuse := jen.Return(jen.Qual(serverRTPath, "ErrRepeatedQuery").Call(jen.Id("k")))
			if len(repeatable) > 0 {
				// a key that a list member binds may be repeated: the map takes its first value
				refuse = jen.Switch(jen.Id("k")).Block(jen.Case(repeatable...), jen.Default().Block(refuse))
			}
			conv = []jen.Code{
				jen.If(jen.Len(jen.Id("vals")).Op(">").Lit(1)).Block(refuse),
				jen.Var().Id("e").Add(g.typeOf(val)), jen.Block(g.fromString(val, jen.Id("vals").Index(jen.Lit(0)), jen.Id("e"))...),
			}
		}
		loop := []jen.Code{}
		if len(skip) > 0 {
			loop = append(loop, jen.Switch(jen.Id("k")).Block(jen.Case(skip...).Block(jen.Continue())))
		}
		loop = append(loop, jen.If(jen.Len(jen.Id("vals")).Op("==").Lit(0)).Block(jen.Continue()))
		loop = append(loop, jen.If(x.Clone().Op("==").Nil()).Block(x.Clone().Op("=").Make(g.typeOf(m))))
		loop = append(loop, conv...)
		loop = append(loop, x.Clone().Index(jen.Id("k")).Op("=").Id("e"))
		body = append(body, jen.For(jen.List(jen.Id("k"), jen.Id("vals")).Op(":=").Range().Id("c").Dot("Query").Call()).Block(loop...))
	}
	decodeFunc := func(body []jen.Code) {
		f.Func().Id("decode"+op.GoName).Params(jen.Id("c").Op("*").Qual(serverRTPath, "Call"), jen.Id("v").Op("*").Qual(g.cfg.ImportPath, in.GoName)).Error().Block(body...)
		f.Line()
	}
	if p := in.Payload; p != nil {
		x := jen.Id("v").Dot(p.GoName)
		switch {
		case isEventStream(p):
			body = append(body, g.eventStreamInputDecode(p, x.Clone())...)
		case p.Shape.Kind == ir.Blob && p.Streaming:
			// the route streams: the body is read by the service, as it arrives
			body = append(body, x.Clone().Op("=").Id("c").Dot("BodyReader").Call())
		case structured != nil && (p.Shape.Kind == ir.Structure || p.Shape.Kind == ir.Union):
			decodeFunc(append(body, structured(in)...))
			return
		case p.Shape.Kind == ir.Blob:
			body = append(body, jen.If(jen.Len(jen.Id("c").Dot("Body").Call()).Op(">").Lit(0)).Block(x.Clone().Op("=").Qual("bytes", "Clone").Call(jen.Id("c").Dot("Body").Call())))
		case p.Shape.Kind == ir.String || p.Shape.Kind == ir.Enum:
			body = append(body, jen.If(jen.Len(jen.Id("c").Dot("Body").Call()).Op(">").Lit(0)).Block(g.fromString(p, jen.String().Parens(jen.Id("c").Dot("Body").Call()), x.Clone())...))
		case p.Shape.Kind == ir.Structure || p.Shape.Kind == ir.Union:
			decode := g.withinMissing(in, p.Shape, g.decodeInto(p, x.Clone()), jen.Dot("MissingIn").Call(jen.Id("mark"), jen.Lit(p.Name)))
			body = append(body, jen.If(jen.Len(jen.Id("c").Dot("Body").Call()).Op(">").Lit(0)).Block(
				append(append(objectDecoder(), decode...),
					jen.Return(jen.Id("d").Dot("End").Call()),
				)...,
			))
		default:
			decode := g.withinMissing(in, p.Shape, g.decodeInto(p, x.Clone()), jen.Dot("MissingIn").Call(jen.Id("mark"), jen.Lit(p.Name)))
			body = append(body, jen.If(jen.Len(jen.Id("c").Dot("Body").Call()).Op(">").Lit(0)).Block(
				append(append([]jen.Code{jen.Id("d").Op(":=").Id("c").Dot("Decoder").Call()}, decode...),
					jen.Return(jen.Id("d").Dot("End").Call()),
				)...,
			))
		}
	} else if hasBody(in) && structured != nil {
		decodeFunc(append(body, structured(in)...))
		return
	} else if hasBody(in) {
		// an empty body lacks every required member
		var empty []jen.Code
		for _, m := range requiredValues(in) {
			empty = append(empty, jen.Id("c").Dot("Missing").Call(jen.Lit(m.Name)))
		}
		body = append(body, jen.If(jen.Len(jen.Id("c").Dot("Body").Call()).Op("==").Lit(0)).Block(append(empty, jen.Return(jen.Nil()))...))
		body = append(body, objectDecoder()...)
		decl, report := g.presence(in)
		body = append(body, decl...)
		body = append(body,
			jen.For(jen.Id("d").Dot("ObjectNext").Call()).Block(
				jen.Switch(jen.String().Parens(jen.Id("d").Dot("Key").Call())).Block(g.decodeCases(in, jen.Id("v"))...),
			),
		)
		body = append(body, report...)
		body = append(body, jen.Return(jen.Id("d").Dot("End").Call()))
		f.Func().Id("decode"+op.GoName).Params(jen.Id("c").Op("*").Qual(serverRTPath, "Call"), jen.Id("v").Op("*").Qual(g.cfg.ImportPath, in.GoName)).Error().Block(body...)
		f.Line()
		return
	}
	body = append(body, jen.Return(jen.Nil()))
	f.Func().Id("decode"+op.GoName).Params(jen.Id("c").Op("*").Qual(serverRTPath, "Call"), jen.Id("v").Op("*").Qual(g.cfg.ImportPath, in.GoName)).Error().Block(body...)
	f.Line()
}

// objectDecoder declares d, the decoder of a body that must be a JSON object: valid
// UTF-8, no repeated key, not null (rt.Call.ObjectDecoder).
func objectDecoder() []jen.Code {
	return []jen.Code{
		jen.List(jen.Id("d"), jen.Err()).Op(":=").Id("c").Dot("ObjectDecoder").Call(),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
	}
}

func sortCodes(c []jen.Code) {
	// the literals come from a map: order them by their Go text
	for i := 1; i < len(c); i++ {
		for j := i; j > 0 && jen.Null().Add(c[j]).GoString() < jen.Null().Add(c[j-1]).GoString(); j-- {
			c[j], c[j-1] = c[j-1], c[j]
		}
	}
}

// responseEncoder declares encode<Op> of an HTTP binding protocol: status, headers
// and body of the output. structured encodes a structure or union payload, or the body
// members; nil encodes them as JSON.
func (g *gen) responseEncoder(f *jen.File, op *ir.Operation, structured func(out *ir.Shape) []jen.Code) {
	out := op.Output
	r := jen.Id("r")
	body := []jen.Code{r.Clone().Dot("SetStatus").Call(jen.Lit(op.HTTP.ResponseCode))}
	var members []jen.Code
	for _, m := range out.Members {
		x := jen.Id("v").Dot(m.GoName)
		switch m.Location {
		case ir.InStatusCode:
			if m.Pointer {
				body = append(body, jen.If(x.Clone().Op("!=").Nil().Op("&&").Op("*").Add(x.Clone()).Op(">=").Lit(100)).Block(r.Clone().Dot("SetStatus").Call(jen.Int().Parens(jen.Op("*").Add(x.Clone())))))
			} else {
				body = append(body, jen.If(x.Clone().Op(">=").Lit(100)).Block(r.Clone().Dot("SetStatus").Call(jen.Int().Parens(x.Clone()))))
			}
		case ir.InHeader:
			body = append(body, g.headerSet(m)...)
		case ir.InHeaders:
			body = append(body, jen.For(jen.List(jen.Id("k"), jen.Id("e")).Op(":=").Range().Add(x.Clone())).Block(
				r.Clone().Dot("SetHeaderAsIs").Call(headerMapName(m), g.toString(boundElem(m, m.Shape.Value), deref(m.Shape.Value, jen.Id("e")))),
			))
		case ir.InBody:
			if isEventStream(m) {
				continue // sent after the initial-response below
			}
			members = append(members, g.encodeMember(m, x)...)
		}
	}
	if p := out.Payload; p != nil {
		x := jen.Id("v").Dot(p.GoName)
		switch p.Shape.Kind {
		case ir.Structure:
			if isEventStream(p) {
				body = append(body, g.eventStreamOutputEncode(r, p, x)...)
				break
			}
			if structured != nil {
				body = append(body, structured(out)...)
				break
			}
			body = append(body, jen.If(setTest(p, x.Clone())).Block(append([]jen.Code{jen.Id("w").Op(":=").Add(r.Clone()).Dot("JSON").Call()}, g.encodeValue(p, x.Clone())...)...))
		case ir.Blob:
			if p.Streaming {
				body = append(body, jen.If(x.Clone().Op("!=").Nil()).Block(r.Clone().Dot("SetStream").Call(x.Clone())))
			} else {
				body = append(body, jen.If(x.Clone().Op("!=").Nil()).Block(r.Clone().Dot("SetPayload").Call(x.Clone()), r.Clone().Dot("SetHeader").Call(jen.Lit("Content-Type"), jen.Lit("application/octet-stream"))))
			}
		case ir.String, ir.Enum:
			body = append(body, jen.If(x.Clone().Op("!=").Nil()).Block(r.Clone().Dot("SetPayload").Call(jen.Index().Byte().Parens(deref(p, x.Clone()))), r.Clone().Dot("SetHeader").Call(jen.Lit("Content-Type"), jen.Lit("text/plain"))))
		default:
			if structured != nil {
				body = append(body, structured(out)...)
				break
			}
			body = append(body, jen.If(setTest(p, x.Clone())).Block(append([]jen.Code{jen.Id("w").Op(":=").Add(r.Clone()).Dot("JSON").Call()}, g.encodeValue(p, x.Clone())...)...))
		}
	} else if sm := eventStreamBodyMember(out); sm != nil {
		body = append(body, g.eventStreamInitialEncode(r, sm, members)...)
	} else if structured != nil && (len(members) > 0 || out.XMLRootValue != nil) {
		body = append(body, structured(out)...)
	} else if len(members) > 0 || op.HTTP.Target != "" { // awsJson answers {} at least
		body = append(body, jen.Id("w").Op(":=").Add(r.Clone()).Dot("JSON").Call(), jen.Id("w").Dot("ObjectStart").Call())
		body = append(body, members...)
		body = append(body, jen.Id("w").Dot("ObjectEnd").Call())
	}
	f.Func().Id("encode"+op.GoName).Params(jen.Id("r").Op("*").Qual(serverRTPath, "Call"), jen.Id("v").Op("*").Qual(g.cfg.ImportPath, out.GoName)).Block(body...)
	f.Line()
}

// errorEncoder declares encodeError: a modeled error is written as the protocol's
// errorWriter says, with its members bound to headers.
func (g *gen) errorEncoder(f *jen.File) {
	sp := g.proto.server()
	var body []jen.Code
	for i, e := range g.svc.Errors {
		v := "e" + strconv.Itoa(i)
		var headers []jen.Code
		for _, m := range e.Members {
			if m.Location == ir.InHeader {
				headers = append(headers, g.headerSet(m)...)
			}
		}
		if len(headers) > 0 {
			headers = []jen.Code{jen.Block(append([]jen.Code{jen.Id("r"), jen.Id("v")}[:0:0], append([]jen.Code{jen.List(jen.Id("r"), jen.Id("v")).Op(":=").List(jen.Id("c"), jen.Id(v))}, headers...)...)...)}
		}
		block := append(sp.errorWriter(e, v, headers), jen.Return(jen.True()))
		body = append(body, jen.Var().Id(v).Op("*").Qual(g.typesPath, e.GoName))
		body = append(body, jen.If(jen.Qual("errors", "As").Call(jen.Err(), jen.Op("&").Id(v))).Block(block...))
	}
	body = append(body, jen.Return(jen.False()))
	f.Comment("encodeError writes the modeled error err is, or reports that it is none.")
	f.Func().Id("encodeError").Params(jen.Id("c").Op("*").Qual(serverRTPath, "Call"), jen.Err().Error()).Bool().Block(body...)
	f.Line()
}
