package endpoints

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"sync/atomic"
)

// Partition is an AWS partition: a group of regions sharing DNS suffixes and
// capabilities, as aws.partition reports them.
type Partition struct {
	ID          string
	RegionRegex string   // matches the names of the partition's regions, known or future
	Regions     []Region // the known regions, sorted by name
	Outputs     PartitionOutputs
}

// PartitionOutputs is what aws.partition returns for a region.
type PartitionOutputs struct {
	Name                 string
	DNSSuffix            string
	DualStackDNSSuffix   string
	SupportsFIPS         bool
	SupportsDualStack    bool
	ImplicitGlobalRegion string
}

// Region is a known region of a partition.
type Region struct {
	Name        string
	Description string
	// Outputs, when not nil, replaces the partition's outputs for this region:
	// the partition's with the region's overrides applied.
	Outputs *PartitionOutputs
}

// The built-in table, written from the AWS partitions facts (partitions.json
// version 1.1). A test checks it against SVCGEN_PARTITIONS.
var builtinPartitions = []Partition{
	{
		ID:          "aws",
		RegionRegex: `^(us|eu|ap|sa|ca|me|af|il|mx)\-\w+\-\d+$`,
		Outputs: PartitionOutputs{
			Name: "aws", DNSSuffix: "amazonaws.com", DualStackDNSSuffix: "api.aws",
			SupportsFIPS: true, SupportsDualStack: true, ImplicitGlobalRegion: "us-east-1",
		},
		Regions: []Region{
			{Name: "af-south-1", Description: "Africa (Cape Town)"},
			{Name: "ap-east-1", Description: "Asia Pacific (Hong Kong)"},
			{Name: "ap-east-2", Description: "Asia Pacific (Taipei)"},
			{Name: "ap-northeast-1", Description: "Asia Pacific (Tokyo)"},
			{Name: "ap-northeast-2", Description: "Asia Pacific (Seoul)"},
			{Name: "ap-northeast-3", Description: "Asia Pacific (Osaka)"},
			{Name: "ap-south-1", Description: "Asia Pacific (Mumbai)"},
			{Name: "ap-south-2", Description: "Asia Pacific (Hyderabad)"},
			{Name: "ap-southeast-1", Description: "Asia Pacific (Singapore)"},
			{Name: "ap-southeast-2", Description: "Asia Pacific (Sydney)"},
			{Name: "ap-southeast-3", Description: "Asia Pacific (Jakarta)"},
			{Name: "ap-southeast-4", Description: "Asia Pacific (Melbourne)"},
			{Name: "ap-southeast-5", Description: "Asia Pacific (Malaysia)"},
			{Name: "ap-southeast-6", Description: "Asia Pacific (New Zealand)"},
			{Name: "ap-southeast-7", Description: "Asia Pacific (Thailand)"},
			{Name: "aws-global", Description: "aws global region"},
			{Name: "ca-central-1", Description: "Canada (Central)"},
			{Name: "ca-west-1", Description: "Canada West (Calgary)"},
			{Name: "eu-central-1", Description: "Europe (Frankfurt)"},
			{Name: "eu-central-2", Description: "Europe (Zurich)"},
			{Name: "eu-north-1", Description: "Europe (Stockholm)"},
			{Name: "eu-south-1", Description: "Europe (Milan)"},
			{Name: "eu-south-2", Description: "Europe (Spain)"},
			{Name: "eu-west-1", Description: "Europe (Ireland)"},
			{Name: "eu-west-2", Description: "Europe (London)"},
			{Name: "eu-west-3", Description: "Europe (Paris)"},
			{Name: "il-central-1", Description: "Israel (Tel Aviv)"},
			{Name: "me-central-1", Description: "Middle East (UAE)"},
			{Name: "me-south-1", Description: "Middle East (Bahrain)"},
			{Name: "mx-central-1", Description: "Mexico (Central)"},
			{Name: "sa-east-1", Description: "South America (Sao Paulo)"},
			{Name: "us-east-1", Description: "US East (N. Virginia)"},
			{Name: "us-east-2", Description: "US East (Ohio)"},
			{Name: "us-west-1", Description: "US West (N. California)"},
			{Name: "us-west-2", Description: "US West (Oregon)"},
		},
	},
	{
		ID:          "aws-cn",
		RegionRegex: `^cn\-\w+\-\d+$`,
		Outputs: PartitionOutputs{
			Name: "aws-cn", DNSSuffix: "amazonaws.com.cn", DualStackDNSSuffix: "api.amazonwebservices.com.cn",
			SupportsFIPS: true, SupportsDualStack: true, ImplicitGlobalRegion: "cn-northwest-1",
		},
		Regions: []Region{
			{Name: "aws-cn-global", Description: "aws-cn global region"},
			{Name: "cn-north-1", Description: "China (Beijing)"},
			{Name: "cn-northwest-1", Description: "China (Ningxia)"},
		},
	},
	{
		ID:          "aws-eusc",
		RegionRegex: `^eusc\-(de)\-\w+\-\d+$`,
		Outputs: PartitionOutputs{
			Name: "aws-eusc", DNSSuffix: "amazonaws.eu", DualStackDNSSuffix: "api.amazonwebservices.eu",
			SupportsFIPS: true, SupportsDualStack: true, ImplicitGlobalRegion: "eusc-de-east-1",
		},
		Regions: []Region{
			{Name: "eusc-de-east-1", Description: "AWS European Sovereign Cloud (Germany)"},
		},
	},
	{
		ID:          "aws-iso",
		RegionRegex: `^us\-iso\-\w+\-\d+$`,
		Outputs: PartitionOutputs{
			Name: "aws-iso", DNSSuffix: "c2s.ic.gov", DualStackDNSSuffix: "api.aws.ic.gov",
			SupportsFIPS: true, SupportsDualStack: true, ImplicitGlobalRegion: "us-iso-east-1",
		},
		Regions: []Region{
			{Name: "aws-iso-global", Description: "aws-iso global region"},
			{Name: "us-iso-east-1", Description: "US ISO East"},
			{Name: "us-iso-west-1", Description: "US ISO WEST"},
		},
	},
	{
		ID:          "aws-iso-b",
		RegionRegex: `^us\-isob\-\w+\-\d+$`,
		Outputs: PartitionOutputs{
			Name: "aws-iso-b", DNSSuffix: "sc2s.sgov.gov", DualStackDNSSuffix: "api.aws.scloud",
			SupportsFIPS: true, SupportsDualStack: true, ImplicitGlobalRegion: "us-isob-east-1",
		},
		Regions: []Region{
			{Name: "aws-iso-b-global", Description: "aws-iso-b global region"},
			{Name: "us-isob-east-1", Description: "US ISOB East (Ohio)"},
			{Name: "us-isob-west-1", Description: "US ISOB West"},
		},
	},
	{
		ID:          "aws-iso-e",
		RegionRegex: `^eu\-isoe\-\w+\-\d+$`,
		Outputs: PartitionOutputs{
			Name: "aws-iso-e", DNSSuffix: "cloud.adc-e.uk", DualStackDNSSuffix: "api.cloud-aws.adc-e.uk",
			SupportsFIPS: true, SupportsDualStack: true, ImplicitGlobalRegion: "eu-isoe-west-1",
		},
		Regions: []Region{
			{Name: "aws-iso-e-global", Description: "aws-iso-e global region"},
			{Name: "eu-isoe-west-1", Description: "EU ISOE West"},
		},
	},
	{
		ID:          "aws-iso-f",
		RegionRegex: `^us\-isof\-\w+\-\d+$`,
		Outputs: PartitionOutputs{
			Name: "aws-iso-f", DNSSuffix: "csp.hci.ic.gov", DualStackDNSSuffix: "api.aws.hci.ic.gov",
			SupportsFIPS: true, SupportsDualStack: true, ImplicitGlobalRegion: "us-isof-south-1",
		},
		Regions: []Region{
			{Name: "aws-iso-f-global", Description: "aws-iso-f global region"},
			{Name: "us-isof-east-1", Description: "US ISOF EAST"},
			{Name: "us-isof-south-1", Description: "US ISOF SOUTH"},
		},
	},
	{
		ID:          "aws-us-gov",
		RegionRegex: `^us\-gov\-\w+\-\d+$`,
		Outputs: PartitionOutputs{
			Name: "aws-us-gov", DNSSuffix: "amazonaws.com", DualStackDNSSuffix: "api.aws",
			SupportsFIPS: true, SupportsDualStack: true, ImplicitGlobalRegion: "us-gov-west-1",
		},
		Regions: []Region{
			{Name: "aws-us-gov-global", Description: "aws-us-gov global region"},
			{Name: "us-gov-east-1", Description: "AWS GovCloud (US-East)"},
			{Name: "us-gov-west-1", Description: "AWS GovCloud (US-West)"},
		},
	},
}

