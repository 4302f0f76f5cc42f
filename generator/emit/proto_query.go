package emit

import (
	"github.com/dave/jennifer/jen"
	"github.com/svcgen/svcgen/generator/ir"
)

// queryProtocol is awsQuery and its ec2 variant: a form-encoded POST to "/" naming
// the operation in its Action parameter (query.go), answered with XML (the decoders of
// query.go and restxml.go).
type queryProtocol struct{ g *gen }

func (p queryProtocol) clientConfig(fields jen.Dict) {
	fields[jen.Id("ReadError")] = jen.Qual(clientRTPath, "ReadXMLErrorInfo")
}

func (p queryProtocol) serializer(f *jen.File, op *ir.Operation) { p.g.querySerializer(f, op) }

func (p queryProtocol) deserializer(f *jen.File, op *ir.Operation) { p.g.queryDeserializer(f, op) }

func (p queryProtocol) errorBody(e *ir.Shape) jen.Code { return p.g.xmlErrorBody(e) }

func (p queryProtocol) serdeFile() { p.g.xmlSerdeFile("awsQuery form", p.g.queryEncodeFuncs) }

func (p queryProtocol) presignDoc() string { return " It is a GET whose query string holds the input." }

func (p queryProtocol) server() serverProtocol { return nil }
