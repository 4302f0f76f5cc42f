package emit

import (
	"net/http"
	"strings"

	"github.com/dave/jennifer/jen"
	"github.com/svcgen/svcgen/generator/ir"
)

const httpbindPath = runtimePath + "/httpbind"

// serializersFile writes serializers.go: for every operation the serializer of its
// input and the deserializer of its output, and the package's error decoder; the REST
// protocols' (rest-json, rest-xml) or the query protocols'.
func (g *gen) serializersFile() {
	f := g.newFile(g.cfg.ImportPath, g.svc.Package)
	for path, name := range map[string]string{httpbindPath: "httpbind", jsonwirePath: "jsonwire", querywirePath: "querywire", xmlwirePath: "xmlwire", clientRTPath: "client", g.serdePath: "serde"} {
		f.ImportName(path, name)
	}
	for _, op := range g.svc.Operations {
		g.proto.serializer(f, op)
		g.proto.deserializer(f, op)
	}
	g.errorDecoder(f)
	g.render("serializers.go", f)
}

// toString converts a scalar value to its text form in a label, query or header.
func (g *gen) toString(m *ir.Member, val *jen.Statement) *jen.Statement {
	switch m.Shape.Kind {
	case ir.String:
		if m.JSONValue && (m.Location == ir.InHeader) {
			return jen.Qual(httpbindPath, "EncodeJSONValue").Call(val)
		}
		return val
	case ir.Enum:
		return jen.String().Parens(val)
	case ir.Boolean:
		return jen.Qual("strconv", "FormatBool").Call(val)
	case ir.Byte, ir.Short, ir.Integer, ir.Long:
		return jen.Qual("strconv", "FormatInt").Call(jen.Int64().Parens(val), jen.Lit(10))
	case ir.Float:
		return jen.Qual(httpbindPath, "FormatFloat").Call(jen.Float64().Parens(val), jen.Lit(32))
	case ir.Double:
		return jen.Qual(httpbindPath, "FormatFloat").Call(val, jen.Lit(64))
	case ir.Timestamp:
		return jen.Qual(httpbindPath, "FormatTime").Call(val, jen.Lit(m.TimestampFormat))
	case ir.Blob:
		return jen.Qual("encoding/base64", "StdEncoding").Dot("EncodeToString").Call(val)
	case ir.BigInteger:
		return val.Dot("String").Call()
	case ir.BigDecimal:
		return jen.Qual(httpbindPath, "FormatBigFloat").Call(val)
	}
	return jen.Lit("")
}

// boundElem is a list element (or map value) as bound where its collection is: a
// timestamp whose shape names no format takes the format of the collection's location
// (headers http-date, query and labels date-time), not the body's default that the
// element member carries. Other members are returned as they are.
func boundElem(coll, el *ir.Member) *ir.Member {
	if el.Shape.Kind != ir.Timestamp || !el.DefaultTimestamp {
		return el
	}
	c := *el
	c.Location = coll.Location
	switch coll.Location {
	case ir.InHeader, ir.InHeaders:
		c.TimestampFormat = ir.HTTPDate
	case ir.InQuery, ir.InURI:
		c.TimestampFormat = ir.DateTime
	default:
		return el
	}
	return &c
}

// headerName is the header a member is bound to, in canonical form: the request's
// http.Header holds it under that name, so Get finds it and setting it costs nothing.
func headerName(m *ir.Member) *jen.Statement {
	return jen.Lit(http.CanonicalHeaderKey(m.LocationName))
}

// headerMapName is the header name of the entry k of a map bound to headers: the
// prefix and the key, without the spaces around it that HTTP drops from a name.
func headerMapName(m *ir.Member) *jen.Statement {
	return jen.Lit(m.LocationName).Op("+").Qual("strings", "TrimSpace").Call(jen.String().Parens(jen.Id("k")))
}

// deref is the value of x, dereferenced when the member is a pointer.
func deref(m *ir.Member, x *jen.Statement) *jen.Statement {
	if m.Pointer {
		return jen.Op("*").Add(x)
	}
	return x
}

