package client_test

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestLinkedByTraits: a program links compress/flate and the checksum algorithms only
// when it calls an operation that has the requestcompression or httpChecksum trait
// (Operation.Compress and Checksum reach them), not through every call's code; and
// a program that does not log to log/slog does not link it.
func TestLinkedByTraits(t *testing.T) {
	if testing.Short() {
		t.Skip("builds two programs")
	}
	// (net/http links flate's reader, and every response is checked for DynamoDB's
	// x-amz-crc32: the writer and the flexible checksums are what the traits add.)
	unwanted := []string{"compress/gzip.(*Writer).Write", "github.com/svcgen/svcgen/runtime/checksum.New", "hash/crc64.MakeTable"}
	for _, c := range []struct {
		dir  string
		want bool
	}{{"plain", false}, {"traits", true}} {
		bin := filepath.Join(t.TempDir(), c.dir)
		if out, err := exec.Command("go", "build", "-o", bin, "./testdata/link/"+c.dir).CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", c.dir, err, out)
		}
		out, err := exec.Command("go", "tool", "nm", bin).Output()
		if err != nil {
			t.Fatal(err)
		}
		// runtime/client does not import log/slog (runtime/client/slogger does).
		if strings.Contains(string(out), " log/slog.") {
			t.Errorf("%s links log/slog", c.dir)
		}
		for _, sym := range unwanted {
			if got := strings.Contains(string(out), " "+sym+"\n"); got != c.want {
				t.Errorf("%s: links %s: %v, want %v", c.dir, sym, got, c.want)
			}
		}
	}
}
