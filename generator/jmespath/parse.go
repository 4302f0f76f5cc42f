// Package jmespath parses the JMESPath expressions of AWS models (waiter acceptors,
// paginator output tokens) and compiles them to Go at generation time against the
// resolved shapes: the generated code walks typed outputs, with no interpreter and no
// reflection at run time.
//
// The subset is what the models use: identifiers and sub-expressions (a.b), indexes
// (a[0], a[-1]), flatten (a[]), list projections (a[*].b), filter projections
// (a[?b == 'x']), comparisons (== != < <= > >=), ||, &&, !, parentheses, literals
// (`0`, `true`, `"s"`, 'raw'), @, and the functions length and contains. Pipes, object
// and list multi-selects, slices and the other functions are not supported: Parse
// says so.
//
// One difference from jmespath.py is deliberate: a list or map the response left out
// is a nil slice or map in Go, which length() counts as empty, as aws-sdk-go-v2's
// waiters (go-jmespath over the Go structures) do; jmespath.py sees null there.
package jmespath

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Op is the kind of a node.
type Op int

// Node kinds.
const (
	Field      Op = iota // Name
	Current              // @
	Literal              // Value: string, float64 or bool
	Sub                  // Left.Right
	Index                // Left[Index]
	Flatten              // Left[]
	Projection           // Left (a list, or a flatten) projected through Right
	Filter               // Left[?Cond] projected through Right
	Compare              // Left Name Right, Name one of == != < <= > >=
	And                  // Left && Right
	Or                   // Left || Right
	Not                  // !Left
	Call                 // Name(Args...)
)

// Node is one node of a parsed expression.
type Node struct {
	Op          Op
	Name        string
	Value       any
	Index       int
	Left, Right *Node
	Cond        *Node
	Args        []*Node
}

type token struct {
	kind string // "id", "lit", "num", or the punctuation itself
	text string
	val  any
	pos  int
}

func lex(s string) ([]token, error) {
	var toks []token
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			j := i + 1
			for j < len(s) && (s[j] == '_' || s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z' || s[j] >= '0' && s[j] <= '9') {
				j++
			}
			toks = append(toks, token{kind: "id", text: s[i:j], pos: i})
			i = j
		case c == '"':
			j := strings.IndexByte(s[i+1:], '"')
			if j < 0 {
				return nil, fmt.Errorf("unterminated quoted identifier at %d", i)
			}
			var id string
			if err := json.Unmarshal([]byte(s[i:i+j+2]), &id); err != nil {
				return nil, fmt.Errorf("quoted identifier at %d: %v", i, err)
			}
			toks = append(toks, token{kind: "id", text: id, pos: i})
			i += j + 2
		case c == '\'':
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				return nil, fmt.Errorf("unterminated raw string at %d", i)
			}
			toks = append(toks, token{kind: "lit", val: s[i+1 : i+1+j], pos: i})
			i += j + 2
		case c == '`':
			j := strings.IndexByte(s[i+1:], '`')
			if j < 0 {
				return nil, fmt.Errorf("unterminated literal at %d", i)
			}
			var v any
			if err := json.Unmarshal([]byte(s[i+1:i+1+j]), &v); err != nil {
				return nil, fmt.Errorf("literal at %d: %v", i, err)
			}
			switch v.(type) {
			case string, float64, bool:
			default:
				return nil, fmt.Errorf("literal %s at %d: only strings, numbers and booleans are supported", s[i:i+j+2], i)
			}
			toks = append(toks, token{kind: "lit", val: v, pos: i})
			i += j + 2
		case c == '-' || c >= '0' && c <= '9':
			j := i + 1
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			n, err := strconv.Atoi(s[i:j])
			if err != nil {
				return nil, fmt.Errorf("number at %d: %v", i, err)
			}
			toks = append(toks, token{kind: "num", val: n, pos: i})
			i = j
		default:
			two := ""
			if i+1 < len(s) {
				two = s[i : i+2]
			}
			switch two {
			case "==", "!=", "<=", ">=", "||", "&&", "[]", "[?":
				toks = append(toks, token{kind: two, pos: i})
				i += 2
				continue
			}
			if two == "[*" && i+2 < len(s) && s[i+2] == ']' {
				toks = append(toks, token{kind: "[*]", pos: i})
				i += 3
				continue
			}
			switch c {
			case '.', '[', ']', '(', ')', ',', '@', '!', '<', '>':
				toks = append(toks, token{kind: string(c), pos: i})
				i++
			default:
				return nil, fmt.Errorf("unsupported character %q at %d", c, i)
			}
		}
	}
	return append(toks, token{kind: "eof", pos: len(s)}), nil
}

