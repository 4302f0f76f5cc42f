package emit

import (
	"strconv"

	"github.com/dave/jennifer/jen"
	"github.com/svcgen/svcgen/generator/ir"
)

// typesFiles writes the types package: structures, enums, unions, documents and errors.
func (g *gen) typesFiles() {
	structs := g.newFile(g.typesPath, "types")
	enums := g.newFile(g.typesPath, "types")
	errs := g.newFile(g.typesPath, "types")
	unions := g.newFile(g.typesPath, "types")
	var nStructs, nEnums, nErrs, nUnions int
	for _, sh := range g.svc.Shapes {
		switch {
		case sh.Error != nil:
			g.structType(errs, sh)
			g.errorMethods(errs, sh)
			nErrs++
		case sh.Kind == ir.Structure:
			g.structType(structs, sh)
			nStructs++
		case sh.Kind == ir.Document:
			g.documentType(structs, sh)
			nStructs++
		case sh.Kind == ir.Enum:
			g.enumType(enums, sh)
			nEnums++
		case sh.Kind == ir.Union:
			g.unionType(unions, sh)
			nUnions++
		}
	}
	if nUnions > 0 {
		g.unknownUnionMember(unions)
	}
	doc := g.newFile(g.typesPath, "types")
	doc.PackageComment("Package types holds the structures, enums, unions and errors of the " + g.svc.FullName + " API.")
	g.render("types/doc.go", doc)
	for _, f := range []struct {
		name string
		file *jen.File
		n    int
	}{{"types/types.go", structs, nStructs}, {"types/enums.go", enums, nEnums}, {"types/errors.go", errs, nErrs}, {"types/unions.go", unions, nUnions}} {
		if f.n > 0 {
			g.render(f.name, f.file)
		}
	}
}

// structType declares a structure and, when it holds anything sensitive, its
// redacting print methods.
//
//	type X struct {
//		// doc
//		Member T
//	}
func (g *gen) structType(f *jen.File, sh *ir.Shape) {
	var fields []jen.Code
	for _, m := range sh.Members {
		fields = append(fields, g.field(m))
	}
	fields = append(fields, g.retiredFields(sh)...)
	if sh.Error != nil && sh.Error.MessageSynthetic {
		fields = append(fields, jen.Comment("The message the service sent with the error.").Line().Id(sh.Error.MessageField).Op("*").String())
	}
	if sh.Error != nil && g.svc.QueryCompatible {
		fields = append(fields, jen.Comment("ErrorCodeOverride is the code the service sent, when it is not the modeled one: the").Line().
			Comment("query code of an awsQueryCompatible service's X-Amzn-Query-Error header.").Line().
			Id("ErrorCodeOverride").Op("*").String())
	}
	fallback := "is a structure of the API."
	if sh.Error != nil {
		fallback = "is an error of the API."
	}
	f.Add(docComment(typeDoc(sh.GoName, sh.Doc, fallback)))
	f.Type().Id(sh.GoName).Struct(fields...)
	f.Line()
	if sh.ContainsSensitive {
		g.redactMethods(f, sh.GoName, g.structLayout(sh), sh.Error != nil)
	}
}

// field is one struct field with its documentation.
func (g *gen) field(m *ir.Member) jen.Code {
	doc := m.Doc
	if m.Required {
		doc = appendPara(doc, "This member is required.")
	}
	if m.Sensitive {
		doc = appendPara(doc, "This member is sensitive: it never prints.")
	}
	return jen.Add(fieldDoc(doc)).Id(m.GoName).Add(g.typeOf(m))
}

// retiredFields are the fields a lock file keeps after the model dropped their
// members; nothing sends, reads or checks them.
func (g *gen) retiredFields(sh *ir.Shape) []jen.Code {
	var out []jen.Code
	for _, m := range sh.Retired {
		out = append(out, jen.Comment("Deprecated: the model no longer has the member "+m.Name+"; svcgen.lock keeps this").Line().
			Comment("field so that code setting it compiles. It is neither sent nor read.").Line().
			Id(m.GoName).Add(g.typeOf(m)))
	}
	return out
}

