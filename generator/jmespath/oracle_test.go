package jmespath

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dave/jennifer/jen"
	"github.com/svcgen/svcgen/generator/ir"
)

// The oracle is jmespath.py (installed with botocore and boto3), the reference
// implementation: TestOracle compiles each case to Go, runs it over each document
// decoded into the Go types, and compares with what jmespath.py computes from the
// same JSON.

const oracleTypes = `package main

type Inner struct {
	Code *string
}

type Item struct {
	Name  *string
	State *string
	Size  *int32
	Tags  []string
	Inner *Inner
	Kids  []Kid
}

type Kid struct {
	Status *string
}

type Output struct {
	Status *string
	Count  *int32
	Flag   *bool
	Items  []Item
	Next   *string
	Groups []Group
}

type Group struct {
	Items []Item
}
`

func oracleShapes() *ir.Shape {
	str := &ir.Shape{Name: "S", Kind: ir.String}
	i32 := &ir.Shape{Name: "I", Kind: ir.Integer}
	boolean := &ir.Shape{Name: "B", Kind: ir.Boolean}
	mem := func(name string, sh *ir.Shape, ptr bool) *ir.Member {
		return &ir.Member{Name: name, GoName: name, Shape: sh, Pointer: ptr}
	}
	list := func(el *ir.Shape) *ir.Shape {
		return &ir.Shape{Name: el.Name + "List", Kind: ir.List, Elem: mem("member", el, false)}
	}
	inner := &ir.Shape{Name: "Inner", Kind: ir.Structure, Members: []*ir.Member{mem("Code", str, true)}}
	kid := &ir.Shape{Name: "Kid", Kind: ir.Structure, Members: []*ir.Member{mem("Status", str, true)}}
	item := &ir.Shape{Name: "Item", Kind: ir.Structure, Members: []*ir.Member{
		mem("Name", str, true), mem("State", str, true), mem("Size", i32, true), mem("Tags", list(str), false),
		mem("Inner", inner, true), mem("Kids", list(kid), false)}}
	group := &ir.Shape{Name: "Group", Kind: ir.Structure, Members: []*ir.Member{mem("Items", list(item), false)}}
	return &ir.Shape{Name: "Output", Kind: ir.Structure, Members: []*ir.Member{
		mem("Status", str, true), mem("Count", i32, true), mem("Flag", boolean, true), mem("Items", list(item), false),
		mem("Next", str, true), mem("Groups", list(group), false)}}
}

type oracleCase struct {
	matcher, expr string
	expected      any
}

var oracleCases = []oracleCase{
	{"path", "Status", "ACTIVE"},
	{"path", "Flag", true},
	{"path", "Flag", false},
	{"path", "Count", 2.0},
	{"path", "Count > `1`", true},
	{"path", "Count <= `1`", true},
	{"path", "Count != `2`", true},
	{"path", "Items[0].Inner.Code", "x"},
	{"path", "Items[-1].Name", "b"},
	{"path", "length(Items) > `0`", true},
	{"path", "length(Items[]) == `0`", true},
	{"path", "length(Items[].Name) == `2`", true},
	{"path", "length(Status) == `6`", true},
	{"path", "length(Items[?State == 'ready']) == length(Items)", true},
	{"path", "length(Items) > `0` && length(Items[?State == 'bad' || State == 'worse']) == length(Items)", true},
	{"path", "length(Items[?!(length(Tags) == `1` && Size == `2`)]) == `0`", true},
	{"path", "contains(Items[].Name, 'a')", true},
	{"path", "contains(Status, 'ACT')", true},
	{"path", "contains(Items[0].Tags, 't1')", true},
	{"path", "Status == Next", true},
	{"path", "!Flag", true},
	{"path", "Flag || Status == 'ACTIVE'", true},
	{"pathAll", "Items[].State", "ready"},
	{"pathAll", "Items[*].State", "ready"},
	{"pathAll", "Groups[].Items[].State", "ready"},
	{"pathAll", "Items[].Kids[].Status", "ok"},
	{"pathAll", "Items[0].Tags", "t1"},
	{"pathAny", "Items[].State", "bad"},
	{"pathAny", "Groups[].Items[].Inner.Code", "x"},
	{"pathAny", "Items[?Size > `1`].Name", "b"},
	{"pathAny", "Items[].Tags[]", "t2"},
}

// One difference is deliberate: a list the response leaves out is a nil slice in Go,
// which length() counts as empty (as aws-sdk-go-v2's waiters, over go-jmespath, do),
// where jmespath.py sees null and errors. So every document here has its top-level
// lists.
// oracleTokens are paginator output tokens: the string each yields, or null.
var oracleTokens = []string{"Next || Items[-1].Name", "Items[0].Name", "Items[-1].Inner.Code || Status", "Groups[-1].Items[0].State"}

