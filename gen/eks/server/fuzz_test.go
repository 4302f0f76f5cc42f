package server_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/svcgen/svcgen/gen/eks/server"
	"github.com/svcgen/svcgen/gen/eksauth"
	authserver "github.com/svcgen/svcgen/gen/eksauth/server"
	authtypes "github.com/svcgen/svcgen/gen/eksauth/types"
	rt "github.com/svcgen/svcgen/runtime/server"
)

// authRecorder serves AssumeRoleForPodIdentity with a valid output built from its input.
type authRecorder struct {
	mu    sync.Mutex
	calls int
}

func (s *authRecorder) AssumeRoleForPodIdentity(_ context.Context, in *eksauth.AssumeRoleForPodIdentityInput) (*eksauth.AssumeRoleForPodIdentityOutput, error) {
	s.mu.Lock()
	s.calls++
	s.mu.Unlock()
	return &eksauth.AssumeRoleForPodIdentityOutput{
		Subject:                &authtypes.Subject{Namespace: in.ClusterName, ServiceAccount: "app"},
		Audience:               "pods.eks.amazonaws.com",
		PodIdentityAssociation: &authtypes.PodIdentityAssociation{AssociationArn: "arn:" + in.ClusterName, AssociationId: "a-1"},
		AssumedRoleUser:        &authtypes.AssumedRoleUser{Arn: "arn:aws:sts::1:assumed-role/x/y", AssumeRoleId: "AROA:y"},
		Credentials:            &authtypes.Credentials{AccessKeyId: "ASIA", SecretAccessKey: "s", SessionToken: in.Token, Expiration: epoch},
	}, nil
}

func (s *authRecorder) take() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := s.calls
	s.calls = 0
	return n
}

// fuzzTemplates are the paths the fuzzer fills: {0} and {1} take the fuzzed labels.
var fuzzTemplates = []string{
	"/clusters/{0}/pod-identity-associations",
	"/clusters/{0}/pod-identity-associations/{1}",
	"/clusters/{0}/assume-role-for-pod-identity",
	"/clusters/{0}",
	"/{0}/{1}",
	"/{0}",
}

const validToken = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln"

// fuzzSeeds are valid requests of every operation of eks and eks-auth (the first
// validSeeds), and a few hostile ones.
var fuzzSeeds = []struct {
	auth           bool
	method         string
	template       uint8
	label0, label1 string
	escape         bool
	query          string
	hname, hval    string
	body           string
}{
	{false, "POST", 0, "prod", "", true, "", "Content-Type", "application/json", validCreate},
	{false, "POST", 0, "prod", "", true, "", "Content-Type", "application/json", `{"namespace":"d","serviceAccount":"s","roleArn":"r","clientRequestToken":"t","tags":{"a":"b","c":""}}`},
	{false, "GET", 0, "prod", "", true, "maxResults=3&namespace=default&serviceAccount=app&nextToken=abc", "", "", ""},
	{false, "GET", 1, "prod", "a-1", true, "", "", "", ""},
	{false, "POST", 1, "prod", "a-1", true, "", "Content-Type", "application/json", `{"roleArn":"arn:aws:iam::1:role/y","clientRequestToken":"t"}`},
	{false, "DELETE", 1, "prod", "a-1", true, "", "", "", ""},
	{true, "POST", 2, "prod", "", true, "", "Content-Type", "application/json", `{"token":"` + validToken + `"}`},
	{true, "POST", 2, "my-cluster_1", "", true, "", "X-Amz-Date", "20240102T030405Z", `{"token":"a.b.c","extra":[1,{"x":null}]}`},
	{false, "POST", 0, "a/b", "", true, "maxResults=5&maxResults=6", "", "", `{"namespace":"\ud800","tags":{"k":"v","k":"w"}}`},
	{false, "GET", 0, "a%2Fb", "", false, "maxResults=99999999999999999999", "", "", ""},
	{false, "POST", 1, "..", "x", false, "", "", "", `null`},
	{true, "POST", 2, "prod", "", true, "", "", "", `[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[`},
	{false, "PUT", 0, "prod", "", true, "a;b", "X-Amz-Target", "x", "{\"namespace\":\"\xff\"}"},
}

