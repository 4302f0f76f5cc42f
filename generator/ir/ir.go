// Package ir is the resolved model: everything the emitters need, decided once.
//
// The emitters only read it. Every decision that more than one emitter needs (a Go name,
// whether a member is a pointer, whether it is sensitive, how a member is bound to HTTP,
// which timestamp format applies, whether a pattern can be checked) is made by the
// resolve passes and recorded here.
package ir

import "github.com/svcgen/svcgen/generator/diag"

// AWSJSON reports the awsJson protocols (1.0 and 1.1): a POST of the whole input to
// "/", the operation named by X-Amz-Target.
func (s *Service) AWSJSON() bool { return s.Protocol == "json" }

// AWSQuery reports the awsQuery protocol and its ec2 variant: a form-encoded POST to
// "/" naming the operation in its Action parameter, answered with XML.
func (s *Service) AWSQuery() bool { return s.Protocol == "query" || s.Protocol == "ec2" }

// RPCv2CBOR reports Smithy RPC v2 CBOR: a POST of the whole input, as a CBOR map, to
// "/service/{service}/operation/{operation}", with the smithy-protocol header.
func (s *Service) RPCv2CBOR() bool { return s.Protocol == "smithy-rpc-v2-cbor" }

// S3 reports Amazon S3 (and services signed as it): the payload hash is sent in
// X-Amz-Content-Sha256, and the endpoint rules place the bucket.
func (s *Service) S3() bool { return s.SigningName == "s3" }

// EC2 reports the ec2Query protocol: awsQuery with its own key names and lists, and
// no result wrapper.
func (s *Service) EC2() bool { return s.Protocol == "ec2" }

// JSONContentType is the Content-Type of awsJson messages: its jsonVersion, 1.0 when
// the model gives none.
func (s *Service) JSONContentType() string {
	v := s.JSONVersion
	if v == "" {
		v = "1.0"
	}
	return "application/x-amz-json-" + v
}

// Service is a resolved service model.
type Service struct {
	Package          string // Go package name: serviceId lower-cased, letters and digits only
	ServiceID        string
	FullName         string
	APIVersion       string
	EndpointPrefix   string
	SigningName      string
	SignatureVersion string
	Protocol         string
	Protocols        []string
	JSONVersion      string
	TargetPrefix     string
	// QueryCompatible (awsQueryCompatible): a json service that also answers with the
	// error codes of its former query protocol, in the x-amzn-query-error header.
	QueryCompatible bool
	UID             string
	Auth            []string
	Doc             string // godoc text

	ModelFile string // base name of the model file
	Checksum  string // sha256 of the model file, hex

	Operations []*Operation // sorted by name
	// LeftOut counts the model's operations that resolve.Options.Operations left out.
	LeftOut int
	// Shapes are the shapes the package declares as Go types, sorted by Go name:
	// structures, unions, documents, enums and errors reachable from an operation.
	Shapes []*Shape
	// AllShapes holds every shape of the model by model name, reachable or not.
	AllShapes map[string]*Shape
	Errors    []*Shape // every error shape that an operation lists, sorted by Go name
	Patterns  []*Pattern
	// RuleSet is the endpoint-rule-set-1.json file as read; nil when absent.
	RuleSet []byte
	// RuleSetData is RuleSet compiled into runtime/endpoints' binary form
	// (endpoints.Encode), which generated clients embed.
	RuleSetData []byte
	// RuleSetFuncs are the functions the rules call, as the names of runtime/endpoints'
	// variables that hold them (FnIsSet, ...): what the client hands endpoints.Decode.
	RuleSetFuncs        []string
	ClientContextParams []*ContextParam
	Paginators          []*Paginator
	Waiters             []byte // waiters-2.json as read; nil when absent
	// WaiterList holds the waiters of waiters-2.json that svcgen generates (every
	// acceptor compiles), sorted by name.
	WaiterList []*Waiter

	// Headers are request headers every call sends, from a customization.
	Headers []Header
	// Customizations are the per-service behaviours of the AWS SDKs the client has
	// (generator/custom), one sentence each, for the package docs.
	Customizations []string
	// NotCustomized are the per-service behaviours both aws-sdk-go-v2 and botocore
	// have that the client lacks, one sentence each, for the package docs.
	NotCustomized []string

	Diagnostics diag.List
}

