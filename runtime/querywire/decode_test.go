package querywire

import (
	"math"
	"testing"
	"time"
)

// TestDecoderRoundTrip decodes what Form writes: the keys and values a client sends
// are the ones a server reads, escapes included.
func TestDecoderRoundTrip(t *testing.T) {
	var f Form
	f.Add("Action", "Op")
	f.Add("Name", "a b&c=d/é")
	f.Add(Index(Key("Tags", "member"), 0)+".Key", "k1")
	f.Add(Index(Key("Tags", "member"), 1)+".Key", "k2")
	f.Add("Empty", "")
	f.Add("Count", "-42")
	f.Add("Ratio", "NaN")
	f.Add("On", "true")
	f.Add("When", "2024-01-02T03:04:05Z")
	f.Add("Data", "aGk=")
	d, err := ParseForm(string(f.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if got := d.String("Name"); got != "a b&c=d/é" {
		t.Errorf("Name = %q", got)
	}
	for _, k := range []string{"Tags", "Tags.member", "Tags.member.1", "Tags.member.2.Key", "Empty"} {
		if !d.Has(k) {
			t.Errorf("Has(%q) = false", k)
		}
	}
	for _, k := range []string{"Tags.member.3", "Tag", "Tags.mem", "Nothing"} {
		if d.Has(k) {
			t.Errorf("Has(%q) = true", k)
		}
	}
	if got := d.Int("Count", 32); got != -42 {
		t.Errorf("Count = %d", got)
	}
	if got := d.Float("Ratio", 64); !math.IsNaN(got) {
		t.Errorf("Ratio = %v", got)
	}
	if !d.Bool("On") {
		t.Error("On = false")
	}
	if got := d.Time("When", "iso8601"); !got.Equal(time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)) {
		t.Errorf("When = %v", got)
	}
	if got := string(d.Blob("Data")); got != "hi" {
		t.Errorf("Data = %q", got)
	}
	if d.Err() != nil {
		t.Errorf("Err = %v", d.Err())
	}
}

// TestDecoderErrors: a value that does not parse is an error naming its key, the
// first one kept; bad forms and bad UTF-8 are refused.
func TestDecoderErrors(t *testing.T) {
	d, err := ParseForm("A=x&B=300&C=maybe")
	if err != nil {
		t.Fatal(err)
	}
	if d.Int("B", 8); d.Err() == nil {
		t.Fatal("300 read as an 8-bit integer: no error")
	}
	first := d.Err().Error()
	d.Bool("C")
	if d.Err().Error() != first {
		t.Errorf("the first error was replaced: %v", d.Err())
	}
	for _, raw := range []string{"A=%zz", "A=%ff", "%ff=1"} {
		if _, err := ParseForm(raw); err == nil {
			t.Errorf("ParseForm(%q): no error", raw)
		}
	}
}
