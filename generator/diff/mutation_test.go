package diff

import (
	"bytes"
	"encoding/json"
	"sort"
	"testing"

	"github.com/svcgen/svcgen/internal/shareddata"
)

// TestOracleMutations: real corpus models of several protocols, each against itself
// with breaking edits made in memory (required members flipped, a member removed, one
// renamed, one retyped, an enum value and an operation removed), checked by the
// apidiff oracle.
func TestOracleMutations(t *testing.T) {
	if testing.Short() {
		t.Skip("generating and type-checking both versions: not in -short")
	}
	want := map[string]bool{"sts": true, "rds-data": true, "timestream-query": true}
	for _, s := range shareddata.Corpus(t) {
		if !want[s.Name] {
			continue
		}
		delete(want, s.Name)
		t.Run(s.Name, func(t *testing.T) {
			companions := map[string][]byte{}
			for name, data := range s.Files {
				if name != "service-2.json" {
					companions[s.Name+"/"+name] = data
				}
			}
			var model map[string]any
			dec := json.NewDecoder(bytes.NewReader(s.Files["service-2.json"]))
			dec.UseNumber()
			if err := dec.Decode(&model); err != nil {
				t.Fatal(err)
			}
			oldData, _ := json.MarshalIndent(model, "", " ")
			edits := mutate(t, model, companions)
			newData, _ := json.MarshalIndent(model, "", " ")
			old, err := Bytes(s.Name+"/service-2.json", oldData, companions)
			if err != nil {
				t.Fatal(err)
			}
			new, err := Bytes(s.Name+"-edited/service-2.json", newData, companions)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("edits: %q", edits)
			r := oracle(t, old, new)
			if !r.Breaking() {
				t.Errorf("the edits %q break nothing", edits)
			}
			logReport(t, r)
		})
	}
	for name := range want {
		t.Errorf("the corpus has no %s", name)
	}
}

// mutate makes breaking edits to a model and says which.
func mutate(t *testing.T, model map[string]any, companions map[string][]byte) []string {
	shapes := model["shapes"].(map[string]any)
	var names []string
	for n := range shapes {
		names = append(names, n)
	}
	sort.Strings(names)
	var edits []string
	typ := func(name string) string {
		sh, _ := shapes[name].(map[string]any)
		s, _ := sh["type"].(string)
		return s
	}
	var structs []map[string]any
	var structNames []string
	for _, n := range names {
		sh := shapes[n].(map[string]any)
		if sh["type"] == "structure" && sh["exception"] == nil && sh["union"] == nil && len(members(sh)) >= 2 {
			structs = append(structs, sh)
			structNames = append(structNames, n)
		}
	}
	scalar := func(sh map[string]any, m string) bool {
		ref := sh["members"].(map[string]any)[m].(map[string]any)
		if ref["location"] != nil || ref["streaming"] != nil {
			return false
		}
		switch typ(ref["shape"].(string)) {
		case "string", "integer", "long", "boolean":
			return true
		}
		return false
	}
	used := 0
	next := func(ok func(sh map[string]any) string) (map[string]any, string, string) {
		for ; used < len(structs); used++ {
			if m := ok(structs[used]); m != "" {
				used++
				return structs[used-1], structNames[used-1], m
			}
		}
		return nil, "", ""
	}
	anyScalar := func(sh map[string]any) string {
		for _, m := range members(sh) {
			if scalar(sh, m) {
				return m
			}
		}
		return ""
	}
	for i := 0; i < 3; i++ {
		sh, n, m := next(anyScalar)
		if sh == nil {
			break
		}
		req, _ := sh["required"].([]any)
		var out []any
		found := false
		for _, r := range req {
			if r == m {
				found = true
				continue
			}
			out = append(out, r)
		}
		if !found {
			out = append(out, m)
		}
		sh["required"] = out
		edits = append(edits, "flip required "+n+"."+m)
	}
	unlisted := func(sh map[string]any) string {
		for _, m := range members(sh) {
			if scalar(sh, m) {
				return m
			}
		}
		return ""
	}
	if sh, n, m := next(unlisted); sh != nil {
		removeMember(sh, m)
		edits = append(edits, "remove "+n+"."+m)
	}
	if sh, n, m := next(unlisted); sh != nil {
		ms := sh["members"].(map[string]any)
		ms[m+"Renamed"] = ms[m]
		removeMember(sh, m)
		edits = append(edits, "rename "+n+"."+m)
	}
	var boolShape string
	for _, n := range names {
		if typ(n) == "boolean" {
			boolShape = n
		}
	}
	if boolShape != "" {
		if sh, n, m := next(func(sh map[string]any) string {
			for _, m := range members(sh) {
				ref := sh["members"].(map[string]any)[m].(map[string]any)
				if scalar(sh, m) && typ(ref["shape"].(string)) == "string" {
					return m
				}
			}
			return ""
		}); sh != nil {
			sh["members"].(map[string]any)[m].(map[string]any)["shape"] = boolShape
			edits = append(edits, "retype "+n+"."+m+" to "+boolShape)
		}
	}
	for _, n := range names {
		sh := shapes[n].(map[string]any)
		if e, ok := sh["enum"].([]any); ok && len(e) >= 2 {
			sh["enum"] = e[:len(e)-1]
			edits = append(edits, "drop enum value "+n+" "+e[len(e)-1].(string))
			break
		}
	}
	ops := model["operations"].(map[string]any)
	var opNames []string
	for n := range ops {
		opNames = append(opNames, n)
	}
	sort.Strings(opNames)
	for i := len(opNames) - 1; i >= 0; i-- {
		paginated := false
		for _, data := range companions {
			if bytes.Contains(data, []byte(`"`+opNames[i]+`"`)) {
				paginated = true
			}
		}
		if !paginated {
			delete(ops, opNames[i])
			edits = append(edits, "remove operation "+opNames[i])
			break
		}
	}
	if len(edits) < 5 {
		t.Fatalf("only %d edits made: %q", len(edits), edits)
	}
	return edits
}

func members(sh map[string]any) []string {
	ms, _ := sh["members"].(map[string]any)
	var out []string
	for m := range ms {
		out = append(out, m)
	}
	sort.Strings(out)
	return out
}

func removeMember(sh map[string]any, m string) {
	delete(sh["members"].(map[string]any), m)
	req, _ := sh["required"].([]any)
	var out []any
	for _, r := range req {
		if r != m {
			out = append(out, r)
		}
	}
	if out == nil {
		delete(sh, "required")
	} else {
		sh["required"] = out
	}
}
