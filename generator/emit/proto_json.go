package emit

import (
	"github.com/dave/jennifer/jen"
	"github.com/svcgen/svcgen/generator/ir"
)

// awsJSONProtocol is awsJson 1.0 and 1.1: a POST of the whole input as a JSON object
// to "/", the operation named by X-Amz-Target; the request and response code of
// rest-json with every member in the body (resolve binds them so).
type awsJSONProtocol struct{ g *gen }

// clientConfig: error responses are read from JSON.
func (p awsJSONProtocol) clientConfig(fields jen.Dict) {
	fields[jen.Id("ReadError")] = jen.Qual(clientRTPath, "ReadErrorInfo")
}

func (p awsJSONProtocol) serializer(f *jen.File, op *ir.Operation) {
	p.g.serializer(f, op, p.g.requestBody)
}

func (p awsJSONProtocol) deserializer(f *jen.File, op *ir.Operation) {
	p.g.deserializer(f, op, nil)
}

func (p awsJSONProtocol) errorBody(e *ir.Shape) jen.Code { return p.g.jsonErrorBody(e) }

func (p awsJSONProtocol) serdeFile() { p.g.serdeFile() }

func (p awsJSONProtocol) presignDoc() string { return "" }

func (p awsJSONProtocol) server() serverProtocol { return p }

// routerSetup: a request must have the protocol's Content-Type.
func (p awsJSONProtocol) routerSetup() []jen.Code {
	return []jen.Code{jen.Id("r").Dot("SetContentType").Call(jen.Lit(p.g.svc.JSONContentType()))}
}

// route: by the X-Amz-Target header.
func (p awsJSONProtocol) route(op *ir.Operation, serve jen.Code) (jen.Code, bool) {
	return jen.Id("r").Dot("HandleTarget").Call(jen.Lit(op.HTTP.Target), jen.Lit(op.Name), serve), true
}

func (p awsJSONProtocol) requestDecoder(f *jen.File, op *ir.Operation) {
	p.g.requestDecoder(f, op, nil)
}

func (p awsJSONProtocol) responseEncoder(f *jen.File, op *ir.Operation) {
	p.g.responseEncoder(f, op, nil)
}

// errorWriter: the shape name as __type; the query code too when the service is
// compatible with its query past (its ErrorCode: the modeled code, or the
// ErrorCodeOverride the handler set).
func (p awsJSONProtocol) errorWriter(e *ir.Shape, v string, headers []jen.Code) []jen.Code {
	queryCode := jen.Lit("")
	if p.g.svc.QueryCompatible {
		queryCode = jen.Id(v).Dot("ErrorCode").Call()
	}
	fault := jen.Qual(smithyPath, "FaultClient")
	if e.Error.Fault == ir.FaultServer {
		fault = jen.Qual(smithyPath, "FaultServer")
	}
	out := []jen.Code{jen.Id("c").Dot("WriteAWSJSONError").Call(jen.Lit(e.Error.HTTPStatus), jen.Lit(e.Name), queryCode, fault)}
	return append(append(out, headers...), p.g.jsonErrorEncode(e, v))
}

func (p awsJSONProtocol) events() eventCodec { return jsonEvents{p.g} }
