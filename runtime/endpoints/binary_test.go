package endpoints

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"reflect"
	"strings"
	"testing"

	"github.com/svcgen/svcgen/internal/shareddata"
)

// roundTrip encodes rs, decodes the result with the functions rs calls (as a
// generated client does: Functions must name every one), and checks that encoding
// the decoded rule set gives the same bytes and that the two sets declare the same
// parameters.
func roundTrip(t testing.TB, name string, rs *RuleSet) (*RuleSet, []byte) {
	t.Helper()
	blob, err := Encode(rs)
	if err != nil {
		t.Fatalf("%s: Encode: %v", name, err)
	}
	dec, err := Decode(string(blob), rs.Functions()...)
	if err != nil {
		t.Fatalf("%s: Decode: %v", name, err)
	}
	again, err := Encode(dec)
	if err != nil {
		t.Fatalf("%s: Encode of the decoded set: %v", name, err)
	}
	if !bytes.Equal(blob, again) {
		t.Fatalf("%s: Encode of the decoded set differs (%d bytes, first %d)", name, len(again), len(blob))
	}
	if !reflect.DeepEqual(rs.Params(), dec.Params()) || rs.nslots != dec.nslots {
		t.Fatalf("%s: decoded parameters differ:\n%+v\n%+v", name, dec.Params(), rs.Params())
	}
	sameTree(t, name, rs.rules, dec.rules)
	return dec, blob
}

// sameTree checks what the bytes do not show: each rule's location and each
// call's implementation.
func sameTree(t testing.TB, name string, a, b []rule) {
	t.Helper()
	var calls func(x, y *expr)
	calls = func(x, y *expr) {
		if x.op == opCall && reflect.ValueOf(x.fn).Pointer() != reflect.ValueOf(y.fn).Pointer() {
			t.Fatalf("%s: call of function %d decoded with another implementation", name, x.id)
		}
		for i := range x.args {
			calls(&x.args[i], &y.args[i])
		}
	}
	for i := range a {
		if a[i].where != b[i].where {
			t.Fatalf("%s: rule %q decoded as %q", name, a[i].where, b[i].where)
		}
		for j := range a[i].conds {
			calls(&a[i].conds[j].e, &b[i].conds[j].e)
		}
		sameTree(t, name, a[i].rules, b[i].rules)
	}
}

// resolveAlike resolves v (bound for parsed) and w (the same values, bound
// for decoded) and describes any difference.
func resolveAlike(parsed, decoded *RuleSet, v, w *Values) string {
	ep1, err1 := parsed.Resolve(v)
	ep2, err2 := decoded.Resolve(w)
	if fmt.Sprint(err1) != fmt.Sprint(err2) || reflect.TypeOf(err1) != reflect.TypeOf(err2) {
		return fmt.Sprintf("error %v (%T), parsed gives %v (%T)", err2, err2, err1, err1)
	}
	if !reflect.DeepEqual(ep1, ep2) {
		return fmt.Sprintf("endpoint %+v, parsed gives %+v", ep2, ep1)
	}
	return ""
}

