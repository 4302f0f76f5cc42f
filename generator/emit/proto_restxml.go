package emit

import (
	"github.com/dave/jennifer/jen"
	"github.com/svcgen/svcgen/generator/ir"
)

// restXMLProtocol is rest-xml: the HTTP bindings of rest-json (restjson.go) with XML
// bodies (restxml.go): a structure or union payload, or the members bound to the body
// under the input's root element.
type restXMLProtocol struct{ g *gen }

func (p restXMLProtocol) clientConfig(fields jen.Dict) {
	fields[jen.Id("ReadError")] = jen.Qual(clientRTPath, "ReadXMLErrorInfo")
}

func (p restXMLProtocol) serializer(f *jen.File, op *ir.Operation) {
	p.g.serializer(f, op, p.requestBody)
}

// requestBody is XML for a structure or union payload or body members; a blob or
// string payload is sent as rest-json sends it.
func (p restXMLProtocol) requestBody(op *ir.Operation) []jen.Code {
	if pl := op.Input.Payload; pl == nil || pl.Shape.Kind == ir.Structure || pl.Shape.Kind == ir.Union {
		return p.g.xmlRequestBody(op)
	}
	return p.g.requestBody(op)
}

func (p restXMLProtocol) deserializer(f *jen.File, op *ir.Operation) {
	p.g.deserializer(f, op, func(out *ir.Shape) []jen.Code { return p.g.xmlResponseBody(out, "") })
}

func (p restXMLProtocol) errorBody(e *ir.Shape) jen.Code { return p.g.xmlErrorBody(e) }

func (p restXMLProtocol) serdeFile() { p.g.xmlSerdeFile("XML", p.g.xmlEncodeFuncs) }

func (p restXMLProtocol) presignDoc() string { return "" }

func (p restXMLProtocol) server() serverProtocol { return nil }