type parser struct {
	toks []token
	i    int
}

// binding powers, as the JMESPath grammar orders them
var power = map[string]int{
	"eof": 0, ")": 0, "]": 0, ",": 0,
	"||": 2, "&&": 3, "==": 5, "!=": 5, "<": 5, "<=": 5, ">": 5, ">=": 5,
	"[]": 9, ".": 40, "[?": 21, "[*]": 20, "[": 55,
}

// Parse parses expr, or says what it does not support.
func Parse(expr string) (*Node, error) {
	toks, err := lex(expr)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks}
	n, err := p.expr(0)
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != "eof" {
		return nil, fmt.Errorf("unexpected %q at %d", t.kind, t.pos)
	}
	// the compiled code of || and && repeats what follows them: bound it
	if ops := n.count(func(n *Node) bool { return n.Op == Or || n.Op == And }); ops > maxBoolOps {
		return nil, fmt.Errorf("%d || and && operators: more than the %d supported", ops, maxBoolOps)
	}
	return n, nil
}

const maxBoolOps = 8

func (n *Node) count(pred func(*Node) bool) int {
	if n == nil {
		return 0
	}
	c := n.Left.count(pred) + n.Right.count(pred) + n.Cond.count(pred)
	for _, a := range n.Args {
		c += a.count(pred)
	}
	if pred(n) {
		c++
	}
	return c
}

func (p *parser) peek() token { return p.toks[p.i] }
func (p *parser) next() token { t := p.toks[p.i]; p.i++; return t }

func (p *parser) expect(kind string) error {
	if t := p.next(); t.kind != kind {
		return fmt.Errorf("expected %q at %d, found %q", kind, t.pos, t.kind)
	}
	return nil
}

func (p *parser) expr(rbp int) (*Node, error) {
	left, err := p.nud()
	if err != nil {
		return nil, err
	}
	for {
		t := p.peek()
		bp, ok := power[t.kind]
		if !ok {
			return nil, fmt.Errorf("unsupported %q at %d", t.kind, t.pos)
		}
		if bp <= rbp {
			return left, nil
		}
		if left, err = p.led(left); err != nil {
			return nil, err
		}
	}
}

func (p *parser) nud() (*Node, error) {
	t := p.next()
	switch t.kind {
	case "id":
		if p.peek().kind == "(" {
			return p.call(t.text)
		}
		return &Node{Op: Field, Name: t.text}, nil
	case "lit":
		return &Node{Op: Literal, Value: t.val}, nil
	case "@":
		return &Node{Op: Current}, nil
	case "!":
		x, err := p.expr(7)
		return &Node{Op: Not, Left: x}, err
	case "(":
		x, err := p.expr(0)
		if err != nil {
			return nil, err
		}
		return x, p.expect(")")
	case "[]":
		return p.projectRest(&Node{Op: Flatten, Left: &Node{Op: Current}}, 9)
	case "[*]":
		return p.projectRest(&Node{Op: Current}, 20)
	case "[?":
		return p.filter(&Node{Op: Current})
	case "[":
		return p.led0(&Node{Op: Current})
	}
	return nil, fmt.Errorf("unsupported %q at %d", t.kind, t.pos)
}

