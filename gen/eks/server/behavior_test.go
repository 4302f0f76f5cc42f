package server_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/svcgen/svcgen/gen/eks/types"
	rt "github.com/svcgen/svcgen/runtime/server"
)

// syncBuffer is a bytes.Buffer safe for the concurrent writes of a slog handler.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func bufferLogger() (*slog.Logger, *syncBuffer) {
	buf := &syncBuffer{}
	return slog.New(slog.NewJSONHandler(buf, nil)), buf
}

// TestPanicInService: a panic becomes a 500 InternalFailure that does not reveal the
// panic, is logged through the configured slog logger, and the server keeps serving.
func TestPanicInService(t *testing.T) {
	logger, logs := bufferLogger()
	h, svc := newHandler(rt.WithLogger(logger)) // the generated server.Option is an alias of rt.Option
	const secret = "db-password-hunter2"
	svc.behave = func(op string) error { panic("boom: " + secret) }
	resp := serve(h, "GET", itemPath, nil, nil)
	e := checkError(t, resp, 500, "InternalFailure")
	if strings.Contains(e.Message, secret) || strings.Contains(e.Message, "boom") {
		t.Fatalf("the 500 reveals the panic: %q", e.Message)
	}
	if l := logs.String(); !strings.Contains(l, secret) || !strings.Contains(l, "DescribePodIdentityAssociation") || !strings.Contains(l, `"level":"ERROR"`) {
		t.Fatalf("the panic was not logged with its operation: %s", l)
	}
	svc.behave = nil
	checkServes(t, h, svc)
}

// TestPanicWithError: a panic with an error value (and with a nil-valued error) is a
// 500 too.
func TestPanicWithError(t *testing.T) {
	logger, _ := bufferLogger()
	h, svc := newHandler(rt.WithLogger(logger))
	svc.behave = func(string) error { panic(fmt.Errorf("wrapped: %w", errors.New("inner secret"))) }
	e := checkError(t, serve(h, "DELETE", itemPath, nil, nil), 500, "InternalFailure")
	if strings.Contains(e.Message, "secret") {
		t.Fatalf("the 500 reveals the panic: %q", e.Message)
	}
	svc.behave = func(string) error { var p *types.ServerException; panic(p) }
	checkError(t, serve(h, "DELETE", itemPath, nil, nil), 500, "InternalFailure")
	svc.behave = nil
	checkServes(t, h, svc)
}

// TestAbortHandlerPanic: a service that panics with http.ErrAbortHandler asks net/http to
// drop the connection; the runtime lets that through rather than answer 500.
func TestAbortHandlerPanic(t *testing.T) {
	logger, logs := bufferLogger()
	h, svc := newHandler(rt.WithLogger(logger))
	svc.behave = func(string) error { panic(http.ErrAbortHandler) }
	defer func() {
		if p := recover(); p != http.ErrAbortHandler {
			t.Fatalf("recovered %v, want http.ErrAbortHandler", p)
		}
		if logs.String() != "" {
			t.Fatalf("an abort was logged as a failure: %s", logs)
		}
	}()
	serve(h, "GET", itemPath, nil, nil)
	t.Fatal("no panic")
}

// TestServiceErrorNotRevealed: an error that is not modeled is a 500 that does not
// reveal it; it is logged.
func TestServiceErrorNotRevealed(t *testing.T) {
	logger, logs := bufferLogger()
	h, svc := newHandler(rt.WithLogger(logger))
	svc.behave = func(string) error {
		return fmt.Errorf("select from associations: connection to 10.0.0.7 refused (password=hunter2)")
	}
	resp := serve(h, "POST", createPath, strings.NewReader(validCreate), nil)
	raw, _ := io.ReadAll(resp.Body)
	resp.Body = io.NopCloser(bytes.NewReader(raw))
	checkError(t, resp, 500, "InternalFailure")
	for _, s := range []string{"hunter2", "10.0.0.7", "select", "associations"} {
		if bytes.Contains(raw, []byte(s)) {
			t.Fatalf("the 500 reveals %q: %s", s, raw)
		}
	}
	if !strings.Contains(logs.String(), "hunter2") {
		t.Fatalf("the error was not logged: %s", logs)
	}
	svc.behave = nil
	checkServes(t, h, svc)
}

