package resolve_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/svcgen/svcgen/internal/shareddata"
)

// TestCorpusWaiters resolves every model of the corpus: every waiter of its
// waiters-2.json must be generated (its acceptors compile), none left out with a
// warning. The last line printed is "waiters: N generated, M skipped".
func TestCorpusWaiters(t *testing.T) {
	services := shareddata.Corpus(t)
	generated, skipped := 0, 0
	for _, s := range services {
		svc, diags := loadService(s)
		if svc == nil {
			t.Errorf("%s: %v", s.Name, diags)
			continue
		}
		generated += len(svc.WaiterList)
		for _, d := range diags {
			if strings.Contains(d.Message, "waiter not generated") {
				skipped++
				t.Errorf("%s: %s", s.Name, d)
			}
		}
	}
	if generated == 0 {
		t.Error("no waiter generated over the corpus")
	}
	fmt.Printf("waiters: %d generated, %d skipped\n", generated, skipped)
}