func (p *parser) call(name string) (*Node, error) {
	p.next() // (
	n := &Node{Op: Call, Name: name}
	for p.peek().kind != ")" {
		a, err := p.expr(0)
		if err != nil {
			return nil, err
		}
		n.Args = append(n.Args, a)
		if p.peek().kind == "," {
			p.next()
		}
	}
	p.next()
	return n, nil
}

func (p *parser) led(left *Node) (*Node, error) {
	t := p.next()
	switch t.kind {
	case ".":
		right, err := p.dotRHS()
		return &Node{Op: Sub, Left: left, Right: right}, err
	case "[":
		return p.led0(left)
	case "[]":
		return p.projectRest(&Node{Op: Flatten, Left: left}, 9)
	case "[*]":
		return p.projectRest(left, 20)
	case "[?":
		return p.filter(left)
	case "||", "&&":
		right, err := p.expr(power[t.kind])
		op := Or
		if t.kind == "&&" {
			op = And
		}
		return &Node{Op: op, Left: left, Right: right}, err
	case "==", "!=", "<", "<=", ">", ">=":
		right, err := p.expr(power[t.kind])
		return &Node{Op: Compare, Name: t.kind, Left: left, Right: right}, err
	}
	return nil, fmt.Errorf("unsupported %q at %d", t.kind, t.pos)
}

// led0 reads an index after '[': a number and ']'.
func (p *parser) led0(left *Node) (*Node, error) {
	nt := p.next()
	if nt.kind != "num" {
		return nil, fmt.Errorf("unsupported index at %d: only numbers (no slices or multi-selects)", nt.pos)
	}
	if err := p.expect("]"); err != nil {
		return nil, err
	}
	return &Node{Op: Index, Left: left, Index: nt.val.(int)}, nil
}

func (p *parser) dotRHS() (*Node, error) {
	t := p.next()
	switch t.kind {
	case "id":
		if p.peek().kind == "(" {
			return nil, fmt.Errorf("a function after '.' at %d is not supported", t.pos)
		}
		return &Node{Op: Field, Name: t.text}, nil
	}
	return nil, fmt.Errorf("unsupported %q after '.' at %d (multi-selects are not supported)", t.kind, t.pos)
}

func (p *parser) filter(left *Node) (*Node, error) {
	cond, err := p.expr(0)
	if err != nil {
		return nil, err
	}
	if err := p.expect("]"); err != nil {
		return nil, err
	}
	right, err := p.projectionRHS(21)
	return &Node{Op: Filter, Left: left, Cond: cond, Right: right}, err
}

func (p *parser) projectRest(left *Node, bp int) (*Node, error) {
	right, err := p.projectionRHS(bp)
	return &Node{Op: Projection, Left: left, Right: right}, err
}

// projectionRHS is what a projection applies to each element: the rest of the chain
// of '.', '[' and filters binding tighter than the projection.
func (p *parser) projectionRHS(bp int) (*Node, error) {
	switch t := p.peek(); {
	case power[t.kind] < 10:
		return &Node{Op: Current}, nil
	case t.kind == ".":
		p.next()
		right, err := p.dotRHS()
		if err != nil {
			return nil, err
		}
		return p.continueChain(right, bp)
	case t.kind == "[" || t.kind == "[?" || t.kind == "[*]":
		return p.expr(bp)
	default:
		return nil, fmt.Errorf("unsupported %q after a projection at %d", t.kind, t.pos)
	}
}

// continueChain applies to left what binds tighter than rbp.
func (p *parser) continueChain(left *Node, rbp int) (*Node, error) {
	for power[p.peek().kind] > rbp {
		var err error
		if left, err = p.led(left); err != nil {
			return nil, err
		}
	}
	return left, nil
}

// Multi reports whether n yields a projection (any number of values) rather than one
// value or none.
func (n *Node) Multi() bool {
	switch n.Op {
	case Projection, Filter:
		return true
	case Sub, Index:
		return n.Left.Multi()
	case Flatten:
		return true
	}
	return false
}
