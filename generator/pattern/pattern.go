package pattern

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/dlclark/regexp2/v2"
)

// Kind says how a model pattern can be checked in Go.
type Kind int

const (
	Native      Kind = iota // compiles with Go's regexp as written, with the same meaning
	Translated              // rewritten to an exactly equivalent RE2 pattern (+ optional length check)
	Unsupported             // cannot be checked exactly; validators skip it and the generator warns
	// Backtracking: RE2 cannot check it, but regexp2 (github.com/dlclark/regexp2/v2, RE2
	// option) can, after the rewrite in Go (see backtrackExpr).
	Backtracking
)

func (k Kind) String() string {
	switch k {
	case Native:
		return "native"
	case Translated:
		return "translated"
	case Unsupported:
		return "unsupported"
	case Backtracking:
		return "backtracking"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Result is the classification of one model pattern.
type Result struct {
	Source string // the model's pattern
	Kind   Kind
	Go     string // pattern to compile (Native: == Source; Translated: the RE2 rewrite; Backtracking: the regexp2 rewrite; Unsupported: "")
	// Length, when non-nil, is an extra check on the WHOLE value's length in
	// runes that replaces a repeat count over 1000 that RE2 cannot express. It
	// is set only where that is exact: an anchored pattern ^X{n,m}\z whose whole
	// body is one single-character atom with a big repeat, or a length lookahead
	// (TrimEOL). Max -1 = unbounded.
	Length *struct{ Min, Max int }
	// TrimEOL says that Length does not count one line terminator that ends the value
	// (\r\n, \n, \r, \u0085, \u2028 or \u2029), as Java's $ does not: the rewrite
	// of a length lookahead such as ^(?=.{20,2048}$) (see lengthAhead).
	TrimEOL bool
	// backtrack: Unsupported for RE2 only (Java reads the pattern)
	backtrack bool
	Reason    string // Translated: what was rewritten; Unsupported, Backtracking: why not RE2; Native: ""
}

// Classify reads a model pattern with Java's java.util.regex semantics and
// says whether Go's regexp can check it as written or after an exact rewrite,
// whether regexp2 can (Backtracking: lookaround, backreferences and the like), or
// neither. Go always compiles (with its engine) when Kind is not Unsupported.
// Classify never panics.
func Classify(p string) (res Result) {
	defer func() {
		if r := recover(); r != nil {
			res = Result{Source: p, Kind: Unsupported, Reason: fmt.Sprintf("internal error: %v", r)}
		}
	}()
	res = classifyRE2(p)
	if res.Kind == Unsupported && res.backtrack {
		if r, ok := lengthAhead(p); ok {
			return r
		}
		expr, err := backtrackExpr(p)
		if err == nil {
			_, err = regexp2.Compile(expr, regexp2.RE2)
		}
		if err != nil {
			res.Reason += "; regexp2: " + err.Error()
		} else {
			res = Result{Source: p, Kind: Backtracking, Go: expr, Reason: res.Reason}
		}
	}
	res.backtrack = false
	return res
}

// classifyRE2 is Classify with Go's regexp only.
func classifyRE2(p string) Result {
	if !utf8.ValidString(p) {
		return unsupported(p, "pattern is not valid UTF-8")
	}
	root, ps := parse(p)
	if ps.javaErr != "" {
		return unsupported(p, "Java rejects this pattern: "+ps.javaErr)
	}
	if !ps.refusal.empty() {
		return notRE2(p, ps.refusal.String())
	}
	length := analyze(root, ps)
	if !ps.refusal.empty() {
		return notRE2(p, ps.refusal.String())
	}
	if ps.notes.empty() {
		if _, err := regexp.Compile(p); err != nil {
			return notRE2(p, "Go's regexp rejects it: "+err.Error())
		}
		return Result{Source: p, Kind: Native, Go: p}
	}
	out := emit(root)
	if _, err := regexp.Compile(out); err != nil {
		return notRE2(p, "the rewrite does not compile: "+err.Error())
	}
	return Result{Source: p, Kind: Translated, Go: out, Length: length, Reason: ps.notes.String()}
}

func unsupported(p, why string) Result {
	return Result{Source: p, Kind: Unsupported, Reason: why}
}

// notRE2 is a valid Java pattern that RE2 cannot check: regexp2 may.
func notRE2(p, why string) Result {
	return Result{Source: p, Kind: Unsupported, Reason: why, backtrack: true}
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