var oracleDocs = []string{
	`{"Items": [], "Groups": []}`,
	`{"Status": "ACTIVE", "Count": 2, "Flag": false, "Next": "ACTIVE",
	  "Items": [{"Name": "a", "State": "ready", "Size": 2, "Tags": ["t1"], "Inner": {"Code": "x"}, "Kids": [{"Status": "ok"}, {"Status": "ok"}]},
	            {"Name": "b", "State": "ready", "Size": 2, "Tags": ["t1"], "Kids": []}],
	  "Groups": [{"Items": [{"State": "ready", "Inner": {"Code": "y"}}]}, {"Items": [{"State": "ready", "Inner": {"Code": "x"}}]}]}`,
	`{"Status": "CREATING", "Count": 1, "Flag": true,
	  "Items": [{"Name": "a", "State": "bad", "Size": 1, "Tags": ["t1", "t2"]}, {"Name": "b", "State": "worse", "Size": 3}],
	  "Groups": [{"Items": []}, {"Items": [{"State": "bad"}]}]}`,
	`{"Status": "", "Items": [{"State": "ready", "Kids": [{"Status": "ok"}, {}]}, {"Name": "b"}], "Groups": [{}]}`,
	`{"Count": 0, "Items": [], "Flag": true, "Next": "n"}`,
}

// pyOracle computes each case over each document with jmespath.py, as waiters define
// the matchers: path equals, pathAll has values and all equal, pathAny some equals.
const pyOracle = `
import json, sys, jmespath
cases, tokens, docs = json.load(sys.stdin)
out = []
for doc in docs:
    row = []
    for matcher, expr, expected in cases:
        try:
            v = jmespath.search(expr, json.loads(doc))
        except jmespath.exceptions.JMESPathError:
            v = None
        if matcher == "path":
            ok = v == expected and type(v) is type(expected) if not isinstance(expected, float) else (isinstance(v, (int, float)) and not isinstance(v, bool) and v == expected)
        elif matcher == "pathAll":
            ok = isinstance(v, list) and len(v) > 0 and all(e == expected for e in v)
        else:
            ok = isinstance(v, list) and any(e == expected for e in v)
        row.append(ok)
    out.append(row)
toks = []
for doc in docs:
    row = []
    for expr in tokens:
        v = jmespath.search(expr, json.loads(doc))
        row.append(v if isinstance(v, str) else None)
    toks.append(row)
json.dump([out, toks], sys.stdout)
`

