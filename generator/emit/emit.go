// Package emit writes the Go packages of a resolved service: one small function per
// construct, built with jennifer, gofmt'd once per file.
//
// Files of a package <pkg> (paths relative to the output directory):
//
//	doc.go, operations.go                 package <pkg>: inputs, outputs, validators
//	types/*.go                            structures, enums, unions, documents, errors
//	internal/validators/validators.go     rules, patterns and check functions
package emit

import (
	"bytes"
	"errors"
	"fmt"
	"go/format"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"text/template"

	"github.com/dave/jennifer/jen"
	"github.com/svcgen/svcgen/generator/ir"
	"github.com/svcgen/svcgen/templates"
)

// GCPercent is the garbage collector target the svcgen command runs with (unless GOGC
// is set): generating allocates much short-lived memory, and collecting less often makes
// it about a quarter faster for about twice the peak memory (under 600 MiB for the
// 60-model corpus).
const GCPercent = 300

// Config says where the package goes and which of its parts to write. The zero value
// of the switches writes every part the protocol supports, and no test files.
type Config struct {
	// ImportPath is the Go import path of the output directory.
	ImportPath string
	// ClientOnly leaves out the server package (server/).
	ClientOnly bool
	// ServerOnly leaves out the client: client.go, paginators.go and serializers.go.
	// The root package keeps the inputs, outputs and validators the server uses, and
	// internal/serde the encoders and decoders. It is an error for a protocol svcgen
	// generates no server for, and together with ClientOnly.
	ServerOnly bool
	// Tests adds the generated packages' own tests (the patterns compile, in
	// internal/validators/validators_test.go): svcgen's checks of its output, which a
	// user's tree need not carry.
	Tests bool
}

// ErrNoServer is the error of Config.ServerOnly for a protocol svcgen does not serve.
var ErrNoServer = errors.New("svcgen does not generate a server")

// File is one generated file, by its path relative to the output directory.
type File struct {
	Path string
	Data []byte
}

// Generate emits every file of the service's packages, sorted by path.
func Generate(svc *ir.Service, cfg Config) ([]File, error) {
	g := &gen{
		svc:            svc,
		cfg:            cfg,
		typesPath:      cfg.ImportPath + "/types",
		validatorsPath: cfg.ImportPath + "/" + validatorsRel,
	}
	if cfg.ClientOnly && cfg.ServerOnly {
		return nil, errors.New("ClientOnly and ServerOnly exclude each other: leave both unset for a client and a server")
	}
	g.proto = protocolFor(g)
	if cfg.ServerOnly && !g.hasServer() {
		return nil, fmt.Errorf("%w for the %s protocol", ErrNoServer, svc.Protocol)
	}
	g.checks = g.planChecks()
	g.docFile()
	g.typesFiles()
	g.validatorsFile()
	g.operationsFile()
	if g.supportsClient() {
		g.serdePath = cfg.ImportPath + "/" + serdeRel
		g.serde = g.planSerde()
		if !cfg.ServerOnly {
			g.clientFile()
			g.paginatorsFile()
			g.waitersFile()
			g.serializersFile()
		}
		g.proto.serdeFile()
		if g.hasServer() && !cfg.ClientOnly {
			g.serverFile()
		}
	}
	g.finish()
	sort.Slice(g.files, func(i, j int) bool { return g.files[i].Path < g.files[j].Path })
	return g.files, g.err
}

// finish renders and formats the files, in parallel: formatting is most of the
// generator's time, and one big file (ec2's operations) should not wait for the rest.
func (g *gen) finish() {
	errs := make([]error, len(g.pending))
	g.files = make([]File, len(g.pending))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(g.pending)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				g.files[i], errs[i] = g.pending[i].output()
			}
		}()
	}
	for i := range g.pending {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			g.fail(err)
		}
	}
}

// pendingFile is a file to render (from jennifer) or only to format (from a template).
type pendingFile struct {
	path string
	jen  *jen.File
	src  []byte
}

