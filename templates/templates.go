// Package templates holds the prose that generated files carry (package docs, file
// headers), embedded into the generator.
package templates

import (
	"embed"
	"text/template"
)

//go:embed *.tmpl
var files embed.FS

// Parse parses every template with the given functions.
func Parse(funcs template.FuncMap) *template.Template {
	return template.Must(template.New("").Funcs(funcs).ParseFS(files, "*.tmpl"))
}
