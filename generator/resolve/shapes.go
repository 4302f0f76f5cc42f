package resolve

import (
	"go/token"
	"go/types"
	"math"
	"strings"

	"github.com/svcgen/svcgen/generator/ir"
	"github.com/svcgen/svcgen/generator/load"
)

// service copies the metadata and derives the package name.
func (s *state) service() {
	md := s.model.Metadata
	svc := s.svc
	svc.ServiceID = md.ServiceID
	svc.FullName = md.ServiceFullName
	svc.APIVersion = md.APIVersion
	svc.EndpointPrefix = md.EndpointPrefix
	svc.SigningName = md.SigningName
	if svc.SigningName == "" {
		svc.SigningName = md.EndpointPrefix
	}
	svc.SignatureVersion = md.SignatureVersion
	svc.Protocol = md.Protocol
	svc.Protocols = md.Protocols
	cborOK := !s.opts.CBORFallback
	if cborOK {
		// smithy-rpc-v2-cbor has no document type, and svcgen writes no CBOR event
		// streams: such a model is generated for an alternative
		for _, name := range s.model.ShapeNames {
			if raw := s.model.Shapes[name]; raw != nil && (raw.Document || raw.EventStream) {
				if md.Protocol == "smithy-rpc-v2-cbor" {
					s.warnf(md.Pos, "metadata", "", "shape %q is a document or an event stream, which svcgen does not write in smithy-rpc-v2-cbor: the model is generated for an alternative protocol", name)
				}
				cborOK = false
				break
			}
		}
	}
	speaks := func(p string) bool { return spoken[p] && (p != "smithy-rpc-v2-cbor" || cborOK) }
	if !speaks(md.Protocol) {
		// the first alternative the model lists that svcgen speaks (smithy-rpc-v2-cbor
		// services list json, query, or both)
		for _, p := range md.Protocols {
			if speaks(p) {
				svc.Protocol = p
				break
			}
		}
	}
	svc.JSONVersion = md.JSONVersion
	svc.TargetPrefix = md.TargetPrefix
	svc.QueryCompatible = md.AWSQueryCompatible
	svc.UID = md.UID
	svc.Auth = md.Auth
	if s.model.RuleSet != nil {
		svc.RuleSet = s.model.RuleSet.Data
		s.ruleSet(s.model.RuleSet)
	}
	if s.model.Waiters != nil {
		svc.Waiters = s.model.Waiters.Data
	}
	switch {
	case s.opts.Package != "":
		svc.Package = s.opts.Package
	case md.ServiceID != "":
		svc.Package = PackageName(md.ServiceID)
	case md.EndpointPrefix != "":
		svc.Package = PackageName(md.EndpointPrefix)
		s.warnf(md.Pos, "metadata", "", "no serviceId; the package is named %q after the endpointPrefix", svc.Package)
	default:
		s.errorf(md.Pos, "metadata", "", "no serviceId: the Go package cannot be named")
	}
	if md.Protocol == "" {
		s.errorf(md.Pos, "metadata", "", "no protocol")
	}
	for _, p := range s.model.ClientContextParams {
		// The documentation of a client context parameter is plain text, one
		// paragraph, whose line breaks and indentation are the model's source
		// layout (s3's DisableS3ExpressSessionAuth continues on an indented line,
		// which godoc would show as code): it is kept as its words.
		svc.ClientContextParams = append(svc.ClientContextParams, &ir.ContextParam{
			Name: p.Name, GoName: exported(p.Name), Type: p.Type, Doc: strings.Join(strings.Fields(p.Documentation), " "),
		})
	}
}

// spoken are the protocols svcgen generates clients for.
var spoken = map[string]bool{"rest-json": true, "json": true, "query": true, "ec2": true, "rest-xml": true, "smithy-rpc-v2-cbor": true}

// PackageName derives a Go package name from a serviceId: lower case, letters and digits
// only ("EKS Auth" → "eksauth").
func PackageName(id string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(id) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	name := b.String()
	// A keyword is no package name, and a predeclared one ("error", "string") would
	// hide the builtin in every file that imports the package.
	if name == "" || name[0] >= '0' && name[0] <= '9' || token.IsKeyword(name) || types.Universe.Lookup(name) != nil {
		name = "svc" + name
	}
	return name
}

