// Package emit writes the Go packages of a resolved service: one small function per
// construct, built with jennifer, gofmt'd once per file.
package emit

import (
	"bytes"
	"fmt"
	"go/format"
	"sort"
	"strings"
	"text/template"

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
	g := &gen{svc: svc, cfg: cfg}
	g.docFile()
	sort.Slice(g.files, func(i, j int) bool { return g.files[i].Path < g.files[j].Path })
	return g.files, g.err
}

type gen struct {
	svc   *ir.Service
	cfg   Config
	files []File
	err   error
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

// add gofmt's a file and records it.
func (g *gen) add(rel string, src []byte) {
	out, err := format.Source(src)
	if err != nil {
		if g.err == nil {
			g.err = fmt.Errorf("%s: generated code does not parse: %w", rel, err)
		}
		out = src
	}
	g.files = append(g.files, File{Path: rel, Data: out})
}

// docFile writes doc.go: the package documentation from the service's.
func (g *gen) docFile() {
	svc := g.svc
	doc := svc.Doc
	if doc == "" {
		doc = "Package " + svc.Package + " is a client for " + svc.FullName + "."
	} else {
		doc = "Package " + svc.Package + ": " + svc.FullName + ".\n\n" + doc
	}
	var buf bytes.Buffer
	err := tmpl.ExecuteTemplate(&buf, "doc", map[string]any{
		"ModelFile": svc.ModelFile, "Checksum": svc.Checksum, "Doc": doc,
		"FullName": svc.FullName, "ServiceID": svc.ServiceID, "APIVersion": svc.APIVersion,
		"Protocol": svc.Protocol, "Package": svc.Package, "Note": g.protocolNote(),
	})
	if err != nil && g.err == nil {
		g.err = err
	}
	g.add("doc.go", buf.Bytes())
}

// protocolNote says what the package lacks for protocols the generator has no client
// or server for yet.
func (g *gen) protocolNote() string {
	return "This package holds the service's types, operation inputs and outputs, and their validators."
}
