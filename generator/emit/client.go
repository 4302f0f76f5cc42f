package emit

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"unicode/utf8"

	"github.com/dave/jennifer/jen"
	"github.com/svcgen/svcgen/generator/ir"
)

const (
	clientRTPath  = runtimePath + "/client"
	endpointsPath = runtimePath + "/endpoints"
	awsPath       = "github.com/aws/aws-sdk-go-v2/aws"
)

// ruleSetFile is the name of the endpoint rule set file beside a model.
const ruleSetFile = "endpoint-rule-set-1.json"

// stringLit is s as a Go string literal: one, or pieces joined with + whose quoted
// form is at most width bytes long (a piece never splits a UTF-8 character, so the
// pieces quote as the text they hold).
func stringLit(s string, width int) *jen.Statement {
	var pieces []string
	start, n := 0, 0
	for i := 0; i < len(s); {
		_, size := utf8.DecodeRuneInString(s[i:])
		w := len(strconv.Quote(s[i:i+size])) - 2
		if n+w > width && n > 0 {
			pieces = append(pieces, s[start:i])
			start, n = i, 0
		}
		n += w
		i += size
	}
	pieces = append(pieces, s[start:])
	out := jen.Lit(pieces[0])
	for _, p := range pieces[1:] {
		out.Op("+").Line().Lit(p)
	}
	return out
}

// supportsClient reports whether the generator has a client for the protocol (and,
// when hasServer, a server).
func (g *gen) supportsClient() bool { return g.proto != nil }

// clientFile writes client.go: Options, Client, New, NewFromConfig and one method per
// operation.
func (g *gen) clientFile() {
	f := g.newFile(g.cfg.ImportPath, g.svc.Package)
	f.ImportName(clientRTPath, "client")
	f.ImportName(endpointsPath, "endpoints")
	f.ImportName(awsPath, "aws")
	g.optionsType(f)
	g.clientType(f)
	for _, op := range g.svc.Operations {
		g.operationMethod(f, op)
		g.presignMethod(f, op)
	}
	g.render("client.go", f)
}

// optionsType declares Options.
func (g *gen) optionsType(f *jen.File) {
	f.Comment("ServiceID is the service's identifier in the model.")
	f.Const().Id("ServiceID").Op("=").Lit(g.svc.ServiceID)
	f.Comment("ServiceAPIVersion is the API version the package was generated from.")
	f.Const().Id("ServiceAPIVersion").Op("=").Lit(g.svc.APIVersion)
	f.Line()
	f.Comment("Options configure a Client.")
	f.Type().Id("Options").Struct(
		fieldDoc("Region is the AWS Region the client calls and signs for.").Id("Region").String(),
		fieldDoc("BaseEndpoint overrides the endpoint (\"https://localhost:8080\"); empty resolves it from the service's endpoint rules.").Id("BaseEndpoint").String(),
		fieldDoc("UseFIPS selects a FIPS endpoint.").Id("UseFIPS").Bool(),
		fieldDoc("UseDualStack selects a dual-stack (IPv4 and IPv6) endpoint.").Id("UseDualStack").Bool(),
		fieldDoc("Credentials sign requests; nil sends them unsigned. They are retrieved on every call, so wrap slow providers in aws.NewCredentialsCache.").Id("Credentials").Qual(awsPath, "CredentialsProvider"),
		fieldDoc("HTTPClient sends the requests; nil uses a shared *http.Client.").Id("HTTPClient").Qual(awsPath, "HTTPClient"),
		fieldDoc("RetryMaxAttempts is how many times a call is attempted, the first included (default 3). Throttling, server faults, 5xx and connection errors are retried with exponential backoff and jitter, while the client's retry quota lasts (the AWS SDKs' standard mode: 500 tokens, a retry takes 5, 10 after a timeout, a success gives them back). A request turned down for a skewed clock is signed again once with the service's time, which the client keeps.").Id("RetryMaxAttempts").Int(),
		fieldDoc("RetryMaxBackoff caps the wait between attempts (default 20s).").Id("RetryMaxBackoff").Qual("time", "Duration"),
		fieldDoc("AppID names the application in the User-Agent header (\"app/<AppID>\").").Id("AppID").String(),
		fieldDoc("Logger receives, at Debug level, the lines ClientLogMode asks for: slogger.New(l) (package github.com/svcgen/svcgen/runtime/client/slogger) for a *slog.Logger, client.SmithyLogger(l) for aws-sdk-go-v2's logging.Logger; nil logs nothing. A program that does not log to log/slog does not link it.").Id("Logger").Qual(clientRTPath, "Logger"),
		fieldDoc("ClientLogMode selects what Logger gets: aws.LogRequest, LogRequestWithBody, LogResponse, LogResponseWithBody, LogRetries, LogSigning (0, the default, logs nothing). Signatures, session tokens and sensitive members are never logged: the bodies of an operation with a sensitive member are left out, and the line says so.").Id("ClientLogMode").Qual(awsPath, "ClientLogMode"),
		fieldDoc("Hooks wrap calls: Call runs once around a call and its retries (a tracing span); on every attempt, BeforeSign can add headers (they are signed and sent) and Send wraps the send (metrics). Each gets the operation's name and the input (see client.Hooks).").Id("Hooks").Qual(clientRTPath, "Hooks"),
		jen.Add(g.customOptionFields()...),
		jen.Add(g.clientContextFields()...),
		jen.Add(g.tokenProviderField()),
	)
	f.Line()
}

