package emit

import (
	"sort"

	"github.com/dave/jennifer/jen"
	"github.com/svcgen/svcgen/generator/ir"
)

// checks plans the validators: which shapes need a check function or a rule, and
// their names in the validators package. One plan serves both policies: the generated
// code checks required members and URI labels always, and everything else only when the
// checker's Full policy is on.
type checks struct {
	need map[*ir.Shape]bool
	// client marks the shapes whose values hold something the client's policy checks
	// (a required member somewhere inside); the others' check functions return at once
	// under that policy, so a client call does not walk, or sort, what it won't check.
	client map[*ir.Shape]bool
	fn     map[*ir.Shape]string // Check<Name> for structures, unions, lists and maps
	rule   map[*ir.Shape]string // <Name>Rule for constrained scalars, blobs, lists, maps
	order  []*ir.Shape          // shapes with a function or a rule, by model name
}

func (g *gen) planChecks() *checks {
	c := &checks{need: map[*ir.Shape]bool{}, client: map[*ir.Shape]bool{}, fn: map[*ir.Shape]string{}, rule: map[*ir.Shape]string{}}
	// only what an operation's input reaches is ever validated
	seen := map[*ir.Shape]bool{}
	var all []*ir.Shape
	var visit func(*ir.Shape)
	visit = func(sh *ir.Shape) {
		if seen[sh] {
			return
		}
		seen[sh] = true
		all = append(all, sh)
		for _, m := range sh.Children() {
			visit(m.Shape)
		}
	}
	for _, op := range g.svc.Operations {
		for _, m := range op.Input.Members {
			visit(m.Shape)
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].Name < all[j].Name })
	// a shape needs checking when it has constraints, required members, or a member
	// that needs checking; iterate to a fixed point for recursive shapes
	for changed := true; changed; {
		changed = false
		for _, sh := range all {
			if !c.client[sh] && c.clientNeeds(sh) {
				c.client[sh] = true
				changed = true
			}
			if c.need[sh] {
				continue
			}
			if c.needs(sh) {
				c.need[sh] = true
				changed = true
			}
		}
	}
	sc := map[string]bool{}
	take := func(n string) string {
		for sc[n] {
			n += "_"
		}
		sc[n] = true
		return n
	}
	for _, sh := range all {
		if !c.need[sh] {
			continue
		}
		base := exportedName(sh)
		switch sh.Kind {
		case ir.Structure, ir.Union, ir.List, ir.Map:
			c.fn[sh] = take("Check" + base)
		}
		if hasRule(sh) {
			c.rule[sh] = take(base + "Rule")
		}
		c.order = append(c.order, sh)
	}
	return c
}

func exportedName(sh *ir.Shape) string {
	if sh.GoName != "" {
		return sh.GoName
	}
	return ir.Exported(sh.Name)
}

func hasRule(sh *ir.Shape) bool {
	k := sh.Constraints
	switch sh.Kind {
	case ir.List, ir.Map, ir.Blob:
		return k.MinLength != nil || k.MaxLength != nil
	}
	return sh.Kind.IsScalar() && !k.IsZero()
}

// clientNeeds reports a shape holding a required member, itself or further down.
func (c *checks) clientNeeds(sh *ir.Shape) bool {
	for _, m := range sh.Children() {
		if m.Required && missingTest(m, jen.Id("x")) != nil || c.client[m.Shape] {
			return true
		}
	}
	return false
}

func (c *checks) needs(sh *ir.Shape) bool {
	if hasRule(sh) {
		return true
	}
	for _, m := range sh.Children() {
		if m.Required && missingTest(m, jen.Id("x")) != nil || c.need[m.Shape] {
			return true
		}
	}
	return false
}

