// Package linktest builds a small program and reads what the linker kept in it: the
// tests that check that a program links a piece of the runtime only when its calls
// reach it.
package linktest

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Symbols builds the main package in dir (relative to the test's package) and returns
// the names of the symbols its binary holds. It skips in -short mode: it runs the go
// command.
func Symbols(t testing.TB, dir string) map[string]bool {
	t.Helper()
	if testing.Short() {
		t.Skip("builds a program")
	}
	bin := filepath.Join(t.TempDir(), filepath.Base(dir))
	if out, err := exec.Command("go", "build", "-o", bin, dir).CombinedOutput(); err != nil {
		t.Fatalf("building %s: %v\n%s", dir, err, out)
	}
	out, err := exec.Command("go", "tool", "nm", bin).Output()
	if err != nil {
		t.Fatalf("go tool nm %s: %v", dir, err)
	}
	syms := map[string]bool{}
	for _, line := range strings.Split(string(out), "\n") {
		// address, type, name: "  4a5b60 T net/http.(*Client).Do"
		if f := strings.Fields(line); len(f) >= 3 {
			syms[strings.Join(f[2:], " ")] = true
		}
	}
	return syms
}

// HasPackage reports whether syms hold a symbol of the package at path.
func HasPackage(syms map[string]bool, path string) bool {
	for s := range syms {
		if strings.HasPrefix(s, path+".") {
			return true
		}
	}
	return false
}