// tokenProviderField is the Options field of the idempotency token provider, for a
// service whose inputs have idempotency tokens.
func (g *gen) tokenProviderField() jen.Code {
	if !g.hasIdempotencyTokens() {
		return jen.Null()
	}
	return jen.Line().Add(fieldDoc("IdempotencyTokenProvider makes the idempotency tokens a call leaves nil; nil makes random (version 4) UUIDs.")).Id("IdempotencyTokenProvider").Qual(clientRTPath, "IdempotencyTokenProvider")
}

// clientType declares Client, New and NewFromConfig.
func (g *gen) clientType(f *jen.File) {
	f.Comment("Client calls the " + g.svc.FullName + " API. It is safe for concurrent use.")
	f.Type().Id("Client").Struct(
		jen.Id("options").Id("Options"),
		jen.Id("config").Qual(clientRTPath, "Config"),
		jen.Id("configErr").Error(),
	)
	f.Line()
	f.Comment("New returns a client configured by o. The endpoint is resolved here, once.")
	f.Func().Id("New").Params(jen.Id("o").Id("Options")).Op("*").Id("Client").Block(
		jen.Id("c").Op(":=").Op("&").Id("Client").Values(jen.Dict{jen.Id("options"): jen.Id("o")}),
		jen.List(jen.Id("c").Dot("config"), jen.Id("c").Dot("configErr")).Op("=").Id("o").Dot("config").Call(),
		jen.Return(jen.Id("c")),
	)
	f.Line()
	f.Comment("NewFromConfig returns a client configured by an aws.Config (as config.LoadDefaultConfig\nmakes it: region, credentials, HTTP client, base endpoint, retry attempts, log mode),\nthen by optFns. With a ClientLogMode (the aws.Config's or one optFns set) and no\nLogger from optFns, the lines go to the aws.Config's Logger (each a Debug line:\nmessage and key=\"value\" attributes).")
	f.Func().Id("NewFromConfig").Params(jen.Id("cfg").Qual(awsPath, "Config"), jen.Id("optFns").Op("...").Func().Params(jen.Op("*").Id("Options"))).Op("*").Id("Client").Block(
		jen.Id("o").Op(":=").Id("Options").Values(jen.Dict{
			jen.Id("Region"):           jen.Id("cfg").Dot("Region"),
			jen.Id("Credentials"):      jen.Id("cfg").Dot("Credentials"),
			jen.Id("HTTPClient"):       jen.Id("cfg").Dot("HTTPClient"),
			jen.Id("RetryMaxAttempts"): jen.Id("cfg").Dot("RetryMaxAttempts"),
			jen.Id("AppID"):            jen.Id("cfg").Dot("AppID"),
			jen.Id("ClientLogMode"):    jen.Id("cfg").Dot("ClientLogMode"),
		}),
		lines(g.customFromConfig()),
		jen.If(jen.Id("cfg").Dot("BaseEndpoint").Op("!=").Nil()).Block(jen.Id("o").Dot("BaseEndpoint").Op("=").Op("*").Id("cfg").Dot("BaseEndpoint")),
		jen.Qual(clientRTPath, "ApplyConfigSources").Call(jen.Id("cfg").Dot("ConfigSources"), jen.Op("&").Id("o").Dot("UseFIPS"), jen.Op("&").Id("o").Dot("UseDualStack")),
		jen.For(jen.List(jen.Id("_"), jen.Id("fn")).Op(":=").Range().Id("optFns")).Block(jen.Id("fn").Call(jen.Op("&").Id("o"))),
		jen.If(jen.Id("o").Dot("Logger").Op("==").Nil().Op("&&").Id("o").Dot("ClientLogMode").Op("!=").Lit(0).Op("&&").Id("cfg").Dot("Logger").Op("!=").Nil()).Block(
			jen.Id("o").Dot("Logger").Op("=").Qual(clientRTPath, "SmithyLogger").Call(jen.Id("cfg").Dot("Logger"))),
		jen.Return(jen.Id("New").Call(jen.Id("o"))),
	)
	f.Line()
	f.Comment("Options returns a copy of the client's options.")
	f.Func().Params(jen.Id("c").Op("*").Id("Client")).Id("Options").Params().Id("Options").Block(jen.Return(jen.Id("c").Dot("options")))
	f.Line()
	g.configFunc(f)
	f.Comment("callConfig is the client's configuration, or a new one when a call adjusts the options.")
	f.Func().Params(jen.Id("c").Op("*").Id("Client")).Id("callConfig").Params(jen.Id("optFns").Index().Func().Params(jen.Op("*").Id("Options"))).Params(jen.Op("*").Qual(clientRTPath, "Config"), jen.Error()).Block(
		jen.If(jen.Len(jen.Id("optFns")).Op("==").Lit(0)).Block(jen.Return(jen.Op("&").Id("c").Dot("config"), jen.Id("c").Dot("configErr"))),
		jen.Id("o").Op(":=").Id("c").Dot("options"),
		jen.For(jen.List(jen.Id("_"), jen.Id("fn")).Op(":=").Range().Id("optFns")).Block(jen.Id("fn").Call(jen.Op("&").Id("o"))),
		jen.List(jen.Id("cfg"), jen.Err()).Op(":=").Id("o").Dot("config").Call(),
		jen.Id("cfg").Dot("State").Op("=").Id("c").Dot("config").Dot("State").Comment("the client's retry quota, clock offset and discovered endpoints"),
		jen.Return(jen.Op("&").Id("cfg"), jen.Err()),
	)
	f.Line()
}

