package resolve

import (
	"sort"
	"strings"

	"github.com/svcgen/svcgen/generator/diag"
	"github.com/svcgen/svcgen/generator/ir"
	"github.com/svcgen/svcgen/generator/load"
)

// operations makes each operation with its own input and output structures and its
// errors.
func (s *state) operations() {
	for _, raw := range s.model.Operations {
		op := &ir.Operation{
			Name:               raw.Name,
			GoName:             exported(raw.Name),
			Idempotent:         raw.Idempotent,
			ReadOnly:           raw.ReadOnly,
			Deprecated:         raw.Deprecated,
			DeprecatedMessage:  raw.DeprecatedMessage,
			ChecksumRequired:   raw.HTTPChecksumRequired,
			RequestCompression: raw.RequestCompression,
			Unsigned:           raw.Unsigned,
			AuthType:           raw.AuthType,
			HostPrefix:         raw.HostPrefix,
			EndpointDiscovery:  raw.EndpointDiscovery,
			EndpointOperation:  raw.EndpointOperation,
		}
		op.EndpointDiscoveryRequired = raw.EndpointDiscoveryRequired
		for _, p := range raw.StaticContextParams {
			op.StaticContextParams = append(op.StaticContextParams, ir.StaticContextParam{Name: p.Name, Value: p.Value})
		}
		for _, p := range raw.OperationContextParams {
			op.ContextParams = append(op.ContextParams, ir.PathContextParam{Name: p.Name, Path: p.Path})
		}
		op.Input = s.opShape(op, raw, raw.Input, true)
		op.Output = s.opShape(op, raw, raw.Output, false)
		for _, ref := range raw.Errors {
			e := s.svc.AllShapes[ref.Shape]
			switch {
			case e == nil:
				if _, exists := s.model.Shapes[ref.Shape]; !exists {
					s.errorf(ref.ShapePos, raw.Name, "errors", "refers to shape %q, which is not defined", ref.Shape)
				}
			case e.Kind != ir.Structure:
				s.errorf(ref.ShapePos, raw.Name, "errors", "error shape %q is a %s, not a structure", ref.Shape, e.Kind)
			default:
				if e.Error == nil {
					// listed as an error without the exception trait: treat it as one
					e.Error = errorTrait(s.raw[e])
				}
				op.Errors = append(op.Errors, e)
			}
		}
		sort.Slice(op.Errors, func(i, j int) bool { return op.Errors[i].Name < op.Errors[j].Name })
		op.Errors = dedupe(op.Errors)
		s.rawOps[op] = raw
		s.svc.Operations = append(s.svc.Operations, op)
	}
	if len(s.svc.Operations) == 0 {
		s.errorf(s.model.File.Pos(0), "", "", "the model has no operations")
	}
}

func dedupe(list []*ir.Shape) []*ir.Shape {
	out := list[:0]
	for i, e := range list {
		if i == 0 || e != list[i-1] {
			out = append(out, e)
		}
	}
	return out
}

// opShape copies an operation's input or output shape into a structure of its own,
// OpInput or OpOutput, so that its members can carry HTTP bindings and Go names of
// their own whoever else uses the model shape.
func (s *state) opShape(op *ir.Operation, raw *load.Operation, ref *load.Ref, input bool) *ir.Shape {
	suffix, which := "Output", "output"
	if input {
		suffix, which = "Input", "input"
	}
	sh := &ir.Shape{
		GoName:    op.GoName + suffix,
		Kind:      ir.Structure,
		Pos:       raw.Pos,
		Package:   ir.PackageRoot,
		Operation: op,
		IsInput:   input,
		IsOutput:  !input,
	}
	if ref == nil {
		sh.Name = op.Name + suffix
		return sh
	}
	src := s.svc.AllShapes[ref.Shape]
	if src == nil {
		if _, exists := s.model.Shapes[ref.Shape]; !exists {
			s.errorf(ref.ShapePos, raw.Name, which, "refers to shape %q, which is not defined", ref.Shape)
		}
		sh.Name = op.Name + suffix
		return sh
	}
	if src.Kind != ir.Structure {
		s.errorf(ref.ShapePos, raw.Name, which, "%s shape %q is a %s, not a structure", which, ref.Shape, src.Kind)
		return sh
	}
	srcRaw := s.raw[src]
	sh.Name = src.Name
	sh.Pos = src.Pos
	sh.Sensitive = src.Sensitive
	sh.XMLName = src.XMLName
	sh.XMLNamespace = src.XMLNamespace
	if ref.LocationName != "" { // rest-xml: the request's root element
		sh.XMLName = ref.LocationName
	}
	if ref.XMLNamespace != nil {
		sh.XMLNamespace = xmlNS(ref.XMLNamespace)
	}
	sh.Deprecated = src.Deprecated
	sh.DeprecatedMsg = src.DeprecatedMsg
	s.raw[sh] = srcRaw
	for _, m := range src.Members {
		c := *m
		c.Parent = sh
		s.rawRef[&c] = s.rawRef[m]
		sh.Members = append(sh.Members, &c)
		if src.Payload == m {
			sh.Payload = &c
		}
	}
	if sh.Payload == nil && ref.Payload != "" {
		// an older model names the payload on the operation's reference
		for _, m := range sh.Members {
			if m.Name == ref.Payload {
				sh.Payload = m
			}
		}
		if sh.Payload == nil {
			s.errorf(ref.PayloadPos, raw.Name, which, "payload member %q is not a member of %s", ref.Payload, src.Name)
		}
	}
	return sh
}

