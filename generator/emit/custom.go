package emit

import (
	"net/http"
	"slices"

	"github.com/dave/jennifer/jen"
	"github.com/svcgen/svcgen/generator/ir"
)

// This file emits what the client does beyond the model's bindings: the service's
// customizations (IR facts from generator/custom), request compression and endpoint
// discovery. The behaviour lives in runtime/client; the generated code only wires it.

// compresses reports whether op gzips its request body (the requestcompression trait
// with gzip among its encodings; gzip is the only encoding the SDKs know).
func compresses(op *ir.Operation) bool { return slices.Contains(op.RequestCompression, "gzip") }

// anyCompression reports whether an operation of the service compresses.
func (g *gen) anyCompression() bool { return slices.ContainsFunc(g.svc.Operations, compresses) }

// discoveryOperation returns the service's DescribeEndpoints (the endpointoperation
// trait) when some operation uses endpoint discovery and its answer has the shape the
// SDKs read: Endpoints, a list of structures with Address and CachePeriodInMinutes.
// A service whose model differs is left without discovery.
func (g *gen) discoveryOperation() *ir.Operation {
	if !slices.ContainsFunc(g.svc.Operations, func(op *ir.Operation) bool { return op.EndpointDiscovery }) {
		return nil
	}
	for _, op := range g.svc.Operations {
		if !op.EndpointOperation || slices.ContainsFunc(op.Input.Members, func(m *ir.Member) bool { return m.Required }) {
			continue
		}
		eps := memberNamed(op.Output, "Endpoints")
		if eps == nil || eps.Shape.Kind != ir.List || eps.Shape.Elem == nil || eps.Shape.Elem.Pointer {
			continue
		}
		elem := eps.Shape.Elem.Shape
		addr, ttl := memberNamed(elem, "Address"), memberNamed(elem, "CachePeriodInMinutes")
		if addr != nil && ttl != nil && addr.Shape.Kind == ir.String && ttl.Shape.Kind == ir.Long {
			return op
		}
	}
	return nil
}

func memberNamed(s *ir.Shape, name string) *ir.Member {
	if s == nil {
		return nil
	}
	for _, m := range s.Members {
		if m.Name == name {
			return m
		}
	}
	return nil
}

// describeEndpointsFunc declares describeEndpoints, which endpoint discovery calls.
func (g *gen) describeEndpointsFunc(f *jen.File, op *ir.Operation) {
	eps := memberNamed(op.Output, "Endpoints")
	elem := eps.Shape.Elem.Shape
	addr, ttl := memberNamed(elem, "Address"), memberNamed(elem, "CachePeriodInMinutes")
	e := jen.Id("out").Dot(eps.GoName).Index(jen.Lit(0))
	none := jen.Qual(clientRTPath, "DiscoveredEndpoint").Values()
	noEndpoint := jen.Len(jen.Id("out").Dot(eps.GoName)).Op("==").Lit(0)
	for _, m := range []*ir.Member{addr, ttl} {
		if m.Pointer {
			noEndpoint.Op("||").Add(e.Clone().Dot(m.GoName)).Op("==").Nil()
		}
	}
	f.Comment("describeEndpoints calls " + op.Name + " for endpoint discovery and returns the first endpoint.")
	f.Func().Id("describeEndpoints").Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("cfg").Op("*").Qual(clientRTPath, "Config")).Params(jen.Qual(clientRTPath, "DiscoveredEndpoint"), jen.Error()).Block(
		jen.Id("out").Op(":=").Op("&").Id(op.Output.GoName).Values(),
		jen.If(jen.Err().Op(":=").Qual(clientRTPath, "Call").Call(jen.Id("ctx"), jen.Id("cfg"), jen.Op("&").Id("op"+op.GoName), jen.Op("&").Id(op.Input.GoName).Values(), jen.Id("out"),
			jen.Id("serialize"+op.GoName), jen.Id("deserialize"+op.GoName), jen.Id("decodeError")), jen.Err().Op("!=").Nil()).Block(
			jen.Return(none.Clone(), jen.Err()),
		),
		jen.If(noEndpoint).Block(
			jen.Return(none.Clone(), jen.Nil()),
		),
		jen.Return(jen.Qual(clientRTPath, "DiscoveredEndpoint").Values(jen.Dict{
			jen.Id("Address"):              deref(addr, e.Clone().Dot(addr.GoName)),
			jen.Id("CachePeriodInMinutes"): deref(ttl, e.Clone().Dot(ttl.GoName)),
		}), jen.Nil()),
	)
	f.Line()
}

// discoverEndpoint is the statement that points a call of op at the discovered
// endpoint; nil when op does not use discovery.
func (g *gen) discoverEndpoint(op *ir.Operation) jen.Code {
	if !op.EndpointDiscovery || g.discoveryOperation() == nil {
		return jen.Null()
	}
	return jen.If(jen.Err().Op("==").Nil()).Block(
		jen.List(jen.Id("cfg"), jen.Err()).Op("=").Qual(clientRTPath, "DiscoverEndpoint").Call(jen.Id("ctx"), jen.Id("cfg"), jen.Lit(op.EndpointDiscoveryRequired), jen.Id("describeEndpoints")),
	)
}

