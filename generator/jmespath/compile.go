package jmespath

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/dave/jennifer/jen"
	"github.com/svcgen/svcgen/generator/ir"
)

// Kind is the kind of a value an expression yields, as the generated Go holds it.
type Kind int

// Value kinds.
const (
	Str    Kind = iota // a Go string (enums converted)
	Num                // a Go float64 (every number converted)
	Bool               // a Go bool
	List               // a Go slice of the list shape's element
	Map                // a Go map
	Struct             // a pointer to, or value of, a structure
	Other              // timestamps, blobs, unions, documents: not comparable here
)

var kindNames = [...]string{"string", "number", "boolean", "list", "map", "structure", "unsupported value"}

func (k Kind) String() string { return kindNames[k] }

// Value is a compiled value: its Go expression, its kind and, for lists, maps and
// structures, its shape.
type Value struct {
	Kind  Kind
	X     *jen.Statement
	Shape *ir.Shape
}

// Emit is what the generated code does with each value an expression yields.
type Emit func(v Value) ([]jen.Code, error)

// Compiler compiles expressions against shapes; it numbers the Go variables it
// declares so that nested code never shadows them.
type Compiler struct{ n int }

func (c *Compiler) name(prefix string) string {
	c.n++
	return fmt.Sprintf("%s%d", prefix, c.n)
}

// Eval emits the statements that evaluate n on cur and run k on every value it yields:
// none for null, one for a single value, one per element for a projection (whose
// null elements are dropped, as JMESPath drops them).
func (c *Compiler) Eval(n *Node, cur Value, k Emit) ([]jen.Code, error) {
	switch n.Op {
	case Current:
		return k(cur)
	case Literal:
		switch v := n.Value.(type) {
		case string:
			return k(Value{Kind: Str, X: jen.Lit(v)})
		case float64:
			return k(Value{Kind: Num, X: jen.Lit(v)})
		case bool:
			return k(Value{Kind: Bool, X: jen.Lit(v)})
		}
		return nil, fmt.Errorf("literal %v is not supported", n.Value)
	case Field:
		if cur.Kind != Struct {
			return nil, fmt.Errorf("field %q of a %s", n.Name, cur.Kind)
		}
		for _, m := range cur.Shape.Members {
			if m.Name == n.Name {
				return c.member(m, cur.X.Clone().Dot(m.GoName), k)
			}
		}
		return nil, fmt.Errorf("%s has no member %q", cur.Shape.Name, n.Name)
	case Sub:
		return c.Eval(n.Left, cur, func(v Value) ([]jen.Code, error) { return c.Eval(n.Right, v, k) })
	case Index:
		return c.Eval(n.Left, cur, func(v Value) ([]jen.Code, error) {
			if v.Kind != List {
				return nil, fmt.Errorf("index of a %s", v.Kind)
			}
			body, err := c.member(v.Shape.Elem, v.X.Clone().Index(index(v.X, n.Index)), k)
			if err != nil {
				return nil, err
			}
			cond := jen.Len(v.X.Clone()).Op(">").Lit(n.Index)
			if n.Index < 0 {
				cond = jen.Len(v.X.Clone()).Op(">=").Lit(-n.Index)
			}
			return []jen.Code{jen.If(cond).Block(body...)}, nil
		})
	case Flatten:
		multi := n.Left.Multi()
		return c.Eval(n.Left, cur, func(v Value) ([]jen.Code, error) {
			if v.Kind != List {
				if multi {
					return k(v) // a projection's element that is not a list stays
				}
				return nil, fmt.Errorf("flatten of a %s", v.Kind)
			}
			return c.each(v, func(e Value) ([]jen.Code, error) {
				if e.Kind == List && !multi {
					return c.each(e, k)
				}
				return k(e)
			})
		})
	case Projection, Filter:
		if n.Right.Multi() {
			return nil, fmt.Errorf("a projection inside a projection is not supported")
		}
		project := func(e Value) ([]jen.Code, error) {
			if n.Op == Projection {
				return c.Eval(n.Right, e, k)
			}
			b := c.name("keep")
			test, err := c.truth(n.Cond, e, b)
			if err != nil {
				return nil, err
			}
			then, err := c.Eval(n.Right, e, k)
			if err != nil {
				return nil, err
			}
			return append(test, jen.If(jen.Id(b)).Block(then...)), nil
		}
		if n.Left.Multi() {
			return c.Eval(n.Left, cur, project)
		}
		return c.Eval(n.Left, cur, func(v Value) ([]jen.Code, error) {
			if v.Kind != List {
				return nil, fmt.Errorf("projection of a %s", v.Kind)
			}
			return c.each(v, project)
		})
	case Compare:
		return c.compare(n, cur, k)
	case And, Or:
		if n.Left.Multi() || n.Right.Multi() {
			return nil, fmt.Errorf("%s of a projection is not supported", map[Op]string{And: "&&", Or: "||"}[n.Op])
		}
		done := c.name("done")
		var left []jen.Code
		var err error
		if n.Op == Or {
			// the left value when it is truthy, else the right
			left, err = c.Eval(n.Left, cur, func(v Value) ([]jen.Code, error) {
				then, err := k(v)
				if err != nil {
					return nil, err
				}
				return []jen.Code{jen.If(truthy(v)).Block(append([]jen.Code{jen.Id(done).Op("=").True()}, then...)...)}, nil
			})
			if err != nil {
				return nil, err
			}
			right, err := c.Eval(n.Right, cur, k)
			if err != nil {
				return nil, err
			}
			return append(append([]jen.Code{jen.Id(done).Op(":=").False()}, left...), jen.If(jen.Op("!").Id(done)).Block(right...)), nil
		}
		// the left value when it is falsy (null yields null), else the right
		left, err = c.Eval(n.Left, cur, func(v Value) ([]jen.Code, error) {
			right, err := c.Eval(n.Right, cur, k)
			if err != nil {
				return nil, err
			}
			falsy, err := k(v)
			if err != nil {
				return nil, err
			}
			return []jen.Code{jen.If(truthy(v)).Block(right...).Else().Block(falsy...)}, nil
		})
		return left, err
	case Not:
		b := c.name("truth")
		test, err := c.truth(n.Left, cur, b)
		if err != nil {
			return nil, err
		}
		then, err := k(Value{Kind: Bool, X: jen.Op("!").Id(b)})
		return append(test, then...), err
	case Call:
		return c.call(n, cur, k)
	}
	return nil, fmt.Errorf("unsupported expression")
}