// partitionTable is the compiled form of a []Partition that aws.partition
// reads: the records it returns are built once, so a lookup does not allocate.
type partitionTable struct {
	gen      uint64
	regions  []regionEntry // sorted by name, for binary search
	patterns []patternEntry
	fallback *record // the "aws" partition's, for regions nothing matches
}

type regionEntry struct {
	name string
	rec  *record
}

// regionsByName and partitionRegionsByName sort with sort.Sort, whose code every
// net/http program links already (sort.Slice would link reflectlite's Swapper,
// slices.SortFunc a copy of pdqsort per element type).
type regionsByName []regionEntry

func (r regionsByName) Len() int           { return len(r) }
func (r regionsByName) Less(i, j int) bool { return r[i].name < r[j].name }
func (r regionsByName) Swap(i, j int)      { r[i], r[j] = r[j], r[i] }

type partitionRegionsByName []Region

func (r partitionRegionsByName) Len() int           { return len(r) }
func (r partitionRegionsByName) Less(i, j int) bool { return r[i].Name < r[j].Name }
func (r partitionRegionsByName) Swap(i, j int)      { r[i], r[j] = r[j], r[i] }

type patternEntry struct {
	match func(string) bool
	rec   *record
}

// regionRegexCompiler turns a partition's regionRegex into its matcher.
type regionRegexCompiler func(expr string) (func(string) bool, error)

