package emit

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"
	"github.com/svcgen/svcgen/generator/ir"
	"github.com/svcgen/svcgen/generator/jmespath"
)

// tokenHas is the condition that token variable x, of input token in's type, holds a
// token: a pointer not nil, a string not empty, a map or list not empty.
func tokenHas(in *ir.Member, x *jen.Statement) *jen.Statement {
	k := in.Shape.Kind
	switch {
	case k == ir.Map || k == ir.List:
		return jen.Len(x).Op(">").Lit(0)
	case in.Pointer && (k == ir.String || k == ir.Enum):
		return x.Clone().Op("!=").Nil().Op("&&").Op("*").Add(x).Op("!=").Lit("")
	case in.Pointer:
		return x.Op("!=").Nil()
	case k == ir.String || k == ir.Enum:
		return x.Op("!=").Lit("")
	}
	return x.Op("!=").Lit(0)
}

// tokenZero is the value of a token variable that holds no token.
func tokenZero(in *ir.Member) jen.Code {
	k := in.Shape.Kind
	switch {
	case in.Pointer || k == ir.Map || k == ir.List:
		return jen.Nil()
	case k == ir.String || k == ir.Enum:
		return jen.Lit("")
	}
	return jen.Lit(0)
}

// tokenComparable reports whether a repeated token can be seen: strings and numbers
// can be compared, maps, lists and structures cannot.
func tokenComparable(in *ir.Member) bool {
	return in.Shape.Kind.IsScalar()
}