// TestModeledError: a modeled error is written with its status, X-Amzn-Errortype and
// its members; it is not logged as a failure.
func TestModeledError(t *testing.T) {
	logger, logs := bufferLogger()
	h, svc := newHandler(rt.WithLogger(logger))
	for _, c := range []struct {
		err    error
		status int
		code   string
		body   map[string]string
	}{
		{&types.ResourceNotFoundException{Message: aws.String("no association a-1"), ClusterName: aws.String("prod")}, 404, "ResourceNotFoundException",
			map[string]string{"message": "no association a-1", "clusterName": "prod"}},
		{fmt.Errorf("describe: %w", &types.InvalidParameterException{Message: aws.String("bad id"), ClusterName: aws.String("prod")}), 400, "InvalidParameterException",
			map[string]string{"message": "bad id", "clusterName": "prod"}},
		{&types.ResourceInUseException{}, 409, "ResourceInUseException", map[string]string{}},
		{&types.ServerException{Message: aws.String("try later")}, 500, "ServerException", map[string]string{"message": "try later"}},
	} {
		svc.behave = func(string) error { return c.err }
		resp := serve(h, "GET", itemPath, nil, nil)
		raw, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != c.status || resp.Header.Get("X-Amzn-Errortype") != c.code || resp.Header.Get("Content-Type") != "application/json" {
			t.Fatalf("%s: got %d %v %s", c.code, resp.StatusCode, resp.Header, raw)
		}
		got := map[string]string{}
		if err := json.Unmarshal(raw, &got); err != nil {
			t.Fatalf("%s: body %s: %v", c.code, raw, err)
		}
		for k, v := range c.body {
			if got[k] != v {
				t.Errorf("%s: member %s = %q, want %q (body %s)", c.code, k, got[k], v, raw)
			}
		}
	}
	if logs.String() != "" {
		t.Errorf("modeled errors were logged: %s", logs)
	}
	svc.behave = nil
	checkServes(t, h, svc)
}

// TestErrorHook: the hook sees every error a call ends with, with its operation.
func TestErrorHook(t *testing.T) {
	type seen struct {
		op  string
		err error
	}
	var mu sync.Mutex
	var got []seen
	logger, _ := bufferLogger()
	denied := errors.New("denied")
	h, svc := newHandler(rt.WithLogger(logger),
		rt.WithErrorHook(func(ctx context.Context, op string, err error) {
			if ctx == nil {
				t.Error("nil context")
			}
			mu.Lock()
			got = append(got, seen{op, err})
			mu.Unlock()
		}),
		rt.WithAuth(func(r *http.Request) error {
			if r.Header.Get("X-Deny") != "" {
				return denied
			}
			return nil
		}))
	notFound := &types.ResourceNotFoundException{Message: aws.String("x")}
	plain := errors.New("plain")
	svc.behave = func(op string) error {
		switch op {
		case "DescribePodIdentityAssociation":
			return notFound
		case "DeletePodIdentityAssociation":
			return plain
		case "UpdatePodIdentityAssociation":
			panic("boom")
		}
		return nil
	}
	serve(h, "POST", createPath, strings.NewReader(`{`), nil)
	serve(h, "POST", createPath, strings.NewReader(`{}`), nil)
	serve(h, "GET", itemPath, nil, nil)
	serve(h, "DELETE", itemPath, nil, nil)
	serve(h, "POST", itemPath, strings.NewReader(`{}`), nil)
	serve(h, "GET", listPath, nil, http.Header{"X-Deny": {"1"}})
	serve(h, "POST", createPath, strings.NewReader(validCreate), nil) // no error

	var ve interface{ Error() string }
	var me *rt.MalformedError
	checks := []struct {
		op    string
		check func(error) bool
	}{
		{"CreatePodIdentityAssociation", func(err error) bool { return errors.As(err, &me) }},
		{"CreatePodIdentityAssociation", func(err error) bool { return errors.As(err, &ve) && strings.Contains(err.Error(), "/namespace") }},
		{"DescribePodIdentityAssociation", func(err error) bool { return err == notFound }},
		{"DeletePodIdentityAssociation", func(err error) bool { return err == plain }},
		{"UpdatePodIdentityAssociation", func(err error) bool { return err != nil }},
		{"ListPodIdentityAssociations", func(err error) bool { return err == denied }},
	}
	mu.Lock()
	defer mu.Unlock()
	if len(got) != len(checks) {
		t.Fatalf("hook saw %d errors, want %d: %v", len(got), len(checks), got)
	}
	for i, c := range checks {
		if got[i].op != c.op || !c.check(got[i].err) {
			t.Errorf("error %d: %s %v, want %s", i, got[i].op, got[i].err, c.op)
		}
	}
}

