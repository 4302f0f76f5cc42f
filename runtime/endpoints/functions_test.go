package endpoints

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseURL(t *testing.T) {
	type want struct {
		scheme, authority, path, norm string
		isIP                          bool
	}
	for in, w := range map[string]*want{
		// The examples of the specification.
		"https://example.com":                      {"https", "example.com", "", "/", false},
		"https://example.com:8443?foo=bar&faz=baz": nil,
		"http://example.com:80/foo/bar":            {"http", "example.com:80", "/foo/bar", "/foo/bar/", false},
		"https://127.0.0.1":                        {"https", "127.0.0.1", "", "/", true},
		"https://[fe80::1]":                        {"https", "[fe80::1]", "", "/", true},
		// More.
		"https://example.com/":       {"https", "example.com", "/", "/", false},
		"http://10.0.1.12:433/a/":    {"http", "10.0.1.12:433", "/a/", "/a/", true},
		"https://[::1]:8080/x":       {"https", "[::1]:8080", "/x", "/x/", true},
		"https://1.2.3":              {"https", "1.2.3", "", "/", false},
		"abcde://nota#url":           nil,
		"example.com":                nil,
		"https://":                   nil,
		"https://example.com/#frag":  nil,
		"https://user@example.com":   nil,
		"https://example.com:x":      nil,
		"https://example.com:":       nil,
		"https://[fe80::1":           nil,
		"https://[nothex]":           nil,
		"https://example.com/a?":     nil,
		"ftp://example.com":          nil,
		"https://exa mple.com":       nil,
		"https://a:b:c":              nil,
		"https://[fe80::1]junk/path": nil,
	} {
		got := parseURL(in)
		if w == nil {
			if got.k != kUnset {
				t.Errorf("parseURL(%q) = %+v, want unset", in, got.rec)
			}
			continue
		}
		if got.k != kRecord {
			t.Errorf("parseURL(%q) is unset", in)
			continue
		}
		g := want{got.rec.get(attrScheme).s, got.rec.get(attrAuthority).s, got.rec.get(attrPath).s,
			got.rec.get(attrNormalizedPath).s, got.rec.get(attrIsIP).b}
		if g != *w {
			t.Errorf("parseURL(%q) = %+v, want %+v", in, g, *w)
		}
	}
}

func TestParseArn(t *testing.T) {
	for in, want := range map[string][]string{
		// partition, service, region, account, resourceId...
		"arn:aws:sns:us-west-2:012345678910:example-sns-topic-name":    {"aws", "sns", "us-west-2", "012345678910", "example-sns-topic-name"},
		"11111111-2222-3333-4444-555555555555":                         nil,
		"arn:aws:ec2:us-east-1:012345678910:vpc/vpc-0e9801d129EXAMPLE": {"aws", "ec2", "us-east-1", "012345678910", "vpc", "vpc-0e9801d129EXAMPLE"},
		"arn:aws:iam::012345678910:user/johndoe":                       {"aws", "iam", "", "012345678910", "user", "johndoe"},
		"arn:aws:s3:::bucket_name":                                     {"aws", "s3", "", "", "bucket_name"},
		"arn:aws:s3:us-west-2:123456789012:accesspoint:a:b":            {"aws", "s3", "us-west-2", "123456789012", "accesspoint", "a", "b"},
		"arn:aws:s3:::a//b":                                            {"aws", "s3", "", "", "a", "", "b"},
		"arn:aws:s3:::":                                                nil,
		"arn::s3:::x":                                                  nil,
		"arn:aws::::x":                                                 nil,
		"arn:aws:s3::x":                                                nil,
		"nar:aws:s3:::x":                                               nil,
	} {
		got := parseArn(in)
		if want == nil {
			if got.k != kUnset {
				t.Errorf("parseArn(%q) is set, want unset", in)
			}
			continue
		}
		if got.k != kRecord {
			t.Errorf("parseArn(%q) is unset", in)
			continue
		}
		g := []string{got.rec.get(attrPartition).s, got.rec.get(attrService).s, got.rec.get(attrRegion).s, got.rec.get(attrAccountID).s}
		g = append(g, got.rec.get(attrResourceID).rec.list...)
		if !reflect.DeepEqual(g, want) {
			t.Errorf("parseArn(%q) = %q, want %q", in, g, want)
		}
	}
}

