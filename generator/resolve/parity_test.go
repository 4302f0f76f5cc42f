package resolve_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/svcgen/svcgen/generator/diag"
	"github.com/svcgen/svcgen/generator/ir"
	"github.com/svcgen/svcgen/generator/load"
	"github.com/svcgen/svcgen/generator/resolve"
	"github.com/svcgen/svcgen/internal/shareddata"
)

// expectedAdditions are the members the real models gained after the shipped models'
// sources were written (models/README.md, "Parity with the real models"), by service
// and shape. A member the real model has and the shipped one lacks must be listed here,
// and every entry must be such a member.
var expectedAdditions = map[string]map[string][]string{
	"eks-auth": {
		"AssumeRoleForPodIdentityRequest": {"eksNodeName", "instanceId", "zone"},
	},
	"eks": {
		"CreatePodIdentityAssociationRequest": {"disableSessionTags", "policy", "targetRoleArn"},
		"UpdatePodIdentityAssociationRequest": {"disableSessionTags", "policy", "targetRoleArn"},
		"PodIdentityAssociation":              {"disableSessionTags", "externalId", "ownerArn", "policy", "targetRoleArn"},
		"PodIdentityAssociationSummary":       {"ownerArn"},
		"InvalidParameterException":           {"addonName", "fargateProfileName", "nodegroupName", "subscriptionId"},
		"InvalidRequestException":             {"addonName", "nodegroupName", "subscriptionId"},
		"ResourceInUseException":              {"addonName", "nodegroupName"},
		"ResourceLimitExceededException":      {"nodegroupName", "subscriptionId"},
		"ResourceNotFoundException":           {"addonName", "fargateProfileName", "nodegroupName", "subscriptionId"},
		"ServerException":                     {"addonName", "nodegroupName", "subscriptionId"},
	},
}

// resolveFile loads a model with the companion files beside it and resolves it; any
// error fails the test.
func resolveFile(t *testing.T, path string) *ir.Service {
	t.Helper()
	m, diags := load.Load(path)
	if m == nil || diags.HasErrors() {
		t.Fatalf("loading %s:\n%v", path, diag.ErrorList(diags))
	}
	svc, more := resolve.Resolve(m, resolve.Options{})
	if svc == nil {
		t.Fatalf("resolving %s:\n%v", path, diag.ErrorList(more))
	}
	return svc
}

// TestShippedModelParity: everything the shipped models (models/, written by the team
// from the seeds) say, the real AWS models (../shared/models) say the same way.
func TestShippedModelParity(t *testing.T) {
	realDir := shareddata.ModelsDir()
	shareddata.Require(t, realDir, "the real eks-auth and eks models")
	for _, name := range []string{"eks-auth", "eks"} {
		t.Run(name, func(t *testing.T) {
			shipped := resolveFile(t, filepath.Join("..", "..", "models", name, "service-2.json"))
			real := resolveFile(t, filepath.Join(realDir, name, "service-2.json"))
			compareModels(shipped, real, name, expectedAdditions[name], t.Errorf)
		})
	}
}

// compareModels reports through errorf every difference between what the shipped
// model says and what the real one says, and every expected addition the real model
// does not have.
func compareModels(shipped, real *ir.Service, name string, additions map[string][]string, errorf func(string, ...any)) {
	p := &parity{errorf: errorf, additions: additions, used: map[string]bool{}}
	p.service(shipped, real, name)
	shapes := make([]string, 0, len(additions))
	for shape := range additions {
		shapes = append(shapes, shape)
	}
	sort.Strings(shapes)
	for _, shape := range shapes {
		for _, m := range additions[shape] {
			if !p.used[shape+"."+m] {
				errorf("expected addition %s.%s: the real model does not add it (remove it from the table)", shape, m)
			}
		}
	}
}

