// Package diag holds the diagnostics that loading and resolving a model report: each says
// where in which file (line and column, 1-based, columns in bytes as the Go toolchain
// counts them), which shape and member, and what is wrong.
package diag

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// Severity tells an error, which stops generation, from a warning, which does not.
type Severity int

const (
	Error Severity = iota
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// MarshalText writes the severity as its name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Pos is a position in a file.
type Pos struct {
	File string `json:"file"`
	Line int    `json:"line"`
	Col  int    `json:"col"`
}

func (p Pos) String() string {
	if p.Line == 0 {
		return p.File
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Diagnostic is one finding about a model.
type Diagnostic struct {
	Pos
	Severity Severity `json:"severity"`
	Shape    string   `json:"shape,omitempty"`
	Member   string   `json:"member,omitempty"`
	Message  string   `json:"message"`
}

// Subject is "shape.member", "shape", or "" when the finding is about the whole file.
func (d Diagnostic) Subject() string {
	switch {
	case d.Shape != "" && d.Member != "":
		return d.Shape + "." + d.Member
	default:
		return d.Shape
	}
}

// String is "file:line:col: shape.member: message", with "warning: " before the
// message of a warning.
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(d.Pos.String())
	b.WriteString(": ")
	if s := d.Subject(); s != "" {
		b.WriteString(s)
		b.WriteString(": ")
	}
	if d.Severity == Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(d.Message)
	return b.String()
}

// JSON is the diagnostic as one JSON object, for `svcgen check -json`.
func (d Diagnostic) JSON() []byte {
	b, _ := json.Marshal(d)
	return b
}

// List collects diagnostics.
type List []Diagnostic

// HasErrors reports whether any diagnostic is an error.
func (l List) HasErrors() bool {
	for _, d := range l {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Count returns how many diagnostics have the severity.
func (l List) Count(s Severity) int {
	n := 0
	for _, d := range l {
		if d.Severity == s {
			n++
		}
	}
	return n
}

// Sort orders the list by file, line, column and message, so output is stable.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return a.Message < b.Message
	})
}

// Err returns the list as an error when it holds an error, else nil.
func (l List) Err() error {
	if !l.HasErrors() {
		return nil
	}
	return ErrorList(l)
}

// ErrorList is a List used as an error: its message is every error, one a line.
type ErrorList List

func (e ErrorList) Error() string {
	var lines []string
	for _, d := range e {
		if d.Severity == Error {
			lines = append(lines, d.String())
		}
	}
	return strings.Join(lines, "\n")
}
