package endpoints

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/svcgen/svcgen/internal/shareddata"
)

// tally counts conformance results for the closing line.
type tally struct{ passed, failed, skipped int }

// runCase runs one case as a subtest and counts it. run returns a failure
// description ("" on success) or, with skip set, why it cannot run.
func (tl *tally) runCase(t *testing.T, name string, run func() (problem string, skip string)) {
	t.Run(name, func(t *testing.T) {
		problem, skip := run()
		switch {
		case skip != "":
			tl.skipped++
			t.Skip(skip)
		case problem != "":
			tl.failed++
			t.Error(problem)
		default:
			tl.passed++
		}
	})
}

func caseName(i int, tc *testCase) string {
	return fmt.Sprintf("%04d_%s", i, tc.Documentation)
}

// runTestFile runs every case of an endpoint-tests-1.json against rs: with
// its params, and once more per operationInputs entry, binding the values as
// an SDK would from the model (when model is not nil).
func runTestFile(t *testing.T, tl *tally, rs *RuleSet, tests []byte, model *serviceModel) {
	var tf testFile
	if err := json.Unmarshal(tests, &tf); err != nil {
		t.Fatalf("endpoint-tests-1.json: %v", err)
	}
	if len(tf.TestCases) == 0 {
		t.Fatalf("endpoint-tests-1.json holds no test case")
	}
	for i := range tf.TestCases {
		tc := &tf.TestCases[i]
		tl.runCase(t, caseName(i, tc), func() (string, string) {
			v, err := bindParams(rs, tc.Params)
			if err != nil {
				return err.Error(), ""
			}
			return check(rs, &v, tc), ""
		})
		for j := range tc.OperationInputs {
			in := &tc.OperationInputs[j]
			tl.runCase(t, fmt.Sprintf("%s/operationInputs[%d]_%s", caseName(i, tc), j, in.OperationName), func() (string, string) {
				if model == nil {
					return "", "no service-2.json beside the rules: operationInputs need the model's context parameters"
				}
				v, err := bindOperation(rs, model, in)
				if err != nil {
					return err.Error(), ""
				}
				return check(rs, &v, tc), ""
			})
		}
	}
}

// TestEndpointCorpus runs every endpoint test case of every service of the
// corpus against the service's rule set.
func TestEndpointCorpus(t *testing.T) {
	services := shareddata.Corpus(t)
	var tl tally
	withRules := 0
	for _, svc := range services {
		rules, hasRules := svc.Files["endpoint-rule-set-1.json"]
		tests, hasTests := svc.Files["endpoint-tests-1.json"]
		if !hasRules {
			continue
		}
		withRules++
		t.Run(svc.Name, func(t *testing.T) {
			rs, err := Parse(rules)
			if err != nil {
				tl.failed++
				t.Fatalf("%s/endpoint-rule-set-1.json: %v", svc.Name, err)
			}
			if !hasTests {
				t.Skipf("%s has no endpoint-tests-1.json", svc.Name)
			}
			model, err := parseModel(svc.Files["service-2.json"])
			if err != nil {
				t.Fatalf("%s: %v", svc.Model(), err)
			}
			runTestFile(t, &tl, rs, tests, model)
		})
	}
	if withRules == 0 {
		t.Fatalf("no service of the corpus has an endpoint-rule-set-1.json")
	}
	fmt.Printf("endpoints: %d passed, %d failed, %d skipped\n", tl.passed, tl.failed, tl.skipped)
	if tl.failed > 0 {
		t.Errorf("%d endpoint test cases failed", tl.failed)
	}
}
