package endpoints

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Parse reads a rule set in the endpoint-rule-set-1.json format and compiles
// it. Errors name the place in the file and what is wrong, for example
// `rules[2].rules[0].conditions[1]: unknown function "foo"`.
func Parse(data []byte) (*RuleSet, error) {
	root, err := decodeJSON(data)
	if err != nil {
		return nil, fmt.Errorf("endpoints: %w", err)
	}
	rs, err := compileRuleSet(&root)
	if err != nil {
		return nil, fmt.Errorf("endpoints: rule set: %w", err)
	}
	return rs, nil
}

// MustParse is Parse for rule sets written in a program: it panics on an
// error. (Generated code embeds the binary form instead: see MustDecode.)
func MustParse(data string) *RuleSet {
	rs, err := Parse([]byte(data))
	if err != nil {
		panic(err)
	}
	return rs
}

// compiler resolves names while it compiles: parameters by name, and the
// variables that conditions assign, lexically scoped.
type compiler struct {
	rs    *RuleSet
	scope []scopeVar
}

type scopeVar struct {
	name string
	slot int
}

func (c *compiler) lookup(name string) (int, bool) {
	for i := len(c.scope) - 1; i >= 0; i-- {
		if c.scope[i].name == name {
			return c.scope[i].slot, true
		}
	}
	if i := c.rs.Index(name); i >= 0 {
		return i, true
	}
	return 0, false
}

func compileRuleSet(root *jnode) (*RuleSet, error) {
	if root.kind != jObject {
		return nil, fmt.Errorf("want a JSON object, got %s", root.kind)
	}
	ver, ok := root.get("version")
	if !ok || ver.kind != jString {
		return nil, errors.New("version: missing, want a string such as \"1.0\"")
	}
	if ver.s != "1.0" && ver.s != "1.1" {
		return nil, fmt.Errorf("version: %q is not supported (want 1.0 or 1.1)", ver.s)
	}
	rs := &RuleSet{}
	params, ok := root.get("parameters")
	if !ok || params.kind != jObject {
		return nil, errors.New("parameters: missing, want an object")
	}
	for i := range params.obj {
		if err := rs.addParam(params.obj[i].key, &params.obj[i].val); err != nil {
			return nil, err
		}
	}
	rs.nslots = len(rs.params)
	rules, ok := root.get("rules")
	if !ok || rules.kind != jArray || len(rules.arr) == 0 {
		return nil, errors.New("rules: missing, want a non-empty array")
	}
	c := &compiler{rs: rs}
	var err error
	if rs.rules, err = c.rules(rules.arr, "rules"); err != nil {
		return nil, err
	}
	return rs, nil
}

func validName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		letter := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
		if !letter && (i == 0 || c < '0' || c > '9') && (i == 0 || c != '_') {
			return false
		}
	}
	return true
}