// bindings decides where every member of an operation's input and output, and of
// every error, goes in the HTTP message, and parses requestUri and hostPrefix.
func (s *state) bindings() {
	for _, op := range s.svc.Operations {
		raw := s.rawOps[op]
		op.HTTP = ir.HTTP{Method: raw.Method, RequestURI: raw.RequestURI, ResponseCode: raw.ResponseCode}
		if op.HTTP.ResponseCode == 0 {
			op.HTTP.ResponseCode = 200
		}
		if op.HTTP.Method == "" {
			op.HTTP.Method = "POST"
		}
		if op.HTTP.RequestURI == "" {
			op.HTTP.RequestURI = "/"
		}
		if s.svc.AWSJSON() || s.svc.AWSQuery() {
			// awsJson and awsQuery: every request is a POST of the whole input to "/"
			// (named by its target, or its Action), and every member is in the body
			// whatever binding traits the model has.
			op.HTTP.Method, op.HTTP.RequestURI = "POST", "/"
			if s.svc.AWSJSON() {
				op.HTTP.Target = s.svc.TargetPrefix + "." + op.Name
			}
			if s.svc.AWSQuery() && !s.svc.EC2() {
				// the output is wrapped in {Operation}Result, which resultWrapper
				// names when the model says it at all
				op.HTTP.ResultWrapper = op.Name + "Result"
				if raw.Output != nil && raw.Output.ResultWrapper != "" {
					op.HTTP.ResultWrapper = raw.Output.ResultWrapper
				}
			}
			op.Input.Payload, op.Output.Payload = nil, nil
		} else {
			s.locations(op.Input)
			s.locations(op.Output)
		}
		s.parseURI(op, raw)
		if s.svc.S3() && s.svc.RuleSet != nil {
			dropBucketLabel(op)
		}
		s.hostPrefix(op, raw)
		s.httpChecksum(op, raw)
		for _, m := range op.Input.Members {
			if m.Shape.EventStream {
				op.EventStreamInput = true
			}
		}
		for _, m := range op.Output.Members {
			if m.Shape.EventStream {
				op.EventStreamOutput = true
			}
		}
	}
	for _, name := range s.model.ShapeNames {
		if sh := s.svc.AllShapes[name]; sh != nil && sh.Error != nil && !s.svc.AWSJSON() && !s.svc.AWSQuery() {
			s.locations(sh)
		}
	}
}

var locations = map[string]ir.Location{
	"": ir.InBody, "uri": ir.InURI, "querystring": ir.InQuery, "header": ir.InHeader,
	"headers": ir.InHeaders, "statusCode": ir.InStatusCode,
}

