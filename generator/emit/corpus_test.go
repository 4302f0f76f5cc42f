package emit_test

import (
	"bytes"
	"fmt"
	"go/format"
	"os"
	"regexp"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/svcgen/svcgen/generator/diag"
	"github.com/svcgen/svcgen/generator/emit"
	"github.com/svcgen/svcgen/generator/load"
	"github.com/svcgen/svcgen/generator/resolve"
	"github.com/svcgen/svcgen/internal/shareddata"
)

// generateService runs load, resolve and emit on one corpus service, its companion
// files keyed "<service>/<file>" as they would sit beside the model, into the package
// corpus/<service>.
func generateService(s shareddata.Service) ([]emit.File, error) {
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
	return emit.Generate(svc, emit.Config{ImportPath: "corpus/" + s.Name, Tests: true})
}

// forEachParallel calls fn for every service, on one worker per GOMAXPROCS.
func forEachParallel(services []shareddata.Service, fn func(int, shareddata.Service)) {
	next := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i, services[i])
			}
		}()
	}
	for i := range services {
		next <- i
	}
	close(next)
	wg.Wait()
}

// TestCorpusBuild generates every model of the corpus (SVCGEN_CORPUS) twice, checks that
// both runs write the same bytes and that gofmt would change none of them, and vets all
// the packages together in one scratch module (vet type-checks, so this also proves
// they build). A model fails when generation errs, the runs differ, a file is not
// gofmt-clean, or vet reports anything in its packages. The last line printed is
// "corpus-build: N passed, M failed".
func TestCorpusBuild(t *testing.T) {
	services := shareddata.Corpus(t)
	start := time.Now()
	type result struct {
		files []emit.File
		err   error
	}
	results := make([]result, len(services))
	forEachParallel(services, func(i int, s shareddata.Service) {
		first, err := generateService(s)
		if err != nil {
			results[i] = result{err: err}
			return
		}
		second, err := generateService(s)
		if err == nil {
			err = sameFiles(first, second)
		}
		if err == nil {
			err = gofmtClean(first)
		}
		results[i] = result{first, err}
	})

	failures := map[string][]string{}
	pkgs := map[string][]emit.File{}
	for i, s := range services {
		if err := results[i].err; err != nil {
			failures[s.Name] = append(failures[s.Name], err.Error())
			continue
		}
		pkgs[s.Name] = results[i].files
	}
	t.Logf("generated %d models twice in %v", len(services), time.Since(start).Round(time.Millisecond))
	if len(pkgs) > 0 {
		dir := writeModule(t, "corpus", pkgs)
		start := time.Now()
		out, err := goCommand(dir, "vet", "./...")
		t.Logf("go vet ./... in %v", time.Since(start).Round(time.Millisecond))
		if err != nil {
			unattributed := attributeVet(out, failures)
			if len(unattributed) > 0 {
				t.Errorf("go vet: %v; output not attributed to a model:\n%s", err, strings.Join(unattributed, "\n"))
			}
		}
	}

	names := make([]string, 0, len(failures))
	for name := range failures {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		msgs := failures[name]
		if len(msgs) > 20 {
			msgs = append(msgs[:20], fmt.Sprintf("... and %d more", len(msgs)-20))
		}
		t.Errorf("%s:\n\t%s", name, strings.Join(msgs, "\n\t"))
	}
	fmt.Printf("corpus-build: %d passed, %d failed\n", len(services)-len(failures), len(failures))
}

// sameFiles reports the first difference between two runs of the generator.
func sameFiles(a, b []emit.File) error {
	if len(a) != len(b) {
		return fmt.Errorf("not deterministic: %d files, then %d", len(a), len(b))
	}
	for i := range a {
		if a[i].Path != b[i].Path || !bytes.Equal(a[i].Data, b[i].Data) {
			return fmt.Errorf("not deterministic: %s differs between two runs", a[i].Path)
		}
	}
	return nil
}

// gofmtClean reports the first file that gofmt would change: the generator formats
// each file once, so its output must be a fixed point of gofmt (make lint checks gen/).
func gofmtClean(files []emit.File) error {
	for _, f := range files {
		out, err := format.Source(f.Data)
		if err != nil {
			return fmt.Errorf("%s: %v", f.Path, err)
		}
		if !bytes.Equal(out, f.Data) {
			return fmt.Errorf("%s: gofmt would change it", f.Path)
		}
	}
	return nil
}