func index(x *jen.Statement, i int) jen.Code {
	if i < 0 {
		return jen.Len(x.Clone()).Op("-").Lit(-i)
	}
	return jen.Lit(i)
}

// truth declares b, true when n's value on cur is truthy (null is not).
func (c *Compiler) truth(n *Node, cur Value, b string) ([]jen.Code, error) {
	if n.Multi() {
		return nil, fmt.Errorf("the truth of a projection is not supported")
	}
	body, err := c.Eval(n, cur, func(v Value) ([]jen.Code, error) {
		return []jen.Code{jen.Id(b).Op("=").Add(truthy(v))}, nil
	})
	return append([]jen.Code{jen.Id(b).Op(":=").False()}, body...), err
}

// truthy is JMESPath's truth of a value that is not null: false, "" and empty lists
// and maps are false.
func truthy(v Value) *jen.Statement {
	switch v.Kind {
	case Bool:
		return v.X.Clone()
	case Str:
		return v.X.Clone().Op("!=").Lit("")
	case List, Map:
		return jen.Len(v.X.Clone()).Op(">").Lit(0)
	}
	return jen.True()
}

// member runs k on the value of member m at x, when it is not null.
func (c *Compiler) member(m *ir.Member, x *jen.Statement, k Emit) ([]jen.Code, error) {
	val := x.Clone()
	var cond *jen.Statement
	if m.Pointer {
		cond = x.Clone().Op("!=").Nil()
		if m.Shape.Kind != ir.Structure {
			val = jen.Op("*").Add(x.Clone())
		}
	}
	var v Value
	switch sh := m.Shape; {
	case sh.Kind == ir.String:
		v = Value{Kind: Str, X: val}
	case sh.Kind == ir.Enum:
		v = Value{Kind: Str, X: jen.String().Call(val)}
		if !m.Pointer {
			cond = x.Clone().Op("!=").Lit("") // an unset enum is null
		}
	case sh.Kind == ir.Boolean:
		v = Value{Kind: Bool, X: val}
	case sh.Kind.IsNumber() && sh.Kind != ir.BigInteger && sh.Kind != ir.BigDecimal:
		v = Value{Kind: Num, X: jen.Float64().Call(val)}
	case sh.Kind == ir.List:
		v = Value{Kind: List, X: val, Shape: sh}
	case sh.Kind == ir.Map:
		v = Value{Kind: Map, X: val, Shape: sh}
	case sh.Kind == ir.Structure:
		v = Value{Kind: Struct, X: val, Shape: sh}
	default:
		v = Value{Kind: Other, X: val, Shape: sh}
	}
	body, err := k(v)
	if err != nil || cond == nil {
		return body, err
	}
	return []jen.Code{jen.If(cond).Block(body...)}, nil
}