func appendPara(doc, para string) string {
	if doc == "" {
		return para
	}
	return doc + "\n\n" + para
}

// documentType declares a document shape as the runtime's document value.
//
//	type X = document.Value
func (g *gen) documentType(f *jen.File, sh *ir.Shape) {
	f.Add(docComment(typeDoc(sh.GoName, sh.Doc, "is a document: free-form JSON.")))
	f.Type().Id(sh.GoName).Op("=").Qual(documentPath, "Value")
	f.Line()
}

// enumType declares an enum: a string type, its values as constants and Values.
//
//	type X string
//	const ( XA X = "A" )
//	func (X) Values() []X
func (g *gen) enumType(f *jen.File, sh *ir.Shape) {
	f.Add(docComment(typeDoc(sh.GoName, sh.Doc, "is an enum of the API.")))
	f.Type().Id(sh.GoName).String()
	f.Line()
	var consts, values []jen.Code
	for _, v := range sh.Enum {
		consts = append(consts, jen.Id(v.GoName).Id(sh.GoName).Op("=").Lit(v.Value))
		values = append(values, jen.Id(v.GoName))
	}
	for _, v := range sh.RetiredEnum {
		consts = append(consts, jen.Comment("Deprecated: the model no longer has this value; svcgen.lock keeps the constant.").Line().
			Id(v.GoName).Id(sh.GoName).Op("=").Lit(v.Value))
	}
	f.Add(docComment("Values of " + sh.GoName + " known to this version of the package. A client keeps values it does not know."))
	f.Const().Defs(consts...)
	f.Line()
	f.Add(docComment("Values returns every value of " + sh.GoName + " known to this version of the package."))
	f.Func().Params(jen.Id(sh.GoName)).Id("Values").Params().Index().Id(sh.GoName).Block(
		jen.Return(jen.Index().Id(sh.GoName).Values(values...)),
	)
	f.Line()
}

// unionType declares a union: an interface, and one type per member.
//
//	type U interface{ isU() }
//	type UMemberA struct{ Value T }
//	func (*UMemberA) isU() {}
func (g *gen) unionType(f *jen.File, sh *ir.Shape) {
	marker := "is" + sh.GoName
	doc := typeDoc(sh.GoName, sh.Doc, "is a union of the API.")
	var names string
	for i, m := range sh.Members {
		if i > 0 {
			names += ", "
		}
		names += "[" + m.VariantGoName + "]"
	}
	doc = appendPara(doc, "One of "+names+", or ["+sh.UnknownGoName+"] for a member this version of the package does not know.")
	f.Add(docComment(doc))
	f.Type().Id(sh.GoName).Interface(jen.Id(marker).Params())
	f.Line()
	for _, m := range sh.Members {
		mdoc := m.VariantGoName + " is the " + m.Name + " member of the union " + sh.GoName + "."
		if m.Doc != "" {
			mdoc += "\n\n" + m.Doc
		}
		f.Add(docComment(mdoc))
		f.Type().Id(m.VariantGoName).Struct(jen.Id("Value").Add(g.typeOf(m)))
		f.Line()
		f.Func().Params(jen.Op("*").Id(m.VariantGoName)).Id(marker).Params().Block()
		f.Line()
		if m.Sensitive || m.Shape.ContainsSensitive {
			g.redactMethods(f, m.VariantGoName, variantLayout(m), false)
		}
	}
	f.Func().Params(jen.Op("*").Id(sh.UnknownGoName)).Id(marker).Params().Block()
	f.Line()
}

// unknownUnionMember declares the type every union uses for a member this version
// does not know.
func (g *gen) unknownUnionMember(f *jen.File) {
	name := ""
	for _, sh := range g.svc.Shapes {
		if sh.Kind == ir.Union {
			name = sh.UnknownGoName
			break
		}
	}
	f.Add(docComment(name + " is a union member that this version of the package does not know: a service may add members after the package was generated."))
	f.Type().Id(name).Struct(
		jen.Comment("Tag is the member's name on the wire.").Line().Id("Tag").String(),
		jen.Comment("Value is the member's encoded value.").Line().Id("Value").Index().Byte(),
	)
	f.Line()
}

