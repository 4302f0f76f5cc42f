package load

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/svcgen/svcgen/generator/diag"
	"github.com/tidwall/gjson"
)

// Companion file names read from beside the model.
const (
	RuleSetFile    = "endpoint-rule-set-1.json"
	PaginatorsFile = "paginators-1.json"
	WaitersFile    = "waiters-2.json"
	DocsFile       = "docs-2.json"
)

// Load reads the model at path and the companion files beside it. The diagnostics say
// what is wrong with the files' form; the model is nil when the service file cannot be
// read or is not a JSON object.
func Load(path string) (*Model, diag.List) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, diag.List{{Pos: diag.Pos{File: path}, Message: err.Error()}}
	}
	companions := map[string][]byte{}
	dir := filepath.Dir(path)
	for _, name := range []string{RuleSetFile, PaginatorsFile, WaitersFile, DocsFile} {
		if b, err := os.ReadFile(filepath.Join(dir, name)); err == nil {
			companions[filepath.Join(dir, name)] = b
		}
	}
	return Bytes(path, data, companions)
}

// Bytes loads a model from memory. companions maps file names (whose base name is one of
// the companion file names) to their contents.
func Bytes(name string, data []byte, companions map[string][]byte) (*Model, diag.List) {
	r := &reader{file: newFile(name, data)}
	root, d := r.file.parse()
	if d != nil {
		return nil, diag.List{*d}
	}
	if !root.IsObject() {
		r.errorf(root, "", "", "a model is a JSON object, found %s", kind(root))
		return nil, r.diags
	}
	m := &Model{File: r.file, Shapes: map[string]*Shape{}}
	r.model(m, root)
	names := make([]string, 0, len(companions))
	for n := range companions {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		cr := &reader{file: newFile(n, companions[n])}
		croot, d := cr.file.parse()
		if d != nil {
			r.diags = append(r.diags, *d)
			continue
		}
		switch filepath.Base(n) {
		case RuleSetFile:
			m.RuleSet = cr.file
		case PaginatorsFile:
			m.Paginators = cr.file
			cr.paginators(m, croot)
		case WaitersFile:
			m.Waiters = cr.file
			cr.waiters(m, croot)
		case DocsFile:
			m.Docs = cr.file
			cr.docs(m, croot)
		}
		r.diags = append(r.diags, cr.diags...)
	}
	return m, r.diags
}

type reader struct {
	file  *File
	diags diag.List
	// keys and values of every object read through a field, in file order; each
	// field holds its object's range, so an object is scanned once however many of
	// its keys are read
	keys   []string
	values []gjson.Result
}

func (r *reader) errorf(at gjson.Result, shape, member, format string, args ...any) {
	r.diags = append(r.diags, diag.Diagnostic{Pos: r.file.At(at), Shape: shape, Member: member, Message: fmt.Sprintf(format, args...)})
}

func kind(v gjson.Result) string {
	switch {
	case !v.Exists():
		return "nothing"
	case v.IsObject():
		return "an object"
	case v.IsArray():
		return "an array"
	case v.Type == gjson.String:
		return "a string"
	case v.Type == gjson.Number:
		return "a number"
	case v.Type == gjson.True, v.Type == gjson.False:
		return "a boolean"
	default:
		return "null"
	}
}

// field is a typed accessor of one object that reports values of the wrong JSON type.
type field struct {
	r             *reader
	shape, member string
	lo, hi        int // the object's keys: r.keys[lo:hi]
}

// fields makes the accessor of obj (which may be absent or not an object: then every
// key is absent), reading the object's keys once.
func (r *reader) fields(obj gjson.Result, shape, member string) field {
	f := field{r: r, shape: shape, member: member, lo: len(r.keys)}
	if obj.IsObject() {
		obj.ForEach(func(k, v gjson.Result) bool {
			r.keys = append(r.keys, k.Str)
			r.values = append(r.values, v)
			return true
		})
	}
	f.hi = len(r.keys)
	return f
}

// forget drops the keys read since mark (a length of r.keys), once no field that
// reads them is left: after each operation and each shape.
func (r *reader) forget(mark int) {
	r.keys, r.values = r.keys[:mark], r.values[:mark]
}

// get returns the value of key (the first, as gjson's Get does), or an absent value.
func (f field) get(key string) gjson.Result {
	for i := f.lo; i < f.hi; i++ {
		if f.r.keys[i] == key {
			return f.r.values[i]
		}
	}
	return gjson.Result{}
}

func (f field) wrong(v gjson.Result, key, want string) {
	f.r.errorf(v, f.shape, f.member, "%q must be %s, found %s", key, want, kind(v))
}

func (f field) str(key string) string {
	v := f.get(key)
	if !v.Exists() || v.Type == gjson.Null {
		return ""
	}
	if v.Type != gjson.String {
		f.wrong(v, key, "a string")
		return ""
	}
	return v.Str
}

func (f field) boolean(key string) bool {
	v := f.get(key)
	if !v.Exists() || v.Type == gjson.Null {
		return false
	}
	if v.Type != gjson.True && v.Type != gjson.False {
		f.wrong(v, key, "a boolean")
		return false
	}
	return v.Bool()
}

func (f field) number(key string) (*float64, diag.Pos) {
	v := f.get(key)
	if !v.Exists() || v.Type == gjson.Null {
		return nil, diag.Pos{}
	}
	if v.Type != gjson.Number {
		f.wrong(v, key, "a number")
		return nil, diag.Pos{}
	}
	n := v.Num
	return &n, f.r.file.At(v)
}

func (f field) strings(key string) ([]string, []diag.Pos) {
	v := f.get(key)
	if !v.Exists() || v.Type == gjson.Null {
		return nil, nil
	}
	if !v.IsArray() {
		f.wrong(v, key, "an array of strings")
		return nil, nil
	}
	var out []string
	var pos []diag.Pos
	for _, e := range v.Array() {
		if e.Type != gjson.String {
			f.wrong(e, key, "an array of strings")
			continue
		}
		out = append(out, e.Str)
		pos = append(pos, f.r.file.At(e))
	}
	return out, pos
}

// stringOrStrings reads a value that is either one string or a list of strings
// (paginator tokens and result keys).
func (f field) stringOrStrings(key string) []string {
	v := f.get(key)
	if v.Type == gjson.String {
		return []string{v.Str}
	}
	s, _ := f.strings(key)
	return s
}

func (f field) object(key string) gjson.Result {
	v := f.get(key)
	if !v.Exists() || v.Type == gjson.Null {
		return gjson.Result{}
	}
	if !v.IsObject() {
		f.wrong(v, key, "an object")
		return gjson.Result{}
	}
	return v
}

// each calls fn for every key of an object, in file order.
func each(obj gjson.Result, fn func(key, value gjson.Result)) {
	if !obj.IsObject() {
		return
	}
	obj.ForEach(func(k, v gjson.Result) bool {
		fn(k, v)
		return true
	})
}