// locations reads the location trait of a top-level structure's members.
func (s *state) locations(sh *ir.Shape) {
	for _, m := range sh.Members {
		ref := s.rawRef[m]
		location := ref.Location
		if location == "" {
			// older models bind a shape's members through the shape: its location,
			// and its locationName when the member names none
			if raw := s.raw[m.Shape]; raw != nil && raw.Location != "" {
				location = raw.Location
				if m.LocationName == "" {
					m.LocationName = raw.LocationName
				}
			}
		}
		loc, ok := locations[location]
		if !ok {
			s.errorf(ref.Pos, sh.Name, m.Name, "unknown location %q (want uri, querystring, header, headers or statusCode)", location)
			continue
		}
		if sh.Payload == m {
			loc = ir.InPayload
		}
		if (sh.IsOutput || sh.Error != nil) && (loc == ir.InQuery || loc == ir.InURI) {
			loc = ir.InBody // a response has no query string or path: the binding is ignored
		}
		m.Location = loc
		if m.LocationName == "" && loc != ir.InBody && loc != ir.InPayload && loc != ir.InHeaders {
			m.LocationName = m.Name
		}
		switch {
		case loc == ir.InHeaders && m.Shape.Kind != ir.Map:
			s.errorf(ref.Pos, sh.Name, m.Name, "a member bound to headers must be a map, found %s", m.Shape.Kind)
		case loc == ir.InStatusCode && m.Shape.Kind != ir.Integer:
			s.errorf(ref.Pos, sh.Name, m.Name, "a member bound to the status code must be an integer, found %s", m.Shape.Kind)
		case loc == ir.InURI && !m.Shape.Kind.IsScalar():
			s.errorf(ref.Pos, sh.Name, m.Name, "a member bound to a uri label must be a scalar, found %s", m.Shape.Kind)
		case loc == ir.InHeader && !scalarOrList(m.Shape):
			s.errorf(ref.Pos, sh.Name, m.Name, "a member bound to a header must be a scalar or a list of scalars, found %s", m.Shape.Kind)
		case loc == ir.InQuery && !scalarOrList(m.Shape) && m.Shape.Kind != ir.Map:
			s.errorf(ref.Pos, sh.Name, m.Name, "a member bound to the query string must be a scalar, a list of scalars or a map, found %s", m.Shape.Kind)
		}
	}
}

// scalarOrList reports a scalar, or a list of scalars: what a header or a query
// parameter can carry.
func scalarOrList(sh *ir.Shape) bool {
	if sh.Kind == ir.List {
		return sh.Elem != nil && sh.Elem.Shape.Kind.IsScalar()
	}
	return sh.Kind.IsScalar()
}

// parseURI splits requestUri into path segments and literal query parameters, and
// checks that every label has exactly one member bound to it and every member bound
// to a label names one that is there.
func (s *state) parseURI(op *ir.Operation, raw *load.Operation) {
	uri := op.HTTP.RequestURI
	path, query, _ := strings.Cut(uri, "?")
	op.HTTP.Path = path
	if query != "" {
		for _, part := range strings.Split(query, "&") {
			if part == "" {
				continue
			}
			k, v, hasValue := strings.Cut(part, "=")
			op.HTTP.Query = append(op.HTTP.Query, ir.QueryLiteral{Key: k, Value: v, NoValue: !hasValue})
		}
	}
	labels := map[string]*ir.Member{}
	for _, m := range op.Input.Members {
		if m.Location != ir.InURI {
			continue
		}
		if other := labels[m.LocationName]; other != nil {
			s.errorf(m.Pos, op.Input.Name, m.Name, "uri label {%s} is bound to member %s already", m.LocationName, other.Name)
			continue
		}
		labels[m.LocationName] = m
	}
	seen := map[string]bool{}
	rest := path
	for rest != "" {
		open := strings.IndexByte(rest, '{')
		if open < 0 {
			op.HTTP.Segments = append(op.HTTP.Segments, ir.Segment{Literal: rest})
			break
		}
		if open > 0 {
			op.HTTP.Segments = append(op.HTTP.Segments, ir.Segment{Literal: rest[:open]})
		}
		end := strings.IndexByte(rest[open:], '}')
		if end < 0 {
			s.errorf(raw.RequestURIPos, op.Name, "", "requestUri %q has an unclosed label", uri)
			return
		}
		label := rest[open+1 : open+end]
		rest = rest[open+end+1:]
		greedy := strings.HasSuffix(label, "+")
		label = strings.TrimSuffix(label, "+")
		if label == "" {
			s.errorf(raw.RequestURIPos, op.Name, "", "requestUri %q has an empty label", uri)
			continue
		}
		m := labels[label]
		switch {
		case m == nil:
			s.errorf(raw.RequestURIPos, op.Name, "", "requestUri label {%s} has no input member bound to it", label)
			continue
		case seen[label]:
			s.errorf(raw.RequestURIPos, op.Name, "", "requestUri %q has label {%s} twice", uri, label)
			continue
		case greedy && strings.Contains(rest, "{"):
			s.errorf(raw.RequestURIPos, op.Name, "", "requestUri %q has a label after the greedy label {%s+}", uri, label)
		}
		seen[label] = true
		op.HTTP.Segments = append(op.HTTP.Segments, ir.Segment{Label: m, Greedy: greedy})
	}
	for _, m := range op.Input.Members {
		if m.Location == ir.InURI && !seen[m.LocationName] {
			s.errorf(m.Pos, op.Input.Name, m.Name, "bound to uri label {%s}, which is not in requestUri %q of operation %s", m.LocationName, uri, op.Name)
		}
	}
}

