package endpoints

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"
)

// The endpoint-tests-1.json format.
type testFile struct {
	TestCases []testCase `json:"testCases"`
}

type testCase struct {
	Documentation   string           `json:"documentation"`
	Params          map[string]any   `json:"params"`
	OperationInputs []operationInput `json:"operationInputs"`
	Expect          struct {
		Endpoint *struct {
			URL        string              `json:"url"`
			Headers    map[string][]string `json:"headers"`
			Properties map[string]any      `json:"properties"`
		} `json:"endpoint"`
		Error *string `json:"error"`
	} `json:"expect"`
}

type operationInput struct {
	OperationName   string         `json:"operationName"`
	OperationParams map[string]any `json:"operationParams"`
	BuiltInParams   map[string]any `json:"builtInParams"`
	ClientParams    map[string]any `json:"clientParams"`
}

// bind sets parameter name from a JSON value; unknown names are an error.
func bind(rs *RuleSet, v *Values, name string, x any) error {
	i := rs.Index(name)
	if i < 0 {
		return fmt.Errorf("no parameter %q", name)
	}
	return bindIndex(v, i, x)
}

func bindIndex(v *Values, i int, x any) error {
	switch x := x.(type) {
	case nil:
		v.Unset(i)
	case string:
		v.SetString(i, x)
	case bool:
		v.SetBool(i, x)
	case []any:
		ss := make([]string, len(x))
		for j, e := range x {
			s, ok := e.(string)
			if !ok {
				return fmt.Errorf("array element %v is not a string", e)
			}
			ss[j] = s
		}
		v.SetStrings(i, ss)
	case []string:
		v.SetStrings(i, x)
	default:
		return fmt.Errorf("unsupported value %v (%T)", x, x)
	}
	return nil
}

// bindParams binds a test case's params by name.
func bindParams(rs *RuleSet, params map[string]any) (Values, error) {
	v := rs.NewValues()
	names := make([]string, 0, len(params))
	for k := range params {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		if err := bind(rs, &v, k, params[k]); err != nil {
			return v, fmt.Errorf("param %s: %v", k, err)
		}
	}
	return v, nil
}

// check resolves v and compares with the expectation; "" means it matched.
func check(rs *RuleSet, v *Values, tc *testCase) string {
	ep, err := rs.Resolve(v)
	return compare(ep, err, tc)
}

func compare(ep Endpoint, err error, tc *testCase) string {
	if want := tc.Expect.Error; want != nil {
		if err == nil {
			return fmt.Sprintf("want error %q, got endpoint %q", *want, ep.URL)
		}
		if err.Error() != *want {
			return fmt.Sprintf("error:\n got %q\nwant %q", err.Error(), *want)
		}
		return ""
	}
	want := tc.Expect.Endpoint
	if want == nil {
		return "test case expects neither an endpoint nor an error"
	}
	if err != nil {
		return fmt.Sprintf("want endpoint %q, got error %q", want.URL, err)
	}
	var problems []string
	if ep.URL != want.URL {
		problems = append(problems, fmt.Sprintf("url:\n got %q\nwant %q", ep.URL, want.URL))
	}
	if len(ep.Headers) != 0 || len(want.Headers) != 0 {
		if !reflect.DeepEqual(ep.Headers, want.Headers) {
			problems = append(problems, fmt.Sprintf("headers:\n got %v\nwant %v", ep.Headers, want.Headers))
		}
	}
	if len(ep.Properties) != 0 || len(want.Properties) != 0 {
		got, wnt := normJSON(ep.Properties), normJSON(want.Properties)
		if !reflect.DeepEqual(got, wnt) {
			g, _ := json.Marshal(got)
			w, _ := json.Marshal(wnt)
			problems = append(problems, fmt.Sprintf("properties:\n got %s\nwant %s", g, w))
		}
	}
	return strings.Join(problems, "\n")
}

// normJSON round-trips a value through JSON so that both sides compare as
// the same Go types.
func normJSON(x any) any {
	b, err := json.Marshal(x)
	if err != nil {
		return fmt.Sprintf("unmarshalable: %v", err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		return fmt.Sprintf("unmarshalable: %v", err)
	}
	return out
}