// serializer declares serialize<Op> of an HTTP binding protocol: method, path, query,
// headers, host prefix, and the body the protocol's requestBody writes.
func (g *gen) serializer(f *jen.File, op *ir.Operation, requestBody func(*ir.Operation) []jen.Code) {
	in := op.Input
	r := jen.Id("r")
	body := g.fillIdempotencyTokens(in)
	body = append(body, r.Clone().Dot("Method").Op("=").Lit(op.HTTP.Method))
	for _, seg := range op.HTTP.Segments {
		if seg.Label == nil {
			body = append(body, r.Clone().Dot("AppendPath").Call(jen.Lit(seg.Literal)))
			continue
		}
		m := seg.Label
		val := g.toString(m, deref(m, jen.Id("v").Dot(m.GoName)))
		st := r.Clone().Dot("AppendLabel").Call(val, jen.Lit(seg.Greedy))
		if m.Pointer {
			body = append(body, jen.If(jen.Id("v").Dot(m.GoName).Op("!=").Nil()).Block(st))
		} else {
			body = append(body, st)
		}
	}
	for _, q := range op.HTTP.Query {
		if q.NoValue {
			body = append(body, r.Clone().Dot("AddQueryKey").Call(jen.Lit(q.Key)))
		} else {
			body = append(body, r.Clone().Dot("AddQuery").Call(jen.Lit(q.Key), jen.Lit(q.Value)))
		}
	}
	var queryMaps []*ir.Member
	for _, m := range in.Members {
		switch m.Location {
		case ir.InQuery:
			if m.Shape.Kind == ir.Map {
				queryMaps = append(queryMaps, m)
				continue
			}
			body = append(body, g.querySet(m)...)
		case ir.InHeader:
			body = append(body, g.headerSet(m)...)
		case ir.InHeaders:
			val := boundElem(m, m.Shape.Value)
			body = append(body, jen.For(jen.List(jen.Id("k"), jen.Id("e")).Op(":=").Range().Id("v").Dot(m.GoName)).Block(
				r.Clone().Dot("SetHeader").Call(headerMapName(m), g.toString(val, deref(val, jen.Id("e")))),
			))
		}
	}
	for _, m := range queryMaps {
		val := boundElem(m, m.Shape.Value)
		var add jen.Code
		if val.Shape.Kind == ir.List {
			el := boundElem(m, val.Shape.Elem)
			add = jen.For(jen.List(jen.Id("_"), jen.Id("x")).Op(":=").Range().Id("e")).Block(
				r.Clone().Dot("AddQuery").Call(jen.String().Parens(jen.Id("k")), g.toString(el, deref(el, jen.Id("x")))),
			)
		} else {
			add = r.Clone().Dot("AddQuery").Call(jen.String().Parens(jen.Id("k")), g.toString(val, deref(val, jen.Id("e"))))
		}
		body = append(body, jen.For(jen.List(jen.Id("k"), jen.Id("e")).Op(":=").Range().Id("v").Dot(m.GoName)).Block(
			jen.If(jen.Op("!").Add(r.Clone()).Dot("HasQuery").Call(jen.String().Parens(jen.Id("k")))).Block(add),
		))
	}
	if op.HostPrefix != "" {
		body = append(body, r.Clone().Dot("HostPrefix").Op("=").Add(g.hostPrefix(op)))
	}
	body = append(body, requestBody(op)...)
	body = append(body, jen.Return(jen.Nil()))
	f.Func().Id("serialize"+op.GoName).Params(jen.Id("r").Op("*").Qual(clientRTPath, "Request"), jen.Id("v").Op("*").Id(in.GoName)).Error().Block(body...)
	f.Line()
}

// fillIdempotencyTokens fills the idempotency tokens of input v that the caller left
// nil (or "", for a required token held by value: an empty token identifies no
// attempt), on a copy of the input, from the client's token provider (r.IdempotencyToken).
func (g *gen) fillIdempotencyTokens(in *ir.Shape) []jen.Code {
	var body []jen.Code
	for _, m := range in.Members {
		if !idempotencyToken(m) {
			continue
		}
		x := jen.Id("v").Dot(m.GoName)
		unset, set := x.Clone().Op("==").Lit(""), jen.Id("c").Dot(m.GoName).Op("=").Id("token")
		if m.Pointer {
			unset, set = x.Clone().Op("==").Nil(), jen.Id("c").Dot(m.GoName).Op("=").Op("&").Id("token")
		}
		body = append(body, jen.If(unset).Block(
			jen.List(jen.Id("token"), jen.Err()).Op(":=").Id("r").Dot("IdempotencyToken").Call(),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
			jen.Id("c").Op(":=").Op("*").Id("v"),
			set,
			jen.Id("v").Op("=").Op("&").Id("c"),
		))
	}
	return body
}

