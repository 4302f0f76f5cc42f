// Package backtrack checks the model patterns that Go's regexp (RE2) cannot:
// lookahead, lookbehind, atomic groups, backreferences, Java's \b, repeat counts
// over 1000. The generator rewrites such a pattern for github.com/dlclark/regexp2/v2
// (a backtracking engine, compiled with its RE2 option) so that it accepts exactly
// what Java's java.util.regex accepts (see generator/pattern), and generated
// validators declare it with Compile as a validate.Pattern's Engine. Only the packages with such patterns import
// this one.
package backtrack

import (
	"time"

	"github.com/dlclark/regexp2/v2"
	"github.com/svcgen/svcgen/runtime/validate"
)

// MatchTimeout bounds one match: a value that makes the engine backtrack longer is
// refused (as not matching), so that no request can hold the server.
const MatchTimeout = 100 * time.Millisecond

// Compile is the validate.Pattern Engine of the rewritten patterns: it compiles expr
// with regexp2 (RE2 option) and bounds each match with MatchTimeout.
func Compile(expr string) (func(string) (bool, error), error) {
	re, err := regexp2.Compile(expr, regexp2.RE2)
	if err != nil {
		return nil, err
	}
	re.MatchTimeout = MatchTimeout
	return re.MatchString, nil
}

// Pattern returns the pattern source (the model's) checked with expr (its regexp2
// rewrite), compiled on first use.
func Pattern(source, expr string) *validate.Pattern {
	return &validate.Pattern{Source: source, Expr: expr, Engine: Compile, MinLen: -1, MaxLen: -1}
}
