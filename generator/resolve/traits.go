package resolve

import (
	"github.com/svcgen/svcgen/generator/ir"
)

// each calls fn for every member of every shape: those of the model's shapes and those
// of the operations' own inputs and outputs.
func (s *state) eachMember(fn func(*ir.Member)) {
	visit := func(sh *ir.Shape) {
		for _, m := range sh.Children() {
			fn(m)
		}
	}
	for _, name := range s.model.ShapeNames {
		if sh := s.svc.AllShapes[name]; sh != nil {
			visit(sh)
		}
	}
	for _, op := range s.svc.Operations {
		visit(op.Input)
		visit(op.Output)
	}
}

// representation makes the value-or-pointer decision for every member, and works out
// the constraints and the timestamp format that apply to it.
//
// Structure members: required scalars (string, enum, boolean, numbers, timestamp) are
// values, optional scalars are pointers, structures are always pointers; lists, maps,
// blobs, documents and unions are never pointers. List elements and map values are
// values unless the collection is sparse.
func (s *state) representation() {
	bodyFormat := ir.EpochSeconds
	switch s.svc.Protocol {
	case "rest-xml", "query", "ec2":
		bodyFormat = ir.DateTime
	}
	s.eachMember(func(m *ir.Member) {
		k := m.Shape.Kind
		collection := m.Parent.Kind == ir.List || m.Parent.Kind == ir.Map
		switch {
		case m.Streaming, m.Parent.Kind == ir.Union, k == ir.BigInteger, k == ir.BigDecimal:
			m.Pointer = false // a union variant holds its value; big numbers are pointers already
		case collection:
			m.Pointer = m.Parent.Sparse && m.Name != "key" && (k.IsScalar() && k != ir.Blob || k == ir.Structure)
		case k == ir.Structure:
			m.Pointer = true
		case k.IsScalar() && k != ir.Blob:
			m.Pointer = !m.Required
		}
		m.Constraints = m.Shape.Constraints
		if raw := s.rawRef[m]; raw != nil && len(raw.Enum) > 0 {
			m.Constraints.Enum = raw.Enum
		}
		if k == ir.Timestamp {
			switch {
			case m.TimestampFormat != "":
			case m.Shape.TimestampFormat != "":
				m.TimestampFormat = m.Shape.TimestampFormat
			case m.Location == ir.InHeader || m.Location == ir.InHeaders:
				m.TimestampFormat = ir.HTTPDate
			case m.Location == ir.InURI || m.Location == ir.InQuery:
				m.TimestampFormat = ir.DateTime
			default:
				m.TimestampFormat = bodyFormat
				m.DefaultTimestamp = true
			}
			switch m.TimestampFormat {
			case ir.EpochSeconds, ir.DateTime, ir.HTTPDate:
			default:
				s.errorf(m.Pos, m.Parent.Name, m.Name, "unknown timestampFormat %q (want iso8601, rfc822 or unixTimestamp)", m.TimestampFormat)
			}
		}
	})
}

// sensitive marks members whose values must never be printed (a member whose shape
// is sensitive, or a list or map of such values), and shapes whose printing must
// redact something somewhere inside.
func (s *state) sensitive() {
	var sensitiveValue func(*ir.Shape, map[*ir.Shape]bool) bool
	sensitiveValue = func(sh *ir.Shape, seen map[*ir.Shape]bool) bool {
		if sh.Sensitive {
			return true
		}
		if seen[sh] {
			return false
		}
		seen[sh] = true
		switch sh.Kind {
		case ir.List:
			return sh.Elem != nil && sensitiveValue(sh.Elem.Shape, seen)
		case ir.Map:
			return sh.Key != nil && sensitiveValue(sh.Key.Shape, seen) || sh.Value != nil && sensitiveValue(sh.Value.Shape, seen)
		}
		return false
	}
	s.eachMember(func(m *ir.Member) {
		m.Sensitive = sensitiveValue(m.Shape, map[*ir.Shape]bool{})
	})
	// ContainsSensitive spreads up through members until nothing changes (cycles).
	all := s.allShapes()
	for _, sh := range all {
		sh.ContainsSensitive = sh.Sensitive
	}
	for changed := true; changed; {
		changed = false
		for _, sh := range all {
			if sh.ContainsSensitive {
				continue
			}
			for _, m := range sh.Children() {
				if m.Sensitive || m.Shape.ContainsSensitive {
					sh.ContainsSensitive = true
					changed = true
					break
				}
			}
		}
	}
}

// allShapes lists the model's shapes in name order, then the operations' own shapes.
func (s *state) allShapes() []*ir.Shape {
	var out []*ir.Shape
	for _, name := range s.model.ShapeNames {
		if sh := s.svc.AllShapes[name]; sh != nil {
			out = append(out, sh)
		}
	}
	for _, op := range s.svc.Operations {
		out = append(out, op.Input, op.Output)
	}
	return out
}

// recursion finds the shapes that are part of a cycle (Tarjan's strongly connected
// components) and the members that close one.
func (s *state) recursion() {
	index := map[*ir.Shape]int{}
	low := map[*ir.Shape]int{}
	onStack := map[*ir.Shape]bool{}
	component := map[*ir.Shape]int{}
	var stack []*ir.Shape
	next, comp := 0, 0
	var connect func(*ir.Shape)
	connect = func(v *ir.Shape) {
		index[v], low[v] = next, next
		next++
		stack = append(stack, v)
		onStack[v] = true
		for _, m := range v.Children() {
			w := m.Shape
			if _, ok := index[w]; !ok {
				connect(w)
				low[v] = min(low[v], low[w])
			} else if onStack[w] {
				low[v] = min(low[v], index[w])
			}
		}
		if low[v] == index[v] {
			var members []*ir.Shape
			for {
				w := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				onStack[w] = false
				component[w] = comp
				members = append(members, w)
				if w == v {
					break
				}
			}
			if len(members) > 1 {
				for _, w := range members {
					w.Recursive = true
				}
			}
			comp++
		}
	}
	all := s.allShapes()
	for _, sh := range all {
		if _, ok := index[sh]; !ok {
			connect(sh)
		}
	}
	for _, sh := range all {
		for _, m := range sh.Children() {
			if m.Shape == sh {
				sh.Recursive = true
			}
		}
	}
	s.eachMember(func(m *ir.Member) {
		if m.Shape.Recursive && component[m.Shape] == component[m.Parent] {
			m.Recursive = true
		}
	})
}
