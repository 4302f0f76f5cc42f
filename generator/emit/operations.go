package emit

import (
	"github.com/dave/jennifer/jen"
	"github.com/svcgen/svcgen/generator/ir"
)

// operationsFile writes the root package's operation inputs and outputs with their
// validators.
func (g *gen) operationsFile() {
	f := g.newFile(g.cfg.ImportPath, g.svc.Package)
	for _, op := range g.svc.Operations {
		g.opStruct(f, op.Input, op, "is the input of "+op.GoName+".")
		g.inputValidate(f, op.Input)
		g.opStruct(f, op.Output, op, "is the output of "+op.GoName+".")
	}
	g.render("operations.go", f)
}

// opStruct declares an operation's input or output.
func (g *gen) opStruct(f *jen.File, sh *ir.Shape, op *ir.Operation, what string) {
	var fields []jen.Code
	for _, m := range sh.Members {
		fields = append(fields, g.field(m))
	}
	fields = append(fields, g.retiredFields(sh)...)
	doc := sh.GoName + " " + what
	if sh.IsInput && op.Doc != "" {
		doc += "\n\n" + op.Doc
	}
	f.Add(docComment(doc))
	f.Type().Id(sh.GoName).Struct(fields...)
	f.Line()
	if sh.ContainsSensitive {
		g.redactMethods(f, sh.GoName, g.structLayout(sh), false)
	}
}

// requiredRule says what a required member is, in the doc of every Validate.
const requiredRule = "A required member held by value (a string, enum, number, boolean or timestamp) is always present: its zero value is a value, sent as it is and checked like any other (\"\" against the minimum length), since Go cannot tell it unset. A required member held by pointer, slice, map or interface is missing when nil; an empty slice or map is present. Before sending, the client refuses only what cannot make a valid request (a nil required member, an empty URI label, a bad host label) and leaves the other constraints to the service."

// inputValidate gives an input its two validators, from one list of checks:
//
//	func (v *OpInput) Validate() error         // everything the model says
//	func (v *OpInput) validateRequest() error  // what the client needs to build the request
//	func (v *OpInput) check(c *validate.Checker)
func (g *gen) inputValidate(f *jen.File, sh *ir.Shape) {
	checker := jen.Qual(validatePath, "Checker")
	var body []jen.Code
	for _, m := range sh.Members {
		body = append(body, g.memberCheck(m, m.Name, jen.Id("v").Dot(m.GoName))...)
	}
	recv := jen.Id("v").Op("*").Id(sh.GoName)
	f.Add(docComment("Validate checks every constraint the model places on the input (required members, lengths, ranges, patterns, enums, nested members) and returns one *validate.Error listing every violation, or nil. A required member held by value is never missing: its zero value is checked like any other value (see the package doc)."))
	f.Func().Params(recv.Clone()).Id("Validate").Params().Error().Block(
		jen.Id("c").Op(":=").Add(checker.Clone()).Values(jen.Dict{jen.Id("Full"): jen.True()}),
		jen.Id("v").Dot("check").Call(jen.Op("&").Id("c")),
		jen.Return(jen.Id("c").Dot("Err").Call(jen.Lit(sh.GoName))),
	)
	f.Add(docComment("validateRequest checks only what a valid request needs: required members that are nil, URI labels that are not empty, host labels that make a host. The service checks the rest, so a constraint it relaxes later does not break this client."))
	f.Func().Params(recv.Clone()).Id("validateRequest").Params().Error().Block(
		jen.Var().Id("c").Add(checker.Clone()),
		jen.Id("v").Dot("check").Call(jen.Op("&").Id("c")),
		jen.Return(jen.Id("c").Dot("Err").Call(jen.Lit(sh.GoName))),
	)
	if len(body) > 0 {
		body = append([]jen.Code{jen.If(jen.Id("v").Op("==").Nil()).Block(jen.Id("v").Op("=").Op("&").Id(sh.GoName).Values())}, body...)
	}
	f.Func().Params(recv.Clone()).Id("check").Params(jen.Id("c").Op("*").Add(checker.Clone())).Block(body...)
	f.Line()
}
