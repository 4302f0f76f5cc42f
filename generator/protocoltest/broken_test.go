package protocoltest

import "testing"

// TestBrokenSuites checks how build errors are attributed: to a suite's server side
// when they are in its server package or server tests, else to the whole suite.
func TestBrokenSuites(t *testing.T) {
	in12 := &suite{Kind: kindInput, Index: 12}
	in13 := &suite{Kind: kindInput, Index: 13}
	out2 := &suite{Kind: kindOutput, Index: 2}
	order := []*suite{in12, in13, out2}
	out := "# protocoltests/input012/server\n" +
		"input012/server/server.go:10:2: undefined: x\n" +
		"# protocoltests/run [protocoltests/run.test]\n" +
		"run/input013_test.go:5:1: syntax error\n" +
		"run/output002_server_test.go:7:3: undefined: y\n" +
		"note: TestInput012_000 and input0123 are not suites\n"
	whole, srv := brokenSuites(out, order, map[*suite]string{}, map[*suite]string{})
	if len(whole) != 1 || whole[in13] == "" {
		t.Errorf("whole = %v, want input013 only", whole)
	}
	if len(srv) != 2 || srv[in12] == "" || srv[out2] == "" {
		t.Errorf("srv = %v, want input012 and output002", srv)
	}
	// suites already out are not named again
	whole, srv = brokenSuites(out, order, map[*suite]string{in13: "x"}, map[*suite]string{in12: "x", out2: "x"})
	if len(whole) != 0 || len(srv) != 0 {
		t.Errorf("again: whole = %v, srv = %v, want none", whole, srv)
	}
}
