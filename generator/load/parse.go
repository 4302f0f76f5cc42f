package load

import (
	"sort"

	"github.com/svcgen/svcgen/generator/diag"
	"github.com/tidwall/gjson"
)

func (r *reader) model(m *Model, root gjson.Result) {
	f := r.fields(root, "", "")
	m.Version = f.str("version")
	m.Documentation = f.str("documentation")
	md := f.object("metadata")
	if !md.Exists() {
		r.errorf(root, "", "", "the model has no metadata object")
		m.Metadata.Pos = r.file.At(root) // what is said about the metadata is said here
	} else {
		r.metadata(&m.Metadata, md)
	}
	ops := f.object("operations")
	if !ops.Exists() {
		r.errorf(root, "", "", "the model has no operations object")
	}
	each(ops, func(k, v gjson.Result) {
		defer r.forget(len(r.keys))
		if op := r.operation(k, v); op != nil {
			m.Operations = append(m.Operations, op)
		}
	})
	sort.SliceStable(m.Operations, func(i, j int) bool { return m.Operations[i].Name < m.Operations[j].Name })
	shapes := f.object("shapes")
	if !shapes.Exists() {
		r.errorf(root, "", "", "the model has no shapes object")
	}
	each(shapes, func(k, v gjson.Result) {
		if _, dup := m.Shapes[k.Str]; dup {
			r.errorf(k, k.Str, "", "shape %q is defined twice", k.Str)
			return
		}
		defer r.forget(len(r.keys))
		if s := r.shape(k, v); s != nil {
			m.Shapes[s.Name] = s
			m.ShapeNames = append(m.ShapeNames, s.Name)
		}
	})
	sort.Strings(m.ShapeNames)
	each(f.object("clientContextParams"), func(k, v gjson.Result) {
		pf := r.fields(v, "clientContextParams", k.Str)
		m.ClientContextParams = append(m.ClientContextParams, &ContextParamDef{
			Name: k.Str, Type: pf.str("type"), Documentation: pf.str("documentation"),
		})
	})
	sort.Slice(m.ClientContextParams, func(i, j int) bool { return m.ClientContextParams[i].Name < m.ClientContextParams[j].Name })
}

func (r *reader) metadata(md *Metadata, v gjson.Result) {
	f := r.fields(v, "metadata", "")
	md.Pos = r.file.At(v)
	md.APIVersion = f.str("apiVersion")
	md.EndpointPrefix = f.str("endpointPrefix")
	md.Protocol = f.str("protocol")
	md.Protocols, _ = f.strings("protocols")
	md.ServiceFullName = f.str("serviceFullName")
	md.ServiceAbbr = f.str("serviceAbbreviation")
	md.ServiceID = f.str("serviceId")
	md.SignatureVersion = f.str("signatureVersion")
	md.SigningName = f.str("signingName")
	md.UID = f.str("uid")
	md.JSONVersion = f.str("jsonVersion")
	md.TargetPrefix = f.str("targetPrefix")
	md.XMLNamespace = f.str("xmlNamespace")
	md.GlobalEndpoint = f.str("globalEndpoint")
	md.Auth, _ = f.strings("auth")
	md.AWSQueryCompatible = f.get("awsQueryCompatible").Exists()
}