// FuzzHandler drives method, path, query, a header and the body into the handlers of
// eks and eks-auth. Whatever comes in: no panic; the status is 2xx (and the service was
// called once), 4xx (and it was not) or 501; never a 500, since the services
// answer valid outputs; a JSON response is valid JSON, of valid UTF-8.
func FuzzHandler(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s.auth, s.method, s.template, s.label0, s.label1, s.escape, s.query, s.hname, s.hval, []byte(s.body))
	}
	eksSvc := &recorder{}
	authSvc := &authRecorder{}
	quiet := rt.WithLogger(slog.New(slog.DiscardHandler))
	handlers := map[bool]http.Handler{
		false: server.NewHandler(eksSvc, quiet),
		true:  authserver.NewHandler(authSvc, quiet),
	}
	f.Fuzz(func(t *testing.T, auth bool, method string, template uint8, label0, label1 string, escape bool, query, hname, hval string, body []byte) {
		r := fuzzRequest(method, template, label0, label1, escape, query, hname, hval, body)
		if r == nil {
			return // net/http would not have parsed it into a request
		}
		eksSvc.take()
		authSvc.take()
		w := httptest.NewRecorder()
		handlers[auth].ServeHTTP(w, r)
		calls := len(eksSvc.take()) + authSvc.take()
		checkFuzzResponse(t, r, w, calls)
	})
}

// fuzzRequest builds the request as net/http's server would read it off the wire, or
// returns nil if it would not.
func fuzzRequest(method string, template uint8, label0, label1 string, escape bool, query, hname, hval string, body []byte) *http.Request {
	if escape {
		label0, label1 = url.PathEscape(label0), url.PathEscape(label1)
	}
	path := fuzzTemplates[int(template)%len(fuzzTemplates)]
	path = strings.NewReplacer("{0}", label0, "{1}", label1).Replace(path)
	target := path
	if query != "" {
		target += "?" + query
	}
	var raw bytes.Buffer
	fmt.Fprintf(&raw, "%s %s HTTP/1.1\r\nHost: eks.us-west-2.amazonaws.com\r\n", method, target)
	if hname != "" {
		fmt.Fprintf(&raw, "%s: %s\r\n", hname, hval)
	}
	fmt.Fprintf(&raw, "Content-Length: %d\r\n\r\n", len(body))
	raw.Write(body)
	r, err := http.ReadRequest(bufio.NewReader(&raw))
	if err != nil {
		return nil
	}
	return r
}

const validSeeds = 8

// TestFuzzSeeds: the valid seeds are served, so that the fuzzer starts from requests
// that reach every operation.
func TestFuzzSeeds(t *testing.T) {
	h := server.NewHandler(&recorder{})
	ah := authserver.NewHandler(&authRecorder{})
	for i, s := range fuzzSeeds[:validSeeds] {
		r := fuzzRequest(s.method, s.template, s.label0, s.label1, s.escape, s.query, s.hname, s.hval, []byte(s.body))
		w := httptest.NewRecorder()
		if s.auth {
			ah.ServeHTTP(w, r)
		} else {
			h.ServeHTTP(w, r)
		}
		if w.Code != 200 {
			t.Errorf("seed %d: %d %s", i, w.Code, w.Body)
		}
	}
}

func checkFuzzResponse(t *testing.T, r *http.Request, w *httptest.ResponseRecorder, calls int) {
	t.Helper()
	describe := func() string {
		return fmt.Sprintf("%s %s (%d body bytes): %d %s", r.Method, r.RequestURI, r.ContentLength, w.Code, w.Body.Bytes())
	}
	switch {
	case w.Code >= 200 && w.Code < 300:
		if calls != 1 {
			t.Fatalf("2xx with %d service calls: %s", calls, describe())
		}
	case w.Code >= 400 && w.Code < 500, w.Code == 501:
		if calls != 0 {
			t.Fatalf("%d with %d service calls: %s", w.Code, calls, describe())
		}
	default:
		t.Fatalf("status %d: %s", w.Code, describe())
	}
	if ct := w.Header().Get("Content-Type"); ct == "application/json" {
		b := w.Body.Bytes()
		if !json.Valid(b) || !utf8.Valid(b) {
			t.Fatalf("invalid JSON response: %s", describe())
		}
	} else if w.Code >= 400 || w.Body.Len() > 0 {
		t.Fatalf("response without a JSON Content-Type (%q): %s", ct, describe())
	}
	if w.Code >= 400 {
		var e struct {
			Type    string `json:"__type"`
			Message string `json:"message"`
		}
		if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil || e.Type == "" || e.Message == "" || e.Type != w.Header().Get("X-Amzn-Errortype") {
			t.Fatalf("error without __type and message: %s", describe())
		}
	}
}
