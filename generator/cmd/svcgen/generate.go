package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/svcgen/svcgen/generator/diag"
	"github.com/svcgen/svcgen/generator/emit"
	"github.com/svcgen/svcgen/generator/load"
	"github.com/svcgen/svcgen/generator/resolve"
	"golang.org/x/mod/modfile"
)

func generate(args []string, stderr io.Writer) error {
	fs := flags("generate", "generate -model FILE -out DIR [-import-path PATH]", stderr)
	model := fs.String("model", "", "the service model (service-2.json); companion files are read from beside it")
	out := fs.String("out", "", "the directory to write the package into")
	importPath := fs.String("import-path", "", "the Go import path of -out (default: derived from the go.mod that contains it)")
	pkg := fs.String("package", "", "the Go package name (default: derived from the model's serviceId)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *model == "" || *out == "" || fs.NArg() > 0 {
		fs.Usage()
		return errUsage
	}
	m, diags := load.Load(*model)
	if m == nil || diags.HasErrors() {
		return diagError(diags, stderr)
	}
	svc, more := resolve.Resolve(m, resolve.Options{Package: *pkg})
	diags = append(diags, more...)
	if svc == nil {
		return diagError(diags, stderr)
	}
	for _, d := range diags {
		fmt.Fprintln(stderr, d.String())
	}
	if *importPath == "" {
		p, err := deriveImportPath(*out)
		if err != nil {
			return err
		}
		*importPath = p
	}
	files, err := emit.Generate(svc, emit.Config{ImportPath: *importPath})
	if err != nil {
		return err
	}
	return write(*out, files)
}

// diagError prints the warnings and returns the errors as one error.
func diagError(diags diag.List, stderr io.Writer) error {
	for _, d := range diags {
		if d.Severity == diag.Warning {
			fmt.Fprintln(stderr, d.String())
		}
	}
	return fmt.Errorf("the model has errors:\n%s", diag.ErrorList(diags).Error())
}

// write puts the files under dir, leaving files whose contents are unchanged alone.
func write(dir string, files []emit.File) error {
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if old, err := os.ReadFile(p); err == nil && bytes.Equal(old, f.Data) {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// deriveImportPath finds the go.mod above dir and joins its module path with dir's
// path relative to it.
func deriveImportPath(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for d := abs; ; d = filepath.Dir(d) {
		data, err := os.ReadFile(filepath.Join(d, "go.mod"))
		if err == nil {
			mod := modfile.ModulePath(data)
			if mod == "" {
				return "", fmt.Errorf("%s: no module line", filepath.Join(d, "go.mod"))
			}
			rel, err := filepath.Rel(d, abs)
			if err != nil {
				return "", err
			}
			if rel == "." {
				return mod, nil
			}
			return mod + "/" + strings.ReplaceAll(rel, string(filepath.Separator), "/"), nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("no go.mod contains %s: give -import-path", dir)
		}
	}
}
