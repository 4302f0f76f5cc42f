package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/svcgen/svcgen/generator/diag"
	"github.com/svcgen/svcgen/generator/emit"
	"github.com/svcgen/svcgen/generator/load"
	"github.com/svcgen/svcgen/generator/lock"
	"github.com/svcgen/svcgen/generator/resolve"
	"golang.org/x/mod/modfile"
)

func generate(args []string, stdout, stderr io.Writer) error {
	fs := flags("generate", "generate -model FILE -out DIR [-import-path PATH] [-package NAME]\n\t[-client-only | -server-only] [-operations NAME,...] [-tests] [-update-lock] [-cbor-fallback]", stderr)
	model := fs.String("model", "", "the service model (botocore's service-2.json, or aws-sdk-go's api-2.json); companion files (docs-2.json, paginators-1.json, ...) are read from beside it")
	out := fs.String("out", "", "the directory to write the package into")
	importPath := fs.String("import-path", "", "the Go import path of -out (default: derived from the go.mod that contains it)")
	pkg := fs.String("package", "", "the Go package name (default: derived from the model's serviceId)")
	clientOnly := fs.Bool("client-only", false, "generate no server package (server/)")
	serverOnly := fs.Bool("server-only", false, "generate the server and what it needs (types, validators, serde) but no client (client.go, paginators.go, serializers.go); only for the protocols svcgen serves (all of them)")
	operations := fs.String("operations", "", "keep only these operations (model names, comma-separated), the shapes they reach and their paginators")
	cborFallback := fs.Bool("cbor-fallback", false, "generate a smithy-rpc-v2-cbor model for the first other protocol of its protocols list (json or query) instead of for smithy-rpc-v2-cbor")
	tests := fs.Bool("tests", false, "also write the generated packages' own tests (that the model's patterns compile)")
	updateLock := fs.Bool("update-lock", false, "write DIR/"+lock.FileName+", the lock of the package's Go API as the model now has it (creating the file opts in: later runs keep that API)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *model == "" || *out == "" || fs.NArg() > 0 {
		fs.Usage()
		return errUsage
	}
	if *clientOnly && *serverOnly {
		fmt.Fprintln(stderr, "svcgen generate: -client-only and -server-only exclude each other (give neither for a client and a server)")
		return errUsage
	}
	var ops []string
	if *operations != "" {
		for _, name := range strings.Split(*operations, ",") {
			if name = strings.TrimSpace(name); name != "" {
				ops = append(ops, name)
			}
		}
		if len(ops) == 0 {
			fmt.Fprintf(stderr, "svcgen generate: -operations %q names no operation\n", *operations)
			return errUsage
		}
	}
	if _, err := os.Stat(*model); err != nil {
		return fmt.Errorf("reading the model: %w", err)
	}
	m, diags := load.Load(*model)
	if m == nil || diags.HasErrors() {
		return diagError(diags, stderr)
	}
	if err := resolve.UnknownOperations(m, ops); err != nil {
		fmt.Fprintf(stderr, "svcgen generate: -operations: %v\n", err)
		return errUsage
	}
	svc, more := resolve.Resolve(m, resolve.Options{Package: *pkg, Operations: ops, CBORFallback: *cborFallback})
	diags = append(diags, more...)
	if svc == nil {
		return diagError(diags, stderr)
	}
	for _, d := range diags {
		fmt.Fprintln(stderr, d.String())
	}
	lockPath := filepath.Join(*out, lock.FileName)
	locked, err := lock.ReadFile(lockPath)
	if err != nil {
		return err
	}
	if locked != nil && !*updateLock {
		if locked.Package != svc.Package {
			return fmt.Errorf("%s is the lock of package %s, not of %s: give -update-lock to start a new lock", lockPath, locked.Package, svc.Package)
		}
		for _, d := range lock.Apply(svc, locked) {
			fmt.Fprintf(stderr, "%s: %s\n", lockPath, d)
		}
	}
	if *importPath == "" {
		p, err := deriveImportPath(*out)
		if err != nil {
			return err
		}
		*importPath = p
	}
	files, err := emit.Generate(svc, emit.Config{ImportPath: *importPath, ClientOnly: *clientOnly, ServerOnly: *serverOnly, Tests: *tests})
	if errors.Is(err, emit.ErrNoServer) {
		fmt.Fprintf(stderr, "svcgen generate: -server-only: %v\n", err)
		return errUsage
	}
	if err != nil {
		return err
	}
	st, err := write(*out, files)
	if err != nil {
		return err
	}
	if locked != nil || *updateLock {
		// the lock records the API just written: what it kept, and what the model added
		data := lock.FromService(svc).Bytes()
		if old, err := os.ReadFile(lockPath); err != nil || !bytes.Equal(old, data) {
			if err := os.WriteFile(lockPath, data, 0o644); err != nil {
				return err
			}
		}
	}
	fmt.Fprintf(stdout, "svcgen: %s: %s\n", *out, st)
	return nil
}

// writeStats counts what write did.
type writeStats struct{ written, changed, unchanged, removed int }

func (s writeStats) String() string {
	out := fmt.Sprintf("%d files: %d changed, %d unchanged", s.written, s.changed, s.unchanged)
	if s.removed > 0 {
		out += fmt.Sprintf(", %d removed", s.removed)
	}
	return out
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

// generatedHeader starts every file svcgen writes.
var generatedHeader = []byte("// Code generated by svcgen. DO NOT EDIT.")

// write puts the files under dir, leaving files whose contents are unchanged alone (not
// even their modification time changes), and removes the files an earlier run generated
// that this run does not write.
func write(dir string, files []emit.File) (writeStats, error) {
	st := writeStats{written: len(files)}
	keep := map[string]bool{}
	for _, f := range files {
		keep[filepath.Join(dir, filepath.FromSlash(f.Path))] = true
	}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || keep[p] || !strings.HasSuffix(p, ".go") {
			return nil
		}
		if data, err := os.ReadFile(p); err == nil && bytes.HasPrefix(data, generatedHeader) {
			st.removed++
			return os.Remove(p)
		}
		return nil
	})
	if err != nil {
		return st, err
	}
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if old, err := os.ReadFile(p); err == nil && bytes.Equal(old, f.Data) {
			st.unchanged++
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return st, err
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			return st, err
		}
		st.changed++
	}
	return st, nil
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
