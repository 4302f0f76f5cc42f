package jmespath

import (
	"fmt"
	"testing"

	"github.com/dave/jennifer/jen"
	"github.com/svcgen/svcgen/generator/ir"
)

func (n *Node) String() string {
	if n == nil {
		return "nil"
	}
	switch n.Op {
	case Field:
		return n.Name
	case Current:
		return "@"
	case Literal:
		return fmt.Sprintf("%#v", n.Value)
	case Sub:
		return fmt.Sprintf("sub(%s, %s)", n.Left, n.Right)
	case Index:
		return fmt.Sprintf("index(%s, %d)", n.Left, n.Index)
	case Flatten:
		return fmt.Sprintf("flatten(%s)", n.Left)
	case Projection:
		return fmt.Sprintf("project(%s, %s)", n.Left, n.Right)
	case Filter:
		return fmt.Sprintf("filter(%s, %s, %s)", n.Left, n.Cond, n.Right)
	case Compare:
		return fmt.Sprintf("(%s %s %s)", n.Left, n.Name, n.Right)
	case And:
		return fmt.Sprintf("and(%s, %s)", n.Left, n.Right)
	case Or:
		return fmt.Sprintf("or(%s, %s)", n.Left, n.Right)
	case Not:
		return fmt.Sprintf("not(%s)", n.Left)
	case Call:
		return fmt.Sprintf("%s%v", n.Name, n.Args)
	}
	return "?"
}

// TestParse checks the trees of the forms AWS models use.
func TestParse(t *testing.T) {
	for expr, want := range map[string]string{
		"Table.TableStatus":                     "sub(Table, TableStatus)",
		"Reservations[].Instances[].State.Name": "project(flatten(project(flatten(Reservations), Instances)), sub(State, Name))",
		"Stacks[].StackStatus":                  "project(flatten(Stacks), StackStatus)",
		"length(Images[]) > `0`":                "(length[project(flatten(Images), @)] > 0)",
		"NextMarker || Contents[-1].Key":        "or(NextMarker, sub(index(Contents, -1), Key))",
		"StreamDescription.Shards[-1].ShardId":  "sub(index(sub(StreamDescription, Shards), -1), ShardId)",
		"a[*].b":                                "project(a, b)",
		"a[?b == 'x'].c":                        "filter(a, (b == \"x\"), c)",
		"length(services[?!(length(deployments) == `1` && runningCount == desiredCount)]) == `0`": "(length[filter(services, not(and((length[deployments] == 1), (runningCount == desiredCount))), @)] == 0)",
		"length(K) > `0`  && length(K[?D == 'DISABLED' || D == 'F']) ==  length(K)":               "and((length[K] > 0), (length[filter(K, or((D == \"DISABLED\"), (D == \"F\")), @)] == length[K]))",
		"contains(a[].b, 'x')": "contains[project(flatten(a), b) \"x\"]",
	} {
		n, err := Parse(expr)
		if err != nil {
			t.Errorf("%s: %v", expr, err)
			continue
		}
		if got := n.String(); got != want {
			t.Errorf("%s:\n got %s\nwant %s", expr, got, want)
		}
	}
	for _, bad := range []string{"a | b", "a[0:2]", "{a: b}", "a.[b, c]", "sort(a)[0", "`[1]`", "a ==", ""} {
		if n, err := Parse(bad); err == nil {
			t.Errorf("%s: parsed as %s, want an error", bad, n)
		}
	}
}

// FuzzParse: no expression makes Parse or the compiler panic; each either compiles
// or says why not.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"Table.TableStatus", "length(a[?b == 'x' || !c]) > `0`", "NextMarker || Contents[-1].Key",
		"a[*].b[0]", "a[].b[]", "contains(a, `1`)", "(a)", "@", "a[", "length(", "'x", "`{`", "a.[b]", "[?a]", "[]", "[*].a"} {
		f.Add(s)
	}
	root := oracleShapes()
	f.Fuzz(func(t *testing.T, expr string) {
		if _, err := Parse(expr); err != nil {
			return
		}
		for _, m := range []string{"path", "pathAll", "pathAny"} {
			var c Compiler
			c.Matcher(m, expr, "x", Root(root, jen.Id("out")))
		}
		var c Compiler
		c.Token(expr, Root(root, jen.Id("out")), root.Members[0], jen.Id("t"), func(*ir.Shape) *jen.Statement { return jen.String() })
	})
}
