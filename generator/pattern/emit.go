package pattern

import (
	"fmt"
	"strings"
)

// emit writes the tree as RE2 text, keeping Java's text wherever RE2 reads it
// the same way.
func emit(root *node) string {
	var b strings.Builder
	e := emitter{b: &b}
	e.node(root)
	return b.String()
}

type emitter struct {
	b         *strings.Builder
	noCapture int // inside a repeat written out more than once
}

func (e *emitter) node(n *node) {
	if n.dropped {
		return
	}
	b := e.b
	switch n.op {
	case opSet:
		if n.verbatim {
			b.WriteString(n.src)
		} else {
			b.WriteString(n.re2)
		}
	case opAssert:
		switch {
		case n.out != nil:
			b.WriteString(*n.out)
		case n.anchor == anchorBegin:
			b.WriteString("^")
		case n.anchor == anchorBeginText:
			b.WriteString(`\A`)
		case n.anchor == anchorEndText:
			b.WriteString(`\z`)
		default:
			b.WriteString(n.src) // refused before emission
		}
	case opConcat:
		for _, s := range n.subs {
			e.node(s)
		}
	case opAlt:
		for i, s := range n.subs {
			if i > 0 {
				b.WriteByte('|')
			}
			e.node(s)
		}
	case opGroup:
		switch {
		case !n.capture || e.noCapture > 0:
			b.WriteString("(?:")
		case n.name != "":
			b.WriteString("(?P<" + n.name + ">")
		default:
			b.WriteString("(")
		}
		e.node(n.subs[0])
		b.WriteByte(')')
	case opRepeat:
		e.repeat(n)
	}
}

func (e *emitter) repeat(n *node) {
	sub := n.subs[0]
	atom := func() {
		if sub.op == opSet || sub.op == opGroup {
			e.node(sub)
			return
		}
		e.b.WriteString("(?:")
		e.node(sub)
		e.b.WriteByte(')')
	}
	switch {
	case n.lengthOp != "":
		atom()
		e.b.WriteString(n.lengthOp)
	case n.expand:
		e.noCapture++
		for _, c := range chunks(n.min, n.max) {
			atom()
			e.b.WriteString(quantText(c[0], c[1], greedy))
		}
		e.noCapture--
	default:
		atom()
		if n.changedQ || n.mode == possessive {
			e.b.WriteString(quantText(n.min, n.max, n.mode))
		} else {
			e.b.WriteString(n.src)
		}
	}
}

// chunks splits {min,max} into consecutive counts of at most 1000 whose sums
// cover exactly min..max: X{a,b}X{c,d} matches X repeated a+c..b+d times.
func chunks(lo, hi int) [][2]int {
	var out [][2]int
	if hi == -1 {
		for lo > re2MaxRepeat {
			out = append(out, [2]int{re2MaxRepeat, re2MaxRepeat})
			lo -= re2MaxRepeat
		}
		return append(out, [2]int{lo, -1})
	}
	for hi > 0 {
		h := min(hi, re2MaxRepeat)
		l := min(lo, h)
		out = append(out, [2]int{l, h})
		lo, hi = lo-l, hi-h
	}
	return out
}

func quantText(lo, hi int, mode quantMode) string {
	var q string
	switch {
	case lo == 1 && hi == 1:
		return ""
	case lo == 0 && hi == -1:
		q = "*"
	case lo == 1 && hi == -1:
		q = "+"
	case lo == 0 && hi == 1:
		q = "?"
	case hi == -1:
		q = fmt.Sprintf("{%d,}", lo)
	case lo == hi:
		q = fmt.Sprintf("{%d}", lo)
	default:
		q = fmt.Sprintf("{%d,%d}", lo, hi)
	}
	if mode == lazy {
		q += "?"
	}
	return q
}