// errorMethods makes an error shape an error that smithy-go's APIError interface and
// errors.As recognise.
//
//	func (e *X) Error() string
//	func (e *X) ErrorCode() string
//	func (e *X) ErrorMessage() string
//	func (e *X) ErrorFault() smithy.ErrorFault
//	func (e *X) HTTPStatusCode() int
//	func (e *X) RetryableError() bool    (errors the model marks retryable)
func (g *gen) errorMethods(f *jen.File, sh *ir.Shape) {
	recv := jen.Id("e").Op("*").Id(sh.GoName)
	et := sh.Error
	var message *ir.Member // nil when the message field is one svcgen added
	for _, m := range sh.Members {
		if m.GoName == et.MessageField {
			message = m
		}
	}
	if message != nil && message.Sensitive {
		f.Add(docComment("Error returns the error's code; the model marks its message sensitive, so it is not shown (ErrorMessage returns it)."))
		f.Func().Params(recv).Id("Error").Params().String().Block(
			jen.Return(jen.Id("e").Dot("ErrorCode").Call().Op("+").Lit(": ").Op("+").Qual(redactPath, "Placeholder")),
		)
	} else {
		f.Add(docComment("Error returns the error's code and message."))
		f.Func().Params(recv).Id("Error").Params().String().Block(
			jen.Return(jen.Id("e").Dot("ErrorCode").Call().Op("+").Lit(": ").Op("+").Id("e").Dot("ErrorMessage").Call()),
		)
	}
	if g.svc.QueryCompatible {
		f.Add(docComment("ErrorCode returns the error's code: ErrorCodeOverride when set, else " + strconv.Quote(et.Code) + "."))
		f.Func().Params(recv).Id("ErrorCode").Params().String().Block(
			jen.If(jen.Id("e").Op("==").Nil().Op("||").Id("e").Dot("ErrorCodeOverride").Op("==").Nil()).Block(jen.Return(jen.Lit(et.Code))),
			jen.Return(jen.Op("*").Id("e").Dot("ErrorCodeOverride")),
		)
	} else {
		f.Add(docComment("ErrorCode returns the error's code, " + strconv.Quote(et.Code) + "."))
		f.Func().Params(recv).Id("ErrorCode").Params().String().Block(jen.Return(jen.Lit(et.Code)))
	}
	msg := jen.Id("e").Dot(et.MessageField)
	f.Add(docComment("ErrorMessage returns the message the service sent, or \"\"."))
	if message != nil && !message.Pointer {
		f.Func().Params(recv).Id("ErrorMessage").Params().String().Block(
			jen.If(jen.Id("e").Op("==").Nil()).Block(jen.Return(jen.Lit(""))),
			jen.Return(msg),
		)
	} else {
		f.Func().Params(recv).Id("ErrorMessage").Params().String().Block(
			jen.If(jen.Id("e").Op("==").Nil().Op("||").Add(msg).Op("==").Nil()).Block(jen.Return(jen.Lit(""))),
			jen.Return(jen.Op("*").Add(msg)),
		)
	}
	fault := "FaultClient"
	if et.Fault == ir.FaultServer {
		fault = "FaultServer"
	}
	f.Add(docComment("ErrorFault tells whether the client or the service is at fault."))
	f.Func().Params(recv).Id("ErrorFault").Params().Qual(smithyPath, "ErrorFault").Block(jen.Return(jen.Qual(smithyPath, fault)))
	f.Add(docComment("HTTPStatusCode returns the HTTP status the model gives the error; the status that came back is the HTTPStatusCode of the *client.ResponseError that wraps it."))
	f.Func().Params(recv).Id("HTTPStatusCode").Params().Int().Block(jen.Return(jen.Lit(et.HTTPStatus)))
	if et.Retryable {
		doc := "RetryableError reports that the model marks the error retryable, so clients retry it."
		if et.Throttling {
			doc = "RetryableError reports that the model marks the error retryable (a throttling error), so clients retry it."
		}
		f.Add(docComment(doc))
		f.Func().Params(recv).Id("RetryableError").Params().Bool().Block(jen.Return(jen.True()))
	}
	f.Line()
}
