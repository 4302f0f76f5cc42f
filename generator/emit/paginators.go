package emit

import (
	"github.com/dave/jennifer/jen"
	"github.com/svcgen/svcgen/generator/ir"
)

// pageable reports whether a paginator can be generated: every input token pairs with
// an output member of the same type, an optional scalar (string, enum, integer or long)
// or a map (dynamodb's LastEvaluatedKey), so the tokens carry over as they are. (Output
// tokens that are paths into the output, as s3's "Contents[-1].Key", are not supported
// yet.)
func pageable(p *ir.Paginator) bool {
	if len(p.InputToken) == 0 || len(p.InputToken) != len(p.OutputTokenMembers) {
		return false
	}
	for i, in := range p.InputToken {
		out := p.OutputTokenMembers[i]
		switch {
		case out == nil:
			return false
		case in.Shape.Kind == ir.Map:
			if in.Shape != out.Shape || in.Pointer || out.Pointer {
				return false
			}
		case !in.Pointer || !out.Pointer || !tokenKind(in.Shape) || in.Shape.Kind != out.Shape.Kind ||
			(in.Shape.Kind == ir.Enum && in.Shape.GoName != out.Shape.GoName):
			return false
		}
	}
	if p.LimitKey != nil && (p.LimitKey.Shape.Kind != ir.Integer && p.LimitKey.Shape.Kind != ir.String || !p.LimitKey.Pointer) {
		return false
	}
	return true
}

// tokenKind reports whether a page token can be a shape of this kind.
func tokenKind(sh *ir.Shape) bool {
	switch sh.Kind {
	case ir.String, ir.Enum, ir.Integer, ir.Long:
		return true
	}
	return false
}

// moreResults is the output's boolean member that says whether more pages follow
// (the paginator's more_results, as S3's IsTruncated), or nil.
func moreResults(p *ir.Paginator) *ir.Member {
	if p.MoreResults == "" {
		return nil
	}
	for _, m := range p.Operation.Output.Members {
		if m.Name == p.MoreResults && m.Shape.Kind == ir.Boolean {
			return m
		}
	}
	return nil
}

// paginatorsFile writes paginators.go: for each paginated operation an API client
// interface, options, the paginator type and its constructor.
func (g *gen) paginatorsFile() {
	f := g.newFile(g.cfg.ImportPath, g.svc.Package)
	n := 0
	for _, p := range g.svc.Paginators {
		if pageable(p) {
			g.paginator(f, p)
			n++
		}
	}
	if n > 0 {
		g.render("paginators.go", f)
	}
}

