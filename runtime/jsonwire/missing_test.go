package jsonwire

import (
	"reflect"
	"testing"
)

// TestMissingPaths drives the calls a generated decoder makes for
// {"Inner":{},"Tags":[{"Key":"a"},{}],"ByName":{"x":{}}}: each nested value's step goes
// in front of the paths its decoding reported.
func TestMissingPaths(t *testing.T) {
	d := NewDecoder(nil)
	d.TrackMissing = true
	mark := d.MissingMark()
	d.MissingOf(0, "Key")
	d.MissingIn(mark, "Inner")
	for i, seen := range []uint64{1, 0} {
		list := d.MissingMark()
		elem := d.MissingMark()
		d.MissingOf(seen, "Key", "Value")
		d.MissingAt(elem, i)
		d.MissingIn(list, "Tags")
	}
	mark = d.MissingMark()
	d.MissingOf(2, "Key", "Value")
	d.MissingAtKey(mark, "x/y~", false)
	mark = d.MissingMark()
	d.MissingOf(2, "Key", "Value")
	d.MissingAtKey(mark, "secret", true)
	d.Missing("Top")
	want := []string{"/Inner/Key", "/Tags/0/Value", "/Tags/1/Key", "/Tags/1/Value", "/x~1y~0/Key", "/(sensitive)/Key", "/Top"}
	if got := d.MissingPaths(); !reflect.DeepEqual(got, want) {
		t.Errorf("paths %q\nwant %q", got, want)
	}
	d.Reset(nil)
	if got := d.MissingPaths(); len(got) != 0 || !d.TrackMissing {
		t.Errorf("after Reset: %q, TrackMissing %v", got, d.TrackMissing)
	}
}

// A decoder that does not track (a client's) records nothing.
func TestMissingUntracked(t *testing.T) {
	d := NewDecoder(nil)
	mark := d.MissingMark()
	d.MissingOf(0, "Key", "Value")
	d.Missing("Top")
	d.MissingAt(mark, 0)
	d.MissingIn(mark, "Tags")
	if got := d.MissingPaths(); len(got) != 0 {
		t.Errorf("paths %q, want none", got)
	}
}
