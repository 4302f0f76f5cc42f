// Package validate is the runtime of generated validators: it walks a value's
// constraints, remembers the path to each member, and collects every violation into one
// error.
//
// Generated code describes each constrained shape once, as a rule (a StringRule,
// RangeRule or LengthRule variable), and calls a Checker with the value. A Checker has two
// policies: Full checks everything the model says (the server's policy, and Validate);
// otherwise only what a request needs to be built (the client's policy, so a service
// that relaxes a constraint still works with old code): required members that are nil,
// URI labels that are not empty, and host labels that make a host.
//
// A required member held by value (a string, enum, number, boolean or timestamp) is
// never missing for a Checker: its zero value is a value, which the client sends and
// Full checks like any other ("" against the minimum length). Only the server, which
// sees the wire, can tell such a member absent; its decoders report that (see
// jsonwire.Decoder.Missing) and it merges the two with Merge.
package validate

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// Violation is one broken constraint.
type Violation struct {
	// Path locates the value as a JSON pointer (RFC 6901) over the model's member
	// names, the names on the wire: /name, /items/3/name, /tags/team. It is what
	// smithy-rs servers put in a ValidationException's fieldList, so a client can tell
	// which of the members it sent is wrong. The path of a sensitive map key reads
	// /tags/(sensitive).
	Path string
	// Message says what is wrong.
	Message string
}

func (v Violation) String() string {
	if v.Path == "" {
		return v.Message
	}
	return v.Path + ": " + v.Message
}

// Error holds every violation found in one value.
type Error struct {
	// Type names the validated type (CreatePodIdentityAssociationInput).
	Type       string
	Violations []Violation
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("invalid ")
	b.WriteString(e.Type)
	if len(e.Violations) == 1 {
		b.WriteString(": 1 violation: ")
	} else {
		fmt.Fprintf(&b, ": %d violations: ", len(e.Violations))
	}
	for i, v := range e.Violations {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(v.String())
	}
	return b.String()
}

type segKind uint8

const (
	segName segKind = iota
	segIndex
	segKey
	segSensitiveKey
)

type seg struct {
	kind  segKind
	name  string
	index int
}

// Checker collects violations. The zero value checks with the client's policy.
type Checker struct {
	// Full checks every constraint, not only required members and URI labels.
	Full       bool
	violations []Violation
	// The path is depth segments: the first ones in buf, so walking a value of
	// ordinary depth allocates nothing, the rest in deep. (A slice of buf kept in the
	// Checker would point into itself, and that moves every Checker to the heap.)
	depth int
	buf   [8]seg
	deep  []seg
}

// push adds a path segment.
func (c *Checker) push(s seg) {
	if c.depth < len(c.buf) {
		c.buf[c.depth] = s
	} else {
		c.deep = append(c.deep[:c.depth-len(c.buf)], s)
	}
	c.depth++
}

// seg returns path segment i.
func (c *Checker) seg(i int) seg {
	if i < len(c.buf) {
		return c.buf[i]
	}
	return c.deep[i-len(c.buf)]
}

// Err returns the violations as an *Error naming typ, or nil when there are none.
func (c *Checker) Err(typ string) error {
	if len(c.violations) == 0 {
		return nil
	}
	return &Error{Type: typ, Violations: c.violations}
}

// Enter descends into member name.
func (c *Checker) Enter(name string) { c.push(seg{kind: segName, name: name}) }

// EnterIndex descends into element i of a list.
func (c *Checker) EnterIndex(i int) { c.push(seg{kind: segIndex, index: i}) }

// EnterKey descends into the value at key k of a map.
func (c *Checker) EnterKey(k string) { c.push(seg{kind: segKey, name: k}) }

// EnterSensitiveKey descends into the value at a key that is itself sensitive: the
// path shows [(sensitive)] instead of the key.
func (c *Checker) EnterSensitiveKey() {
	c.push(seg{kind: segSensitiveKey})
}

// Leave undoes the last Enter, EnterIndex, EnterKey or EnterSensitiveKey.
func (c *Checker) Leave() { c.depth-- }

// pathOf formats the current path followed by member (when not empty), as a JSON
// pointer.
func (c *Checker) pathOf(member string) string {
	var b strings.Builder
	for i := range c.depth {
		b.WriteByte('/')
		switch s := c.seg(i); s.kind {
		case segName, segKey:
			writePointerToken(&b, s.name)
		case segIndex:
			b.WriteString(strconv.Itoa(s.index))
		case segSensitiveKey:
			b.WriteString(SensitiveKey)
		}
	}
	if member != "" {
		b.WriteByte('/')
		writePointerToken(&b, member)
	}
	return b.String()
}

// SensitiveKey stands in a path for a map key that is sensitive.
const SensitiveKey = "(sensitive)"

// PointerToken escapes a member name or map key as one token of a JSON pointer: "~"
// becomes "~0" and "/" becomes "~1".
func PointerToken(s string) string {
	if !strings.ContainsAny(s, "~/") {
		return s
	}
	var b strings.Builder
	writePointerToken(&b, s)
	return b.String()
}

