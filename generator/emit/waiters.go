package emit

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"
	"github.com/svcgen/svcgen/generator/ir"
	"github.com/svcgen/svcgen/generator/jmespath"
)

const waiterPath = runtimePath + "/waiter"

// waitersFile writes waiters.go: for each waiter of the model its options, type,
// constructor, Wait and WaitForOutput, and its acceptor table, whose output matchers
// are Go compiled from their JMESPath (generator/jmespath). The loop, the backoff and
// the matching of statuses and error codes live once in runtime/waiter.
func (g *gen) waitersFile() {
	if len(g.svc.WaiterList) == 0 {
		return
	}
	f := g.newFile(g.cfg.ImportPath, g.svc.Package)
	f.ImportName(waiterPath, "waiter")
	declared := map[*ir.Operation]bool{}
	for _, w := range g.svc.WaiterList {
		op := w.Operation
		if !g.paginated(op) && !declared[op] {
			declared[op] = true
			g.apiClient(f, op)
		}
		g.waiter(f, w)
	}
	g.render("waiters.go", f)
}

// paginated reports whether paginators.go declares the operation's APIClient.
func (g *gen) paginated(op *ir.Operation) bool {
	return op.Paginator != nil
}

// apiClient declares OpAPIClient, the part of Client that a paginator or waiter calls.
func (g *gen) apiClient(f *jen.File, op *ir.Operation) {
	api := op.GoName + "APIClient"
	optFn := jen.Op("...").Func().Params(jen.Op("*").Id("Options"))
	f.Comment(api + " is the part of Client that calls " + op.GoName + "; a fake can stand in for it in tests.")
	f.Type().Id(api).Interface(
		jen.Id(op.GoName).Params(jen.Qual("context", "Context"), jen.Op("*").Id(op.Input.GoName), optFn).Params(jen.Op("*").Id(op.Output.GoName), jen.Error()),
	)
	f.Line()
}