// idempotencyToken reports a member the client fills with a token when left nil (or
// "", held by value).
func idempotencyToken(m *ir.Member) bool {
	return m.IdempotencyToken && m.Shape.Kind == ir.String
}

// hasIdempotencyTokens reports whether an operation's input has a member the client
// fills with a token.
func (g *gen) hasIdempotencyTokens() bool {
	for _, op := range g.svc.Operations {
		for _, m := range op.Input.Members {
			if idempotencyToken(m) {
				return true
			}
		}
	}
	return false
}

// hostPrefix builds the host prefix from its template and the input's labels.
func (g *gen) hostPrefix(op *ir.Operation) *jen.Statement {
	var parts []jen.Code
	rest := op.HostPrefix
	labels := op.HostLabels
	for rest != "" {
		open := strings.IndexByte(rest, '{')
		if open < 0 {
			parts = append(parts, jen.Lit(rest))
			break
		}
		if open > 0 {
			parts = append(parts, jen.Lit(rest[:open]))
		}
		end := strings.IndexByte(rest[open:], '}')
		name := rest[open+1 : open+end]
		rest = rest[open+end+1:]
		for _, m := range labels {
			if m.Name == name {
				parts = append(parts, deref(m, jen.Id("v").Dot(m.GoName)))
			}
		}
	}
	st := jen.Null()
	for i, p := range parts {
		if i > 0 {
			st.Op("+")
		}
		st.Add(p)
	}
	return st
}

// querySet adds a query member when set: lists as repeated keys.
func (g *gen) querySet(m *ir.Member) []jen.Code {
	x := jen.Id("v").Dot(m.GoName)
	r := jen.Id("r")
	if m.Shape.Kind == ir.List {
		el := boundElem(m, m.Shape.Elem)
		return []jen.Code{jen.For(jen.List(jen.Id("_"), jen.Id("e")).Op(":=").Range().Add(x)).Block(
			r.Dot("AddQuery").Call(jen.Lit(m.LocationName), g.toString(el, deref(el, jen.Id("e")))),
		)}
	}
	st := r.Dot("AddQuery").Call(jen.Lit(m.LocationName), g.toString(m, deref(m, x.Clone())))
	if cond := setTest(m, x.Clone()); cond != nil {
		return []jen.Code{jen.If(cond).Block(st)}
	}
	return []jen.Code{st}
}

// headerSet sets a header member when set: lists joined with commas.
func (g *gen) headerSet(m *ir.Member) []jen.Code {
	x := jen.Id("v").Dot(m.GoName)
	r := jen.Id("r")
	var st *jen.Statement
	if m.Shape.Kind == ir.List {
		el := boundElem(m, m.Shape.Elem)
		conv := g.toString(el, deref(el, jen.Id("e")))
		join := "JoinHeaderList"
		if el.Shape.Kind == ir.Timestamp && el.TimestampFormat == ir.HTTPDate {
			join = "JoinHeaderTimes" // HTTP dates are not quoted for their commas
		}
		return []jen.Code{jen.If(x.Clone().Op("!=").Nil()).Block(
			jen.Id("list").Op(":=").Make(jen.Index().String(), jen.Lit(0), jen.Len(x.Clone())),
			jen.For(jen.List(jen.Id("_"), jen.Id("e")).Op(":=").Range().Add(x.Clone())).Block(
				jen.Id("list").Op("=").Append(jen.Id("list"), conv),
			),
			r.Clone().Dot("SetHeader").Call(headerName(m), jen.Qual(httpbindPath, join).Call(jen.Id("list"))),
		)}
	}
	st = r.Dot("SetHeader").Call(headerName(m), g.toString(m, deref(m, x.Clone())))
	if cond := setTest(m, x.Clone()); cond != nil {
		return []jen.Code{jen.If(cond).Block(st)}
	}
	return []jen.Code{st}
}