func writePointerToken(b *strings.Builder, s string) {
	for {
		i := strings.IndexAny(s, "~/")
		if i < 0 {
			b.WriteString(s)
			return
		}
		b.WriteString(s[:i])
		if s[i] == '~' {
			b.WriteString("~0")
		} else {
			b.WriteString("~1")
		}
		s = s[i+1:]
	}
}

// Add records a violation of member (empty: the current value itself).
func (c *Checker) Add(member, format string, args ...any) {
	c.violations = append(c.violations, Violation{Path: c.pathOf(member), Message: fmt.Sprintf(format, args...)})
}

// missingMessage is the message of a required member that is absent.
const missingMessage = "required member is missing"

// Missing records that a required member is absent.
func (c *Checker) Missing(member string) { c.Add(member, missingMessage) }

// Merge adds to err, the result of a Full check of a value of type typ (nil or an
// *Error), the required members that decoding found absent, by path (as a Checker writes
// them: /tags/0/value), first. It drops err's other violations of those members: a
// member that is not there breaks no length, pattern or enum (its zero value did).
func Merge(typ string, missing []string, err error) error {
	if len(missing) == 0 {
		return err
	}
	var ve *Error
	if err != nil && !errors.As(err, &ve) {
		return err
	}
	out := &Error{Type: typ}
	for _, p := range missing {
		out.Violations = append(out.Violations, Violation{Path: p, Message: missingMessage})
	}
	if ve != nil {
		for _, v := range ve.Violations {
			if !slices.Contains(missing, v.Path) {
				out.Violations = append(out.Violations, v)
			}
		}
	}
	return out
}

// Label checks that a URI label is not empty (an empty label cannot make a valid
// path), and reports whether it is fine.
func (c *Checker) Label(member, v string) bool {
	if v == "" {
		c.Add(member, "URI label must not be empty")
		return false
	}
	return true
}

// HostLabel checks a value that a hostPrefix puts into the endpoint's host: not empty,
// and only letters, digits, hyphens and periods (what botocore accepts), so that the
// request goes to a host of the service and not to another.
// It reports whether the label is fine.
func (c *Checker) HostLabel(member, v string) bool {
	if v == "" {
		c.Add(member, "host label must not be empty")
		return false
	}
	for i := 0; i < len(v); i++ {
		if b := v[i]; !('a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' || b == '-' || b == '.') {
			c.Add(member, "host label %q may hold only letters, digits, hyphens and periods", v)
			return false
		}
	}
	return true
}

// StringRule constrains a string: its length in runes, a pattern and a set of values.
type StringRule struct {
	MinLen, MaxLen int // -1: unbounded
	Pattern        *Pattern
	// Enum, when not nil, holds the allowed values, sorted.
	Enum []string
	// Sensitive keeps the value out of violation messages.
	Sensitive bool
}

// String checks v against r (Full policy only).
func (c *Checker) String(member, v string, r *StringRule) {
	if !c.Full {
		return
	}
	if r.MinLen >= 0 || r.MaxLen >= 0 {
		n := utf8.RuneCountInString(v)
		c.length(member, n, r.MinLen, r.MaxLen, "length")
	}
	if r.Pattern != nil && !r.Pattern.MatchString(v) {
		c.Add(member, "value %s does not match the pattern %s", r.show(v), r.Pattern.Source)
	}
	if r.Enum != nil {
		if _, ok := slices.BinarySearch(r.Enum, v); !ok {
			c.Add(member, "value %s is not one of %s", r.show(v), strings.Join(r.Enum, ", "))
		}
	}
}

// show quotes a value for a message, cut short when long; a sensitive value is not shown.
func (r *StringRule) show(v string) string {
	if r.Sensitive {
		return "(sensitive)"
	}
	if len(v) > 64 {
		cut := 64
		for cut > 0 && !utf8.RuneStart(v[cut]) {
			cut-- // never split a rune
		}
		v = v[:cut] + "…"
	}
	return strconv.Quote(v)
}

// LengthRule constrains the length of a blob (bytes), list or map (items).
type LengthRule struct {
	MinLen, MaxLen int // -1: unbounded
}

// Len checks a length n against r (Full policy only).
func (c *Checker) Len(member string, n int, r *LengthRule) {
	if c.Full {
		c.length(member, n, r.MinLen, r.MaxLen, "length")
	}
}

func (c *Checker) length(member string, n, lo, hi int, what string) {
	switch {
	case lo >= 0 && n < lo:
		c.Add(member, "%s %d is less than the minimum %d", what, n, lo)
	case hi >= 0 && n > hi:
		c.Add(member, "%s %d is greater than the maximum %d", what, n, hi)
	}
}

// RangeRule constrains a number.
type RangeRule struct {
	HasMin, HasMax bool
	Min, Max       float64
}

// Int checks an integer against r (Full policy only).
func (c *Checker) Int(member string, v int64, r *RangeRule) {
	if !c.Full {
		return
	}
	f := float64(v)
	switch {
	case r.HasMin && f < r.Min:
		c.Add(member, "value %d is less than the minimum %s", v, num(r.Min))
	case r.HasMax && f > r.Max:
		c.Add(member, "value %d is greater than the maximum %s", v, num(r.Max))
	}
}