// Operation is one API operation.
type Operation struct {
	Name   string
	GoName string
	Doc    string
	// Input and Output are the operation's own structures (OpInput and OpOutput); an
	// operation without input or output in the model gets an empty structure.
	Input, Output *Shape
	Errors        []*Shape // sorted by Go name
	HTTP          HTTP
	// HostPrefix is the endpoint host prefix template ("{Bucket}." or "data-"); empty when none.
	HostPrefix        string
	HostLabels        []*Member // input members named in HostPrefix, in order of appearance
	Idempotent        bool
	ReadOnly          bool
	Deprecated        bool
	DeprecatedMessage string
	// ChecksumRequired is httpChecksumRequired: the request needs a Content-MD5.
	ChecksumRequired bool
	// Checksum is the httpChecksum trait (flexible checksums); nil when absent.
	Checksum *HTTPChecksum
	// RequestCompression is the requestcompression trait's encodings ("gzip").
	RequestCompression []string
	// EndpointDiscovery (the endpointdiscovery trait): the operation is sent to the
	// endpoint the service's EndpointOperation returns; Required when the trait says so.
	EndpointDiscovery, EndpointDiscoveryRequired bool
	// EndpointOperation (the endpointoperation trait): the service's DescribeEndpoints.
	EndpointOperation   bool
	Unsigned            bool // authtype none or unsignedPayload
	AuthType            string
	StaticContextParams []StaticContextParam
	ContextParams       []PathContextParam
	Paginator           *Paginator
	EventStreamInput    bool
	EventStreamOutput   bool
	// NoInput: the model names no input shape (Input is an empty structure of its
	// own). Smithy RPC v2 CBOR sends such a request without a body.
	NoInput bool
}

// HTTPChecksum is an operation's httpChecksum trait: the request checksum it takes and
// the response checksums it can validate.
type HTTPChecksum struct {
	// RequestRequired is requestChecksumRequired.
	RequestRequired bool
	// AlgorithmMember (requestAlgorithmMember) is the input member naming the
	// request checksum's algorithm, bound to a header; nil when none.
	AlgorithmMember *Member
	// ValidationModeMember (requestValidationModeMember) is the input member whose
	// value ENABLED asks for the response's checksum, bound to a header; nil when none.
	ValidationModeMember *Member
	// ResponseAlgorithms are the algorithms of the response's checksums, as listed.
	ResponseAlgorithms []string
}

// HTTP is an operation's HTTP binding.
type HTTP struct {
	Method     string
	RequestURI string // as in the model
	// Path is the path part of RequestURI, labels included ("/clusters/{name}").
	Path string
	// Segments is Path split into literal text and labels, in order.
	Segments []Segment
	// ServerSegments, when set, are the segments a server routes by where the client
	// sends another path: S3's, whose {Bucket} label the client moves to the host or
	// the endpoint's path (Segments lacks it), and a server gets in the path (path
	// style, or a virtual-hosted request routed as one).
	ServerSegments []Segment
	// Query holds the literal query parameters of RequestURI ("?uploads", "?x-id=Get"),
	// in order; a key without "=" has an empty Value and NoValue set.
	Query        []QueryLiteral
	ResponseCode int // 200 unless the model says otherwise
	// Target is the X-Amz-Target header that names the operation in the awsJson
	// protocols ("DynamoDB_20120810.GetItem"); empty for the REST protocols.
	Target string
	// ResultWrapper is the element that wraps the output's members in an awsQuery
	// response: the output's resultWrapper, else {Operation}Result.
	ResultWrapper string
}

