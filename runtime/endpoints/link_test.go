package endpoints_test

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/svcgen/svcgen/internal/linktest"
	"github.com/svcgen/svcgen/runtime/endpoints"
)

// linkRuleSet is the rule set of the programs of testdata/link.
const linkRuleSet = `{"version":"1.0","parameters":{"Region":{"type":"string","builtIn":"AWS::Region","required":true}},"rules":[{"type":"endpoint","conditions":[{"fn":"aws.partition","argv":[{"ref":"Region"}],"assign":"p"}],"endpoint":{"url":"https://svc.{Region}.{p#dnsSuffix}"}}]}`

// TestDecodeLinksNoCompiler: a program that decodes a rule set in the binary form
// and resolves with it, and a program that calls an operation with a generated
// client (gen/eks), link neither Parse and its compiler, nor the JSON reader, nor
// the encoder, nor the functions of the rules language their rules do not call; one
// that parses links them. (The
// package imports encoding/json, so the program links that package's init, but not
// its decoder.)
func TestDecodeLinksNoCompiler(t *testing.T) {
	const pkg = "github.com/svcgen/svcgen/runtime/endpoints."
	compiler := []string{
		pkg + "Parse", pkg + "compileRuleSet", pkg + "(*compiler).expr", pkg + "(*compiler).rule",
		pkg + "(*compiler).template", pkg + "(*RuleSet).addParam", pkg + "compileGetAttr", pkg + "compileSubstring",
		pkg + "parsePath", pkg + "decodeJSON", pkg + "decodeValue", "encoding/json.(*Decoder).Token",
	}
	decoder := []string{pkg + "Decode", pkg + "(*decoder).expr", pkg + "(*RuleSet).Resolve"}
	encoder := []string{pkg + "Encode", pkg + "(*encoder).expr"}
	// functions neither program's rules call (decode's call aws.partition alone)
	unused := []string{pkg + "fnParseArn", pkg + "parseArn", pkg + "fnIsVirtualHostableS3Bucket", pkg + "fnSubstring"}

	for _, dir := range []string{"decode", "client"} {
		syms := linktest.Symbols(t, "./testdata/link/"+dir)
		for _, sym := range append(append(compiler, encoder...), unused...) {
			if syms[sym] {
				t.Errorf("%s links %s", dir, sym)
			}
		}
		for _, sym := range decoder {
			if !syms[sym] {
				t.Errorf("%s does not link %s", dir, sym)
			}
		}
	}

	syms := linktest.Symbols(t, "./testdata/link/parse")
	for _, sym := range append(compiler, unused...) {
		if !syms[sym] {
			t.Errorf("parse does not link %s: the test looks for a symbol that no longer exists", sym)
		}
	}
}

// TestLinkProgramData: the binary form in testdata/link/decode is linkRuleSet's,
// as this version of the package writes it.
func TestLinkProgramData(t *testing.T) {
	src, err := os.ReadFile("testdata/link/decode/main.go")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^const ruleSetData = (".*")$`).FindSubmatch(src)
	if m == nil {
		t.Fatal("testdata/link/decode/main.go: no ruleSetData constant")
	}
	got, err := strconv.Unquote(string(m[1]))
	if err != nil {
		t.Fatal(err)
	}
	want, err := endpoints.Encode(endpoints.MustParse(linkRuleSet))
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Fatalf("testdata/link/decode/main.go: ruleSetData is out of date; want\nconst ruleSetData = %q", want)
	}
	if _, err := endpoints.Decode(got, endpoints.FnPartition); err != nil {
		t.Fatal(err)
	}
	if _, err := endpoints.Decode(got); err == nil || !strings.Contains(err.Error(), "did not give") {
		t.Fatalf("decoding without the function the rules call: %v", err)
	}
	if rs := endpoints.MustDecode(got, endpoints.AllFunctions()...); len(rs.Functions()) != 1 || rs.Functions()[0].Var() != "FnPartition" {
		t.Fatalf("Functions: %v", rs.Functions())
	}
}
