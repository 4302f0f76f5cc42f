package emit_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/svcgen/svcgen/generator/diag"
	"github.com/svcgen/svcgen/generator/load"
	"github.com/svcgen/svcgen/generator/resolve"
	"github.com/svcgen/svcgen/internal/shareddata"
)

// TestCorpusPaginators resolves every model of the corpus: every paginator of its
// paginators-1.json must be generated, whatever its tokens (maps, several tokens,
// paths into the output), limit_key and more_results; one that cannot be is a
// warning naming it, and fails the test. The last line printed is
// "paginators: N generated, M skipped".
func TestCorpusPaginators(t *testing.T) {
	generated, skipped := 0, 0
	for _, s := range shareddata.Corpus(t) {
		companions := map[string][]byte{}
		for name, data := range s.Files {
			if name != "service-2.json" {
				companions[s.Name+"/"+name] = data
			}
		}
		m, diags := load.Bytes(s.Model(), s.Files["service-2.json"], companions)
		if m == nil || diags.HasErrors() {
			t.Errorf("%s: %v", s.Name, diag.ErrorList(diags))
			continue
		}
		svc, more := resolve.Resolve(m, resolve.Options{})
		if svc == nil {
			t.Errorf("%s: %v", s.Name, diag.ErrorList(more))
			continue
		}
		generated += len(svc.Paginators)
		skipped += len(m.PaginatorList) - len(svc.Paginators)
		for _, d := range more {
			if strings.Contains(d.Message, "paginator") {
				t.Errorf("%s: %s", s.Name, d)
			}
		}
	}
	if generated == 0 {
		t.Error("no paginator generated over the corpus")
	}
	fmt.Printf("paginators: %d generated, %d skipped\n", generated, skipped)
	if skipped > 0 {
		t.Errorf("%d paginators skipped", skipped)
	}
}