// requestBody encodes the payload member, or the body members as a JSON object.
func (g *gen) requestBody(op *ir.Operation) []jen.Code {
	in := op.Input
	r := jen.Id("r")
	contentType := func(ct string) jen.Code {
		return jen.If(jen.Id("r").Dot("Header").Dot("Get").Call(jen.Lit("Content-Type")).Op("==").Lit("")).Block(
			r.Clone().Dot("SetHeader").Call(jen.Lit("Content-Type"), jen.Lit(ct)))
	}
	if p := in.Payload; p != nil {
		x := jen.Id("v").Dot(p.GoName)
		if isEventStream(p) {
			return g.eventStreamInputSerialize(p, x)
		}
		switch p.Shape.Kind {
		case ir.Blob:
			if p.Streaming {
				return []jen.Code{jen.If(x.Clone().Op("!=").Nil()).Block(r.Clone().Dot("BodyReader").Op("=").Add(x.Clone()), contentType("application/octet-stream"))}
			}
			return []jen.Code{jen.If(x.Clone().Op("!=").Nil()).Block(r.Clone().Dot("Body").Op("=").Add(x.Clone()), contentType("application/octet-stream"))}
		case ir.String, ir.Enum:
			set := []jen.Code{r.Clone().Dot("Body").Op("=").Index().Byte().Parens(deref(p, x.Clone())), contentType("text/plain")}
			if t := setTest(p, x.Clone()); t != nil {
				return []jen.Code{jen.If(t).Block(set...)}
			}
			return set
		default: // structure, union, document: JSON
			st := jen.If(setTest(p, x.Clone())).Block(
				jen.Id("w").Op(":=").Id("r").Dot("JSON").Call(),
				jen.Block(g.encodeValue(p, x.Clone())...),
				r.Clone().Dot("Body").Op("=").Id("w").Dot("Bytes").Call(),
				contentType("application/json"),
			)
			if p.Shape.Kind == ir.Structure {
				// an absent structure payload is sent as an empty object, as AWS SDKs do
				st.Else().Block(
					r.Clone().Dot("Body").Op("=").Index().Byte().Parens(jen.Lit("{}")),
					contentType("application/json"),
				)
			}
			return []jen.Code{st}
		}
	}
	var members []jen.Code
	for _, m := range in.Members {
		if m.Location == ir.InBody {
			members = append(members, g.encodeMember(m, jen.Id("v").Dot(m.GoName))...)
		}
	}
	if op.HTTP.Target != "" {
		// awsJson: the input is always an object, even an empty one, and the target
		// header names the operation.
		out := []jen.Code{jen.Id("w").Op(":=").Id("r").Dot("JSON").Call(), jen.Id("w").Dot("ObjectStart").Call()}
		out = append(out, members...)
		out = append(out, jen.Id("w").Dot("ObjectEnd").Call(), r.Clone().Dot("Body").Op("=").Id("w").Dot("Bytes").Call(),
			r.Clone().Dot("SetHeader").Call(jen.Lit("Content-Type"), jen.Lit(g.svc.JSONContentType())),
			r.Clone().Dot("SetHeader").Call(jen.Lit("X-Amz-Target"), jen.Lit(op.HTTP.Target)))
		if g.svc.QueryCompatible {
			// asks the service for the query protocol's error codes (x-amzn-query-error)
			out = append(out, r.Clone().Dot("SetHeader").Call(jen.Lit("X-Amzn-Query-Mode"), jen.Lit("true")))
		}
		return out
	}
	if len(members) == 0 {
		return nil
	}
	out := []jen.Code{jen.Id("w").Op(":=").Id("r").Dot("JSON").Call(), jen.Id("w").Dot("ObjectStart").Call()}
	out = append(out, members...)
	return append(out, jen.Id("w").Dot("ObjectEnd").Call(), r.Clone().Dot("Body").Op("=").Id("w").Dot("Bytes").Call(), contentType("application/json"))
}

