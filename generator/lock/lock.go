// Package lock keeps a generated package's Go API stable across regeneration.
//
// A lock file (svcgen.lock, beside the generated package) records the decisions a
// caller's code depends on: each structure field's Go name and Go type (value or
// pointer) and each enum constant. When the file exists, `svcgen generate` applies it
// to the resolved service before emitting: a member that turned optional keeps its
// value type (and one that turned required keeps its pointer), a member the model
// dropped stays as a deprecated field that nothing sends or reads, an enum value the
// model dropped keeps its constant, marked deprecated, and a Go name keeps its old
// spelling. Each such decision is reported. `-update-lock` writes the lock of the API
// as the model now has it.
//
// The format is line-oriented text, sorted, one decision a line:
//
//	package eks
//	field types.PodIdentityAssociation clusterName ClusterName *string
//	field CreatePodIdentityAssociationInput clusterName ClusterName string
//	const types.ErrorCode "AccessDenied" ErrorCodeAccessDenied
package lock

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/svcgen/svcgen/generator/diff"
	"github.com/svcgen/svcgen/generator/ir"
)

// FileName is the lock file's name beside the generated package.
const FileName = "svcgen.lock"

// Field is one structure field.
type Field struct {
	Struct string // "types.X" for the types package, "X" for the service package
	Member string // the model's member name
	GoName string
	GoType string // as diff.GoType writes it: "*string", "[]types.Tag"
}

// Const is one enum constant.
type Const struct {
	Enum   string // "types.X"
	Value  string
	GoName string
}

// Lock is a package's locked Go API.
type Lock struct {
	Package string
	Fields  []Field
	Consts  []Const
}

const header = "# svcgen.lock: the Go API that `svcgen generate` keeps for this package across model\n" +
	"# updates (field names, value or pointer, enum constants). Accept the model's new API\n" +
	"# with `svcgen generate -update-lock`.\n"

// Write writes the lock in its text form.
func (l *Lock) Write(w io.Writer) error {
	var lines []string
	for _, f := range l.Fields {
		lines = append(lines, fmt.Sprintf("field %s %s %s %s", f.Struct, f.Member, f.GoName, f.GoType))
	}
	for _, c := range l.Consts {
		lines = append(lines, fmt.Sprintf("const %s %s %s", c.Enum, strconv.Quote(c.Value), c.GoName))
	}
	sort.Strings(lines)
	var b bytes.Buffer
	b.WriteString(header)
	fmt.Fprintf(&b, "package %s\n", l.Package)
	for _, line := range lines {
		b.WriteString(line + "\n")
	}
	_, err := w.Write(b.Bytes())
	return err
}

// Bytes is the lock's text.
func (l *Lock) Bytes() []byte {
	var b bytes.Buffer
	l.Write(&b)
	return b.Bytes()
}