// missingTest is the condition under which a required member counts as missing: it
// is nil (a pointer, slice, map, blob, union or big number) or a document holding
// nothing. It is nil for the scalars held by value (strings, enums, numbers, booleans,
// timestamps): their zero value is a value ("" is a valid string when the model's
// minimum length allows it), so such a member is always sent and never missing in Go;
// the server, which sees the wire, tells an absent one apart while decoding.
func missingTest(m *ir.Member, x *jen.Statement) *jen.Statement {
	k := m.Shape.Kind
	switch {
	case m.Pointer, k == ir.List, k == ir.Map, k == ir.Blob, k == ir.Union, k == ir.BigInteger, k == ir.BigDecimal:
		return x.Op("==").Nil()
	case k == ir.Document:
		return x.Dot("IsZero").Call()
	}
	return nil
}

// validatorsFile writes the validators package: the patterns, one rule per constrained
// shape, one check function per structure, union, list and map that needs one.
func (g *gen) validatorsFile() {
	path := g.cfg.ImportPath + "/" + validatorsRel
	f := g.newFile(path, "validators")
	f.PackageComment("Package validators checks values of the " + g.svc.FullName + " API against the model's constraints.")
	g.patternDecls(f)
	for _, sh := range g.checks.order {
		if name, ok := g.checks.rule[sh]; ok {
			g.ruleDecl(f, sh, name)
		}
	}
	for _, sh := range g.checks.order {
		if name, ok := g.checks.fn[sh]; ok {
			g.checkFunc(f, sh, name)
		}
	}
	g.render(validatorsRel+"/validators.go", f)
	if g.cfg.Tests {
		g.patternTest(path)
	}
}

// patternDecls declares the patterns as static data, compiled on first use: a program
// links a pattern and its engine only when it links a rule that uses it.
//
//	var pattern0 = validate.Pattern{Source: `source`, Expr: `expression`, Engine: validate.RE2, MinLen: -1, MaxLen: -1}
func (g *gen) patternDecls(f *jen.File) {
	var defs []jen.Code
	for _, p := range g.svc.Patterns {
		if p.Kind == ir.PatternUnsupported {
			continue
		}
		engine := jen.Qual(validatePath, "RE2")
		if p.Kind == ir.PatternBacktracking {
			engine = jen.Qual(validatePath+"/backtrack", "Compile")
		}
		fields := []jen.Code{
			jen.Id("Source").Op(":").Lit(p.Source),
			jen.Id("Expr").Op(":").Lit(p.Go),
			jen.Id("Engine").Op(":").Add(engine),
			jen.Id("MinLen").Op(":").Lit(int(ptrOr(p.MinLength, -1))),
			jen.Id("MaxLen").Op(":").Lit(int(ptrOr(p.MaxLength, -1))),
		}
		if p.TrimEOL {
			fields = append(fields, jen.Id("TrimEOL").Op(":").True())
		}
		value := jen.Qual(validatePath, "Pattern").Values(fields...)
		var doc jen.Code = jen.Null()
		switch p.Kind {
		case ir.PatternTranslated:
			doc = jen.Comment("Translated to RE2: " + p.Reason).Line()
		case ir.PatternBacktracking:
			doc = jen.Comment("Checked with regexp2 (exact rewrite), as RE2 cannot: " + p.Reason).Line()
		}
		defs = append(defs, jen.Add(doc).Id(p.VarName).Op("=").Add(value))
	}
	if len(defs) > 0 {
		f.Add(docComment("The model's patterns, each compiled once, on first use."))
		f.Var().Defs(defs...)
		f.Line()
	}
}

func ptrOr(p *int64, def int64) int64 {
	if p == nil {
		return def
	}
	return *p
}

// patternTest writes a test proving that every pattern compiles.
func (g *gen) patternTest(path string) {
	var list []jen.Code
	for _, p := range g.svc.Patterns {
		if p.Kind != ir.PatternUnsupported {
			list = append(list, jen.Op("&").Id(p.VarName))
		}
	}
	if len(list) == 0 {
		return
	}
	f := g.newFile(path, "validators")
	f.Func().Id("TestPatternsCompile").Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(
		jen.For(jen.List(jen.Id("_"), jen.Id("p")).Op(":=").Range().Index().Op("*").Qual(validatePath, "Pattern").Values(list...)).Block(
			jen.If(jen.Err().Op(":=").Id("p").Dot("Compile").Call(), jen.Err().Op("!=").Nil()).Block(
				jen.Id("t").Dot("Errorf").Call(jen.Lit("pattern %q: %v"), jen.Id("p").Dot("Source"), jen.Err()),
			),
		),
	)
	g.render(validatorsRel+"/validators_test.go", f)
}

