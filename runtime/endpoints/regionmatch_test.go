package endpoints

import (
	"math/rand"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// TestRegionMatcherFamily: every built-in partition's regionRegex is in the family the
// matcher handles (else the package's init would fail).
// builtinMatchers holds each one's matcher as parseRegionRegex makes it.
func TestRegionMatcherFamily(t *testing.T) {
	for _, p := range builtinPartitions {
		m, ok := parseRegionRegex(p.RegionRegex)
		if !ok {
			t.Errorf("partition %s: %q is outside the family", p.ID, p.RegionRegex)
		}
		found := false
		for _, b := range builtinMatchers {
			if b.expr == p.RegionRegex {
				found = true
				if !reflect.DeepEqual(b.m, m) {
					t.Errorf("partition %s: builtinMatchers has %#v, the parser makes %#v", p.ID, b.m, m)
				}
			}
		}
		if !found {
			t.Errorf("partition %s: %q is not in builtinMatchers", p.ID, p.RegionRegex)
		}
	}
}

// regionSamples returns names to match: every known region, their prefixes and
// variations, and random names over the characters regions use.
func regionSamples() []string {
	var out []string
	rng := rand.New(rand.NewSource(1))
	words := []string{"us", "eu", "ap", "sa", "ca", "me", "af", "il", "mx", "cn", "eusc", "de", "iso", "isob", "isoe", "isof", "gov", "east", "west", "north", "south", "central", "northeast", "1", "12", "x", "_", "-", "--", ""}
	for _, p := range builtinPartitions {
		for _, r := range p.Regions {
			n := r.Name
			out = append(out, n, n+"-", n+"x", "-"+n, strings.ToUpper(n), n[:len(n)-1], n+"\n", "x"+n)
			for i := range n {
				out = append(out, n[:i], n[i:], n[:i]+"_"+n[i:], n[:i]+"-"+n[i:])
			}
		}
	}
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for k := rng.Intn(6); k >= 0; k-- {
			b.WriteString(words[rng.Intn(len(words))])
			if rng.Intn(3) > 0 {
				b.WriteByte('-')
			}
		}
		out = append(out, b.String())
	}
	return out
}

// TestRegionMatcherOracle: the matcher agrees with Go's regexp on the built-in
// partitions' expressions and on other expressions of the family, and refuses (leaves
// to regexp) those outside it.
func TestRegionMatcherOracle(t *testing.T) {
	exprs := []string{
		`^(us|eu)\-\w+$`, `^a\d+b$`, `^(?:us|)\-x$`, `^\w+\d+$`, `^\d+\w+\-\d+$`, `^us_\w+$`,
		`^us\.east\-\d+$`, `^(de)(fr)\-\w+$`, `^()x$`,
	}
	for _, p := range builtinPartitions {
		exprs = append(exprs, p.RegionRegex)
	}
	for _, b := range builtinMatchers {
		re := regexp.MustCompile(b.expr)
		for _, s := range regionSamples() {
			if got, want := b.m.match(s), re.MatchString(s); got != want {
				t.Errorf("built-in %q on %q: %v, regexp says %v", b.expr, s, got, want)
			}
		}
	}
	samples := append(regionSamples(), "a1b", "a12b", "ab", "us-x", "-x", "abc12", "12", "1", "us.east-1", "defr-a", "x", "de-fr")
	for _, expr := range exprs {
		m, ok := parseRegionRegex(expr)
		if !ok {
			t.Errorf("%q: outside the family", expr)
			continue
		}
		re := regexp.MustCompile(expr)
		for _, s := range samples {
			if got, want := m.match(s), re.MatchString(s); got != want {
				t.Errorf("%q on %q: %v, regexp says %v", expr, s, got, want)
			}
		}
	}
	for _, expr := range []string{`us-\w+`, `^us-\w+`, `^(us|eu)?-\w+$`, `^[a-z]+$`, `^us.\d+$`, `^\w*$`, `^\s+$`, `^us\$`, `^(us$`, `^a|b$`} {
		if _, ok := parseRegionRegex(expr); ok {
			t.Errorf("%q: accepted, but it is outside the family", expr)
		}
	}
}

// TestSetPartitionsOtherRegex: a partition whose regionRegex is outside the family is
// still matched, with regexp.
func TestSetPartitionsOtherRegex(t *testing.T) {
	ps := BuiltinPartitions()
	ps = append(ps, Partition{ID: "zz", RegionRegex: `^zz-[a-c]+-\d$`, Outputs: PartitionOutputs{Name: "zz", DNSSuffix: "zz.example"}})
	table, err := compilePartitions(ps, compileRegionRegex)
	if err != nil {
		t.Fatal(err)
	}
	if got := table.lookup("zz-abc-1"); got != table.patterns[len(table.patterns)-1].rec {
		t.Error("zz-abc-1 is not in partition zz")
	}
	if got := table.lookup("zz-abd-1"); got != table.fallback {
		t.Error("zz-abd-1 is not in the fallback partition")
	}
	if _, err := compilePartitions(ps, compileBuiltinRegex); err == nil {
		t.Error("the built-in compiler accepted an expression outside the family")
	}
}
