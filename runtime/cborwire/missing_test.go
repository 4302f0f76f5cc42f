package cborwire

import (
	"slices"
	"testing"
)

// TestMissingPaths: a CBOR server reports absent required members at the same JSON
// pointers as a JSON one (the record is validate.MissingTracker, shared by both).
func TestMissingPaths(t *testing.T) {
	var d Decoder
	d.MissingOf(0, "ignored") // nothing without TrackMissing
	if len(d.MissingPaths()) != 0 {
		t.Fatalf("recorded %q without TrackMissing", d.MissingPaths())
	}
	d.TrackMissing = true
	outer := d.MissingMark()
	inner := d.MissingMark()
	d.MissingOf(0b01, "name", "a/b~c")
	d.MissingAtKey(inner, "k", false)
	d.MissingIn(outer, "items")
	mark := d.MissingMark()
	d.Missing("value")
	d.MissingAt(mark, 3)
	want := []string{"/items/k/a~1b~0c", "/3/value"}
	if got := d.MissingPaths(); !slices.Equal(got, want) {
		t.Fatalf("paths %q, want %q", got, want)
	}
	d.Reset(nil)
	if len(d.MissingPaths()) != 0 || !d.TrackMissing {
		t.Fatalf("Reset: paths %q, TrackMissing %v", d.MissingPaths(), d.TrackMissing)
	}
}
