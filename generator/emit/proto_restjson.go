package emit

import (
	"github.com/dave/jennifer/jen"
	"github.com/svcgen/svcgen/generator/ir"
)

// restJSONProtocol is rest-json (Smithy's restJson1): the HTTP bindings of
// restjson.go and server.go, with JSON bodies (serde.go).
type restJSONProtocol struct{ g *gen }

// clientConfig: error responses are read from JSON.
func (p restJSONProtocol) clientConfig(fields jen.Dict) {
	fields[jen.Id("ReadError")] = jen.Qual(clientRTPath, "ReadErrorInfo")
}

func (p restJSONProtocol) serializer(f *jen.File, op *ir.Operation) {
	p.g.serializer(f, op, p.g.requestBody)
}

func (p restJSONProtocol) deserializer(f *jen.File, op *ir.Operation) {
	p.g.deserializer(f, op, nil)
}

func (p restJSONProtocol) errorBody(e *ir.Shape) jen.Code { return p.g.jsonErrorBody(e) }

func (p restJSONProtocol) serdeFile() { p.g.serdeFile() }

func (p restJSONProtocol) presignDoc() string { return "" }

func (p restJSONProtocol) server() serverProtocol { return p }

func (p restJSONProtocol) routerSetup() []jen.Code { return nil }

func (p restJSONProtocol) route(op *ir.Operation, serve jen.Code) (jen.Code, bool) {
	return p.g.restRoute(op, serve)
}

func (p restJSONProtocol) requestDecoder(f *jen.File, op *ir.Operation) {
	p.g.requestDecoder(f, op, nil)
}

func (p restJSONProtocol) responseEncoder(f *jen.File, op *ir.Operation) {
	p.g.responseEncoder(f, op, nil)
}

// errorWriter: the error's status, its code in X-Amzn-ErrorType, its header members,
// a JSON body of the others.
func (p restJSONProtocol) errorWriter(e *ir.Shape, v string, headers []jen.Code) []jen.Code {
	out := []jen.Code{jen.Id("c").Dot("WriteModeledError").Call(jen.Lit(e.Error.HTTPStatus), jen.Lit(e.Error.Code))}
	return append(append(out, headers...), p.g.jsonErrorEncode(e, v))
}

func (p restJSONProtocol) events() eventCodec { return jsonEvents{p.g} }