// paginator declares, for operation Op:
//
//	type OpAPIClient interface{ Op(ctx, *OpInput, ...func(*Options)) (*OpOutput, error) }
//	type OpPaginatorOptions struct{ Limit int32 }
//	type OpPaginator struct{ ... }
//	func NewOpPaginator(client OpAPIClient, params *OpInput, optFns ...func(*OpPaginatorOptions)) *OpPaginator
//	func (p *OpPaginator) HasMorePages() bool
//	func (p *OpPaginator) NextPage(ctx context.Context, optFns ...func(*Options)) (*OpOutput, error)
func (g *gen) paginator(f *jen.File, p *ir.Paginator) {
	op := p.Operation
	in, out := op.Input.GoName, op.Output.GoName
	api, opts, typ := op.GoName+"APIClient", p.GoName+"Options", p.GoName
	optFn := jen.Op("...").Func().Params(jen.Op("*").Id("Options"))
	g.apiClient(f, op)
	var optFields []jen.Code
	if p.LimitKey != nil {
		optFields = append(optFields, fieldDoc("Limit is the page size asked of the service ("+p.LimitKey.GoName+"); 0 leaves the input's.").Id("Limit").Int32())
	}
	f.Comment(opts + " configure a " + typ + ".")
	f.Type().Id(opts).Struct(optFields...)
	f.Line()
	fields := []jen.Code{
		jen.Id("options").Id(opts),
		jen.Id("client").Id(api),
		jen.Id("params").Id(in),
		jen.Id("firstPage").Bool(),
	}
	for i, t := range p.InputToken {
		fields = append(fields, jen.Id(tokenVar(i)).Add(g.typeOf(t)))
	}
	f.Comment(typ + " pages through the results of " + op.GoName + ", following " + p.InputToken[0].GoName + "\nuntil the service returns no token or repeats the one it was given.")
	f.Type().Id(typ).Struct(fields...)
	f.Line()

	ctor := []jen.Code{
		jen.If(jen.Id("params").Op("==").Nil()).Block(jen.Id("params").Op("=").Op("&").Id(in).Values()),
		jen.Id("p").Op(":=").Op("&").Id(typ).Values(jen.Dict{
			jen.Id("client"):    jen.Id("client"),
			jen.Id("params"):    jen.Op("*").Id("params"),
			jen.Id("firstPage"): jen.True(),
		}),
	}
	for i, t := range p.InputToken {
		ctor = append(ctor, jen.Id("p").Dot(tokenVar(i)).Op("=").Id("params").Dot(t.GoName))
	}
	if p.LimitKey != nil && p.LimitKey.Shape.Kind == ir.String {
		// a page size the model types as a string (Route 53's MaxItems)
		ctor = append(ctor, jen.If(jen.Id("params").Dot(p.LimitKey.GoName).Op("!=").Nil()).Block(
			jen.If(jen.List(jen.Id("n"), jen.Err()).Op(":=").Qual("strconv", "ParseInt").Call(jen.Op("*").Id("params").Dot(p.LimitKey.GoName), jen.Lit(10), jen.Lit(32)), jen.Err().Op("==").Nil()).Block(
				jen.Id("p").Dot("options").Dot("Limit").Op("=").Int32().Call(jen.Id("n")))))
	} else if p.LimitKey != nil {
		ctor = append(ctor, jen.If(jen.Id("params").Dot(p.LimitKey.GoName).Op("!=").Nil()).Block(
			jen.Id("p").Dot("options").Dot("Limit").Op("=").Op("*").Id("params").Dot(p.LimitKey.GoName)))
	}
	ctor = append(ctor,
		jen.For(jen.List(jen.Id("_"), jen.Id("fn")).Op(":=").Range().Id("optFns")).Block(jen.Id("fn").Call(jen.Op("&").Id("p").Dot("options"))),
		jen.Return(jen.Id("p")),
	)
	f.Comment("New" + typ + " returns a paginator over " + op.GoName + " starting at params.")
	f.Func().Id("New"+typ).Params(jen.Id("client").Id(api), jen.Id("params").Op("*").Id(in), jen.Id("optFns").Op("...").Func().Params(jen.Op("*").Id(opts))).Op("*").Id(typ).Block(ctor...)
	f.Line()

	more := jen.Id("p").Dot("firstPage")
	for i, t := range p.InputToken {
		if t.Shape.Kind == ir.Map {
			more = more.Op("||").Len(jen.Id("p").Dot(tokenVar(i))).Op(">").Lit(0)
		} else if t.Shape.Kind == ir.String || t.Shape.Kind == ir.Enum {
			more = more.Op("||").Id("p").Dot(tokenVar(i)).Op("!=").Nil().Op("&&").Op("*").Id("p").Dot(tokenVar(i)).Op("!=").Lit("")
		} else {
			more = more.Op("||").Id("p").Dot(tokenVar(i)).Op("!=").Nil()
		}
	}
	f.Comment("HasMorePages reports whether NextPage has a page to return.")
	f.Func().Params(jen.Id("p").Op("*").Id(typ)).Id("HasMorePages").Params().Bool().Block(jen.Return(more))
	f.Line()

	next := []jen.Code{
		jen.If(jen.Op("!").Id("p").Dot("HasMorePages").Call()).Block(
			jen.Return(jen.Nil(), jen.Qual("errors", "New").Call(jen.Lit("no more pages")))),
		jen.Id("params").Op(":=").Id("p").Dot("params"),
	}
	for i, t := range p.InputToken {
		next = append(next, jen.Id("params").Dot(t.GoName).Op("=").Id("p").Dot(tokenVar(i)))
	}
	if p.LimitKey != nil && p.LimitKey.Shape.Kind == ir.String {
		next = append(next, jen.If(jen.Id("p").Dot("options").Dot("Limit").Op(">").Lit(0)).Block(
			jen.Id("limit").Op(":=").Qual("strconv", "FormatInt").Call(jen.Int64().Call(jen.Id("p").Dot("options").Dot("Limit")), jen.Lit(10)),
			jen.Id("params").Dot(p.LimitKey.GoName).Op("=").Op("&").Id("limit"),
		))
	} else if p.LimitKey != nil {
		next = append(next, jen.If(jen.Id("p").Dot("options").Dot("Limit").Op(">").Lit(0)).Block(
			jen.Id("limit").Op(":=").Id("p").Dot("options").Dot("Limit"),
			jen.Id("params").Dot(p.LimitKey.GoName).Op("=").Op("&").Id("limit"),
		))
	}
	next = append(next,
		jen.List(jen.Id("out"), jen.Err()).Op(":=").Id("p").Dot("client").Dot(op.GoName).Call(jen.Id("ctx"), jen.Op("&").Id("params"), jen.Id("optFns").Op("...")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Id("p").Dot("firstPage").Op("=").False(),
	)
	// a map token cannot be compared: a paginator with one trusts the service to stop
	comparable := true
	for _, t := range p.InputToken {
		comparable = comparable && t.Shape.Kind != ir.Map
	}
	repeated := jen.True()
	for i, t := range p.OutputTokenMembers {
		tv := tokenVar(i)
		if comparable {
			next = append(next, jen.Id("prev"+tv).Op(":=").Id("p").Dot(tv))
		}
		next = append(next, jen.Id("p").Dot(tv).Op("=").Id("out").Dot(t.GoName))
		repeated = repeated.Op("&&").Id("prev" + tv).Op("!=").Nil().Op("&&").Id("p").Dot(tv).Op("!=").Nil().Op("&&").Op("*").Id("prev" + tv).Op("==").Op("*").Id("p").Dot(tv)
	}
	stop := []jen.Code{}
	for i := range p.OutputTokenMembers {
		stop = append(stop, jen.Id("p").Dot(tokenVar(i)).Op("=").Nil())
	}
	if comparable {
		next = append(next,
			jen.Comment("a service that repeats the token it was given has no more pages"),
			jen.If(repeated).Block(stop...),
		)
	}
	if m := moreResults(p); m != nil {
		last := jen.Op("!").Id("out").Dot(m.GoName)
		if m.Pointer {
			last = jen.Id("out").Dot(m.GoName).Op("==").Nil().Op("||").Op("!").Op("*").Id("out").Dot(m.GoName)
		}
		next = append(next,
			jen.Comment("the service says whether more pages follow ("+m.GoName+"), whatever tokens it sent"),
			jen.If(last).Block(stop...),
		)
	}
	next = append(next, jen.Return(jen.Id("out"), jen.Nil()))
	f.Comment("NextPage calls " + op.GoName + " for the next page.")
	f.Func().Params(jen.Id("p").Op("*").Id(typ)).Id("NextPage").Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("optFns").Add(optFn.Clone())).Params(jen.Op("*").Id(out), jen.Error()).Block(next...)
	f.Line()
}

func tokenVar(i int) string {
	if i == 0 {
		return "nextToken"
	}
	return "nextToken" + string(rune('0'+i))
}
