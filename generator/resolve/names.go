package resolve

import (
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/svcgen/svcgen/generator/ir"
)

// placement decides which shapes the package declares as Go types: the structures,
// unions, documents, enums and errors that an operation reaches. Operation inputs and
// outputs live in the root package; everything else in types.
func (s *state) placement() {
	seen := map[*ir.Shape]bool{}
	var visit func(*ir.Shape)
	visit = func(sh *ir.Shape) {
		if sh == nil || seen[sh] {
			return
		}
		seen[sh] = true
		switch sh.Kind {
		case ir.Structure, ir.Union, ir.Document, ir.Enum:
			sh.Package = ir.PackageTypes
			s.svc.Shapes = append(s.svc.Shapes, sh)
		}
		for _, m := range sh.Children() {
			visit(m.Shape)
		}
	}
	errs := map[*ir.Shape]bool{}
	for _, op := range s.svc.Operations {
		for _, sh := range []*ir.Shape{op.Input, op.Output} {
			for _, m := range sh.Members {
				visit(m.Shape)
			}
		}
		for _, e := range op.Errors {
			visit(e)
			if !errs[e] {
				errs[e] = true
				s.svc.Errors = append(s.svc.Errors, e)
			}
		}
	}
}

// methodNames are the methods generated types may have; a member whose Go name is
// one of them is renamed.
var methodNames = map[string]bool{
	"String": true, "GoString": true, "Format": true, "LogValue": true, "Validate": true,
	"Error": true, "ErrorCode": true, "ErrorMessage": true, "ErrorFault": true, "HTTPStatusCode": true,
	"MarshalJSON": true, "ErrorCodeOverride": true, // a field of awsQueryCompatible services' errors
}

// names gives every declared type, union variant, enum constant, operation and member
// its Go name.
//
// The rule for collisions, everywhere: a name already taken in its scope gets the
// suffix "_", repeated until it is unique. Scopes are filled in a fixed order (types by
// model name, then union variants, then enum constants; members in model order), so the
// result is the same on every run.
func (s *state) names() {
	svc := s.svc
	types := newScope()
	sort.Slice(svc.Shapes, func(i, j int) bool { return svc.Shapes[i].Name < svc.Shapes[j].Name })
	for _, sh := range svc.Shapes {
		sh.GoName = types.take(exported(sh.Name))
	}
	unknown := ""
	for _, sh := range svc.Shapes {
		if sh.Kind != ir.Union {
			continue
		}
		if unknown == "" {
			unknown = types.take("UnknownUnionMember")
		}
		sh.UnknownGoName = unknown
	}
	for _, sh := range svc.Shapes {
		if sh.Kind == ir.Union {
			for _, m := range sh.Members {
				m.VariantGoName = types.take(sh.GoName + "Member" + exported(m.Name))
			}
		}
	}
	for _, sh := range svc.Shapes {
		for i := range sh.Enum {
			sh.Enum[i].GoName = types.take(sh.GoName + enumWord(sh.Enum[i].Value, i))
		}
	}
	sort.SliceStable(svc.Shapes, func(i, j int) bool { return svc.Shapes[i].GoName < svc.Shapes[j].GoName })
	sort.SliceStable(svc.Errors, func(i, j int) bool { return svc.Errors[i].GoName < svc.Errors[j].GoName })

	root := newScope()
	for _, n := range []string{"Client", "Options", "New", "NewFromConfig", "ServiceID", "ServiceAPIVersion"} {
		root.take(n)
	}
	for _, op := range svc.Operations {
		op.Input.GoName = root.take(op.GoName + "Input")
		op.Output.GoName = root.take(op.GoName + "Output")
	}
	for _, sh := range svc.Shapes {
		memberNames(sh)
	}
	for _, op := range svc.Operations {
		memberNames(op.Input)
		memberNames(op.Output)
	}
}

func memberNames(sh *ir.Shape) {
	scope := newScope()
	if sh.Kind == ir.Structure || sh.Kind == ir.Document {
		for n := range methodNames {
			scope.taken[n] = true
		}
	}
	for _, m := range sh.Members {
		m.GoName = scope.take(exported(m.Name))
	}
	if e := sh.Error; e != nil && e.MessageField == "" {
		for _, m := range sh.Members {
			if strings.EqualFold(m.Name, "message") && m.Shape.Kind == ir.String {
				e.MessageField = m.GoName
			}
		}
		if e.MessageField == "" {
			e.MessageField, e.MessageSynthetic = scope.take("Message"), true
		}
	}
}

type scope struct{ taken map[string]bool }

func newScope() *scope { return &scope{taken: map[string]bool{}} }

func (sc *scope) take(name string) string {
	for sc.taken[name] {
		name += "_"
	}
	sc.taken[name] = true
	return name
}

// exported is ir.Exported: the one rule for Go names of model names.
func exported(name string) string { return ir.Exported(name) }

// enumWord makes the constant suffix of an enum value: words split at every character
// that is not a letter or a digit, each capitalised (an all-upper-case word is
// lower-cased after its first letter): "ACTIVE" → Active, "us-east-1" → UsEast1,
// "t2.micro" → T2Micro. A value with no letters or digits becomes Value<index>.
func enumWord(v string, index int) string {
	var b strings.Builder
	words := strings.FieldsFunc(v, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for _, w := range words {
		rs := []rune(w)
		upper := true
		for _, r := range rs {
			if unicode.IsLower(r) {
				upper = false
			}
		}
		for i, r := range rs {
			switch {
			case i == 0:
				b.WriteRune(unicode.ToUpper(r))
			case upper:
				b.WriteRune(unicode.ToLower(r))
			default:
				b.WriteRune(r)
			}
		}
	}
	if b.Len() == 0 {
		return "Value" + strconv.Itoa(index)
	}
	return b.String()
}
