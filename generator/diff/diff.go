// Package diff compares two versions of a service model as svcgen resolves them: every
// change to the generated Go API and to the wire contract, classified breaking or
// compatible, each at its position in both model files.
//
// The comparison runs on the IR (generator/ir), so the Go names, the Go types and the
// value-or-pointer decisions it reports are the ones the emitters write. Each change
// lists the Go identifiers it touches (Change.Go, "pkg.Type.Field" with the package's
// last element: the service package, "types" or "server"), so a Go API comparison of
// the generated packages (golang.org/x/exp/apidiff, in this package's tests) can be
// checked against it.
package diff

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/svcgen/svcgen/generator/diag"
	"github.com/svcgen/svcgen/generator/ir"
	"github.com/svcgen/svcgen/generator/load"
	"github.com/tidwall/gjson"
)

// Version is one side of a comparison: the loaded model (for positions) and the
// service resolved from it.
type Version struct {
	Model   *load.Model
	Service *ir.Service
}

// Change kinds.
const (
	ServiceChanged      = "service"             // package name, protocol, endpoint prefix, signing, versions
	EndpointRules       = "endpoint-rules"      // the endpoint rule set
	ContextParamAdded   = "context-param-added" // a client context parameter (an Options field)
	ContextParamRemoved = "context-param-removed"
	OperationAdded      = "operation-added"
	OperationRemoved    = "operation-removed"
	OperationBinding    = "operation-binding" // HTTP method, URI, status, target, host prefix
	OperationSigning    = "operation-signing" // auth type, unsigned
	ErrorAdded          = "operation-error-added"
	ErrorRemoved        = "operation-error-removed"
	ShapeAdded          = "type-added"
	ShapeRemoved        = "type-removed"
	ShapeRetyped        = "type-kind-changed"
	ErrorTraitChanged   = "error-changed"
	EnumValueAdded      = "enum-value-added"
	EnumValueRemoved    = "enum-value-removed"
	EnumConstRenamed    = "enum-constant-renamed"
	MemberAdded         = "member-added"
	MemberRemoved       = "member-removed"
	MemberRenamed       = "member-renamed"
	MemberRetyped       = "member-retyped"
	MemberRequired      = "member-required" // optional → required
	MemberOptional      = "member-optional" // required → optional
	MemberPointer       = "member-pointer"  // value ↔ pointer without a required change
	MemberBinding       = "member-binding"  // location, wire name, timestamp format, host label
	ConstraintTightened = "constraint-tightened"
	ConstraintLoosened  = "constraint-loosened"
	PaginatorAdded      = "paginator-added"
	PaginatorRemoved    = "paginator-removed"
	PaginatorChanged    = "paginator-changed"
	WaiterAdded         = "waiter-added"
	WaiterRemoved       = "waiter-removed"
	WaiterChanged       = "waiter-changed"
	ContextParamChanged = "context-param-changed"
)

// Change is one difference between the versions.
type Change struct {
	Kind     string `json:"kind"`
	Breaking bool   `json:"breaking"`
	// Wire: the change alters what goes over the wire (requests, responses, endpoint,
	// signing), not only the Go API.
	Wire bool `json:"wire"`
	// Subject is what changed in model terms: "Operation", "Shape", "Shape.member",
	// "metadata.protocol".
	Subject string `json:"subject"`
	Message string `json:"message"`
	// Old and New are the positions in the old and the new model; nil where the thing
	// does not exist on that side.
	Old *diag.Pos `json:"old,omitempty"`
	New *diag.Pos `json:"new,omitempty"`
	// Go lists the Go identifiers the change adds, removes or alters, qualified by the
	// last element of their package ("eks.Client.CreateCluster", "types.Tag.Key",
	// "server.Service.CreateCluster").
	Go []string `json:"go,omitempty"`
}

func (c Change) String() string {
	verdict := "compatible"
	if c.Breaking {
		verdict = "BREAKING"
	}
	var at string
	switch {
	case c.Old != nil && c.New != nil:
		at = c.Old.String() + " -> " + c.New.String()
	case c.Old != nil:
		at = c.Old.String() + " -> (removed)"
	case c.New != nil:
		at = "(added) -> " + c.New.String()
	}
	return fmt.Sprintf("%s: %s %s: %s: %s", at, verdict, c.Kind, c.Subject, c.Message)
}

// Report is the outcome of a comparison.
type Report struct {
	Old     string   `json:"old"`
	New     string   `json:"new"`
	Changes []Change `json:"changes"`
}

// Breaking reports whether any change breaks callers.
func (r *Report) Breaking() bool {
	return slices.ContainsFunc(r.Changes, func(c Change) bool { return c.Breaking })
}

// Compare lists every change from old to new, sorted by subject and kind.
func Compare(old, new Version) *Report {
	d := &differ{old: old, new: new, oldPkg: old.Service.Package, newPkg: new.Service.Package}
	d.oldUse = usage(old.Service)
	d.newUse = usage(new.Service)
	d.oldOps = opPositions(old.Model)
	d.newOps = opPositions(new.Model)
	d.service()
	d.operations()
	d.types()
	d.paginators()
	d.waiters()
	sort.SliceStable(d.changes, func(i, j int) bool {
		a, b := d.changes[i], d.changes[j]
		if a.Subject != b.Subject {
			return a.Subject < b.Subject
		}
		return a.Kind < b.Kind
	})
	return &Report{Old: old.Model.File.Name, New: new.Model.File.Name, Changes: d.changes}
}