// TestMiddleware: middleware wraps the handler, the first given outermost, and sees
// every request, including those the router refuses.
func TestMiddleware(t *testing.T) {
	var trace []string
	mw := func(name string) func(http.Handler) http.Handler {
		return func(next http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				trace = append(trace, name+">")
				w.Header().Set("X-"+name, "1")
				next.ServeHTTP(w, r)
				trace = append(trace, "<"+name)
			})
		}
	}
	h, svc := newHandler(rt.WithMiddleware(mw("Outer"), mw("Inner")))
	resp := serve(h, "GET", itemPath, nil, nil)
	if resp.StatusCode != 200 || resp.Header.Get("X-Outer") != "1" || resp.Header.Get("X-Inner") != "1" {
		t.Fatalf("got %d %v", resp.StatusCode, resp.Header)
	}
	if got := strings.Join(trace, " "); got != "Outer> Inner> <Inner <Outer" {
		t.Fatalf("order %s", got)
	}
	trace = nil
	checkError(t, serve(h, "GET", "/nowhere", nil, nil), 404, "UnknownOperationException")
	if len(trace) != 4 {
		t.Fatalf("middleware did not see the 404: %v", trace)
	}
	checkServes(t, h, svc)
}

// TestValidationErrorCode: WithValidationErrorCode changes the code of validation
// failures, and only of them.
func TestValidationErrorCode(t *testing.T) {
	h, svc := newHandler(rt.WithValidationErrorCode("InvalidParameterException"))
	e := checkError(t, serve(h, "POST", createPath, strings.NewReader(`{}`), nil), 400, "InvalidParameterException")
	checkFields(t, e, []string{"/namespace", "/serviceAccount", "/roleArn"})
	checkError(t, serve(h, "POST", createPath, strings.NewReader(`{`), nil), 400, "SerializationException")
	if calls := svc.take(); len(calls) > 0 {
		t.Fatalf("the service was called: %v", calls)
	}
	checkServes(t, h, svc)
}

// statusErr is an authentication error that chooses its answer.
type statusErr struct {
	status      int
	code, msg   string
	hiddenCause string
}

func (e *statusErr) Error() string        { return e.code + ": " + e.msg + " (" + e.hiddenCause + ")" }
func (e *statusErr) HTTPStatusCode() int  { return e.status }
func (e *statusErr) ErrorCode() string    { return e.code }
func (e *statusErr) ErrorMessage() string { return e.msg }

// TestAuth: WithAuth runs before anything is decoded; a refusal is a 403
// AccessDeniedException that reveals nothing of the error, or what an error that
// describes itself says; the service is not called.
func TestAuth(t *testing.T) {
	var auth func(*http.Request) error
	h, svc := newHandler(rt.WithAuth(func(r *http.Request) error { return auth(r) }))

	auth = func(*http.Request) error { return errors.New("key AKIDEXAMPLE unknown") }
	for _, req := range []struct{ method, target, body string }{
		{"POST", createPath, validCreate},
		{"POST", createPath, `{`}, // refused before the body is read
		{"GET", listPath + "?maxResults=%zz", ""},
	} {
		e := checkError(t, serve(h, req.method, req.target, strings.NewReader(req.body), nil), 403, "AccessDeniedException")
		if strings.Contains(e.Message, "AKID") {
			t.Fatalf("the 403 reveals the error: %q", e.Message)
		}
	}
	auth = func(*http.Request) error {
		return &statusErr{status: 401, code: "UnrecognizedClientException", msg: "The security token included in the request is invalid.", hiddenCause: "AKIDEXAMPLE"}
	}
	e := checkError(t, serve(h, "GET", itemPath, nil, nil), 401, "UnrecognizedClientException")
	if e.Message != "The security token included in the request is invalid." {
		t.Fatalf("message %q", e.Message)
	}
	// a status outside 4xx is not taken: authentication refusals are the client's fault
	auth = func(*http.Request) error { return &statusErr{status: 500, code: "X", msg: "m"} }
	checkError(t, serve(h, "GET", itemPath, nil, nil), 403, "X")
	if calls := svc.take(); len(calls) > 0 {
		t.Fatalf("the service was called: %v", calls)
	}

	// the check sees the request as sent, body included, and the operation reads the
	// body after it
	auth = func(r *http.Request) error {
		b, err := io.ReadAll(r.Body)
		if err != nil || !bytes.Equal(b, []byte(validCreate)) {
			return errors.New("body")
		}
		r.Body = io.NopCloser(bytes.NewReader(b))
		return nil
	}
	if resp := serve(h, "POST", createPath, strings.NewReader(validCreate), nil); resp.StatusCode != 200 {
		t.Fatalf("authorized request: %d", resp.StatusCode)
	}
	auth = func(*http.Request) error { return nil }
	checkServes(t, h, svc)
}

