package emit_test

import (
	"crypto/sha256"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/svcgen/svcgen/generator/emit"
	"github.com/svcgen/svcgen/generator/load"
	"github.com/svcgen/svcgen/generator/resolve"
	"github.com/svcgen/svcgen/runtime/endpoints"
)

// TestRuleSetData: client.go embeds the rule set in its binary form, as a string
// constant split into short pieces that do not split a UTF-8 character, names the
// source by its sha256, and decodes it with MustDecode (no JSON rules, no Parse).
func TestRuleSetData(t *testing.T) {
	// A long documentation with non-ASCII text, so that the data takes many pieces.
	rules := strings.Replace(paramsRules, `"Bucket": {"required": false, "type": "String"}`,
		`"Bucket": {"required": false, "type": "String", "documentation": "`+strings.Repeat("Le seau élu ✓, 桶. ", 20)+`"}`, 1)
	m, diags := load.Bytes("bucketed/service-2.json", []byte(paramsModel), map[string][]byte{"bucketed/endpoint-rule-set-1.json": []byte(rules)})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	svc, diags := resolve.Resolve(m, resolve.Options{})
	if svc == nil {
		t.Fatal(diags)
	}
	files, err := emit.Generate(svc, emit.Config{ImportPath: "scenarios/bucketed"})
	if err != nil {
		t.Fatal(err)
	}
	var src []byte
	for _, f := range files {
		if f.Path == "client.go" {
			src = f.Data
		}
	}
	if src == nil {
		t.Fatal("no client.go")
	}
	text := string(src)
	for _, bad := range []string{"MustParse", "ruleSetJSON"} {
		if strings.Contains(text, bad) {
			t.Errorf("client.go holds %s", bad)
		}
	}
	if !strings.Contains(text, "return endpoints.MustDecode(\n\t\truleSetData,\n") {
		t.Error("client.go does not decode ruleSetData")
	}
	// it names the functions the rules call, and no other
	var funcs []endpoints.Function
	for _, fn := range endpoints.MustParse(rules).Functions() {
		funcs = append(funcs, fn)
		if !strings.Contains(text, "\t\tendpoints."+fn.Var()+",\n") {
			t.Errorf("client.go does not hand MustDecode %s", fn.Var())
		}
	}
	if n := strings.Count(text, "\t\tendpoints.Fn"); n != len(funcs) || len(funcs) < 2 {
		t.Errorf("client.go hands MustDecode %d functions, the rules call %d", n, len(funcs))
	}
	if sum := fmt.Sprintf("%x", sha256.Sum256([]byte(rules))); !strings.Contains(strings.ReplaceAll(text, "\n// ", " "), "sha256 "+sum) {
		t.Errorf("client.go does not name the rule set's sha256 %s", sum)
	}

	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "client.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	var pieces []string
	ast.Inspect(file, func(n ast.Node) bool {
		if vs, ok := n.(*ast.ValueSpec); ok && vs.Names[0].Name == "ruleSetData" {
			pieces = literalPieces(t, vs.Values[0])
			return false
		}
		return true
	})
	if len(pieces) < 10 {
		t.Fatalf("ruleSetData: %d pieces, want the data split", len(pieces))
	}
	data := strings.Join(pieces, "")
	if data != string(svc.RuleSetData) {
		t.Fatal("ruleSetData is not the resolved rule set's binary form")
	}
	if _, err := endpoints.Decode(data, funcs...); err != nil {
		t.Fatal(err)
	}
	starts := map[int]bool{}
	for i := 0; i < len(data); {
		starts[i] = true
		_, size := utf8.DecodeRuneInString(data[i:])
		i += size
	}
	off := 0
	for i, p := range pieces {
		if !starts[off] {
			t.Errorf("piece %d starts inside a UTF-8 character", i)
		}
		off += len(p)
	}
	for i, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, "\t\"") && len(line) > 80 {
			t.Errorf("client.go:%d: %d columns", i+1, len(line))
		}
	}
}

// literalPieces returns the string literals of "a" + "b" + ..., unquoted.
func literalPieces(t *testing.T, e ast.Expr) []string {
	switch e := e.(type) {
	case *ast.BinaryExpr:
		return append(literalPieces(t, e.X), literalPieces(t, e.Y)...)
	case *ast.BasicLit:
		s, err := strconv.Unquote(e.Value)
		if err != nil {
			t.Fatal(err)
		}
		return []string{s}
	}
	t.Fatalf("ruleSetData: unexpected %T", e)
	return nil
}
