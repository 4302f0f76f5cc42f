// Package shareddata locates the data that tests read from ../shared: the corpus of real
// AWS models, botocore's protocol tests and the partitions file.
//
// Each location comes from an environment variable when it is set (SVCGEN_CORPUS,
// SVCGEN_PROTOCOL_TESTS, SVCGEN_PARTITIONS), so the same tests run on any data of the
// same format; otherwise from the shared/ folder beside the repository. When the data is
// absent a test skips with a clear message, except under CI (CI=true), where it fails:
// a conformance test that quietly skipped in CI would hide a broken path.
package shareddata

import (
	"archive/tar"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
)

// Service is one service of the corpus: its name and the files that sit beside its model.
type Service struct {
	Name  string
	Files map[string][]byte // by base name: service-2.json, endpoint-rule-set-1.json, ...
}

// Model is the path-like name of the service's model, for diagnostics.
func (s Service) Model() string { return s.Name + "/service-2.json" }

// repoRoot is the folder holding go.mod, found from this source file.
func repoRoot() string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return "."
	}
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// SharedDir is the shared/ folder beside the repository.
func SharedDir() string { return filepath.Join(repoRoot(), "..", "shared") }

func locate(env, def string) string {
	if v := os.Getenv(env); v != "" {
		return v
	}
	return filepath.Join(SharedDir(), def)
}

// CorpusPath is SVCGEN_CORPUS or ../shared/corpus.tar.gz.
func CorpusPath() string { return locate("SVCGEN_CORPUS", "corpus.tar.gz") }

// ProtocolTestsPath is SVCGEN_PROTOCOL_TESTS or ../shared/protocol-tests.
func ProtocolTestsPath() string { return locate("SVCGEN_PROTOCOL_TESTS", "protocol-tests") }

// PartitionsPath is SVCGEN_PARTITIONS or ../shared/endpoints/partitions.json.
func PartitionsPath() string {
	return locate("SVCGEN_PARTITIONS", filepath.Join("endpoints", "partitions.json"))
}

// ModelsDir is ../shared/models, the real current eks-auth and eks models.
func ModelsDir() string { return filepath.Join(SharedDir(), "models") }

// Require skips the test when path does not exist, or fails it under CI.
func Require(tb testing.TB, path, what string) {
	tb.Helper()
	if _, err := os.Stat(path); err != nil {
		msg := fmt.Sprintf("%s not found at %s (%v)", what, path, err)
		if os.Getenv("CI") == "true" {
			tb.Fatalf("%s; under CI missing data is a failure", msg)
		}
		tb.Skipf("%s; skipping (the data is read from ../shared beside the checkout, or from where SVCGEN_CORPUS, SVCGEN_PROTOCOL_TESTS and SVCGEN_PARTITIONS point)", msg)
	}
}

// Corpus reads every service of the corpus, sorted by name. It accepts a .tar.gz with
// entries corpus/<service>/<file> or a folder of <service>/<file>.
func Corpus(tb testing.TB) []Service {
	tb.Helper()
	path := CorpusPath()
	Require(tb, path, "corpus")
	services, err := ReadCorpus(path)
	if err != nil {
		tb.Fatalf("reading corpus: %v", err)
	}
	if len(services) == 0 {
		tb.Fatalf("corpus at %s holds no service-2.json", path)
	}
	return services
}

// ReadCorpus reads the corpus at path (a .tar.gz or a folder).
func ReadCorpus(path string) ([]Service, error) {
	byName := map[string]*Service{}
	add := func(rel string, data []byte) {
		parts := strings.Split(filepath.ToSlash(rel), "/")
		if len(parts) < 2 {
			return
		}
		svc, file := parts[len(parts)-2], parts[len(parts)-1]
		s := byName[svc]
		if s == nil {
			s = &Service{Name: svc, Files: map[string][]byte{}}
			byName[svc] = s
		}
		s.Files[file] = data
	}
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		err = filepath.WalkDir(path, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".json") {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(path, p)
			add(rel, data)
			return nil
		})
	} else {
		err = readTarGz(path, add)
	}
	if err != nil {
		return nil, err
	}
	var out []Service
	for _, s := range byName {
		if _, ok := s.Files["service-2.json"]; ok {
			out = append(out, *s)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

func readTarGz(path string, add func(string, []byte)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		if h.Typeflag != tar.TypeReg || !strings.HasSuffix(h.Name, ".json") {
			continue
		}
		data, err := io.ReadAll(tr)
		if err != nil {
			return fmt.Errorf("%s: %s: %w", path, h.Name, err)
		}
		add(h.Name, data)
	}
}
