package endpoints

import "strings"

// regionMatcher matches region names against a partition's regionRegex without Go's
// regexp, for the family the partitions use: an anchored sequence of literals
// (letters, digits, '_', escaped punctuation such as \-), groups of literal
// alternatives ((us|eu) or (?:us|eu)), and \w+ or \d+, as in ^(us|eu)\-\w+\-\d+$. A
// program that never installs partitions of its own (SetPartitions, LoadPartitions)
// then links no regexp. A test checks it against regexp over the built-in partitions
// and generated names.
type regionMatcher []regionToken

// regionToken is one element: alts (one literal or a group's alternatives), or a class
// repeated once or more (class is 'w' or 'd').
type regionToken struct {
	alts  []string
	class byte
}

// parseRegionRegex returns the matcher of expr, or ok false when expr is outside the
// family (the caller then compiles it with regexp).
func parseRegionRegex(expr string) (m regionMatcher, ok bool) {
	if len(expr) < 2 || expr[0] != '^' || expr[len(expr)-1] != '$' || strings.HasSuffix(expr, `\$`) {
		return nil, false
	}
	s := expr[1 : len(expr)-1]
	lit := func(b byte) bool {
		return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_'
	}
	escaped := func(b byte) bool { return b == '-' || b == '.' || b == '/' || b == ':' }
	addLit := func(b byte) {
		if n := len(m); n > 0 && m[n-1].class == 0 && len(m[n-1].alts) == 1 && m[n-1].alts[0] != "" {
			m[n-1].alts[0] += string(b)
			return
		}
		m = append(m, regionToken{alts: []string{string(b)}})
	}
	for i := 0; i < len(s); {
		switch c := s[i]; {
		case lit(c) || c == '-':
			addLit(c)
			i++
		case c == '\\' && i+1 < len(s) && escaped(s[i+1]):
			addLit(s[i+1])
			i += 2
		case c == '\\' && i+2 < len(s) && (s[i+1] == 'w' || s[i+1] == 'd') && s[i+2] == '+':
			m = append(m, regionToken{class: s[i+1]})
			i += 3
		case c == '(':
			j := i + 1
			if strings.HasPrefix(s[j:], "?:") {
				j += 2
			}
			end := strings.IndexByte(s[j:], ')')
			if end < 0 {
				return nil, false
			}
			var alts []string
			for _, a := range strings.Split(s[j:j+end], "|") {
				var b strings.Builder
				for k := 0; k < len(a); k++ {
					switch {
					case lit(a[k]) || a[k] == '-':
						b.WriteByte(a[k])
					case a[k] == '\\' && k+1 < len(a) && escaped(a[k+1]):
						b.WriteByte(a[k+1])
						k++
					default:
						return nil, false
					}
				}
				alts = append(alts, b.String())
			}
			// a group is one token: a following quantifier is outside the family
			if k := j + end + 1; k < len(s) && (s[k] == '?' || s[k] == '*' || s[k] == '+' || s[k] == '{') {
				return nil, false
			}
			m = append(m, regionToken{alts: alts}, regionToken{}) // the empty token ends the group, so literals after it are not merged into it
			i = j + end + 1
		default:
			return nil, false
		}
	}
	return m, true
}

// match reports whether the whole of s matches (backtracking over the alternatives and
// the repeat lengths).
func (m regionMatcher) match(s string) bool {
	if len(m) == 0 {
		return s == ""
	}
	t := m[0]
	switch t.class {
	case 'w', 'd':
		n := 0
		for n < len(s) && inClass(t.class, s[n]) {
			n++
		}
		for ; n >= 1; n-- {
			if m[1:].match(s[n:]) {
				return true
			}
		}
		return false
	}
	if t.alts == nil { // a group's end
		return m[1:].match(s)
	}
	for _, a := range t.alts {
		if strings.HasPrefix(s, a) && m[1:].match(s[len(a):]) {
			return true
		}
	}
	return false
}

func inClass(class, b byte) bool {
	if class == 'd' {
		return b >= '0' && b <= '9'
	}
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_'
}

// builtinMatchers are the matchers of the built-in partitions' regionRegex, as
// parseRegionRegex makes them (a test checks), laid out as static data: the package's
// init compiles the built-in table without parsing.
var builtinMatchers = []struct {
	expr string
	m    regionMatcher
}{
	{`^(us|eu|ap|sa|ca|me|af|il|mx)\-\w+\-\d+$`, regionMatcher{{alts: []string{"us", "eu", "ap", "sa", "ca", "me", "af", "il", "mx"}}, {}, {alts: []string{"-"}}, {class: 'w'}, {alts: []string{"-"}}, {class: 'd'}}},
	{`^cn\-\w+\-\d+$`, regionMatcher{{alts: []string{"cn-"}}, {class: 'w'}, {alts: []string{"-"}}, {class: 'd'}}},
	{`^eusc\-(de)\-\w+\-\d+$`, regionMatcher{{alts: []string{"eusc-"}}, {alts: []string{"de"}}, {}, {alts: []string{"-"}}, {class: 'w'}, {alts: []string{"-"}}, {class: 'd'}}},
	{`^us\-iso\-\w+\-\d+$`, regionMatcher{{alts: []string{"us-iso-"}}, {class: 'w'}, {alts: []string{"-"}}, {class: 'd'}}},
	{`^us\-isob\-\w+\-\d+$`, regionMatcher{{alts: []string{"us-isob-"}}, {class: 'w'}, {alts: []string{"-"}}, {class: 'd'}}},
	{`^eu\-isoe\-\w+\-\d+$`, regionMatcher{{alts: []string{"eu-isoe-"}}, {class: 'w'}, {alts: []string{"-"}}, {class: 'd'}}},
	{`^us\-isof\-\w+\-\d+$`, regionMatcher{{alts: []string{"us-isof-"}}, {class: 'w'}, {alts: []string{"-"}}, {class: 'd'}}},
	{`^us\-gov\-\w+\-\d+$`, regionMatcher{{alts: []string{"us-gov-"}}, {class: 'w'}, {alts: []string{"-"}}, {class: 'd'}}},
}
