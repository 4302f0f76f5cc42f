package emit_test

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/svcgen/svcgen/generator/emit"
	"github.com/svcgen/svcgen/internal/scratch"
	"github.com/svcgen/svcgen/internal/shareddata"
)

var updateRedact = flag.Bool("update-redact", false, "rewrite testdata/redact-golden.txt from what the generated code prints now")

// redactServices are the corpus models whose redacting types TestRedactGolden prints:
// together they have sensitive strings, blobs, structures and whole sensitive
// structures, unions with sensitive variants, documents, errors with sensitive
// messages, streaming bodies and every protocol's shapes.
var redactServices = []string{"s3", "sts", "bedrock-runtime", "verifiedpermissions", "cognito-idp", "lambda"}

// TestRedactGolden pins what every way of printing prints, byte for byte, for values of
// every type that has redacting print methods in gen/eksauth and in the corpus models
// of redactServices: the zero value, a value with every field set (pointers, slices of
// two, maps of one, a union variant, a document, a time) and one with some pointers
// left nil, each as a value, a pointer and in a slice, under fmt's verbs, String,
// GoString, encoding/json and slog's JSON and text handlers. The expected output is a
// digest of each (testdata/redact-golden.txt, written by -update-redact): a change to
// how redacted values print changes a digest, and the test prints the new text.
func TestRedactGolden(t *testing.T) {
	services := shareddata.Corpus(t)
	pkgs := map[string][]emit.File{}
	var roots []dumpPackage
	for _, name := range redactServices {
		pkgs[name] = corpusPackage(t, services, name)
		roots = append(roots, dumpPackage{path: "scenarios/" + name, files: pkgs[name]})
	}
	// gen/eksauth as the project ships it
	var eksauth []emit.File
	for _, sub := range []string{"", "types"} {
		paths, _ := filepath.Glob(filepath.Join(scratch.Root(), "gen", "eksauth", sub, "*.go"))
		for _, p := range paths {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			eksauth = append(eksauth, emit.File{Path: filepath.ToSlash(filepath.Join(sub, filepath.Base(p))), Data: data})
		}
	}
	roots = append(roots, dumpPackage{path: "github.com/svcgen/svcgen/gen/eksauth", files: eksauth})
	main, err := dumpProgram(roots)
	if err != nil {
		t.Fatal(err)
	}
	pkgs["dump"] = []emit.File{{Path: "main.go", Data: []byte(main)}}
	dir := writeModule(t, "scenarios", pkgs)
	outPath := filepath.Join(dir, "out.txt")
	if out, err := goCommand(dir, "run", "./dump", outPath); err != nil {
		t.Fatalf("go run ./dump: %v\n%s", err, out)
	}
	got, err := os.ReadFile(outPath)
	if err != nil {
		t.Fatal(err)
	}
	digests, texts := parseDump(t, string(got))
	golden := filepath.Join("testdata", "redact-golden.txt")
	if *updateRedact {
		var b strings.Builder
		b.WriteString("# TestRedactGolden: a type, then for each way of printing (" + strings.Join(dumpWays, " ") + ")\n")
		b.WriteString("# the digest of what its zero, full, *full, sparse and slice values print.\n")
		b.WriteString("# go test ./generator/emit -run TestRedactGolden -update-redact rewrites it.\n")
		for _, typ := range slices.Sorted(maps.Keys(digests)) {
			b.WriteString(typ)
			for _, way := range dumpWays {
				b.WriteString(" " + digests[typ][way])
			}
			b.WriteString("\n")
		}
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote the digests of %d types to %s", len(digests), golden)
		return
	}
	data, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update-redact to write it)", err)
	}
	want := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		if len(f) != 1+len(dumpWays) {
			t.Fatalf("%s: bad line %q", golden, line)
		}
		want[f[0]] = f[1:]
	}
	if len(want) < 100 {
		t.Fatalf("%s has %d types: too few to pin anything", golden, len(want))
	}
	bad := 0
	for _, typ := range slices.Sorted(maps.Keys(want)) {
		got, ok := digests[typ]
		if !ok {
			t.Errorf("%s: not printed any more", typ)
			continue
		}
		for i, way := range dumpWays {
			if got[way] != want[typ][i] {
				if bad++; bad <= 10 {
					t.Errorf("%s %s prints differently now:\n%s", typ, way, texts[typ][way])
				}
			}
		}
	}
	for _, typ := range slices.Sorted(maps.Keys(digests)) {
		if _, ok := want[typ]; !ok {
			t.Errorf("%s: new, not in %s", typ, golden)
		}
	}
	if bad > 10 {
		t.Errorf("... %d outputs differ in all", bad)
	}
}

// dumpWays are the ways the dump program prints each value; dumpForms the values.
var (
	dumpWays  = []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d", "%20v", "%-8s", "%.3v", "%T", "Sprint", "Sprintln", "String", "GoString", "Error", "json", "slog"}
	dumpForms = []string{"zero", "full", "*full", "sparse", "slice"}
)