// fromString parses text from a header (or label or query) into dst; a parse error
// returns from the enclosing function.
func (g *gen) fromString(m *ir.Member, s jen.Code, dst *jen.Statement) []jen.Code {
	assign := func(val jen.Code) jen.Code {
		if m.Pointer {
			return jen.Block(jen.Id("x").Op(":=").Add(val), dst.Clone().Op("=").Op("&").Id("x"))
		}
		return dst.Clone().Op("=").Add(val)
	}
	withErr := func(call jen.Code, conv func(jen.Code) jen.Code) []jen.Code {
		return []jen.Code{
			jen.List(jen.Id("p"), jen.Err()).Op(":=").Add(call),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
			assign(conv(jen.Id("p"))),
		}
	}
	same := func(c jen.Code) jen.Code { return c }
	switch m.Shape.Kind {
	case ir.String:
		if m.JSONValue && m.Location == ir.InHeader {
			// a JSON value is base64 in a header only (toString); in a query
			// parameter or label it is the JSON text itself
			return withErr(jen.Qual(httpbindPath, "DecodeJSONValue").Call(s), same)
		}
		return []jen.Code{assign(s)}
	case ir.Enum:
		return []jen.Code{assign(jen.Qual(g.typesPath, m.Shape.GoName).Parens(s))}
	case ir.Boolean:
		return withErr(jen.Qual(httpbindPath, "ParseBool").Call(s), same)
	case ir.Byte, ir.Short, ir.Integer, ir.Long:
		bits := map[ir.Kind]int{ir.Byte: 8, ir.Short: 16, ir.Integer: 32, ir.Long: 64}[m.Shape.Kind]
		t := map[ir.Kind]*jen.Statement{ir.Byte: jen.Int8(), ir.Short: jen.Int16(), ir.Integer: jen.Int32(), ir.Long: jen.Int64()}[m.Shape.Kind]
		return withErr(jen.Qual(httpbindPath, "ParseInt").Call(s, jen.Lit(bits)), func(c jen.Code) jen.Code { return t.Clone().Parens(c) })
	case ir.Float:
		return withErr(jen.Qual(httpbindPath, "ParseFloat").Call(s, jen.Lit(32)), func(c jen.Code) jen.Code { return jen.Float32().Parens(c) })
	case ir.Double:
		return withErr(jen.Qual(httpbindPath, "ParseFloat").Call(s, jen.Lit(64)), same)
	case ir.Timestamp:
		return withErr(jen.Qual(httpbindPath, "ParseTime").Call(s, jen.Lit(m.TimestampFormat)), same)
	case ir.Blob:
		return withErr(jen.Qual("encoding/base64", "StdEncoding").Dot("DecodeString").Call(s), same)
	case ir.BigInteger:
		return withErr(jen.Qual(httpbindPath, "ParseBigInt").Call(s), same)
	case ir.BigDecimal:
		return withErr(jen.Qual(httpbindPath, "ParseBigFloat").Call(s), same)
	}
	return nil
}