// waiter declares, for waiter W polling operation Op:
//
//	type WWaiterOptions struct{ waiter.Options; ClientOptions []func(*Options) }
//	type WWaiter struct{ ... }
//	func NewWWaiter(client OpAPIClient, optFns ...func(*WWaiterOptions)) *WWaiter
//	func (w *WWaiter) Wait(ctx, params *OpInput, maxWait time.Duration, optFns ...) error
//	func (w *WWaiter) WaitForOutput(ctx, params *OpInput, maxWait time.Duration, optFns ...) (*OpOutput, error)
//	var wAcceptors = []waiter.Acceptor[*OpOutput]{...}
func (g *gen) waiter(f *jen.File, w *ir.Waiter) {
	op := w.Operation
	in, out := op.Input.GoName, op.Output.GoName
	typ, opts := w.GoName, w.GoName+"Options"
	table := strings.ToLower(w.Name[:1]) + w.Name[1:] + "Acceptors"
	ctx := jen.Id("ctx").Qual("context", "Context")
	optFns := jen.Id("optFns").Op("...").Func().Params(jen.Op("*").Id(opts))

	f.Comment(opts + " configure a " + typ + ".")
	f.Type().Id(opts).Struct(
		fieldDoc("Options are the delays, the clock and the jitter (runtime/waiter).").Qual(waiterPath, "Options"),
		fieldDoc("ClientOptions apply to every call of "+op.GoName+" the waiter makes.").Id("ClientOptions").Index().Func().Params(jen.Op("*").Id("Options")),
	)
	f.Line()

	doc := fmt.Sprintf("%s calls %s until the resource is in the state its acceptors wait for.", typ, op.GoName)
	if w.Doc != "" {
		doc += " " + strings.TrimSpace(w.Doc)
		if !strings.HasSuffix(doc, ".") {
			doc += "."
		}
	}
	maxDelay := max(w.Delay, 120)
	doc += fmt.Sprintf("\n\nIt waits %d s between attempts at first, doubling up to %d s, with jitter.", w.Delay, maxDelay)
	f.Add(docComment(doc))
	f.Type().Id(typ).Struct(
		jen.Id("client").Id(op.GoName+"APIClient"),
		jen.Id("options").Id(opts),
	)
	f.Line()

	f.Comment("New" + typ + " returns a " + typ + " that calls client.")
	f.Func().Id("New"+typ).Params(jen.Id("client").Id(op.GoName+"APIClient"), optFns.Clone()).Op("*").Id(typ).Block(
		jen.Id("w").Op(":=").Op("&").Id(typ).Values(jen.Dict{jen.Id("client"): jen.Id("client")}),
		jen.Id("w").Dot("options").Dot("MinDelay").Op("=").Lit(w.Delay).Op("*").Qual("time", "Second"),
		jen.Id("w").Dot("options").Dot("MaxDelay").Op("=").Lit(maxDelay).Op("*").Qual("time", "Second"),
		jen.For(jen.List(jen.Id("_"), jen.Id("fn")).Op(":=").Range().Id("optFns")).Block(jen.Id("fn").Call(jen.Op("&").Id("w").Dot("options"))),
		jen.Return(jen.Id("w")),
	)
	f.Line()

	params := []jen.Code{ctx, jen.Id("params").Op("*").Id(in), jen.Id("maxWait").Qual("time", "Duration"), optFns.Clone()}
	f.Comment("Wait calls " + op.GoName + " with params until an acceptor settles the wait, maxWait runs\nout or ctx ends; its error wraps waiter.ErrFailureState or waiter.ErrMaxWait when\nthose stopped it.")
	f.Func().Params(jen.Id("w").Op("*").Id(typ)).Id("Wait").Params(params...).Error().Block(
		jen.List(jen.Id("_"), jen.Err()).Op(":=").Id("w").Dot("WaitForOutput").Call(jen.Id("ctx"), jen.Id("params"), jen.Id("maxWait"), jen.Id("optFns").Op("...")),
		jen.Return(jen.Err()),
	)
	f.Line()

	f.Comment("WaitForOutput is Wait, returning the output of the call that succeeded (nil when\nan acceptor on an error did).")
	f.Func().Params(jen.Id("w").Op("*").Id(typ)).Id("WaitForOutput").Params(params...).Params(jen.Op("*").Id(out), jen.Error()).Block(
		jen.If(jen.Id("params").Op("==").Nil()).Block(jen.Id("params").Op("=").Op("&").Id(in).Values()),
		jen.Id("o").Op(":=").Id("w").Dot("options"),
		jen.Id("o").Dot("ClientOptions").Op("=").Append(jen.Index().Func().Params(jen.Op("*").Id("Options")).Values(), jen.Id("o").Dot("ClientOptions").Op("...")),
		jen.For(jen.List(jen.Id("_"), jen.Id("fn")).Op(":=").Range().Id("optFns")).Block(jen.Id("fn").Call(jen.Op("&").Id("o"))),
		jen.Id("call").Op(":=").Func().Params(ctx.Clone()).Params(jen.Op("*").Id(out), jen.Error()).Block(
			jen.Return(jen.Id("w").Dot("client").Dot(op.GoName).Call(jen.Id("ctx"), jen.Id("params"), jen.Id("o").Dot("ClientOptions").Op("..."))),
		),
		jen.Return(jen.Qual(waiterPath, "Wait").Call(jen.Id("ctx"), jen.Lit(w.Name), jen.Id("call"), jen.Id("maxWait"), jen.Id("o").Dot("Options"), jen.Id(table))),
	)
	f.Line()

	var entries []jen.Code
	lines := []string{table + " are " + w.Name + "'s acceptors, in the model's order:", ""}
	for _, a := range w.Acceptors {
		e, line, err := g.acceptor(op, a)
		lines = append(lines, "\t"+line)
		if err != nil {
			// resolve compiled every acceptor it kept: this is a bug in svcgen
			g.fail(fmt.Errorf("waiter %s: %w", w.Name, err))
			return
		}
		entries = append(entries, e)
	}
	for _, l := range lines {
		f.Comment(l)
	}
	f.Var().Id(table).Op("=").Index().Qual(waiterPath, "Acceptor").Types(jen.Op("*").Id(out)).Values(entries...)
	f.Line()
}

// acceptor is one entry of an acceptor table, and the model's acceptor in one line.
func (g *gen) acceptor(op *ir.Operation, a *ir.Acceptor) (jen.Code, string, error) {
	state := map[string]string{"success": "Success", "failure": "Failure", "retry": "Retry"}[a.State]
	d := jen.Dict{jen.Id("State"): jen.Qual(waiterPath, state)}
	field := func(name string, v jen.Code) { d[jen.Id(name)] = v }
	var what string
	switch a.Matcher {
	case "status":
		field("Matcher", jen.Qual(waiterPath, "MatchStatus"))
		field("Status", jen.Lit(int(a.Expected.(float64))))
		what = fmt.Sprintf("status %v", a.Expected)
	case "error":
		if b, ok := a.Expected.(bool); ok {
			field("Matcher", jen.Qual(waiterPath, "MatchError"))
			field("ErrorExpected", jen.Lit(b))
			what = fmt.Sprintf("error %v", b)
		} else {
			field("Matcher", jen.Qual(waiterPath, "MatchErrorCode"))
			field("ErrorCode", jen.Lit(a.Expected.(string)))
			what = fmt.Sprintf("error %s", a.Expected)
		}
	default:
		var c jmespath.Compiler
		body, err := c.Matcher(a.Matcher, a.Argument, a.Expected, jmespath.Root(op.Output, jen.Id("out")))
		if err != nil {
			return nil, "", err
		}
		field("Matcher", jen.Qual(waiterPath, "MatchOutput"))
		field("Output", jen.Func().Params(jen.Id("out").Op("*").Id(op.Output.GoName)).Bool().Block(body...))
		what = fmt.Sprintf("%s %s == %#v", a.Matcher, a.Argument, a.Expected)
	}
	return jen.Line().Values(d), fmt.Sprintf("%-8s", a.State) + strings.ReplaceAll(what, "\n", " "), nil
}
