package eksauth_test

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/svcgen/svcgen/gen/eksauth"
	"github.com/svcgen/svcgen/gen/eksauth/types"
	"github.com/svcgen/svcgen/runtime/validate"
)

// The secrets the tests put into values, and the values that must still show.
const (
	secretAccessKey = "wJalrXUtnFEMI-secret-access-key"
	sessionToken    = "IQoJb3JpZ2luX2VjE-session-token"
	accessKeyID     = "ASIAEXAMPLEKEYID"
	serviceToken    = "eyJhbGciOiJSUzI1NiJ9.service-account.token"

	audience       = "pods.eks.amazonaws.com"
	namespace      = "payments-namespace"
	associationArn = "arn:aws:eks:us-west-2:123456789012:podidentityassociation/prod/a-abc123"
	clusterName    = "prod-cluster"
)

var secrets = []string{secretAccessKey, sessionToken, accessKeyID, serviceToken}

func output() eksauth.AssumeRoleForPodIdentityOutput {
	return eksauth.AssumeRoleForPodIdentityOutput{
		Subject:  &types.Subject{Namespace: namespace, ServiceAccount: "billing"},
		Audience: audience,
		PodIdentityAssociation: &types.PodIdentityAssociation{
			AssociationArn: associationArn, AssociationId: "a-abc123",
		},
		AssumedRoleUser: &types.AssumedRoleUser{Arn: "arn:aws:sts::123456789012:assumed-role/billing/eks-prod", AssumeRoleId: "AROA:eks-prod"},
		Credentials: &types.Credentials{
			SessionToken: sessionToken, SecretAccessKey: secretAccessKey, AccessKeyId: accessKeyID,
			Expiration: time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC),
		},
	}
}

func input() eksauth.AssumeRoleForPodIdentityInput {
	return eksauth.AssumeRoleForPodIdentityInput{ClusterName: clusterName, Token: serviceToken}
}

// leaks reports every secret, or hex encoding of one, that text holds.
func leaks(text string) []string {
	var found []string
	for _, s := range secrets {
		for _, form := range []string{s, hex.EncodeToString([]byte(s)), strings.ToUpper(hex.EncodeToString([]byte(s)))} {
			if strings.Contains(text, form) {
				found = append(found, form)
			}
		}
	}
	return found
}

func expectClean(t *testing.T, how, text string, visible ...string) {
	t.Helper()
	if found := leaks(text); len(found) > 0 {
		t.Errorf("%s shows %q:\n%s", how, found, text)
	}
	for _, v := range visible {
		if !strings.Contains(text, v) {
			t.Errorf("%s does not show %q:\n%s", how, v, text)
		}
	}
}

// verbs are the fmt verbs a program might print a value with. Those in readable show
// the non-sensitive fields as they are; the others encode or mangle them.
//
// %p is not among them: fmt handles it before it looks for any method, and prints a
// value that is not a pointer field by field ("%!p(T={...})"), whatever the type
// does. So does fmt for a value in an unexported struct field. Neither can be
// redacted by a method; see TestRedactFmtLimits.
var (
	readable = []string{"%v", "%+v", "%#v", "%s", "%q", "%20v", "%-8s"}
	mangling = []string{"%x", "%X", "%d", "%t", "%.3s", "%08.2f", "%U", "%c", "%T"}
)

// TestRedactFmtLimits pins the two ways fmt prints a value without asking the value
// (see verbs above), so that a change in them (or in fmt) is noticed: %p of a pointer
// prints an address only.
func TestRedactFmtLimits(t *testing.T) {
	in := input()
	if got := fmt.Sprintf("%p", &in); strings.Contains(got, serviceToken) || !strings.HasPrefix(got, "0x") {
		t.Errorf("%%p of a pointer = %s", got)
	}
	if got := fmt.Sprintf("%p", in); !strings.Contains(got, serviceToken) {
		t.Logf("fmt now redacts %%p of a value: %s", got)
	}
	type holder struct {
		in eksauth.AssumeRoleForPodIdentityInput
	}
	if got := fmt.Sprintf("%v", holder{in}); !strings.Contains(got, serviceToken) {
		t.Logf("fmt now redacts a value in an unexported field: %s", got)
	}
}