// ruleDecl declares the rule of one constrained shape.
//
//	var TagKeyRule = validate.StringRule{MinLen: 1, MaxLen: 128, Pattern: pattern0}
func (g *gen) ruleDecl(f *jen.File, sh *ir.Shape, name string) {
	k := sh.Constraints
	lo, hi := jen.Lit(int(ptrOr(k.MinLength, -1))), jen.Lit(int(ptrOr(k.MaxLength, -1)))
	var value jen.Code
	doc := name + " holds the constraints of " + sh.Name + "."
	switch {
	case sh.Kind == ir.String || sh.Kind == ir.Enum:
		d := jen.Dict{jen.Id("MinLen"): lo, jen.Id("MaxLen"): hi}
		if p := k.Pattern; p != nil {
			if p.Kind == ir.PatternUnsupported {
				doc += "\n\nThe pattern " + strconvQuote(p.Source) + " is not checked: " + p.Reason + "."
			} else {
				d[jen.Id("Pattern")] = jen.Op("&").Id(p.VarName)
			}
		}
		if sh.Sensitive {
			d[jen.Id("Sensitive")] = jen.True()
		}
		if len(k.Enum) > 0 {
			values := append([]string(nil), k.Enum...)
			sort.Strings(values)
			var lits []jen.Code
			for _, v := range values {
				lits = append(lits, jen.Lit(v))
			}
			d[jen.Id("Enum")] = jen.Index().String().Values(lits...)
		}
		value = jen.Qual(validatePath, "StringRule").Values(d)
	case sh.Kind == ir.Blob || sh.Kind == ir.List || sh.Kind == ir.Map:
		value = jen.Qual(validatePath, "LengthRule").Values(jen.Dict{jen.Id("MinLen"): lo, jen.Id("MaxLen"): hi})
	case sh.Kind.IsNumber():
		d := jen.Dict{}
		if k.Min != nil {
			d[jen.Id("HasMin")] = jen.True()
			d[jen.Id("Min")] = jen.Lit(*k.Min)
		}
		if k.Max != nil {
			d[jen.Id("HasMax")] = jen.True()
			d[jen.Id("Max")] = jen.Lit(*k.Max)
		}
		value = jen.Qual(validatePath, "RangeRule").Values(d)
	default:
		return
	}
	f.Add(docComment(doc))
	f.Var().Id(name).Op("=").Add(value)
}

