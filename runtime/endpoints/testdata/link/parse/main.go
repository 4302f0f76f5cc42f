// Command parse resolves an endpoint from a rule set in the JSON form, for
// TestDecodeLinksNoCompiler: it links Parse and the compiler, which shows that the
// symbols the test looks for are the right ones.
package main

import (
	"fmt"
	"sync"

	"github.com/svcgen/svcgen/runtime/endpoints"
)

const ruleSetJSON = `{"version":"1.0","parameters":{"Region":{"type":"string","builtIn":"AWS::Region","required":true}},"rules":[{"type":"endpoint","conditions":[{"fn":"aws.partition","argv":[{"ref":"Region"}],"assign":"p"}],"endpoint":{"url":"https://svc.{Region}.{p#dnsSuffix}"}}]}`

var ruleSet = sync.OnceValue(func() *endpoints.RuleSet { return endpoints.MustParse(ruleSetJSON) })

func main() {
	rs := ruleSet()
	v := rs.NewValues()
	v.SetString(rs.IndexBuiltIn("AWS::Region"), "us-west-2")
	ep, err := endpoints.NewCache(rs, 0).Resolve(&v)
	fmt.Println(ep.URL, err)
}
