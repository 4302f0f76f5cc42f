// Command used declares rules with patterns as generated validators do, and checks
// the rules that use them, for TestPatternsLinkedWhenUsed: it links regexp2's
// matcher and Go's regexp.
package main

import (
	"fmt"
	"os"

	"github.com/svcgen/svcgen/runtime/validate"
	"github.com/svcgen/svcgen/runtime/validate/backtrack"
)

var (
	pattern0 = validate.Pattern{Source: "^(?!aws:).*$", Expr: `^(?!aws\x{3A}).*`, Engine: backtrack.Compile, MinLen: -1, MaxLen: -1}
	pattern1 = validate.Pattern{Source: "^[a-z]+$", Expr: "^[a-z]+$", Engine: validate.RE2, MinLen: -1, MaxLen: -1}
)

// KeyRule and NameRule use the patterns; LengthRule does not.
var (
	KeyRule    = validate.StringRule{MinLen: -1, MaxLen: -1, Pattern: &pattern0}
	NameRule   = validate.StringRule{MinLen: -1, MaxLen: -1, Pattern: &pattern1}
	LengthRule = validate.StringRule{MinLen: 1, MaxLen: 3}
)

func main() {
	c := validate.Checker{Full: true}
	c.String("v", os.Args[0], &KeyRule)
	c.String("v", os.Args[0], &NameRule)
	fmt.Println(c.Err("X"))
}