func (rs *RuleSet) addParam(name string, n *jnode) error {
	where := "parameters." + name
	if !validName(name) {
		return fmt.Errorf("%s: not a valid parameter name", where)
	}
	for _, p := range rs.params {
		if strings.EqualFold(p.Name, name) {
			return fmt.Errorf("%s: declared twice (names are compared ignoring case)", where)
		}
	}
	if n.kind != jObject {
		return fmt.Errorf("%s: want an object, got %s", where, n.kind)
	}
	p := Param{Name: name}
	var k kind
	t, ok := n.get("type")
	if !ok || t.kind != jString {
		return fmt.Errorf("%s.type: missing, want \"string\", \"boolean\" or \"stringArray\"", where)
	}
	switch strings.ToLower(t.s) {
	case "string":
		p.Type, k = TypeString, kString
	case "boolean":
		p.Type, k = TypeBoolean, kBool
	case "stringarray":
		p.Type, k = TypeStringArray, kStrings
	default:
		return fmt.Errorf("%s.type: unknown type %q (want string, boolean or stringArray)", where, t.s)
	}
	for _, f := range n.obj {
		v := &f.val
		switch f.key {
		case "required":
			if v.kind != jBool {
				return fmt.Errorf("%s.required: want a boolean, got %s", where, v.kind)
			}
			p.Required = v.b
		case "builtIn":
			if v.kind != jString {
				return fmt.Errorf("%s.builtIn: want a string, got %s", where, v.kind)
			}
			p.BuiltIn = v.s
		case "documentation":
			if v.kind != jString {
				return fmt.Errorf("%s.documentation: want a string, got %s", where, v.kind)
			}
			p.Documentation = v.s
		case "deprecated":
			p.Deprecated = v.kind != jNull
		}
	}
	def := unset
	if d, ok := n.get("default"); ok && d.kind != jNull {
		switch {
		case k == kString && d.kind == jString:
			p.Default, def = d.s, stringValue(d.s)
		case k == kBool && d.kind == jBool:
			p.Default, def = d.b, boolValue(d.b)
		case k == kStrings && d.kind == jArray:
			ss := make([]string, len(d.arr))
			for i, e := range d.arr {
				if e.kind != jString {
					return fmt.Errorf("%s.default[%d]: want a string, got %s", where, i, e.kind)
				}
				ss[i] = e.s
			}
			p.Default, def = ss, stringsValue(ss)
		default:
			return fmt.Errorf("%s.default: a %s does not fit type %s", where, d.kind, p.Type)
		}
	}
	rs.params = append(rs.params, p)
	rs.kinds = append(rs.kinds, k)
	rs.defaults = append(rs.defaults, def)
	return nil
}

func (c *compiler) rules(list []jnode, where string) ([]rule, error) {
	out := make([]rule, len(list))
	for i := range list {
		r, err := c.rule(&list[i], fmt.Sprintf("%s[%d]", where, i))
		if err != nil {
			return nil, err
		}
		out[i] = r
	}
	return out, nil
}

func (c *compiler) rule(n *jnode, where string) (rule, error) {
	if n.kind != jObject {
		return rule{}, fmt.Errorf("%s: want an object, got %s", where, n.kind)
	}
	mark := len(c.scope)
	defer func() { c.scope = c.scope[:mark] }()
	r := rule{where: where}
	if conds, ok := n.get("conditions"); ok {
		if conds.kind != jArray {
			return rule{}, fmt.Errorf("%s.conditions: want an array, got %s", where, conds.kind)
		}
		r.conds = make([]cond, len(conds.arr))
		for i := range conds.arr {
			cd, err := c.condition(&conds.arr[i], fmt.Sprintf("%s.conditions[%d]", where, i))
			if err != nil {
				return rule{}, err
			}
			r.conds[i] = cd
		}
	}
	t, ok := n.get("type")
	if !ok || t.kind != jString {
		return rule{}, fmt.Errorf("%s.type: missing, want \"endpoint\", \"error\" or \"tree\"", where)
	}
	var err error
	switch t.s {
	case "endpoint":
		r.kind = ruleEndpoint
		ep, ok := n.get("endpoint")
		if !ok {
			return rule{}, fmt.Errorf("%s.endpoint: missing", where)
		}
		r.ep, err = c.endpoint(ep, where+".endpoint")
	case "error":
		r.kind = ruleError
		msg, ok := n.get("error")
		if !ok {
			return rule{}, fmt.Errorf("%s.error: missing", where)
		}
		r.err, err = c.stringExpr(msg, where+".error")
	case "tree":
		r.kind = ruleTree
		sub, ok := n.get("rules")
		if !ok || sub.kind != jArray || len(sub.arr) == 0 {
			return rule{}, fmt.Errorf("%s.rules: missing, want a non-empty array", where)
		}
		r.rules, err = c.rules(sub.arr, where+".rules")
	default:
		return rule{}, fmt.Errorf("%s.type: unknown rule type %q (want endpoint, error or tree)", where, t.s)
	}
	return r, err
}

