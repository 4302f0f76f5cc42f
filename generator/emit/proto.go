package emit

import (
	"github.com/dave/jennifer/jen"
	"github.com/svcgen/svcgen/generator/ir"
)

// protocol is what the emitter writes differently for each wire protocol: Generate
// picks one from the IR, once (protocolFor), and asks it for the protocol's parts;
// everything else (types, validators, the client's methods, the server's interface)
// is the same for every protocol. Each protocol is one file, proto_<name>.go; adding
// one is adding a file and a case to protocolFor.
//
// As in smithy-go's codegen, the HTTP binding protocols (rest-json, rest-xml) share
// the code of the bindings (path, query, headers, status) and differ in the codec of
// the body; the RPC protocols (awsJson, awsQuery, ec2) frame the whole input in the
// body.
type protocol interface {
	// clientConfig adds the protocol's fields to the client's runtime configuration
	// (client.Config), as the reader of its error responses.
	clientConfig(fields jen.Dict)
	// serializer declares serialize<Op>: the request of op from its input.
	serializer(f *jen.File, op *ir.Operation)
	// deserializer declares deserialize<Op>: op's output from the response.
	deserializer(f *jen.File, op *ir.Operation)
	// errorBody decodes the body of modeled error e (the Go value v, from body) in
	// the client's error decoder.
	errorBody(e *ir.Shape) jen.Code
	// serdeFile writes internal/serde: the encoders and decoders of the shapes.
	serdeFile()
	// events is the codec of event-stream payloads, or nil when the protocol carries
	// no event streams.
	events() eventCodec
	// presignDoc is what the doc of a Presign method adds for the protocol ("" none).
	presignDoc() string
	// server is the protocol's server side, or nil when svcgen generates no server
	// for it.
	server() serverProtocol
}

// serverProtocol is the server side of a protocol: package server's routes, request
// decoders, response encoders and error encoder.
type serverProtocol interface {
	// routes are the statements that register op's route on the router r, or false
	// when op cannot be routed (its requestUri is no ServeMux pattern).
	route(op *ir.Operation, serve jen.Code) (jen.Code, bool)
	// routerSetup are the statements after the router r is made (a Content-Type the
	// requests must have).
	routerSetup() []jen.Code
	// requestDecoder declares decode<Op>: op's input from the request.
	requestDecoder(f *jen.File, op *ir.Operation)
	// responseEncoder declares encode<Op>: the response of op's output.
	responseEncoder(f *jen.File, op *ir.Operation)
	// errorWriter writes modeled error e, held in the variable v: its status, code,
	// the statements headers (that set its members bound to headers) and its body.
	errorWriter(e *ir.Shape, v string, headers []jen.Code) []jen.Code
}

// protocolFor is the protocol of svc, or nil when svcgen generates neither client nor
// server for it (the package holds the types and validators).
func protocolFor(g *gen) protocol {
	switch g.svc.Protocol {
	case "rest-json":
		return restJSONProtocol{g}
	case "json":
		return awsJSONProtocol{g}
	case "query", "ec2":
		return queryProtocol{g}
	case "rest-xml":
		return restXMLProtocol{g}
	case "smithy-rpc-v2-cbor":
		return newRPCv2CBOR(g)
	}
	return nil
}
