package pattern

import (
	"fmt"
	"strings"
	"sync"
)

// analyze decides, on the parsed tree, the rewrites that need context: Java's
// $, \b and \B, possessive quantifiers, and repeat counts over RE2's 1000.
// It records notes and refusals on ps and returns the Length check, if any.
func analyze(root *node, ps *parser) *struct{ Min, Max int } {
	a := &analysis{ps: ps, sums: map[*node]*summary{}}
	walk(root, func(n *node) {
		switch {
		case n.op == opAssert && n.anchor == anchorDollar:
			a.dollar(n)
		case n.op == opAssert && (n.anchor == anchorWord || n.anchor == anchorNotWord):
			a.wordBoundary(n)
		case n.op == opRepeat && n.mode == possessive:
			a.possessive(n)
		}
	})
	if !ps.refusal.empty() {
		return nil
	}
	return a.bigRepeats(root)
}

type analysis struct {
	ps   *parser
	sums map[*node]*summary
}

func walk(n *node, f func(*node)) {
	f(n)
	for _, s := range n.subs {
		walk(s, f)
	}
}

// emptiness describes the ways a subpattern can match the empty string.
type emptiness struct {
	can    bool // some way
	free   bool // some way that involves no assertion (so: at any position)
	other  bool // some way involves an assertion other than $, \Z, \z
	dollar bool // some way involves $ or \Z
}

func concatEmp(a, b emptiness) emptiness {
	can := a.can && b.can
	return emptiness{can: can, free: a.free && b.free, other: can && (a.other || b.other), dollar: can && (a.dollar || b.dollar)}
}

func altEmp(a, b emptiness) emptiness {
	return emptiness{can: a.can || b.can, free: a.free || b.free, other: a.other || b.other, dollar: a.dollar || b.dollar}
}

// summary over-approximates the characters a subpattern can start and end
// with, and says how it can match empty.
type summary struct {
	first, last runeSet
	emp         emptiness
}

func (a *analysis) sum(n *node) *summary {
	if s, ok := a.sums[n]; ok {
		return s
	}
	s := &summary{}
	switch n.op {
	case opSet:
		s.first, s.last = n.set, n.set
	case opAssert:
		s.emp = emptiness{can: true}
		switch n.anchor {
		case anchorDollar:
			s.emp.dollar = true
		case anchorEndText:
		default:
			s.emp.other = true
		}
	case opConcat:
		s.emp = emptiness{can: true, free: true}
		for _, sub := range n.subs {
			ss := a.sum(sub)
			if s.emp.can {
				s.first = s.first.union(ss.first)
			}
			s.emp = concatEmp(s.emp, ss.emp)
		}
		open := true
		for i := len(n.subs) - 1; i >= 0 && open; i-- {
			ss := a.sum(n.subs[i])
			s.last = s.last.union(ss.last)
			open = ss.emp.can
		}
	case opAlt:
		for i, sub := range n.subs {
			ss := a.sum(sub)
			s.first, s.last = s.first.union(ss.first), s.last.union(ss.last)
			if i == 0 {
				s.emp = ss.emp
			} else {
				s.emp = altEmp(s.emp, ss.emp)
			}
		}
	case opGroup:
		*s = *a.sum(n.subs[0])
	case opRepeat:
		ss := a.sum(n.subs[0])
		if n.max != 0 {
			s.first, s.last = ss.first, ss.last
		}
		s.emp = ss.emp
		if n.min == 0 {
			s.emp = emptiness{can: true, free: true, other: ss.emp.other, dollar: ss.emp.dollar}
		}
	}
	a.sums[n] = s
	return s
}

// context is what can come right after (or right before) a node inside a
// match. A node inside a repeat has several possible continuations (another
// iteration, or what follows the repeat); chars and emp cover any of them,
// freeAll holds only if every one of them can match empty without assertions.
type context struct {
	chars   runeSet   // characters the rest of the pattern can consume next
	emp     emptiness // how the rest can be empty up to the end (start) of the match
	freeAll bool
	start   bool // before: a ^ or \A pins the position to the start of input
}

