package endpoints

import (
	"fmt"
	"sync"
	"testing"
)

func TestCache(t *testing.T) {
	eks := loadShipped(t, "eks")
	c := NewCache(eks, 2)
	region := eks.Index("Region")
	resolve := func(r string) string {
		t.Helper()
		v := eks.NewValues()
		v.SetString(region, r)
		ep, err := c.Resolve(&v)
		if err != nil {
			t.Fatal(err)
		}
		return ep.URL
	}
	want := map[string]string{
		"us-west-2":  "https://eks.us-west-2.amazonaws.com",
		"eu-west-1":  "https://eks.eu-west-1.amazonaws.com",
		"cn-north-1": "https://eks.cn-north-1.amazonaws.com.cn",
	}
	for i := 0; i < 3; i++ { // three regions through a cache of two: entries get replaced
		for _, r := range []string{"us-west-2", "eu-west-1", "cn-north-1"} {
			if got := resolve(r); got != want[r] {
				t.Fatalf("%s: got %s, want %s", r, got, want[r])
			}
		}
	}
	if n := len(c.entries.Load().items); n != 2 {
		t.Fatalf("cache holds %d entries, want its size 2", n)
	}

	// Errors are cached too, and are the same as uncached.
	v := eks.NewValues()
	_, err1 := c.Resolve(&v)
	_, err2 := c.Resolve(&v)
	if err1 == nil || err2 == nil || err1.Error() != "Invalid Configuration: Missing Region" || err1 != err2 {
		t.Fatalf("errors: %v, %v", err1, err2)
	}

	// A key is a copy: changing the caller's slice later does not alter it.
	rs := MustParse(ruleSetWith(`{"fn": "getAttr", "argv": [{"ref": "L"}, "[0]"], "assign": "s"}`, `"https://{s}"`))
	rc := NewCache(rs, 0)
	list := []string{"a"}
	lv := rs.NewValues()
	lv.SetStrings(rs.Index("L"), list)
	if ep, _ := rc.Resolve(&lv); ep.URL != "https://a" {
		t.Fatalf("got %q", ep.URL)
	}
	list[0] = "b"
	if ep, _ := rc.Resolve(&lv); ep.URL != "https://b" {
		t.Fatalf("after changing the slice: got %q", ep.URL)
	}
}

func TestCacheConcurrent(t *testing.T) {
	eks := loadShipped(t, "eks")
	c := NewCache(eks, 4)
	regions := []string{"us-west-2", "eu-west-1", "ap-south-1", "sa-east-1", "us-east-2", "ca-central-1"}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			v := eks.NewValues()
			for i := 0; i < 500; i++ {
				r := regions[(g+i)%len(regions)]
				v.SetString(eks.Index("Region"), r)
				v.SetBool(eks.Index("UseFIPS"), i%2 == 0)
				ep, err := c.Resolve(&v)
				want := fmt.Sprintf("https://eks.%s.amazonaws.com", r)
				if i%2 == 0 {
					want = fmt.Sprintf("https://fips.eks.%s.amazonaws.com", r)
				}
				if err != nil || ep.URL != want {
					t.Errorf("%s fips=%v: got (%q, %v), want %s", r, i%2 == 0, ep.URL, err, want)
					return
				}
			}
		}(g)
	}
	wg.Wait()
}