// TestSlowClient: against an http.Server with short read timeouts, a client that sends
// its headers and then stalls, or stalls in its headers, is cut off, and the server
// keeps serving others meanwhile and after.
func TestSlowClient(t *testing.T) {
	h, svc := newHandler()
	srv := httptest.NewUnstartedServer(h)
	srv.Config.ReadHeaderTimeout = 500 * time.Millisecond
	srv.Config.ReadTimeout = time.Second
	srv.Start()
	defer srv.Close()
	addr := srv.Listener.Addr().String()

	// headers complete, body promised but never sent
	stalledBody, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer stalledBody.Close()
	fmt.Fprintf(stalledBody, "POST %s HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"namespace\":", createPath)

	// headers never completed
	stalledHead, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer stalledHead.Close()
	fmt.Fprintf(stalledHead, "GET %s HTTP/1.1\r\nHost: x\r\nX-Slow: ", itemPath)

	// meanwhile, others are served
	client := srv.Client()
	get := func() {
		t.Helper()
		resp, err := client.Get(srv.URL + itemPath)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("status %d", resp.StatusCode)
		}
	}
	get()

	start := time.Now()
	stalledBody.SetReadDeadline(time.Now().Add(15 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReader(stalledBody), nil)
	if err != nil {
		t.Fatalf("the stalled body got no answer: %v", err)
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body = io.NopCloser(bytes.NewReader(raw))
	if d := time.Since(start); d > 10*time.Second {
		t.Fatalf("answered after %v", d)
	}
	checkError(t, resp, 408, "RequestTimeoutException")

	stalledHead.SetReadDeadline(time.Now().Add(15 * time.Second))
	if n, err := stalledHead.Read(make([]byte, 1)); err == nil || errors.Is(err, context.DeadlineExceeded) || isTimeout(err) {
		t.Fatalf("the stalled header was not cut off: read %d, %v", n, err)
	}
	if calls := svc.take(); len(calls) != 1 {
		t.Fatalf("calls %v, want only the fast request's", calls)
	}
	get()
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// TestConcurrentMixed: valid and hostile requests served at once get each its own
// answer (calls share pooled state).
func TestConcurrentMixed(t *testing.T) {
	h, _ := newHandler()
	cases := hostileCases()
	var wg sync.WaitGroup
	for g := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 40 {
				c := cases[(g*40+i)%len(cases)]
				if strings.Contains(c.name, "over the default limit") {
					continue
				}
				cluster := fmt.Sprintf("c%d-%d", g, i)
				resp := serve(h, "POST", "/clusters/"+cluster+"/pod-identity-associations", strings.NewReader(validCreate), nil)
				raw, _ := io.ReadAll(resp.Body)
				if resp.StatusCode != 200 || !strings.Contains(string(raw), `"clusterName":"`+cluster+`"`) {
					t.Errorf("valid request for %s: %d %s", cluster, resp.StatusCode, raw)
					return
				}
				resp = serve(h, c.method, c.target, strings.NewReader(c.body), c.header)
				if resp.StatusCode != c.status || resp.Header.Get("X-Amzn-Errortype") != c.code {
					t.Errorf("%s: %d %s", c.name, resp.StatusCode, resp.Header.Get("X-Amzn-Errortype"))
					return
				}
			}
		}()
	}
	wg.Wait()
}