// deserializer declares deserialize<Op> of an HTTP binding protocol: status code,
// headers, payload or body. structured decodes a structure payload or the body members
// (and returns); nil decodes them as JSON.
func (g *gen) deserializer(f *jen.File, op *ir.Operation, structured func(out *ir.Shape) []jen.Code) {
	out := op.Output
	var body []jen.Code
	for _, m := range out.Members {
		x := jen.Id("v").Dot(m.GoName)
		switch m.Location {
		case ir.InStatusCode:
			if m.Pointer {
				body = append(body, jen.Block(jen.Id("x").Op(":=").Int32().Parens(jen.Id("resp").Dot("StatusCode")), x.Clone().Op("=").Op("&").Id("x")))
			} else {
				body = append(body, x.Clone().Op("=").Int32().Parens(jen.Id("resp").Dot("StatusCode")))
			}
		case ir.InHeader:
			body = append(body, g.headerGet(m, x)...)
		case ir.InHeaders:
			// no header with the prefix is an empty map, as botocore has it
			body = append(body, g.headerMapFrom(jen.Id("resp").Dot("Header"), m, x),
				jen.If(x.Clone().Op("==").Nil()).Block(x.Clone().Op("=").Make(g.typeOf(m))))
		}
	}
	if p := out.Payload; p != nil {
		x := jen.Id("v").Dot(p.GoName)
		switch {
		case isEventStream(p):
			body = append(body, g.eventStreamOutputDecode(p, x.Clone())...)
		case p.Shape.Kind == ir.Blob && p.Streaming:
			body = append(body, x.Clone().Op("=").Id("resp").Dot("Body"))
		case p.Shape.Kind == ir.Blob:
			body = append(body, jen.If(jen.Len(jen.Id("body")).Op(">").Lit(0)).Block(x.Clone().Op("=").Id("body")))
		case p.Shape.Kind == ir.String || p.Shape.Kind == ir.Enum:
			body = append(body, jen.If(jen.Len(jen.Id("body")).Op(">").Lit(0)).Block(g.fromString(p, jen.String().Parens(jen.Id("body")), x.Clone())...))
		case structured != nil:
			body = append(body, structured(out)...)
			g.deserializerFunc(f, op, body)
			return
		default:
			body = append(body, jen.If(jen.Len(jen.Id("body")).Op(">").Lit(0)).Block(
				jen.Id("d").Op(":=").Qual(jsonwirePath, "NewDecoderShared").Call(jen.Id("body")),
				g.decodeInto(p, x.Clone()),
				jen.Return(jen.Id("d").Dot("End").Call()),
			))
		}
	} else if sm := eventStreamBodyMember(out); sm != nil {
		body = append(body, g.eventStreamInitialDecode(out, sm)...)
		g.deserializerFunc(f, op, body)
		return
	} else if hasBody(out) && structured != nil {
		body = append(body, structured(out)...)
		g.deserializerFunc(f, op, body)
		return
	} else if hasBody(out) {
		body = append(body, jen.If(jen.Len(jen.Id("body")).Op("==").Lit(0)).Block(jen.Return(jen.Nil())),
			jen.Id("d").Op(":=").Qual(jsonwirePath, "NewDecoderShared").Call(jen.Id("body")),
			jen.For(jen.Id("d").Dot("ObjectNext").Call()).Block(
				jen.Switch(jen.String().Parens(jen.Id("d").Dot("Key").Call())).Block(g.decodeCases(out, jen.Id("v"))...),
			),
			jen.Return(jen.Id("d").Dot("End").Call()),
		)
		g.deserializerFunc(f, op, body)
		return
	}
	body = append(body, jen.Return(jen.Nil()))
	g.deserializerFunc(f, op, body)
}

// deserializerFunc declares deserialize<Op> with body.
func (g *gen) deserializerFunc(f *jen.File, op *ir.Operation, body []jen.Code) {
	f.Func().Id("deserialize"+op.GoName).Params(jen.Id("resp").Op("*").Qual("net/http", "Response"), jen.Id("body").Index().Byte(), jen.Id("v").Op("*").Id(op.Output.GoName)).Error().Block(body...)
	f.Line()
}

func hasBody(sh *ir.Shape) bool {
	for _, m := range sh.Members {
		if m.Location == ir.InBody {
			return true
		}
	}
	return false
}

// headerGet reads a header member of a response when the header is present.
func (g *gen) headerGet(m *ir.Member, x *jen.Statement) []jen.Code {
	return g.headerGetFrom(jen.Id("resp").Dot("Header"), m, x)
}

// headerGetFrom reads a header member from the http.Header h when the header is present.
func (g *gen) headerGetFrom(h *jen.Statement, m *ir.Member, x *jen.Statement) []jen.Code {
	if m.Shape.Kind == ir.List {
		el := boundElem(m, m.Shape.Elem)
		split := "SplitHeaderList"
		if el.Shape.Kind == ir.Timestamp && el.TimestampFormat == ir.HTTPDate {
			split = "SplitHeaderTimes"
		}
		return []jen.Code{jen.If(jen.Id("vals").Op(":=").Add(h.Clone()).Dot("Values").Call(jen.Lit(m.LocationName)), jen.Len(jen.Id("vals")).Op(">").Lit(0)).Block(
			x.Clone().Op("=").Make(g.typeOf(m), jen.Lit(0)),
			jen.For(jen.List(jen.Id("_"), jen.Id("s")).Op(":=").Range().Qual(httpbindPath, split).Call(jen.Id("vals"))).Block(
				jen.Var().Id("e").Add(g.typeOf(el)),
				jen.Block(g.fromString(el, jen.Id("s"), jen.Id("e"))...),
				x.Clone().Op("=").Append(x.Clone(), jen.Id("e")),
			),
		)}
	}
	return []jen.Code{jen.If(jen.Id("s").Op(":=").Add(h).Dot("Get").Call(jen.Lit(m.LocationName)), jen.Id("s").Op("!=").Lit("")).Block(g.fromString(m, jen.Id("s"), x)...)}
}