// compileBuiltinRegex accepts only the built-in partitions' regionRegex, whose matchers
// builtinMatchers holds: the package's init links no regexp, nor the parser.
func compileBuiltinRegex(expr string) (func(string) bool, error) {
	for _, b := range builtinMatchers {
		if b.expr == expr {
			return b.m.match, nil
		}
	}
	return nil, fmt.Errorf("%q is outside the built-in matcher's family", expr)
}

// compileRegionRegex is the compiler of partitions a program installs: regionMatcher
// for the family it handles, else Go's regexp.
func compileRegionRegex(expr string) (func(string) bool, error) {
	if m, ok := parseRegionRegex(expr); ok {
		return m.match, nil
	}
	re, err := regexp.Compile(expr)
	if err != nil {
		return nil, err
	}
	return re.MatchString, nil
}

var (
	currentPartitions atomic.Pointer[partitionTable]
	partitionsGen     atomic.Uint64
)

func init() {
	t, err := compilePartitions(builtinPartitions, compileBuiltinRegex)
	if err != nil {
		panic("endpoints: built-in partitions: " + err.Error())
	}
	currentPartitions.Store(t)
}

// lookup implements aws.partition: a known region's partition (with the
// region's overrides) first; else the first partition whose regionRegex
// matches; else the "aws" partition, as AWS SDKs do for unknown regions.
func (t *partitionTable) lookup(region string) *record {
	i := sort.Search(len(t.regions), func(i int) bool { return t.regions[i].name >= region })
	if i < len(t.regions) && t.regions[i].name == region {
		return t.regions[i].rec
	}
	for _, p := range t.patterns {
		if p.match(region) {
			return p.rec
		}
	}
	return t.fallback
}

func outputsRecord(o *PartitionOutputs) *record {
	return &record{attrs: []attrValue{
		{attrName, stringValue(o.Name)},
		{attrDNSSuffix, stringValue(o.DNSSuffix)},
		{attrDualStackDNSSuffix, stringValue(o.DualStackDNSSuffix)},
		{attrSupportsFIPS, boolValue(o.SupportsFIPS)},
		{attrSupportsDualStack, boolValue(o.SupportsDualStack)},
		{attrImplicitGlobalRegion, stringValue(o.ImplicitGlobalRegion)},
	}}
}

func compilePartitions(ps []Partition, compile regionRegexCompiler) (*partitionTable, error) {
	if len(ps) == 0 {
		return nil, errors.New("no partitions")
	}
	t := &partitionTable{}
	seenID := map[string]bool{}
	seenRegion := map[string]string{}
	for _, p := range ps {
		if p.ID == "" {
			return nil, errors.New("a partition has no id")
		}
		if seenID[p.ID] {
			return nil, fmt.Errorf("partition %q: declared twice", p.ID)
		}
		seenID[p.ID] = true
		if p.Outputs.Name == "" || p.Outputs.DNSSuffix == "" {
			return nil, fmt.Errorf("partition %q: outputs need a name and a dnsSuffix", p.ID)
		}
		match, err := compile(p.RegionRegex)
		if err != nil {
			return nil, fmt.Errorf("partition %q: regionRegex: %v", p.ID, err)
		}
		outputs := p.Outputs
		rec := outputsRecord(&outputs)
		t.patterns = append(t.patterns, patternEntry{match, rec})
		if p.ID == "aws" {
			t.fallback = rec
		}
		for _, r := range p.Regions {
			if r.Name == "" {
				return nil, fmt.Errorf("partition %q: a region has no name", p.ID)
			}
			if other, dup := seenRegion[r.Name]; dup {
				return nil, fmt.Errorf("region %q: in partitions %q and %q", r.Name, other, p.ID)
			}
			seenRegion[r.Name] = p.ID
			rrec := rec
			if r.Outputs != nil {
				o := *r.Outputs
				rrec = outputsRecord(&o)
			}
			t.regions = append(t.regions, regionEntry{r.Name, rrec})
		}
	}
	if t.fallback == nil {
		t.fallback = t.patterns[0].rec
	}
	sort.Sort(regionsByName(t.regions))
	t.gen = partitionsGen.Add(1)
	return t, nil
}

