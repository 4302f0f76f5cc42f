package endpoints

import (
	"errors"
	"strings"
)

// exprOp says what an expr is.
type exprOp uint8

const (
	opLit  exprOp = iota // lit
	opRef                // slots[slot]
	opCall               // fn(state, expr)
	opTmpl               // template parts joined into a string
)

// expr is a compiled expression: a literal, a reference resolved to a slot, a
// function call with its implementation already looked up, or a template
// already split into literal and reference parts.
type expr struct {
	op   exprOp
	id   fnID // the function of a call
	lit  value
	slot int
	fn   fnImpl
	args []expr
	path []pathStep // getAttr's path, parsed once
	idx  [2]int     // substring's indexes
	tmpl []tmplPart
}

// fnImpl evaluates a call; it evaluates the arguments it needs itself.
type fnImpl func(st *state, e *expr) value

// tmplPart is a literal (slot < 0) or a reference to a slot with an optional path.
type tmplPart struct {
	lit  string
	slot int
	path []pathStep
}

// cond is a compiled condition; assign is the slot it binds, or -1.
type cond struct {
	e      expr
	assign int
}

type ruleKind uint8

const (
	ruleEndpoint ruleKind = iota
	ruleError
	ruleTree
)

type rule struct {
	kind  ruleKind
	conds []cond
	ep    *endpointTmpl
	err   expr
	rules []rule
	where string // the rule's location in the file, for diagnostics
}

type endpointTmpl struct {
	url     expr
	headers []headerTmpl
	props   []propField
}

type headerTmpl struct {
	name   string
	values []expr
}

type propKind uint8

const (
	propString propKind = iota
	propBool
	propNumber
	propNull
	propArray
	propObject
)

// propNode is a node of an endpoint's properties: JSON whose strings are templates.
type propNode struct {
	kind propKind
	e    expr
	b    bool
	num  float64
	arr  []propNode
	obj  []propField
}

type propField struct {
	key string
	val propNode
}

// state is the scratch space of one evaluation: the parameter values, then the
// variables that conditions assign. Variables of sibling rules share slots,
// since only one of them is in scope at a time.
type state struct {
	slots []value
	parts *partitionTable
}

func (st *state) eval(e *expr) value {
	switch e.op {
	case opLit:
		return e.lit
	case opRef:
		return st.slots[e.slot]
	case opCall:
		return e.fn(st, e)
	default:
		s, ok := st.template(e.tmpl)
		if !ok {
			return unset
		}
		return stringValue(s)
	}
}

// evalString evaluates e, which must give a string.
func (st *state) evalString(e *expr) (string, bool) {
	if e.op == opTmpl {
		return st.template(e.tmpl)
	}
	v := st.eval(e)
	return v.s, v.k == kString
}

func (st *state) part(p *tmplPart) (string, bool) {
	if p.slot < 0 {
		return p.lit, true
	}
	v := walk(st.slots[p.slot], p.path)
	return v.s, v.k == kString
}

// template joins the parts with a single allocation (none when the template is
// one part).
func (st *state) template(parts []tmplPart) (string, bool) {
	if len(parts) == 1 {
		return st.part(&parts[0])
	}
	n := 0
	for i := range parts {
		s, ok := st.part(&parts[i])
		if !ok {
			return "", false
		}
		n += len(s)
	}
	var b strings.Builder
	b.Grow(n)
	for i := range parts {
		s, _ := st.part(&parts[i])
		b.WriteString(s)
	}
	return b.String(), true
}

// errNoRule is returned when every rule of a list failed its conditions.
var errNoRule = errors.New("endpoints: no rule matched the parameters (rules exhausted)")

// evalRules runs rules in order; matched is false when none was selected.
func (st *state) evalRules(rules []rule) (ep Endpoint, matched bool, err error) {
	for i := range rules {
		r := &rules[i]
		if !st.conditions(r.conds) {
			continue
		}
		switch r.kind {
		case ruleEndpoint:
			ep, err = st.endpoint(r)
			return ep, true, err
		case ruleError:
			msg, ok := st.evalString(&r.err)
			if !ok {
				return Endpoint{}, true, errors.New("endpoints: " + r.where + ": error message refers to an unset value")
			}
			return Endpoint{}, true, &RuleError{Message: msg}
		default:
			ep, matched, err = st.evalRules(r.rules)
			if !matched {
				// A tree rule whose conditions hold is terminal.
				return Endpoint{}, true, errNoRule
			}
			return ep, true, err
		}
	}
	return Endpoint{}, false, nil
}

func (st *state) conditions(conds []cond) bool {
	for i := range conds {
		c := &conds[i]
		v := st.eval(&c.e)
		if !v.truthy() {
			return false
		}
		if c.assign >= 0 {
			st.slots[c.assign] = v
		}
	}
	return true
}

func (st *state) endpoint(r *rule) (Endpoint, error) {
	t := r.ep
	url, ok := st.evalString(&t.url)
	if !ok {
		return Endpoint{}, errors.New("endpoints: " + r.where + ": url refers to an unset value")
	}
	ep := Endpoint{URL: url}
	if len(t.headers) > 0 {
		ep.Headers = make(map[string][]string, len(t.headers))
		for _, h := range t.headers {
			vals := make([]string, 0, len(h.values))
			for i := range h.values {
				s, ok := st.evalString(&h.values[i])
				if !ok {
					return Endpoint{}, errors.New("endpoints: " + r.where + ": header " + h.name + " refers to an unset value")
				}
				vals = append(vals, s)
			}
			ep.Headers[h.name] = vals
		}
	}
	if len(t.props) > 0 {
		props, ok := st.object(t.props)
		if !ok {
			return Endpoint{}, errors.New("endpoints: " + r.where + ": a property refers to an unset value")
		}
		ep.Properties = props
		ep.AuthSchemes = authSchemes(props)
	}
	return ep, nil
}

func (st *state) object(fields []propField) (map[string]any, bool) {
	m := make(map[string]any, len(fields))
	for i := range fields {
		v, ok := st.prop(&fields[i].val)
		if !ok {
			return nil, false
		}
		m[fields[i].key] = v
	}
	return m, true
}

func (st *state) prop(n *propNode) (any, bool) {
	switch n.kind {
	case propString:
		return st.evalString(&n.e)
	case propBool:
		return n.b, true
	case propNumber:
		return n.num, true
	case propNull:
		return nil, true
	case propArray:
		a := make([]any, len(n.arr))
		for i := range n.arr {
			v, ok := st.prop(&n.arr[i])
			if !ok {
				return nil, false
			}
			a[i] = v
		}
		return a, true
	default:
		return st.object(n.obj)
	}
}
