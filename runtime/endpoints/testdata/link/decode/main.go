// Command decode resolves an endpoint as a generated client does, from a rule set in
// the binary form, for TestDecodeLinksNoCompiler: it must not link Parse, the
// compiler, the JSON reader nor the encoder.
package main

import (
	"fmt"
	"sync"

	"github.com/svcgen/svcgen/runtime/endpoints"
)

// ruleSetData is linkRuleSet (link_test.go) in the binary form.
const ruleSetData = "\x01\x8d\x06\xa9\x96\x05\x06Region\vAWS::Region\x00\fhttps://svc.\x01.\x01\x00\x05\x01\x02\x02\x01\x00\x01\x02\t\x01\x00\x02\x03\x04\x00\x03\x01\x00\x00\x04\x02\x01\x04\x00\x00"

var ruleSet = sync.OnceValue(func() *endpoints.RuleSet { return endpoints.MustDecode(ruleSetData, endpoints.FnPartition) })

func main() {
	rs := ruleSet()
	v := rs.NewValues()
	v.SetString(rs.IndexBuiltIn("AWS::Region"), "us-west-2")
	ep, err := endpoints.NewCache(rs, 0).Resolve(&v)
	fmt.Println(ep.URL, err)
}
