package client

import (
	"context"
	"errors"
	"net/http"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/smithy-go"
	"github.com/svcgen/svcgen/runtime/endpoints"
)

// Call runs one operation with a generated serializer and deserializer.
//
// I and O are the input's and output's pointer types (*OpInput, *OpOutput), never the
// structs: Go compiles one body of a generic function for each shape of its type
// arguments, and every pointer type has the same shape, so all of a package's
// operations share one compiled Call. The rest of the call (invoke, the hooks) is not
// generic at all: it sees the input and output through a codec of closures that stay
// on Call's stack, so nothing is compiled again per operation and nothing is
// allocated for them. (With the structs as type arguments, ec2's package compiled
// 400 copies of invoke: three quarters of its compile time and memory.)
func Call[I, O any](ctx context.Context, cfg *Config, op *Operation, in I, out O,
	serialize func(*Request, I) error, deserialize func(*http.Response, []byte, O) error, decodeError ErrorDecoder) error {
	if len(cfg.Hooks.Call) > 0 {
		// The hooks keep the codec beyond this frame: a codec of its own, on the heap.
		return callHooked(ctx, cfg, op, in, newCodec(in, out, serialize, deserialize), decodeError)
	}
	c := newCodec(in, out, serialize, deserialize)
	return operationError(cfg, op, invoke(ctx, cfg, op, in, c, decodeError))
}

// newCodec is inlined into Call, so that the codec and its closures stay on Call's
// stack when invoke is all that sees them.
func newCodec[I, O any](in I, out O, serialize func(*Request, I) error, deserialize func(*http.Response, []byte, O) error) *codec {
	return &codec{
		serialize:   func(r *Request) error { return serialize(r, in) },
		deserialize: func(resp *http.Response, body []byte) error { return deserialize(resp, body, out) },
	}
}

// operationError wraps a call's error as aws-sdk-go-v2 does; nil stays nil.
func operationError(cfg *Config, op *Operation, err error) error {
	if err != nil {
		return &smithy.OperationError{ServiceID: cfg.ServiceID, OperationName: op.Name, Err: err}
	}
	return nil
}

// OperationError wraps an error that happened before the request was sent (an invalid
// input, a configuration error) as the runtime wraps the others.
func OperationError(serviceID, operation string, err error) error {
	return &smithy.OperationError{ServiceID: serviceID, OperationName: operation, Err: err}
}

// EndpointParams are the endpoint rules' parameters that Options set: the built-ins,
// and the service's client context params (set by Client).
type EndpointParams struct {
	Region       string
	UseFIPS      bool
	UseDualStack bool
	Endpoint     string
	Client       func(rs *endpoints.RuleSet, v *endpoints.Values)
}

// ResolveEndpoint resolves the endpoint from the rule set and records it in cfg with the
// signing name and region the rules give. The parameters stay in cfg for operations
// that add their own.
func ResolveEndpoint(cfg *Config, rs *endpoints.RuleSet, p EndpointParams) error {
	cfg.Params, cfg.baseSigningName = p, cfg.SigningName
	v := rs.NewValues()
	setBuiltIns(rs, &v, p)
	ep, err := rs.Resolve(&v)
	if err != nil {
		return &EndpointError{Err: err}
	}
	apply(cfg, ep)
	return nil
}

func setBuiltIns(rs *endpoints.RuleSet, v *endpoints.Values, p EndpointParams) {
	set := func(builtIn string, fn func(i int)) {
		if i := rs.IndexBuiltIn(builtIn); i >= 0 {
			fn(i)
		}
	}
	if p.Region != "" {
		set("AWS::Region", func(i int) { v.SetString(i, p.Region) })
	}
	set("AWS::UseFIPS", func(i int) { v.SetBool(i, p.UseFIPS) })
	set("AWS::UseDualStack", func(i int) { v.SetBool(i, p.UseDualStack) })
	if p.Endpoint != "" {
		set("SDK::Endpoint", func(i int) { v.SetString(i, p.Endpoint) })
	}
	if p.Client != nil {
		p.Client(rs, v)
	}
}