type use struct{ input, output bool }

type differ struct {
	old, new       Version
	oldPkg, newPkg string
	oldUse, newUse map[string]use // by shape model name: reached from an input, an output
	oldOps, newOps map[string]*load.Operation
	changes        []Change
	// constraintsDone holds the shape names whose own constraints were compared
	constraintsDone map[string]bool
}

func pos(p diag.Pos) *diag.Pos {
	if p.File == "" {
		return nil
	}
	return &p
}

func (d *differ) add(c Change) { d.changes = append(d.changes, c) }

func opPositions(m *load.Model) map[string]*load.Operation {
	out := map[string]*load.Operation{}
	for _, op := range m.Operations {
		out[op.Name] = op
	}
	return out
}

// usage marks every shape reached from an operation's input or output.
func usage(svc *ir.Service) map[string]use {
	out := map[string]use{}
	var walk func(sh *ir.Shape, input bool, seen map[*ir.Shape]bool)
	walk = func(sh *ir.Shape, input bool, seen map[*ir.Shape]bool) {
		if sh == nil || seen[sh] {
			return
		}
		seen[sh] = true
		u := out[sh.Name]
		if input {
			u.input = true
		} else {
			u.output = true
		}
		out[sh.Name] = u
		for _, m := range sh.Children() {
			walk(m.Shape, input, seen)
		}
	}
	for _, op := range svc.Operations {
		walk(op.Input, true, map[*ir.Shape]bool{})
		walk(op.Output, false, map[*ir.Shape]bool{})
		for _, e := range op.Errors {
			walk(e, false, map[*ir.Shape]bool{})
		}
	}
	return out
}

// service compares the metadata: package, protocol, endpoint, signing.
func (d *differ) service() {
	o, n := d.old.Service, d.new.Service
	op, np := pos(d.old.Model.Metadata.Pos), pos(d.new.Model.Metadata.Pos)
	field := func(name, a, b string, breaking, wire bool, goRefs ...string) {
		if a == b {
			return
		}
		d.add(Change{Kind: ServiceChanged, Breaking: breaking, Wire: wire, Subject: "metadata." + name,
			Message: fmt.Sprintf("%s changes from %q to %q", name, a, b), Old: op, New: np, Go: goRefs})
	}
	field("package", o.Package, n.Package, true, false, "package "+o.Package)
	field("protocol", o.Protocol, n.Protocol, true, true)
	field("endpointPrefix", o.EndpointPrefix, n.EndpointPrefix, true, true)
	field("signingName", o.SigningName, n.SigningName, true, true)
	field("signatureVersion", o.SignatureVersion, n.SignatureVersion, true, true)
	field("targetPrefix", o.TargetPrefix, n.TargetPrefix, o.AWSJSON() && n.AWSJSON(), true)
	if o.AWSJSON() && n.AWSJSON() {
		field("jsonVersion", o.JSONContentType(), n.JSONContentType(), true, true)
	}
	if o.AWSQuery() && n.AWSQuery() {
		// the query protocols send the API version in every request
		field("apiVersion", o.APIVersion, n.APIVersion, true, true)
	}
	oa, na := auth(o), auth(n)
	field("auth", strings.Join(oa, ","), strings.Join(na, ","), firstAuth(oa) != firstAuth(na), true)
	if o.QueryCompatible != n.QueryCompatible {
		c := Change{Kind: ServiceChanged, Wire: true, Subject: "metadata.awsQueryCompatible", Old: op, New: np,
			Message: fmt.Sprintf("awsQueryCompatible changes from %t to %t", o.QueryCompatible, n.QueryCompatible)}
		if o.QueryCompatible {
			// the error types lose ErrorCodeOverride
			c.Breaking = true
			for _, e := range o.Errors {
				c.Go = append(c.Go, "types."+e.GoName+".ErrorCodeOverride")
			}
		} else {
			for _, e := range n.Errors {
				c.Go = append(c.Go, "types."+e.GoName+".ErrorCodeOverride")
			}
		}
		d.add(c)
	}
	if !jsonEqual(o.RuleSet, n.RuleSet) {
		d.add(Change{Kind: EndpointRules, Wire: true, Subject: "endpoint-rule-set",
			Message: "the endpoint rules change: regenerate to resolve endpoints as the service now expects",
			Old:     filePos(d.old.Model.RuleSet), New: filePos(d.new.Model.RuleSet)})
	}
	// client context parameters are Options fields when there are endpoint rules
	params := func(s *ir.Service) map[string]*ir.ContextParam {
		out := map[string]*ir.ContextParam{}
		if s.RuleSet != nil {
			for _, p := range s.ClientContextParams {
				out[p.Name] = p
			}
		}
		return out
	}
	oldP, newP := params(o), params(n)
	for _, name := range sortedKeys(oldP, newP) {
		a, b := oldP[name], newP[name]
		switch {
		case b == nil:
			d.add(Change{Kind: ContextParamRemoved, Breaking: true, Subject: "clientContextParams." + name, Old: op,
				Message: "the client context parameter is removed from Options", Go: []string{o.Package + ".Options." + a.GoName}})
		case a == nil:
			d.add(Change{Kind: ContextParamAdded, Subject: "clientContextParams." + name, New: np,
				Message: "a client context parameter is added to Options", Go: []string{n.Package + ".Options." + b.GoName}})
		case a.GoName != b.GoName || a.Type != b.Type:
			d.add(Change{Kind: ContextParamChanged, Breaking: true, Subject: "clientContextParams." + name, Old: op, New: np,
				Message: fmt.Sprintf("the Options field changes from %s %s to %s %s", a.GoName, a.Type, b.GoName, b.Type),
				Go:      []string{o.Package + ".Options." + a.GoName, n.Package + ".Options." + b.GoName}})
		}
	}
}

