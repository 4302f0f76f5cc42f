package redact_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/svcgen/svcgen/runtime/redact"
)

type inner struct{ Name string }

// T is a type as svcgen generates one: an optional member, a sensitive one, an
// optional one left unset, a list, a field a lock file keeps (Retired, hidden) and an
// unexported field (never printed).
type T struct {
	Name     *string
	Password string
	Unset    *string
	Items    []inner
	Retired  string
	internal int
}

var layoutT = redact.Layout{Sensitive: []int{1}, Hidden: []int{4}}

func (v T) Format(f fmt.State, verb rune) { layoutT.FormatValue(f, verb, v) }
func (v T) String() string                { return layoutT.String(v) }
func (v T) GoString() string              { return layoutT.GoString(v) }
func (v T) LogValue() slog.Value          { return layoutT.LogValue(v) }
func (v T) MarshalJSON() ([]byte, error)  { return layoutT.JSON(v) }

// W is sensitive as a whole.
type W struct{ Key string }

var layoutW = redact.Layout{All: true}

func (v W) Format(f fmt.State, verb rune) { layoutW.FormatValue(f, verb, v) }
func (v W) MarshalJSON() ([]byte, error)  { return layoutW.JSON(v) }

func sample() T {
	name := "visible"
	return T{Name: &name, Password: "s3cr3t-value", Items: []inner{{Name: "a"}}, Retired: "old", internal: 7}
}

func TestFormat(t *testing.T) {
	s := sample()
	for verb, want := range map[string]string{
		"%v":  "{visible *** sensitive *** <nil> [{a}]}",
		"%+v": "{Name:visible Password:*** sensitive *** Unset:<nil> Items:[{Name:a}]}",
		"%#v": `redact_test.T{Name:"visible", Password:"*** sensitive ***", Unset:nil, Items:[]redact_test.inner{redact_test.inner{Name:"a"}}}`,
		"%s":  "{visible *** sensitive *** <nil> [{a}]}",
	} {
		if got := fmt.Sprintf(verb, s); got != want {
			t.Errorf("%s = %s, want %s", verb, got, want)
		}
	}
	if got, want := s.String(), fmt.Sprintf("%+v", s); got != want {
		t.Errorf("String() = %s, want %s", got, want)
	}
	if got, want := s.GoString(), fmt.Sprintf("%#v", s); got != want {
		t.Errorf("GoString() = %s, want %s", got, want)
	}
	for _, verb := range []string{"%v", "%+v", "%s", "%x", "%d"} {
		if got := fmt.Sprintf(verb, W{Key: "k"}); got != redact.Placeholder {
			t.Errorf("%s of a sensitive structure = %s", verb, got)
		}
	}
	for _, verb := range []string{"%#v", "%q"} {
		if got := fmt.Sprintf(verb, W{Key: "k"}); got != `"*** sensitive ***"` {
			t.Errorf("%s of a sensitive structure = %s", verb, got)
		}
	}
}

func TestMarshalJSON(t *testing.T) {
	b, err := json.Marshal(sample())
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"Name":"visible","Password":"*** sensitive ***","Items":[{"Name":"a"}]}`; string(b) != want {
		t.Errorf("MarshalJSON = %s, want %s", b, want)
	}
	b, err = json.Marshal(W{Key: "k"})
	if err != nil || string(b) != `"*** sensitive ***"` {
		t.Errorf("MarshalJSON of a sensitive structure = %s, %v", b, err)
	}
	type F struct{ Fn func() }
	if _, err := (&redact.Layout{}).JSON(F{Fn: func() {}}); err == nil {
		t.Error("MarshalJSON of a field encoding/json cannot marshal: no error")
	}
}

func TestLogValue(t *testing.T) {
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("m", "s", sample())
	if !strings.Contains(buf.String(), `"s":{"Name":"visible","Password":"*** sensitive ***","Items":[{"Name":"a"}]}`) {
		t.Errorf("slog = %s", buf.String())
	}
}

// TestNotStructure: a value that is no structure, or nil, prints as an empty one
// rather than panicking (generated code never passes one).
func TestNotStructure(t *testing.T) {
	l := &redact.Layout{Sensitive: []int{0}}
	for _, v := range []any{nil, 3, (*T)(nil)} {
		if got := l.String(v); got != "{}" {
			t.Errorf("String(%#v) = %s", v, got)
		}
	}
}

type fakeError struct{ Token string }

var layoutE = redact.Layout{Sensitive: []int{0}}

func (e fakeError) Error() string                 { return "Code: message" }
func (e fakeError) Format(f fmt.State, verb rune) { layoutE.FormatError(f, verb, e.Error(), e) }

func TestFormatError(t *testing.T) {
	err := fakeError{Token: "tok"}
	for verb, want := range map[string]string{
		"%v":  "Code: message",
		"%s":  "Code: message",
		"%q":  `"Code: message"`,
		"%+v": "{Token:*** sensitive ***}",
		"%#v": `redact_test.fakeError{Token:"*** sensitive ***"}`,
	} {
		if got := fmt.Sprintf(verb, err); got != want {
			t.Errorf("%s = %s, want %s", verb, got, want)
		}
	}
	if got := fmt.Errorf("op: %w", err).Error(); got != "op: Code: message" {
		t.Errorf("wrapped = %s", got)
	}
}

// BenchmarkFormat prints sample under %+v, the way String does.
func BenchmarkFormat(b *testing.B) {
	s := sample()
	b.ReportAllocs()
	for b.Loop() {
		_ = s.String()
	}
}