func TestHostLabels(t *testing.T) {
	for _, c := range []struct {
		in       string
		sub, ok  bool
		s3, s3ok bool
	}{
		{in: "abc", ok: true, s3ok: true},
		{in: "a", ok: true},
		{in: "-abc"},
		{in: "abc-", ok: true},
		{in: "ab_c"},
		{in: "a.b", sub: true, ok: true, s3ok: true},
		{in: "a.b"},
		{in: "abc.def", sub: true, ok: true, s3ok: true},
		{in: "abc-.def", sub: true, ok: true},
		{in: "abc.-def", sub: true},
		{in: "abc..def", sub: true},
		{in: "abc.", sub: true},
		{in: "a-b-c", ok: true, s3ok: true},
		{in: strings.Repeat("a", 63), ok: true, s3ok: true},
		{in: strings.Repeat("a", 64)},
		{in: "ABC", ok: true},
		{in: "192.168.1.1", sub: true, ok: true},
		{in: "192.168.1.1a", sub: true, ok: true, s3ok: true},
		{in: "bücket"},
	} {
		if got := validHostLabels(c.in, c.sub); got != c.ok {
			t.Errorf("isValidHostLabel(%q, %v) = %v", c.in, c.sub, got)
		}
		if got := virtualHostableS3Bucket(c.in, c.sub); got != c.s3ok {
			t.Errorf("aws.isVirtualHostableS3Bucket(%q, %v) = %v", c.in, c.sub, got)
		}
	}
}

func TestURIEncode(t *testing.T) {
	for in, want := range map[string]string{
		"abc-_.~XYZ019":       "abc-_.~XYZ019",
		"a b/c":               "a%20b%2Fc",
		"/:,?#[]{}|@! $&'()*": "%2F%3A%2C%3F%23%5B%5D%7B%7D%7C%40%21%20%24%26%27%28%29%2A",
		"+;=%<>\"^`\\":        "%2B%3B%3D%25%3C%3E%22%5E%60%5C",
		"é":                   "%C3%A9",
		"":                    "",
	} {
		if got := uriEncode(in); got != want {
			t.Errorf("uriEncode(%q) = %q, want %q", in, got, want)
		}
	}
}

// ruleSetWith is a rule set with one string parameter P and one endpoint rule
// whose URL is url, after the given conditions.
func ruleSetWith(conds, url string) string {
	return `{"version": "1.0", "parameters": {
	  "P": {"type": "string", "required": false, "documentation": "p"},
	  "L": {"type": "stringArray", "required": true, "default": ["x", "y", "z"], "documentation": "l"}},
	  "rules": [{"type": "endpoint", "conditions": [` + conds + `], "endpoint": {"url": ` + url + `}},
	            {"type": "error", "conditions": [], "error": "no match"}]}`
}

