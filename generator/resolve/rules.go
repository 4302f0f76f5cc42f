package resolve

import (
	"strconv"
	"strings"

	"github.com/svcgen/svcgen/generator/diag"
	"github.com/svcgen/svcgen/generator/load"
	"github.com/svcgen/svcgen/runtime/endpoints"
	"github.com/tidwall/gjson"
)

// ruleSet compiles the endpoint rule set with the runtime's compiler, which
// checks it, into the binary form that generated clients embed. A rule set the
// runtime does not accept is an error at the place its path names.
func (s *state) ruleSet(f *load.File) {
	rs, err := endpoints.Parse(f.Data)
	if err != nil {
		msg := strings.TrimPrefix(strings.TrimPrefix(err.Error(), "endpoints: "), "rule set: ")
		s.errorf(rulePos(f, msg), "", "", "endpoint rules: %s", msg)
		return
	}
	data, err := endpoints.Encode(rs)
	if err != nil {
		s.errorf(f.Pos(0), "", "", "endpoint rules: %v", err)
		return
	}
	s.svc.RuleSetData = data
	for _, fn := range rs.Functions() {
		s.svc.RuleSetFuncs = append(s.svc.RuleSetFuncs, fn.Var())
	}
}

// rulePos is the position of the value that a compiler error's path names
// ("rules[2].conditions[0].argv[1]: ..."), or of the deepest part of the path
// that the file holds.
func rulePos(f *load.File, msg string) diag.Pos {
	cur := gjson.ParseBytes(f.Data)
	pos := f.At(cur)
	path, _, ok := strings.Cut(msg, ": ")
	if !ok {
		return pos
	}
	for _, part := range strings.Split(path, ".") {
		key, rest, _ := strings.Cut(part, "[")
		if key != "" {
			if cur = member(cur, key); !cur.Exists() {
				return pos
			}
			pos = f.At(cur)
		}
		for rest != "" {
			num, after, ok := strings.Cut(rest, "]")
			i, err := strconv.Atoi(num)
			if !ok || err != nil || !cur.IsArray() {
				return pos
			}
			arr := cur.Array()
			if i < 0 || i >= len(arr) {
				return pos
			}
			cur, pos = arr[i], f.At(arr[i])
			rest = strings.TrimPrefix(after, "[")
		}
	}
	return pos
}

// member is the value of an object's member named key.
func member(obj gjson.Result, key string) gjson.Result {
	var out gjson.Result
	if obj.IsObject() {
		obj.ForEach(func(k, v gjson.Result) bool {
			if k.String() == key {
				out = v
				return false
			}
			return true
		})
	}
	return out
}