// dropBucketLabel takes S3's {Bucket} label out of the request path, with the slash
// after it: the endpoint rules put the bucket in the host or the endpoint's path.
func dropBucketLabel(op *ir.Operation) {
	op.HTTP.ServerSegments = op.HTTP.Segments // a server gets the bucket in the path
	var segs []ir.Segment
	dropped := false
	for _, seg := range op.HTTP.Segments {
		switch {
		case seg.Label != nil && seg.Label.ContextParam == "Bucket":
			dropped = true
			continue
		case seg.Label == nil && dropped:
			seg.Literal = strings.TrimPrefix(seg.Literal, "/")
			dropped = false
			if seg.Literal == "" {
				continue
			}
		}
		segs = append(segs, seg)
	}
	op.HTTP.Segments = segs
}

// hostPrefix finds the labels of the endpoint host prefix among the input's members.
func (s *state) hostPrefix(op *ir.Operation, raw *load.Operation) {
	rest := op.HostPrefix
	for {
		open := strings.IndexByte(rest, '{')
		if open < 0 {
			return
		}
		end := strings.IndexByte(rest[open:], '}')
		if end < 0 {
			s.errorf(raw.HostPrefixPos, op.Name, "", "hostPrefix %q has an unclosed label", op.HostPrefix)
			return
		}
		label := rest[open+1 : open+end]
		rest = rest[open+end+1:]
		var found *ir.Member
		for _, m := range op.Input.Members {
			if m.Name == label {
				found = m
			}
		}
		switch {
		case found == nil:
			s.errorf(raw.HostPrefixPos, op.Name, "", "hostPrefix label {%s} is not an input member", label)
		case !found.HostLabel:
			s.warnf(found.Pos, op.Input.Name, found.Name, "used in hostPrefix %q but not marked hostLabel", op.HostPrefix)
			op.HostLabels = append(op.HostLabels, found)
		default:
			op.HostLabels = append(op.HostLabels, found)
		}
	}
}

// httpChecksum resolves the httpChecksum trait: its members must be input members
// bound to headers (the runtime reads their values from the request it was given).
// A member that is not is reported, and its part of the trait left out.
func (s *state) httpChecksum(op *ir.Operation, raw *load.Operation) {
	hc := raw.HTTPChecksum
	if hc == nil {
		return
	}
	c := &ir.HTTPChecksum{RequestRequired: hc.RequestChecksumRequired, ResponseAlgorithms: hc.ResponseAlgorithms}
	member := func(name string, pos diag.Pos, key string) *ir.Member {
		if name == "" {
			return nil
		}
		for _, m := range op.Input.Members {
			if m.Name != name {
				continue
			}
			if m.Location != ir.InHeader {
				s.warnf(pos, op.Name, "", "httpChecksum %s %q is not bound to a header: left out", key, name)
				return nil
			}
			return m
		}
		s.errorf(pos, op.Name, "", "httpChecksum %s %q is not an input member", key, name)
		return nil
	}
	c.AlgorithmMember = member(hc.RequestAlgorithmMember, hc.RequestAlgorithmMemberPos, "requestAlgorithmMember")
	c.ValidationModeMember = member(hc.RequestValidationModeMember, hc.RequestValidationModePos, "requestValidationModeMember")
	op.Checksum = c
}