// configFunc declares Options.config: the runtime configuration, with the endpoint
// resolved from the rule set (or BaseEndpoint when there is none).
func (g *gen) configFunc(f *jen.File) {
	svc := g.svc
	fields := jen.Dict{
		jen.Id("ServiceID"):        jen.Id("ServiceID"),
		jen.Id("SigningName"):      jen.Lit(svc.SigningName),
		jen.Id("Region"):           jen.Id("o").Dot("Region"),
		jen.Id("Endpoint"):         jen.Id("o").Dot("BaseEndpoint"),
		jen.Id("Credentials"):      jen.Id("o").Dot("Credentials"),
		jen.Id("HTTPClient"):       jen.Id("o").Dot("HTTPClient"),
		jen.Id("RetryMaxAttempts"): jen.Id("o").Dot("RetryMaxAttempts"),
		jen.Id("RetryMaxBackoff"):  jen.Id("o").Dot("RetryMaxBackoff"),
		jen.Id("Signer"):           jen.Qual(clientRTPath, "NewSigner").Call(),
		jen.Id("State"):            jen.Qual(clientRTPath, "NewState").Call(),
		jen.Id("UserAgent"):        jen.Qual(clientRTPath, "UserAgent").Call(jen.Id("ServiceID"), jen.Id("ServiceAPIVersion"), jen.Id("o").Dot("AppID")),
		jen.Id("Logger"):           jen.Id("o").Dot("Logger"),
		jen.Id("LogMode"):          jen.Id("o").Dot("ClientLogMode"),
		jen.Id("Hooks"):            jen.Id("o").Dot("Hooks"),
	}
	g.customConfigFields(fields)
	if g.hasIdempotencyTokens() {
		fields[jen.Id("IdempotencyTokenProvider")] = jen.Id("o").Dot("IdempotencyTokenProvider")
	}
	g.proto.clientConfig(fields)
	if svc.S3() {
		// S3 checks the payload hash the signature covers against this header
		fields[jen.Id("ContentSHA256")] = jen.True()
	}
	base := jen.Qual(clientRTPath, "Config").Values(fields)
	body := []jen.Code{jen.Id("cfg").Op(":=").Add(base)}
	if svc.RuleSet != nil {
		body = append(body,
			jen.Err().Op(":=").Qual(clientRTPath, "ResolveEndpoint").Call(jen.Op("&").Id("cfg"), jen.Id("ruleSet").Call(), jen.Qual(clientRTPath, "EndpointParams").Values(g.endpointParams())),
			jen.Return(jen.Id("cfg"), jen.Err()),
		)
	} else {
		body = append(body, jen.Return(jen.Id("cfg"), jen.Nil()))
	}
	f.Func().Params(jen.Id("o").Id("Options")).Id("config").Params().Params(jen.Qual(clientRTPath, "Config"), jen.Error()).Block(body...)
	f.Line()
	g.serviceHeadersVar(f)
	if op := g.discoveryOperation(); op != nil {
		g.describeEndpointsFunc(f, op)
	}
	if svc.RuleSet != nil {
		if svc.RuleSetData == nil {
			g.fail(errors.New(ruleSetFile + ": the rule set was not compiled (resolve.Resolve compiles it)"))
			return
		}
		sum := sha256.Sum256(svc.RuleSet)
		f.Add(docComment(fmt.Sprintf("ruleSetData is the service's endpoint rules (%s, sha256 %x) compiled by svcgen into the binary form of package endpoints: decoding it links no rule set compiler.", ruleSetFile, sum)))
		f.Const().Id("ruleSetData").Op("=").Add(stringLit(string(svc.RuleSetData), 72))
		f.Line()
		f.Comment("ruleSet is the service's endpoint rules, decoded on first use, with the functions they call.")
		ruleSetArgs := []jen.Code{jen.Id("ruleSetData")}
		for _, fn := range svc.RuleSetFuncs {
			ruleSetArgs = append(ruleSetArgs, jen.Qual(endpointsPath, fn))
		}
		f.Var().Id("ruleSet").Op("=").Qual("sync", "OnceValue").Call(jen.Func().Params().Op("*").Qual(endpointsPath, "RuleSet").Block(
			jen.Return(jen.Qual(endpointsPath, "MustDecode").Custom(jen.Options{Open: "(", Close: ")", Separator: ",", Multi: len(ruleSetArgs) > 2}, ruleSetArgs...)),
		))
		f.Line()
		if g.bindsEndpointParams() {
			f.Comment("endpointCache holds the endpoints resolved for operations that bind endpoint parameters.")
			f.Var().Id("endpointCache").Op("=").Qual("sync", "OnceValue").Call(jen.Func().Params().Op("*").Qual(endpointsPath, "Cache").Block(
				jen.Return(jen.Qual(endpointsPath, "NewCache").Call(jen.Id("ruleSet").Call(), jen.Lit(64))),
			))
			f.Line()
		}
	}
}