// apply records a resolved endpoint: its URL, headers, and the signing name and region
// of its sigv4 auth scheme.
func apply(cfg *Config, ep endpoints.Endpoint) {
	cfg.setEndpoint(ep.URL)
	for _, s := range ep.AuthSchemes {
		if s.Name != "sigv4" {
			continue
		}
		if s.SigningName != "" {
			cfg.SigningName = s.SigningName
		}
		if s.SigningRegion != "" {
			cfg.Region = s.SigningRegion
		}
		if s.DisableDoubleEncoding != nil {
			cfg.DisableDoubleEncoding = *s.DisableDoubleEncoding
		}
		break
	}
	cfg.EndpointHeaders = ep.Headers
}

// EndpointError reports that no endpoint could be resolved.
type EndpointError struct{ Err error }

func (e *EndpointError) Error() string { return "resolving the endpoint: " + e.Err.Error() }
func (e *EndpointError) Unwrap() error { return e.Err }

type fipsSource interface {
	GetUseFIPSEndpoint(context.Context) (aws.FIPSEndpointState, bool, error)
}

type dualStackSource interface {
	GetUseDualStackEndpoint(context.Context) (aws.DualStackEndpointState, bool, error)
}

// ApplyConfigSources reads the FIPS and dual-stack settings that config.LoadDefaultConfig
// found (environment, shared config) from an aws.Config's ConfigSources.
func ApplyConfigSources(sources []any, useFIPS, useDualStack *bool) {
	for _, s := range sources {
		if f, ok := s.(fipsSource); ok {
			if v, found, err := f.GetUseFIPSEndpoint(context.Background()); err == nil && found {
				*useFIPS = v == aws.FIPSEndpointStateEnabled
			}
		}
		if d, ok := s.(dualStackSource); ok {
			if v, found, err := d.GetUseDualStackEndpoint(context.Background()); err == nil && found {
				*useDualStack = v == aws.DualStackEndpointStateEnabled
			}
		}
	}
}

var errNoEndpoint = errors.New("no endpoint: set Options.BaseEndpoint, or Options.Region for the endpoint rules")

// IsEndpointError reports an error of endpoint resolution.
func IsEndpointError(err error) bool {
	var e *EndpointError
	return errors.As(err, &e)
}

// OperationEndpoint resolves the endpoint of a call whose operation binds endpoint
// parameters (static context params, input members bound with contextParam, simple
// operation context params): the client's built-in parameters plus what set adds. The
// results are cached per parameter values, so repeated calls resolve nothing.
func OperationEndpoint(base *Config, rs *endpoints.RuleSet, cache *endpoints.Cache, set func(rs *endpoints.RuleSet, v *endpoints.Values)) (*Config, error) {
	v := rs.NewValues()
	setBuiltIns(rs, &v, base.Params)
	set(rs, &v)
	ep, err := cache.Resolve(&v)
	if err != nil {
		return nil, &EndpointError{Err: err}
	}
	cfg := *base
	cfg.SigningName, cfg.Region = cfg.baseSigningName, cfg.Params.Region
	apply(&cfg, ep)
	return &cfg, nil
}

// SetString sets the endpoint parameter name, when the rule set declares it.
func SetString(rs *endpoints.RuleSet, v *endpoints.Values, name, s string) {
	if i := rs.Index(name); i >= 0 {
		v.SetString(i, s)
	}
}

// SetBool sets the endpoint parameter name, when the rule set declares it.
func SetBool(rs *endpoints.RuleSet, v *endpoints.Values, name string, b bool) {
	if i := rs.Index(name); i >= 0 {
		v.SetBool(i, b)
	}
}

// SetStrings sets the endpoint parameter name, when the rule set declares it.
func SetStrings(rs *endpoints.RuleSet, v *endpoints.Values, name string, s []string) {
	if i := rs.Index(name); i >= 0 {
		v.SetStrings(i, s)
	}
}
