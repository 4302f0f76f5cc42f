package harness

import (
	"bytes"
	"testing"

	"github.com/aws/smithy-go/rand"
)

// TestZeroToken checks ZeroToken against smithy-go's UUID token generator given zero
// randomness, as the SDKs' protocol tests pin it.
func TestZeroToken(t *testing.T) {
	want, err := rand.NewUUIDIdempotencyToken(bytes.NewReader(make([]byte, 16))).GetIdempotencyToken()
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := (ZeroToken{}).GetIdempotencyToken(); got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}