var idents = regexp.MustCompile(`[A-Za-z_][A-Za-z0-9_]*`)

// each runs k on every element of the list v that is not null.
func (c *Compiler) each(v Value, k Emit) ([]jen.Code, error) {
	e := c.name("e")
	body, err := c.member(v.Shape.Elem, jen.Id(e), k)
	if err != nil {
		return nil, err
	}
	if !uses(body, e) {
		e = "_"
		if body, err = c.member(v.Shape.Elem, jen.Id("_"), k); err != nil {
			return nil, err
		}
	}
	if e == "_" {
		return []jen.Code{jen.For(jen.Range().Add(v.X.Clone())).Block(body...)}, nil
	}
	return []jen.Code{jen.For(jen.List(jen.Id("_"), jen.Id(e)).Op(":=").Range().Add(v.X.Clone())).Block(body...)}, nil
}

// uses reports whether the statements name the variable.
func uses(body []jen.Code, name string) bool {
	for _, id := range idents.FindAllString(fmt.Sprintf("%#v", jen.Block(body...)), -1) {
		if id == name {
			return true
		}
	}
	return false
}

// compare yields the boolean of a comparison of two single values: == and != compare
// strings, numbers and booleans (null equals only null); the orderings compare
// numbers and are null otherwise.
func (c *Compiler) compare(n *Node, cur Value, k Emit) ([]jen.Code, error) {
	if n.Left.Multi() || n.Right.Multi() {
		return nil, fmt.Errorf("a comparison of a projection is not supported")
	}
	var stmts []jen.Code
	var kinds [2]Kind
	var xs [2]jen.Code
	var oks [2]*jen.Statement // nil: the side is a literal, always there
	for i, side := range []*Node{n.Left, n.Right} {
		kinds[i] = -1
		if side.Op == Literal {
			if _, err := c.Eval(side, cur, func(v Value) ([]jen.Code, error) {
				kinds[i], xs[i] = v.Kind, v.X
				return nil, nil
			}); err != nil {
				return nil, err
			}
			continue
		}
		x, ok := c.name("v"), c.name("ok")
		xs[i], oks[i] = jen.Id(x), jen.Id(ok)
		body, err := c.Eval(side, cur, func(v Value) ([]jen.Code, error) {
			if v.Kind != Str && v.Kind != Num && v.Kind != Bool {
				return nil, fmt.Errorf("a comparison of a %s is not supported", v.Kind)
			}
			kinds[i] = v.Kind
			return []jen.Code{jen.Id(x).Op("=").Add(v.X), jen.Id(ok).Op("=").True()}, nil
		})
		if err != nil {
			return nil, err
		}
		if kinds[i] < 0 {
			return nil, fmt.Errorf("a comparison side yields nothing")
		}
		var typ *jen.Statement
		switch kinds[i] {
		case Str:
			typ = jen.String()
		case Num:
			typ = jen.Float64()
		default:
			typ = jen.Bool()
		}
		stmts = append(stmts, jen.Var().Id(x).Add(typ), jen.Id(ok).Op(":=").False())
		stmts = append(stmts, body...)
	}
	if kinds[0] != kinds[1] {
		return nil, fmt.Errorf("%s %s %s: the sides are of different kinds", kinds[0], n.Name, kinds[1])
	}
	cmp := func(op string) *jen.Statement { return jen.Add(xs[0]).Op(op).Add(xs[1]) }
	// both is the condition that both sides are there (nil: always)
	var both *jen.Statement
	switch {
	case oks[0] != nil && oks[1] != nil:
		both = oks[0].Clone().Op("&&").Add(oks[1].Clone())
	case oks[0] != nil:
		both = oks[0].Clone()
	case oks[1] != nil:
		both = oks[1].Clone()
	}
	var res *jen.Statement
	switch {
	case n.Name == "==" || n.Name == "!=":
		// null equals null only
		switch {
		case oks[0] != nil && oks[1] != nil:
			res = jen.Parens(both.Clone().Op("&&").Add(cmp("==")).Op("||").Op("!").Add(oks[0].Clone()).Op("&&").Op("!").Add(oks[1].Clone()))
		case both != nil:
			res = jen.Parens(both.Clone().Op("&&").Add(cmp("==")))
		default:
			res = jen.Parens(cmp("=="))
		}
		if n.Name == "!=" {
			res = jen.Op("!").Add(res)
		}
	default:
		if kinds[0] != Num {
			return nil, fmt.Errorf("%s %s %s: only numbers are ordered", kinds[0], n.Name, kinds[1])
		}
		// an ordering of a null is null, and k sees nothing
		then, err := k(Value{Kind: Bool, X: jen.Parens(cmp(n.Name))})
		if err != nil || both == nil {
			return append(stmts, then...), err
		}
		return append(stmts, jen.If(both).Block(then...)), nil
	}
	then, err := k(Value{Kind: Bool, X: res})
	return append(stmts, then...), err
}

