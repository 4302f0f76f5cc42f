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
	"sync"
	"sync/atomic"
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

// loadCorpus returns the documentation strings of every model in the
// corpus (or of the named services): a .tar.gz with entries
// corpus/<service>/<file>, or a folder of <service>/service-2.json. It
// skips the test when the corpus is absent, and fails under CI=true.
// The corpus is read once per test binary.
func loadCorpus(t testing.TB, only ...string) []modelDocs {
	t.Helper()
	path := corpusPath(t)
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		if os.Getenv("CI") == "true" {
			t.Fatalf("model corpus %s is missing (set SVCGEN_CORPUS); CI=true makes this a failure", path)
		}
		t.Skipf("model corpus %s is absent (set SVCGEN_CORPUS to a corpus .tar.gz or folder)", path)
	}
	all, err := readCorpusOnce(path)
	if err != nil {
		t.Fatal(err)
	}
	var models []modelDocs
	for _, m := range all {
		if len(only) == 0 || slices.Contains(only, m.service) {
			models = append(models, m)
		}
	}
	if len(models) == 0 {
		t.Fatalf("no service-2.json in %s (wanted %v)", path, only)
	}
	return models
}

var (
	corpusMu    sync.Mutex
	corpusCache = map[string][]modelDocs{}
)

func readCorpusOnce(path string) ([]modelDocs, error) {
	corpusMu.Lock()
	defer corpusMu.Unlock()
	if m, ok := corpusCache[path]; ok {
		return m, nil
	}
	m, err := readCorpus(path)
	if err != nil {
		return nil, err
	}
	corpusCache[path] = m
	return m, nil
}

func readCorpus(path string) ([]modelDocs, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	var models []modelDocs
	add := func(service string, data []byte) error {
		m, err := modelDocStrings(service, data)
		if err != nil {
			return fmt.Errorf("%s: %s: %w", path, service, err)
		}
		models = append(models, m)
		return nil
	}
	if st.IsDir() {
		files, err := filepath.Glob(filepath.Join(path, "*", "service-2.json"))
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				return nil, err
			}
			if err := add(filepath.Base(filepath.Dir(f)), data); err != nil {
				return nil, err
			}
		}
	} else {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		zr, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		tr := tar.NewReader(zr)
		for {
			h, err := tr.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				return nil, fmt.Errorf("%s: %w", path, err)
			}
			parts := strings.Split(strings.TrimPrefix(h.Name, "./"), "/")
			if len(parts) != 3 || parts[2] != "service-2.json" {
				continue
			}
			data, err := io.ReadAll(tr)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", path, err)
			}
			if err := add(parts[1], data); err != nil {
				return nil, err
			}
		}
	}
	slices.SortFunc(models, func(a, b modelDocs) int { return strings.Compare(a.service, b.service) })
	return models, nil
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

// knownTags are the tags that must not survive conversion. A tag may
// appear in the output only as often as the input spelled it escaped
// (&lt;code&gt; is text about a tag, not a tag).
var knownTags = []string{
	"<p>", "</p>", "<p/>", "<code>", "</code>", "<code/>", "<a ", "<a>", "</a>",
	"<li>", "</li>", "<ul>", "</ul>", "<ol>", "</ol>", "<i>", "</i>", "<b>", "</b>",
	"<em>", "</em>", "<strong>", "</strong>", "<note>", "</note>", "<important>",
	"</important>", "<fullname>", "</fullname>", "<br>", "<br/>", "<br />", "<div>",
	"</div>", "<dl>", "</dl>", "<dt>", "</dt>", "<dd>", "</dd>", "<pre>", "</pre>",
	"<h2>", "</h2>", "<replaceable>", "</replaceable>", "<zonbook>", "<xhtml>",
}

// escapedTags[i] is knownTags[i] as escaped text.
var escapedTags = func() []string {
	r := strings.NewReplacer("<", "&lt;", ">", "&gt;")
	out := make([]string, len(knownTags))
	for i, tag := range knownTags {
		out[i] = r.Replace(tag)
	}
	return out
}()

