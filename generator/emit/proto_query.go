package emit

import (
	"github.com/dave/jennifer/jen"
	"github.com/svcgen/svcgen/generator/ir"
)

// queryProtocol is awsQuery and its ec2 variant: a form-encoded POST to "/" naming
// the operation in its Action parameter (query.go), answered with XML (the decoders of
// query.go, the encoders of restxml.go); the server (queryserver.go) reads the form
// with querywire.Decoder and answers in <OpResponse> wrappers.
type queryProtocol struct{ g *gen }

func (p queryProtocol) clientConfig(fields jen.Dict) {
	fields[jen.Id("ReadError")] = jen.Qual(clientRTPath, "ReadXMLErrorInfo")
}

func (p queryProtocol) serializer(f *jen.File, op *ir.Operation) { p.g.querySerializer(f, op) }

func (p queryProtocol) deserializer(f *jen.File, op *ir.Operation) { p.g.queryDeserializer(f, op) }

func (p queryProtocol) errorBody(e *ir.Shape) jen.Code { return p.g.xmlErrorBody(e) }

func (p queryProtocol) serdeFile() { p.g.xmlSerdeFile("awsQuery form", p.serdeFuncs) }

// serdeFuncs declares the client's form encoder of sh and, unless the package has no
// server, the server's form decoder and XML encoders.
func (p queryProtocol) serdeFuncs(fs *serdeFiles, sh *ir.Shape) {
	if f := fs.of("Query", sh); f != nil {
		p.g.queryEncodeFuncs(f, sh)
	}
	if f := fs.of("QueryDecode", sh); f != nil {
		p.g.queryDecodeFuncs(f, sh)
	}
	if f := fs.of("XMLEncode", sh); f != nil {
		p.g.xmlEncodeFuncs(f, sh)
	}
	if f := fs.of("XMLErrorMembers", sh); f != nil {
		p.g.xmlErrorMembersFunc(f, sh)
	}
}

func (p queryProtocol) presignDoc() string { return " It is a GET whose query string holds the input." }

func (p queryProtocol) server() serverProtocol { return p }

// routerSetup: errors in the protocol's XML form.
func (p queryProtocol) routerSetup() []jen.Code {
	style := "QueryErrors"
	if p.g.svc.EC2() {
		style = "EC2Errors"
	}
	return []jen.Code{jen.Id("r").Dot("SetXMLErrors").Call(jen.Qual(serverRTPath, style))}
}

// route: by the form's Action.
func (p queryProtocol) route(op *ir.Operation, serve jen.Code) (jen.Code, bool) {
	return jen.Id("r").Dot("HandleAction").Call(jen.Lit(op.Name), jen.Lit(op.Name), serve), true
}

func (p queryProtocol) requestDecoder(f *jen.File, op *ir.Operation) {
	p.g.queryRequestDecoder(f, op)
}

func (p queryProtocol) responseEncoder(f *jen.File, op *ir.Operation) {
	p.g.queryResponseEncoder(f, op)
}

func (p queryProtocol) errorWriter(e *ir.Shape, v string, headers []jen.Code) []jen.Code {
	return p.g.xmlErrorWriter(e, v, headers)
}

func (p queryProtocol) events() eventCodec { return nil }