// BuiltinPartitions returns a copy of the partitions built into this package.
func BuiltinPartitions() []Partition {
	out := make([]Partition, len(builtinPartitions))
	for i, p := range builtinPartitions {
		p.Regions = append([]Region(nil), p.Regions...)
		out[i] = p
	}
	return out
}

// SetPartitions replaces, for the whole process, the partitions that
// aws.partition consults. It is safe to call while endpoints are being
// resolved; Caches drop what they resolved with the previous table.
// SetPartitions(BuiltinPartitions()) restores the built-in table.
func SetPartitions(ps []Partition) error {
	t, err := compilePartitions(ps, compileRegionRegex)
	if err != nil {
		return fmt.Errorf("endpoints: %w", err)
	}
	currentPartitions.Store(t)
	return nil
}

// LoadPartitions reads a partitions file in the AWS partitions.json format
// (the format of botocore's and the SDKs' partitions.json, version 1.1) and
// makes it the table aws.partition consults, as SetPartitions does. Use it to
// learn about regions and partitions released after this package was built.
func LoadPartitions(r io.Reader) error {
	ps, err := ParsePartitions(r)
	if err != nil {
		return err
	}
	return SetPartitions(ps)
}

// ParsePartitions reads a partitions file in the partitions.json format.
// Regions come out sorted by name; a region's own output overrides are merged
// into its Outputs.
func ParsePartitions(r io.Reader) ([]Partition, error) {
	var doc struct {
		Partitions []struct {
			ID          string                        `json:"id"`
			RegionRegex string                        `json:"regionRegex"`
			Outputs     jsonOutputs                   `json:"outputs"`
			Regions     map[string]jsonRegionOverride `json:"regions"`
		} `json:"partitions"`
	}
	if err := json.NewDecoder(r).Decode(&doc); err != nil {
		return nil, fmt.Errorf("endpoints: partitions: %w", err)
	}
	if len(doc.Partitions) == 0 {
		return nil, errors.New("endpoints: partitions: no partitions")
	}
	out := make([]Partition, 0, len(doc.Partitions))
	for _, jp := range doc.Partitions {
		p := Partition{ID: jp.ID, RegionRegex: jp.RegionRegex}
		p.Outputs = jp.Outputs.apply(PartitionOutputs{})
		for name, jr := range jp.Regions {
			r := Region{Name: name, Description: jr.Description}
			if jr.overrides() {
				o := jr.apply(p.Outputs)
				r.Outputs = &o
			}
			p.Regions = append(p.Regions, r)
		}
		sort.Sort(partitionRegionsByName(p.Regions))
		out = append(out, p)
	}
	if _, err := compilePartitions(out, compileRegionRegex); err != nil {
		return nil, fmt.Errorf("endpoints: partitions: %w", err)
	}
	return out, nil
}

type jsonOutputs struct {
	Name                 *string `json:"name"`
	DNSSuffix            *string `json:"dnsSuffix"`
	DualStackDNSSuffix   *string `json:"dualStackDnsSuffix"`
	SupportsFIPS         *bool   `json:"supportsFIPS"`
	SupportsDualStack    *bool   `json:"supportsDualStack"`
	ImplicitGlobalRegion *string `json:"implicitGlobalRegion"`
}

type jsonRegionOverride struct {
	Description string `json:"description"`
	jsonOutputs
}

func (j jsonOutputs) overrides() bool {
	return j.Name != nil || j.DNSSuffix != nil || j.DualStackDNSSuffix != nil ||
		j.SupportsFIPS != nil || j.SupportsDualStack != nil || j.ImplicitGlobalRegion != nil
}

func (j jsonOutputs) apply(o PartitionOutputs) PartitionOutputs {
	set := func(dst *string, src *string) {
		if src != nil {
			*dst = *src
		}
	}
	set(&o.Name, j.Name)
	set(&o.DNSSuffix, j.DNSSuffix)
	set(&o.DualStackDNSSuffix, j.DualStackDNSSuffix)
	set(&o.ImplicitGlobalRegion, j.ImplicitGlobalRegion)
	if j.SupportsFIPS != nil {
		o.SupportsFIPS = *j.SupportsFIPS
	}
	if j.SupportsDualStack != nil {
		o.SupportsDualStack = *j.SupportsDualStack
	}
	return o
}