// TestBinaryCorpus: for the rule set of every service of the corpus, the
// binary form decodes to a rule set that encodes to the same bytes and
// resolves every case of the service's endpoint-tests-1.json (params and
// operationInputs) exactly as the parsed rule set does, errors included, and
// as the test file expects.
func TestBinaryCorpus(t *testing.T) {
	services := shareddata.Corpus(t)
	sets, cases := 0, 0
	var jsonSize, binSize int
	for _, svc := range services {
		rules, ok := svc.Files["endpoint-rule-set-1.json"]
		if !ok {
			continue
		}
		sets++
		t.Run(svc.Name, func(t *testing.T) {
			parsed, err := Parse(rules)
			if err != nil {
				t.Fatalf("%s/endpoint-rule-set-1.json: %v", svc.Name, err)
			}
			decoded, blob := roundTrip(t, svc.Name, parsed)
			var compact bytes.Buffer
			if err := json.Compact(&compact, rules); err != nil {
				t.Fatal(err)
			}
			jsonSize, binSize = jsonSize+compact.Len(), binSize+len(blob)
			tests, ok := svc.Files["endpoint-tests-1.json"]
			if !ok {
				return
			}
			var tf testFile
			if err := json.Unmarshal(tests, &tf); err != nil {
				t.Fatalf("endpoint-tests-1.json: %v", err)
			}
			model, err := parseModel(svc.Files["service-2.json"])
			if err != nil {
				t.Fatalf("%s: %v", svc.Model(), err)
			}
			for i := range tf.TestCases {
				tc := &tf.TestCases[i]
				v, err1 := bindParams(parsed, tc.Params)
				w, err2 := bindParams(decoded, tc.Params)
				if err1 != nil || err2 != nil {
					t.Fatalf("%s: binding: %v, %v", caseName(i, tc), err1, err2)
				}
				if d := resolveAlike(parsed, decoded, &v, &w); d != "" {
					t.Errorf("%s: decoded rule set gives %s", caseName(i, tc), d)
				} else if p := check(decoded, &w, tc); p != "" {
					t.Errorf("%s: %s", caseName(i, tc), p)
				}
				cases++
				for j := range tc.OperationInputs {
					in := &tc.OperationInputs[j]
					v, err1 := bindOperation(parsed, model, in)
					w, err2 := bindOperation(decoded, model, in)
					if err1 != nil || err2 != nil {
						t.Fatalf("%s/operationInputs[%d]: binding: %v, %v", caseName(i, tc), j, err1, err2)
					}
					if d := resolveAlike(parsed, decoded, &v, &w); d != "" {
						t.Errorf("%s/operationInputs[%d]: decoded rule set gives %s", caseName(i, tc), j, d)
					}
					cases++
				}
			}
		})
	}
	if sets == 0 {
		t.Fatal("no service of the corpus has an endpoint-rule-set-1.json")
	}
	t.Logf("%d rule sets (%d bytes of compact JSON, %d in binary form), %d cases resolved alike", sets, jsonSize, binSize, cases)
}

// TestBinaryShipped: the rule sets this repository ships round-trip, and the
// decoded sets resolve a grid of regions and settings as the parsed ones do.
func TestBinaryShipped(t *testing.T) {
	for _, service := range []string{"eks", "eks-auth"} {
		parsed := loadShipped(t, service)
		decoded, _ := roundTrip(t, service, parsed)
		for _, region := range []string{"us-west-2", "cn-north-1", "us-gov-east-1", "us-isob-east-1", "eusc-de-east-1", "mars-central-1", "bad/region", ""} {
			for _, fips := range []bool{false, true} {
				for _, dual := range []bool{false, true} {
					v, w := parsed.NewValues(), decoded.NewValues()
					for _, x := range []*Values{&v, &w} {
						x.SetString(parsed.Index("Region"), region)
						x.SetBool(parsed.Index("UseFIPS"), fips)
						if i := parsed.Index("UseDualStack"); i >= 0 {
							x.SetBool(i, dual)
						}
					}
					if d := resolveAlike(parsed, decoded, &v, &w); d != "" {
						t.Errorf("%s %q fips=%v dual=%v: decoded rule set gives %s", service, region, fips, dual, d)
					}
				}
			}
		}
	}
}