// auth is the service's auth list; a model without one signs as its
// signatureVersion says (v4: SigV4).
func auth(s *ir.Service) []string {
	if len(s.Auth) == 0 && (s.SignatureVersion == "v4" || s.SignatureVersion == "s3v4") {
		return []string{"aws.auth#sigv4"}
	}
	return s.Auth
}

func firstAuth(a []string) string {
	if len(a) == 0 {
		return ""
	}
	return a[0]
}

func filePos(f *load.File) *diag.Pos {
	if f == nil {
		return nil
	}
	return &diag.Pos{File: f.Name}
}

func jsonEqual(a, b []byte) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	var ca, cb bytes.Buffer
	if json.Compact(&ca, a) != nil || json.Compact(&cb, b) != nil {
		return bytes.Equal(a, b)
	}
	return bytes.Equal(ca.Bytes(), cb.Bytes())
}

func sortedKeys[V any](a, b map[string]V) []string {
	seen := map[string]bool{}
	var out []string
	for _, m := range []map[string]V{a, b} {
		for k := range m {
			if !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	sort.Strings(out)
	return out
}

// opRefs are the Go identifiers an operation declares.
func opRefs(pkg string, op *ir.Operation) []string {
	return []string{
		pkg + ".Client." + op.GoName,
		pkg + "." + op.Input.GoName,
		pkg + "." + op.Output.GoName,
		"server.Service." + op.GoName,
		"server.Unimplemented." + op.GoName,
	}
}

func (d *differ) operations() {
	oldOps, newOps := map[string]*ir.Operation{}, map[string]*ir.Operation{}
	for _, op := range d.old.Service.Operations {
		oldOps[op.Name] = op
	}
	for _, op := range d.new.Service.Operations {
		newOps[op.Name] = op
	}
	for _, name := range sortedKeys(oldOps, newOps) {
		a, b := oldOps[name], newOps[name]
		var ap, bp *diag.Pos
		if a != nil {
			ap = pos(d.oldOps[name].Pos)
		}
		if b != nil {
			bp = pos(d.newOps[name].Pos)
		}
		switch {
		case b == nil:
			d.add(Change{Kind: OperationRemoved, Breaking: true, Wire: true, Subject: name, Old: ap,
				Message: "the operation is removed", Go: opRefs(d.oldPkg, a)})
			continue
		case a == nil:
			d.add(Change{Kind: OperationAdded, Wire: true, Subject: name, New: bp,
				Message: "the operation is added (server.Service gains a method: implementations that embed server.Unimplemented keep compiling)",
				Go:      opRefs(d.newPkg, b)})
			continue
		}
		d.operation(a, b, ap, bp)
	}
}

func (d *differ) operation(a, b *ir.Operation, ap, bp *diag.Pos) {
	bind := func(what, x, y string) {
		if x != y {
			d.add(Change{Kind: OperationBinding, Breaking: true, Wire: true, Subject: a.Name, Old: ap, New: bp,
				Message: fmt.Sprintf("%s changes from %q to %q", what, x, y)})
		}
	}
	bind("HTTP method", a.HTTP.Method, b.HTTP.Method)
	bind("request URI", a.HTTP.RequestURI, b.HTTP.RequestURI)
	bind("response code", fmt.Sprint(a.HTTP.ResponseCode), fmt.Sprint(b.HTTP.ResponseCode))
	if d.old.Service.Protocol == d.new.Service.Protocol {
		// a protocol change (reported once for the service) changes every target
		bind("X-Amz-Target", a.HTTP.Target, b.HTTP.Target)
	}
	bind("host prefix", a.HostPrefix, b.HostPrefix)
	if d.old.Service.AWSQuery() && d.new.Service.Protocol == d.old.Service.Protocol {
		bind("result wrapper", a.HTTP.ResultWrapper, b.HTTP.ResultWrapper)
	}
	if a.Unsigned != b.Unsigned || a.AuthType != b.AuthType {
		d.add(Change{Kind: OperationSigning, Breaking: true, Wire: true, Subject: a.Name, Old: ap, New: bp,
			Message: fmt.Sprintf("signing changes from %s to %s", signing(a), signing(b))})
	}
	errs := func(l []*ir.Shape) map[string]*ir.Shape {
		out := map[string]*ir.Shape{}
		for _, e := range l {
			out[e.Name] = e
		}
		return out
	}
	oe, ne := errs(a.Errors), errs(b.Errors)
	for _, name := range sortedKeys(oe, ne) {
		switch {
		case ne[name] == nil:
			d.add(Change{Kind: ErrorRemoved, Wire: true, Subject: a.Name, Old: d.errPos(d.oldOps[a.Name], name), New: bp,
				Message: fmt.Sprintf("error %s is no longer listed: code that handles it keeps compiling", name)})
		case oe[name] == nil:
			d.add(Change{Kind: ErrorAdded, Wire: true, Subject: a.Name, Old: ap, New: d.errPos(d.newOps[b.Name], name),
				Message: fmt.Sprintf("error %s may now be returned (as *types.%s)", name, ne[name].GoName)})
		}
	}
	// the input and output structures are compared as types of the service package
	d.structure(a.Input, b.Input, d.newPkg+"."+a.Input.GoName, true)
	d.structure(a.Output, b.Output, d.newPkg+"."+a.Output.GoName, true)
}

func (d *differ) errPos(op *load.Operation, name string) *diag.Pos {
	for _, r := range op.Errors {
		if r.Shape == name {
			return pos(r.Pos)
		}
	}
	return pos(op.Pos)
}

func signing(op *ir.Operation) string {
	switch {
	case op.AuthType != "" && op.Unsigned:
		return op.AuthType + " (unsigned)"
	case op.AuthType != "":
		return op.AuthType
	case op.Unsigned:
		return "unsigned"
	}
	return "the service's signing"
}

// types compares the shapes the types package declares, matched by Go name.
func (d *differ) types() {
	byGo := func(s *ir.Service) map[string]*ir.Shape {
		out := map[string]*ir.Shape{}
		for _, sh := range s.Shapes {
			if sh.Package == ir.PackageTypes {
				out[sh.GoName] = sh
			}
		}
		return out
	}
	oldT, newT := byGo(d.old.Service), byGo(d.new.Service)
	for _, name := range sortedKeys(oldT, newT) {
		a, b := oldT[name], newT[name]
		q := "types." + name
		switch {
		case b == nil:
			d.add(Change{Kind: ShapeRemoved, Breaking: true, Subject: a.Name, Old: pos(a.Pos),
				Message: fmt.Sprintf("type %s (%s) is no longer generated", q, a.Kind), Go: typeRefs(a)})
			continue
		case a == nil:
			d.add(Change{Kind: ShapeAdded, Subject: b.Name, New: pos(b.Pos),
				Message: fmt.Sprintf("type %s (%s) is added", q, b.Kind), Go: typeRefs(b)})
			continue
		case a.Kind != b.Kind:
			d.add(Change{Kind: ShapeRetyped, Breaking: true, Wire: true, Subject: b.Name, Old: pos(a.Pos), New: pos(b.Pos),
				Message: fmt.Sprintf("type %s changes from a %s to a %s", q, a.Kind, b.Kind), Go: append(typeRefs(a), typeRefs(b)...)})
			continue
		}
		switch a.Kind {
		case ir.Enum:
			d.enum(a, b)
		case ir.Structure, ir.Union:
			d.structure(a, b, q, false)
		}
		if a.Error != nil && b.Error != nil {
			d.errorTrait(a, b)
		}
	}
}

// typeRefs are the Go identifiers a types-package shape declares.
func typeRefs(sh *ir.Shape) []string {
	out := []string{"types." + sh.GoName}
	switch sh.Kind {
	case ir.Enum:
		for _, v := range sh.Enum {
			out = append(out, "types."+v.GoName)
		}
	case ir.Union:
		for _, m := range sh.Members {
			out = append(out, "types."+m.VariantGoName)
		}
	}
	return out
}

func (d *differ) errorTrait(a, b *ir.Shape) {
	x, y := a.Error, b.Error
	at := func(msg string, breaking bool) {
		d.add(Change{Kind: ErrorTraitChanged, Breaking: breaking, Wire: true, Subject: b.Name, Old: pos(a.Pos), New: pos(b.Pos), Message: msg})
	}
	if x.Code != y.Code {
		at(fmt.Sprintf("error code changes from %q to %q: responses with the old code no longer become *types.%s", x.Code, y.Code, b.GoName), true)
	}
	if x.HTTPStatus != y.HTTPStatus {
		at(fmt.Sprintf("HTTP status changes from %d to %d", x.HTTPStatus, y.HTTPStatus), false)
	}
	if x.Fault != y.Fault {
		at(fmt.Sprintf("fault changes from %s to %s", faultName(x.Fault), faultName(y.Fault)), false)
	}
}

func faultName(f ir.Fault) string {
	if f == ir.FaultServer {
		return "server"
	}
	return "client"
}

func (d *differ) enum(a, b *ir.Shape) {
	ov, nv := map[string]ir.EnumValue{}, map[string]ir.EnumValue{}
	for _, v := range a.Enum {
		ov[v.Value] = v
	}
	for _, v := range b.Enum {
		nv[v.Value] = v
	}
	for _, val := range sortedKeys(ov, nv) {
		x, okx := ov[val]
		y, oky := nv[val]
		switch {
		case !oky:
			d.add(Change{Kind: EnumValueRemoved, Breaking: true, Wire: true, Subject: a.Name, Old: pos(a.Pos), New: pos(b.Pos),
				Message: fmt.Sprintf("value %q (types.%s) is removed", val, x.GoName), Go: []string{"types." + x.GoName}})
		case !okx:
			d.add(Change{Kind: EnumValueAdded, Wire: true, Subject: a.Name, Old: pos(a.Pos), New: pos(b.Pos),
				Message: fmt.Sprintf("value %q (types.%s) is added", val, y.GoName), Go: []string{"types." + y.GoName}})
		case x.GoName != y.GoName:
			d.add(Change{Kind: EnumConstRenamed, Breaking: true, Subject: a.Name, Old: pos(a.Pos), New: pos(b.Pos),
				Message: fmt.Sprintf("the constant of %q changes from types.%s to types.%s", val, x.GoName, y.GoName),
				Go:      []string{"types." + x.GoName, "types." + y.GoName}})
		}
	}
}

// fieldRef is the Go identifier of a member: the field, or a union's variant type.
func fieldRef(q string, m *ir.Member) string {
	if m.Parent != nil && m.Parent.Kind == ir.Union {
		return "types." + m.VariantGoName
	}
	return q + "." + m.GoName
}

// structure compares the members of two structures (or unions) of the same Go name.
func (d *differ) structure(a, b *ir.Shape, q string, op bool) {
	subject := func(m *ir.Member) string { return m.Parent.Name + "." + m.Name }
	ou, nu := d.oldUse[a.Name], d.newUse[b.Name]
	if op {
		ou, nu = use{input: a.IsInput, output: a.IsOutput}, use{input: b.IsInput, output: b.IsOutput}
	}
	om, nm := map[string]*ir.Member{}, map[string]*ir.Member{}
	for _, m := range a.Members {
		om[m.Name] = m
	}
	for _, m := range b.Members {
		nm[m.Name] = m
	}
	var removed, added []*ir.Member
	for _, name := range sortedKeys(om, nm) {
		x, y := om[name], nm[name]
		switch {
		case y == nil:
			removed = append(removed, x)
		case x == nil:
			added = append(added, y)
		default:
			d.member(x, y, q, subject(y), ou, nu)
		}
	}
	// a member gone and one come with the same Go type, the only two of the
	// structure with that type among the gone and the come: a rename
	byType := func(l []*ir.Member) map[string][]*ir.Member {
		out := map[string][]*ir.Member{}
		for _, m := range l {
			out[goType(m)] = append(out[goType(m)], m)
		}
		return out
	}
	gone, come := byType(removed), byType(added)
	renamed := map[*ir.Member]bool{}
	for _, x := range removed {
		t := goType(x)
		if len(gone[t]) != 1 || len(come[t]) != 1 {
			continue
		}
		y := come[t][0]
		renamed[x], renamed[y] = true, true
		d.add(Change{Kind: MemberRenamed, Breaking: true, Wire: wireName(x) != wireName(y), Subject: subject(x),
			Old: pos(x.Pos), New: pos(y.Pos),
			Message: fmt.Sprintf("member %s is renamed %s (Go field %s becomes %s; wire name %s becomes %s)", x.Name, y.Name, x.GoName, y.GoName, wireName(x), wireName(y)),
			Go:      []string{fieldRef(q, x), fieldRef(q, y)}})
	}
	removed = slices.DeleteFunc(removed, func(m *ir.Member) bool { return renamed[m] })
	added = slices.DeleteFunc(added, func(m *ir.Member) bool { return renamed[m] })
	for _, x := range removed {
		d.add(Change{Kind: MemberRemoved, Breaking: true, Wire: true, Subject: subject(x), Old: pos(x.Pos), New: pos(b.Pos),
			Message: fmt.Sprintf("member is removed (Go field %s %s)", x.GoName, goType(x)), Go: []string{fieldRef(q, x)}})
	}
	for _, y := range added {
		c := Change{Kind: MemberAdded, Wire: true, Subject: subject(y), Old: pos(a.Pos), New: pos(y.Pos),
			Message: fmt.Sprintf("member is added (Go field %s %s)", y.GoName, goType(y)), Go: []string{fieldRef(q, y)}}
		if y.Required && nu.input {
			c.Breaking = true
			c.Message = fmt.Sprintf("required member is added (Go field %s %s): requests without it fail", y.GoName, goType(y))
		}
		d.add(c)
	}
}

// wireName is where a member goes on the wire.
func wireName(m *ir.Member) string {
	name := m.LocationName
	if name == "" {
		name = m.WireName
	}
	if name == "" {
		name = m.Name
	}
	return m.Location.String() + " " + name
}

func (d *differ) member(x, y *ir.Member, q, subject string, ou, nu use) {
	at := func(kind string, breaking, wire bool, msg string, goRefs ...string) {
		d.add(Change{Kind: kind, Breaking: breaking, Wire: wire, Subject: subject, Old: pos(x.Pos), New: pos(y.Pos), Message: msg, Go: goRefs})
	}
	ref := fieldRef(q, y)
	tx, ty := goType(x), goType(y)
	pointerOnly := tx != ty && strings.TrimPrefix(tx, "*") == strings.TrimPrefix(ty, "*")
	if x.GoName != y.GoName {
		at(MemberRenamed, true, false, fmt.Sprintf("Go field %s becomes %s", x.GoName, y.GoName), fieldRef(q, x), ref)
	}
	goChange := func() (string, []string) {
		if pointerOnly {
			return fmt.Sprintf("; the Go field changes from %s to %s", tx, ty), []string{ref}
		}
		return "", nil
	}
	switch {
	case !x.Required && y.Required:
		note, refs := goChange()
		breaking := nu.input || len(refs) > 0
		at(MemberRequired, breaking, true, "member becomes required"+note, refs...)
	case x.Required && !y.Required:
		note, refs := goChange()
		breaking := nu.output || len(refs) > 0
		at(MemberOptional, breaking, true, "member becomes optional"+note, refs...)
	case pointerOnly:
		at(MemberPointer, true, false, fmt.Sprintf("the Go field changes from %s to %s", tx, ty), ref)
	}
	if tx != ty && !pointerOnly {
		at(MemberRetyped, true, x.Shape.Kind != y.Shape.Kind, fmt.Sprintf("the Go field changes from %s to %s (shape %s %s becomes %s %s)", tx, ty, x.Shape.Name, x.Shape.Kind, y.Shape.Name, y.Shape.Kind), ref)
	}
	if wx, wy := wireName(x), wireName(y); wx != wy {
		at(MemberBinding, true, true, fmt.Sprintf("the member moves from %s to %s", wx, wy))
	}
	protocolDefault := x.DefaultTimestamp && y.DefaultTimestamp && d.old.Service.Protocol != d.new.Service.Protocol
	if x.Shape.Kind == ir.Timestamp && y.Shape.Kind == ir.Timestamp && x.TimestampFormat != y.TimestampFormat && !protocolDefault {
		at(MemberBinding, true, true, fmt.Sprintf("the timestamp format changes from %s to %s", x.TimestampFormat, y.TimestampFormat))
	}
	if x.HostLabel != y.HostLabel {
		at(MemberBinding, true, true, fmt.Sprintf("hostLabel changes from %t to %t", x.HostLabel, y.HostLabel))
	}
	if x.Shape.Kind == ir.Structure || x.Shape.Kind == ir.Union {
		return // compared where the type is
	}
	// constraints: once per shape when the member keeps its shape, else here
	if x.Shape.Name == y.Shape.Name {
		d.shapeConstraints(x.Shape, y.Shape)
		if !slices.Equal(x.Constraints.Enum, x.Shape.Constraints.Enum) || !slices.Equal(y.Constraints.Enum, y.Shape.Constraints.Enum) {
			d.constraints(subject, pos(x.Pos), pos(y.Pos), ir.Constraints{Enum: x.Constraints.Enum}, ir.Constraints{Enum: y.Constraints.Enum})
		}
		return
	}
	d.constraints(subject, pos(x.Pos), pos(y.Pos), x.Constraints, y.Constraints)
}

// shapeConstraints compares the constraints of a shape both versions have, once per
// shape, and those of a list's element and a map's key and value with it.
func (d *differ) shapeConstraints(x, y *ir.Shape) {
	if d.constraintsDone == nil {
		d.constraintsDone = map[string]bool{}
	}
	if d.constraintsDone[y.Name] {
		return
	}
	d.constraintsDone[y.Name] = true
	d.constraints(x.Name, pos(x.Pos), pos(y.Pos), ownConstraints(x), ownConstraints(y))
	for _, pair := range [][2]*ir.Member{{x.Elem, y.Elem}, {x.Key, y.Key}, {x.Value, y.Value}} {
		a, b := pair[0], pair[1]
		if a == nil || b == nil || a.Shape.Kind == ir.Structure || a.Shape.Kind == ir.Union {
			continue
		}
		if a.Shape.Name == b.Shape.Name {
			d.shapeConstraints(a.Shape, b.Shape)
		} else {
			d.constraints(y.Name+"."+b.Name, pos(a.Pos), pos(b.Pos), a.Constraints, b.Constraints)
		}
	}
}

// ownConstraints are a shape's own constraints; an enum's values are compared as
// the enum's (type-level) change, not again here.
func ownConstraints(sh *ir.Shape) ir.Constraints {
	c := sh.Constraints
	if sh.Kind == ir.Enum {
		c.Enum = nil
	}
	return c
}

// constraints reports tightened (breaking for callers that send more) and loosened
// constraints.
func (d *differ) constraints(subject string, op, np *diag.Pos, x, y ir.Constraints) {
	at := func(tight bool, msg string) {
		kind := ConstraintLoosened
		if tight {
			kind = ConstraintTightened
		}
		d.add(Change{Kind: kind, Breaking: tight, Wire: true, Subject: subject, Old: op, New: np, Message: msg})
	}
	lower := func(what string, a, b *int64) {
		switch {
		case eqInt(a, b):
		case a == nil || (b != nil && *b > *a):
			at(true, fmt.Sprintf("%s rises from %s to %s", what, intStr(a), intStr(b)))
		default:
			at(false, fmt.Sprintf("%s falls from %s to %s", what, intStr(a), intStr(b)))
		}
	}
	upper := func(what string, a, b *int64) {
		switch {
		case eqInt(a, b):
		case a == nil || (b != nil && *b < *a):
			at(true, fmt.Sprintf("%s falls from %s to %s", what, intStr(a), intStr(b)))
		default:
			at(false, fmt.Sprintf("%s rises from %s to %s", what, intStr(a), intStr(b)))
		}
	}
	lower("minimum length", x.MinLength, y.MinLength)
	upper("maximum length", x.MaxLength, y.MaxLength)
	lowerF := func(what string, a, b *float64) {
		switch {
		case eqF(a, b):
		case a == nil || (b != nil && *b > *a):
			at(true, fmt.Sprintf("%s rises from %s to %s", what, fStr(a), fStr(b)))
		default:
			at(false, fmt.Sprintf("%s falls from %s to %s", what, fStr(a), fStr(b)))
		}
	}
	upperF := func(what string, a, b *float64) {
		switch {
		case eqF(a, b):
		case a == nil || (b != nil && *b < *a):
			at(true, fmt.Sprintf("%s falls from %s to %s", what, fStr(a), fStr(b)))
		default:
			at(false, fmt.Sprintf("%s rises from %s to %s", what, fStr(a), fStr(b)))
		}
	}
	lowerF("minimum", x.Min, y.Min)
	upperF("maximum", x.Max, y.Max)
	px, py := "", ""
	if x.Pattern != nil {
		px = x.Pattern.Source
	}
	if y.Pattern != nil {
		py = y.Pattern.Source
	}
	switch {
	case px == py:
	case py == "":
		at(false, fmt.Sprintf("pattern %q is dropped", px))
	default:
		// a changed pattern may reject values the old one accepted
		at(true, fmt.Sprintf("pattern changes from %q to %q", px, py))
	}
	if len(x.Enum) > 0 || len(y.Enum) > 0 {
		var gone, come []string
		for _, v := range x.Enum {
			if !slices.Contains(y.Enum, v) {
				gone = append(gone, v)
			}
		}
		for _, v := range y.Enum {
			if !slices.Contains(x.Enum, v) {
				come = append(come, v)
			}
		}
		switch {
		case len(x.Enum) == 0:
			at(true, fmt.Sprintf("values are now limited to %q", y.Enum))
		case len(y.Enum) == 0:
			at(false, "values are no longer limited to an enum")
		case len(gone) > 0:
			at(true, fmt.Sprintf("allowed values %q are removed", gone))
		}
		if len(come) > 0 && len(x.Enum) > 0 {
			at(false, fmt.Sprintf("allowed values %q are added", come))
		}
	}
}

func eqInt(a, b *int64) bool { return a == nil && b == nil || a != nil && b != nil && *a == *b }
func eqF(a, b *float64) bool { return a == nil && b == nil || a != nil && b != nil && *a == *b }
func intStr(a *int64) string { return optStr(a != nil, func() string { return fmt.Sprint(*a) }) }
func fStr(a *float64) string { return optStr(a != nil, func() string { return fmt.Sprint(*a) }) }
func optStr(ok bool, f func() string) string {
	if !ok {
		return "none"
	}
	return f()
}

// goType is the Go type of a member as the emitters write it, with the types
// package's types written types.X.
func goType(m *ir.Member) string {
	t := baseType(m.Shape, m)
	if m.Pointer {
		return "*" + t
	}
	return t
}

func baseType(sh *ir.Shape, m *ir.Member) string {
	switch sh.Kind {
	case ir.String:
		return "string"
	case ir.Enum, ir.Structure, ir.Union:
		return "types." + sh.GoName
	case ir.Document:
		return "document.Value"
	case ir.Boolean:
		return "bool"
	case ir.Byte:
		return "int8"
	case ir.Short:
		return "int16"
	case ir.Integer:
		return "int32"
	case ir.Long:
		return "int64"
	case ir.Float:
		return "float32"
	case ir.Double:
		return "float64"
	case ir.BigInteger:
		return "*big.Int"
	case ir.BigDecimal:
		return "*big.Float"
	case ir.Timestamp:
		return "time.Time"
	case ir.Blob:
		if m != nil && m.Streaming {
			if m.Parent != nil && m.Parent.IsInput {
				return "io.Reader"
			}
			return "io.ReadCloser"
		}
		return "[]byte"
	case ir.List:
		return "[]" + goType(sh.Elem)
	case ir.Map:
		return "map[" + goType(sh.Key) + "]" + goType(sh.Value)
	}
	return sh.Kind.String()
}

// GoType is the Go type the emitters give a member ("*string", "[]types.Tag").
func GoType(m *ir.Member) string { return goType(m) }

func (d *differ) paginators() {
	pm := func(s *ir.Service) map[string]*ir.Paginator {
		out := map[string]*ir.Paginator{}
		for _, p := range s.Paginators {
			out[p.Operation.Name] = p
		}
		return out
	}
	pp := func(m *load.Model) map[string]*diag.Pos {
		out := map[string]*diag.Pos{}
		for _, p := range m.PaginatorList {
			out[p.Operation] = pos(p.Pos)
		}
		return out
	}
	op, np := pm(d.old.Service), pm(d.new.Service)
	opp, npp := pp(d.old.Model), pp(d.new.Model)
	refs := func(pkg string, p *ir.Paginator) []string {
		return []string{pkg + ".New" + p.GoName, pkg + "." + p.GoName, pkg + "." + p.GoName + "Options", pkg + "." + p.Operation.GoName + "APIClient"}
	}
	for _, name := range sortedKeys(op, np) {
		a, b := op[name], np[name]
		switch {
		case b == nil:
			d.add(Change{Kind: PaginatorRemoved, Breaking: true, Subject: name + " (paginator)", Old: opp[name],
				Message: "the operation is no longer paginated: New" + a.GoName + " is removed", Go: refs(d.oldPkg, a)})
		case a == nil:
			d.add(Change{Kind: PaginatorAdded, Subject: name + " (paginator)", New: npp[name],
				Message: "the operation is paginated: New" + b.GoName + " is added", Go: refs(d.newPkg, b)})
		default:
			var what []string
			names := func(l []*ir.Member) string {
				var s []string
				for _, m := range l {
					s = append(s, m.Name)
				}
				return strings.Join(s, ",")
			}
			if names(a.InputToken) != names(b.InputToken) {
				what = append(what, fmt.Sprintf("input token %s becomes %s", names(a.InputToken), names(b.InputToken)))
			}
			if strings.Join(a.OutputToken, ",") != strings.Join(b.OutputToken, ",") {
				what = append(what, fmt.Sprintf("output token %s becomes %s", strings.Join(a.OutputToken, ","), strings.Join(b.OutputToken, ",")))
			}
			if strings.Join(a.ResultKey, ",") != strings.Join(b.ResultKey, ",") {
				what = append(what, fmt.Sprintf("result key %s becomes %s", strings.Join(a.ResultKey, ","), strings.Join(b.ResultKey, ",")))
			}
			if a.MoreResults != b.MoreResults {
				what = append(what, fmt.Sprintf("more-results %q becomes %q", a.MoreResults, b.MoreResults))
			}
			la, lb := "", ""
			if a.LimitKey != nil {
				la = a.LimitKey.Name + " " + goType(a.LimitKey)
			}
			if b.LimitKey != nil {
				lb = b.LimitKey.Name + " " + goType(b.LimitKey)
			}
			breaking := false
			var goRefs []string
			if la != lb {
				what = append(what, fmt.Sprintf("limit key %q becomes %q", la, lb))
				breaking = true
				goRefs = []string{d.newPkg + "." + b.GoName + "Options"}
			}
			if len(what) > 0 {
				d.add(Change{Kind: PaginatorChanged, Breaking: breaking, Subject: name + " (paginator)", Old: opp[name], New: npp[name],
					Message: strings.Join(what, "; "), Go: goRefs})
			}
		}
	}
}

// waiters compares waiters-2.json by waiter name.
func (d *differ) waiters() {
	read := func(f *load.File) map[string]gjson.Result {
		out := map[string]gjson.Result{}
		if f == nil {
			return out
		}
		gjson.GetBytes(f.Data, "waiters").ForEach(func(k, v gjson.Result) bool {
			out[k.String()] = v
			return true
		})
		return out
	}
	ow, nw := read(d.old.Model.Waiters), read(d.new.Model.Waiters)
	at := func(f *load.File, v gjson.Result) *diag.Pos {
		if f == nil || !v.Exists() {
			return nil
		}
		p := f.At(v)
		return &p
	}
	for _, name := range sortedKeys(ow, nw) {
		a, b := ow[name], nw[name]
		ref := []string{"New" + name + "Waiter", name + "Waiter", name + "WaiterOptions"}
		for i := range ref {
			ref[i] = d.newPkg + "." + ref[i]
		}
		switch {
		case !b.Exists():
			d.add(Change{Kind: WaiterRemoved, Breaking: true, Subject: name + " (waiter)", Old: at(d.old.Model.Waiters, a),
				Message: "the waiter is removed", Go: ref})
		case !a.Exists():
			d.add(Change{Kind: WaiterAdded, Subject: name + " (waiter)", New: at(d.new.Model.Waiters, b),
				Message: "the waiter is added", Go: ref})
		case !jsonEqual([]byte(a.Raw), []byte(b.Raw)):
			breaking := a.Get("operation").String() != b.Get("operation").String()
			d.add(Change{Kind: WaiterChanged, Breaking: breaking, Subject: name + " (waiter)",
				Old: at(d.old.Model.Waiters, a), New: at(d.new.Model.Waiters, b),
				Message: fmt.Sprintf("the waiter changes (operation %s, %d acceptors; was %s, %d acceptors)",
					b.Get("operation").String(), len(b.Get("acceptors").Array()), a.Get("operation").String(), len(a.Get("acceptors").Array()))})
		}
	}
}
