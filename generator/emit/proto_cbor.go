package emit

import (
	"github.com/dave/jennifer/jen"
	"github.com/svcgen/svcgen/generator/ir"
)

const cborwirePath = runtimePath + "/cborwire"

// rpcV2CBORProtocol is Smithy RPC v2 CBOR: a POST of the whole input as a CBOR map to
// "/service/{service}/operation/{operation}" (resolve sets that requestUri and binds
// every member to the body), with "smithy-protocol: rpc-v2-cbor" both ways, and errors
// named by "__type" in the body. It is awsJson with CBOR bodies: the serde functions
// are the JSON protocols' on package cborwire, whose API is jsonwire's.
type rpcV2CBORProtocol struct{ g *gen }

// newRPCv2CBOR selects cborwire for the serde functions; nil (no client or server)
// for a model with a document, which the protocol cannot carry (resolve picks an
// alternative protocol when the model lists one).
func newRPCv2CBOR(g *gen) protocol {
	for _, sh := range g.svc.AllShapes {
		if sh.Kind == ir.Document || sh.EventStream {
			return nil
		}
	}
	g.wirePath = cborwirePath
	return rpcV2CBORProtocol{g}
}

// clientConfig: error responses are read from CBOR.
func (p rpcV2CBORProtocol) clientConfig(fields jen.Dict) {
	fields[jen.Id("ReadError")] = jen.Qual(clientRTPath, "ReadCBORErrorInfo")
}

func (p rpcV2CBORProtocol) serializer(f *jen.File, op *ir.Operation) {
	p.g.serializer(f, op, p.requestBody)
}

// requestBody: the protocol's headers, and the input as a CBOR map, empty or not;
// an operation without input in the model sends no body (and no Content-Type).
func (p rpcV2CBORProtocol) requestBody(op *ir.Operation) []jen.Code {
	r := jen.Id("r")
	out := []jen.Code{
		r.Clone().Dot("SetHeader").Call(jen.Lit("Smithy-Protocol"), jen.Lit("rpc-v2-cbor")),
		r.Clone().Dot("SetHeader").Call(jen.Lit("Accept"), jen.Lit("application/cbor")),
	}
	if p.g.svc.QueryCompatible {
		// asks the service for the query protocol's error codes (x-amzn-query-error)
		out = append(out, r.Clone().Dot("SetHeader").Call(jen.Lit("X-Amzn-Query-Mode"), jen.Lit("true")))
	}
	if op.NoInput {
		return out
	}
	out = append(out, jen.Id("w").Op(":=").Id("r").Dot("CBOR").Call(), jen.Id("w").Dot("ObjectStart").Call())
	for _, m := range op.Input.Members {
		out = append(out, p.g.encodeMember(m, jen.Id("v").Dot(m.GoName))...)
	}
	return append(out, jen.Id("w").Dot("ObjectEnd").Call(),
		r.Clone().Dot("Body").Op("=").Id("w").Dot("Bytes").Call(),
		r.Clone().Dot("SetHeader").Call(jen.Lit("Content-Type"), jen.Lit("application/cbor")))
}

func (p rpcV2CBORProtocol) deserializer(f *jen.File, op *ir.Operation) {
	p.g.deserializer(f, op, p.responseBody)
}

// responseBody decodes the output's members from the body's CBOR map; an empty body
// is an empty output.
func (p rpcV2CBORProtocol) responseBody(out *ir.Shape) []jen.Code {
	d := jen.Id("d")
	return []jen.Code{
		jen.If(jen.Len(jen.Id("body")).Op("==").Lit(0)).Block(jen.Return(jen.Nil())),
		d.Clone().Op(":=").Qual(cborwirePath, "NewDecoderShared").Call(jen.Id("body")),
		jen.For(d.Clone().Dot("ObjectNext").Call()).Block(
			jen.Switch(jen.String().Parens(d.Clone().Dot("Key").Call())).Block(p.g.decodeCases(out, jen.Id("v"))...),
		),
		jen.Return(d.Clone().Dot("End").Call()),
	}
}

func (p rpcV2CBORProtocol) errorBody(e *ir.Shape) jen.Code {
	return p.g.serdeRef("Decode", e).Call(jen.Qual(cborwirePath, "NewDecoder").Call(jen.Id("body")), jen.Id("v"))
}

