package server_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/svcgen/svcgen/gen/eksauth"
	"github.com/svcgen/svcgen/gen/eksauth/server"
	"github.com/svcgen/svcgen/gen/eksauth/types"
	rt "github.com/svcgen/svcgen/runtime/server"
)

type service struct {
	calls atomic.Int32
	err   error
}

func (s *service) AssumeRoleForPodIdentity(_ context.Context, in *eksauth.AssumeRoleForPodIdentityInput) (*eksauth.AssumeRoleForPodIdentityOutput, error) {
	s.calls.Add(1)
	if s.err != nil {
		return nil, s.err
	}
	return &eksauth.AssumeRoleForPodIdentityOutput{
		Subject:                &types.Subject{Namespace: "default", ServiceAccount: "app"},
		Audience:               "pods.eks.amazonaws.com",
		PodIdentityAssociation: &types.PodIdentityAssociation{AssociationArn: "arn:aws:eks:us-west-2:1:podidentityassociation/" + in.ClusterName + "/a-1", AssociationId: "a-1"},
		AssumedRoleUser:        &types.AssumedRoleUser{Arn: "arn:aws:sts::1:assumed-role/r/s", AssumeRoleId: "AROA:s"},
		Credentials: &types.Credentials{AccessKeyId: "ASIAEXAMPLE", SecretAccessKey: "secret", SessionToken: "session",
			Expiration: time.Unix(1700000000, 0)},
	}, nil
}

const (
	path  = "/clusters/prod/assume-role-for-pod-identity"
	token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW0ifQ.c2lnbmF0dXJl"
)

func send(h http.Handler, method, target, body string) (*http.Response, []byte) {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(method, target, strings.NewReader(body)))
	resp := w.Result()
	raw, _ := io.ReadAll(resp.Body)
	return resp, raw
}

// TestHostileRequests covers what eks-auth adds to the eks cases: a label with a
// pattern, a sensitive member that a validation error must not show, and modeled
// errors with their own statuses.
func TestHostileRequests(t *testing.T) {
	svc := &service{}
	h := server.NewHandler(svc)
	secretToken := "SECRET-TOKEN-WITHOUT-DOTS"
	for _, c := range []struct {
		name, target, body string
		status             int
		code               string
		paths              []string
	}{
		{"cluster name against its pattern", "/clusters/%21%21/assume-role-for-pod-identity", `{"token":"` + token + `"}`, 400, "ValidationException", []string{"/clusterName"}},
		{"cluster name too long", "/clusters/" + strings.Repeat("c", 101) + "/assume-role-for-pod-identity", `{"token":"` + token + `"}`, 400, "ValidationException", []string{"/clusterName"}},
		{"token against its pattern", path, `{"token":"` + secretToken + `"}`, 400, "ValidationException", []string{"/token"}},
		{"everything wrong at once", "/clusters/%21/assume-role-for-pod-identity", `{"token":"` + secretToken + `"}`, 400, "ValidationException", []string{"/clusterName", "/token"}},
		{"token missing", path, `{}`, 400, "ValidationException", []string{"/token"}},
		{"empty body", path, ``, 400, "ValidationException", []string{"/token"}},
		{"null body", path, `null`, 400, "SerializationException", nil},
		{"token as a number", path, `{"token":1}`, 400, "SerializationException", nil},
		{"token twice", path, `{"token":"` + token + `","token":"` + secretToken + `"}`, 400, "SerializationException", nil},
		{"token with invalid UTF-8", path, "{\"token\":\"a.b.c\xff\"}", 400, "SerializationException", nil},
		{"wrong method", path, ``, 405, "MethodNotAllowedException", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			svc.calls.Store(0)
			method := "POST"
			if c.code == "MethodNotAllowedException" {
				method = "GET"
			}
			resp, raw := send(h, method, c.target, c.body)
			if resp.StatusCode != c.status || resp.Header.Get("X-Amzn-Errortype") != c.code {
				t.Fatalf("got %d %s %s", resp.StatusCode, resp.Header.Get("X-Amzn-Errortype"), raw)
			}
			var e struct {
				Type      string                  `json:"__type"`
				Message   string                  `json:"message"`
				FieldList []struct{ Path string } `json:"fieldList"`
			}
			if err := json.Unmarshal(raw, &e); err != nil || e.Type != c.code || e.Message == "" {
				t.Fatalf("body %s: %v", raw, err)
			}
			for _, p := range c.paths {
				found := false
				for _, f := range e.FieldList {
					found = found || f.Path == p
				}
				if !found || !strings.Contains(e.Message, p+": ") {
					t.Errorf("%s is not listed: %s", p, raw)
				}
			}
			if strings.Contains(string(raw), secretToken) {
				t.Errorf("the response shows the sensitive token: %s", raw)
			}
			if n := svc.calls.Load(); n != 0 {
				t.Fatalf("the service was called %d times", n)
			}
			resp, raw = send(h, "POST", path, `{"token":"`+token+`"}`)
			if resp.StatusCode != 200 || !json.Valid(raw) || svc.calls.Load() != 1 {
				t.Fatalf("the next valid request: %d %s", resp.StatusCode, raw)
			}
		})
	}
}