// call compiles length(x) and contains(subject, search).
func (c *Compiler) call(n *Node, cur Value, k Emit) ([]jen.Code, error) {
	switch {
	case n.Name == "length" && len(n.Args) == 1:
		arg := n.Args[0]
		if arg.Multi() {
			cnt := c.name("n")
			body, err := c.Eval(arg, cur, func(Value) ([]jen.Code, error) { return []jen.Code{jen.Id(cnt).Op("++")}, nil })
			if err != nil {
				return nil, err
			}
			then, err := k(Value{Kind: Num, X: jen.Float64().Call(jen.Id(cnt))})
			return append(append([]jen.Code{jen.Id(cnt).Op(":=").Lit(0)}, body...), then...), err
		}
		return c.Eval(arg, cur, func(v Value) ([]jen.Code, error) {
			switch v.Kind {
			case Str:
				return k(Value{Kind: Num, X: jen.Float64().Call(jen.Qual("unicode/utf8", "RuneCountInString").Call(v.X))})
			case List, Map:
				return k(Value{Kind: Num, X: jen.Float64().Call(jen.Len(v.X))})
			}
			return nil, fmt.Errorf("length of a %s", v.Kind)
		})
	case n.Name == "contains" && len(n.Args) == 2:
		if n.Args[1].Multi() {
			return nil, fmt.Errorf("contains with a projection to search for")
		}
		found := c.name("found")
		var stmts []jen.Code
		body, err := c.Eval(n.Args[1], cur, func(s Value) ([]jen.Code, error) {
			match := func(e Value) ([]jen.Code, error) {
				if e.Kind != s.Kind || s.Kind != Str && s.Kind != Num && s.Kind != Bool {
					return nil, fmt.Errorf("contains: a %s searched for among %ss", s.Kind, e.Kind)
				}
				return []jen.Code{jen.If(e.X.Clone().Op("==").Add(s.X.Clone())).Block(jen.Id(found).Op("=").True())}, nil
			}
			if n.Args[0].Multi() {
				return c.Eval(n.Args[0], cur, match)
			}
			return c.Eval(n.Args[0], cur, func(v Value) ([]jen.Code, error) {
				switch {
				case v.Kind == List:
					return c.each(v, match)
				case v.Kind == Str && s.Kind == Str:
					return []jen.Code{jen.Id(found).Op("=").Qual("strings", "Contains").Call(v.X, s.X)}, nil
				}
				return nil, fmt.Errorf("contains in a %s", v.Kind)
			})
		})
		if err != nil {
			return nil, err
		}
		stmts = append(stmts, jen.Id(found).Op(":=").False())
		stmts = append(stmts, body...)
		then, err := k(Value{Kind: Bool, X: jen.Id(found)})
		return append(stmts, then...), err
	}
	return nil, fmt.Errorf("function %s with %d arguments is not supported", n.Name, len(n.Args))
}