// after describes the rest of the pattern that follows n up to the end of a match.
func (a *analysis) after(n *node) context {
	c := context{emp: emptiness{can: true, free: true}, freeAll: true}
	for cur := n; cur.parent != nil && c.emp.can; cur = cur.parent {
		switch par := cur.parent; par.op {
		case opConcat:
			for _, sib := range par.subs[cur.index+1:] {
				if !c.emp.can {
					break
				}
				s := a.sum(sib)
				c.chars = c.chars.union(s.first)
				c.emp = concatEmp(c.emp, s.emp)
				c.freeAll = c.freeAll && s.emp.free
			}
		case opRepeat:
			a.iterate(&c, par, a.sum(cur).first)
		}
	}
	return c
}

// iterate adds "another iteration of par may come next" to c.
func (a *analysis) iterate(c *context, par *node, next runeSet) {
	if par.max != -1 && par.max <= 1 {
		return
	}
	s := a.sum(par.subs[0])
	c.chars = c.chars.union(next)
	c.emp.other = c.emp.other || s.emp.other
	c.emp.dollar = c.emp.dollar || s.emp.dollar
	if par.min > 1 && !s.emp.free {
		c.freeAll = false // before the minimum, another iteration is required
	}
}

// before describes the part of the pattern that precedes n from the start of a match.
func (a *analysis) before(n *node) context {
	c := context{emp: emptiness{can: true, free: true}, freeAll: true}
	for cur := n; cur.parent != nil && c.emp.can; cur = cur.parent {
		switch par := cur.parent; par.op {
		case opConcat:
			for i := cur.index - 1; i >= 0 && c.emp.can; i-- {
				sib := par.subs[i]
				if isBegin(sib) {
					c.start = true
					c.emp.can = false
					break
				}
				s := a.sum(sib)
				c.chars = c.chars.union(s.last)
				c.emp = concatEmp(c.emp, s.emp)
				c.freeAll = c.freeAll && s.emp.free
			}
		case opRepeat:
			a.iterate(&c, par, a.sum(cur).last)
		}
	}
	return c
}

func isBegin(n *node) bool {
	return n.op == opAssert && (n.anchor == anchorBegin || n.anchor == anchorBeginText)
}

// dollarRE2 is Java's $ (and \Z) without MULTILINE where nothing follows it:
// the end of input, or before a final line terminator (\r\n, \n, \r, U+0085,
// U+2028, U+2029).
const dollarRE2 = `(?:\r\n|[\n\r\x{85}\x{2028}\x{2029}])?\z`

// afterCR is the same after a consumed '\r': Java's $ does not match between
// \r and \n, so a lone final '\n' cannot follow.
const afterCR = `\r(?:\r\n|[\r\x{85}\x{2028}\x{2029}])?`

var terminators = setOf('\n', '\r', 0x85, 0x2028, 0x2029)

func (a *analysis) dollar(d *node) {
	rest := a.after(d)
	switch {
	case rest.chars.overlaps(terminators) || rest.emp.other:
		a.ps.refusal.add(d.src + ` followed by more pattern: Java's ` + d.src + ` also matches before a final line terminator, which RE2 cannot express there`)
		return
	case !rest.emp.can:
		// What follows must consume a character that is not a line
		// terminator, but only terminators can follow a true $.
		d.out = &matchNothing
		a.ps.notes.add(d.src + ` followed by a character that is not a line terminator can never match: written as a class that matches nothing`)
		return
	}
	// From here on, whatever follows $ can only match empty.
	if prev := d.prevSibling(); prev != nil && prev.op == opSet && prev.set.has('\r') {
		// C$ with '\r' in C: split C into its '\r' and the rest.
		alts := []string{afterCR}
		if rest := prev.set.minus(single('\r')); !rest.isEmpty() {
			alts = append([]string{classFor(rest) + `(?:\r\n|[\n\r\x{85}\x{2028}\x{2029}])?`}, alts...)
		}
		prev.verbatim, prev.re2 = false, "(?:"+strings.Join(alts, "|")+")"
		out := `\z`
		d.out = &out
		a.ps.notes.add(`Java's ` + d.src + ` also matches before a final line terminator, but not between \r and \n: C` + d.src + ` → (?:C'(?:\r\n|[\n\r\x{85}\x{2028}\x{2029}])?|` + afterCR + `)\z`)
		return
	}
	if !a.crSafe(d) {
		a.ps.refusal.add(d.src + ` may follow a \r: Java's ` + d.src + ` does not match between a final \r and \n, which the RE2 rewrite cannot tell apart here`)
		return
	}
	out := dollarRE2
	d.out = &out
	a.ps.notes.add(`Java's ` + d.src + ` also matches before a final line terminator: ` + d.src + ` → ` + dollarRE2)
}

