// Package load reads an AWS JSON service model (service-2.json, the botocore format) and
// the companion files beside it into a raw model that keeps the position of every value.
//
// Loading checks the file's form (valid JSON, values of the right JSON types); what the
// values mean is checked when the model is resolved (package resolve).
package load

import (
	"github.com/svcgen/svcgen/generator/diag"
)

// Model is a loaded service model.
type Model struct {
	File          *File
	Version       string
	Metadata      Metadata
	Documentation string
	Operations    []*Operation // sorted by name
	Shapes        map[string]*Shape
	ShapeNames    []string // sorted
	// ClientContextParams are the model's clientContextParams (s3), sorted by name.
	ClientContextParams []*ContextParamDef

	// Companion files; nil when absent.
	RuleSet    *File // endpoint-rule-set-1.json
	Paginators *File // paginators-1.json
	Waiters    *File // waiters-2.json
	Docs       *File // docs-2.json

	PaginatorList []*Paginator // sorted by operation
	WaiterList    []*Waiter    // sorted by name
}

// Metadata is the model's metadata object.
type Metadata struct {
	Pos                diag.Pos
	APIVersion         string
	EndpointPrefix     string
	Protocol           string
	Protocols          []string
	ServiceFullName    string
	ServiceAbbr        string
	ServiceID          string
	SignatureVersion   string
	SigningName        string
	UID                string
	JSONVersion        string
	TargetPrefix       string
	XMLNamespace       string
	GlobalEndpoint     string
	Auth               []string
	AWSQueryCompatible bool
}

// Operation is one entry of the model's operations.
type Operation struct {
	Pos                  diag.Pos
	Name                 string
	Method               string
	RequestURI           string
	RequestURIPos        diag.Pos
	ResponseCode         int
	Input, Output        *Ref // nil when absent; only Shape and Pos are used
	Errors               []*Ref
	Documentation        string
	Idempotent           bool
	ReadOnly             bool
	HostPrefix           string
	HostPrefixPos        diag.Pos
	Deprecated           bool
	DeprecatedMessage    string
	HTTPChecksumRequired bool
	// HTTPChecksum is the httpChecksum trait; nil when absent.
	HTTPChecksum       *HTTPChecksum
	RequestCompression []string
	AuthType           string
	Auth               []string
	Unsigned           bool
	EndpointDiscovery  bool
	// EndpointDiscoveryRequired: the endpointdiscovery trait says required.
	EndpointDiscoveryRequired bool
	EndpointOperation         bool
	StaticContextParams       []StaticContextParam // sorted by name
	// OperationContextParams maps an endpoint parameter to a JMESPath-like path in the input.
	OperationContextParams []PathContextParam // sorted by name
}

// HTTPChecksum is an operation's httpChecksum trait (flexible checksums).
type HTTPChecksum struct {
	Pos                         diag.Pos
	RequestChecksumRequired     bool
	RequestAlgorithmMember      string // an input member naming the request's algorithm
	RequestAlgorithmMemberPos   diag.Pos
	RequestValidationModeMember string // an input member that asks for response validation
	RequestValidationModePos    diag.Pos
	ResponseAlgorithms          []string
}

// StaticContextParam is an operation's staticContextParams entry.
type StaticContextParam struct {
	Name  string
	Value any // string, bool or []string
}

// PathContextParam is an operation's operationContextParams entry.
type PathContextParam struct {
	Name string
	Path string
}

// ContextParamDef is one of the model's clientContextParams.
type ContextParamDef struct {
	Name          string
	Type          string // "string" or "boolean"
	Documentation string
}

// Shape is one entry of the model's shapes.
type Shape struct {
	Pos     diag.Pos
	Name    string
	Type    string
	TypePos diag.Pos

	Members       []*Ref // structures, in file order
	Required      []string
	RequiredPos   []diag.Pos
	Member        *Ref // lists
	Key, Value    *Ref // maps
	Documentation string

	Min, Max       *float64
	MinPos, MaxPos diag.Pos
	Pattern        string
	PatternPos     diag.Pos
	Enum           []string
	EnumPos        diag.Pos

	Sensitive       bool
	Exception       bool
	Fault           bool
	Error           *ErrorTrait
	Retryable       *Retryable
	Union           bool
	Document        bool
	EventStream     bool
	Event           bool
	Streaming       bool
	RequiresLength  bool
	Payload         string
	PayloadPos      diag.Pos
	TimestampFormat string
	Flattened       bool
	Wrapper         bool
	Sparse          bool
	Box             bool
	Synthetic       bool
	LocationName    string
	// Location (older models) binds every member of the shape's type to the HTTP
	// message as a member's location does ("header", "headers"); locationName is
	// then the header's name or prefix. A member's own location wins.
	Location      string
	XMLNamespace  *XMLNamespace
	XMLOrder      []string
	Deprecated    bool
	DeprecatedMsg string
}

// ErrorTrait is a shape's error object.
type ErrorTrait struct {
	Code           string
	HTTPStatusCode int // 0 when absent
	SenderFault    bool
}

// Retryable is a shape's retryable object.
type Retryable struct{ Throttling bool }

// XMLNamespace is an xmlNamespace value.
type XMLNamespace struct{ Prefix, URI string }

// Ref is a reference to a shape: a structure member, a list member, a map key or value,
// an operation input or output, or an error.
type Ref struct {
	Pos      diag.Pos // of the member's name (or the reference object)
	Name     string   // member name; "member", "key", "value" for collections
	Shape    string
	ShapePos diag.Pos

	Location         string // "", uri, querystring, header, headers, statusCode
	LocationName     string
	QueryName        string
	Documentation    string
	IdempotencyToken bool
	JSONValue        bool
	HostLabel        bool
	ContextParam     string
	EventPayload     bool
	XMLNamespace     *XMLNamespace
	XMLAttribute     bool
	Flattened        bool
	Streaming        bool
	Box              bool
	Deprecated       bool
	DeprecatedMsg    string
	TimestampFormat  string
	Enum             []string // inline enum (apigatewayv2)
	// ResultWrapper (operation outputs, query protocols) names the element that wraps
	// the output's members in the response ("GetCallerIdentityResult").
	ResultWrapper string
	// Payload (operation inputs and outputs, older models) names the payload member,
	// as a structure's payload does; the structure's own payload wins.
	Payload    string
	PayloadPos diag.Pos
}

// Waiter is one entry of waiters-2.json.
type Waiter struct {
	Pos         diag.Pos
	Name        string
	Operation   string
	Description string
	Delay       int // seconds between attempts
	MaxAttempts int
	Acceptors   []*WaiterAcceptor
}

// WaiterAcceptor is one acceptor of a waiter.
type WaiterAcceptor struct {
	Pos      diag.Pos
	State    string // success, failure or retry
	Matcher  string // path, pathAll, pathAny, status or error
	Argument string // the JMESPath of the path matchers
	Expected any    // a string, a float64 or a bool
}

// Paginator is one entry of paginators-1.json.
type Paginator struct {
	Pos              diag.Pos
	Operation        string
	InputToken       []string
	OutputToken      []string
	LimitKey         string
	ResultKey        []string
	MoreResults      string
	NonAggregateKeys []string
}