func (r *reader) operation(k, v gjson.Result) *Operation {
	if !v.IsObject() {
		r.errorf(v, k.Str, "", "an operation is an object, found %s", kind(v))
		return nil
	}
	f := r.fields(v, k.Str, "")
	op := &Operation{Pos: r.file.At(k), Name: k.Str}
	// "name" may differ from the key (cloudfront's carry the API version); the key is
	// the operation's name.
	f.str("name")
	h := f.object("http")
	hf := r.fields(h, k.Str, "")
	op.Method = hf.str("method")
	op.RequestURI = hf.str("requestUri")
	op.RequestURIPos = r.file.At(hf.get("requestUri"))
	if !hf.get("requestUri").Exists() {
		op.RequestURIPos = op.Pos
	}
	if rc, _ := hf.number("responseCode"); rc != nil {
		op.ResponseCode = int(*rc)
	}
	op.Input = r.opRef(f, "input")
	op.Output = r.opRef(f, "output")
	errs := f.get("errors")
	if errs.Exists() && !errs.IsArray() {
		f.wrong(errs, "errors", "an array")
	}
	for _, e := range errs.Array() {
		if ref := r.ref(k.Str, "errors", e); ref != nil {
			op.Errors = append(op.Errors, ref)
		}
	}
	op.Documentation = f.str("documentation")
	op.Idempotent = f.boolean("idempotent")
	op.ReadOnly = f.boolean("readonly")
	ep := f.object("endpoint")
	op.HostPrefix = r.fields(ep, k.Str, "").str("hostPrefix")
	op.HostPrefixPos = r.file.At(ep.Get("hostPrefix"))
	op.Deprecated = f.boolean("deprecated")
	op.DeprecatedMessage = f.str("deprecatedMessage")
	op.HTTPChecksumRequired = f.boolean("httpChecksumRequired")
	if hc := f.object("httpChecksum"); hc.Exists() {
		cf := r.fields(hc, k.Str, "httpChecksum")
		op.HTTPChecksum = &HTTPChecksum{
			Pos:                         r.file.At(hc),
			RequestChecksumRequired:     cf.boolean("requestChecksumRequired"),
			RequestAlgorithmMember:      cf.str("requestAlgorithmMember"),
			RequestAlgorithmMemberPos:   r.file.At(cf.get("requestAlgorithmMember")),
			RequestValidationModeMember: cf.str("requestValidationModeMember"),
			RequestValidationModePos:    r.file.At(cf.get("requestValidationModeMember")),
		}
		op.HTTPChecksum.ResponseAlgorithms, _ = cf.strings("responseAlgorithms")
	}
	rc := f.object("requestcompression")
	op.RequestCompression, _ = r.fields(rc, k.Str, "").strings("encodings")
	op.AuthType = f.str("authtype")
	op.Auth, _ = f.strings("auth")
	op.Unsigned = f.boolean("unsignedPayload") || op.AuthType == "none"
	op.EndpointDiscovery = f.get("endpointdiscovery").Exists()
	op.EndpointDiscoveryRequired = f.get("endpointdiscovery").Get("required").Bool()
	op.EndpointOperation = f.boolean("endpointoperation")
	each(f.object("staticContextParams"), func(pk, pv gjson.Result) {
		val := pv.Get("value")
		var value any
		switch {
		case val.Type == gjson.String:
			value = val.Str
		case val.Type == gjson.True || val.Type == gjson.False:
			value = val.Bool()
		case val.IsArray():
			var list []string
			for _, e := range val.Array() {
				list = append(list, e.String())
			}
			value = list
		default:
			r.errorf(pv, k.Str, pk.Str, "staticContextParams value must be a string, a boolean or a list of strings, found %s", kind(val))
			return
		}
		op.StaticContextParams = append(op.StaticContextParams, StaticContextParam{Name: pk.Str, Value: value})
	})
	sort.Slice(op.StaticContextParams, func(i, j int) bool { return op.StaticContextParams[i].Name < op.StaticContextParams[j].Name })
	each(f.object("operationContextParams"), func(pk, pv gjson.Result) {
		op.OperationContextParams = append(op.OperationContextParams, PathContextParam{Name: pk.Str, Path: pv.Get("path").String()})
	})
	sort.Slice(op.OperationContextParams, func(i, j int) bool { return op.OperationContextParams[i].Name < op.OperationContextParams[j].Name })
	return op
}

func (r *reader) opRef(f field, key string) *Ref {
	v := f.get(key)
	if !v.Exists() {
		return nil
	}
	return r.ref(f.shape, key, v)
}

// ref reads a reference object ({"shape": ...} and member traits).
func (r *reader) ref(shape, member string, v gjson.Result) *Ref {
	if !v.IsObject() {
		r.errorf(v, shape, member, "a shape reference is an object, found %s", kind(v))
		return nil
	}
	f := r.fields(v, shape, member)
	s := f.get("shape")
	if s.Type != gjson.String || s.Str == "" {
		r.errorf(v, shape, member, "the reference names no shape (\"shape\" must be a non-empty string)")
		return nil
	}
	ref := &Ref{
		Pos:              r.file.At(v),
		Name:             member,
		Shape:            s.Str,
		ShapePos:         r.file.At(s),
		Location:         f.str("location"),
		LocationName:     f.str("locationName"),
		QueryName:        f.str("queryName"),
		Documentation:    f.str("documentation"),
		IdempotencyToken: f.boolean("idempotencyToken"),
		JSONValue:        f.boolean("jsonvalue"),
		HostLabel:        f.boolean("hostLabel"),
		ContextParam:     r.fields(f.object("contextParam"), shape, member).str("name"),
		EventPayload:     f.boolean("eventpayload"),
		XMLNamespace:     r.xmlNamespace(f),
		XMLAttribute:     f.boolean("xmlAttribute"),
		Flattened:        f.boolean("flattened"),
		Streaming:        f.boolean("streaming"),
		Box:              f.boolean("box"),
		Deprecated:       f.boolean("deprecated"),
		DeprecatedMsg:    f.str("deprecatedMessage"),
		TimestampFormat:  f.str("timestampFormat"),
		ResultWrapper:    f.str("resultWrapper"),
		Payload:          f.str("payload"),
	}
	if ref.Payload != "" {
		ref.PayloadPos = r.file.At(f.get("payload"))
	}
	ref.Enum, _ = f.strings("enum")
	return ref
}