// output renders and gofmts the file.
func (p pendingFile) output() (File, error) {
	src := p.src
	if p.jen != nil {
		p.jen.NoFormat = true // formatted below, once
		var buf bytes.Buffer
		if err := p.jen.Render(&buf); err != nil {
			return File{Path: p.path}, fmt.Errorf("%s: %w", p.path, err)
		}
		src = buf.Bytes()
	}
	out, err := format.Source(groupImports(src))
	if err != nil {
		return File{Path: p.path, Data: src}, fmt.Errorf("%s: generated code does not parse: %w", p.path, err)
	}
	return File{Path: p.path, Data: out}, nil
}

// groupImports splits the import block of src as goimports groups it: the standard
// library's imports first, then a blank line and the others. It works on the text
// jennifer writes (one import per line in "import (...)", no blank lines or
// comments); format.Source then sorts each group. Anything else is left as it is.
func groupImports(src []byte) []byte {
	start := bytes.Index(src, []byte("\nimport (\n"))
	if start < 0 {
		return src
	}
	start += len("\nimport (\n")
	n := bytes.Index(src[start:], []byte("\n)\n"))
	if n < 0 {
		return src
	}
	block := src[start : start+n+1] // the import lines, each ending in \n
	var std, other []byte
	for len(block) > 0 {
		i := bytes.IndexByte(block, '\n')
		line := block[:i+1]
		block = block[i+1:]
		q := bytes.IndexByte(line, '"')
		if q < 0 || bytes.HasPrefix(bytes.TrimSpace(line), []byte("//")) {
			return src // not the form jennifer writes
		}
		path := line[q+1:]
		if slash := bytes.IndexAny(path, "/\""); slash >= 0 {
			path = path[:slash]
		}
		if bytes.IndexByte(path, '.') < 0 {
			std = append(std, line...)
		} else {
			other = append(other, line...)
		}
	}
	if len(std) == 0 || len(other) == 0 {
		return src
	}
	out := make([]byte, 0, len(src)+1)
	out = append(out, src[:start]...)
	out = append(out, std...)
	out = append(out, '\n')
	out = append(out, other...)
	return append(out, src[start+n+1:]...)
}

type gen struct {
	svc            *ir.Service
	cfg            Config
	proto          protocol       // the service's protocol; nil: no client or server
	routeKeys      map[string]int // operations by route (routeShared)
	typesPath      string
	validatorsPath string
	checks         *checks
	serdePath      string
	serde          *serdePlan
	wirePath       string // the runtime package of the serde functions; "" is jsonwire
	pending        []pendingFile
	xmlTables      []jen.Code // name tables of XML decoders, for the file being written
	files          []File
	err            error
}

var tmpl = templates.Parse(template.FuncMap{"comment": comment})

// comment turns godoc text into // lines.
func comment(text string) string {
	if text == "" {
		return "//"
	}
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if l == "" {
			lines[i] = "//"
		} else {
			lines[i] = "// " + l
		}
	}
	return strings.Join(lines, "\n")
}

// header is the comment every generated file starts with.
func (g *gen) header() string {
	var buf bytes.Buffer
	if err := tmpl.ExecuteTemplate(&buf, "header", g.svc); err != nil {
		panic(err) // the template is fixed: a failure is a bug in it
	}
	return strings.TrimSuffix(buf.String(), "\n")
}

// newFile starts a jennifer file with the generated-code header.
func (g *gen) newFile(path, name string) *jen.File {
	f := jen.NewFilePathName(path, name)
	for _, line := range strings.Split(g.header(), "\n") {
		f.HeaderComment(strings.TrimPrefix(line, "// "))
	}
	f.ImportName(g.typesPath, "types")
	f.ImportName(g.validatorsPath, "validators")
	f.ImportName(validatePath, "validate")
	f.ImportName(validatePath+"/backtrack", "backtrack")
	f.ImportName(redactPath, "redact")
	f.ImportName(documentPath, "document")
	f.ImportName(smithyPath, "smithy")
	f.ImportName(jsonwirePath, "jsonwire")
	f.ImportName(cborwirePath, "cborwire")
	f.ImportName(httpbindPath, "httpbind")
	f.ImportName(clientRTPath, "client")
	f.ImportName(endpointsPath, "endpoints")
	f.ImportName(awsPath, "aws")
	if g.serdePath != "" {
		f.ImportName(g.serdePath, "serde")
		f.ImportName(g.serverSerdePath(), "serverserde")
	}
	return f
}

