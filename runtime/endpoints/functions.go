package endpoints

import (
	"net/netip"
	"strings"
)

// fnID identifies a function of the rules language: compiled calls hold it
// beside the implementation, and the binary form of a rule set stores it.
// The numbering is part of that format (see binaryVersion): append, never
// renumber.
type fnID uint8

const (
	idIsSet fnID = iota
	idNot
	idBooleanEquals
	idStringEquals
	idGetAttr
	idSubstring
	idURIEncode
	idParseURL
	idIsValidHostLabel
	idPartition
	idParseArn
	idIsVirtualHostableS3Bucket
	numFns
)

// Function is a function of the rules language, as Decode takes it: a program
// links the implementation of only the functions it names. Generated clients name
// those their rules call (RuleSet.Functions); AllFunctions returns every one.
type Function struct {
	id   fnID
	impl fnImpl
	args int    // the arguments its compiled call holds (getAttr keeps its path, substring its indexes, in the expr)
	name string // the variable that holds it
}

// Var returns the name of the package-level variable that holds f ("FnIsSet"), for
// code generators.
func (f Function) Var() string { return f.name }

// The functions of the rules language.
var (
	FnIsSet                     = Function{idIsSet, fnIsSet, 1, "FnIsSet"}
	FnNot                       = Function{idNot, fnNot, 1, "FnNot"}
	FnBooleanEquals             = Function{idBooleanEquals, fnBooleanEquals, 2, "FnBooleanEquals"}
	FnStringEquals              = Function{idStringEquals, fnStringEquals, 2, "FnStringEquals"}
	FnGetAttr                   = Function{idGetAttr, fnGetAttr, 1, "FnGetAttr"}
	FnSubstring                 = Function{idSubstring, fnSubstring, 2, "FnSubstring"}
	FnURIEncode                 = Function{idURIEncode, fnURIEncode, 1, "FnURIEncode"}
	FnParseURL                  = Function{idParseURL, fnParseURL, 1, "FnParseURL"}
	FnIsValidHostLabel          = Function{idIsValidHostLabel, fnIsValidHostLabel, 2, "FnIsValidHostLabel"}
	FnPartition                 = Function{idPartition, fnPartition, 1, "FnPartition"}
	FnParseArn                  = Function{idParseArn, fnParseArn, 1, "FnParseArn"}
	FnIsVirtualHostableS3Bucket = Function{idIsVirtualHostableS3Bucket, fnIsVirtualHostableS3Bucket, 2, "FnIsVirtualHostableS3Bucket"}
)

// AllFunctions returns every function of the rules language, in the order of their
// ids, for Decode of a rule set whose calls the caller does not know. (A function, not
// a variable: a variable would be initialized at init, linking every implementation
// into every program.)
func AllFunctions() []Function {
	return []Function{
		FnIsSet, FnNot, FnBooleanEquals, FnStringEquals, FnGetAttr, FnSubstring, FnURIEncode,
		FnParseURL, FnIsValidHostLabel, FnPartition, FnParseArn, FnIsVirtualHostableS3Bucket,
	}
}

// Functions returns the functions rs calls, in the order of AllFunctions.
func (rs *RuleSet) Functions() []Function {
	var used [numFns]bool
	var visit func(e *expr)
	visit = func(e *expr) {
		if e.op == opCall {
			used[e.id] = true
		}
		for i := range e.args {
			visit(&e.args[i])
		}
	}
	walkExprs(rs.rules, visit)
	var out []Function
	for _, f := range AllFunctions() {
		if used[f.id] {
			out = append(out, f)
		}
	}
	return out
}

func fnIsSet(st *state, e *expr) value {
	return boolValue(st.eval(&e.args[0]).k != kUnset)
}

func fnNot(st *state, e *expr) value {
	v := st.eval(&e.args[0])
	if v.k != kBool {
		return unset
	}
	return boolValue(!v.b)
}

// booleanEquals and stringEquals are false, not unset, when an operand is unset:
// "equal" has a plain answer there, and it keeps not(...) meaningful.
func fnBooleanEquals(st *state, e *expr) value {
	a, b := st.eval(&e.args[0]), st.eval(&e.args[1])
	return boolValue(a.k == kBool && b.k == kBool && a.b == b.b)
}

func fnStringEquals(st *state, e *expr) value {
	a, b := st.eval(&e.args[0]), st.eval(&e.args[1])
	return boolValue(a.k == kString && b.k == kString && a.s == b.s)
}