func (c *compiler) condition(n *jnode, where string) (cond, error) {
	if n.kind != jObject {
		return cond{}, fmt.Errorf("%s: want an object, got %s", where, n.kind)
	}
	if _, ok := n.get("fn"); !ok {
		return cond{}, fmt.Errorf("%s: want a function call {\"fn\": ..., \"argv\": [...]}", where)
	}
	e, err := c.expr(n, where)
	if err != nil {
		return cond{}, err
	}
	cd := cond{e: e, assign: -1}
	if a, ok := n.get("assign"); ok {
		if a.kind != jString || !validName(a.s) {
			return cond{}, fmt.Errorf("%s.assign: want a variable name", where)
		}
		if _, taken := c.lookup(a.s); taken {
			return cond{}, fmt.Errorf("%s.assign: %q is already a parameter or a variable in scope", where, a.s)
		}
		slot := len(c.rs.params) + len(c.scope)
		c.scope = append(c.scope, scopeVar{a.s, slot})
		if slot+1 > c.rs.nslots {
			c.rs.nslots = slot + 1
		}
		cd.assign = slot
	}
	return cd, nil
}

// expr compiles an argument: a literal, a template string, a reference, a
// function call, or an array of string literals.
func (c *compiler) expr(n *jnode, where string) (expr, error) {
	switch n.kind {
	case jString:
		return c.template(n.s, where)
	case jBool:
		return expr{op: opLit, lit: boolValue(n.b)}, nil
	case jNumber:
		return expr{}, fmt.Errorf("%s: numbers are only valid as substring's indexes", where)
	case jArray:
		ss := make([]string, len(n.arr))
		for i, e := range n.arr {
			if e.kind != jString || strings.ContainsAny(e.s, "{}") {
				return expr{}, fmt.Errorf("%s[%d]: only arrays of plain strings are supported", where, i)
			}
			ss[i] = e.s
		}
		return expr{op: opLit, lit: stringsValue(ss)}, nil
	case jObject:
		if ref, ok := n.get("ref"); ok {
			if ref.kind != jString {
				return expr{}, fmt.Errorf("%s.ref: want a string", where)
			}
			slot, ok := c.lookup(ref.s)
			if !ok {
				return expr{}, fmt.Errorf("%s: unknown reference %q (not a parameter nor a variable in scope)", where, ref.s)
			}
			return expr{op: opRef, slot: slot}, nil
		}
		fn, ok := n.get("fn")
		if !ok || fn.kind != jString {
			return expr{}, fmt.Errorf("%s: want a reference {\"ref\": ...} or a function call {\"fn\": ...}", where)
		}
		id, ok := functionByName(fn.s)
		if !ok {
			return expr{}, fmt.Errorf("%s: unknown function %q", where, fn.s)
		}
		argv, ok := n.get("argv")
		if !ok || argv.kind != jArray {
			return expr{}, fmt.Errorf("%s.argv: %s: missing, want an array", where, fn.s)
		}
		if want := fnSyntax[id].argc; len(argv.arr) != want {
			return expr{}, fmt.Errorf("%s.argv: %s takes %d arguments, given %d", where, fn.s, want, len(argv.arr))
		}
		e := expr{op: opCall, id: id, fn: AllFunctions()[id].impl}
		switch id {
		case idGetAttr:
			return e, compileGetAttr(c, &e, argv.arr, where+".argv")
		case idSubstring:
			return e, compileSubstring(c, &e, argv.arr, where+".argv")
		}
		e.args = make([]expr, len(argv.arr))
		for i := range argv.arr {
			a, err := c.expr(&argv.arr[i], fmt.Sprintf("%s.argv[%d]", where, i))
			if err != nil {
				return expr{}, err
			}
			e.args[i] = a
		}
		return e, nil
	}
	return expr{}, fmt.Errorf("%s: a %s is not an expression", where, n.kind)
}