func TestFunctionsInRules(t *testing.T) {
	for _, c := range []struct {
		name, conds, url, p string
		want                string // URL, or "error: message"
	}{
		{"substring", `{"fn": "substring", "argv": [{"ref": "P"}, 1, 3, false], "assign": "s"}`, `"https://{s}"`, "abcdef", "https://bc"},
		{"substring reverse", `{"fn": "substring", "argv": [{"ref": "P"}, 0, 2, true], "assign": "s"}`, `"https://{s}"`, "abcdef", "https://ef"},
		{"substring too short", `{"fn": "substring", "argv": [{"ref": "P"}, 0, 7, false], "assign": "s"}`, `"https://{s}"`, "abcdef", "error: no match"},
		{"substring full", `{"fn": "substring", "argv": [{"ref": "P"}, 0, 6, false], "assign": "s"}`, `"https://{s}"`, "abcdef", "https://abcdef"},
		{"substring non-ASCII", `{"fn": "substring", "argv": [{"ref": "P"}, 0, 1, false], "assign": "s"}`, `"https://{s}"`, "aé", "error: no match"},
		{"substring empty range", `{"fn": "substring", "argv": [{"ref": "P"}, 2, 2, false], "assign": "s"}`, `"https://{s}"`, "abc", "error: no match"},
		{"getAttr index", `{"fn": "getAttr", "argv": [{"ref": "L"}, "[2]"], "assign": "s"}`, `"https://{s}"`, "", "https://z"},
		{"getAttr out of range", `{"fn": "getAttr", "argv": [{"ref": "L"}, "[3]"], "assign": "s"}`, `"https://{s}"`, "", "error: no match"},
		{"template index", `{"fn": "isSet", "argv": [{"ref": "L"}]}`, `"https://{L#[1]}.{{literal}}"`, "", "https://y.{literal}"},
		{"getAttr nested", `{"fn": "aws.parseArn", "argv": [{"ref": "P"}], "assign": "arn"}`, `"https://{arn#resourceId[1]}.{arn#region}"`, "arn:aws:s3:us-east-2:1:a/b", "https://b.us-east-2"},
		{"uriEncode", `{"fn": "uriEncode", "argv": [{"ref": "P"}], "assign": "e"}`, `"https://x/{e}"`, "a/b c", "https://x/a%2Fb%20c"},
		{"not isSet", `{"fn": "not", "argv": [{"fn": "isSet", "argv": [{"ref": "P"}]}]}`, `"https://unset"`, "", "https://unset"},
		{"stringEquals template", `{"fn": "aws.partition", "argv": ["us-gov-west-1"], "assign": "pr"}, {"fn": "stringEquals", "argv": ["aws-us-gov", "{pr#name}"]}`, `"https://{pr#dnsSuffix}"`, "", "https://amazonaws.com"},
		{"url from function", `{"fn": "isSet", "argv": [{"ref": "P"}]}`, `{"fn": "uriEncode", "argv": [{"ref": "P"}]}`, "x y", "x%20y"},
		{"partition record attrs", `{"fn": "aws.partition", "argv": [{"ref": "P"}], "assign": "pr"}, {"fn": "booleanEquals", "argv": [true, {"fn": "getAttr", "argv": [{"ref": "pr"}, "supportsFIPS"]}]}`, `"https://{pr#implicitGlobalRegion}.{pr#dualStackDnsSuffix}"`, "cn-north-1", "https://cn-northwest-1.api.amazonwebservices.com.cn"},
		{"parseURL attrs", `{"fn": "parseURL", "argv": [{"ref": "P"}], "assign": "u"}, {"fn": "booleanEquals", "argv": [{"fn": "getAttr", "argv": [{"ref": "u"}, "isIp"]}, true]}`, `"{u#scheme}://{u#authority}{u#normalizedPath}b"`, "http://10.0.0.1:99/a", "http://10.0.0.1:99/a/b"},
	} {
		t.Run(c.name, func(t *testing.T) {
			rs, err := Parse([]byte(ruleSetWith(c.conds, c.url)))
			if err != nil {
				t.Fatal(err)
			}
			v := rs.NewValues()
			if c.p != "" {
				v.SetString(rs.Index("P"), c.p)
			}
			ep, err := rs.Resolve(&v)
			got := ep.URL
			if err != nil {
				got = "error: " + err.Error()
			}
			if got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	for _, c := range []struct{ doc, want string }{
		{`[]`, "want a JSON object"},
		{`{"version": "1.0", "parameters": {}, "rules": [`, "invalid JSON"},
		{`{"version": "2.0", "parameters": {}, "rules": []}`, `version: "2.0" is not supported`},
		{`{"version": "1.0", "rules": []}`, "parameters: missing"},
		{`{"version": "1.0", "parameters": {}, "rules": []}`, "rules: missing, want a non-empty array"},
		{`{"version": "1.0", "parameters": {"R": {"type": "integer"}}, "rules": [{}]}`, `parameters.R.type: unknown type "integer"`},
		{`{"version": "1.0", "parameters": {"R": {"type": "string", "default": true}}, "rules": [{}]}`, "parameters.R.default: a boolean does not fit type String"},
		{`{"version": "1.0", "parameters": {"R": {"type": "string"}, "r": {"type": "string"}}, "rules": [{}]}`, "parameters.r: declared twice"},
		{ruleSetWith(`{"fn": "nope", "argv": []}`, `"x"`), `rules[0].conditions[0]: unknown function "nope"`},
		{ruleSetWith(`{"fn": "isSet", "argv": [{"ref": "Q"}]}`, `"x"`), `rules[0].conditions[0].argv[0]: unknown reference "Q"`},
		{ruleSetWith(`{"fn": "isSet", "argv": []}`, `"x"`), "rules[0].conditions[0].argv: isSet takes 1 arguments, given 0"},
		{ruleSetWith(`{"fn": "isSet", "argv": [{"ref": "P"}], "assign": "P"}`, `"x"`), `rules[0].conditions[0].assign: "P" is already a parameter`},
		{ruleSetWith(``, `"https://{Q}"`), `rules[0].endpoint.url: template "https://{Q}": unknown reference "Q"`},
		{ruleSetWith(``, `"https://{P"`), `unclosed "{"`},
		{ruleSetWith(`{"fn": "getAttr", "argv": [{"ref": "P"}, "bogus"]}`, `"x"`), `unknown attribute "bogus"`},
		{ruleSetWith(`{"fn": "getAttr", "argv": [{"ref": "L"}, "[x]"]}`, `"x"`), `bad index`},
		{ruleSetWith(`{"fn": "getAttr", "argv": [{"ref": "L"}, {"ref": "P"}]}`, `"x"`), `getAttr's path must be a string literal`},
		{ruleSetWith(``, `true`), "rules[0].endpoint.url: want a string, a reference or a function call, got boolean"},
		{`{"version": "1.0", "parameters": {}, "rules": [{"type": "tree", "conditions": [], "rules": []}]}`, "rules[0].rules: missing"},
		{`{"version": "1.0", "parameters": {}, "rules": [{"type": "bogus", "conditions": []}]}`, `rules[0].type: unknown rule type "bogus"`},
		// A variable is scoped to its rule: a sibling cannot see it.
		{`{"version": "1.0", "parameters": {"P": {"type": "string"}}, "rules": [
		   {"type": "tree", "conditions": [{"fn": "aws.partition", "argv": [{"ref": "P"}], "assign": "pr"}], "rules": [{"type": "error", "conditions": [], "error": "{pr#name}"}]},
		   {"type": "error", "conditions": [], "error": "{pr#name}"}]}`, `rules[1].error: template "{pr#name}": unknown reference "pr"`},
	} {
		_, err := Parse([]byte(c.doc))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Parse(%.60s...): got %v, want an error containing %q", c.doc, err, c.want)
		}
	}
}

func TestResolveParams(t *testing.T) {
	rs := MustParse(`{"version": "1.0", "parameters": {
	  "Region": {"type": "string", "builtIn": "AWS::Region", "documentation": "r"},
	  "Need": {"type": "string", "required": true, "documentation": "n"},
	  "Flag": {"type": "boolean", "required": true, "default": true, "documentation": "f"}},
	  "rules": [{"type": "endpoint", "conditions": [{"fn": "booleanEquals", "argv": [{"ref": "Flag"}, true]}],
	             "endpoint": {"url": "https://{Need}", "headers": {"x-a": ["{Need}", "b"]},
	                          "properties": {"authSchemes": [{"name": "sigv4", "signingName": "svc", "signingRegion": "{Need}", "disableDoubleEncoding": true}],
	                                         "n": 1.5, "z": null, "nested": {"a": ["{Need}"]}}}}]}`)
	params := rs.Params()
	if len(params) != 3 || params[0].Name != "Region" || params[0].BuiltIn != "AWS::Region" || params[2].Default != true || params[1].Type != TypeString {
		t.Fatalf("Params() = %+v", params)
	}
	if rs.IndexBuiltIn("AWS::Region") != 0 || rs.Index("Flag") != 2 || rs.Index("nope") != -1 {
		t.Fatal("Index/IndexBuiltIn")
	}
	v := rs.NewValues()
	if _, err := rs.Resolve(&v); err == nil || err.Error() != "endpoints: missing required parameter Need" {
		t.Fatalf("missing required: %v", err)
	}
	v.SetBool(rs.Index("Need"), true)
	if _, err := rs.Resolve(&v); err == nil || !strings.Contains(err.Error(), "parameter Need is a String, given a boolean") {
		t.Fatalf("wrong type: %v", err)
	}
	v.SetString(rs.Index("Need"), "host")
	ep, err := rs.Resolve(&v)
	if err != nil {
		t.Fatal(err)
	}
	no := true
	want := Endpoint{
		URL:     "https://host",
		Headers: map[string][]string{"x-a": {"host", "b"}},
		Properties: map[string]any{
			"authSchemes": []any{map[string]any{"name": "sigv4", "signingName": "svc", "signingRegion": "host", "disableDoubleEncoding": true}},
			"n":           1.5, "z": nil, "nested": map[string]any{"a": []any{"host"}},
		},
		AuthSchemes: []AuthScheme{{Name: "sigv4", SigningName: "svc", SigningRegion: "host", DisableDoubleEncoding: &no}},
	}
	if !reflect.DeepEqual(ep, want) {
		t.Fatalf("got %+v\nwant %+v", ep, want)
	}
	v.SetBool(rs.Index("Flag"), false)
	if _, err := rs.Resolve(&v); err != errNoRule {
		t.Fatalf("exhausted rules: %v", err)
	}
	other := MustParse(ruleSetWith("", `"x"`)).NewValues()
	if _, err := rs.Resolve(&other); err == nil {
		t.Fatal("Values of another rule set accepted")
	}
}

func TestMustParsePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("MustParse did not panic")
		}
	}()
	MustParse("{")
}