// parseDump reads the dump program's output, records "TYPE|FORM|WAY\nTEXT\x00", into
// a digest for each type and way over its forms (dumpForms, in order; a form a way
// does not apply to, such as Error of a type that is no error, adds "-"), and the
// texts that make it.
func parseDump(t *testing.T, out string) (digests map[string]map[string]string, texts map[string]map[string]string) {
	recs := map[string]string{}
	types := map[string]bool{}
	for _, rec := range strings.Split(out, "\x00") {
		if rec == "" {
			continue
		}
		key, text, _ := strings.Cut(rec, "\n")
		if _, dup := recs[key]; dup {
			t.Fatalf("dump key %s twice", key)
		}
		recs[key] = text
		typ, _, _ := strings.Cut(key, "|")
		types[typ] = true
	}
	addressed := 0
	for _, text := range recs {
		if text == "(prints an address)" {
			addressed++
		}
	}
	t.Logf("%d types, %d outputs, %d left out for printing an address", len(types), len(recs), addressed)
	digests, texts = map[string]map[string]string{}, map[string]map[string]string{}
	for typ := range types {
		digests[typ], texts[typ] = map[string]string{}, map[string]string{}
		for _, way := range dumpWays {
			h := sha256.New()
			var all strings.Builder
			for _, form := range dumpForms {
				text, ok := recs[typ+"|"+form+"|"+way]
				if !ok {
					h.Write([]byte("-\x00"))
					continue
				}
				h.Write([]byte(text + "\x00"))
				fmt.Fprintf(&all, "  %s: %s\n", form, text)
			}
			digests[typ][way] = hex.EncodeToString(h.Sum(nil)[:6])
			texts[typ][way] = all.String()
		}
	}
	return digests, texts
}

type dumpPackage struct {
	path  string // import path of the service's package; its types are path+"/types"
	files []emit.File
}

// dumpProgram writes a program that prints a value of every redacting type of pkgs
// in every way (see TestRedactGolden).
func dumpProgram(pkgs []dumpPackage) (string, error) {
	var imports, values, variants strings.Builder
	for i, p := range pkgs {
		for _, sub := range []string{"", "types"} {
			alias := fmt.Sprintf("p%d", i)
			path := p.path
			if sub != "" {
				alias += "t"
				path += "/types"
			}
			redacting, unionVariants, err := scanTypes(p.files, sub)
			if err != nil {
				return "", err
			}
			if len(redacting) == 0 && len(unionVariants) == 0 {
				continue
			}
			fmt.Fprintf(&imports, "\t%s %q\n", alias, path)
			for _, name := range redacting {
				fmt.Fprintf(&values, "\t{%q, new(%s.%s)},\n", p.path+"/"+sub+"."+name, alias, name)
			}
			for _, name := range unionVariants {
				fmt.Fprintf(&variants, "\tnew(%s.%s),\n", alias, name)
			}
		}
	}
	return strings.NewReplacer("IMPORTS\n", imports.String(), "VALUES\n", values.String(), "VARIANTS\n", variants.String()).Replace(dumpMain), nil
}

// scanTypes finds, in the files of folder sub ("" or "types"), the types with a
// LogValue method (those that redact) and the union variants (a pointer method isX()).
func scanTypes(files []emit.File, sub string) (redacting, variants []string, err error) {
	fset := token.NewFileSet()
	for _, f := range files {
		if filepath.ToSlash(filepath.Dir(f.Path)) != map[string]string{"": ".", "types": "types"}[sub] || strings.HasSuffix(f.Path, "_test.go") || !strings.HasSuffix(f.Path, ".go") {
			continue
		}
		af, err := parser.ParseFile(fset, f.Path, f.Data, 0)
		if err != nil {
			return nil, nil, err
		}
		for _, d := range af.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv == nil || len(fd.Recv.List) != 1 {
				continue
			}
			switch rt := fd.Recv.List[0].Type.(type) {
			case *ast.Ident:
				if fd.Name.Name == "LogValue" {
					redacting = append(redacting, rt.Name)
				}
			case *ast.StarExpr:
				if id, ok := rt.X.(*ast.Ident); ok && strings.HasPrefix(fd.Name.Name, "is") && len(fd.Type.Params.List) == 0 && len(fd.Body.List) == 0 && !strings.HasSuffix(id.Name, "UnknownUnionMember") {
					variants = append(variants, id.Name)
				}
			}
		}
	}
	sort.Strings(redacting)
	sort.Strings(variants)
	return redacting, variants, nil
}