func (n *node) prevSibling() *node {
	if n.parent == nil || n.parent.op != opConcat || n.index == 0 {
		return nil
	}
	return n.parent.subs[n.index-1]
}

// crSafe reports whether the rewrite of the $ at d cannot accept an input
// that Java rejects: one ending in \r\n where the match before $ ends right
// after the \r (Java's $ fails between \r and \n; the rewrite would take the
// \n as the final terminator). That needs a '\r' as the last character
// before $, unless a repeat that can also take the '\n' (or give back the
// '\r') ends there, or the part before $ can match empty anywhere (then both
// match every input at its very end).
func (a *analysis) crSafe(d *node) bool {
	free, absorber := true, false
	for cur := d; cur.parent != nil; cur = cur.parent {
		switch par := cur.parent; par.op {
		case opConcat:
			ok, done := a.crScan(par.subs[:cur.index], &free, &absorber)
			if done {
				return ok
			}
		case opRepeat:
			if (par.max == -1 || par.max > 1) && !a.crEnd(cur, false) {
				return false
			}
		}
	}
	return free
}

// crScan checks elements from the last to the first: done when an element
// must consume (so nothing earlier can be last) or a ^ pins the start.
func (a *analysis) crScan(elems []*node, free, absorber *bool) (ok, done bool) {
	for i := len(elems) - 1; i >= 0; i-- {
		e := elems[i]
		if isBegin(e) {
			return true, true
		}
		if !a.crEnd(e, *free && *absorber) {
			return false, true
		}
		if *free && absorbs(e) {
			*absorber = true
		}
		s := a.sum(e)
		if !s.emp.can {
			return true, true
		}
		*free = *free && s.emp.free
		if !*free {
			*absorber = false
		}
	}
	return true, false
}

// crEnd: every way n can end by consuming '\r' is harmless, given whether an
// absorbing repeat follows it through parts that can match empty anywhere.
func (a *analysis) crEnd(n *node, absorber bool) bool {
	switch n.op {
	case opSet:
		return absorber || !n.set.has('\r')
	case opGroup:
		return a.crEnd(n.subs[0], absorber)
	case opAlt:
		for _, s := range n.subs {
			if !a.crEnd(s, absorber) {
				return false
			}
		}
		return true
	case opRepeat:
		return absorbs(n) || a.crEnd(n.subs[0], absorber)
	case opConcat:
		free, abs := true, absorber
		ok, _ := a.crScan(n.subs, &free, &abs)
		return ok
	}
	return true
}

// absorbs: a repeat of one character class holding '\n' that can take one
// more or one fewer character.
func absorbs(n *node) bool {
	return n.op == opRepeat && n.subs[0].op == opSet && n.subs[0].set.has('\n') && (n.max == -1 || n.max > n.min)
}

var (
	wordOnce       sync.Once
	nonWordCertain runeSet // not a word character for \b in any JDK
	wordCertain    = wordSet
	// matchNothing replaces an assertion that can never hold; matchEmpty one
	// that always holds.
	matchNothing = `[^\x00-\x{10FFFF}]`
	matchEmpty   = ``
)