// operationMethod declares the client's method for one operation.
//
//	func (c *Client) Op(ctx context.Context, params *OpInput, optFns ...func(*Options)) (*OpOutput, error)
func (g *gen) operationMethod(f *jen.File, op *ir.Operation) {
	in, out := op.Input.GoName, op.Output.GoName
	opVar := "op" + op.GoName
	f.Var().Id(opVar).Op("=").Qual(clientRTPath, "Operation").Values(g.operationDict(op))
	doc := op.GoName + " calls the " + op.Name + " operation."
	if op.Doc != "" {
		doc += "\n\n" + op.Doc
	}
	f.Add(docComment(doc))
	f.Func().Params(jen.Id("c").Op("*").Id("Client")).Id(op.GoName).Params(
		jen.Id("ctx").Qual("context", "Context"), jen.Id("params").Op("*").Id(in), jen.Id("optFns").Op("...").Func().Params(jen.Op("*").Id("Options")),
	).Params(jen.Op("*").Id(out), jen.Error()).Block(
		jen.If(jen.Id("params").Op("==").Nil()).Block(jen.Id("params").Op("=").Op("&").Id(in).Values()),
		lines(g.inputCustomizations(op)),
		jen.List(jen.Id("cfg"), jen.Err()).Op(":=").Id("c").Dot("callConfig").Call(jen.Id("optFns")),
		g.operationEndpoint(op),
		jen.If(jen.Err().Op("==").Nil()).Block(jen.Err().Op("=").Id("params").Dot("validateRequest").Call()),
		g.discoverEndpoint(op),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Qual(clientRTPath, "OperationError").Call(jen.Id("ServiceID"), jen.Lit(op.Name), jen.Err()))),
		jen.Id("out").Op(":=").Op("&").Id(out).Values(),
		jen.If(jen.Err().Op(":=").Qual(clientRTPath, "Call").Call(jen.Id("ctx"), jen.Id("cfg"), jen.Op("&").Id(opVar), jen.Id("params"), jen.Id("out"),
			jen.Id("serialize"+op.GoName), jen.Id("deserialize"+op.GoName), jen.Id("decodeError")), jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Nil(), jen.Err()),
		),
		jen.Return(jen.Id("out"), jen.Nil()),
	)
	f.Line()
}