func TestOracle(t *testing.T) {
	if err := exec.Command("python3", "-c", "import jmespath").Run(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("python3 with jmespath, the oracle, is missing: %v", err)
		}
		t.Skipf("python3 with jmespath, the oracle, is missing: %v", err)
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	root := oracleShapes()
	f := jen.NewFile("main")
	var fns []jen.Code
	for i, c := range oracleCases {
		var comp Compiler
		body, err := comp.Matcher(c.matcher, c.expr, c.expected, Root(root, jen.Id("out")))
		if err != nil {
			t.Fatalf("%s %s: %v", c.matcher, c.expr, err)
		}
		name := fmt.Sprintf("case%d", i)
		f.Func().Id(name).Params(jen.Id("out").Op("*").Id("Output")).Bool().Block(body...)
		fns = append(fns, jen.Id(name))
	}
	f.Var().Id("cases").Op("=").Index().Func().Params(jen.Op("*").Id("Output")).Bool().Values(fns...)
	var toks []jen.Code
	for i, expr := range oracleTokens {
		var comp Compiler
		set, err := comp.Token(expr, Root(root, jen.Id("out")), root.Members[0], jen.Id("t"), func(*ir.Shape) *jen.Statement { return jen.String() })
		if err != nil {
			t.Fatalf("token %s: %v", expr, err)
		}
		name := fmt.Sprintf("token%d", i)
		f.Func().Id(name).Params(jen.Id("out").Op("*").Id("Output")).Op("*").String().Block(
			append(append([]jen.Code{jen.Var().Id("t").Op("*").String()}, set...), jen.Return(jen.Id("t")))...)
		toks = append(toks, jen.Id(name))
	}
	f.Var().Id("tokens").Op("=").Index().Func().Params(jen.Op("*").Id("Output")).Op("*").String().Values(toks...)
	f.Func().Id("main").Params().Block(
		jen.Var().Id("docs").Index().String(),
		jen.If(jen.Err().Op(":=").Qual("encoding/json", "NewDecoder").Call(jen.Qual("os", "Stdin")).Dot("Decode").Call(jen.Op("&").Id("docs")), jen.Err().Op("!=").Nil()).Block(jen.Panic(jen.Err())),
		jen.Var().Id("rows").Index().Index().Bool(),
		jen.Var().Id("toks").Index().Index().Op("*").String(),
		jen.For(jen.List(jen.Id("_"), jen.Id("d")).Op(":=").Range().Id("docs")).Block(
			jen.Var().Id("o").Id("Output"),
			jen.If(jen.Err().Op(":=").Qual("encoding/json", "Unmarshal").Call(jen.Index().Byte().Call(jen.Id("d")), jen.Op("&").Id("o")), jen.Err().Op("!=").Nil()).Block(jen.Panic(jen.Err())),
			jen.Var().Id("row").Index().Bool(),
			jen.For(jen.List(jen.Id("_"), jen.Id("c")).Op(":=").Range().Id("cases")).Block(jen.Id("row").Op("=").Append(jen.Id("row"), jen.Id("c").Call(jen.Op("&").Id("o")))),
			jen.Id("rows").Op("=").Append(jen.Id("rows"), jen.Id("row")),
			jen.Var().Id("trow").Index().Op("*").String(),
			jen.For(jen.List(jen.Id("_"), jen.Id("tk")).Op(":=").Range().Id("tokens")).Block(jen.Id("trow").Op("=").Append(jen.Id("trow"), jen.Id("tk").Call(jen.Op("&").Id("o")))),
			jen.Id("toks").Op("=").Append(jen.Id("toks"), jen.Id("trow")),
		),
		jen.Qual("encoding/json", "NewEncoder").Call(jen.Qual("os", "Stdout")).Dot("Encode").Call(jen.Index().Any().Values(jen.Id("rows"), jen.Id("toks"))),
	)
	dir := t.TempDir()
	src := fmt.Sprintf("%#v", f)
	for name, data := range map[string]string{"go.mod": "module oracle\n\ngo 1.26\n", "types.go": oracleTypes, "main.go": src} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	docs, _ := json.Marshal(oracleDocs)
	run := exec.Command("go", "run", ".")
	run.Dir = dir
	run.Env = append(os.Environ(), "GOWORK=off", "GOPROXY=off", "GOFLAGS=-mod=mod")
	run.Stdin = strings.NewReader(string(docs))
	goOut, err := run.CombinedOutput()
	if err != nil {
		t.Fatalf("go run: %v\n%s\n%s", err, goOut, src)
	}
	var cases [][]any
	for _, c := range oracleCases {
		cases = append(cases, []any{c.matcher, c.expr, c.expected})
	}
	in, _ := json.Marshal([]any{cases, oracleTokens, oracleDocs})
	py := exec.Command("python3", "-c", pyOracle)
	py.Stdin = strings.NewReader(string(in))
	pyOut, err := py.Output()
	if err != nil {
		t.Fatalf("python3: %v", err)
	}
	var got, want [][]bool
	var gotTok, wantTok [][]*string
	if err := json.Unmarshal(goOut, &[]any{&got, &gotTok}); err != nil {
		t.Fatalf("go output %s: %v", goOut, err)
	}
	if err := json.Unmarshal(pyOut, &[]any{&want, &wantTok}); err != nil {
		t.Fatalf("python output %s: %v", pyOut, err)
	}
	str := func(p *string) string {
		if p == nil {
			return "null"
		}
		return fmt.Sprintf("%q", *p)
	}
	tokens := 0
	for d := range wantTok {
		for i, expr := range oracleTokens {
			if str(gotTok[d][i]) != str(wantTok[d][i]) {
				t.Errorf("doc %d, token %s: compiled Go says %s, jmespath.py %s", d, expr, str(gotTok[d][i]), str(wantTok[d][i]))
			}
			if wantTok[d][i] != nil {
				tokens++
			}
		}
	}
	if tokens == 0 {
		t.Error("no document yields a token")
	}
	trues := 0
	for d := range want {
		for i, c := range oracleCases {
			if got[d][i] != want[d][i] {
				t.Errorf("doc %d, %s %s == %v: compiled Go says %v, jmespath.py %v", d, c.matcher, c.expr, c.expected, got[d][i], want[d][i])
			}
			if want[d][i] {
				trues++
			}
		}
	}
	// the cases must not all be false (or all true): each says something
	if trues == 0 || trues == len(want)*len(oracleCases) {
		t.Errorf("%d of %d results true: the documents do not exercise the cases", trues, len(want)*len(oracleCases))
	}
}