// Read reads a lock file; name is for errors.
func Read(name string, r io.Reader) (*Lock, error) {
	l := &Lock{}
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		bad := func(want string) error {
			return fmt.Errorf("%s:%d: %q: want %s", name, n, line, want)
		}
		word, rest, _ := strings.Cut(line, " ")
		switch word {
		case "package":
			if rest == "" || strings.Contains(rest, " ") {
				return nil, bad("package NAME")
			}
			l.Package = rest
		case "field":
			f := strings.Fields(rest)
			if len(f) != 4 {
				return nil, bad("field STRUCT MEMBER GONAME GOTYPE")
			}
			l.Fields = append(l.Fields, Field{Struct: f[0], Member: f[1], GoName: f[2], GoType: f[3]})
		case "const":
			enum, rest, _ := strings.Cut(rest, " ")
			value, err := strconv.QuotedPrefix(rest)
			if err != nil || enum == "" {
				return nil, bad(`const ENUM "VALUE" GONAME`)
			}
			goName := strings.TrimSpace(rest[len(value):])
			v, _ := strconv.Unquote(value)
			if goName == "" || strings.Contains(goName, " ") {
				return nil, bad(`const ENUM "VALUE" GONAME`)
			}
			l.Consts = append(l.Consts, Const{Enum: enum, Value: v, GoName: goName})
		default:
			return nil, bad("a package, field or const line")
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if l.Package == "" {
		return nil, fmt.Errorf("%s: no package line", name)
	}
	return l, nil
}

// ReadFile reads the lock file at path; the lock is nil when the file does not exist.
func ReadFile(path string) (*Lock, error) {
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Read(path, f)
}

// structs are the structures whose fields a lock records, by their lock name.
func structs(svc *ir.Service) map[string]*ir.Shape {
	out := map[string]*ir.Shape{}
	for _, op := range svc.Operations {
		out[op.Input.GoName] = op.Input
		out[op.Output.GoName] = op.Output
	}
	for _, sh := range svc.Shapes {
		if sh.Kind == ir.Structure && sh.Package == ir.PackageTypes {
			out["types."+sh.GoName] = sh
		}
	}
	return out
}

// FromService is the lock of the API the service's package has.
func FromService(svc *ir.Service) *Lock {
	l := &Lock{Package: svc.Package}
	for name, sh := range structs(svc) {
		for _, m := range append(append([]*ir.Member(nil), sh.Members...), sh.Retired...) {
			l.Fields = append(l.Fields, Field{Struct: name, Member: m.Name, GoName: m.GoName, GoType: diff.GoType(m)})
		}
	}
	for _, sh := range svc.Shapes {
		if sh.Kind != ir.Enum {
			continue
		}
		for _, v := range append(append([]ir.EnumValue(nil), sh.Enum...), sh.RetiredEnum...) {
			l.Consts = append(l.Consts, Const{Enum: "types." + sh.GoName, Value: v.Value, GoName: v.GoName})
		}
	}
	return l
}

// Apply changes the resolved service so that its package keeps the locked API, as
// far as it can, and returns one sentence per decision it made or could not make.
func Apply(svc *ir.Service, l *Lock) []string {
	var out []string
	note := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	if l.Package != svc.Package {
		note("the lock is for package %s, the model's package is %s: the lock is not applied", l.Package, svc.Package)
		return out
	}
	byStruct := structs(svc)
	// identifiers of the types package, for the constants' names
	typesIDs := map[string]bool{}
	for _, sh := range svc.Shapes {
		typesIDs[sh.GoName] = true
		for _, v := range sh.Enum {
			typesIDs[v.GoName] = true
		}
		for _, m := range sh.Members {
			if m.VariantGoName != "" {
				typesIDs[m.VariantGoName] = true
			}
		}
	}
	fields := append([]Field(nil), l.Fields...)
	sort.Slice(fields, func(i, j int) bool {
		if fields[i].Struct != fields[j].Struct {
			return fields[i].Struct < fields[j].Struct
		}
		return fields[i].Member < fields[j].Member
	})
	for _, f := range fields {
		at := f.Struct + "." + f.GoName
		sh := byStruct[f.Struct]
		if sh == nil {
			note("%s: cannot keep the field: the package no longer has %s", at, f.Struct)
			continue
		}
		taken := func(name string) bool {
			for _, m := range sh.Members {
				if m.GoName == name {
					return true
				}
			}
			for _, m := range sh.Retired {
				if m.GoName == name {
					return true
				}
			}
			return false
		}
		var m *ir.Member
		for _, x := range sh.Members {
			if x.Name == f.Member {
				m = x
			}
		}
		if m == nil {
			if taken(f.GoName) {
				note("%s: cannot keep the field of the removed member %s: a member of the model now has its name", at, f.Member)
				continue
			}
			r, err := member(svc, f.GoType)
			if err != nil {
				note("%s: cannot keep the field of the removed member %s: %v", at, f.Member, err)
				continue
			}
			r.Name, r.GoName, r.Parent = f.Member, f.GoName, sh
			r.Deprecated = true
			sh.Retired = append(sh.Retired, r)
			note("%s: keeps the field %s of the removed member %s, deprecated; it is neither sent nor read", at, f.GoType, f.Member)
			continue
		}
		if m.GoName != f.GoName {
			if taken(f.GoName) {
				note("%s: cannot keep the name: another field has it; the field is now %s", at, m.GoName)
			} else {
				note("%s: keeps its name (the model's name now makes %s)", at, m.GoName)
				m.GoName = f.GoName
			}
		}
		cur := diff.GoType(m)
		if cur == f.GoType {
			continue
		}
		base := strings.TrimPrefix(cur, "*")
		k := m.Shape.Kind
		if base == strings.TrimPrefix(f.GoType, "*") && k.IsScalar() && k != ir.BigInteger && k != ir.BigDecimal && !m.Streaming {
			m.Pointer = strings.HasPrefix(f.GoType, "*")
			if m.Required {
				note("%s: keeps %s though the member is now required (the model makes it %s); nil is reported missing", at, f.GoType, cur)
			} else {
				note("%s: keeps %s though the member is now optional (the model makes it %s); its value is always sent", at, f.GoType, cur)
			}
			continue
		}
		note("%s: cannot keep %s: the member is now %s", at, f.GoType, cur)
	}
	enums := map[string]*ir.Shape{}
	for _, sh := range svc.Shapes {
		if sh.Kind == ir.Enum {
			enums["types."+sh.GoName] = sh
		}
	}
	consts := append([]Const(nil), l.Consts...)
	sort.Slice(consts, func(i, j int) bool { return consts[i].Enum+" "+consts[i].GoName < consts[j].Enum+" "+consts[j].GoName })
	for _, c := range consts {
		at := "types." + c.GoName
		sh := enums[c.Enum]
		if sh == nil {
			note("%s: cannot keep the constant: the package no longer has the enum %s", at, c.Enum)
			continue
		}
		i := -1
		for j, v := range sh.Enum {
			if v.Value == c.Value {
				i = j
			}
		}
		switch {
		case i >= 0 && sh.Enum[i].GoName == c.GoName:
		case typesIDs[c.GoName]:
			note("%s: cannot keep the constant of %q: the name is taken", at, c.Value)
		case i >= 0:
			note("%s: keeps its name for %q (the model's name now makes %s)", at, c.Value, sh.Enum[i].GoName)
			delete(typesIDs, sh.Enum[i].GoName)
			sh.Enum[i].GoName = c.GoName
			typesIDs[c.GoName] = true
		default:
			sh.RetiredEnum = append(sh.RetiredEnum, ir.EnumValue{Value: c.Value, GoName: c.GoName})
			typesIDs[c.GoName] = true
			note("%s: keeps the constant of the removed value %q, deprecated", at, c.Value)
		}
	}
	return out
}

// member makes a member of the Go type t (as diff.GoType writes it) for a retired
// field: the builtins, time.Time, []byte, document.Value, the types package's types,
// and slices, maps and pointers of them.
func member(svc *ir.Service, t string) (*ir.Member, error) {
	m := &ir.Member{}
	if strings.HasPrefix(t, "*") && t != "*big.Int" && t != "*big.Float" {
		m.Pointer = true
		t = t[1:]
	}
	sh, err := shape(svc, t)
	if err != nil {
		return nil, err
	}
	m.Shape = sh
	return m, nil
}

var builtins = map[string]ir.Kind{
	"string": ir.String, "bool": ir.Boolean, "int8": ir.Byte, "int16": ir.Short, "int32": ir.Integer,
	"int64": ir.Long, "float32": ir.Float, "float64": ir.Double, "time.Time": ir.Timestamp, "[]byte": ir.Blob,
	"document.Value": ir.Document, "*big.Int": ir.BigInteger, "*big.Float": ir.BigDecimal,
}

func shape(svc *ir.Service, t string) (*ir.Shape, error) {
	if k, ok := builtins[t]; ok {
		return &ir.Shape{Name: t, Kind: k}, nil
	}
	switch {
	case strings.HasPrefix(t, "[]"):
		elem, err := member(svc, t[2:])
		if err != nil {
			return nil, err
		}
		sh := &ir.Shape{Name: t, Kind: ir.List, Elem: elem}
		elem.Parent = sh
		return sh, nil
	case strings.HasPrefix(t, "map["):
		depth := 0
		for i := 3; i < len(t); i++ {
			switch t[i] {
			case '[':
				depth++
			case ']':
				depth--
			}
			if depth == 0 {
				key, err := member(svc, t[4:i])
				if err != nil {
					return nil, err
				}
				value, err := member(svc, t[i+1:])
				if err != nil {
					return nil, err
				}
				sh := &ir.Shape{Name: t, Kind: ir.Map, Key: key, Value: value}
				key.Parent, value.Parent = sh, sh
				return sh, nil
			}
		}
	case strings.HasPrefix(t, "types."):
		for _, sh := range svc.Shapes {
			if sh.Package == ir.PackageTypes && "types."+sh.GoName == t {
				return sh, nil
			}
		}
		return nil, fmt.Errorf("the package no longer has %s", t)
	}
	return nil, fmt.Errorf("svcgen cannot keep a field of type %s", t)
}
