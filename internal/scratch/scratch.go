// Package scratch holds what the project's tests share to build generated code: one
// way to generate a corpus service, and throwaway Go modules that use this checkout.
//
// A scratch module requires github.com/svcgen/svcgen through a replace of this
// checkout and lists the project's own requirements with its go.sum, so the go command
// builds it offline (GOFLAGS=-mod=mod GOPROXY=off) from the module cache the project
// already filled.
package scratch

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	"github.com/svcgen/svcgen/generator/diag"
	"github.com/svcgen/svcgen/generator/emit"
	"github.com/svcgen/svcgen/generator/load"
	"github.com/svcgen/svcgen/generator/resolve"
	"github.com/svcgen/svcgen/internal/shareddata"
	"golang.org/x/mod/modfile"
)

// Root is the folder holding the project's go.mod.
func Root() string {
	_, file, _, _ := runtime.Caller(0)
	root, _ := filepath.Abs(filepath.Join(filepath.Dir(file), "..", ".."))
	return root
}

// Generate runs load, resolve and emit on one corpus service, its companion files
// keyed "<service>/<file>" as they would sit beside the model, into the package whose
// import path is importPath, with the generated tests.
func Generate(s shareddata.Service, importPath string) ([]emit.File, error) {
	companions := map[string][]byte{}
	for name, data := range s.Files {
		if name != "service-2.json" {
			companions[s.Name+"/"+name] = data
		}
	}
	m, diags := load.Bytes(s.Model(), s.Files["service-2.json"], companions)
	if m == nil || diags.HasErrors() {
		return nil, fmt.Errorf("load: %w", diag.ErrorList(diags))
	}
	svc, diags := resolve.Resolve(m, resolve.Options{})
	if svc == nil {
		return nil, fmt.Errorf("resolve: %w", diag.ErrorList(diags))
	}
	return emit.Generate(svc, emit.Config{ImportPath: importPath, Tests: true})
}

// WriteModule writes a scratch module named module into dir: each package of pkgs in
// the folder its key names, and a go.mod and go.sum that use this checkout.
func WriteModule(dir, module string, pkgs map[string][]emit.File) error {
	names := make([]string, 0, len(pkgs))
	for name := range pkgs {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		for _, f := range pkgs[name] {
			if err := WriteFile(dir, name+"/"+f.Path, f.Data); err != nil {
				return err
			}
		}
	}
	return WriteGoMod(dir, module)
}

// WriteGoMod writes the go.mod of a module named module that requires this checkout,
// with the project's own requirements, and the project's go.sum.
func WriteGoMod(dir, module string) error {
	root := Root()
	gomod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return err
	}
	mf, err := modfile.ParseLax("go.mod", gomod, nil)
	if err != nil {
		return err
	}
	var mod strings.Builder
	fmt.Fprintf(&mod, "module %s\n\ngo 1.26\n\nrequire (\n\tgithub.com/svcgen/svcgen v0.0.0\n", module)
	for _, r := range mf.Require {
		fmt.Fprintf(&mod, "\t%s %s\n", r.Mod.Path, r.Mod.Version)
	}
	fmt.Fprintf(&mod, ")\n\nreplace github.com/svcgen/svcgen => %s\n", root)
	if err := WriteFile(dir, "go.mod", []byte(mod.String())); err != nil {
		return err
	}
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		return err
	}
	return WriteFile(dir, "go.sum", sum)
}

// WriteFile writes data to the slash-separated path rel under dir, making its folders.
func WriteFile(dir, rel string, data []byte) error {
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, data, 0o644)
}
