package endpoints

import (
	"os"
	"path/filepath"
	"testing"
)

func mustRead(tb testing.TB, service string) []byte {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join(shippedDir, service, "endpoint-rule-set-1.json"))
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// FuzzParse: any bytes either parse or give an error; never a panic. What
// parses also resolves without panicking, with nothing set and with every
// parameter set, and its binary form decodes to a rule set that encodes to the
// same bytes and resolves alike.
func FuzzParse(f *testing.F) {
	f.Add(mustRead(f, "eks"))
	f.Add(mustRead(f, "eks-auth"))
	f.Add([]byte(ruleSetWith(`{"fn": "substring", "argv": [{"ref": "P"}, 1, 3, false], "assign": "s"}`, `"https://{s}"`)))
	f.Add([]byte(ruleSetWith(`{"fn": "getAttr", "argv": [{"ref": "L"}, "[2]"], "assign": "s"}`, `"https://{s}#{{x}}"`)))
	f.Add([]byte(`{"version": "1.0", "parameters": {}, "rules": [{"type": "error", "conditions": [], "error": "x"}]}`))
	f.Add([]byte(`{}`))
	f.Add([]byte(`[`))
	f.Fuzz(func(t *testing.T, data []byte) {
		rs, err := Parse(data)
		if err != nil {
			return
		}
		dec, _ := roundTrip(t, "fuzz", rs)
		v, w := rs.NewValues(), dec.NewValues()
		if d := resolveAlike(rs, dec, &v, &w); d != "" {
			t.Fatalf("nothing set: decoded rule set gives %s", d)
		}
		for i, p := range rs.Params() {
			for _, x := range []*Values{&v, &w} {
				switch p.Type {
				case TypeString:
					x.SetString(i, "us-east-1")
				case TypeBoolean:
					x.SetBool(i, true)
				default:
					x.SetStrings(i, []string{"a"})
				}
			}
		}
		if d := resolveAlike(rs, dec, &v, &w); d != "" {
			t.Fatalf("every parameter set: decoded rule set gives %s", d)
		}
	})
}

// FuzzResolve: any region, with any FIPS and dual-stack setting, resolves the
// shipped eks rules to an endpoint or an error; never a panic.
func FuzzResolve(f *testing.F) {
	eks := loadShipped(f, "eks")
	for _, r := range []string{"us-west-2", "us-gov-east-1", "cn-north-1", "", "x", "us-west-2/../x", "é", "aws-global"} {
		f.Add(r, false, false)
		f.Add(r, true, true)
	}
	region, fips, dual := eks.Index("Region"), eks.Index("UseFIPS"), eks.Index("UseDualStack")
	cache := NewCache(eks, 0)
	f.Fuzz(func(t *testing.T, r string, useFIPS, useDual bool) {
		v := eks.NewValues()
		v.SetString(region, r)
		v.SetBool(fips, useFIPS)
		v.SetBool(dual, useDual)
		ep, err := eks.Resolve(&v)
		if (err == nil) == (ep.URL == "") {
			t.Fatalf("region %q: got (%q, %v)", r, ep.URL, err)
		}
		cep, cerr := cache.Resolve(&v)
		if cep.URL != ep.URL || (cerr == nil) != (err == nil) {
			t.Fatalf("region %q: cache gave (%q, %v), Resolve (%q, %v)", r, cep.URL, cerr, ep.URL, err)
		}
	})
}