var kinds = map[string]ir.Kind{
	"string": ir.String, "boolean": ir.Boolean, "byte": ir.Byte, "short": ir.Short,
	"integer": ir.Integer, "long": ir.Long, "float": ir.Float, "double": ir.Double,
	"bigInteger": ir.BigInteger, "bigDecimal": ir.BigDecimal, "timestamp": ir.Timestamp,
	"blob": ir.Blob, "structure": ir.Structure, "list": ir.List, "map": ir.Map,
	// character (older models): a one-character string, a string on the wire
	"character": ir.String,
}

// shapes makes an IR shape of every model shape and checks its type.
func (s *state) shapes() {
	for _, name := range s.model.ShapeNames {
		raw := s.model.Shapes[name]
		k, ok := kinds[raw.Type]
		if !ok {
			s.errorf(raw.TypePos, name, "", "unknown shape type %q (want one of structure, string, character, list, map, byte, short, integer, long, float, double, bigInteger, bigDecimal, boolean, timestamp, blob)", raw.Type)
			continue
		}
		switch {
		case k == ir.String && len(raw.Enum) > 0:
			k = ir.Enum
		case k == ir.Structure && raw.Union:
			k = ir.Union
		case k == ir.Structure && raw.Document:
			k = ir.Document
		}
		sh := &ir.Shape{
			Name:            name,
			Kind:            k,
			Pos:             raw.Pos,
			Sensitive:       raw.Sensitive,
			Streaming:       raw.Streaming,
			RequiresLength:  raw.RequiresLength,
			EventStream:     raw.EventStream,
			Event:           raw.Event,
			TimestampFormat: raw.TimestampFormat,
			Sparse:          raw.Sparse,
			Flattened:       raw.Flattened,
			Wrapper:         raw.Wrapper,
			XMLName:         raw.LocationName,
			XMLNamespace:    xmlNS(raw.XMLNamespace),
			Deprecated:      raw.Deprecated,
			DeprecatedMsg:   raw.DeprecatedMsg,
		}
		for _, v := range raw.Enum {
			sh.Enum = append(sh.Enum, ir.EnumValue{Value: v})
		}
		if raw.Exception || raw.Error != nil {
			sh.Error = errorTrait(raw)
		}
		s.raw[sh] = raw
		s.svc.AllShapes[name] = sh
	}
}

func errorTrait(raw *load.Shape) *ir.ErrorTrait {
	e := &ir.ErrorTrait{Code: raw.Name, HTTPStatus: 400}
	if raw.Fault {
		e.Fault = ir.FaultServer
		e.HTTPStatus = 500
	}
	if raw.Error != nil {
		if raw.Error.Code != "" {
			e.Code = raw.Error.Code
		}
		if raw.Error.HTTPStatusCode != 0 {
			e.HTTPStatus = raw.Error.HTTPStatusCode
		}
	}
	if raw.Retryable != nil {
		e.Retryable = true
		e.Throttling = raw.Retryable.Throttling
	}
	return e
}

func xmlNS(ns *load.XMLNamespace) *ir.XMLNamespace {
	if ns == nil {
		return nil
	}
	return &ir.XMLNamespace{Prefix: ns.Prefix, URI: ns.URI}
}

// references links every member to its shape and checks that the references hold:
// no dangling shape, lists have a member, maps a key and a value, required names are
// members, the payload is a member.
func (s *state) references() {
	for _, name := range s.model.ShapeNames {
		sh := s.svc.AllShapes[name]
		if sh == nil {
			continue
		}
		raw := s.raw[sh]
		switch sh.Kind {
		case ir.List:
			if raw.Member == nil {
				s.errorf(raw.Pos, name, "", "list shape has no member")
				continue
			}
			sh.Elem = s.member(sh, raw.Member)
		case ir.Map:
			if raw.Key == nil {
				s.errorf(raw.Pos, name, "", "map shape has no key")
			} else {
				sh.Key = s.member(sh, raw.Key)
			}
			if raw.Value == nil {
				s.errorf(raw.Pos, name, "", "map shape has no value")
			} else {
				sh.Value = s.member(sh, raw.Value)
			}
		case ir.Structure, ir.Union, ir.Document:
			byName := map[string]*ir.Member{}
			for _, ref := range raw.Members {
				m := s.member(sh, ref)
				if m == nil {
					continue
				}
				sh.Members = append(sh.Members, m)
				byName[ref.Name] = m
			}
			for i, req := range raw.Required {
				m := byName[req]
				if m == nil {
					s.errorf(raw.RequiredPos[i], name, req, "required member %q is not a member of the structure", req)
					continue
				}
				m.Required = true
			}
			if raw.Payload != "" {
				m := byName[raw.Payload]
				if m == nil {
					s.errorf(raw.PayloadPos, name, raw.Payload, "payload member %q is not a member of the structure", raw.Payload)
				} else {
					sh.Payload = m
				}
			}
		default:
			if len(raw.Members) > 0 {
				s.warnf(raw.Pos, name, "", "%s shape has members; they are ignored", raw.Type)
			}
		}
	}
}

