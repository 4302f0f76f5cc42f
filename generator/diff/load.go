package diff

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/svcgen/svcgen/generator/diag"
	"github.com/svcgen/svcgen/generator/load"
	"github.com/svcgen/svcgen/generator/resolve"
)

// Load loads and resolves the model at path with its companion files.
func Load(path string) (Version, error) {
	m, diags := load.Load(path)
	return finish(m, diags)
}

// Bytes loads and resolves a model held in memory; companions are keyed by file name
// as load.Bytes takes them.
func Bytes(name string, data []byte, companions map[string][]byte) (Version, error) {
	m, diags := load.Bytes(name, data, companions)
	return finish(m, diags)
}

func finish(m *load.Model, diags diag.List) (Version, error) {
	if m == nil || diags.HasErrors() {
		return Version{}, fmt.Errorf("the model has errors:\n%w", diag.ErrorList(diags))
	}
	svc, more := resolve.Resolve(m, resolve.Options{})
	if svc == nil {
		return Version{}, fmt.Errorf("the model has errors:\n%w", diag.ErrorList(more))
	}
	return Version{Model: m, Service: svc}, nil
}

// Git loads the model at path as it was at the git revision rev (with the companion
// files beside it at that revision). Positions name the file "rev:path".
func Git(rev, path string) (Version, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return Version{}, err
	}
	dir := filepath.Dir(abs)
	show := func(name string) ([]byte, error) {
		cmd := exec.Command("git", "-C", dir, "show", rev+":./"+name)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			return nil, fmt.Errorf("git show %s:%s: %v: %s", rev, filepath.Join(filepath.Dir(path), name), err, strings.TrimSpace(stderr.String()))
		}
		return out, nil
	}
	data, err := show(filepath.Base(abs))
	if err != nil {
		return Version{}, err
	}
	label := rev + ":" + path
	companions := map[string][]byte{}
	for _, name := range []string{load.RuleSetFile, load.PaginatorsFile, load.WaitersFile, load.DocsFile} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			continue // not beside the model today: not asked for at rev either
		}
		if b, err := show(name); err == nil {
			companions[rev+":"+filepath.Join(filepath.Dir(path), name)] = b
		}
	}
	return Bytes(label, data, companions)
}
