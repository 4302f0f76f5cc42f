package xmlwire

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestMember reads the children of one element through Member with tables of every
// size from 0 to all the names, and checks each index against a scan of the table:
// names before the first, after the last, between two, differing only by case, and
// prefixed (known by their local name).
func TestMember(t *testing.T) {
	children := []string{"a", "Arn", "arn", "ARN", "arnX", "ar", "b", "zz", "zzz", "Z", "x:tag", "tag", "member", "", "é"}
	var doc strings.Builder
	doc.WriteString(`<R xmlns:x="urn:x">`)
	var locals []string
	for _, c := range children {
		if c == "" {
			continue
		}
		fmt.Fprintf(&doc, "<%s><in>1</in></%s>", c, c)
		_, local, _ := strings.Cut(c, ":")
		if local == "" {
			local = c
		}
		locals = append(locals, local)
	}
	doc.WriteString(`</R>`)
	all := slices.Clone(locals)
	slices.Sort(all)
	all = slices.Compact(all)
	// tables: every prefix of every rotation of the sorted names, re-sorted
	for n := 0; n <= len(all); n++ {
		for r := range all {
			names := Names(slices.Clone(append(all[r:], all[:r]...))[:n])
			slices.Sort(names)
			d := NewDecoder([]byte(doc.String()))
			if _, ok := d.Next(); !ok {
				t.Fatal(d.Err())
			}
			var got []int
			for i, ok := d.Member(names); ok; i, ok = d.Member(names) {
				got = append(got, i)
				d.Skip()
			}
			if d.Err() != nil {
				t.Fatal(d.Err())
			}
			var want []int
			for _, l := range locals {
				want = append(want, slices.Index(names, l))
			}
			if !slices.Equal(got, want) {
				t.Fatalf("names %q: indices %v, want %v", names, got, want)
			}
		}
	}
}

// TestMemberEnd: at the end of the element, Member returns false and consumes the
// end; after an error it returns false.
func TestMemberEnd(t *testing.T) {
	d := NewDecoder([]byte(`<R><A/><B><C/></B></R>`))
	d.Next()
	names := Names{"A", "B", "C"}
	if i, ok := d.Member(names); !ok || i != 0 {
		t.Fatalf("A: %d %v", i, ok)
	}
	d.Skip()
	if i, ok := d.Member(names); !ok || i != 1 {
		t.Fatalf("B: %d %v", i, ok)
	}
	if i, ok := d.Member(names); !ok || i != 2 {
		t.Fatalf("C: %d %v", i, ok)
	}
	d.Skip()
	if _, ok := d.Member(names); ok {
		t.Fatal("end of B: ok")
	}
	if _, ok := d.Member(names); ok {
		t.Fatal("end of R: ok")
	}
	if d.Err() != nil {
		t.Fatal(d.Err())
	}
	d = NewDecoder([]byte(`<R><A></R>`))
	d.Next()
	d.Member(names)
	if _, ok := d.Member(names); ok || d.Err() == nil {
		t.Fatalf("mismatched end: ok %v, err %v", ok, d.Err())
	}
}

// BenchmarkMember is the cost of finding a name in a 70-name table.
func BenchmarkMember(b *testing.B) {
	var names Names
	var doc strings.Builder
	doc.WriteString("<R>")
	for i := range 70 {
		n := fmt.Sprintf("member%dName", i*7919%1000)
		names = append(names, n)
		fmt.Fprintf(&doc, "<%s/>", n)
	}
	doc.WriteString("</R>")
	slices.Sort(names)
	data := []byte(doc.String())
	b.ReportAllocs()
	for b.Loop() {
		d := NewDecoder(data)
		d.Next()
		for i, ok := d.Member(names); ok; i, ok = d.Member(names) {
			if i < 0 {
				b.Fatal("not found")
			}
			d.Skip()
		}
	}
}