// Segment is literal path text or one label.
type Segment struct {
	Literal string
	Label   *Member // non-nil for a label
	Greedy  bool    // {name+}: may span several path segments; keeps '/'
}

// QueryLiteral is one literal query parameter of a requestUri.
type QueryLiteral struct {
	Key, Value string
	NoValue    bool
}

// Kind is the kind of a shape.
type Kind int

// Shape kinds.
const (
	String Kind = iota
	Enum        // a string shape with enum values: a named Go string type
	Boolean
	Byte    // int8
	Short   // int16
	Integer // int32
	Long    // int64
	Float   // float32
	Double  // float64
	BigInteger
	BigDecimal
	Timestamp // time.Time
	Blob      // []byte
	Structure
	Union    // a structure with the union trait: an interface with one type per member
	Document // a structure with the document trait: raw JSON
	List
	Map
)

var kindNames = [...]string{"string", "enum", "boolean", "byte", "short", "integer", "long", "float", "double", "bigInteger", "bigDecimal", "timestamp", "blob", "structure", "union", "document", "list", "map"}

func (k Kind) String() string { return kindNames[k] }

// IsScalar reports kinds that are not structures, unions, documents, lists or maps.
func (k Kind) IsScalar() bool { return k < Structure }

// IsNumber reports the integer and floating-point kinds.
func (k Kind) IsNumber() bool { return k >= Byte && k <= BigDecimal }

// Package says which Go package declares a shape's type.
type Package int

// Packages.
const (
	PackageNone  Package = iota // a Go builtin (string, int32, []byte, ...) or a slice/map
	PackageTypes                // <pkg>/types
	PackageRoot                 // <pkg> (operation inputs and outputs)
)

// Shape is a resolved shape.
type Shape struct {
	Name   string // model name
	GoName string // Go type name in its Package ("" for builtins)
	Kind   Kind
	Pos    diag.Pos
	Doc    string
	// Package is where the Go type is declared.
	Package Package
	// Operation is set on an operation's own input or output structure.
	Operation *Operation
	IsInput   bool // an operation's input (OpInput)
	IsOutput  bool // an operation's output (OpOutput)

	Members []*Member // structures, unions and errors, in model order
	Elem    *Member   // lists: the element
	Key     *Member   // maps
	Value   *Member   // maps

	Enum        []EnumValue // Enum kind
	Constraints Constraints

	// Sensitive is the shape's own trait: its whole value is never printed.
	Sensitive bool
	// ContainsSensitive reports that printing a value of this type must redact something.
	ContainsSensitive bool
	Error             *ErrorTrait // non-nil for error shapes
	Streaming         bool        // a blob or event stream sent as the body
	RequiresLength    bool
	EventStream       bool
	Event             bool
	// Payload is the member bound to the HTTP body (the structure's payload trait).
	Payload *Member
	// XMLRootValue (an XML output, from a customization) is the member whose value is
	// the response's root element itself, not a child of it (S3 GetBucketLocation's
	// <LocationConstraint>us-west-2</LocationConstraint>).
	XMLRootValue    *Member
	TimestampFormat string // the shape's own timestampFormat
	Sparse          bool   // lists and maps: elements may be null (pointers)
	Flattened       bool
	Wrapper         bool
	XMLName         string // locationName of the shape
	XMLNamespace    *XMLNamespace
	Recursive       bool // the shape is part of a cycle
	Deprecated      bool
	DeprecatedMsg   string

	// UnknownGoName is the union's type for a member unknown to this client.
	UnknownGoName string

	// Retired are fields a lock file (generator/lock) keeps after the model dropped
	// their members: declared, deprecated, and neither sent nor read nor checked.
	Retired []*Member
	// RetiredEnum are constants a lock file keeps after the model dropped their
	// values: declared and deprecated, left out of Values().
	RetiredEnum []EnumValue
}

// EnumValue is one value of an enum and its Go constant name.
type EnumValue struct {
	Value  string
	GoName string
}