// fnSyntax holds, by fnID, each function's name in rule set files and the
// number of arguments a call there passes.
var fnSyntax = [numFns]struct {
	name string
	argc int
}{
	idIsSet:                     {"isSet", 1},
	idNot:                       {"not", 1},
	idBooleanEquals:             {"booleanEquals", 2},
	idStringEquals:              {"stringEquals", 2},
	idGetAttr:                   {"getAttr", 2},
	idSubstring:                 {"substring", 4},
	idURIEncode:                 {"uriEncode", 1},
	idParseURL:                  {"parseURL", 1},
	idIsValidHostLabel:          {"isValidHostLabel", 2},
	idPartition:                 {"aws.partition", 1},
	idParseArn:                  {"aws.parseArn", 1},
	idIsVirtualHostableS3Bucket: {"aws.isVirtualHostableS3Bucket", 2},
}

func functionByName(name string) (fnID, bool) {
	for id := range fnSyntax {
		if fnSyntax[id].name == name {
			return fnID(id), true
		}
	}
	return 0, false
}

// stringExpr compiles a value that must give a string: a template, a
// reference or a function call.
func (c *compiler) stringExpr(n *jnode, where string) (expr, error) {
	if n.kind != jString && n.kind != jObject {
		return expr{}, fmt.Errorf("%s: want a string, a reference or a function call, got %s", where, n.kind)
	}
	return c.expr(n, where)
}

func compileGetAttr(c *compiler, e *expr, argv []jnode, where string) error {
	target, err := c.expr(&argv[0], where+"[0]")
	if err != nil {
		return err
	}
	if argv[1].kind != jString {
		return fmt.Errorf("%s[1]: getAttr's path must be a string literal", where)
	}
	path, err := parsePath(argv[1].s)
	if err != nil {
		return fmt.Errorf("%s[1]: %w", where, err)
	}
	e.args, e.path = []expr{target}, path
	return nil
}

// compileSubstring takes the indexes, which are integers in the language's
// type system and only ever literals, into the expr.
func compileSubstring(c *compiler, e *expr, argv []jnode, where string) error {
	for i := 1; i <= 2; i++ {
		n, err := strconv.Atoi(argv[i].s)
		if argv[i].kind != jNumber || err != nil || n < 0 {
			return fmt.Errorf("%s[%d]: substring's indexes must be non-negative integer literals", where, i)
		}
		e.idx[i-1] = n
	}
	input, err := c.expr(&argv[0], where+"[0]")
	if err != nil {
		return err
	}
	reverse, err := c.expr(&argv[3], where+"[3]")
	if err != nil {
		return err
	}
	e.args = []expr{input, reverse}
	return nil
}

// parsePath parses a getAttr path: keys separated by ".", each optionally
// followed by an index "[n]".
func parsePath(s string) ([]pathStep, error) {
	if s == "" {
		return nil, errors.New("empty attribute path")
	}
	var path []pathStep
	for _, part := range strings.Split(s, ".") {
		key, idx, hasIdx := strings.Cut(part, "[")
		if key != "" {
			a, ok := attrByName[key]
			if !ok {
				return nil, fmt.Errorf("path %q: unknown attribute %q", s, key)
			}
			path = append(path, pathStep{attr: a})
		} else if !hasIdx {
			return nil, fmt.Errorf("path %q: empty key", s)
		}
		if hasIdx {
			num, ok := strings.CutSuffix(idx, "]")
			n, err := strconv.Atoi(num)
			if !ok || err != nil || n < 0 {
				return nil, fmt.Errorf("path %q: bad index in %q", s, part)
			}
			path = append(path, pathStep{index: n})
		}
	}
	return path, nil
}