// inputCustomizations are the statements that apply the customizations of the input
// members (ir.Member.TrimPrefixes, ir.Member.Default) to a copy of params, so that
// the caller's input is never changed.
func (g *gen) inputCustomizations(op *ir.Operation) []jen.Code {
	var out []jen.Code
	params := jen.Id("params")
	for _, m := range op.Input.Members {
		field := params.Clone().Dot(m.GoName)
		// set assigns v to the member of a copy of params; a pointer member gets the
		// address of a variable of the branch, so that nothing escapes unless it runs.
		set := func(v jen.Code) jen.Code {
			var copyV jen.Code = jen.Null()
			val := v
			if m.Pointer {
				copyV, val = jen.Id("w").Op(":=").Add(v), jen.Op("&").Id("w")
			}
			return jen.Block(
				copyV,
				jen.Id("p").Op(":=").Op("*").Add(params.Clone()),
				jen.Id("p").Dot(m.GoName).Op("=").Add(val),
				params.Clone().Op("=").Op("&").Id("p"),
			)
		}
		if len(m.TrimPrefixes) > 0 {
			var args []jen.Code
			args = append(args, deref(m, field.Clone()))
			for _, p := range m.TrimPrefixes {
				args = append(args, jen.Lit(p))
			}
			st := jen.If(jen.Id("v").Op(":=").Qual(clientRTPath, "TrimPrefixes").Call(args...), jen.Id("v").Op("!=").Add(deref(m, field.Clone()))).Add(set(jen.Id("v")))
			if m.Pointer {
				st = jen.If(field.Clone().Op("!=").Nil()).Block(st)
			}
			out = append(out, st)
		}
		if m.Default != "" {
			cond := field.Clone().Op("==").Lit("")
			if m.Pointer {
				cond = field.Clone().Op("==").Nil().Op("||").Op("*").Add(field.Clone()).Op("==").Lit("")
			}
			out = append(out, jen.If(cond).Add(set(jen.Lit(m.Default))))
		}
	}
	return out
}

// serviceHeadersVar declares serviceHeaders, the headers of the service's
// customizations, when it has some.
func (g *gen) serviceHeadersVar(f *jen.File) {
	if len(g.svc.Headers) == 0 {
		return
	}
	var vals []jen.Code
	for _, h := range g.svc.Headers {
		vals = append(vals, jen.Values(jen.Dict{jen.Id("Name"): jen.Lit(http.CanonicalHeaderKey(h.Name)), jen.Id("Value"): jen.Lit(h.Value)}))
	}
	f.Comment("serviceHeaders are set on every request (see the package documentation).")
	f.Var().Id("serviceHeaders").Op("=").Index().Qual(clientRTPath, "Header").Values(vals...)
	f.Line()
}

// customizationNote is the package documentation's paragraph on the customizations.
func (g *gen) customizationNote() string {
	if g.cfg.ServerOnly {
		return "" // they are the client's
	}
	var s string
	if len(g.svc.Customizations) > 0 {
		s = "Like the AWS SDKs, the client does what the service expects beyond its model:"
		for _, c := range g.svc.Customizations {
			s += "\n  - " + c
		}
	}
	if len(g.svc.NotCustomized) > 0 {
		if s != "" {
			s += "\n\n"
		}
		s += "Unlike the AWS SDKs (aws-sdk-go-v2 and botocore), the client does not make these customizations:"
		for _, c := range g.svc.NotCustomized {
			s += "\n  - " + c
		}
	}
	return s
}

// customOptionFields are the Options fields of request compression and endpoint
// discovery, for services that have them.
func (g *gen) customOptionFields() []jen.Code {
	var out []jen.Code
	if g.anyCompression() {
		out = append(out,
			jen.Line().Add(fieldDoc("DisableRequestCompression sends the bodies of the operations that the service accepts compressed (the requestcompression trait) as they are.")).Id("DisableRequestCompression").Bool(),
			jen.Line().Add(fieldDoc("RequestMinCompressSizeBytes is the smallest body that is gzipped (0: 10240; at most 10485760).")).Id("RequestMinCompressSizeBytes").Int64(),
		)
	}
	if g.discoveryOperation() != nil {
		out = append(out, jen.Line().Add(fieldDoc("EndpointDiscovery says when calls go to the endpoint that DescribeEndpoints returns (cached for the time it gives). Unset or auto: for the operations that require it; enabled: also for those that allow it; disabled: never. With a BaseEndpoint, discovery is made only when enabled, and asks the BaseEndpoint.")).Id("EndpointDiscovery").Qual(awsPath, "EndpointDiscoveryEnableState"))
	}
	return out
}

// customFromConfig are NewFromConfig's statements for those fields.
func (g *gen) customFromConfig() []jen.Code {
	if !g.anyCompression() {
		return nil
	}
	return []jen.Code{
		jen.Id("o").Dot("DisableRequestCompression").Op("=").Id("cfg").Dot("DisableRequestCompression"),
		jen.Id("o").Dot("RequestMinCompressSizeBytes").Op("=").Id("cfg").Dot("RequestMinCompressSizeBytes"),
	}
}

// customConfigFields add those fields, and the service's headers, to the runtime Config.
func (g *gen) customConfigFields(fields jen.Dict) {
	if g.anyCompression() {
		fields[jen.Id("DisableRequestCompression")] = jen.Id("o").Dot("DisableRequestCompression")
		fields[jen.Id("RequestMinCompressSizeBytes")] = jen.Id("o").Dot("RequestMinCompressSizeBytes")
	}
	if g.discoveryOperation() != nil {
		fields[jen.Id("EndpointDiscovery")] = jen.Id("o").Dot("EndpointDiscovery")
		fields[jen.Id("CustomEndpoint")] = jen.Id("o").Dot("BaseEndpoint").Op("!=").Lit("")
	}
	if len(g.svc.Headers) > 0 {
		fields[jen.Id("Headers")] = jen.Id("serviceHeaders")
	}
}

// lines joins statements into one item of a block, one a line (nothing when empty).
func lines(stmts []jen.Code) jen.Code {
	s := jen.Null()
	for i, c := range stmts {
		if i > 0 {
			s.Line()
		}
		s.Add(c)
	}
	return s
}