func (g *gen) operationDict(op *ir.Operation) jen.Dict {
	d := jen.Dict{jen.Id("Name"): jen.Lit(op.Name)}
	if op.Unsigned {
		d[jen.Id("Unsigned")] = jen.True()
	}
	if op.ChecksumRequired {
		d[jen.Id("ChecksumRequired")] = jen.True()
	}
	if c := op.Checksum; c != nil {
		d[jen.Id("Checksum")] = jen.Op("&").Qual(clientRTPath, "HTTPChecksum").Values(httpChecksumDict(c))
	}
	for _, m := range op.Input.Members {
		// S3 refuses a chunked upload: a stream of unknown length is an error.
		if m.Location == ir.InPayload && m.Streaming && (m.Shape.RequiresLength || g.svc.S3()) {
			d[jen.Id("RequiresLength")] = jen.True()
		}
	}
	if compresses(op) {
		d[jen.Id("Compress")] = jen.Qual(clientRTPath, "GzipRequest")
	}
	for _, m := range op.Output.Members {
		if m.Location == ir.InPayload && m.Streaming || isEventStream(m) {
			d[jen.Id("StreamingOutput")] = jen.True()
		}
	}
	if se := statusErrors(op); len(se) > 0 {
		d[jen.Id("StatusErrors")] = jen.Map(jen.Int()).String().Values(se)
	}
	sensitiveDict(op, d)
	return d
}