// wordBoundary keeps \b and \B only where the characters on both sides are
// known to be word characters or known not to be, for every JDK: Java's \b
// counts Unicode letters and digits as word characters before JDK 19 and a
// non-spacing mark after a word character as one in all versions, so RE2's
// ASCII \b is exact only where that cannot matter.
func (a *analysis) wordBoundary(n *node) {
	wordOnce.Do(func() {
		nonWordCertain = wordSet.union(javaAlphabetic()).union(cat("M")).union(cat("Nd")).union(cat("Pc")).union(setOf(0x200c, 0x200d)).negate()
	})
	left, right := a.before(n), a.after(n)
	leftChars, leftEdge := left.chars, left.start
	if left.emp.can {
		leftChars, leftEdge = allRunes(), true
	}
	rightChars, rightEdge := right.chars, false
	if right.emp.can {
		rightChars, rightEdge = allRunes(), true
	}
	ascii := span(0, 0x7f)
	if leftChars.subsetOf(ascii) && rightChars.subsetOf(ascii) {
		return // RE2's ASCII \b agrees with every JDK's on ASCII neighbours and at the ends of input
	}
	leftWord := !leftEdge && !leftChars.isEmpty() && leftChars.subsetOf(wordCertain)
	leftNon := leftChars.subsetOf(nonWordCertain)
	rightWord := !rightEdge && !rightChars.isEmpty() && rightChars.subsetOf(wordCertain)
	rightNon := rightChars.subsetOf(nonWordCertain)
	boundary := leftWord && rightNon || leftNon && rightWord
	noBoundary := leftWord && rightWord || leftNon && rightNon
	if n.anchor == anchorNotWord {
		boundary, noBoundary = noBoundary, boundary
	}
	switch {
	case boundary:
		n.out = &matchEmpty
		a.ps.notes.add(n.src + ` dropped: the characters on both sides make it always true`)
	case noBoundary:
		n.out = &matchNothing
		a.ps.notes.add(n.src + ` can never hold between the characters around it: written as a class that matches nothing`)
	default:
		a.ps.refusal.add(n.src + ` word boundary: Java's word characters for \b (Unicode letters and digits before JDK 19, marks after a word character) differ from RE2's ASCII \b`)
	}
}

// possessive accepts X*+, X++, X?+, X{n,m}+ where backtracking into X can
// never matter, so that they match as the greedy forms, and refuses the rest.
func (a *analysis) possessive(r *node) {
	sub := r.subs[0]
	ok, why := false, ""
	switch {
	case r.min == r.max && rigid(sub):
		ok, why = true, fmt.Sprintf("possessive %s on a fixed-length atom with a fixed count matches as {%d}", r.src, r.min)
	case sub.op == opSet:
		rest := a.after(r)
		switch {
		case rest.freeAll:
			ok, why = true, "possessive "+r.src+" with nothing required after it matches as greedy"
		case rest.chars.overlaps(sub.set) || rest.emp.other:
		case rest.emp.dollar && sub.set.has('\r') && !sub.set.has('\n'):
		default:
			ok, why = true, "possessive "+r.src+" followed only by characters it cannot match matches as greedy"
		}
	}
	if !ok {
		a.ps.refusal.add("possessive quantifier " + r.src + " can change what matches; RE2 has no possessive quantifiers")
		return
	}
	r.mode, r.changedQ = greedy, true
	a.ps.notes.add(why)
}

// rigid: matches at most one way at any position, with one length.
func rigid(n *node) bool {
	switch n.op {
	case opSet, opAssert:
		return true
	case opGroup:
		return rigid(n.subs[0])
	case opAlt:
		return len(n.subs) == 1 && rigid(n.subs[0])
	case opConcat:
		for _, s := range n.subs {
			if !rigid(s) {
				return false
			}
		}
		return true
	case opRepeat:
		return n.min == n.max && rigid(n.subs[0])
	}
	return false
}

const (
	re2MaxRepeat = 1000
	// expandBudget bounds a big repeat written as chunks of at most 1000: RE2
	// (an NFA in Go) pays for each counted copy on every input character.
	expandBudget = 2000
)

func isBig(n *node) bool {
	return n.op == opRepeat && !n.dropped && (n.min > re2MaxRepeat || n.max > re2MaxRepeat)
}

func containsBig(n *node) bool {
	if n.dropped {
		return false
	}
	if isBig(n) {
		return true
	}
	for _, s := range n.subs {
		if containsBig(s) {
			return true
		}
	}
	return false
}