// TestBinaryForms covers the parts of the format that the shipped rule sets
// may not use: every function, getAttr indexes, substring, literal arrays,
// templates with paths and braces, headers, and properties of every kind.
func TestBinaryForms(t *testing.T) {
	src := `{"version": "1.0", "parameters": {
		"P": {"type": "string", "required": true, "default": "arn:aws:s3:us-east-1:123:a/b/c", "documentation": "p", "builtIn": "AWS::P"},
		"B": {"type": "boolean", "default": true, "deprecated": {"message": "old"}},
		"F": {"type": "boolean", "default": false},
		"L": {"type": "stringArray", "default": ["x", "y"]},
		"N": {"type": "stringArray"}
	}, "rules": [
		{"type": "tree", "conditions": [{"fn": "aws.parseArn", "argv": [{"ref": "P"}], "assign": "arn"}], "rules": [
			{"type": "endpoint", "conditions": [
				{"fn": "substring", "argv": [{"ref": "P"}, 0, 3, false], "assign": "pre"},
				{"fn": "getAttr", "argv": [{"ref": "arn"}, "resourceId[1]"], "assign": "r1"},
				{"fn": "aws.partition", "argv": ["us-east-1"], "assign": "part"},
				{"fn": "parseURL", "argv": ["https://example.com/a"], "assign": "url"},
				{"fn": "isSet", "argv": [{"ref": "L"}]},
				{"fn": "not", "argv": [{"fn": "booleanEquals", "argv": [{"ref": "F"}, true]}]},
				{"fn": "stringEquals", "argv": [{"fn": "uriEncode", "argv": ["a b"]}, "a%20b"]},
				{"fn": "isValidHostLabel", "argv": ["{r1}", false]},
				{"fn": "aws.isVirtualHostableS3Bucket", "argv": ["bucket", true]}
			], "endpoint": {
				"url": "{url#scheme}://{pre}-{r1}.{part#dnsSuffix}{url#path}/{{x}}",
				"headers": {"h": ["{arn#region}", "lit"], "e": []},
				"properties": {"s": "{L#[1]}", "b": false, "n": 1.5, "z": null, "a": [1, "x", {"o": true}], "o": {}, "ea": [],
					"authSchemes": [{"name": "sigv4", "signingName": "s3", "signingRegionSet": ["*"], "disableDoubleEncoding": true}]}
			}}
		]},
		{"type": "error", "conditions": [], "error": "no {P}"}
	]}`
	parsed, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	decoded, _ := roundTrip(t, "forms", parsed)
	v, w := parsed.NewValues(), decoded.NewValues()
	if d := resolveAlike(parsed, decoded, &v, &w); d != "" {
		t.Fatalf("decoded rule set gives %s", d)
	}
	ep, err := decoded.Resolve(&w)
	if err != nil || ep.URL != "https://arn-b.amazonaws.com/a/{x}" || ep.Properties["n"] != 1.5 || len(ep.AuthSchemes) != 1 {
		t.Fatalf("got (%+v, %v)", ep, err)
	}
	w.SetString(decoded.Index("P"), "nota:arn")
	v.SetString(parsed.Index("P"), "nota:arn")
	if d := resolveAlike(parsed, decoded, &v, &w); d != "" {
		t.Fatalf("decoded rule set gives %s", d)
	}
}

// seal gives payload (a blob without its header) a header with the right
// checksum, so that a test reaches the structural checks behind it.
func seal(payload []byte) string {
	out := make([]byte, headerLen, headerLen+len(payload))
	out[0] = binaryVersion
	out = append(out, payload...)
	binary.LittleEndian.PutUint32(out[1:headerLen], crc32.ChecksumIEEE(out[headerLen:]))
	return string(out)
}

func shippedBlob(t testing.TB, service string) []byte {
	blob, err := Encode(loadShipped(t, service))
	if err != nil {
		t.Fatal(err)
	}
	return blob
}

// TestDecodeBad: other versions, truncations and alterations give an error
// that says what is wrong; MustDecode panics with it.
func TestDecodeBad(t *testing.T) {
	blob := shippedBlob(t, "eks")
	other := append([]byte{binaryVersion + 1}, blob[1:]...)
	if _, err := Decode(string(other), AllFunctions()...); err == nil || !strings.Contains(err.Error(), fmt.Sprintf("format version %d, this runtime reads version %d: regenerate with a matching svcgen", binaryVersion+1, binaryVersion)) {
		t.Errorf("another version: %v", err)
	}
	for n := range len(blob) {
		if _, err := Decode(string(blob[:n]), AllFunctions()...); err == nil {
			t.Fatalf("truncated to %d bytes: no error", n)
		}
		// Truncated with a valid checksum, the structure itself must tell.
		if n >= headerLen {
			if _, err := Decode(seal(blob[headerLen:n]), AllFunctions()...); err == nil {
				t.Fatalf("truncated to %d bytes and sealed: no error", n)
			}
		}
	}
	for i := range blob {
		for _, x := range []byte{0x01, 0x80, 0xff} {
			bad := bytes.Clone(blob)
			bad[i] ^= x
			if _, err := Decode(string(bad), AllFunctions()...); err == nil {
				t.Fatalf("byte %d ^ %#x: no error", i, x)
			}
		}
	}
	if _, err := Decode(string(blob)+"x", AllFunctions()...); err == nil || !strings.Contains(err.Error(), "checksum") {
		t.Errorf("trailing byte: %v", err)
	}
	if _, err := Decode(seal(append(bytes.Clone(blob[headerLen:]), 0)), AllFunctions()...); err == nil || !strings.Contains(err.Error(), "data after the rules") {
		t.Errorf("trailing byte, sealed: %v", err)
	}
	defer func() {
		r := recover()
		if err, ok := r.(error); !ok || !strings.Contains(err.Error(), "regenerate with a matching svcgen") {
			t.Errorf("MustDecode panicked with %v", r)
		}
	}()
	MustDecode(string(other))
}