func (p rpcV2CBORProtocol) serdeFile() { p.g.serdeFile() }

func (p rpcV2CBORProtocol) presignDoc() string { return "" }

func (p rpcV2CBORProtocol) server() serverProtocol { return p }

// routerSetup: CBOR bodies, the router's own errors included.
func (p rpcV2CBORProtocol) routerSetup() []jen.Code {
	return []jen.Code{jen.Id("r").Dot("SetCBOR").Call()}
}

// route: POST /service/{service}/operation/{operation}.
func (p rpcV2CBORProtocol) route(op *ir.Operation, serve jen.Code) (jen.Code, bool) {
	return p.g.restRoute(op, serve)
}

// requestDecoder declares decode<Op>: the input's members from the body's CBOR map
// (rt.Call.CBORDecoder: one map, no repeated key); an empty body is an input without
// members, which lacks every required one.
func (p rpcV2CBORProtocol) requestDecoder(f *jen.File, op *ir.Operation) {
	g := p.g
	in := op.Input
	var empty []jen.Code
	for _, m := range requiredValues(in) {
		empty = append(empty, jen.Id("c").Dot("Missing").Call(jen.Lit(m.GoName)))
	}
	body := []jen.Code{
		jen.If(jen.Len(jen.Id("c").Dot("Body").Call()).Op("==").Lit(0)).Block(append(empty, jen.Return(jen.Nil()))...),
		jen.List(jen.Id("d"), jen.Err()).Op(":=").Id("c").Dot("CBORDecoder").Call(),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
	}
	decl, report := g.presence(in)
	body = append(body, decl...)
	body = append(body, jen.For(jen.Id("d").Dot("ObjectNext").Call()).Block(
		jen.Switch(jen.String().Parens(jen.Id("d").Dot("Key").Call())).Block(g.decodeCases(in, jen.Id("v"))...),
	))
	body = append(body, report...)
	body = append(body, jen.Return(jen.Id("d").Dot("End").Call()))
	f.Func().Id("decode"+op.GoName).Params(jen.Id("c").Op("*").Qual(serverRTPath, "Call"), jen.Id("v").Op("*").Qual(g.cfg.ImportPath, in.GoName)).Error().Block(body...)
	f.Line()
}

// responseEncoder declares encode<Op>: the output as a CBOR map, empty or not.
func (p rpcV2CBORProtocol) responseEncoder(f *jen.File, op *ir.Operation) {
	r := jen.Id("r")
	body := []jen.Code{
		r.Clone().Dot("SetStatus").Call(jen.Lit(op.HTTP.ResponseCode)),
		jen.Id("w").Op(":=").Add(r.Clone()).Dot("CBOR").Call(),
		jen.Id("w").Dot("ObjectStart").Call(),
	}
	for _, m := range op.Output.Members {
		body = append(body, p.g.encodeMember(m, jen.Id("v").Dot(m.GoName))...)
	}
	body = append(body, jen.Id("w").Dot("ObjectEnd").Call())
	f.Func().Id("encode"+op.GoName).Params(jen.Id("r").Op("*").Qual(serverRTPath, "Call"), jen.Id("v").Op("*").Qual(p.g.cfg.ImportPath, op.Output.GoName)).Block(body...)
	f.Line()
}

// errorWriter: the shape name as __type; the query code too when the service is
// compatible with its query past (its ErrorCode: the modeled code, or the
// ErrorCodeOverride the handler set).
func (p rpcV2CBORProtocol) errorWriter(e *ir.Shape, v string, headers []jen.Code) []jen.Code {
	queryCode := jen.Lit("")
	if p.g.svc.QueryCompatible {
		queryCode = jen.Id(v).Dot("ErrorCode").Call()
	}
	fault := jen.Qual(smithyPath, "FaultClient")
	if e.Error.Fault == ir.FaultServer {
		fault = jen.Qual(smithyPath, "FaultServer")
	}
	out := []jen.Code{jen.Id("c").Dot("WriteRPCv2CBORError").Call(jen.Lit(e.Error.HTTPStatus), jen.Lit(e.Name), queryCode, fault)}
	out = append(out, headers...)
	return append(out, p.g.serdeRef("Encode", e).Call(jen.Id("c").Dot("CBOR").Call(), jen.Id(v)))
}

func (p rpcV2CBORProtocol) events() eventCodec { return nil }