// TestModeledErrors: eks-auth's errors keep their modeled statuses, including
// AccessDeniedException (400 in the model) returned by the service, which differs from
// the 403 of a request WithAuth refuses.
func TestModeledErrors(t *testing.T) {
	svc := &service{}
	h := server.NewHandler(svc, rt.WithAuth(func(r *http.Request) error {
		if r.Header.Get("Authorization") == "" {
			return errors.New("no signature")
		}
		return nil
	}))
	for _, c := range []struct {
		err    error
		status int
		code   string
	}{
		{&types.AccessDeniedException{Message: aws.String("no")}, 400, "AccessDeniedException"},
		{&types.ExpiredTokenException{Message: aws.String("expired")}, 400, "ExpiredTokenException"},
		{&types.InvalidTokenException{}, 400, "InvalidTokenException"},
		{&types.ResourceNotFoundException{}, 404, "ResourceNotFoundException"},
		{&types.ThrottlingException{Message: aws.String("slow down")}, 429, "ThrottlingException"},
		{&types.InternalServerException{}, 500, "InternalServerException"},
		{&types.ServiceUnavailableException{}, 503, "ServiceUnavailableException"},
	} {
		svc.err = c.err
		r := httptest.NewRequest("POST", path, strings.NewReader(`{"token":"`+token+`"}`))
		r.Header.Set("Authorization", "x")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != c.status || w.Header().Get("X-Amzn-Errortype") != c.code || !json.Valid(w.Body.Bytes()) {
			t.Errorf("%s: got %d %s %s", c.code, w.Code, w.Header().Get("X-Amzn-Errortype"), w.Body)
		}
	}
	svc.err = nil
	svc.calls.Store(0)
	resp, raw := send(h, "POST", path, `{"token":"`+token+`"}`)
	if resp.StatusCode != 403 || resp.Header.Get("X-Amzn-Errortype") != "AccessDeniedException" || svc.calls.Load() != 0 {
		t.Fatalf("unsigned request: %d %s, %d calls", resp.StatusCode, raw, svc.calls.Load())
	}
}

// TestSensitiveOutput: the credentials reach the client in the response (sensitive
// only keeps them out of logs and strings).
func TestSensitiveOutput(t *testing.T) {
	h := server.NewHandler(&service{})
	resp, raw := send(h, "POST", path, `{"token":"`+token+`"}`)
	if resp.StatusCode != 200 || !strings.Contains(string(raw), `"secretAccessKey":"secret"`) || !strings.Contains(string(raw), `"expiration":1700000000`) {
		t.Fatalf("got %d %s", resp.StatusCode, raw)
	}
}
