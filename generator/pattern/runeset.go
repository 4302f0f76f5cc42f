package pattern

import (
	"fmt"
	"regexp/syntax"
	"sort"
	"strings"
	"sync"
	"unicode"
)

// runeSet is a set of code points: sorted, non-overlapping, non-adjacent ranges.
// Every character class is computed as one, so that Java's meaning of a class
// (unions, nesting, intersections, negation) can be compared with what RE2 reads.
type runeSet []rrange

type rrange struct{ lo, hi rune }

func single(r rune) runeSet     { return runeSet{{r, r}} }
func span(lo, hi rune) runeSet  { return normalize([]rrange{{lo, hi}}) }
func allRunes() runeSet         { return runeSet{{0, unicode.MaxRune}} }
func (s runeSet) isEmpty() bool { return len(s) == 0 }
func (s runeSet) equal(t runeSet) bool {
	if len(s) != len(t) {
		return false
	}
	for i := range s {
		if s[i] != t[i] {
			return false
		}
	}
	return true
}

func setOf(rs ...rune) runeSet {
	out := make([]rrange, len(rs))
	for i, r := range rs {
		out[i] = rrange{r, r}
	}
	return normalize(out)
}

func normalize(rs []rrange) runeSet {
	if len(rs) == 0 {
		return nil
	}
	sorted := append([]rrange(nil), rs...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].lo < sorted[j].lo })
	out := runeSet{sorted[0]}
	for _, r := range sorted[1:] {
		last := &out[len(out)-1]
		if r.lo <= last.hi+1 {
			if r.hi > last.hi {
				last.hi = r.hi
			}
			continue
		}
		out = append(out, r)
	}
	return out
}

// union merges two normalized sets in one pass.
func (s runeSet) union(t runeSet) runeSet {
	if len(s) == 0 {
		return t
	}
	if len(t) == 0 {
		return s
	}
	out := make(runeSet, 0, len(s)+len(t))
	i, j := 0, 0
	for i < len(s) || j < len(t) {
		var r rrange
		if j >= len(t) || i < len(s) && s[i].lo <= t[j].lo {
			r, i = s[i], i+1
		} else {
			r, j = t[j], j+1
		}
		if n := len(out); n > 0 && r.lo <= out[n-1].hi+1 {
			if r.hi > out[n-1].hi {
				out[n-1].hi = r.hi
			}
			continue
		}
		out = append(out, r)
	}
	return out
}

func (s runeSet) negate() runeSet {
	var out runeSet
	next := rune(0)
	for _, r := range s {
		if r.lo > next {
			out = append(out, rrange{next, r.lo - 1})
		}
		next = r.hi + 1
	}
	if next <= unicode.MaxRune {
		out = append(out, rrange{next, unicode.MaxRune})
	}
	return out
}

// intersect walks both sets once.
func (s runeSet) intersect(t runeSet) runeSet {
	var out runeSet
	i, j := 0, 0
	for i < len(s) && j < len(t) {
		lo, hi := max(s[i].lo, t[j].lo), min(s[i].hi, t[j].hi)
		if lo <= hi {
			out = append(out, rrange{lo, hi})
		}
		if s[i].hi < t[j].hi {
			i++
		} else {
			j++
		}
	}
	return out
}

func (s runeSet) minus(t runeSet) runeSet { return s.intersect(t.negate()) }
func (s runeSet) overlaps(t runeSet) bool { return !s.intersect(t).isEmpty() }

// subsetOf: every range of s lies inside one range of t.
func (s runeSet) subsetOf(t runeSet) bool {
	j := 0
	for _, r := range s {
		for j < len(t) && t[j].hi < r.lo {
			j++
		}
		if j == len(t) || t[j].lo > r.lo || t[j].hi < r.hi {
			return false
		}
	}
	return true
}

func (s runeSet) has(r rune) bool {
	i := sort.Search(len(s), func(i int) bool { return s[i].hi >= r })
	return i < len(s) && s[i].lo <= r
}

// only returns the single code point of a one-element set.
func (s runeSet) only() (rune, bool) {
	if len(s) == 1 && s[0].lo == s[0].hi {
		return s[0].lo, true
	}
	return 0, false
}

func fromTable(t *unicode.RangeTable) runeSet {
	var rs []rrange
	for _, r := range t.R16 {
		if r.Stride == 1 {
			rs = append(rs, rrange{rune(r.Lo), rune(r.Hi)})
			continue
		}
		for c := rune(r.Lo); c <= rune(r.Hi); c += rune(r.Stride) {
			rs = append(rs, rrange{c, c})
		}
	}
	for _, r := range t.R32 {
		if r.Stride == 1 {
			rs = append(rs, rrange{rune(r.Lo), rune(r.Hi)})
			continue
		}
		for c := rune(r.Lo); c <= rune(r.Hi); c += rune(r.Stride) {
			rs = append(rs, rrange{c, c})
		}
	}
	return normalize(rs)
}

