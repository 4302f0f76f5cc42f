package endpoints

import (
	"testing"
)

// BenchmarkEndpointResolveEKS resolves eks in us-west-2 (no FIPS, no
// dual-stack), as a client does per request: through its Cache, and uncached.
func BenchmarkEndpointResolveEKS(b *testing.B) {
	eks := loadShipped(b, "eks")
	region, fips := eks.Index("Region"), eks.Index("UseFIPS")
	const want = "https://eks.us-west-2.amazonaws.com"

	b.Run("cached", func(b *testing.B) {
		cache := NewCache(eks, 0)
		b.ReportAllocs()
		for b.Loop() {
			v := eks.NewValues()
			v.SetString(region, "us-west-2")
			v.SetBool(fips, false)
			ep, err := cache.Resolve(&v)
			if err != nil || ep.URL != want {
				b.Fatalf("got (%q, %v)", ep.URL, err)
			}
		}
	})
	b.Run("cached_reused_values", func(b *testing.B) {
		cache := NewCache(eks, 0)
		v := eks.NewValues()
		v.SetString(region, "us-west-2")
		v.SetBool(fips, false)
		b.ReportAllocs()
		for b.Loop() {
			ep, err := cache.Resolve(&v)
			if err != nil || ep.URL != want {
				b.Fatalf("got (%q, %v)", ep.URL, err)
			}
		}
	})
	b.Run("uncached", func(b *testing.B) {
		v := eks.NewValues()
		v.SetString(region, "us-west-2")
		v.SetBool(fips, false)
		b.ReportAllocs()
		for b.Loop() {
			ep, err := eks.Resolve(&v)
			if err != nil || ep.URL != want {
				b.Fatalf("got (%q, %v)", ep.URL, err)
			}
		}
	})
	b.Run("uncached_decoded", func(b *testing.B) {
		blob, err := Encode(eks)
		if err != nil {
			b.Fatal(err)
		}
		dec := MustDecode(string(blob), AllFunctions()...)
		v := dec.NewValues()
		v.SetString(region, "us-west-2")
		v.SetBool(fips, false)
		b.ReportAllocs()
		for b.Loop() {
			ep, err := dec.Resolve(&v)
			if err != nil || ep.URL != want {
				b.Fatalf("got (%q, %v)", ep.URL, err)
			}
		}
	})
}

// TestResolveEKSBudget keeps the benchmark's promise in the ordinary test run:
// the cached path allocates at most 2 times (here: once, for the Values).
func TestResolveEKSBudget(t *testing.T) {
	eks := loadShipped(t, "eks")
	cache := NewCache(eks, 0)
	region := eks.Index("Region")
	cached := testing.AllocsPerRun(200, func() {
		v := eks.NewValues()
		v.SetString(region, "us-west-2")
		if _, err := cache.Resolve(&v); err != nil {
			t.Fatal(err)
		}
	})
	if cached > 2 {
		t.Errorf("cached resolve: %.1f allocations, want at most 2", cached)
	}
	v := eks.NewValues()
	v.SetString(region, "us-west-2")
	uncached := testing.AllocsPerRun(200, func() {
		if _, err := eks.Resolve(&v); err != nil {
			t.Fatal(err)
		}
	})
	// One allocation (the URL); the slack is for the race detector, under
	// which sync.Pool drops some of the scratch states it is given back.
	if uncached > 2 {
		t.Errorf("uncached resolve: %.1f allocations, want at most 2", uncached)
	}
}

// BenchmarkParse measures parsing a rule set, which generated code does once.
func BenchmarkParse(b *testing.B) {
	data := mustRead(b, "eks")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecode measures decoding the binary form of a rule set, which
// generated clients do once (instead of BenchmarkParse's work).
func BenchmarkDecode(b *testing.B) {
	blob, err := Encode(loadShipped(b, "eks"))
	if err != nil {
		b.Fatal(err)
	}
	data := string(blob)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Decode(data, AllFunctions()...); err != nil {
			b.Fatal(err)
		}
	}
}