// TestDecodeAltered: every alteration of every byte behind a valid checksum
// (so that the checksum does not catch it) gives an error or a rule set that
// resolves without panicking. Many alterations give a valid rule set (a
// changed letter of a string, another slot): only those that break the
// structure can be caught.
func TestDecodeAltered(t *testing.T) {
	for _, service := range []string{"eks", "eks-auth"} {
		payload := shippedBlob(t, service)[headerLen:]
		errs, total := 0, 0
		for i := range payload {
			for _, x := range []byte{0x01, 0x02, 0x40, 0x80, 0xff} {
				bad := bytes.Clone(payload)
				bad[i] ^= x
				total++
				if resolvesOrFails(seal(bad)) != nil {
					errs++
				}
			}
		}
		t.Logf("%s: %d of %d alterations rejected", service, errs, total)
		if errs == 0 {
			t.Errorf("%s: no alteration rejected", service)
		}
	}
}

// resolvesOrFails decodes data and, when it decodes, resolves with nothing
// set and with every parameter set; it returns Decode's error.
func resolvesOrFails(data string) error {
	rs, err := Decode(data, AllFunctions()...)
	if err != nil {
		return err
	}
	v := rs.NewValues()
	_, _ = rs.Resolve(&v)
	for i, p := range rs.Params() {
		switch p.Type {
		case TypeString:
			v.SetString(i, "us-east-1")
		case TypeBoolean:
			v.SetBool(i, true)
		default:
			v.SetStrings(i, []string{"a"})
		}
	}
	_, _ = rs.Resolve(&v)
	_, _ = Encode(rs)
	return nil
}

// FuzzDecode: any payload behind a valid header decodes to an error or to a
// rule set that resolves without panicking.
func FuzzDecode(f *testing.F) {
	for _, service := range []string{"eks", "eks-auth"} {
		f.Add(shippedBlob(f, service)[headerLen:])
	}
	f.Add([]byte{})
	f.Add([]byte{0, 0, 0, 1, 0})
	f.Fuzz(func(t *testing.T, payload []byte) {
		_ = resolvesOrFails(seal(payload))
	})
}

// TestDecodeError: an error names the problem and where.
func TestDecodeError(t *testing.T) {
	for _, c := range []struct {
		payload []byte
		want    string
	}{
		{nil, "truncated at byte 5"},
		{[]byte{1, 0}, "truncated at byte 7"},
		{[]byte{0, 0, 0, 0}, "no rules"},
		{[]byte{0, 1}, "count beyond the data"},
		{[]byte{0, 0, 0, 1, 9, 0}, "bad rule kind"},
		{[]byte{0, 0, 0, 1, 1, 0, 1, 0}, "slot out of range"},
		{[]byte{0, 0, 0, 1, 1, 0, 2, 99}, "unknown function"},
		{[]byte{0, 0, 0, 1, 1, 0, 1, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f}, "bad integer"},
		{[]byte{0, 0, 0, 1, 1, 0, 7}, "bad expression"},
	} {
		_, err := Decode(seal(c.payload), AllFunctions()...)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("payload % x: got %v, want %q", c.payload, err, c.want)
		}
	}
}

// TestAllFunctions: AllFunctions is indexed by function id, holds every function once,
// and each variable's name is what Var says.
func TestAllFunctions(t *testing.T) {
	if len(AllFunctions()) != int(numFns) {
		t.Fatalf("%d functions, want %d", len(AllFunctions()), numFns)
	}
	for i, f := range AllFunctions() {
		if f.id != fnID(i) || f.impl == nil || f.name != "Fn"+strings.ToUpper(f.name[2:3])+f.name[3:] {
			t.Errorf("AllFunctions[%d] = id %d, var %s", i, f.id, f.Var())
		}
		if f.args != fnArgs(fnSyntax[i].name) {
			t.Errorf("%s: %d arguments held, want %d", fnSyntax[i].name, f.args, fnArgs(fnSyntax[i].name))
		}
	}
}

// fnArgs is the number of arguments a compiled call of the function named name holds:
// the file's, less getAttr's path and substring's indexes.
func fnArgs(name string) int {
	id, _ := functionByName(name)
	switch id {
	case idGetAttr:
		return 1
	case idSubstring:
		return 2
	}
	return fnSyntax[id].argc
}