// member resolves one reference inside a shape.
func (s *state) member(parent *ir.Shape, ref *load.Ref) *ir.Member {
	target := s.svc.AllShapes[ref.Shape]
	if target == nil {
		if _, exists := s.model.Shapes[ref.Shape]; !exists {
			s.errorf(ref.ShapePos, parent.Name, ref.Name, "refers to shape %q, which is not defined", ref.Shape)
		}
		return nil
	}
	m := &ir.Member{
		Name:             ref.Name,
		Pos:              ref.Pos,
		Shape:            target,
		Parent:           parent,
		LocationName:     ref.LocationName,
		WireName:         ref.Name,
		QueryName:        ref.QueryName,
		IdempotencyToken: ref.IdempotencyToken,
		JSONValue:        ref.JSONValue,
		HostLabel:        ref.HostLabel,
		ContextParam:     ref.ContextParam,
		EventPayload:     ref.EventPayload,
		Streaming:        ref.Streaming || target.Streaming,
		XMLAttribute:     ref.XMLAttribute,
		Flattened:        ref.Flattened || target.Flattened,
		XMLNamespace:     xmlNS(ref.XMLNamespace),
		Deprecated:       ref.Deprecated,
		DeprecatedMsg:    ref.DeprecatedMsg,
		TimestampFormat:  ref.TimestampFormat,
	}
	if ref.LocationName != "" {
		m.WireName = ref.LocationName
	}
	if m.QueryName == "" && s.svc.EC2() && m.WireName != "" {
		// ec2 names a member in a request by its queryName, else by its name or
		// locationName with a capital first letter
		m.QueryName = strings.ToUpper(m.WireName[:1]) + m.WireName[1:]
	}
	s.rawRef[m] = ref
	return m
}

// constraints turns min, max, enum and pattern into the shape's checks, and rejects
// bounds that cannot hold.
func (s *state) constraints() {
	for _, name := range s.model.ShapeNames {
		sh := s.svc.AllShapes[name]
		if sh == nil {
			continue
		}
		raw := s.raw[sh]
		c := &sh.Constraints
		if raw.Min != nil && raw.Max != nil && *raw.Min > *raw.Max {
			s.errorf(raw.MinPos, name, "", "min %v is greater than max %v", num(*raw.Min), num(*raw.Max))
			continue
		}
		switch {
		case sh.Kind == ir.String || sh.Kind == ir.Enum || sh.Kind == ir.Blob || sh.Kind == ir.List || sh.Kind == ir.Map:
			c.MinLength = s.length(raw, raw.Min, "min")
			c.MaxLength = s.length(raw, raw.Max, "max")
			if c.MinLength != nil && *c.MinLength == 0 {
				c.MinLength = nil // every length is at least 0
			}
		case sh.Kind.IsNumber():
			c.Min, c.Max = raw.Min, raw.Max
		default:
			if raw.Min != nil || raw.Max != nil {
				s.warnf(raw.Pos, name, "", "min and max do not apply to a %s shape; ignored", raw.Type)
			}
		}
		if raw.Pattern != "" {
			if sh.Kind == ir.String || sh.Kind == ir.Enum {
				c.Pattern = &ir.Pattern{Source: raw.Pattern, Pos: raw.PatternPos}
			} else {
				s.warnf(raw.PatternPos, name, "", "pattern does not apply to a %s shape; ignored", raw.Type)
			}
		}
		for _, v := range sh.Enum {
			c.Enum = append(c.Enum, v.Value)
		}
	}
}

func (s *state) length(raw *load.Shape, v *float64, which string) *int64 {
	if v == nil {
		return nil
	}
	if *v < 0 || *v != math.Trunc(*v) || *v > math.MaxInt64/2 {
		p := raw.MinPos
		if which == "max" {
			p = raw.MaxPos
		}
		s.errorf(p, raw.Name, "", "%s %v is not a valid length (a whole number, 0 or more)", which, num(*v))
		return nil
	}
	n := int64(*v)
	return &n
}

// num prints a bound without a needless exponent or fraction.
func num(f float64) any {
	if f == math.Trunc(f) && math.Abs(f) < 1e18 {
		return int64(f)
	}
	return f
}