// sensitiveDict tells the runtime's logging what it must not print: the bodies of an
// operation whose input, output or errors hold a sensitive member, the headers bound
// to sensitive members, and the URL when one is bound to the path or query.
func sensitiveDict(op *ir.Operation, d jen.Dict) {
	isSensitive := func(m *ir.Member) bool {
		return m.Sensitive || m.Shape.Sensitive || m.Shape.ContainsSensitive
	}
	shapes := append([]*ir.Shape{op.Input, op.Output}, op.Errors...)
	var headers []jen.Code
	seen := map[string]bool{}
	found, url := false, false
	for _, s := range shapes {
		if s == nil {
			continue
		}
		for _, m := range s.Members {
			if !isSensitive(m) {
				continue
			}
			found = true
			name := ""
			switch m.Location {
			case ir.InHeader:
				name = http.CanonicalHeaderKey(m.LocationName)
			case ir.InHeaders:
				name = http.CanonicalHeaderKey(m.LocationName) + "*"
			case ir.InURI, ir.InQuery:
				url = true
			}
			if name != "" && !seen[name] {
				seen[name] = true
				headers = append(headers, jen.Lit(name))
			}
		}
	}
	if found {
		d[jen.Id("Sensitive")] = jen.True()
	}
	if len(headers) > 0 {
		d[jen.Id("SensitiveHeaders")] = jen.Index().String().Values(headers...)
	}
	if url {
		d[jen.Id("SensitiveURL")] = jen.True()
	}
}

// statusErrors maps each HTTP status that exactly one of a HEAD operation's modeled
// errors has to that error's code: the answer to a HEAD request has no body, so its
// status is all that tells the errors apart (S3's HeadObject: 404 is NoSuchKey). Other
// operations' errors carry their code.
func statusErrors(op *ir.Operation) jen.Dict {
	if op.HTTP.Method != "HEAD" {
		return nil
	}
	codes := map[int][]string{}
	for _, e := range op.Errors {
		if e.Error != nil {
			codes[e.Error.HTTPStatus] = append(codes[e.Error.HTTPStatus], e.Error.Code)
		}
	}
	d := jen.Dict{}
	for status, c := range codes {
		if len(c) == 1 {
			d[jen.Lit(status)] = jen.Lit(c[0])
		}
	}
	return d
}

// httpChecksumDict is the runtime's HTTPChecksum of an operation's httpChecksum trait.
func httpChecksumDict(c *ir.HTTPChecksum) jen.Dict {
	d := jen.Dict{}
	if c.RequestRequired {
		d[jen.Id("Required")] = jen.True()
	}
	if m := c.AlgorithmMember; m != nil {
		d[jen.Id("AlgorithmHeader")] = headerName(m)
	}
	if m := c.ValidationModeMember; m != nil && len(c.ResponseAlgorithms) > 0 {
		d[jen.Id("ModeHeader")] = headerName(m)
		var algs []jen.Code
		for _, a := range c.ResponseAlgorithms {
			algs = append(algs, jen.Lit(a))
		}
		d[jen.Id("ResponseAlgorithms")] = jen.Index().String().Values(algs...)
	}
	return d
}

// operationEndpoint resolves the endpoint per call for an operation that binds endpoint
// parameters: its static context params, input members marked contextParam, and
// operation context params (the JMESPath subset of contextpath.go).
func (g *gen) operationEndpoint(op *ir.Operation) jen.Code {
	sets := g.endpointSets(op)
	if len(sets) == 0 {
		return jen.Null()
	}
	return jen.If(jen.Err().Op("==").Nil().Op("||").Qual(clientRTPath, "IsEndpointError").Call(jen.Err())).Block(
		jen.List(jen.Id("cfg"), jen.Err()).Op("=").Qual(clientRTPath, "OperationEndpoint").Call(jen.Id("cfg"), jen.Id("ruleSet").Call(), jen.Id("endpointCache").Call(),
			jen.Func().Params(jen.Id("rs").Op("*").Qual(endpointsPath, "RuleSet"), jen.Id("v").Op("*").Qual(endpointsPath, "Values")).Block(sets...)),
	)
}