// render records a jennifer file, to be rendered and formatted by finish.
func (g *gen) render(rel string, f *jen.File) {
	g.pending = append(g.pending, pendingFile{path: rel, jen: f})
}

func (g *gen) fail(err error) {
	if g.err == nil {
		g.err = err
	}
}

// add records a file's source, to be formatted by finish.
func (g *gen) add(rel string, src []byte) {
	g.pending = append(g.pending, pendingFile{path: rel, src: src})
}

// docFile writes doc.go: the package documentation from the service's.
func (g *gen) docFile() {
	svc := g.svc
	doc := "Package " + svc.Package + " is the " + svc.FullName + " API."
	if svc.Doc != "" {
		doc += "\n\n" + svc.Doc
	}
	var buf bytes.Buffer
	err := tmpl.ExecuteTemplate(&buf, "doc", map[string]any{
		"ModelFile": svc.ModelFile, "Checksum": svc.Checksum, "Doc": doc,
		"FullName": svc.FullName, "ServiceID": svc.ServiceID, "APIVersion": svc.APIVersion,
		"Protocol": svc.Protocol, "Package": svc.Package, "Note": g.protocolNote() + g.selectionNote(), "Errors": g.errorsNote(),
		"Required": wrap("Required members: "+requiredRule, 80),
		"Custom":   g.customizationNote(),
	})
	if err != nil {
		g.fail(err)
	}
	g.add("doc.go", buf.Bytes())
}

// errorsNote says what a client's operations return for an error response.
func (g *gen) errorsNote() string {
	if !g.supportsClient() || g.cfg.ServerOnly {
		return ""
	}
	return "An operation whose call gets an error response returns a *smithy.OperationError that\n" +
		"wraps a *client.ResponseError (package github.com/svcgen/svcgen/runtime/client: the\n" +
		"HTTP status, request ID and, from S3, host ID that came back), which wraps the modeled\n" +
		"error (a *types.X, found with errors.As) or, for a code the model does not name, a\n" +
		"*client.APIError. A modeled error's HTTPStatusCode is the one the model gives it;\n" +
		"errors.As(err, &v), v an interface{ HTTPStatusCode() int }, finds the ResponseError\n" +
		"first, whose HTTPStatusCode is the status that came back."
}

// selectionNote says that operations were left out, when some were.
func (g *gen) selectionNote() string {
	if g.svc.LeftOut == 0 {
		return ""
	}
	kept := len(g.svc.Operations)
	return fmt.Sprintf(" The package holds %d of the model's %d operations: the other %d, and the shapes only they use, were left out.", kept, kept+g.svc.LeftOut, g.svc.LeftOut)
}

// hasServer reports whether svcgen generates a server for the service's protocol.
func (g *gen) hasServer() bool {
	return g.supportsClient() && g.proto.server() != nil
}

// protocolNote says what the package holds for the service's protocol.
func (g *gen) protocolNote() string {
	switch {
	case g.cfg.ServerOnly:
		return "This package holds the operations' inputs and outputs and their validators; package server serves the API; package types holds the structures, enums, unions and errors. It was generated without a client."
	case g.cfg.ClientOnly && g.hasServer():
		return "Create a Client with New or NewFromConfig; package types holds the structures, enums, unions and errors. It was generated without a server."
	case g.supportsClient() && !g.hasServer():
		return "Create a Client with New or NewFromConfig; package types holds the structures, enums, unions and errors. svcgen does not generate a server for the " + g.svc.Protocol + " protocol yet."
	case g.supportsClient():
		return "Create a Client with New or NewFromConfig; package types holds the structures, enums, unions and errors."
	}
	return "This package holds the operations' inputs and outputs and their validators; package types holds the other structures, enums, unions and errors. svcgen does not generate a client or server for the " + g.svc.Protocol + " protocol yet."
}

func strconvQuote(s string) string { return strconv.Quote(s) }