// ErrorTrait describes an error shape.
type ErrorTrait struct {
	Code       string // error.code, else the shape name
	HTTPStatus int    // error.httpStatusCode, else 400 for client errors and 500 for faults
	Fault      Fault
	Retryable  bool
	Throttling bool
	// MessageField is the Go field holding the error's message: the member named
	// "message" (any case) when the shape has one, else a field the generator adds,
	// MessageSynthetic set.
	MessageField     string
	MessageSynthetic bool
}

// Fault says who is to blame for an error.
type Fault int

// Faults.
const (
	FaultClient Fault = iota
	FaultServer
)

// Location is where a member is bound in an HTTP message.
type Location int

// Locations.
const (
	InBody       Location = iota // a member of the JSON/XML body document
	InURI                        // a uri label
	InQuery                      // a query string parameter (or a map of them)
	InHeader                     // one header
	InHeaders                    // a map of headers sharing a prefix
	InStatusCode                 // the response status code
	InPayload                    // the whole body (the structure's payload member)
)

var locationNames = [...]string{"body", "uri", "querystring", "header", "headers", "statusCode", "payload"}

func (l Location) String() string { return locationNames[l] }

// Member is a structure member, a list element, or a map key or value.
type Member struct {
	Name   string // model name ("member", "key", "value" for collections)
	GoName string // struct field name (union: the variant suffix)
	// VariantGoName is, for a union member, the Go type of the variant
	// (<Union>Member<GoName>) in the types package.
	VariantGoName string
	Pos           diag.Pos
	Doc           string
	Shape         *Shape
	Parent        *Shape

	Required bool
	// Pointer is the Go representation decision: the field's type is *T. Set for
	// optional scalars and every structure; for collection elements only when sparse.
	Pointer bool
	// Sensitive: printing this member prints "*** sensitive ***".
	Sensitive bool
	// Recursive: the member's shape can reach the member's parent (a cycle).
	Recursive bool

	// DefaultTimestamp: a timestamp member whose format is the protocol's body default,
	// not one the model gives (a collection bound to a header or the query string
	// then uses that binding's default for its elements).
	DefaultTimestamp bool

	Location     Location
	LocationName string // wire name: body key, label, query key, header name or prefix
	// WireName is the body key: locationName when set, else the member name.
	WireName  string
	QueryName string // ec2: the key in a request (queryName, else WireName capitalized)

	IdempotencyToken bool
	JSONValue        bool // a string holding JSON, base64-encoded in headers
	HostLabel        bool
	ContextParam     string // endpoint parameter bound to this member
	EventPayload     bool
	Streaming        bool
	XMLAttribute     bool
	Flattened        bool
	XMLNamespace     *XMLNamespace
	Deprecated       bool
	DeprecatedMsg    string
	// TimestampFormat is the format that applies where the member is bound: the
	// member's, else its shape's, else the default for its location and the protocol
	// (headers http-date, uri and query date-time, JSON body epoch-seconds, XML and
	// query bodies date-time). Empty for non-timestamps.
	TimestampFormat string

	// Constraints that apply to this member's values (the shape's, plus an inline enum).
	Constraints Constraints

	// TrimPrefixes (an input member, from a customization): a value that starts with
	// one of them is sent without it (Route 53's "/hostedzone/Z1" is sent as "Z1").
	TrimPrefixes []string
	// Default (an input member, from a customization) is sent when the value is
	// empty (Glacier's accountId "-": the account of the credentials).
	Default string
}

// Header is one request header.
type Header struct{ Name, Value string }

// Timestamp formats.
const (
	EpochSeconds = "unixTimestamp"
	DateTime     = "iso8601"
	HTTPDate     = "rfc822"
)

// XMLNamespace is an xmlNamespace trait.
type XMLNamespace struct{ Prefix, URI string }

// Constraints are the checks a validator applies to one value.
type Constraints struct {
	// Length bounds the length: runes of a string, bytes of a blob, items of a list
	// or map. Nil when unbounded.
	MinLength, MaxLength *int64
	// Range bounds a number. Nil when unbounded.
	Min, Max *float64
	Pattern  *Pattern
	// Enum lists the allowed values of a string (from the shape or an inline enum).
	Enum []string
}

