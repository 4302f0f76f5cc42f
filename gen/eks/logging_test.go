package eks_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/smithy-go/logging"
	"github.com/svcgen/svcgen/gen/eks"
	"github.com/svcgen/svcgen/runtime/client"
	"github.com/svcgen/svcgen/runtime/client/slogger"
)

// failOnce answers the first attempt with a throttling error and the next with body.
func failOnce(body string) func(int, http.ResponseWriter) {
	return func(attempt int, w http.ResponseWriter) {
		if attempt == 1 {
			jsonResponse(429, `{"message":"slow down"}`)(attempt, w)
			return
		}
		jsonResponse(200, body)(attempt, w)
	}
}

// TestClientLogging: a client made from an aws.Config with a ClientLogMode logs to the
// config's Logger each request and response of CreatePodIdentityAssociation, and the
// retry, with the method, URL and status and without the secret key or a signature.
func TestClientLogging(t *testing.T) {
	s := newServer(t, failOnce(association))
	var lines []string
	cfg := aws.Config{
		Region: "us-west-2", Credentials: creds, BaseEndpoint: aws.String(s.URL), HTTPClient: s.Client(),
		ClientLogMode: aws.LogRequestWithBody | aws.LogResponse | aws.LogRetries,
		Logger: logging.LoggerFunc(func(c logging.Classification, format string, v ...any) {
			lines = append(lines, string(c)+" "+fmt.Sprintf(format, v...))
		}),
	}
	c := eks.NewFromConfig(cfg, func(o *eks.Options) { o.RetryMaxBackoff = time.Millisecond })
	if _, err := c.CreatePodIdentityAssociation(context.Background(), createInput()); err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for _, l := range lines {
		m, _, _ := strings.Cut(strings.TrimPrefix(l, "DEBUG "), " ")
		msgs = append(msgs, m)
	}
	if got := strings.Join(msgs, ","); got != "request,response,retrying,request,response" {
		t.Fatalf("lines %s:\n%s", got, strings.Join(lines, "\n"))
	}
	text := strings.Join(lines, "\n")
	for _, want := range []string{`method="POST"`, `url="` + s.URL + `/clusters/prod/pod-identity-associations"`, `status="429"`, `status="200"`, `"serviceAccount\":\"app\"`, `operation="CreatePodIdentityAssociation"`} {
		if !strings.Contains(text, want) {
			t.Errorf("no %s in\n%s", want, text)
		}
	}
	for _, r := range s.seen() {
		auth := r.header.Get("Authorization")
		sig := auth[strings.Index(auth, "Signature=")+len("Signature="):]
		for _, secret := range []string{"SECRET", sig} {
			if strings.Contains(text, secret) {
				t.Errorf("%q logged:\n%s", secret, text)
			}
		}
	}
	// Without a ClientLogMode the aws.Config's Logger gets nothing.
	lines = nil
	cfg.ClientLogMode = 0
	if _, err := eks.NewFromConfig(cfg).CreatePodIdentityAssociation(context.Background(), createInput()); err != nil {
		t.Fatal(err)
	}
	if len(lines) != 0 {
		t.Fatalf("logged without a mode: %q", lines)
	}
	// A mode set by an option function logs to the aws.Config's Logger too.
	if _, err := eks.NewFromConfig(cfg, func(o *eks.Options) { o.ClientLogMode = aws.LogResponse }).CreatePodIdentityAssociation(context.Background(), createInput()); err != nil {
		t.Fatal(err)
	}
	if len(lines) != 1 || !strings.HasPrefix(lines[0], "DEBUG response ") {
		t.Fatalf("lines %q, want one response line", lines)
	}
}

// TestClientSlogLogger: Options.Logger takes a *slog.Logger through slogger.New.
func TestClientSlogLogger(t *testing.T) {
	s := newServer(t, jsonResponse(200, association))
	var buf bytes.Buffer
	c := newClient(s, func(o *eks.Options) {
		o.Logger = slogger.New(slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug})))
		o.ClientLogMode = aws.LogResponseWithBody
	})
	if _, err := c.CreatePodIdentityAssociation(context.Background(), createInput()); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"msg":"response"`) || !strings.Contains(buf.String(), `"status":200`) || !strings.Contains(buf.String(), `associationId`) {
		t.Fatalf("log %s", buf.String())
	}
}

// TestClientHooks: a BeforeSign hook adds a header the server sees, signed; a Send
// hook counts the attempts of a call retried once, and both see the operation and its
// input. A hook added by one call's options runs for that call only.
func TestClientHooks(t *testing.T) {
	s := newServer(t, failOnce(association))
	var attempts atomic.Int64
	var seenOp string
	c := newClient(s, func(o *eks.Options) {
		o.RetryMaxBackoff = time.Millisecond
		o.Hooks.BeforeSign = append(o.Hooks.BeforeSign, func(a *client.Attempt, req *http.Request) error {
			in := a.Input.(*eks.CreatePodIdentityAssociationInput)
			req.Header.Set("X-Trace-Id", fmt.Sprintf("%s-%s-%d", a.Operation, in.ClusterName, a.Number))
			return nil
		})
		o.Hooks.Send = append(o.Hooks.Send, func(a *client.Attempt, req *http.Request, next client.HTTPClient) (*http.Response, error) {
			attempts.Add(1)
			seenOp = a.Operation
			return next.Do(req)
		})
	})
	if _, err := c.CreatePodIdentityAssociation(context.Background(), createInput()); err != nil {
		t.Fatal(err)
	}
	reqs := s.seen()
	if attempts.Load() != 2 || len(reqs) != 2 || seenOp != "CreatePodIdentityAssociation" {
		t.Fatalf("%d attempts counted, %d sent, operation %q", attempts.Load(), len(reqs), seenOp)
	}
	for i, r := range reqs {
		if got, want := r.header.Get("X-Trace-Id"), fmt.Sprintf("CreatePodIdentityAssociation-prod-%d", i+1); got != want {
			t.Errorf("attempt %d: X-Trace-Id %q, want %q", i+1, got, want)
		}
		if !strings.Contains(r.header.Get("Authorization"), "x-trace-id") {
			t.Errorf("X-Trace-Id not signed: %s", r.header.Get("Authorization"))
		}
		verifySignature(t, s.URL, r)
	}
	// One call's hook.
	var once atomic.Int64
	if _, err := c.CreatePodIdentityAssociation(context.Background(), createInput(), func(o *eks.Options) {
		o.Hooks.Send = append(o.Hooks.Send[:len(o.Hooks.Send):len(o.Hooks.Send)], func(a *client.Attempt, req *http.Request, next client.HTTPClient) (*http.Response, error) {
			once.Add(1)
			return next.Do(req)
		})
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.CreatePodIdentityAssociation(context.Background(), createInput()); err != nil {
		t.Fatal(err)
	}
	if once.Load() != 1 || attempts.Load() != 4 {
		t.Fatalf("the call's hook ran %d times, the client's %d", once.Load(), attempts.Load())
	}
}