// template compiles a template string: "{Name}" and "{Name#path}" refer to a
// parameter or variable, "{{" and "}}" stand for literal braces. A string
// without references compiles to a literal.
func (c *compiler) template(s string, where string) (expr, error) {
	if !strings.ContainsAny(s, "{}") {
		return expr{op: opLit, lit: stringValue(s)}, nil
	}
	var parts []tmplPart
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			parts = append(parts, tmplPart{lit: lit.String(), slot: -1})
			lit.Reset()
		}
	}
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch {
		case ch == '{' && i+1 < len(s) && s[i+1] == '{':
			lit.WriteByte('{')
			i++
		case ch == '}' && i+1 < len(s) && s[i+1] == '}':
			lit.WriteByte('}')
			i++
		case ch == '{':
			end := strings.IndexByte(s[i+1:], '}')
			if end < 0 {
				return expr{}, fmt.Errorf("%s: template %q: unclosed \"{\"", where, s)
			}
			ref := s[i+1 : i+1+end]
			name, attrPath, hasPath := strings.Cut(ref, "#")
			slot, ok := c.lookup(name)
			if !ok {
				return expr{}, fmt.Errorf("%s: template %q: unknown reference %q", where, s, name)
			}
			p := tmplPart{slot: slot}
			if hasPath {
				path, err := parsePath(attrPath)
				if err != nil {
					return expr{}, fmt.Errorf("%s: template %q: %w", where, s, err)
				}
				p.path = path
			}
			flush()
			parts = append(parts, p)
			i += end + 1
		default:
			lit.WriteByte(ch)
		}
	}
	flush()
	if len(parts) == 0 {
		return expr{op: opLit, lit: stringValue("")}, nil
	}
	if len(parts) == 1 && parts[0].slot < 0 {
		return expr{op: opLit, lit: stringValue(parts[0].lit)}, nil
	}
	return expr{op: opTmpl, tmpl: parts}, nil
}

func (c *compiler) endpoint(n *jnode, where string) (*endpointTmpl, error) {
	if n.kind != jObject {
		return nil, fmt.Errorf("%s: want an object, got %s", where, n.kind)
	}
	url, ok := n.get("url")
	if !ok {
		return nil, fmt.Errorf("%s.url: missing", where)
	}
	t := &endpointTmpl{}
	var err error
	if t.url, err = c.stringExpr(url, where+".url"); err != nil {
		return nil, err
	}
	if h, ok := n.get("headers"); ok && h.kind != jNull {
		if h.kind != jObject {
			return nil, fmt.Errorf("%s.headers: want an object, got %s", where, h.kind)
		}
		for _, f := range h.obj {
			hw := where + ".headers." + f.key
			if f.val.kind != jArray {
				return nil, fmt.Errorf("%s: want an array, got %s", hw, f.val.kind)
			}
			ht := headerTmpl{name: f.key, values: make([]expr, len(f.val.arr))}
			for i := range f.val.arr {
				if ht.values[i], err = c.stringExpr(&f.val.arr[i], fmt.Sprintf("%s[%d]", hw, i)); err != nil {
					return nil, err
				}
			}
			t.headers = append(t.headers, ht)
		}
	}
	if p, ok := n.get("properties"); ok && p.kind != jNull {
		if p.kind != jObject {
			return nil, fmt.Errorf("%s.properties: want an object, got %s", where, p.kind)
		}
		node, err := c.prop(p, where+".properties")
		if err != nil {
			return nil, err
		}
		t.props = node.obj
	}
	return t, nil
}

func (c *compiler) prop(n *jnode, where string) (propNode, error) {
	switch n.kind {
	case jString:
		e, err := c.template(n.s, where)
		return propNode{kind: propString, e: e}, err
	case jBool:
		return propNode{kind: propBool, b: n.b}, nil
	case jNumber:
		f, err := strconv.ParseFloat(n.s, 64)
		if err != nil {
			return propNode{}, fmt.Errorf("%s: bad number %s", where, n.s)
		}
		return propNode{kind: propNumber, num: f}, nil
	case jNull:
		return propNode{kind: propNull}, nil
	case jArray:
		out := propNode{kind: propArray, arr: make([]propNode, len(n.arr))}
		for i := range n.arr {
			v, err := c.prop(&n.arr[i], fmt.Sprintf("%s[%d]", where, i))
			if err != nil {
				return propNode{}, err
			}
			out.arr[i] = v
		}
		return out, nil
	default:
		out := propNode{kind: propObject, obj: make([]propField, len(n.obj))}
		for i, f := range n.obj {
			v, err := c.prop(&n.obj[i].val, where+"."+f.key)
			if err != nil {
				return propNode{}, err
			}
			out.obj[i] = propField{key: f.key, val: v}
		}
		return out, nil
	}
}