func fnGetAttr(st *state, e *expr) value {
	return walk(st.eval(&e.args[0]), e.path)
}

// substring(input, start, stop, reverse): input[start:stop], or counted from
// the end when reverse; unset when input is too short or not ASCII.
func fnSubstring(st *state, e *expr) value {
	in, rev := st.eval(&e.args[0]), st.eval(&e.args[1])
	if in.k != kString || rev.k != kBool {
		return unset
	}
	s, i, j := in.s, e.idx[0], e.idx[1]
	if i >= j || len(s) < j {
		return unset
	}
	for k := 0; k < len(s); k++ {
		if s[k] >= 0x80 {
			return unset
		}
	}
	if rev.b {
		i, j = len(s)-j, len(s)-i
	}
	return stringValue(s[i:j])
}

// uriEncode percent-encodes every byte but RFC 3986's unreserved characters.
func fnURIEncode(st *state, e *expr) value {
	v := st.eval(&e.args[0])
	if v.k != kString {
		return unset
	}
	return stringValue(uriEncode(v.s))
}

func unreserved(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '-' || c == '_' || c == '.' || c == '~'
}

func uriEncode(s string) string {
	n := 0
	for i := 0; i < len(s); i++ {
		if !unreserved(s[i]) {
			n++
		}
	}
	if n == 0 {
		return s
	}
	const hex = "0123456789ABCDEF"
	b := make([]byte, 0, len(s)+2*n)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if unreserved(c) {
			b = append(b, c)
		} else {
			b = append(b, '%', hex[c>>4], hex[c&15])
		}
	}
	return string(b)
}

// parseURL splits an http or https URL into scheme, authority, path,
// normalizedPath (always starting and ending with "/") and isIp. A URL with a
// query or a fragment, userinfo, or no host gives unset.
func fnParseURL(st *state, e *expr) value {
	v := st.eval(&e.args[0])
	if v.k != kString {
		return unset
	}
	return parseURL(v.s)
}

func parseURL(s string) value {
	scheme, rest, ok := strings.Cut(s, "://")
	if !ok || (scheme != "http" && scheme != "https") {
		return unset
	}
	if strings.ContainsAny(rest, "?#") {
		return unset
	}
	authority, path := rest, ""
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		authority, path = rest[:i], rest[i:]
	}
	if authority == "" || strings.ContainsAny(authority, "@ \t\r\n") {
		return unset
	}
	isIP, ok := hostIsIP(authority)
	if !ok {
		return unset
	}
	norm := path
	if !strings.HasPrefix(norm, "/") {
		norm = "/" + norm
	}
	if !strings.HasSuffix(norm, "/") {
		norm += "/"
	}
	return value{k: kRecord, rec: &record{attrs: []attrValue{
		{attrScheme, stringValue(scheme)},
		{attrAuthority, stringValue(authority)},
		{attrPath, stringValue(path)},
		{attrNormalizedPath, stringValue(norm)},
		{attrIsIP, boolValue(isIP)},
	}}}
}

// hostIsIP tells whether the authority's host is an IPv4 or a bracketed IPv6
// address; ok is false when the authority is malformed.
func hostIsIP(authority string) (isIP, ok bool) {
	host, port := authority, ""
	if strings.HasPrefix(authority, "[") {
		end := strings.IndexByte(authority, ']')
		if end < 0 {
			return false, false
		}
		host, port = authority[1:end], authority[end+1:]
		if port != "" && port[0] != ':' {
			return false, false
		}
		if _, err := netip.ParseAddr(host); err != nil {
			return false, false
		}
		isIP = true
	} else {
		if i := strings.LastIndexByte(authority, ':'); i >= 0 {
			host, port = authority[:i], authority[i:]
		}
		if host == "" || strings.ContainsRune(host, ':') {
			return false, false
		}
		a, err := netip.ParseAddr(host)
		isIP = err == nil && a.Is4()
	}
	if port != "" {
		if len(port) == 1 {
			return false, false
		}
		for i := 1; i < len(port); i++ {
			if port[i] < '0' || port[i] > '9' {
				return false, false
			}
		}
	}
	return isIP, true
}

func fnIsValidHostLabel(st *state, e *expr) value {
	v, sub := st.eval(&e.args[0]), st.eval(&e.args[1])
	if v.k != kString || sub.k != kBool {
		return unset
	}
	return boolValue(validHostLabels(v.s, sub.b))
}

