package client_test

import (
	"testing"

	"github.com/svcgen/svcgen/internal/linktest"
)

// TestLinkedByTraits: a program links compress/flate and the checksum algorithms only
// when it calls an operation that has the requestcompression or httpChecksum trait
// (Operation.Compress and Checksum reach them), not through every call's code; and
// a program that does not log to log/slog does not link it.
func TestLinkedByTraits(t *testing.T) {
	// (net/http links flate's reader, and every response is checked for DynamoDB's
	// x-amz-crc32: the writer and the flexible checksums are what the traits add.)
	unwanted := []string{"compress/gzip.(*Writer).Write", "github.com/svcgen/svcgen/runtime/checksum.New", "hash/crc64.MakeTable"}
	for _, c := range []struct {
		dir  string
		want bool
	}{{"plain", false}, {"traits", true}} {
		syms := linktest.Symbols(t, "./testdata/link/"+c.dir)
		// runtime/client does not import log/slog (runtime/client/slogger does).
		if linktest.HasPackage(syms, "log/slog") {
			t.Errorf("%s links log/slog", c.dir)
		}
		for _, sym := range unwanted {
			if got := syms[sym]; got != c.want {
				t.Errorf("%s: links %s: %v, want %v", c.dir, sym, got, c.want)
			}
		}
	}
}