// endpointSets are the statements that set an operation's endpoint parameters.
func (g *gen) endpointSets(op *ir.Operation) []jen.Code {
	if g.svc.RuleSet == nil {
		return nil
	}
	var sets []jen.Code
	rs, v := jen.Id("rs"), jen.Id("v")
	for _, p := range op.StaticContextParams {
		switch val := p.Value.(type) {
		case string:
			sets = append(sets, jen.Qual(clientRTPath, "SetString").Call(rs, v, jen.Lit(p.Name), jen.Lit(val)))
		case bool:
			sets = append(sets, jen.Qual(clientRTPath, "SetBool").Call(rs, v, jen.Lit(p.Name), jen.Lit(val)))
		case []string:
			var lits []jen.Code
			for _, s := range val {
				lits = append(lits, jen.Lit(s))
			}
			sets = append(sets, jen.Qual(clientRTPath, "SetStrings").Call(rs, v, jen.Lit(p.Name), jen.Index().String().Values(lits...)))
		}
	}
	bind := func(name string, m *ir.Member, x *jen.Statement) {
		var set string
		switch m.Shape.Kind {
		case ir.String, ir.Enum:
			set = "SetString"
		case ir.Boolean:
			set = "SetBool"
		default:
			return
		}
		val := deref(m, x.Clone())
		if m.Shape.Kind == ir.Enum {
			val = jen.String().Parens(val)
		}
		call := jen.Qual(clientRTPath, set).Call(rs, v, jen.Lit(name), val)
		if m.Pointer {
			sets = append(sets, jen.If(x.Clone().Op("!=").Nil()).Block(call))
		} else {
			sets = append(sets, call)
		}
	}
	for _, m := range op.Input.Members {
		if m.ContextParam != "" {
			bind(m.ContextParam, m, jen.Id("params").Dot(m.GoName))
		}
	}
	for _, p := range op.ContextParams {
		if set := g.contextPathSet(op, p.Name, p.Path); set != nil {
			sets = append(sets, set)
		}
	}
	return sets
}

// bindsEndpointParams reports whether any operation resolves its endpoint per call.
func (g *gen) bindsEndpointParams() bool {
	for _, op := range g.svc.Operations {
		if len(g.endpointSets(op)) > 0 {
			return true
		}
	}
	return false
}

// clientContextFields are the Options fields of the service's client context params
// (endpoint rules inputs set on the client, as s3's ForcePathStyle); nil leaves the
// rules' default.
func (g *gen) clientContextFields() []jen.Code {
	if g.svc.RuleSet == nil {
		return nil
	}
	var out []jen.Code
	for _, p := range g.svc.ClientContextParams {
		t := jen.String()
		if p.Type == "boolean" {
			t = jen.Bool()
		}
		doc := p.GoName + " is the endpoint parameter " + p.Name + "; nil leaves the rules' default."
		if p.Doc != "" {
			doc += "\n\n" + p.Doc
		}
		out = append(out, jen.Line().Add(fieldDoc(doc)).Id(p.GoName).Op("*").Add(t))
	}
	return out
}

// endpointParams are the endpoint parameters Options set.
func (g *gen) endpointParams() jen.Dict {
	d := jen.Dict{
		jen.Id("Region"):       jen.Id("o").Dot("Region"),
		jen.Id("UseFIPS"):      jen.Id("o").Dot("UseFIPS"),
		jen.Id("UseDualStack"): jen.Id("o").Dot("UseDualStack"),
		jen.Id("Endpoint"):     jen.Id("o").Dot("BaseEndpoint"),
	}
	if len(g.svc.ClientContextParams) > 0 {
		d[jen.Id("Client")] = g.clientContextSetter()
	}
	return d
}

// clientContextSetter sets the client context params from Options.
func (g *gen) clientContextSetter() jen.Code {
	var sets []jen.Code
	for _, p := range g.svc.ClientContextParams {
		set := "SetString"
		if p.Type == "boolean" {
			set = "SetBool"
		}
		x := jen.Id("o").Dot(p.GoName)
		sets = append(sets, jen.If(x.Clone().Op("!=").Nil()).Block(
			jen.Qual(clientRTPath, set).Call(jen.Id("rs"), jen.Id("v"), jen.Lit(p.Name), jen.Op("*").Add(x.Clone()))))
	}
	return jen.Func().Params(jen.Id("rs").Op("*").Qual(endpointsPath, "RuleSet"), jen.Id("v").Op("*").Qual(endpointsPath, "Values")).Block(sets...)
}
