package emit

import (
	"strings"

	"github.com/dave/jennifer/jen"
	"github.com/svcgen/svcgen/generator/ir"
)

// An operation context parameter takes its value from the input by a JMESPath
// expression. The expressions AWS models use are a small subset, translated here to
// Go at generation time:
//
//	A.B.C                          a string or boolean member, through structures
//	keys(A.B)                      the keys of a map, sorted
//	L[*].A.B                       a list projection: one string per element
//	L[*].[A.B, C.D][]              a projection of several members, flattened
//
// An expression outside the subset binds nothing, and the rules see the parameter
// unset.
type contextPath struct {
	keys  bool
	chain []string   // the member, or the list of a projection, or the map of keys()
	proj  [][]string // per element of the list: the members to collect
}

func parseContextPath(p string) (contextPath, bool) {
	var cp contextPath
	idents := func(s string) ([]string, bool) {
		parts := strings.Split(strings.TrimSpace(s), ".")
		for _, id := range parts {
			if id == "" || strings.Trim(id, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") != "" {
				return nil, false
			}
		}
		return parts, true
	}
	var ok bool
	switch {
	case strings.HasPrefix(p, "keys(") && strings.HasSuffix(p, ")"):
		cp.keys = true
		cp.chain, ok = idents(p[len("keys(") : len(p)-1])
		return cp, ok
	case strings.Contains(p, "[*]."):
		list, rest, _ := strings.Cut(p, "[*].")
		if cp.chain, ok = idents(list); !ok {
			return cp, false
		}
		if strings.HasPrefix(rest, "[") && strings.HasSuffix(rest, "][]") {
			for _, part := range strings.Split(rest[1:len(rest)-3], ",") {
				c, ok := idents(part)
				if !ok {
					return cp, false
				}
				cp.proj = append(cp.proj, c)
			}
			return cp, true
		}
		c, ok := idents(rest)
		cp.proj = [][]string{c}
		return cp, ok
	}
	cp.chain, ok = idents(p)
	return cp, ok
}

// reach follows chain from x, a value of shape sh: the member at its end, its Go
// expression, and the conditions (pointers not nil) under which it is there.
func reach(sh *ir.Shape, x *jen.Statement, chain []string) (*ir.Member, *jen.Statement, []jen.Code) {
	var conds []jen.Code
	var m *ir.Member
	for i, name := range chain {
		if sh == nil || sh.Kind != ir.Structure {
			return nil, nil, nil
		}
		m = nil
		for _, c := range sh.Members {
			if c.Name == name {
				m = c
			}
		}
		if m == nil {
			return nil, nil, nil
		}
		x = x.Clone().Dot(m.GoName)
		if m.Pointer && (i < len(chain)-1 || m.Shape.Kind == ir.Structure) {
			conds = append(conds, x.Clone().Op("!=").Nil())
		}
		sh = m.Shape
	}
	return m, x, conds
}

// guarded is stmt under the conditions, if any.
func guarded(conds []jen.Code, stmt jen.Code) jen.Code {
	if len(conds) == 0 {
		return stmt
	}
	c := jen.Null()
	for i, cond := range conds {
		if i > 0 {
			c.Op("&&")
		}
		c.Add(cond)
	}
	return jen.If(c).Block(stmt)
}

// stringValue is the Go string a string or enum member at x holds, and the extra
// condition (a pointer not nil) for it to be set.
func stringValue(m *ir.Member, x *jen.Statement) (jen.Code, []jen.Code) {
	var conds []jen.Code
	val := x.Clone()
	if m.Pointer {
		conds = append(conds, x.Clone().Op("!=").Nil())
		val = jen.Op("*").Add(x.Clone())
	}
	if m.Shape.Kind == ir.Enum {
		return jen.String().Parens(val), conds
	}
	return val, conds
}

// contextPathSet is the statement that sets endpoint parameter name from the input
// by path, or nil when path is outside the subset or reaches no suitable member.
func (g *gen) contextPathSet(op *ir.Operation, name, path string) jen.Code {
	cp, ok := parseContextPath(path)
	if !ok {
		return nil
	}
	rs, v := jen.Id("rs"), jen.Id("v")
	params := jen.Id("params")
	isString := func(m *ir.Member) bool { return m.Shape.Kind == ir.String || m.Shape.Kind == ir.Enum }
	switch {
	case cp.keys:
		m, x, conds := reach(op.Input, params, cp.chain)
		if m == nil || m.Shape.Kind != ir.Map || m.Shape.Key.Shape.Kind != ir.String {
			return nil
		}
		set := jen.Qual(clientRTPath, "SetStrings").Call(rs, v, jen.Lit(name), jen.Qual(jsonwirePath, "SortedKeys").Call(x, jen.Nil()))
		return guarded(append(conds, jen.Len(x.Clone()).Op(">").Lit(0)), set)
	case cp.proj != nil:
		m, x, conds := reach(op.Input, params, cp.chain)
		if m == nil || m.Shape.Kind != ir.List {
			return nil
		}
		el := m.Shape.Elem
		e := jen.Id("e")
		var collect []jen.Code
		for _, chain := range cp.proj {
			f, fx, fconds := reach(el.Shape, e.Clone(), chain)
			if f == nil || !isString(f) {
				return nil
			}
			val, vconds := stringValue(f, fx)
			collect = append(collect, guarded(append(fconds, vconds...), jen.Id("vals").Op("=").Append(jen.Id("vals"), val)))
		}
		loop := collect
		if el.Pointer {
			loop = []jen.Code{jen.If(e.Clone().Op("==").Nil()).Block(jen.Continue())}
			loop = append(loop, collect...)
		}
		return guarded(conds, jen.Block(
			jen.Var().Id("vals").Index().String(),
			jen.For(jen.List(jen.Id("_"), e.Clone()).Op(":=").Range().Add(x)).Block(loop...),
			jen.If(jen.Len(jen.Id("vals")).Op(">").Lit(0)).Block(jen.Qual(clientRTPath, "SetStrings").Call(rs, v, jen.Lit(name), jen.Id("vals"))),
		))
	}
	m, x, conds := reach(op.Input, params, cp.chain)
	switch {
	case m == nil:
		return nil
	case isString(m):
		val, vconds := stringValue(m, x)
		return guarded(append(conds, vconds...), jen.Qual(clientRTPath, "SetString").Call(rs, v, jen.Lit(name), val))
	case m.Shape.Kind == ir.Boolean:
		val := x.Clone()
		if m.Pointer {
			conds = append(conds, x.Clone().Op("!=").Nil())
			val = jen.Op("*").Add(x.Clone())
		}
		return guarded(conds, jen.Qual(clientRTPath, "SetBool").Call(rs, v, jen.Lit(name), val))
	}
	return nil
}