// Go's Unicode tables as sets, built once.
var (
	tablesOnce sync.Once
	catSets    map[string]runeSet
	// leafCats are the general categories (two letters) in emission order.
	leafCats  = []string{"Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So", "Zs", "Zl", "Zp", "Cc", "Cf", "Co", "Cs", "Cn"}
	majorCats = []string{"L", "M", "N", "P", "S", "Z", "C"}
)

func cat(name string) runeSet {
	tablesOnce.Do(func() {
		catSets = make(map[string]runeSet, len(unicode.Categories))
		for name, t := range unicode.Categories {
			catSets[name] = fromTable(t)
		}
	})
	return catSets[name]
}

// setOfRE2 reports the set of code points that the RE2 text re matches when it
// is a single-character matcher (a literal, a class, a dot), as regexp.Compile reads it.
func setOfRE2(re string) (runeSet, bool) {
	parsed, err := syntax.Parse(re, syntax.Perl)
	if err != nil {
		return nil, false
	}
	switch parsed.Op {
	case syntax.OpLiteral:
		if len(parsed.Rune) != 1 {
			return nil, false
		}
		r := parsed.Rune[0]
		if parsed.Flags&syntax.FoldCase == 0 {
			return single(r), true
		}
		orbit := []rune{r}
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			orbit = append(orbit, f)
		}
		return setOf(orbit...), true
	case syntax.OpCharClass:
		var rs []rrange
		for i := 0; i+1 < len(parsed.Rune); i += 2 {
			rs = append(rs, rrange{parsed.Rune[i], parsed.Rune[i+1]})
		}
		return normalize(rs), true
	case syntax.OpAnyCharNotNL:
		return single('\n').negate(), true
	case syntax.OpAnyChar:
		return allRunes(), true
	case syntax.OpNoMatch:
		return nil, true
	}
	return nil, false
}

// re2Means reports whether RE2 reads re as exactly the single-character set want.
func re2Means(re string, want runeSet) bool {
	got, ok := setOfRE2(re)
	return ok && got.equal(want)
}

// classChar writes r for use inside an RE2 character class.
func classChar(r rune) string {
	switch {
	case strings.ContainsRune(`\]-[^`, r):
		return `\` + string(r)
	case r > 0x20 && r < 0x7f:
		return string(r)
	}
	return controlEscape(r)
}

func controlEscape(r rune) string {
	switch r {
	case '\t':
		return `\t`
	case '\n':
		return `\n`
	case '\r':
		return `\r`
	case '\f':
		return `\f`
	}
	return fmt.Sprintf(`\x{%X}`, r)
}

// literal writes r as an RE2 atom outside a class.
func literal(r rune) string {
	switch {
	case strings.ContainsRune(`\.+*?()|[]{}^$`, r):
		return `\` + string(r)
	case r >= 0x20 && r < 0x7f:
		return string(r)
	}
	return controlEscape(r)
}

func rangesText(s runeSet) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteString(classChar(r.lo))
		if r.hi > r.lo {
			if r.hi > r.lo+1 {
				b.WriteByte('-')
			}
			b.WriteString(classChar(r.hi))
		}
	}
	return b.String()
}

// describe writes the contents of a class for s: whole Unicode general
// categories where s holds all of one, explicit ranges for the rest.
func describe(s runeSet) string {
	var parts []string
	covered := runeSet(nil)
	for _, major := range majorCats {
		m := cat(major)
		if m.subsetOf(s) {
			parts = append(parts, `\p{`+major+`}`)
			covered = covered.union(m)
			continue
		}
		for _, leaf := range leafCats {
			if leaf[0] != major[0] {
				continue
			}
			l := cat(leaf)
			if len(l) > 8 && l.subsetOf(s) {
				parts = append(parts, `\p{`+leaf+`}`)
				covered = covered.union(l)
			}
		}
	}
	return strings.Join(parts, "") + rangesText(s.minus(covered))
}

// classFor writes an RE2 class that matches exactly s: the shorter of the
// positive and the negated description, checked against RE2's own reading.
func classFor(s runeSet) string {
	switch {
	case s.isEmpty():
		return `[^\x00-\x{10FFFF}]`
	case s.equal(allRunes()):
		return `[\x00-\x{10FFFF}]`
	}
	if r, ok := s.only(); ok {
		return literal(r)
	}
	// Short explicit lists need no category names.
	pos, neg := "["+rangesText(s)+"]", "[^"+rangesText(s.negate())+"]"
	if len(pos) > 80 && len(neg) > 80 {
		pos, neg = "["+describe(s)+"]", "[^"+describe(s.negate())+"]"
	}
	best := pos
	if len(neg) < len(pos) {
		best = neg
	}
	if re2Means(best, s) {
		return best
	}
	return "[" + rangesText(s) + "]"
}
