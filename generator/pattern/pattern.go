package pattern

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Kind says how a model pattern can be checked in Go.
type Kind int

const (
	Native      Kind = iota // compiles with Go's regexp as written, with the same meaning
	Translated              // rewritten to an exactly equivalent RE2 pattern (+ optional length check)
	Unsupported             // cannot be checked exactly in RE2; validators skip it and the generator warns
)

func (k Kind) String() string {
	switch k {
	case Native:
		return "native"
	case Translated:
		return "translated"
	case Unsupported:
		return "unsupported"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Result is the classification of one model pattern.
type Result struct {
	Source string // the model's pattern
	Kind   Kind
	Go     string // RE2 pattern to compile (Native: == Source; Translated: the rewrite; Unsupported: "")
	// Length, when non-nil, is an extra check on the WHOLE value's length in
	// runes that replaces a repeat count over 1000 that RE2 cannot express. It
	// is set only where that is exact: an anchored pattern ^X{n,m}\z whose whole
	// body is one single-character atom with a big repeat. Max -1 = unbounded.
	Length *struct{ Min, Max int }
	Reason string // Translated: what was rewritten; Unsupported: why not; Native: ""
}

// Classify reads a model pattern with Java's java.util.regex semantics and
// says whether Go's regexp can check it as written, after an exact rewrite,
// or not at all. Go always compiles when Kind is not Unsupported. Classify
// never panics.
func Classify(p string) (res Result) {
	defer func() {
		if r := recover(); r != nil {
			res = Result{Source: p, Kind: Unsupported, Reason: fmt.Sprintf("internal error: %v", r)}
		}
	}()
	if !utf8.ValidString(p) {
		return unsupported(p, "pattern is not valid UTF-8")
	}
	root, ps := parse(p)
	if ps.javaErr != "" {
		return unsupported(p, "Java rejects this pattern: "+ps.javaErr)
	}
	if !ps.refusal.empty() {
		return unsupported(p, ps.refusal.String())
	}
	length := analyze(root, ps)
	if !ps.refusal.empty() {
		return unsupported(p, ps.refusal.String())
	}
	if ps.notes.empty() {
		if _, err := regexp.Compile(p); err != nil {
			return unsupported(p, "Go's regexp rejects it: "+err.Error())
		}
		return Result{Source: p, Kind: Native, Go: p}
	}
	out := emit(root)
	if _, err := regexp.Compile(out); err != nil {
		return unsupported(p, "the rewrite does not compile: "+err.Error())
	}
	return Result{Source: p, Kind: Translated, Go: out, Length: length, Reason: ps.notes.String()}
}

func unsupported(p, why string) Result {
	return Result{Source: p, Kind: Unsupported, Reason: why}
}

// reasons is an ordered set of short explanations.
type reasons struct {
	list []string
	seen map[string]bool
}

func (r *reasons) add(s string) {
	if r.seen == nil {
		r.seen = map[string]bool{}
	}
	if !r.seen[s] {
		r.seen[s] = true
		r.list = append(r.list, s)
	}
}

func (r *reasons) empty() bool    { return len(r.list) == 0 }
func (r *reasons) String() string { return strings.Join(r.list, "; ") }