func (r *reader) xmlNamespace(f field) *XMLNamespace {
	v := f.get("xmlNamespace")
	switch {
	case !v.Exists():
		return nil
	case v.Type == gjson.String:
		return &XMLNamespace{URI: v.Str}
	case v.IsObject():
		nf := r.fields(v, f.shape, f.member)
		return &XMLNamespace{Prefix: nf.str("prefix"), URI: nf.str("uri")}
	}
	f.wrong(v, "xmlNamespace", "a string or an object")
	return nil
}

func (r *reader) shape(k, v gjson.Result) *Shape {
	if !v.IsObject() {
		r.errorf(v, k.Str, "", "a shape is an object, found %s", kind(v))
		return nil
	}
	f := r.fields(v, k.Str, "")
	s := &Shape{Pos: r.file.At(k), Name: k.Str}
	t := f.get("type")
	if t.Type != gjson.String {
		r.errorf(v, k.Str, "", "the shape has no type (\"type\" must be a string)")
		return nil
	}
	s.Type, s.TypePos = t.Str, r.file.At(t)
	each(f.object("members"), func(mk, mv gjson.Result) {
		if ref := r.ref(k.Str, mk.Str, mv); ref != nil {
			ref.Pos = r.file.At(mk)
			s.Members = append(s.Members, ref)
		}
	})
	s.Required, s.RequiredPos = f.strings("required")
	for _, key := range []string{"member", "key", "value"} {
		v := f.get(key)
		if !v.Exists() {
			continue
		}
		ref := r.ref(k.Str, key, v)
		switch key {
		case "member":
			s.Member = ref
		case "key":
			s.Key = ref
		case "value":
			s.Value = ref
		}
	}
	s.Documentation = f.str("documentation")
	s.Min, s.MinPos = f.number("min")
	s.Max, s.MaxPos = f.number("max")
	s.Pattern = f.str("pattern")
	s.PatternPos = r.file.At(f.get("pattern"))
	var enumPos []diag.Pos
	s.Enum, enumPos = f.strings("enum")
	if len(enumPos) > 0 {
		s.EnumPos = r.file.At(f.get("enum"))
	}
	s.Sensitive = f.boolean("sensitive")
	s.Exception = f.boolean("exception")
	s.Fault = f.boolean("fault")
	if e := f.object("error"); e.Exists() {
		ef := r.fields(e, k.Str, "")
		s.Error = &ErrorTrait{Code: ef.str("code"), SenderFault: ef.boolean("senderFault")}
		if n, _ := ef.number("httpStatusCode"); n != nil {
			s.Error.HTTPStatusCode = int(*n)
		}
	}
	if rt := f.get("retryable"); rt.Exists() {
		s.Retryable = &Retryable{Throttling: rt.Get("throttling").Bool()}
	}
	s.Union = f.boolean("union")
	s.Document = f.boolean("document")
	s.EventStream = f.boolean("eventstream")
	s.Event = f.boolean("event")
	s.Streaming = f.boolean("streaming")
	s.RequiresLength = f.boolean("requiresLength")
	s.Payload = f.str("payload")
	s.PayloadPos = r.file.At(f.get("payload"))
	s.TimestampFormat = f.str("timestampFormat")
	s.Flattened = f.boolean("flattened")
	s.Wrapper = f.boolean("wrapper")
	s.Sparse = f.boolean("sparse")
	s.Box = f.boolean("box")
	s.Synthetic = f.boolean("synthetic")
	s.LocationName = f.str("locationName")
	s.Location = f.str("location")
	s.XMLNamespace = r.xmlNamespace(f)
	s.XMLOrder, _ = f.strings("xmlOrder")
	s.Deprecated = f.boolean("deprecated")
	s.DeprecatedMsg = f.str("deprecatedMessage")
	return s
}

