package resolve_test

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/svcgen/svcgen/generator/diag"
	"github.com/svcgen/svcgen/generator/ir"
	"github.com/svcgen/svcgen/generator/load"
	"github.com/svcgen/svcgen/generator/resolve"
	"github.com/svcgen/svcgen/internal/shareddata"
)

// loadService loads and resolves one corpus service with its companion files, keyed
// "<service>/<file>" as they would sit beside the model.
func loadService(s shareddata.Service) (*ir.Service, diag.List) {
	companions := map[string][]byte{}
	for name, data := range s.Files {
		if name != "service-2.json" {
			companions[s.Name+"/"+name] = data
		}
	}
	m, diags := load.Bytes(s.Model(), s.Files["service-2.json"], companions)
	if m == nil || diags.HasErrors() {
		return nil, diags
	}
	svc, more := resolve.Resolve(m, resolve.Options{})
	return svc, append(diags, more...)
}

// TestCorpusCheck loads and resolves every model of the corpus (SVCGEN_CORPUS): each
// must resolve without an error.
func TestCorpusCheck(t *testing.T) {
	services := shareddata.Corpus(t)
	passed, failed := 0, 0
	var errors, warnings, patternWarnings int
	for _, s := range services {
		ok := t.Run(s.Name, func(t *testing.T) {
			svc, diags := loadService(s)
			patterns := 0
			for _, d := range diags {
				if strings.HasPrefix(d.Message, "pattern ") {
					patterns++
				}
			}
			errors += diags.Count(diag.Error)
			warnings += diags.Count(diag.Warning)
			patternWarnings += patterns
			t.Logf("%s: %d errors, %d warnings (%d pattern warnings)", s.Name,
				diags.Count(diag.Error), diags.Count(diag.Warning), patterns)
			for _, d := range diags {
				if d.Severity == diag.Error {
					t.Error(d.String())
				}
			}
			if svc == nil && !t.Failed() {
				t.Error("no service and no error")
			}
		})
		if ok {
			passed++
		} else {
			failed++
		}
	}
	t.Logf("%d models: %d errors, %d warnings (%d pattern warnings)", len(services), errors, warnings, patternWarnings)
	fmt.Printf("corpus: %d passed, %d failed\n", passed, failed)
}

// BenchmarkResolveCorpus loads and resolves every corpus model, in parallel across
// GOMAXPROCS goroutines; the files are read into memory before the timer starts.
// Besides the wall time it reports cpu-s/op, the CPU time the process used per pass,
// which other processes on the machine do not inflate.
func BenchmarkResolveCorpus(b *testing.B) {
	services := shareddata.Corpus(b)
	workers := runtime.GOMAXPROCS(0)
	b.ResetTimer()
	cpu0, cpuOK := cpuTime()
	defer func() {
		if cpu1, ok := cpuTime(); ok && cpuOK {
			b.ReportMetric((cpu1-cpu0).Seconds()/float64(b.N), "cpu-s/op")
		}
	}()
	for range b.N {
		next := make(chan shareddata.Service)
		var wg sync.WaitGroup
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for s := range next {
					if svc, diags := loadService(s); svc == nil {
						b.Errorf("%s: %v", s.Name, diag.ErrorList(diags))
					}
				}
			}()
		}
		for _, s := range services {
			next <- s
		}
		close(next)
		wg.Wait()
	}
}
