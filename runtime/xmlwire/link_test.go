package xmlwire_test

import (
	"testing"

	"github.com/svcgen/svcgen/internal/linktest"
)

// TestNoEncodingXML: a program that reads and writes XML with xmlwire does not link
// encoding/xml (its tokenizer is most of what an XML client would add to a program);
// the control, a program that uses encoding/xml, does.
func TestNoEncodingXML(t *testing.T) {
	for _, c := range []struct {
		dir  string
		want bool
	}{{"decode", false}, {"stdxml", true}} {
		syms := linktest.Symbols(t, "./testdata/link/"+c.dir)
		if got := linktest.HasPackage(syms, "encoding/xml"); got != c.want {
			t.Errorf("%s links encoding/xml: %v, want %v", c.dir, got, c.want)
		}
	}
}