// TestParityDetectsDifferences: the comparison itself notices a changed trait, a
// member missing from the shipped model, and a stale table entry.
func TestParityDetectsDifferences(t *testing.T) {
	realPath := filepath.Join(shareddata.ModelsDir(), "eks-auth", "service-2.json")
	shareddata.Require(t, realPath, "the real eks-auth model")
	data, err := os.ReadFile(filepath.Join("..", "..", "models", "eks-auth", "service-2.json"))
	if err != nil {
		t.Fatal(err)
	}
	real := resolveFile(t, realPath)
	for _, tc := range []struct {
		name, old, new string
		additions      map[string][]string
		want           []string
	}{
		{
			name: "no difference",
			old:  "", new: "",
			additions: expectedAdditions["eks-auth"],
		},
		{
			name: "a changed constraint",
			old:  `"max":100,`, new: `"max":99,`,
			additions: expectedAdditions["eks-auth"],
			want:      []string{`shape ClusterName constraints: shipped minLength=1 maxLength=99 pattern="[0-9A-Za-z][A-Za-z0-9\\-_]*", real minLength=1 maxLength=100 pattern="[0-9A-Za-z][A-Za-z0-9\\-_]*"`},
		},
		{
			name: "a lost sensitive trait",
			old:  `"sensitive":true`, new: `"sensitive":false`,
			additions: expectedAdditions["eks-auth"],
			want: []string{
				"operation AssumeRoleForPodIdentity output AssumeRoleForPodIdentityResponse member credentials sensitive: shipped false, real true",
				"shape AssumeRoleForPodIdentityResponse member credentials sensitive: shipped false, real true",
				"shape Credentials sensitive: shipped false, real true",
			},
		},
		{
			name: "a stale and a missing table entry",
			additions: map[string][]string{
				"AssumeRoleForPodIdentityRequest": {"eksNodeName", "instanceId", "region"},
			},
			want: []string{
				"operation AssumeRoleForPodIdentity input AssumeRoleForPodIdentityRequest member zone: in the real model only, and not an expected addition",
				"shape AssumeRoleForPodIdentityRequest member zone: in the real model only, and not an expected addition",
				"expected addition AssumeRoleForPodIdentityRequest.region: the real model does not add it (remove it from the table)",
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			edited := strings.Replace(string(data), tc.old, tc.new, 1)
			if tc.old != "" && edited == string(data) {
				t.Fatalf("edit %q does not apply", tc.old)
			}
			m, diags := load.Bytes("service-2.json", []byte(edited), nil)
			if m == nil || diags.HasErrors() {
				t.Fatal(diag.ErrorList(diags))
			}
			shipped, diags := resolve.Resolve(m, resolve.Options{})
			if shipped == nil {
				t.Fatal(diag.ErrorList(diags))
			}
			var got []string
			compareModels(shipped, real, "eks-auth", tc.additions, func(format string, args ...any) {
				got = append(got, fmt.Sprintf(format, args...))
			})
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

type parity struct {
	errorf    func(format string, args ...any)
	additions map[string][]string
	used      map[string]bool // "shape.member" of the additions met
}

func (p *parity) differ(what string, shipped, real any) {
	if fmt.Sprint(shipped) != fmt.Sprint(real) {
		p.errorf("%s: shipped %v, real %v", what, shipped, real)
	}
}

func (p *parity) service(shipped, real *ir.Service, name string) {
	p.differ("package", shipped.Package, real.Package)
	p.differ("serviceId", shipped.ServiceID, real.ServiceID)
	p.differ("apiVersion", shipped.APIVersion, real.APIVersion)
	p.differ("endpointPrefix", shipped.EndpointPrefix, real.EndpointPrefix)
	p.differ("signingName", shipped.SigningName, real.SigningName)
	p.differ("signatureVersion", shipped.SignatureVersion, real.SignatureVersion)
	p.differ("protocol", shipped.Protocol, real.Protocol)
	p.differ("protocols", shipped.Protocols, real.Protocols)
	p.differ("uid", shipped.UID, real.UID)
	p.differ("auth", shipped.Auth, real.Auth)
	if name != "eks-auth" { // the real eks-auth model no longer has jsonVersion
		p.differ("jsonVersion", shipped.JSONVersion, real.JSONVersion)
	}

	realOps := map[string]*ir.Operation{}
	for _, op := range real.Operations {
		realOps[op.Name] = op
	}
	for _, op := range shipped.Operations {
		r := realOps[op.Name]
		if r == nil {
			p.errorf("operation %s: not in the real model", op.Name)
			continue
		}
		p.operation(op, r)
	}

	names := make([]string, 0, len(shipped.AllShapes))
	for n := range shipped.AllShapes {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		r := real.AllShapes[n]
		if r == nil {
			p.errorf("shape %s: not in the real model", n)
			continue
		}
		p.shape(n, shipped.AllShapes[n], r)
	}
}

func (p *parity) operation(op, r *ir.Operation) {
	at := "operation " + op.Name
	p.differ(at+" GoName", op.GoName, r.GoName)
	p.differ(at+" http.method", op.HTTP.Method, r.HTTP.Method)
	p.differ(at+" http.requestUri", op.HTTP.RequestURI, r.HTTP.RequestURI)
	p.differ(at+" http.path", op.HTTP.Path, r.HTTP.Path)
	p.differ(at+" http.segments", segments(op.HTTP.Segments), segments(r.HTTP.Segments))
	p.differ(at+" http.query", op.HTTP.Query, r.HTTP.Query)
	p.differ(at+" http.responseCode", op.HTTP.ResponseCode, r.HTTP.ResponseCode)
	p.differ(at+" hostPrefix", op.HostPrefix, r.HostPrefix)
	p.differ(at+" idempotent", op.Idempotent, r.Idempotent)
	p.differ(at+" input shape", op.Input.Name, r.Input.Name)
	p.differ(at+" output shape", op.Output.Name, r.Output.Name)
	// the operation's own input and output hold the HTTP bindings
	p.members(at+" input "+op.Input.Name, op.Input, r.Input)
	p.members(at+" output "+op.Output.Name, op.Output, r.Output)
	p.differ(at+" errors", errorList(op.Errors), errorList(r.Errors))
	switch {
	case op.Paginator == nil && r.Paginator != nil:
		p.errorf("%s: the real model pages it, the shipped model does not", at)
	case op.Paginator != nil && r.Paginator == nil:
		p.errorf("%s: the shipped model pages it, the real model does not", at)
	case op.Paginator != nil:
		sp, rp := op.Paginator, r.Paginator
		p.differ(at+" paginator input_token", memberNames(sp.InputToken), memberNames(rp.InputToken))
		p.differ(at+" paginator output_token", sp.OutputToken, rp.OutputToken)
		p.differ(at+" paginator limit_key", memberNames([]*ir.Member{sp.LimitKey}), memberNames([]*ir.Member{rp.LimitKey}))
		p.differ(at+" paginator result_key", sp.ResultKey, rp.ResultKey)
		p.differ(at+" paginator more_results", sp.MoreResults, rp.MoreResults)
	}
}

func (p *parity) shape(name string, sh, r *ir.Shape) {
	at := "shape " + name
	p.differ(at+" kind", sh.Kind, r.Kind)
	p.differ(at+" sensitive", sh.Sensitive, r.Sensitive)
	p.differ(at+" constraints", constraints(sh.Constraints), constraints(r.Constraints))
	p.differ(at+" enum", enumValues(sh.Enum), enumValues(r.Enum))
	p.differ(at+" error", errorTrait(sh.Error), errorTrait(r.Error))
	p.differ(at+" timestampFormat", sh.TimestampFormat, r.TimestampFormat)
	p.differ(at+" sparse", sh.Sparse, r.Sparse)
	for _, m := range []struct {
		which string
		s, r  *ir.Member
	}{{"member", sh.Elem, r.Elem}, {"key", sh.Key, r.Key}, {"value", sh.Value, r.Value}} {
		if m.s != nil || m.r != nil {
			p.member(at+" "+m.which, m.s, m.r)
		}
	}
	p.members(at, sh, r)
}

// members compares the members of two structures, allowing the expected additions
// of the shape.
func (p *parity) members(at string, sh, r *ir.Shape) {
	realByName := map[string]*ir.Member{}
	for _, m := range r.Members {
		realByName[m.Name] = m
	}
	shippedNames := map[string]bool{}
	for _, m := range sh.Members {
		shippedNames[m.Name] = true
		rm := realByName[m.Name]
		if rm == nil {
			p.errorf("%s member %s: not in the real model", at, m.Name)
			continue
		}
		p.member(at+" member "+m.Name, m, rm)
	}
	for _, rm := range r.Members {
		if shippedNames[rm.Name] {
			continue
		}
		if slices.Contains(p.additions[sh.Name], rm.Name) {
			p.used[sh.Name+"."+rm.Name] = true
			continue
		}
		p.errorf("%s member %s: in the real model only, and not an expected addition", at, rm.Name)
	}
}

func (p *parity) member(at string, m, r *ir.Member) {
	if m == nil || r == nil {
		p.errorf("%s: shipped %v, real %v", at, m != nil, r != nil)
		return
	}
	p.differ(at+" GoName", m.GoName, r.GoName)
	p.differ(at+" shape", m.Shape.Name, r.Shape.Name)
	p.differ(at+" required", m.Required, r.Required)
	p.differ(at+" pointer", m.Pointer, r.Pointer)
	p.differ(at+" location", m.Location, r.Location)
	p.differ(at+" locationName", m.LocationName, r.LocationName)
	p.differ(at+" wire name", m.WireName, r.WireName)
	p.differ(at+" idempotencyToken", m.IdempotencyToken, r.IdempotencyToken)
	p.differ(at+" sensitive", m.Sensitive, r.Sensitive)
	p.differ(at+" timestampFormat", m.TimestampFormat, r.TimestampFormat)
	p.differ(at+" hostLabel", m.HostLabel, r.HostLabel)
}

func segments(segs []ir.Segment) []string {
	var out []string
	for _, s := range segs {
		switch {
		case s.Label == nil:
			out = append(out, s.Literal)
		case s.Greedy:
			out = append(out, "{"+s.Label.Name+"+}")
		default:
			out = append(out, "{"+s.Label.Name+"}")
		}
	}
	return out
}

func errorList(errs []*ir.Shape) []string {
	var out []string
	for _, e := range errs {
		out = append(out, e.Name+" "+errorTrait(e.Error))
	}
	return out
}

func errorTrait(e *ir.ErrorTrait) string {
	if e == nil {
		return "none"
	}
	fault := "client"
	if e.Fault == ir.FaultServer {
		fault = "server"
	}
	return fmt.Sprintf("code=%s status=%d fault=%s retryable=%v throttling=%v", e.Code, e.HTTPStatus, fault, e.Retryable, e.Throttling)
}

func constraints(c ir.Constraints) string {
	var b strings.Builder
	n := func(name string, v *int64) {
		if v != nil {
			fmt.Fprintf(&b, "%s=%d ", name, *v)
		}
	}
	f := func(name string, v *float64) {
		if v != nil {
			fmt.Fprintf(&b, "%s=%v ", name, *v)
		}
	}
	n("minLength", c.MinLength)
	n("maxLength", c.MaxLength)
	f("min", c.Min)
	f("max", c.Max)
	if c.Pattern != nil {
		fmt.Fprintf(&b, "pattern=%q ", c.Pattern.Source)
	}
	if len(c.Enum) > 0 {
		fmt.Fprintf(&b, "enum=%q", c.Enum)
	}
	return strings.TrimSpace(b.String())
}

func enumValues(vs []ir.EnumValue) string {
	var out []string
	for _, v := range vs {
		out = append(out, v.Value+"="+v.GoName)
	}
	return strings.Join(out, ",")
}

func memberNames(ms []*ir.Member) []string {
	var out []string
	for _, m := range ms {
		if m != nil {
			out = append(out, m.Name)
		}
	}
	return out
}
