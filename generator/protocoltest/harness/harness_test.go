package harness

import (
	"bytes"
	"net/url"
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

// TestMapEntrySets checks that query map entries compare as sets, whatever their .N
// numbering, nested maps included, while lists keep their order.
func TestMapEntrySets(t *testing.T) {
	parse := func(s string) url.Values {
		v, err := url.ParseQuery(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	a := "Action=Op&M.entry.1.key=foo&M.entry.1.value.N=foo&M.entry.2.key=bar&M.entry.2.value.N=bar&L.member.1=x&L.member.2=y"
	b := "Action=Op&M.entry.1.key=bar&M.entry.1.value.N=bar&M.entry.2.key=foo&M.entry.2.value.N=foo&L.member.1=x&L.member.2=y"
	if compareBody([]byte(a), []byte(b)) != "" {
		t.Errorf("maps in another order differ:\n%v\n%v", MapEntrySets(parse(a)), MapEntrySets(parse(b)))
	}
	// nested maps, flattened maps
	a = "O.entry.1.key=k1&O.entry.1.value.entry.1.key=a&O.entry.1.value.entry.1.value=1&O.entry.1.value.entry.2.key=b&O.entry.1.value.entry.2.value=2&F.1.key=x&F.1.value=1&F.2.key=y&F.2.value=2"
	b = "F.1.key=y&F.1.value=2&F.2.key=x&F.2.value=1&O.entry.1.key=k1&O.entry.1.value.entry.1.key=b&O.entry.1.value.entry.1.value=2&O.entry.1.value.entry.2.key=a&O.entry.1.value.entry.2.value=1"
	if compareBody([]byte(a), []byte(b)) != "" {
		t.Errorf("nested maps in another order differ:\n%v\n%v", MapEntrySets(parse(a)), MapEntrySets(parse(b)))
	}
	// other entries, or lists in another order, still differ
	for _, pair := range [][2]string{
		{"M.entry.1.key=foo&M.entry.1.value=1&M.entry.2.key=bar&M.entry.2.value=2", "M.entry.1.key=foo&M.entry.1.value=2&M.entry.2.key=bar&M.entry.2.value=1"},
		{"L.member.1=x&L.member.2=y", "L.member.1=y&L.member.2=x"},
	} {
		if compareBody([]byte(pair[0]), []byte(pair[1])) == "" {
			t.Errorf("%s and %s compare equal", pair[0], pair[1])
		}
	}
}
