package resolve

import (
	"fmt"
	"strings"

	"github.com/svcgen/svcgen/generator/ir"
	"github.com/svcgen/svcgen/generator/load"
)

// UnknownOperations returns an error naming the operations of names that m does not
// have, and listing the ones it has; nil when m has them all.
func UnknownOperations(m *load.Model, names []string) error {
	have := map[string]bool{}
	for _, op := range m.Operations {
		have[op.Name] = true
	}
	var unknown []string
	for _, n := range names {
		if !have[n] {
			unknown = append(unknown, fmt.Sprintf("%q", n))
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	valid := make([]string, len(m.Operations))
	for i, op := range m.Operations {
		valid[i] = op.Name
	}
	word := "operation"
	if len(unknown) > 1 {
		word += "s"
	}
	return fmt.Errorf("the model has no %s %s; its operations are: %s", word, strings.Join(unknown, ", "), strings.Join(valid, ", "))
}

// selection keeps only the operations Options.Operations names (all when it is empty),
// and records the shapes they reach: the later passes that collect shapes (placement,
// patterns) collect only those, so the package declares nothing the kept operations
// do not use. Paginators follow their operations (the paginators pass links only kept
// ones), and the endpoint operation (DescribeEndpoints) follows an operation that uses
// endpoint discovery.
func (s *state) selection() {
	if len(s.opts.Operations) == 0 {
		return
	}
	if err := UnknownOperations(s.model, s.opts.Operations); err != nil {
		s.errorf(s.model.File.Pos(0), "", "", "%v", err)
		return
	}
	s.dropped = map[string]bool{}
	want := map[string]bool{}
	for _, n := range s.opts.Operations {
		want[n] = true
	}
	// an operation that finds its endpoint by endpoint discovery needs the operation that
	// answers with the endpoints (DescribeEndpoints): it is kept too
	for _, op := range s.svc.Operations {
		if want[op.Name] && op.EndpointDiscovery {
			for _, e := range s.svc.Operations {
				if e.EndpointOperation {
					want[e.Name] = true
				}
			}
			break
		}
	}
	kept := s.svc.Operations[:0]
	for _, op := range s.svc.Operations {
		if want[op.Name] {
			kept = append(kept, op)
		} else {
			delete(s.rawOps, op)
			s.dropped[op.Name] = true
		}
	}
	s.svc.LeftOut = len(s.svc.Operations) - len(kept)
	s.svc.Operations = kept
	s.reach = map[*ir.Shape]bool{}
	var visit func(*ir.Shape)
	visit = func(sh *ir.Shape) {
		if sh == nil || s.reach[sh] {
			return
		}
		s.reach[sh] = true
		for _, m := range sh.Children() {
			visit(m.Shape)
		}
	}
	for _, op := range kept {
		for _, sh := range []*ir.Shape{op.Input, op.Output} {
			for _, m := range sh.Members {
				visit(m.Shape)
			}
		}
		for _, e := range op.Errors {
			visit(e)
		}
	}
}

// reached reports whether the kept operations reach sh (always, when every operation
// is kept).
func (s *state) reached(sh *ir.Shape) bool { return s.reach == nil || s.reach[sh] }