const dumpMain = `package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"reflect"
	"regexp"
	"strings"
	"time"

	"github.com/svcgen/svcgen/runtime/document"
IMPORTS
)

var values = []struct {
	name string
	v    any
}{
VALUES
}

var variants = []any{
VARIANTS
}

var (
	n        int
	timeType = reflect.TypeOf(time.Time{})
	docType  = reflect.TypeOf(document.Value{})
	reader   = reflect.TypeOf((*io.Reader)(nil)).Elem()
)

// fill sets every settable part of v; sparse leaves every third pointer nil.
func fill(v reflect.Value, depth int, sparse bool) {
	n++
	switch v.Kind() {
	case reflect.String:
		v.SetString(fmt.Sprintf("s%d \"q\"", n))
	case reflect.Bool:
		v.SetBool(n%2 == 0)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(int64(n))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(uint64(n))
	case reflect.Float32, reflect.Float64:
		v.SetFloat(float64(n) + 0.25)
	case reflect.Pointer:
		if depth > 3 || sparse && n%3 == 0 {
			return
		}
		p := reflect.New(v.Type().Elem())
		fill(p.Elem(), depth+1, sparse)
		v.Set(p)
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			v.SetBytes([]byte(fmt.Sprintf("blob%d", n)))
			return
		}
		if depth > 3 {
			return
		}
		s := reflect.MakeSlice(v.Type(), 2, 2)
		fill(s.Index(0), depth+1, sparse)
		fill(s.Index(1), depth+1, sparse)
		v.Set(s)
	case reflect.Map:
		if depth > 3 {
			return
		}
		m := reflect.MakeMap(v.Type())
		k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
		fill(k, depth+1, sparse)
		fill(e, depth+1, sparse)
		m.SetMapIndex(k, e)
		v.Set(m)
	case reflect.Struct:
		switch v.Type() {
		case timeType:
			v.Set(reflect.ValueOf(time.Date(2024, 1, 2, 3, 4, 5, n*1000, time.UTC)))
			return
		case docType:
			v.Set(reflect.ValueOf(document.Wrap([]byte(fmt.Sprintf("{\"k\":[%d,\"x\"]}", n)))))
			return
		}
		for i := 0; i < v.NumField(); i++ {
			if v.Field(i).CanSet() {
				fill(v.Field(i), depth, sparse)
			}
		}
	case reflect.Interface:
		if v.Type() == reader {
			v.Set(reflect.ValueOf(strings.NewReader("body")))
			return
		}
		if depth > 3 || v.Type().NumMethod() == 0 {
			return
		}
		var fits []reflect.Type
		for _, c := range variants {
			if t := reflect.TypeOf(c); t.Implements(v.Type()) {
				fits = append(fits, t)
			}
		}
		if len(fits) == 0 {
			return
		}
		p := reflect.New(fits[n%len(fits)].Elem())
		fill(p.Elem(), depth+1, sparse)
		v.Set(p)
	}
}

// address matches an address, as %v and %x print one and as %d does (static ones have
// 7 digits and more, as do the internals of a time.Time under %d, dropped with them).
var address = regexp.MustCompile("0x[0-9a-f]{6,}|\\b[0-9]{7,}\\b")

var out bytes.Buffer

func dump(key, text string) {
	fmt.Fprintf(&out, "%s\n%s\x00", key, address.ReplaceAllString(text, "0xADDR"))
}

var verbs = []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d", "%20v", "%-8s", "%.3v", "%T"}

// addressVerbs print an address in a form that cannot be told from other digits
// (%x, %d) or padded to a width that depends on it: a value whose %v shows an address
// (fmt prints a pointer inside a structure without methods as one) is not dumped
// under them.
var addressVerbs = map[string]bool{"%x": true, "%d": true, "%20v": true, "%-8s": true, "%.3v": true}

func print(key string, v any) {
	addresses := address.MatchString(fmt.Sprintf("%v", v))
	for _, verb := range verbs {
		if addresses && addressVerbs[verb] {
			dump(key+"|"+verb, "(prints an address)")
			continue
		}
		dump(key+"|"+verb, fmt.Sprintf(verb, v))
	}
	dump(key+"|Sprint", fmt.Sprint(v, v))
	dump(key+"|Sprintln", fmt.Sprintln(v, v))
	if s, ok := v.(fmt.Stringer); ok {
		dump(key+"|String", s.String())
	}
	if s, ok := v.(fmt.GoStringer); ok {
		dump(key+"|GoString", s.GoString())
	}
	if e, ok := v.(error); ok {
		dump(key+"|Error", e.Error())
	}
	b, err := json.Marshal(v)
	dump(key+"|json", fmt.Sprintf("%s %v", b, err))
	noTime := func(_ []string, a slog.Attr) slog.Attr {
		if a.Key == slog.TimeKey {
			return slog.Attr{}
		}
		return a
	}
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{ReplaceAttr: noTime})).Info("m", "v", v)
	slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{ReplaceAttr: noTime})).Info("m", "v", v, "g", slog.GroupValue(slog.Any("in", v)))
	dump(key+"|slog", buf.String())
}

func main() {
	for _, c := range values {
		t := reflect.TypeOf(c.v).Elem()
		zero := reflect.New(t)
		full := reflect.New(t)
		fill(full.Elem(), 0, false)
		sparse := reflect.New(t)
		fill(sparse.Elem(), 0, true)
		print(c.name+"|zero", zero.Elem().Interface())
		print(c.name+"|full", full.Elem().Interface())
		print(c.name+"|*full", full.Interface())
		print(c.name+"|sparse", sparse.Elem().Interface())
		both := reflect.MakeSlice(reflect.SliceOf(t), 0, 2)
		both = reflect.Append(both, full.Elem(), sparse.Elem())
		print(c.name+"|slice", both.Interface())
	}
	if err := os.WriteFile(os.Args[1], out.Bytes(), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
`