// errorDecoder declares decodeError: the modeled error for a code, filled from the
// response, or nil.
func (g *gen) errorDecoder(f *jen.File) {
	var cases []jen.Code
	used := map[string]bool{}
	for _, e := range g.svc.Errors {
		var fill []jen.Code
		fill = append(fill, jen.Id("v").Op(":=").Op("&").Qual(g.typesPath, e.GoName).Values())
		for _, m := range e.Members {
			if m.Location == ir.InHeader {
				fill = append(fill, g.headerGet(m, jen.Id("v").Dot(m.GoName))...)
			}
		}
		fill = append(fill, jen.If(jen.Len(jen.Id("body")).Op(">").Lit(0)).Block(g.proto.errorBody(e)))
		if g.svc.QueryCompatible {
			fill = append(fill, jen.Id("v").Dot("ErrorCodeOverride").Op("=").Qual(clientRTPath, "ErrorCodeOverride").Call(jen.Id("resp"), jen.Lit(e.Error.Code)))
		}
		fill = append(fill, jen.Return(jen.Id("v")))
		// The code is the error's code (error.code, else its name); a json service
		// sends the name as __type even where a code for its query past is modeled.
		var codes []jen.Code
		for _, c := range []string{e.Error.Code, e.Name} {
			if !used[c] {
				used[c] = true
				codes = append(codes, jen.Lit(c))
			}
		}
		if len(codes) > 0 {
			cases = append(cases, jen.Case(codes...).Block(fill...))
		}
	}
	var body []jen.Code
	if len(cases) > 0 {
		body = append(body, jen.Switch(jen.Id("code")).Block(cases...))
	}
	body = append(body, jen.Return(jen.Nil()))
	f.Comment("decodeError returns the modeled error a code names, filled from the response, or nil.")
	f.Func().Id("decodeError").Params(jen.Id("code").String(), jen.Id("resp").Op("*").Qual("net/http", "Response"), jen.Id("body").Index().Byte()).Error().Block(body...)
	f.Line()
}

// jsonErrorBody decodes the JSON body of modeled error e into v.
func (g *gen) jsonErrorBody(e *ir.Shape) jen.Code {
	return g.serdeRef("Decode", e).Call(jen.Qual(jsonwirePath, "ErrorDecoder").Call(jen.Id("body")), jen.Id("v"))
}

// xmlErrorBody decodes the XML body of modeled error e (its Error element) into v.
func (g *gen) xmlErrorBody(e *ir.Shape) jen.Code {
	return g.serdeRef("XMLDecode", e).Call(jen.Qual(xmlwirePath, "ErrorDecoder").Call(jen.Id("body")), jen.Id("v"))
}

// headerMapFrom reads a map bound to headers with a prefix from the http.Header h; an
// empty prefix takes every header. net/http canonicalizes header names, so the case the
// service sent is lost: the map's keys are the names after the prefix in lower case,
// as S3 stores its metadata keys and aws-sdk-go-v2 returns them ("x-amz-meta-Color"
// is "color").
func (g *gen) headerMapFrom(h *jen.Statement, m *ir.Member, x *jen.Statement) jen.Code {
	val := boundElem(m, m.Shape.Value)
	return jen.For(jen.List(jen.Id("k"), jen.Id("vals")).Op(":=").Range().Add(h)).Block(
		jen.If(jen.Len(jen.Id("k")).Op(">=").Lit(len(m.LocationName)).Op("&&").Qual("strings", "EqualFold").Call(jen.Id("k").Index(jen.Empty(), jen.Lit(len(m.LocationName))), jen.Lit(m.LocationName))).Block(
			jen.If(x.Clone().Op("==").Nil()).Block(x.Clone().Op("=").Make(g.typeOf(m))),
			jen.Var().Id("e").Add(g.typeOf(val)),
			jen.Block(g.fromString(val, jen.Qual("strings", "Join").Call(jen.Id("vals"), jen.Lit(",")), jen.Id("e"))...),
			x.Clone().Index(g.typeOf(m.Shape.Key).Parens(jen.Qual("strings", "ToLower").Call(jen.Id("k").Index(jen.Lit(len(m.LocationName)), jen.Empty())))).Op("=").Id("e"),
		),
	)
}
