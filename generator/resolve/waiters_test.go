package resolve_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/svcgen/svcgen/generator/diag"
	"github.com/svcgen/svcgen/generator/load"
	"github.com/svcgen/svcgen/generator/resolve"
	"github.com/svcgen/svcgen/internal/shareddata"
)

// TestCorpusWaiters resolves every model of the corpus: every waiter of its
// waiters-2.json must be generated (its acceptors compile), none left out with a
// warning. The last line printed is "waiters: N generated, M skipped".
func TestCorpusWaiters(t *testing.T) {
	services := shareddata.Corpus(t)
	generated, skipped := 0, 0
	for _, s := range services {
		svc, diags := loadService(s)
		if svc == nil {
			t.Errorf("%s: %v", s.Name, diags)
			continue
		}
		generated += len(svc.WaiterList)
		for _, d := range diags {
			if strings.Contains(d.Message, "waiter not generated") {
				skipped++
				t.Errorf("%s: %s", s.Name, d)
			}
		}
	}
	if generated == 0 {
		t.Error("no waiter generated over the corpus")
	}
	fmt.Printf("waiters: %d generated, %d skipped\n", generated, skipped)
}

const waitersModel = `{
  "version": "2.0",
  "metadata": {"apiVersion": "2024-01-01", "endpointPrefix": "t", "protocol": "json", "jsonVersion": "1.0",
    "serviceId": "Test", "signatureVersion": "v4", "targetPrefix": "T", "uid": "t-2024-01-01"},
  "operations": {
    "Describe": {"name": "Describe", "http": {"method": "POST", "requestUri": "/"},
      "input": {"shape": "DescribeInput"}, "output": {"shape": "DescribeOutput"}},
    "List": {"name": "List", "http": {"method": "POST", "requestUri": "/"},
      "input": {"shape": "ListInput"}, "output": {"shape": "DescribeOutput"}}
  },
  "shapes": {
    "DescribeInput": {"type": "structure", "members": {"Name": {"shape": "S"}}},
    "ListInput": {"type": "structure", "members": {"Marker": {"shape": "S"}, "Max": {"shape": "I"}}},
    "DescribeOutput": {"type": "structure", "members": {"Status": {"shape": "S"}, "Items": {"shape": "Items"}, "Next": {"shape": "S"}}},
    "Items": {"type": "list", "member": {"shape": "Item"}},
    "Item": {"type": "structure", "members": {"Name": {"shape": "S"}, "State": {"shape": "S"}, "Size": {"shape": "I"}}},
    "S": {"type": "string"},
    "I": {"type": "integer"}
  }
}`

const waitersFile = `{"version": 2, "waiters": {
  "Good": {"operation": "Describe", "delay": 5, "maxAttempts": 10, "acceptors": [
    {"matcher": "pathAll", "argument": "Items[].State", "expected": "ready", "state": "success"},
    {"matcher": "path", "argument": "length(Items[?Size > ` + "`3`" + `]) > ` + "`0`" + `", "expected": true, "state": "failure"},
    {"matcher": "error", "expected": "NotFound", "state": "retry"},
    {"matcher": "status", "expected": 404, "state": "retry"}]},
  "Piped": {"operation": "Describe", "delay": 5, "acceptors": [
    {"matcher": "path", "argument": "Items | [0]", "expected": "x", "state": "success"}]},
  "NoMember": {"operation": "Describe", "delay": 5, "acceptors": [
    {"matcher": "path", "argument": "Missing", "expected": "x", "state": "success"}]},
  "WrongKind": {"operation": "Describe", "delay": 5, "acceptors": [
    {"matcher": "path", "argument": "length(Items)", "expected": "x", "state": "success"}]},
  "NoOperation": {"operation": "Nope", "delay": 5, "acceptors": [
    {"matcher": "status", "expected": 200, "state": "success"}]}
}}`

const waitersPaginators = `{"pagination": {
  "Describe": {"input_token": "Name", "output_token": "Next || Items[-1].Name", "result_key": "Items"},
  "List": {"input_token": "Marker", "output_token": "Items[*].Name", "limit_key": "Max", "result_key": "Items"}
}}`

// TestWaiterWarnings: a waiter whose acceptor does not compile is left out with a
// warning naming it and saying why; the others are kept. The same for a paginator
// whose output token is a projection.
func TestWaiterWarnings(t *testing.T) {
	m, diags := load.Bytes("test.json", []byte(waitersModel), map[string][]byte{
		"test/" + load.WaitersFile: []byte(waitersFile), "test/" + load.PaginatorsFile: []byte(waitersPaginators)})
	if m == nil || diags.HasErrors() {
		t.Fatalf("load: %v", diag.ErrorList(diags))
	}
	svc, more := resolve.Resolve(m, resolve.Options{})
	var names []string
	for _, w := range svc.WaiterList {
		names = append(names, w.Name)
	}
	if strings.Join(names, ",") != "Good" || len(svc.WaiterList[0].Acceptors) != 4 {
		t.Errorf("waiters kept: %v, want Good with 4 acceptors", names)
	}
	var warned []string
	for _, d := range more {
		if d.Severity == diag.Warning {
			warned = append(warned, d.Message)
		}
	}
	all := strings.Join(warned, "\n")
	for _, want := range []string{
		`waiter Piped, acceptor 1: unsupported character '|'`,
		`waiter NoMember, acceptor 1: DescribeOutput has no member "Missing"`,
		`waiter WrongKind, acceptor 1: length(Items) compares a number with the expected string`,
		`waiter NoOperation polls operation "Nope"`,
		`paginator for List not generated: output token Items[*].Name is a projection`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("no warning %q in:\n%s", want, all)
		}
	}
	if len(svc.Paginators) != 1 || svc.Paginators[0].Operation.Name != "Describe" {
		t.Errorf("paginators kept: %d, want Describe's", len(svc.Paginators))
	}
}