// Float checks a floating-point number against r (Full policy only).
func (c *Checker) Float(member string, v float64, r *RangeRule) {
	if !c.Full {
		return
	}
	switch {
	case r.HasMin && !(v >= r.Min):
		c.Add(member, "value %s is less than the minimum %s", num(v), num(r.Min))
	case r.HasMax && !(v <= r.Max):
		c.Add(member, "value %s is greater than the maximum %s", num(v), num(r.Max))
	}
}

func num(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

// Pattern is a model pattern compiled on first use, once.
//
// Generated code declares each pattern as a package-level value that the compiler lays
// out as static data, with no code run at init:
//
//	var pattern0 = validate.Pattern{Source: `[0-9]{12}`, Expr: `[0-9]{12}`, Engine: validate.RE2, MinLen: -1, MaxLen: -1}
//
// so that a program links a pattern, and the engine that compiles it (Go's regexp, or
// regexp2 for runtime/validate/backtrack), only when it links a rule that uses it.
type Pattern struct {
	// Source is the pattern as the model writes it.
	Source string
	// Expr is the expression Engine compiles: the model's source or its exact rewrite
	// for that engine.
	Expr string
	// Engine compiles Expr (once, on first use) into the function that matches a value
	// (an error from it counts as no match): RE2 (Go's regexp) or backtrack.Compile. A
	// pattern without an engine matches nothing and Compile reports the error.
	Engine func(expr string) (func(string) (bool, error), error)
	// MinLen and MaxLen (runes, -1 unbounded) stand in for a repeat count that RE2
	// cannot express, or for a lookahead on the value's length.
	MinLen, MaxLen int
	// TrimEOL makes MinLen and MaxLen not count one line terminator that ends the
	// value (\r\n, \n, \r, \u0085, \u2028 or \u2029), as Java's $ does not: the
	// check of a lookahead such as ^(?=.{20,2048}$).
	TrimEOL bool
	once    sync.Once
	match   func(string) (bool, error)
	err     error
}

// RE2 is the Engine of the patterns Go's regexp checks.
func RE2(expr string) (func(string) (bool, error), error) {
	re, err := regexp.Compile(expr)
	if err != nil {
		return nil, err
	}
	return func(v string) (bool, error) { return re.MatchString(v), nil }, nil
}

// NewPatternFunc makes a pattern checked by another engine than Go's regexp: compile,
// called once on first use, returns the function that matches a value (an error from
// it counts as no match).
func NewPatternFunc(source string, compile func() (func(string) (bool, error), error)) *Pattern {
	return &Pattern{Source: source, MinLen: -1, MaxLen: -1, Engine: func(string) (func(string) (bool, error), error) { return compile() }}
}

// NewPattern makes a pattern that compiles expr (an RE2 expression, the model's source
// or its exact translation) on first use.
func NewPattern(source, expr string) *Pattern {
	return &Pattern{Source: source, Expr: expr, Engine: RE2, MinLen: -1, MaxLen: -1}
}

// WithLength adds a length check in runes that replaces a repeat count over 1000.
func (p *Pattern) WithLength(lo, hi int) *Pattern {
	p.MinLen, p.MaxLen = lo, hi
	return p
}

// Compile compiles the expression (once) and reports an error if it does not compile.
func (p *Pattern) Compile() error {
	p.once.Do(func() {
		if p.Engine == nil {
			p.err = fmt.Errorf("validate: pattern %q has no engine", p.Source)
			return
		}
		p.match, p.err = p.Engine(p.Expr)
	})
	return p.err
}

// MatchString reports whether v matches anywhere (model patterns are not anchored
// unless they say so), and has the length the pattern demands.
func (p *Pattern) MatchString(v string) bool {
	if p.Compile() != nil {
		return false
	}
	if p.MinLen >= 0 || p.MaxLen >= 0 {
		s := v
		if p.TrimEOL {
			s = trimEOL(v)
		}
		n := utf8.RuneCountInString(s)
		if p.MinLen >= 0 && n < p.MinLen || p.MaxLen >= 0 && n > p.MaxLen {
			return false
		}
	}
	ok, err := p.match(v)
	return ok && err == nil
}

// trimEOL removes one line terminator from the end of v, if v ends with one.
func trimEOL(v string) string {
	if strings.HasSuffix(v, "\r\n") {
		return v[:len(v)-2]
	}
	switch r, size := utf8.DecodeLastRuneInString(v); r {
	case '\n', '\r', '\u0085', '\u2028', '\u2029':
		return v[:len(v)-size]
	}
	return v
}

// Key checks a map key against r (Full policy only), reporting at the current path.
func (c *Checker) Key(k string, r *StringRule) {
	if !c.Full {
		return
	}
	before := len(c.violations)
	c.String("", k, r)
	for i := before; i < len(c.violations); i++ {
		c.violations[i].Message = "key: " + c.violations[i].Message
	}
}