// checkFunc declares the check function of a structure, union, list or map.
//
//	func CheckX(c *validate.Checker, v *types.X) { ...one check per member... }
func (g *gen) checkFunc(f *jen.File, sh *ir.Shape, name string) {
	var param jen.Code
	var body []jen.Code
	switch sh.Kind {
	case ir.Structure:
		param = jen.Op("*").Qual(g.typesPath, sh.GoName)
		body = append(body, jen.If(jen.Id("v").Op("==").Nil()).Block(jen.Return()))
		for _, m := range sh.Members {
			// violations name the member as the model does (the wire's name)
			body = append(body, g.memberCheck(m, m.Name, jen.Id("v").Dot(m.GoName))...)
		}
	case ir.Union:
		param = jen.Qual(g.typesPath, sh.GoName)
		var cases []jen.Code
		for _, m := range sh.Members {
			inner := g.valueCheck(m, m.Name, jen.Id("u").Dot("Value"))
			if len(inner) == 0 {
				continue
			}
			cases = append(cases, jen.Case(jen.Op("*").Qual(g.typesPath, m.VariantGoName)).Block(inner...))
		}
		if len(cases) > 0 {
			body = append(body, jen.Switch(jen.Id("u").Op(":=").Id("v").Assert(jen.Type())).Block(cases...))
		}
	case ir.List:
		param = g.baseType(sh, nil)
		if rule, ok := g.checks.rule[sh]; ok {
			body = append(body, jen.Id("c").Dot("Len").Call(jen.Lit(""), jen.Len(jen.Id("v")), jen.Op("&").Id(rule)))
		}
		if inner := g.valueCheck(sh.Elem, "", jen.Id("v").Index(jen.Id("i"))); len(inner) > 0 {
			body = append(body, jen.For(jen.Id("i").Op(":=").Range().Id("v")).Block(
				append([]jen.Code{jen.Id("c").Dot("EnterIndex").Call(jen.Id("i"))}, append(inner, jen.Id("c").Dot("Leave").Call())...)...,
			))
		}
	case ir.Map:
		param = g.baseType(sh, nil)
		if rule, ok := g.checks.rule[sh]; ok {
			body = append(body, jen.Id("c").Dot("Len").Call(jen.Lit(""), jen.Len(jen.Id("v")), jen.Op("&").Id(rule)))
		}
		keyCheck := []jen.Code{}
		if rule, ok := g.checks.rule[sh.Key.Shape]; ok {
			keyCheck = append(keyCheck, jen.Id("c").Dot("Key").Call(jen.String().Parens(jen.Id("k")), jen.Op("&").Id(rule)))
		}
		inner := g.valueCheck(sh.Value, "", jen.Id("e"))
		if len(inner)+len(keyCheck) > 0 {
			enter := jen.Id("c").Dot("EnterKey").Call(jen.String().Parens(jen.Id("k")))
			if sh.Key.Sensitive {
				// the key is a secret too: it must not show in a violation's path
				enter = jen.Id("c").Dot("EnterSensitiveKey").Call()
			}
			loop := append([]jen.Code{enter}, keyCheck...)
			if len(inner) > 0 {
				loop = append(loop, jen.Id("e").Op(":=").Id("v").Index(jen.Id("k")))
			}
			loop = append(loop, inner...)
			loop = append(loop, jen.Id("c").Dot("Leave").Call())
			body = append(body, jen.For(jen.List(jen.Id("_"), jen.Id("k")).Op(":=").Range().Qual("slices", "Sorted").Call(jen.Qual("maps", "Keys").Call(jen.Id("v")))).Block(loop...))
		}
	}
	if !g.checks.client[sh] && len(body) > 0 {
		body = append([]jen.Code{jen.If(jen.Op("!").Id("c").Dot("Full")).Block(jen.Return())}, body...)
	}
	f.Add(docComment(name + " checks a " + sh.Name + " value."))
	f.Func().Id(name).Params(jen.Id("c").Op("*").Qual(validatePath, "Checker"), jen.Id("v").Add(param)).Block(body...)
	f.Line()
}

// memberCheck checks one structure member: present when required, then its value.
func (g *gen) memberCheck(m *ir.Member, name string, x *jen.Statement) []jen.Code {
	inner := g.valueCheck(m, name, x)
	if isEventStream(m) {
		inner = nil // a stream of events, not a value: only its presence is checked
	}
	missing := missingTest(m, x.Clone())
	label := ""
	switch {
	case m.Location == ir.InURI:
		label = "Label" // an empty label would make another path
	case isHostLabel(m):
		label = "HostLabel" // and a bad host label another host
	}
	if label != "" && (m.Shape.Kind == ir.String || m.Shape.Kind == ir.Enum) {
		v := x.Clone()
		if m.Pointer {
			v = jen.Op("*").Add(x.Clone())
		}
		if m.Shape.Kind == ir.Enum {
			v = jen.String().Parens(v)
		}
		// the label's own rule only when it makes a request: one violation for an
		// empty label, not also its length
		check := jen.Id("c").Dot(label).Call(jen.Lit(name), v)
		if len(inner) > 0 {
			inner = []jen.Code{jen.If(check).Block(inner...)}
		} else {
			inner = []jen.Code{check}
		}
	}
	required := m.Required || label != ""
	switch {
	case required && missing != nil:
		st := jen.If(missing).Block(jen.Id("c").Dot("Missing").Call(jen.Lit(name)))
		if len(inner) > 0 {
			st = st.Else().Block(inner...)
		}
		return []jen.Code{st}
	case len(inner) == 0:
		return nil
	case missing != nil:
		// an optional member that is absent (nil, not an empty list or map) breaks
		// no constraint: a minimum length applies only to a value that is there
		return []jen.Code{jen.If(presentTest(m, x.Clone())).Block(inner...)}
	}
	return inner
}