// Matcher compiles a waiter acceptor's output matcher into the body of a function
// returning whether it matches, over root (the operation's output):
//
//	path     the expression's value equals expected
//	pathAll  the expression yields at least one value and every value equals expected
//	pathAny  some value the expression yields equals expected
//
// For pathAll and pathAny an expression that is not a projection yields the elements
// of the list it names.
func (c *Compiler) Matcher(matcher, expr string, expected any, root Value) ([]jen.Code, error) {
	n, err := Parse(expr)
	if err != nil {
		return nil, err
	}
	var want Value
	switch v := expected.(type) {
	case string:
		want = Value{Kind: Str, X: jen.Lit(v)}
	case bool:
		want = Value{Kind: Bool, X: jen.Lit(v)}
	case float64:
		want = Value{Kind: Num, X: jen.Lit(v)}
	case int:
		want = Value{Kind: Num, X: jen.Lit(float64(v))}
	default:
		return nil, fmt.Errorf("expected value %v (%T) is not supported", expected, expected)
	}
	equal := func(v Value) (*jen.Statement, error) {
		if v.Kind != want.Kind {
			return nil, fmt.Errorf("%s compares a %s with the expected %s", expr, v.Kind, want.Kind)
		}
		if b, ok := expected.(bool); ok && b {
			return v.X.Clone(), nil
		} else if ok {
			return jen.Op("!").Parens(v.X.Clone()), nil
		}
		return v.X.Clone().Op("==").Add(want.X.Clone()), nil
	}
	// values runs k on each value pathAll and pathAny look at
	values := func(k Emit) ([]jen.Code, error) {
		if n.Multi() {
			return c.Eval(n, root, k)
		}
		return c.Eval(n, root, func(v Value) ([]jen.Code, error) {
			if v.Kind != List {
				return nil, fmt.Errorf("%s is not a list or a projection", expr)
			}
			return c.each(v, k)
		})
	}
	switch matcher {
	case "path":
		if n.Multi() {
			return nil, fmt.Errorf("path matcher on a projection (%s): use pathAll or pathAny", expr)
		}
		body, err := c.Eval(n, root, func(v Value) ([]jen.Code, error) {
			eq, err := equal(v)
			return []jen.Code{jen.Return(eq)}, err
		})
		if len(body) > 0 && strings.HasPrefix(fmt.Sprintf("%#v", body[len(body)-1]), "return ") {
			return body, err // the value is always there
		}
		return append(body, jen.Return(jen.False())), err
	case "pathAll":
		cnt := c.name("n")
		body, err := values(func(v Value) ([]jen.Code, error) {
			eq, err := equal(v)
			if err != nil {
				return nil, err
			}
			return []jen.Code{jen.If(jen.Op("!").Parens(eq)).Block(jen.Return(jen.False())), jen.Id(cnt).Op("++")}, nil
		})
		return append(append([]jen.Code{jen.Id(cnt).Op(":=").Lit(0)}, body...), jen.Return(jen.Id(cnt).Op(">").Lit(0))), err
	case "pathAny":
		body, err := values(func(v Value) ([]jen.Code, error) {
			eq, err := equal(v)
			return []jen.Code{jen.If(eq).Block(jen.Return(jen.True()))}, err
		})
		return append(body, jen.Return(jen.False())), err
	}
	return nil, fmt.Errorf("matcher %q is not an output matcher", matcher)
}

// Root is the value of an operation's output, held as the pointer x.
func Root(sh *ir.Shape, x *jen.Statement) Value { return Value{Kind: Struct, X: x, Shape: sh} }

// Token compiles a paginator's output token expr, over root (the output), into
// statements that set target, a variable of the Go type of the input token in, to the
// token's value; target is left as it is when the expression is null. goType gives
// the Go type of a member's shape without its pointer (for the conversion to an
// enum).
func (c *Compiler) Token(expr string, root Value, in *ir.Member, target *jen.Statement, goType func(*ir.Shape) *jen.Statement) ([]jen.Code, error) {
	n, err := Parse(expr)
	if err != nil {
		return nil, err
	}
	if n.Multi() {
		return nil, fmt.Errorf("output token %s is a projection", expr)
	}
	return c.Eval(n, root, func(v Value) ([]jen.Code, error) {
		var val *jen.Statement
		kind := in.Shape.Kind
		switch {
		case v.Kind == Str && kind == ir.String:
			val = v.X.Clone()
		case v.Kind == Str && kind == ir.Enum:
			val = goType(in.Shape).Call(v.X)
		case v.Kind == Num && (kind == ir.Integer || kind == ir.Long):
			val = goType(in.Shape).Call(v.X)
		case (v.Kind == Map || v.Kind == List || v.Kind == Struct) && v.Shape == in.Shape:
			// a structure value is a pointer when the member is, as input tokens are
			return []jen.Code{target.Clone().Op("=").Add(v.X)}, nil
		default:
			return nil, fmt.Errorf("output token %s is a %s, input token %s a %s", expr, v.Kind, in.Name, kind)
		}
		if !in.Pointer {
			return []jen.Code{target.Clone().Op("=").Add(val)}, nil
		}
		t := c.name("t")
		return []jen.Code{jen.Id(t).Op(":=").Add(val), target.Clone().Op("=").Op("&").Id(t)}, nil
	})
}

// Bool compiles expr, a boolean over root (a paginator's more_results), into
// statements that set the bool variable target when the value is there.
func (c *Compiler) Bool(expr string, root Value, target *jen.Statement) ([]jen.Code, error) {
	n, err := Parse(expr)
	if err != nil {
		return nil, err
	}
	if n.Multi() {
		return nil, fmt.Errorf("%s is a projection", expr)
	}
	return c.Eval(n, root, func(v Value) ([]jen.Code, error) {
		if v.Kind != Bool {
			return nil, fmt.Errorf("%s is a %s, not a boolean", expr, v.Kind)
		}
		return []jen.Code{target.Clone().Op("=").Add(v.X)}, nil
	})
}