func TestRedactFmtVerbs(t *testing.T) {
	out, in := output(), input()
	outPtr, inPtr := &out, &in
	for _, c := range []struct {
		name    string
		value   any
		visible []string
	}{
		{"output", out, []string{audience, namespace, associationArn}},
		{"*output", outPtr, []string{audience, namespace, associationArn}},
		{"input", in, []string{clusterName}},
		{"*input", inPtr, []string{clusterName}},
		{"[]output", []eksauth.AssumeRoleForPodIdentityOutput{out, out}, []string{audience, namespace, associationArn}},
		{"[]*output", []*eksauth.AssumeRoleForPodIdentityOutput{outPtr}, nil},
		{"map of outputs", map[string]eksauth.AssumeRoleForPodIdentityOutput{"pod": out}, []string{audience, namespace, associationArn}},
		{"map of *inputs", map[string]*eksauth.AssumeRoleForPodIdentityInput{"pod": inPtr}, nil},
		{"credentials", *out.Credentials, nil},
		{"*credentials", out.Credentials, nil},
		{"struct holding both", struct {
			In  eksauth.AssumeRoleForPodIdentityInput
			Out *eksauth.AssumeRoleForPodIdentityOutput
		}{in, outPtr}, []string{clusterName, audience}},
		{"any slice", []any{in, outPtr, out.Credentials}, []string{clusterName, audience}},
	} {
		for _, verb := range readable {
			expectClean(t, c.name+" "+verb, fmt.Sprintf(verb, c.value), c.visible...)
		}
		for _, verb := range mangling {
			expectClean(t, c.name+" "+verb, fmt.Sprintf(verb, c.value))
		}
		expectClean(t, c.name+" Sprint", fmt.Sprint(c.value), c.visible...)
		expectClean(t, c.name+" Sprintln", fmt.Sprintln(c.value, c.value), c.visible...)
		expectClean(t, c.name+" Errorf", fmt.Errorf("call failed for %v: %w", c.value, errors.New("boom")).Error(), c.visible...)
	}
}

func TestRedactMethods(t *testing.T) {
	out, in := output(), input()
	for _, c := range []struct {
		name    string
		text    string
		visible []string
	}{
		{"output.String()", out.String(), []string{audience, namespace, associationArn}},
		{"output.GoString()", out.GoString(), []string{audience, namespace, associationArn}},
		{"(&output).String()", (&out).String(), []string{audience}},
		{"input.String()", in.String(), []string{clusterName}},
		{"input.GoString()", in.GoString(), []string{clusterName}},
		{"credentials.String()", out.Credentials.String(), []string{"*** sensitive ***"}},
		{"credentials.GoString()", out.Credentials.GoString(), nil},
	} {
		expectClean(t, c.name, c.text, c.visible...)
	}
	if got := out.Credentials.String(); got != "*** sensitive ***" {
		t.Errorf("Credentials.String() = %q", got)
	}
	want := `eksauth.AssumeRoleForPodIdentityInput{ClusterName:"prod-cluster", Token:"*** sensitive ***"}`
	if got := fmt.Sprintf("%#v", in); got != want {
		t.Errorf("%%#v = %s, want %s", got, want)
	}
	if got := fmt.Sprintf("%+v", in); got != "{ClusterName:prod-cluster Token:*** sensitive ***}" {
		t.Errorf("%%+v = %s", got)
	}
}

