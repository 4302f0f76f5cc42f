package docs

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestTry(t *testing.T) {
	in := os.Getenv("TRY")
	if in == "" {
		t.Skip()
	}
	for _, a := range strings.Split(in, "\n===\n") {
		fmt.Printf("-----\n%s\n-----\nsummary: %q\n", Godoc(a), Summary(a))
	}
}
