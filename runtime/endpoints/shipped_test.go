package endpoints

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/svcgen/svcgen/internal/shareddata"
)

// shippedDir is the models folder of this repository.
var shippedDir = filepath.Join("..", "..", "models")

func loadShipped(t testing.TB, service string) *RuleSet {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(shippedDir, service, "endpoint-rule-set-1.json"))
	if err != nil {
		t.Fatalf("shipped rule set: %v", err)
	}
	rs, err := Parse(data)
	if err != nil {
		t.Fatalf("shipped %s rule set: %v", service, err)
	}
	return rs
}

// TestEndpointShippedModels runs AWS's real endpoint tests of eks-auth and eks
// against the rule sets this repository ships (written by the team).
func TestEndpointShippedModels(t *testing.T) {
	var tl tally
	for _, service := range []string{"eks-auth", "eks"} {
		t.Run(service, func(t *testing.T) {
			testsPath := filepath.Join(shareddata.ModelsDir(), service, "endpoint-tests-1.json")
			shareddata.Require(t, testsPath, service+" endpoint tests")
			tests, err := os.ReadFile(testsPath)
			if err != nil {
				t.Fatal(err)
			}
			var model *serviceModel
			if data, err := os.ReadFile(filepath.Join(shareddata.ModelsDir(), service, "service-2.json")); err == nil {
				if model, err = parseModel(data); err != nil {
					t.Fatalf("%s/service-2.json: %v", service, err)
				}
			}
			runTestFile(t, &tl, loadShipped(t, service), tests, model)
		})
	}
	switch {
	case tl.failed > 0:
		t.Errorf("shipped rule sets: %d of %d cases failed", tl.failed, tl.passed+tl.failed)
	case tl.passed == 0 && !t.Failed():
		// Every service skipped: the shared data is absent outside CI (under CI,
		// shareddata.Require has failed the subtests already).
		t.Skip("no endpoint tests found for the shipped models")
	}
}

// TestShippedRuleSetsBeyondTests covers what AWS's test files do not: the
// other partitions, bad regions, and partitions without FIPS or dual-stack.
func TestShippedRuleSetsBeyondTests(t *testing.T) {
	eks, eksAuth := loadShipped(t, "eks"), loadShipped(t, "eks-auth")
	type tc struct {
		rs                 *RuleSet
		region             string
		fips, dual         bool
		wantURL, wantError string
	}
	cases := []tc{
		{rs: eks, region: "eusc-de-east-1", wantURL: "https://eks.eusc-de-east-1.amazonaws.eu"},
		{rs: eks, region: "us-isof-south-1", fips: true, wantURL: "https://eks-fips.us-isof-south-1.csp.hci.ic.gov"},
		{rs: eks, region: "eu-isoe-west-1", dual: true, wantURL: "https://eks.eu-isoe-west-1.api.cloud-aws.adc-e.uk"},
		{rs: eks, region: "us-gov-west-1", fips: true, dual: true, wantURL: "https://eks-fips.us-gov-west-1.api.aws"},
		{rs: eks, region: "us-west-9", wantURL: "https://eks.us-west-9.amazonaws.com"},           // regex match
		{rs: eks, region: "mars-central-1", wantURL: "https://eks.mars-central-1.amazonaws.com"}, // default partition
		{rs: eks, region: "us-west-2/../evil", wantError: "Invalid Configuration: Region us-west-2/../evil is not a valid host label"},
		{rs: eks, region: "", wantError: "Invalid Configuration: Region  is not a valid host label"},
		{rs: eksAuth, region: "eusc-de-east-1", fips: true, wantURL: "https://eks-auth-fips.eusc-de-east-1.api.amazonwebservices.eu"},
		{rs: eksAuth, region: "us-isob-east-1", wantURL: "https://eks-auth.us-isob-east-1.api.aws.scloud"},
		{rs: eksAuth, region: "evil.example.com#", wantError: "Invalid Configuration: Region evil.example.com# is not a valid host label"},
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%s_fips=%v_dual=%v", c.region, c.fips, c.dual), func(t *testing.T) {
			ep, err := resolveRegion(c.rs, c.region, c.fips, c.dual)
			checkResult(t, ep, err, c.wantURL, c.wantError)
		})
	}

	// A partition without FIPS nor dual-stack.
	ps := BuiltinPartitions()
	ps = append(ps, Partition{
		ID: "aws-test", RegionRegex: `^test\-\w+\-\d+$`,
		Outputs: PartitionOutputs{Name: "aws-test", DNSSuffix: "test.example", DualStackDNSSuffix: "ds.test.example"},
	})
	if err := SetPartitions(ps); err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := SetPartitions(BuiltinPartitions()); err != nil {
			t.Fatal(err)
		}
	}()
	limited := []tc{
		{rs: eks, region: "test-east-1", wantURL: "https://eks.test-east-1.test.example"},
		{rs: eks, region: "test-east-1", fips: true, wantError: "FIPS is enabled but this partition does not support FIPS"},
		{rs: eks, region: "test-east-1", dual: true, wantError: "DualStack is enabled but this partition does not support DualStack"},
		{rs: eks, region: "test-east-1", fips: true, dual: true, wantError: "FIPS and DualStack are enabled, but this partition does not support one or both"},
		{rs: eksAuth, region: "test-east-1", wantError: "EKS Auth endpoints are dual-stack, but partition aws-test does not support DualStack"},
	}
	for _, c := range limited {
		t.Run(fmt.Sprintf("limited_%s_fips=%v_dual=%v", c.region, c.fips, c.dual), func(t *testing.T) {
			ep, err := resolveRegion(c.rs, c.region, c.fips, c.dual)
			checkResult(t, ep, err, c.wantURL, c.wantError)
		})
	}
}

func resolveRegion(rs *RuleSet, region string, fips, dual bool) (Endpoint, error) {
	v := rs.NewValues()
	v.SetString(rs.Index("Region"), region)
	v.SetBool(rs.Index("UseFIPS"), fips)
	if i := rs.Index("UseDualStack"); i >= 0 {
		v.SetBool(i, dual)
	}
	return rs.Resolve(&v)
}

func checkResult(t *testing.T, ep Endpoint, err error, wantURL, wantError string) {
	t.Helper()
	if wantError != "" {
		var re *RuleError
		if !errors.As(err, &re) || re.Message != wantError {
			t.Fatalf("got (%q, %v), want error %q", ep.URL, err, wantError)
		}
		return
	}
	if err != nil || ep.URL != wantURL {
		t.Fatalf("got (%q, %v), want %q", ep.URL, err, wantURL)
	}
}