// IsZero reports that there is nothing to check.
func (c Constraints) IsZero() bool {
	return c.MinLength == nil && c.MaxLength == nil && c.Min == nil && c.Max == nil && c.Pattern == nil && len(c.Enum) == 0
}

// PatternKind says how a pattern is checked.
type PatternKind int

// Pattern kinds.
const (
	PatternNative      PatternKind = iota // compiled as written
	PatternTranslated                     // compiled after an exact translation to RE2
	PatternUnsupported                    // not checked; the generated code says so
	// PatternBacktracking: RE2 cannot check it; Go holds an exact rewrite for regexp2
	// (runtime/validate/backtrack).
	PatternBacktracking
)

// Pattern is a model pattern, shared by every shape that has the same source.
type Pattern struct {
	Source string
	Kind   PatternKind
	Go     string // the expression compiled (Native: Source; Backtracking: for regexp2)
	// MinLength and MaxLength are an extra length check (in runes) that replaces a
	// repeat count RE2 cannot express. Nil when none.
	MinLength, MaxLength *int64
	// TrimEOL: the length check does not count one final line terminator (the
	// rewrite of a length lookahead, see pattern.Result.TrimEOL).
	TrimEOL bool
	Reason  string // why it was translated or left unchecked
	VarName string // package-level variable holding the compiled regexp
	Pos     diag.Pos
}

// ContextParam is a client context parameter (endpoint rules input set on the client).
type ContextParam struct {
	Name   string
	GoName string
	Type   string // "string" or "boolean"
	Doc    string
}

// StaticContextParam is an endpoint parameter that an operation fixes.
type StaticContextParam struct {
	Name  string
	Value any // string, bool or []string
}

// PathContextParam binds an endpoint parameter to a path in the input.
type PathContextParam struct {
	Name string
	Path string
}

// Paginator describes how to page through an operation's results.
type Paginator struct {
	Operation *Operation
	GoName    string // New<Op>Paginator's type: <Op>Paginator
	// InputToken and OutputToken are the members carrying the page token; they pair
	// up by index. OutputToken entries are paths into the output ("NextMarker",
	// "Contents[-1].Key", "a || b"), as in the model.
	InputToken  []*Member
	OutputToken []string
	// OutputTokenMembers holds, for each OutputToken that is a plain member name, the
	// output member; nil where the token is a path expression.
	OutputTokenMembers []*Member
	LimitKey           *Member // nil when the operation has no page-size member
	ResultKey          []string
	ResultKeyMembers   []*Member
	MoreResults        string
	NonAggregateKeys   []string
}

// Waiter polls an operation until its acceptors say the resource is in a state.
type Waiter struct {
	Name      string // as in waiters-2.json: TableExists
	GoName    string // the waiter's type: TableExistsWaiter
	Operation *Operation
	Doc       string // the model's description; may be empty
	// Delay is the model's delay in seconds: the waiter's minimum delay.
	Delay       int
	MaxAttempts int
	Acceptors   []*Acceptor
}

// Acceptor is one acceptor of a waiter, checked by resolve: a path matcher's argument
// compiles against the output (generator/jmespath).
type Acceptor struct {
	State    string // success, failure or retry
	Matcher  string // path, pathAll, pathAny, status or error
	Argument string // JMESPath, for path, pathAll and pathAny
	// Expected is a string (path matchers, error codes), a float64 (path matchers,
	// status) or a bool (path matchers; error: true for any error, false for none).
	Expected any
}

// Children are the members of a structure or union, and the element, key and value of
// a list or map.
func (s *Shape) Children() []*Member {
	out := append([]*Member(nil), s.Members...)
	for _, m := range []*Member{s.Elem, s.Key, s.Value} {
		if m != nil {
			out = append(out, m)
		}
	}
	return out
}
