package fake_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/svcgen/svcgen/examples/podidentity-fake/fake"
	"github.com/svcgen/svcgen/gen/eks"
	ekstypes "github.com/svcgen/svcgen/gen/eks/types"
	"github.com/svcgen/svcgen/gen/eksauth"
)

// noRedirects is an HTTP client that reports a redirect instead of following it.
var noRedirects = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// TestSignaturesChecked: by default every request must carry a good SigV4 signature
// of a known key, for either signing name; Unsigned turns the check off.
func TestSignaturesChecked(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	// unsigned requests
	for _, target := range []string{"/clusters/prod/pod-identity-associations", "/clusters/prod/assume-role-for-pod-identity"} {
		req, _ := http.NewRequest("POST", e.url+target, strings.NewReader(`{}`))
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 403 || resp.Header.Get("X-Amzn-Errortype") != "MissingAuthenticationTokenException" {
			t.Errorf("unsigned %s: %d %s", target, resp.StatusCode, resp.Header.Get("X-Amzn-Errortype"))
		}
	}
	// signed with a wrong secret, and with an unknown key
	for _, creds := range []aws.Credentials{
		{AccessKeyID: fake.DefaultAccessKeyID, SecretAccessKey: "wrong"},
		{AccessKeyID: "AKIDUNKNOWN", SecretAccessKey: fake.DefaultSecretAccessKey},
	} {
		p := aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) { return creds, nil })
		c := eks.New(eks.Options{BaseEndpoint: e.url, Region: "us-west-2", Credentials: p, RetryMaxAttempts: 1})
		_, err := c.ListPodIdentityAssociations(ctx, &eks.ListPodIdentityAssociationsInput{ClusterName: "prod"})
		var ae interface{ ErrorCode() string }
		if !errors.As(err, &ae) || ae.ErrorCode() != map[string]string{"wrong": "InvalidSignatureException"}[creds.SecretAccessKey]+map[string]string{"AKIDUNKNOWN": "UnrecognizedClientException"}[creds.AccessKeyID] {
			t.Errorf("%s/%s: %v", creds.AccessKeyID, creds.SecretAccessKey, err)
		}
		a := eksauth.New(eksauth.Options{BaseEndpoint: e.url, Region: "us-west-2", Credentials: p, RetryMaxAttempts: 1})
		if _, err := a.AssumeRoleForPodIdentity(ctx, &eksauth.AssumeRoleForPodIdentityInput{ClusterName: "prod", Token: "a.b.c"}); !errors.As(err, &ae) || !strings.HasSuffix(ae.ErrorCode(), "Exception") || !strings.Contains(err.Error(), "403") {
			t.Errorf("eks-auth %s/%s: %v", creds.AccessKeyID, creds.SecretAccessKey, err)
		}
	}
	// the good key passes (newEnv's clients)
	if _, err := e.eks.ListPodIdentityAssociations(ctx, &eks.ListPodIdentityAssociationsInput{ClusterName: "prod"}); err != nil {
		t.Errorf("signed: %v", err)
	}
	// Unsigned: anything goes
	u := newEnvWith(t, fake.Options{Unsigned: true})
	resp, err := http.Get(u.url + "/clusters/prod/pod-identity-associations")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("Unsigned: %d", resp.StatusCode)
	}
}

// TestUncleanPaths: a path with "..", "." or "//" is answered as the generated
// handlers answer it (404 UnknownOperationException, JSON), never redirected.
func TestUncleanPaths(t *testing.T) {
	e := newEnvWith(t, fake.Options{Unsigned: true})
	for _, p := range []string{
		"/clusters/prod/../prod/pod-identity-associations",
		"//clusters/prod/pod-identity-associations",
		"/clusters//pod-identity-associations",
		"/clusters/prod/./pod-identity-associations",
		"/clusters/prod/../prod/assume-role-for-pod-identity",
		"/clusters//assume-role-for-pod-identity",
		"/x/..",
	} {
		resp, err := noRedirects.Get(e.url + p)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 404 || resp.Header.Get("X-Amzn-Errortype") != "UnknownOperationException" || resp.Header.Get("Location") != "" || !json.Valid(body) {
			t.Errorf("%s: %d %v %s", p, resp.StatusCode, resp.Header, body)
		}
	}
}

// TestEmptyRequiredStrings: a required member sent as "" is present: the fake says
// it is empty, not that it is missing.
func TestEmptyRequiredStrings(t *testing.T) {
	e := newEnv(t)
	_, err := e.eks.CreatePodIdentityAssociation(context.Background(), &eks.CreatePodIdentityAssociationInput{
		ClusterName: "prod", Namespace: "", ServiceAccount: "app", RoleArn: "", Tags: someTags,
	})
	var ipe *ekstypes.InvalidParameterException
	if !errors.As(err, &ipe) || ipe.ErrorMessage() != "namespace, roleArn must not be empty." {
		t.Errorf("got %v", err)
	}
}

// TestRequestIDs: every answer carries X-Amzn-RequestId, and the generated client
// reports it in its errors.
func TestRequestIDs(t *testing.T) {
	e := newEnv(t)
	_, err := e.eks.DescribePodIdentityAssociation(context.Background(), &eks.DescribePodIdentityAssociationInput{ClusterName: "prod", AssociationId: "a-0"})
	if err == nil || !strings.Contains(err.Error(), "RequestID: ") || strings.Contains(err.Error(), "RequestID: ,") {
		t.Errorf("error without a request id: %v", err)
	}
	resp, err := noRedirects.Get(e.url + "/nowhere")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.Header.Get("X-Amzn-Requestid") == "" {
		t.Errorf("403 without a request id: %v", resp.Header)
	}
}
