package docs

import (
	"archive/tar"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// A model's documentation strings, in a stable order.
type modelDocs struct {
	service string
	docs    []docString
}

type docString struct {
	path string // JSON path inside service-2.json, e.g. shapes.Foo.members.Bar
	html string
}

// corpusPath returns where the model corpus is: $SVCGEN_CORPUS, or
// ../shared/corpus.tar.gz next to the module root.
func corpusPath(t testing.TB) string {
	if p := os.Getenv("SVCGEN_CORPUS"); p != "" {
		return p
	}
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "..", "shared", "corpus.tar.gz")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's working directory")
		}
		dir = parent
	}
}

// loadCorpus reads every service-2.json of the corpus (a .tar.gz with
// entries corpus/<service>/<file>, or a folder of <service>/service-2.json).
// It skips the test when the corpus is absent, and fails under CI=true.
func loadCorpus(t testing.TB, only ...string) []modelDocs {
	t.Helper()
	path := corpusPath(t)
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		if os.Getenv("CI") == "true" {
			t.Fatalf("model corpus %s is missing (set SVCGEN_CORPUS); CI=true makes this a failure", path)
		}
		t.Skipf("model corpus %s is absent (set SVCGEN_CORPUS to a corpus .tar.gz or folder)", path)
	}
	if err != nil {
		t.Fatal(err)
	}
	want := func(service string) bool { return len(only) == 0 || slices.Contains(only, service) }
	var models []modelDocs
	add := func(service string, data []byte) {
		m, err := modelDocStrings(service, data)
		if err != nil {
			t.Fatalf("%s: %v", service, err)
		}
		models = append(models, m)
	}
	if st.IsDir() {
		files, err := filepath.Glob(filepath.Join(path, "*", "service-2.json"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			service := filepath.Base(filepath.Dir(f))
			if !want(service) {
				continue
			}
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			add(service, data)
		}
	} else {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		zr, err := gzip.NewReader(f)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		tr := tar.NewReader(zr)
		for {
			h, err := tr.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			parts := strings.Split(strings.TrimPrefix(h.Name, "./"), "/")
			if len(parts) != 3 || parts[2] != "service-2.json" || !want(parts[1]) {
				continue
			}
			data, err := io.ReadAll(tr)
			if err != nil {
				t.Fatal(err)
			}
			add(parts[1], data)
		}
	}
	if len(models) == 0 {
		t.Fatalf("no service-2.json in %s (wanted %v)", path, only)
	}
	slices.SortFunc(models, func(a, b modelDocs) int { return strings.Compare(a.service, b.service) })
	return models
}

// modelDocStrings walks a model and collects every "documentation" string.
func modelDocStrings(service string, data []byte) (modelDocs, error) {
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return modelDocs{}, err
	}
	m := modelDocs{service: service}
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch v := v.(type) {
		case map[string]any:
			keys := make([]string, 0, len(v))
			for k := range v {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			for _, k := range keys {
				p := k
				if path != "" {
					p = path + "." + k
				}
				if s, ok := v[k].(string); ok && k == "documentation" {
					m.docs = append(m.docs, docString{path: p, html: s})
					continue
				}
				walk(p, v[k])
			}
		case []any:
			for i, x := range v {
				walk(fmt.Sprintf("%s[%d]", path, i), x)
			}
		}
	}
	walk("", v)
	return m, nil
}