func TestRedactSlog(t *testing.T) {
	out, in := output(), input()
	handlers := map[string]func(*bytes.Buffer) slog.Handler{
		"json": func(w *bytes.Buffer) slog.Handler {
			return slog.NewJSONHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug})
		},
		"text": func(w *bytes.Buffer) slog.Handler {
			return slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug})
		},
	}
	for name, h := range handlers {
		var buf bytes.Buffer
		logger := slog.New(h(&buf))
		logger.Info("assumed role", slog.Any("out", out))
		logger.Info("assumed role", slog.Any("out", &out))
		logger.Info("assumed role", "out", out, "in", &in)
		logger.Debug("request", slog.Any("in", in), slog.Group("call", slog.Any("in", &in), slog.Any("out", out)))
		logger.With("in", in).Warn("retrying", "creds", out.Credentials)
		logger.Info("batch", "outs", []eksauth.AssumeRoleForPodIdentityOutput{out}, "byPod", map[string]*eksauth.AssumeRoleForPodIdentityOutput{"pod": &out})
		logger.LogAttrs(context.Background(), slog.LevelError, "failed", slog.Any("err", fmt.Errorf("assume %v: %w", in, errors.New("denied"))))
		expectClean(t, name+" handler", buf.String(), audience, namespace, associationArn, clusterName)
		if name == "json" {
			for _, line := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
				if !json.Valid([]byte(line)) {
					t.Errorf("json handler wrote invalid JSON: %s", line)
				}
			}
		}
	}
	// the default logger (log and slog's default handler)
	var buf bytes.Buffer
	defer log.SetOutput(log.Writer())
	log.SetOutput(&buf)
	log.Printf("out=%v in=%+v", out, &in)
	slog.Info("assumed role", "out", out, "in", in)
	expectClean(t, "default logger", buf.String(), audience, clusterName)
}

func TestRedactJSON(t *testing.T) {
	out, in := output(), input()
	for _, v := range []any{out, &out, in, []any{out, in}, map[string]any{"out": &out}} {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		expectClean(t, "json.Marshal", string(b))
	}
	b, _ := json.Marshal(out)
	var back map[string]any
	if err := json.Unmarshal(b, &back); err != nil || back["Audience"] != audience || back["Credentials"] != "*** sensitive ***" {
		t.Errorf("json.Marshal = %s (%v)", b, err)
	}
}

func TestRedactValidationErrors(t *testing.T) {
	// A token that breaks its pattern (a JWT has three dot-separated parts; model
	// patterns are not anchored, so the whole value must lack the dots): the violation
	// must not quote it, where it quotes a cluster name that breaks its own.
	const opaqueToken = "opaque-secret-service-account-token"
	in := eksauth.AssumeRoleForPodIdentityInput{ClusterName: "!!!", Token: opaqueToken}
	err := in.Validate()
	if err == nil {
		t.Fatal("Validate() = nil, want violations")
	}
	want := `invalid AssumeRoleForPodIdentityInput: 2 violations: /clusterName: value "!!!" does not match the pattern [0-9A-Za-z][A-Za-z0-9\-_]*; /token: value (sensitive) does not match the pattern [A-Za-z0-9-_=]+\.[A-Za-z0-9-_=]+\.[A-Za-z0-9-_=]+`
	if err.Error() != want {
		t.Errorf("Validate() = %s\nwant %s", err, want)
	}
	secrets = append(secrets, opaqueToken)
	defer func() { secrets = secrets[:len(secrets)-1] }()
	expectClean(t, "validation error", err.Error(), "/token", "/clusterName", "!!!")
	var verr *validate.Error
	if !errors.As(err, &verr) {
		t.Fatalf("Validate() = %T", err)
	}
	for _, v := range verr.Violations {
		expectClean(t, "violation", v.String()+fmt.Sprintf("%#v", v))
	}
	expectClean(t, "wrapped validation error", fmt.Sprintf("%+v", fmt.Errorf("assume: %w", err)))
}

// BenchmarkRedact prints an output (structures, a whole sensitive one, a time) and an
// input (a sensitive string) each way the redacting methods serve.
func BenchmarkRedact(b *testing.B) {
	out, in := output(), input()
	logger := slog.New(slog.NewJSONHandler(io.Discard, nil))
	for _, c := range []struct {
		name string
		fn   func()
	}{
		{"v", func() { _ = fmt.Sprintf("%v %v", out, in) }},
		{"+v", func() { _ = fmt.Sprintf("%+v %+v", out, in) }},
		{"GoString", func() { _, _ = out.GoString(), in.GoString() }},
		{"json", func() { _, _ = json.Marshal([]any{out, in}) }},
		{"slog", func() { logger.Info("m", "out", out, "in", in) }},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				c.fn()
			}
		})
	}
}