// validHostLabel: an RFC 1123 label of 1 to 63 letters, digits and hyphens,
// starting with a letter or digit. Like the Smithy reference implementation, it
// accepts a trailing hyphen.
func validHostLabel(s string) bool {
	if len(s) == 0 || len(s) > 63 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		alnum := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
		if !alnum && (i == 0 || c != '-') {
			return false
		}
	}
	return true
}

func validHostLabels(s string, allowSubDomains bool) bool {
	if !allowSubDomains {
		return validHostLabel(s)
	}
	for {
		label, rest, more := strings.Cut(s, ".")
		if !validHostLabel(label) {
			return false
		}
		if !more {
			return true
		}
		s = rest
	}
}

// aws.partition: the partition of a region, see partitions.go.
func fnPartition(st *state, e *expr) value {
	v := st.eval(&e.args[0])
	if v.k != kString {
		return unset
	}
	rec := st.parts.lookup(v.s)
	if rec == nil {
		return unset
	}
	return value{k: kRecord, rec: rec}
}

// aws.parseArn: arn:partition:service:region:account:resource, where partition,
// service and resource are not empty; resourceId is the resource split on ":" and "/".
func fnParseArn(st *state, e *expr) value {
	v := st.eval(&e.args[0])
	if v.k != kString {
		return unset
	}
	return parseArn(v.s)
}

func parseArn(s string) value {
	parts := strings.SplitN(s, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[1] == "" || parts[2] == "" || parts[5] == "" {
		return unset
	}
	ids := splitResource(parts[5])
	return value{k: kRecord, rec: &record{attrs: []attrValue{
		{attrPartition, stringValue(parts[1])},
		{attrService, stringValue(parts[2])},
		{attrRegion, stringValue(parts[3])},
		{attrAccountID, stringValue(parts[4])},
		{attrResourceID, stringsValue(ids)},
	}}}
}

// splitResource splits on ':' and '/', keeping empty components.
func splitResource(s string) []string {
	n := 1
	for i := 0; i < len(s); i++ {
		if s[i] == ':' || s[i] == '/' {
			n++
		}
	}
	out := make([]string, 0, n)
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == ':' || s[i] == '/' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// aws.isVirtualHostableS3Bucket: whether a bucket name can be used as a host
// label (or, with allowSubDomains, as dot-separated labels) under S3's naming
// rules: 3 to 63 characters; lower-case letters, digits and hyphens (and dots
// with allowSubDomains); starting and ending with a letter or digit; no
// hyphen or dot next to a dot; and not formatted as an IPv4 address.
func fnIsVirtualHostableS3Bucket(st *state, e *expr) value {
	v, sub := st.eval(&e.args[0]), st.eval(&e.args[1])
	if v.k != kString || sub.k != kBool {
		return unset
	}
	return boolValue(virtualHostableS3Bucket(v.s, sub.b))
}

func virtualHostableS3Bucket(s string, allowSubDomains bool) bool {
	n := len(s)
	if n < 3 || n > 63 || !lowerAlnum(s[0]) || !lowerAlnum(s[n-1]) {
		return false
	}
	for i := 1; i < n; i++ {
		c, prev := s[i], s[i-1]
		switch {
		case lowerAlnum(c):
		case c == '-':
			if prev == '.' {
				return false
			}
		case c == '.' && allowSubDomains:
			if prev == '.' || prev == '-' {
				return false
			}
		default:
			return false
		}
	}
	if allowSubDomains {
		if a, err := netip.ParseAddr(s); err == nil && a.Is4() {
			return false
		}
	}
	return true
}

func lowerAlnum(c byte) bool { return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' }

// walkExprs calls f with every top-level expression of rules: conditions, error
// messages, endpoint URLs, headers and properties, in nested rules too.
func walkExprs(rules []rule, f func(*expr)) {
	var prop func(n *propNode)
	prop = func(n *propNode) {
		switch n.kind {
		case propString:
			f(&n.e)
		case propArray:
			for i := range n.arr {
				prop(&n.arr[i])
			}
		case propObject:
			for i := range n.obj {
				prop(&n.obj[i].val)
			}
		}
	}
	for i := range rules {
		r := &rules[i]
		for j := range r.conds {
			f(&r.conds[j].e)
		}
		switch r.kind {
		case ruleError:
			f(&r.err)
		case ruleEndpoint:
			f(&r.ep.url)
			for _, h := range r.ep.headers {
				for k := range h.values {
					f(&h.values[k])
				}
			}
			for k := range r.ep.props {
				prop(&r.ep.props[k].val)
			}
		case ruleTree:
			walkExprs(r.rules, f)
		}
	}
}
