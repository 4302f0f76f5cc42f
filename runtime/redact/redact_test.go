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

const secret = "s3cr3t-value"

type inner struct{ Name string }

func sample() redact.Struct {
	name := "visible"
	return redact.Struct{Type: "pkg.T", Fields: []redact.Field{
		redact.Opt("Name", &name),
		{Name: "Password", Sensitive: true},
		redact.Opt[string]("Unset", nil),
		{Name: "Items", Value: []inner{{Name: "a"}}},
	}}
}

func TestFormat(t *testing.T) {
	s := sample()
	for verb, want := range map[string]string{
		"%v":  "{visible *** sensitive *** <nil> [{a}]}",
		"%+v": "{Name:visible Password:*** sensitive *** Unset:<nil> Items:[{Name:a}]}",
		"%#v": `pkg.T{Name:"visible", Password:"*** sensitive ***", Unset:nil, Items:[]redact_test.inner{redact_test.inner{Name:"a"}}}`,
		"%s":  "{visible *** sensitive *** <nil> [{a}]}",
	} {
		if got := fmt.Sprintf(verb, s); got != want {
			t.Errorf("%s = %s, want %s", verb, got, want)
		}
	}
	whole := redact.Struct{Type: "pkg.T", Sensitive: true}
	for _, verb := range []string{"%v", "%+v", "%s", "%x", "%d"} {
		if got := fmt.Sprintf(verb, whole); got != redact.Placeholder {
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
	b, err = json.Marshal(redact.Struct{Sensitive: true})
	if err != nil || string(b) != `"*** sensitive ***"` {
		t.Errorf("MarshalJSON of a sensitive structure = %s, %v", b, err)
	}
	if _, err := json.Marshal(redact.Struct{Fields: []redact.Field{{Name: "F", Value: func() {}}}}); err == nil {
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

type fakeError struct{ s redact.Struct }

func (e fakeError) Error() string                 { return "Code: message" }
func (e fakeError) Format(f fmt.State, verb rune) { redact.FormatError(f, verb, e.Error(), e.s) }

func TestFormatError(t *testing.T) {
	err := fakeError{redact.Struct{Type: "pkg.E", Fields: []redact.Field{{Name: "Token", Sensitive: true}}}}
	for verb, want := range map[string]string{
		"%v":  "Code: message",
		"%s":  "Code: message",
		"%q":  `"Code: message"`,
		"%+v": "{Token:*** sensitive ***}",
		"%#v": `pkg.E{Token:"*** sensitive ***"}`,
	} {
		if got := fmt.Sprintf(verb, err); got != want {
			t.Errorf("%s = %s, want %s", verb, got, want)
		}
	}
	if got := fmt.Errorf("op: %w", err).Error(); got != "op: Code: message" {
		t.Errorf("wrapped = %s", got)
	}
}