// isHostLabel reports an input member that the operation's hostPrefix puts into the
// endpoint's host.
func isHostLabel(m *ir.Member) bool {
	if m.Parent == nil || m.Parent.Operation == nil || !m.Parent.IsInput {
		return false
	}
	for _, l := range m.Parent.Operation.HostLabels {
		if l == m {
			return true
		}
	}
	return false
}

// presentTest is the negation of missingTest: the member holds a value.
func presentTest(m *ir.Member, x *jen.Statement) *jen.Statement {
	k := m.Shape.Kind
	switch {
	case m.Pointer, k == ir.List, k == ir.Map, k == ir.Blob, k == ir.Union, k == ir.BigInteger, k == ir.BigDecimal:
		return x.Op("!=").Nil()
	case k == ir.String, k == ir.Enum:
		return x.Op("!=").Lit("")
	}
	return jen.Op("!").Add(x).Dot("IsZero").Call()
}

// valueCheck checks a present value: its rule, or its shape's check function.
func (g *gen) valueCheck(m *ir.Member, name string, x *jen.Statement) []jen.Code {
	sh := m.Shape
	if !g.checks.need[sh] {
		return nil
	}
	val := x.Clone()
	if m.Pointer && sh.Kind.IsScalar() && sh.Kind != ir.BigInteger && sh.Kind != ir.BigDecimal {
		val = jen.Op("*").Add(x.Clone())
	}
	rule := func() jen.Code { return jen.Op("&").Qual(g.validatorsPath, g.checks.rule[sh]) }
	c := jen.Id("c")
	var out []jen.Code
	wrapNil := func(code jen.Code) jen.Code {
		if m.Parent.Kind == ir.List || m.Parent.Kind == ir.Map {
			if m.Pointer || sh.Kind == ir.Union {
				return jen.If(x.Clone().Op("!=").Nil()).Block(code)
			}
		}
		return code
	}
	switch {
	case sh.Kind == ir.String:
		out = append(out, wrapNil(c.Clone().Dot("String").Call(jen.Lit(name), val, rule())))
	case sh.Kind == ir.Enum:
		out = append(out, wrapNil(c.Clone().Dot("String").Call(jen.Lit(name), jen.String().Parens(val), rule())))
	case sh.Kind == ir.Blob && m.Streaming:
		// a stream's length is known only once it has been read
	case sh.Kind == ir.Blob:
		out = append(out, c.Clone().Dot("Len").Call(jen.Lit(name), jen.Len(val), rule()))
	case sh.Kind == ir.Float || sh.Kind == ir.Double:
		out = append(out, wrapNil(c.Clone().Dot("Float").Call(jen.Lit(name), jen.Float64().Parens(val), rule())))
	case sh.Kind == ir.Byte || sh.Kind == ir.Short || sh.Kind == ir.Integer || sh.Kind == ir.Long:
		out = append(out, wrapNil(c.Clone().Dot("Int").Call(jen.Lit(name), jen.Int64().Parens(val), rule())))
	case sh.Kind == ir.Structure || sh.Kind == ir.Union || sh.Kind == ir.List || sh.Kind == ir.Map:
		arg := x.Clone()
		if sh.Kind == ir.Structure && !m.Pointer {
			arg = jen.Op("&").Add(x.Clone())
		}
		call := jen.Qual(g.validatorsPath, g.checks.fn[sh]).Call(c.Clone(), arg)
		if name != "" {
			out = append(out, c.Clone().Dot("Enter").Call(jen.Lit(name)), call, c.Clone().Dot("Leave").Call())
		} else {
			out = append(out, wrapNil(call))
		}
	}
	return out
}