func (a *analysis) bigRepeats(root *node) *struct{ Min, Max int } {
	if !containsBig(root) {
		return nil
	}
	for _, branch := range root.subs {
		a.cutEnd(branch, true)
		a.cutEnd(branch, false)
	}
	var bigs []*node
	walkLive(root, func(n *node) {
		if isBig(n) {
			bigs = append(bigs, n)
		}
	})
	if len(bigs) == 0 {
		return nil
	}
	if r, ok := lengthForm(root); ok {
		if r.min == 0 {
			r.lengthOp = "*"
		} else {
			r.lengthOp = "+"
		}
		a.ps.notes.add(fmt.Sprintf("%s over RE2's limit of 1000 on the whole value: written as %s with a length check", r.src, r.lengthOp))
		return &struct{ Min, Max int }{r.min, r.max}
	}
	for _, r := range bigs {
		if r.max != -1 && r.max <= expandBudget || r.max == -1 && r.min <= expandBudget {
			r.expand = true
			a.ps.notes.add(fmt.Sprintf("%s over RE2's limit of 1000 written as consecutive repeats of at most 1000", r.src))
			continue
		}
		why := fmt.Sprintf("repeat %s is over RE2's limit of 1000 and too large to write out", r.src)
		if dollarEnded(root) {
			why += `; a length check would be inexact because Java's $ also accepts a final line terminator`
		}
		a.ps.refusal.add(why)
	}
	return nil
}

func walkLive(n *node, f func(*node)) {
	if n.dropped {
		return
	}
	f(n)
	for _, s := range n.subs {
		walkLive(s, f)
	}
}

// cutEnd shortens big repeats at the unanchored end (tail) or start (!tail) of
// a top-level branch. A pattern matches if it matches anywhere in the value,
// so a match of A X{n,m} has a prefix that matches A X{n}, and a match of
// X{n,m} A a suffix that matches X{n} A: only the minimum count matters
// there, and an optional part (minimum 0) can go.
func (a *analysis) cutEnd(seq *node, tail bool) {
	n := len(seq.subs)
	for k := range n {
		i := k
		if tail {
			i = n - 1 - k
		}
		e := seq.subs[i]
		if e.dropped {
			continue
		}
		if !containsBig(e) {
			if e.op == opRepeat && e.min == 0 && bigBeyond(seq, i, tail) {
				a.drop(e)
				continue
			}
			return
		}
		switch e.op {
		case opRepeat:
			if e.min == 0 {
				a.drop(e)
				continue
			}
			if e.max != e.min {
				a.ps.notes.add(fmt.Sprintf("%s at the unanchored %s of the pattern cut to {%d}: a pattern matches anywhere in the value, so only the minimum count matters there", e.src, endName(tail), e.min))
				e.max, e.changedQ = e.min, true
			}
			if e.min == 1 && e.subs[0].op == opGroup {
				a.cutGroup(e.subs[0], tail)
			}
		case opGroup:
			a.cutGroup(e, tail)
		}
		return
	}
}

func endName(tail bool) string {
	if tail {
		return "end"
	}
	return "start"
}

func (a *analysis) cutGroup(g *node, tail bool) {
	for _, branch := range g.subs[0].subs {
		a.cutEnd(branch, tail)
	}
}

func (a *analysis) drop(e *node) {
	e.dropped = true
	a.ps.notes.add("optional part at an unanchored end of the pattern dropped: a pattern matches anywhere in the value, so it cannot change the result")
}

func bigBeyond(seq *node, i int, tail bool) bool {
	if tail {
		for _, s := range seq.subs[:i] {
			if containsBig(s) {
				return true
			}
		}
		return false
	}
	for _, s := range seq.subs[i+1:] {
		if containsBig(s) {
			return true
		}
	}
	return false
}

// lengthForm matches ^X{n,m}\z (or \A...\z) with X one character: the
// repeat is exactly a bound on the value's length.
func lengthForm(root *node) (*node, bool) {
	if len(root.subs) != 1 {
		return nil, false
	}
	var live []*node
	for _, s := range root.subs[0].subs {
		if !s.dropped {
			live = append(live, s)
		}
	}
	if len(live) != 3 || !isBegin(live[0]) || live[2].op != opAssert || live[2].anchor != anchorEndText {
		return nil, false
	}
	r := live[1]
	return r, isBig(r) && r.subs[0].op == opSet
}

func dollarEnded(root *node) bool {
	found := false
	walkLive(root, func(n *node) {
		if n.op == opAssert && n.anchor == anchorDollar {
			found = true
		}
	})
	return found
}