// paginatorsFile writes paginators.go: for each paginated operation an API client
// interface, options, the paginator type and its constructor.
func (g *gen) paginatorsFile() {
	f := g.newFile(g.cfg.ImportPath, g.svc.Package)
	n := 0
	for _, p := range g.svc.Paginators {
		g.paginator(f, p)
		n++
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
	doc := typ + " pages through the results of " + op.GoName + ", following " + p.InputToken[0].GoName + "\nuntil the service returns no token or repeats the one it was given."
	var results []string
	for _, m := range p.ResultKeyMembers {
		if m != nil {
			results = append(results, m.GoName)
		}
	}
	if len(results) > 0 {
		doc += " Each page holds its\nresults in " + strings.Join(results, ", ") + "."
	}
	f.Comment(doc)
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
	if l := p.LimitKey; l != nil {
		val := jen.Id("params").Dot(l.GoName)
		if l.Pointer {
			val = jen.Op("*").Add(val)
		}
		var set jen.Code
		switch l.Shape.Kind {
		case ir.String: // a page size the model types as a string (Route 53's MaxItems)
			set = jen.If(jen.List(jen.Id("n"), jen.Err()).Op(":=").Qual("strconv", "ParseInt").Call(val, jen.Lit(10), jen.Lit(32)), jen.Err().Op("==").Nil()).Block(
				jen.Id("p").Dot("options").Dot("Limit").Op("=").Int32().Call(jen.Id("n")))
		case ir.Long:
			set = jen.Id("p").Dot("options").Dot("Limit").Op("=").Int32().Call(val)
		default:
			set = jen.Id("p").Dot("options").Dot("Limit").Op("=").Add(val)
		}
		if l.Pointer {
			set = jen.If(jen.Id("params").Dot(l.GoName).Op("!=").Nil()).Block(set)
		}
		ctor = append(ctor, set)
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
		more = more.Op("||").Add(tokenHas(t, jen.Id("p").Dot(tokenVar(i))))
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
	if l := p.LimitKey; l != nil {
		var val jen.Code
		switch l.Shape.Kind {
		case ir.String:
			val = jen.Qual("strconv", "FormatInt").Call(jen.Int64().Call(jen.Id("p").Dot("options").Dot("Limit")), jen.Lit(10))
		case ir.Long:
			val = jen.Int64().Call(jen.Id("p").Dot("options").Dot("Limit"))
		default:
			val = jen.Id("p").Dot("options").Dot("Limit")
		}
		set := jen.Id("params").Dot(l.GoName).Op("=").Add(val)
		if l.Pointer {
			set = jen.Id("params").Dot(l.GoName).Op("=").Op("&").Id("limit")
			next = append(next, jen.If(jen.Id("p").Dot("options").Dot("Limit").Op(">").Lit(0)).Block(jen.Id("limit").Op(":=").Add(val), set))
		} else {
			next = append(next, jen.If(jen.Id("p").Dot("options").Dot("Limit").Op(">").Lit(0)).Block(set))
		}
	}
	next = append(next,
		jen.List(jen.Id("out"), jen.Err()).Op(":=").Id("p").Dot("client").Dot(op.GoName).Call(jen.Id("ctx"), jen.Op("&").Id("params"), jen.Id("optFns").Op("...")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Id("p").Dot("firstPage").Op("=").False(),
	)
	// a map or structure token cannot be compared: a paginator with one trusts the
	// service to stop
	comparable := true
	for _, t := range p.InputToken {
		comparable = comparable && tokenComparable(t)
	}
	var repeated *jen.Statement
	var c jmespath.Compiler
	root := jmespath.Root(op.Output, jen.Id("out"))
	goType := func(sh *ir.Shape) *jen.Statement { return g.baseType(sh, nil) }
	for i, t := range p.InputToken {
		tv := tokenVar(i)
		if comparable {
			next = append(next, jen.Id("prev"+tv).Op(":=").Id("p").Dot(tv))
			same := jen.Id("prev" + tv).Op("==").Id("p").Dot(tv)
			if t.Pointer {
				// both unset, or both set to the same value
				same = jen.Parens(jen.Id("prev" + tv).Op("==").Nil()).Op("==").Parens(jen.Id("p").Dot(tv).Op("==").Nil()).Op("&&").
					Parens(jen.Id("prev" + tv).Op("==").Nil().Op("||").Op("*").Id("prev" + tv).Op("==").Op("*").Id("p").Dot(tv))
			}
			if repeated == nil {
				repeated = same
			} else {
				repeated = repeated.Op("&&").Add(same)
			}
		}
		// the output token is a member or a path into the output (S3 ListObjects'
		// "NextMarker || Contents[-1].Key"), compiled by generator/jmespath
		if out := p.OutputTokenMembers[i]; out != nil && out.Shape == t.Shape && out.Pointer == t.Pointer {
			next = append(next, jen.Id("p").Dot(tv).Op("=").Id("out").Dot(out.GoName))
			continue
		}
		set, err := c.Token(p.OutputToken[i], root, t, jen.Id("p").Dot(tv), goType)
		if err != nil {
			// resolve checked every token it kept: this is a bug in svcgen
			g.fail(fmt.Errorf("paginator %s: %w", p.GoName, err))
			return
		}
		next = append(next, jen.Id("p").Dot(tv).Op("=").Add(tokenZero(t)))
		next = append(next, set...)
	}
	stop := []jen.Code{}
	for i, t := range p.InputToken {
		stop = append(stop, jen.Id("p").Dot(tokenVar(i)).Op("=").Add(tokenZero(t)))
	}
	if comparable {
		next = append(next,
			jen.Comment("a service that repeats the token it was given has no more pages"),
			jen.If(repeated).Block(stop...),
		)
	}
	if p.MoreResults != "" {
		set, err := c.Bool(p.MoreResults, root, jen.Id("more"))
		if err != nil {
			g.fail(fmt.Errorf("paginator %s: %w", p.GoName, err))
			return
		}
		next = append(next, jen.Comment("the service says whether more pages follow ("+p.MoreResults+"), whatever tokens it sent"),
			jen.Id("more").Op(":=").False())
		next = append(next, set...)
		next = append(next, jen.If(jen.Op("!").Id("more")).Block(stop...))
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
