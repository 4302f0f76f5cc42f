package endpoints

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/svcgen/svcgen/internal/shareddata"
)

// TestBuiltinPartitionsMatchFile checks the hand-written table against the
// partitions file (SVCGEN_PARTITIONS): same partitions, regexes, outputs,
// regions and region overrides.
func TestBuiltinPartitionsMatchFile(t *testing.T) {
	path := shareddata.PartitionsPath()
	shareddata.Require(t, path, "partitions file")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fromFile, err := ParsePartitions(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	builtin := BuiltinPartitions()
	byID := map[string]Partition{}
	for _, p := range builtin {
		byID[p.ID] = p
	}
	for _, want := range fromFile {
		got, ok := byID[want.ID]
		if !ok {
			t.Errorf("partition %s: in %s, not built in", want.ID, path)
			continue
		}
		delete(byID, want.ID)
		if got.RegionRegex != want.RegionRegex {
			t.Errorf("partition %s: regionRegex %q, file has %q", want.ID, got.RegionRegex, want.RegionRegex)
		}
		if got.Outputs != want.Outputs {
			t.Errorf("partition %s: outputs %+v, file has %+v", want.ID, got.Outputs, want.Outputs)
		}
		compareRegions(t, want.ID, got.Regions, want.Regions)
	}
	for id := range byID {
		t.Errorf("partition %s: built in, not in %s", id, path)
	}
	// Order matters for regex matching: the file's order is the built-in order.
	for i := range fromFile {
		if i < len(builtin) && builtin[i].ID != fromFile[i].ID {
			t.Errorf("partition %d: built-in %s, file %s", i, builtin[i].ID, fromFile[i].ID)
		}
	}
}

func TestPartitionLookup(t *testing.T) {
	tab := currentPartitions.Load()
	for region, want := range map[string]string{
		"us-east-1":      "aws",
		"aws-global":     "aws",
		"us-gov-west-1":  "aws-us-gov",
		"us-gov-new-7":   "aws-us-gov", // regex
		"cn-south-9":     "aws-cn",     // regex
		"us-isob-east-1": "aws-iso-b",
		"us-iso-west-1":  "aws-iso",
		"eusc-de-west-2": "aws-eusc", // regex
		"eu-isoe-west-1": "aws-iso-e",
		"nowhere":        "aws", // default partition
		"":               "aws",
	} {
		rec := tab.lookup(region)
		if got := rec.get(attrName).s; got != want {
			t.Errorf("aws.partition(%q) = %s, want %s", region, got, want)
		}
	}
}

func TestLoadPartitions(t *testing.T) {
	defer SetPartitions(BuiltinPartitions())
	const file = `{"version": "1.1", "partitions": [
	  {"id": "aws", "regionRegex": "^(us|eu)\\-\\w+\\-\\d+$",
	   "outputs": {"name": "aws", "dnsSuffix": "amazonaws.com", "dualStackDnsSuffix": "api.aws",
	               "supportsFIPS": true, "supportsDualStack": true, "implicitGlobalRegion": "us-east-1"},
	   "regions": {"us-east-1": {"description": "N. Virginia"},
	               "us-odd-1": {"description": "odd", "supportsFIPS": false, "dnsSuffix": "odd.example"}}},
	  {"id": "aws-new", "regionRegex": "^new\\-\\w+\\-\\d+$",
	   "outputs": {"name": "aws-new", "dnsSuffix": "new.example", "dualStackDnsSuffix": "api.new.example",
	               "supportsFIPS": false, "supportsDualStack": true, "implicitGlobalRegion": "new-east-1"},
	   "regions": {}}]}`
	if err := LoadPartitions(strings.NewReader(file)); err != nil {
		t.Fatal(err)
	}
	eks := loadShipped(t, "eks")
	cache := NewCache(eks, 0)
	v := eks.NewValues()
	v.SetString(eks.Index("Region"), "new-east-1")
	ep, err := cache.Resolve(&v)
	if err != nil || ep.URL != "https://eks.new-east-1.new.example" {
		t.Fatalf("new partition: got (%q, %v)", ep.URL, err)
	}
	v.SetBool(eks.Index("UseFIPS"), true)
	if _, err := eks.Resolve(&v); err == nil || err.Error() != "FIPS is enabled but this partition does not support FIPS" {
		t.Fatalf("new partition with FIPS: got %v", err)
	}
	v.SetString(eks.Index("Region"), "us-odd-1")
	if _, err := eks.Resolve(&v); err == nil || err.Error() != "FIPS is enabled but this partition does not support FIPS" {
		t.Fatalf("region override of supportsFIPS: got %v", err)
	}
	v.SetBool(eks.Index("UseFIPS"), false)
	if ep, err := eks.Resolve(&v); err != nil || ep.URL != "https://eks.us-odd-1.odd.example" {
		t.Fatalf("region override of dnsSuffix: got (%q, %v)", ep.URL, err)
	}

	// Back to the built-in table: the cache must not serve the old answer.
	if err := SetPartitions(BuiltinPartitions()); err != nil {
		t.Fatal(err)
	}
	v.SetString(eks.Index("Region"), "new-east-1")
	if ep, err := cache.Resolve(&v); err != nil || ep.URL != "https://eks.new-east-1.amazonaws.com" {
		t.Fatalf("after restoring the built-in table: got (%q, %v)", ep.URL, err)
	}

	for name, bad := range map[string]string{
		"not JSON":      `{`,
		"no partitions": `{"partitions": []}`,
		"bad regex":     `{"partitions": [{"id": "x", "regionRegex": "(", "outputs": {"name": "x", "dnsSuffix": "x"}}]}`,
		"no id":         `{"partitions": [{"regionRegex": "x", "outputs": {"name": "x", "dnsSuffix": "x"}}]}`,
		"no dnsSuffix":  `{"partitions": [{"id": "x", "regionRegex": "x", "outputs": {"name": "x"}}]}`,
	} {
		if err := LoadPartitions(strings.NewReader(bad)); err == nil {
			t.Errorf("%s: LoadPartitions accepted %s", name, bad)
		}
	}
}

// compareRegions reports, by name, the regions that differ.
func compareRegions(t *testing.T, id string, got, want []Region) {
	t.Helper()
	byName := map[string]Region{}
	for _, r := range got {
		byName[r.Name] = r
	}
	for _, w := range want {
		g, ok := byName[w.Name]
		switch {
		case !ok:
			t.Errorf("partition %s: region %s is in the file, not built in", id, w.Name)
		case !reflect.DeepEqual(g, w):
			t.Errorf("partition %s: region %s: built in %+v, file %+v", id, w.Name, g, w)
		}
		delete(byName, w.Name)
	}
	for name := range byName {
		t.Errorf("partition %s: region %s is built in, not in the file", id, name)
	}
	for i := 1; i < len(got); i++ {
		if got[i-1].Name >= got[i].Name {
			t.Errorf("partition %s: built-in regions not sorted at %s", id, got[i].Name)
		}
	}
}