// vetPackage matches the header go vet prints above a package's reports:
// "# corpus/s3/types", or "# [corpus/s3/types]" for its test variant.
var vetPackage = regexp.MustCompile(`^# \[?corpus/([^/\s\]]+)`)

// vetFile matches a report about a file: "s3/types/types.go:12:3: ...", also
// after "vet: " or with a "./" or "corpus/" before the path.
var vetFile = regexp.MustCompile(`^(?:vet: )?(?:\./|corpus/)?([^/\s:]+)/[^\s:]*\.go:\d+`)

// attributeVet adds go vet's reports to the failures of the model whose package they
// concern, and returns the lines it could not attribute.
func attributeVet(out string, failures map[string][]string) []string {
	var unattributed []string
	current := ""
	for _, line := range strings.Split(out, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		if m := vetPackage.FindStringSubmatch(line); m != nil {
			current = m[1]
			continue
		}
		if strings.HasPrefix(line, "go: ") {
			// the go command's own complaint: about the module, not a package
			current = ""
			unattributed = append(unattributed, line)
			continue
		}
		if m := vetFile.FindStringSubmatch(line); m != nil {
			failures[m[1]] = append(failures[m[1]], line)
			continue
		}
		if current != "" {
			failures[current] = append(failures[current], line)
			continue
		}
		unattributed = append(unattributed, line)
	}
	return unattributed
}

// BenchmarkGenerateCorpus loads, resolves and emits (gofmt'd) every corpus model, the
// models in parallel on one worker per GOMAXPROCS, largest first so that no big model is
// left running alone at the end; the files are read into memory before the timer starts.
// Besides ns/op it reports cpu-s/op (the CPU time the process used per pass, which other
// processes on the machine do not inflate), peak-MiB (the most heap and stack memory
// the process held, sampled while generating) and MiB-out (the generated code).
func BenchmarkGenerateCorpus(b *testing.B) {
	services := shareddata.Corpus(b)
	sort.SliceStable(services, func(i, j int) bool {
		return len(services[i].Files["service-2.json"]) > len(services[j].Files["service-2.json"])
	})
	var outBytes atomic.Int64
	if os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(emit.GCPercent)) // as the svcgen command runs
	}
	runtime.GC()
	peak := startPeakSampler()
	b.ResetTimer()
	cpu0, cpuOK := cpuTime()
	for range b.N {
		outBytes.Store(0)
		forEachParallel(services, func(_ int, s shareddata.Service) {
			files, err := generateService(s)
			if err != nil {
				b.Errorf("%s: %v", s.Name, err)
				return
			}
			for _, f := range files {
				outBytes.Add(int64(len(f.Data)))
			}
		})
	}
	b.StopTimer()
	if cpu1, ok := cpuTime(); ok && cpuOK {
		b.ReportMetric((cpu1-cpu0).Seconds()/float64(b.N), "cpu-s/op")
	}
	b.ReportMetric(float64(peak())/(1<<20), "peak-MiB")
	b.ReportMetric(float64(outBytes.Load())/(1<<20), "MiB-out")
}

func TestAttributeVet(t *testing.T) {
	out := `# corpus/sso/types
sso/types/zz.go:3:25: cannot use "x" (untyped string constant) as int value in return statement
sts/types/zz.go:5:25: fmt.Printf format %d has arg "x" of wrong type string
# [corpus/eks-auth]
vet: eks-auth/x_test.go:13:14: undefined: y
# corpus/s3
note: a line about s3
go: something nobody can place
`
	failures := map[string][]string{}
	left := attributeVet(out, failures)
	want := map[string]int{"sso": 1, "sts": 1, "eks-auth": 1, "s3": 1}
	for name, n := range want {
		if len(failures[name]) != n {
			t.Errorf("%s: %d reports, want %d: %q", name, len(failures[name]), n, failures[name])
		}
	}
	if len(failures) != len(want) {
		t.Errorf("failures = %q", failures)
	}
	if len(left) != 1 || left[0] != "go: something nobody can place" {
		t.Errorf("unattributed = %q", left)
	}
}
