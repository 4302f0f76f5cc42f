package emit

import (
	"slices"

	"github.com/dave/jennifer/jen"
	"github.com/svcgen/svcgen/generator/ir"
)

// presignable lists, by service ID, the operations that get a Presign<Op> method: the
// ones aws-sdk-go-v2's presign clients presign and a presigned URL can carry (no
// request body, or an awsQuery form that becomes the URL's query). S3's five are what
// its PresignClient offers for objects; STS's GetCallerIdentity is what EKS
// authentication tokens are made of. No other operation of any model gets one: a
// model does not mark operations presignable, so this table is the rule. (Polly's
// SynthesizeSpeech, which aws-sdk-go-v2 presigns by moving a JSON body into the
// query, is not here.)
var presignable = map[string][]string{
	"S3":  {"DeleteObject", "GetObject", "HeadObject", "PutObject", "UploadPart"},
	"STS": {"GetCallerIdentity"},
}

// presigns reports whether op gets a Presign method.
func (g *gen) presigns(op *ir.Operation) bool {
	return slices.Contains(presignable[g.svc.ServiceID], op.Name)
}

// presignMethod declares the client's Presign method for one presignable operation.
//
//	func (c *Client) PresignOp(ctx context.Context, params *OpInput, expires time.Duration, optFns ...func(*Options)) (*client.PresignedRequest, error)
func (g *gen) presignMethod(f *jen.File, op *ir.Operation) {
	if !g.presigns(op) {
		return
	}
	in := op.Input.GoName
	name := "Presign" + op.GoName
	doc := name + " presigns a " + op.Name + " request: it returns the URL (signed in its " +
		"query string), the method and the signed headers with which anyone may send the " +
		"request, without credentials, until expires has passed (at most 7 days; 0: 15 " +
		"minutes). The request is built as " + op.GoName + " builds it (validation, endpoint, " +
		"addressing, headers); nothing is sent."
	switch {
	case g.proto.presignDoc() != "":
		doc += g.proto.presignDoc()
	case streamingInput(op):
		doc += " The body is not part of it: the sender sends it with the URL."
	}
	f.Add(docComment(doc))
	f.Func().Params(jen.Id("c").Op("*").Id("Client")).Id(name).Params(
		jen.Id("ctx").Qual("context", "Context"), jen.Id("params").Op("*").Id(in), jen.Id("expires").Qual("time", "Duration"),
		jen.Id("optFns").Op("...").Func().Params(jen.Op("*").Id("Options")),
	).Params(jen.Op("*").Qual(clientRTPath, "PresignedRequest"), jen.Error()).Block(
		jen.If(jen.Id("params").Op("==").Nil()).Block(jen.Id("params").Op("=").Op("&").Id(in).Values()),
		lines(g.inputCustomizations(op)),
		jen.List(jen.Id("cfg"), jen.Err()).Op(":=").Id("c").Dot("callConfig").Call(jen.Id("optFns")),
		g.operationEndpoint(op),
		jen.If(jen.Err().Op("==").Nil()).Block(jen.Err().Op("=").Id("params").Dot("validateRequest").Call()),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Qual(clientRTPath, "OperationError").Call(jen.Id("ServiceID"), jen.Lit(op.Name), jen.Err()))),
		jen.Return(jen.Qual(clientRTPath, "Presign").Call(jen.Id("ctx"), jen.Id("cfg"), jen.Op("&").Id("op"+op.GoName), jen.Id("params"),
			jen.Id("serialize"+op.GoName), jen.Id("expires"))),
	)
	f.Line()
}

// streamingInput reports whether op's input has a streaming payload.
func streamingInput(op *ir.Operation) bool {
	for _, m := range op.Input.Members {
		if m.Location == ir.InPayload && m.Streaming {
			return true
		}
	}
	return false
}
