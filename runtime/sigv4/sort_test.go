package sigv4

import (
	"bytes"
	"math/rand"
	"slices"
	"strings"
	"testing"
)

// TestSort: query pairs and headers come out in the order slices.SortFunc gives them
// (the oracle), by insertion for a few and with sort.Sort for more.
func TestSort(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	word := func() string { return strings.Repeat(string(rune('a'+rng.Intn(3))), 1+rng.Intn(2)) }
	for n := 0; n <= 3*insertionMax; n++ {
		for round := 0; round < 20; round++ {
			var names []byte
			var ps []pair
			var hs []header
			seen := map[string]bool{}
			for i := 0; i < n; i++ {
				k, v := word(), word()
				k0 := len(names)
				names = append(names, k...)
				k1 := len(names)
				names = append(names, v...)
				ps = append(ps, pair{k0, k1, k1, len(names)})
				// header keys are a map's: distinct, the same lower-case name in several spellings
				key := k + "-" + strings.ToUpper(v[:1]) + v[1:]
				if rng.Intn(2) == 0 {
					key = strings.ToUpper(key)
				}
				if seen[key] {
					continue
				}
				seen[key] = true
				s := len(names)
				names = append(names, strings.ToLower(key)...)
				hs = append(hs, header{start: s, end: len(names), key: key})
			}
			wantP := slices.Clone(ps)
			slices.SortFunc(wantP, func(x, y pair) int {
				if c := bytes.Compare(names[x.k0:x.k1], names[y.k0:y.k1]); c != 0 {
					return c
				}
				return bytes.Compare(names[x.v0:x.v1], names[y.v0:y.v1])
			})
			sortPairs(names, ps)
			for i := range ps {
				g, w := ps[i], wantP[i]
				if !bytes.Equal(names[g.k0:g.k1], names[w.k0:w.k1]) || !bytes.Equal(names[g.v0:g.v1], names[w.v0:w.v1]) {
					t.Fatalf("n=%d: pairs %v, want %v", n, ps, wantP)
				}
			}
			wantH := slices.Clone(hs)
			slices.SortFunc(wantH, func(x, y header) int {
				if c := bytes.Compare(names[x.start:x.end], names[y.start:y.end]); c != 0 {
					return c
				}
				return strings.Compare(x.key, y.key)
			})
			sortHeaders(names, hs)
			for i := range hs {
				if hs[i].key != wantH[i].key {
					t.Fatalf("n=%d: headers %v, want %v", n, hs, wantH)
				}
			}
		}
	}
}