// TestGodocCorpus converts every documentation string of the real models
// and checks the output: no panic, no tag left, no trailing space, no "*/",
// no line starting with "//", a valid Go comment, and unchanged by gofmt's
// doc comment formatting.
func TestGodocCorpus(t *testing.T) {
	models := loadCorpus(t)
	var total, gofmtExempt atomic.Int64
	t.Cleanup(func() {
		t.Logf("%d documentation strings in %d models; %d outside what gofmt can keep", total.Load(), len(models), gofmtExempt.Load())
	})
	for _, m := range models {
		t.Run(m.service, func(t *testing.T) {
			t.Parallel()
			failures := 0
			fail := func(d docString, format string, args ...any) {
				failures++
				if failures <= 5 {
					t.Errorf("%s: %s\ninput: %.300q", d.path, fmt.Sprintf(format, args...), d.html)
				}
			}
			for _, d := range m.docs {
				total.Add(1)
				out, panicked := convertNoPanic(d.html)
				if panicked != nil {
					fail(d, "Godoc panicked: %v", panicked)
					continue
				}
				for i, tag := range knownTags {
					if n := strings.Count(out, tag); n > 0 && n > strings.Count(d.html, escapedTags[i]) {
						fail(d, "tag %s left in output:\n%s", tag, out)
					}
				}
				if err := checkOutput(out); err != "" {
					fail(d, "%s:\n%s", err, out)
				}
				if got := gofmtDoc(out); got != out {
					if gofmtLimit(out) {
						gofmtExempt.Add(1)
					} else {
						fail(d, "gofmt changes the output:\n%s\n----\ngofmt:\n%s", out, got)
					}
				}
				if s := Summary(d.html); strings.Contains(s, "\n") || strings.Contains(s, "*/") || strings.HasPrefix(s, "//") {
					fail(d, "bad summary %q", s)
				}
			}
			if failures > 5 {
				t.Errorf("... %d failures in all", failures)
			}
		})
	}
}

// gofmtLimit reports output that godoc cannot represent as written, so
// gofmt rewrites it: text with no unindented line (gofmt removes the common
// indentation, and a lone list or code block becomes a paragraph), a code
// block next to a list (both are indented; godoc joins them), a code block
// whose first line looks like a list item, a paragraph inside a list item
// that starts with a list marker, and runs of three or more backticks
// (go/doc/comment skips such a run using an index into the wrong string,
// so what it does with the run depends on where it is and what follows).
func gofmtLimit(out string) bool {
	if strings.Contains(out, "```") {
		return true
	}
	lines := strings.Split(out, "\n")
	unindented := false
	prev := ""
	for _, line := range lines {
		if line == "" {
			continue
		}
		if line[0] != ' ' && line[0] != '\t' {
			unindented = true
		}
		if cont, ok := strings.CutPrefix(line, "    "); ok && cont != "" && cont[0] != ' ' {
			if w, _, _ := strings.Cut(cont, " "); noLineStart([]byte(w), true) {
				return true
			}
		}
		if prev != "" && (prev[0] == ' ' && line[0] == '\t' || prev[0] == '\t' && line[0] == ' ') {
			return true
		}
		if line[0] == '\t' && (prev == "" || prev[0] != '\t') {
			if f := strings.Fields(line); len(f) > 1 && strings.ContainsAny(f[0][:1], "-*+•0123456789") {
				return true
			}
		}
		prev = line
	}
	return !unindented
}

func convertNoPanic(in string) (out string, panicked any) {
	defer func() { panicked = recover() }()
	return Godoc(in), nil
}

// TestWrapFastPath checks that the line-at-a-time copy in wrap gives the
// same output as the word-by-word path on the whole corpus.
func TestWrapFastPath(t *testing.T) {
	models := loadCorpus(t)
	defer func() { wrapFastPath = true }()
	for _, m := range models {
		for _, d := range m.docs {
			wrapFastPath = true
			fast := Godoc(d.html)
			wrapFastPath = false
			slow := Godoc(d.html)
			if fast != slow {
				t.Fatalf("%s %s: fast path differs:\n%s\n----\nslow:\n%s", m.service, d.path, fast, slow)
			}
		}
	}
}

// BenchmarkGodocCorpus converts every documentation string of ec2, the
// biggest model. MB/s is input HTML per second.
func BenchmarkGodocCorpus(b *testing.B) {
	benchmarkModels(b, loadCorpus(b, "ec2"))
}

// BenchmarkGodocCorpusAll converts every documentation string of the whole
// corpus per iteration.
func BenchmarkGodocCorpusAll(b *testing.B) {
	benchmarkModels(b, loadCorpus(b))
}

func benchmarkModels(b *testing.B, models []modelDocs) {
	var docs []string
	size := 0
	for _, m := range models {
		for _, d := range m.docs {
			docs = append(docs, d.html)
			size += len(d.html)
		}
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			Godoc(d)
		}
	}
	b.ReportMetric(float64(len(docs)), "docs/op")
}
