package resolve

import (
	"fmt"

	"github.com/dave/jennifer/jen"
	"github.com/svcgen/svcgen/generator/ir"
	"github.com/svcgen/svcgen/generator/jmespath"
	"github.com/svcgen/svcgen/generator/load"
)

// waiters links each waiter of waiters-2.json to its operation and checks its
// acceptors; a waiter with an acceptor svcgen cannot generate (a JMESPath outside
// the subset generator/jmespath compiles, or one that does not fit the output) is a
// warning that names it, and is left out.
func (s *state) waiters() {
	ops := map[string]*ir.Operation{}
	for _, op := range s.svc.Operations {
		ops[op.Name] = op
	}
	for _, raw := range s.model.WaiterList {
		op := ops[raw.Operation]
		if op == nil && s.dropped[raw.Operation] {
			continue // left out by Options.Operations, with its waiter
		}
		if op == nil {
			s.warnf(raw.Pos, "waiters", raw.Name, "waiter %s polls operation %q, which is not in the model; waiter not generated", raw.Name, raw.Operation)
			continue
		}
		w := &ir.Waiter{Name: raw.Name, GoName: raw.Name + "Waiter", Operation: op, Doc: raw.Description,
			Delay: raw.Delay, MaxAttempts: raw.MaxAttempts}
		ok := raw.Delay > 0 && len(raw.Acceptors) > 0
		if !ok {
			s.warnf(raw.Pos, "waiters", raw.Name, "waiter %s has no delay or no acceptors; waiter not generated", raw.Name)
		}
		for i, a := range raw.Acceptors {
			if err := checkAcceptor(op, a); err != nil {
				s.warnf(a.Pos, "waiters", raw.Name, "waiter %s, acceptor %d: %v; waiter not generated", raw.Name, i+1, err)
				ok = false
				continue
			}
			w.Acceptors = append(w.Acceptors, &ir.Acceptor{State: a.State, Matcher: a.Matcher, Argument: a.Argument, Expected: a.Expected})
		}
		if ok {
			s.svc.WaiterList = append(s.svc.WaiterList, w)
		}
	}
}

func checkAcceptor(op *ir.Operation, a *load.WaiterAcceptor) error {
	switch a.State {
	case "success", "failure", "retry":
	default:
		return fmt.Errorf("state %q is not success, failure or retry", a.State)
	}
	switch a.Matcher {
	case "path", "pathAll", "pathAny":
		var c jmespath.Compiler
		_, err := c.Matcher(a.Matcher, a.Argument, a.Expected, jmespath.Root(op.Output, jen.Id("out")))
		return err
	case "status":
		if n, isNum := a.Expected.(float64); !isNum || n != float64(int(n)) || n < 100 || n > 599 {
			return fmt.Errorf("status matcher expects %v, not an HTTP status", a.Expected)
		}
	case "error":
		switch a.Expected.(type) {
		case string, bool:
		default:
			return fmt.Errorf("error matcher expects %v, not an error code or a boolean", a.Expected)
		}
	default:
		return fmt.Errorf("matcher %q is not path, pathAll, pathAny, status or error", a.Matcher)
	}
	return nil
}

// checkPaginator reports what keeps a paginator from being generated: an output token
// that does not compile (generator/jmespath) to a value of its input token's type, a
// more_results that is not a boolean, or a limit_key that is not a number or a string.
func checkPaginator(p *ir.Paginator) error {
	root := jmespath.Root(p.Operation.Output, jen.Id("out"))
	anyType := func(*ir.Shape) *jen.Statement { return jen.Id("T") }
	for i, in := range p.InputToken {
		var c jmespath.Compiler
		if _, err := c.Token(p.OutputToken[i], root, in, jen.Id("t"), anyType); err != nil {
			return err
		}
	}
	if p.MoreResults != "" {
		var c jmespath.Compiler
		if _, err := c.Bool(p.MoreResults, root, jen.Id("more")); err != nil {
			return fmt.Errorf("more_results: %w", err)
		}
	}
	if l := p.LimitKey; l != nil && l.Shape.Kind != ir.Integer && l.Shape.Kind != ir.Long && l.Shape.Kind != ir.String {
		return fmt.Errorf("limit_key %s is a %s", l.Name, l.Shape.Kind)
	}
	return nil
}