func (r *reader) paginators(m *Model, root gjson.Result) {
	f := r.fields(root, "pagination", "")
	each(f.object("pagination"), func(k, v gjson.Result) {
		if !v.IsObject() {
			r.errorf(v, "pagination", k.Str, "a paginator is an object, found %s", kind(v))
			return
		}
		pf := r.fields(v, "pagination", k.Str)
		p := &Paginator{
			Pos:         r.file.At(k),
			Operation:   k.Str,
			InputToken:  pf.stringOrStrings("input_token"),
			OutputToken: pf.stringOrStrings("output_token"),
			LimitKey:    pf.str("limit_key"),
			ResultKey:   pf.stringOrStrings("result_key"),
			MoreResults: pf.str("more_results"),
		}
		p.NonAggregateKeys = pf.stringOrStrings("non_aggregate_keys")
		m.PaginatorList = append(m.PaginatorList, p)
	})
	sort.Slice(m.PaginatorList, func(i, j int) bool { return m.PaginatorList[i].Operation < m.PaginatorList[j].Operation })
}

func (r *reader) waiters(m *Model, root gjson.Result) {
	f := r.fields(root, "waiters", "")
	each(f.object("waiters"), func(k, v gjson.Result) {
		if !v.IsObject() {
			r.errorf(v, "waiters", k.Str, "a waiter is an object, found %s", kind(v))
			return
		}
		wf := r.fields(v, "waiters", k.Str)
		w := &Waiter{Pos: r.file.At(k), Name: k.Str, Operation: wf.str("operation"), Description: wf.str("description")}
		if d, _ := wf.number("delay"); d != nil {
			w.Delay = int(*d)
		}
		if n, _ := wf.number("maxAttempts"); n != nil {
			w.MaxAttempts = int(*n)
		}
		acc := wf.get("acceptors")
		if !acc.IsArray() {
			wf.wrong(acc, "acceptors", "an array")
		}
		for _, a := range acc.Array() {
			af := r.fields(a, "waiters", k.Str)
			wa := &WaiterAcceptor{Pos: r.file.At(a), State: af.str("state"), Matcher: af.str("matcher"), Argument: af.str("argument")}
			switch e := af.get("expected"); e.Type {
			case gjson.String:
				wa.Expected = e.Str
			case gjson.Number:
				wa.Expected = e.Num
			case gjson.True, gjson.False:
				wa.Expected = e.Bool()
			default:
				af.wrong(e, "expected", "a string, a number or a boolean")
			}
			w.Acceptors = append(w.Acceptors, wa)
		}
		m.WaiterList = append(m.WaiterList, w)
	})
	sort.Slice(m.WaiterList, func(i, j int) bool { return m.WaiterList[i].Name < m.WaiterList[j].Name })
}

// docs fills documentation from docs-2.json (the aws-sdk-go layout) where the model has
// none: "service", "operations": {Op: doc}, "shapes": {Shape: {"base": doc,
// "refs": {"Parent$member": doc}}}.
func (r *reader) docs(m *Model, root gjson.Result) {
	if m.Documentation == "" {
		m.Documentation = root.Get("service").String()
	}
	ops := root.Get("operations")
	for _, op := range m.Operations {
		if op.Documentation == "" {
			op.Documentation = ops.Get(gjson.Escape(op.Name)).String()
		}
	}
	each(root.Get("shapes"), func(k, v gjson.Result) {
		target := m.Shapes[k.Str]
		if target != nil && target.Documentation == "" {
			target.Documentation = v.Get("base").String()
		}
		each(v.Get("refs"), func(rk, rv gjson.Result) {
			parent, member, ok := cut(rk.Str, '$')
			if !ok {
				return
			}
			s := m.Shapes[parent]
			if s == nil {
				return
			}
			for _, ref := range s.Members {
				if ref.Name == member && ref.Documentation == "" {
					ref.Documentation = rv.String()
				}
			}
		})
	})
}

func cut(s string, sep byte) (string, string, bool) {
	for i := 0; i < len(s); i++ {
		if s[i] == sep {
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}
