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
	"encoding/json"
	"fmt"
	"go/format"
	"sort"
	"strconv"
	"strings"
	"text/template"

	"github.com/dave/jennifer/jen"
	"github.com/svcgen/svcgen/generator/ir"
	"github.com/svcgen/svcgen/templates"
)

// Config says where the package goes.
type Config struct {
	// ImportPath is the Go import path of the output directory.
	ImportPath string
}

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
	g.checks = g.planChecks()
	g.docFile()
	g.typesFiles()
	g.validatorsFile()
	g.operationsFile()
	if g.supportsClient() {
		g.serdePath = cfg.ImportPath + "/" + serdeRel
		g.serde = g.planSerde()
		g.serdeFile()
		g.clientFile()
		g.restJSONFile()
		g.paginatorsFile()
		g.serverFile()
	}
	sort.Slice(g.files, func(i, j int) bool { return g.files[i].Path < g.files[j].Path })
	return g.files, g.err
}

type gen struct {
	svc            *ir.Service
	cfg            Config
	typesPath      string
	validatorsPath string
	checks         *checks
	serdePath      string
	serde          *serdePlan
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
	f.ImportName(redactPath, "redact")
	f.ImportName(documentPath, "document")
	f.ImportName(smithyPath, "smithy")
	f.ImportName(jsonwirePath, "jsonwire")
	f.ImportName(httpbindPath, "httpbind")
	f.ImportName(clientRTPath, "client")
	f.ImportName(endpointsPath, "endpoints")
	f.ImportName(awsPath, "aws")
	if g.serdePath != "" {
		f.ImportName(g.serdePath, "serde")
	}
	return f
}

// render formats a jennifer file and records it. Jennifer would gofmt the file itself;
// add does that instead, so that each file is formatted once (formatting is most of
// the generator's time).
func (g *gen) render(rel string, f *jen.File) {
	f.NoFormat = true
	var buf bytes.Buffer
	if err := f.Render(&buf); err != nil {
		g.fail(fmt.Errorf("%s: %w", rel, err))
		return
	}
	g.add(rel, buf.Bytes())
}

func (g *gen) fail(err error) {
	if g.err == nil {
		g.err = err
	}
}

// add gofmt's a file and records it.
func (g *gen) add(rel string, src []byte) {
	out, err := format.Source(src)
	if err != nil {
		g.fail(fmt.Errorf("%s: generated code does not parse: %w", rel, err))
		out = src
	}
	g.files = append(g.files, File{Path: rel, Data: out})
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
		"Protocol": svc.Protocol, "Package": svc.Package, "Note": g.protocolNote(),
	})
	if err != nil {
		g.fail(err)
	}
	g.add("doc.go", buf.Bytes())
}

// protocolNote says what the package holds for the service's protocol.
func (g *gen) protocolNote() string {
	if g.supportsClient() {
		return "Create a Client with New or NewFromConfig; package types holds the structures, enums, unions and errors."
	}
	return "This package holds the operations' inputs and outputs and their validators; package types holds the other structures, enums, unions and errors. svcgen does not generate a client or server for the " + g.svc.Protocol + " protocol yet."
}

// compactJSON removes the insignificant whitespace of a JSON document.
func compactJSON(b []byte) []byte {
	var buf bytes.Buffer
	if err := json.Compact(&buf, b); err != nil {
		return b
	}
	return buf.Bytes()
}

func strconvQuote(s string) string { return strconv.Quote(s) }
