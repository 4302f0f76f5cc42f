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
	p.g.deserializer(f, op, func(out *ir.Shape) []jen.Code {
		return p.g.xmlResponseBody(out, "", "xmlNames"+op.GoName+"Response", "deserialize"+op.GoName)
	})
	p.g.flushXMLTables(f)
}

func (p restXMLProtocol) errorBody(e *ir.Shape) jen.Code { return p.g.xmlErrorBody(e) }

func (p restXMLProtocol) serdeFile() {
	p.g.xmlSerdeFile("XML", p.serdeFuncs)
	p.g.eventStreamSerdeFile()
}

func (p restXMLProtocol) events() eventCodec { return xmlEvents{p.g} }

// serdeFuncs declares the XML encoder of sh and, unless the package has no server, the
// encoder of an error's members.
func (p restXMLProtocol) serdeFuncs(fs *serdeFiles, sh *ir.Shape) {
	if f := fs.of("XMLEncode", sh); f != nil {
		p.g.xmlEncodeFuncs(f, sh)
	}
	if f := fs.of("XMLErrorMembers", sh); f != nil {
		p.g.xmlErrorMembersFunc(f, sh)
	}
}

func (p restXMLProtocol) presignDoc() string { return "" }

func (p restXMLProtocol) server() serverProtocol { return p }

// routerSetup: errors in XML (S3's <Error> alone), and for S3 the bucket taken from
// the host of a virtual-hosted request.
func (p restXMLProtocol) routerSetup() []jen.Code {
	if p.g.svc.S3() {
		return []jen.Code{
			jen.Id("r").Dot("SetXMLErrors").Call(jen.Qual(serverRTPath, "S3Errors")),
			jen.Id("r").Dot("SetS3Addressing").Call(jen.True()),
		}
	}
	return []jen.Code{jen.Id("r").Dot("SetXMLErrors").Call(jen.Qual(serverRTPath, "QueryErrors"))}
}

func (p restXMLProtocol) route(op *ir.Operation, serve jen.Code) (jen.Code, bool) {
	return p.g.restRoute(op, serve)
}

func (p restXMLProtocol) requestDecoder(f *jen.File, op *ir.Operation) {
	p.g.requestDecoder(f, op, func(in *ir.Shape) []jen.Code {
		return append([]jen.Code{jen.Id("body").Op(":=").Id("c").Dot("Body").Call()}, p.g.xmlResponseBody(in, "", "xmlNames"+op.GoName+"Request", "decode"+op.GoName)...)
	})
	p.g.flushXMLTables(f)
}

func (p restXMLProtocol) responseEncoder(f *jen.File, op *ir.Operation) {
	p.g.responseEncoder(f, op, p.g.xmlResponseEncode)
}

func (p restXMLProtocol) errorWriter(e *ir.Shape, v string, headers []jen.Code) []jen.Code {
	return p.g.xmlErrorWriter(e, v, headers)
}
