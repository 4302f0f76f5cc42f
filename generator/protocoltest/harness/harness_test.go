package harness

import (
	"bytes"
	"encoding/hex"
	"net/url"
	"strings"
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

// TestCompareCBOR: CBOR bodies compare as values: definite and indefinite lengths,
// float widths and key order aside; any other difference (a value, a key, a float
// against an integer, a missing member) is found.
func TestCompareCBOR(t *testing.T) {
	h := func(s string) []byte {
		b, err := hex.DecodeString(s)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	same := [][2]string{
		{"a26161016162f93e00", "bf6162fb3ff80000000000006161 01ff"},                 // {"a":1,"b":1.5}, indefinite, double
		{"a16161fa7fc00000", "a16161fb7ff8000000000000"},                            // NaN in two widths
		{"a1616182c1fb41d452d9ec200000 01", "a16161 9f c1fb41d452d9ec200000 01 ff"}, // tag 1, array
		{"a0", "bfff"},
	}
	for _, p := range same {
		if msg := compareBody(h(strings.ReplaceAll(p[0], " ", "")), h(strings.ReplaceAll(p[1], " ", ""))); msg != "" {
			t.Errorf("%s and %s differ: %s", p[0], p[1], msg)
		}
	}
	differ := [][2]string{
		{"a16161 01", "a16161 02"},
		{"a16161 01", "a16162 01"},
		{"a16161 01", "a16161 f93c00"},
		{"a26161016162 01", "a16161 01"},
		{"a16161 c1fb41d452d9ec200000", "a16161 c1fb41d452d9ec300000"},
	}
	for _, p := range differ {
		if msg := compareBody(h(strings.ReplaceAll(p[0], " ", "")), h(strings.ReplaceAll(p[1], " ", ""))); msg == "" {
			t.Errorf("%s and %s compare equal", p[0], p[1])
		}
	}
	if msg := compareBody(h("8102"), h("a0")); msg == "" {
		t.Error("an array compares equal to a map")
	}
}
