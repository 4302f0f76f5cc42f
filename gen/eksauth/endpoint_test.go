package eksauth_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/svcgen/svcgen/gen/eksauth"
)

// recorder is an HTTP client that records the request and answers with a canned body.
type recorder struct {
	req  *http.Request
	body string
}

func (r *recorder) Do(req *http.Request) (*http.Response, error) {
	r.req = req
	return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(strings.NewReader(r.body)), Request: req}, nil
}

var staticCreds = aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
	return aws.Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: "secret"}, nil
})

const assumed = `{"subject":{"namespace":"default","serviceAccount":"app"},"audience":"pods.eks.amazonaws.com",
"podIdentityAssociation":{"associationArn":"arn:aws:eks:us-west-2:1:podidentityassociation/prod/a-1","associationId":"a-1"},
"assumedRoleUser":{"arn":"arn:aws:sts::1:assumed-role/app/x","assumeRoleId":"AROA:x"},
"credentials":{"sessionToken":"tok","secretAccessKey":"sk","accessKeyId":"ASIA","expiration":1700000000}}`

// TestNewFromConfigResolvesEndpoint: with region us-west-2 the client calls
// https://eks-auth.us-west-2.api.aws and signs for eks-auth; FIPS and a custom endpoint
// follow the rules too.
func TestNewFromConfigResolvesEndpoint(t *testing.T) {
	cases := []struct {
		name   string
		cfg    aws.Config
		opt    func(*eksauth.Options)
		host   string
		region string
	}{
		{"default", aws.Config{Region: "us-west-2"}, nil, "eks-auth.us-west-2.api.aws", "us-west-2"},
		{"fips", aws.Config{Region: "us-east-1"}, func(o *eksauth.Options) { o.UseFIPS = true }, "eks-auth-fips.us-east-1.api.aws", "us-east-1"},
		{"china", aws.Config{Region: "cn-north-1"}, nil, "eks-auth.cn-north-1.api.amazonwebservices.com.cn", "cn-north-1"},
		{"custom endpoint", aws.Config{Region: "us-west-2", BaseEndpoint: aws.String("https://localhost:8443")}, nil, "localhost:8443", "us-west-2"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rec := &recorder{body: assumed}
			c.cfg.Credentials = staticCreds
			c.cfg.HTTPClient = rec
			var opts []func(*eksauth.Options)
			if c.opt != nil {
				opts = append(opts, c.opt)
			}
			client := eksauth.NewFromConfig(c.cfg, opts...)
			out, err := client.AssumeRoleForPodIdentity(context.Background(), &eksauth.AssumeRoleForPodIdentityInput{ClusterName: "prod", Token: "a.b.c"})
			if err != nil {
				t.Fatal(err)
			}
			if rec.req.URL.Scheme != "https" || rec.req.URL.Host != c.host || rec.req.URL.Path != "/clusters/prod/assume-role-for-pod-identity" {
				t.Fatalf("called %s, want https://%s/clusters/prod/assume-role-for-pod-identity", rec.req.URL, c.host)
			}
			auth := rec.req.Header.Get("Authorization")
			if !strings.Contains(auth, "/"+c.region+"/eks-auth/aws4_request") {
				t.Fatalf("Authorization %q does not sign for eks-auth in %s", auth, c.region)
			}
			if out.Credentials.AccessKeyId != "ASIA" || out.Subject.ServiceAccount != "app" {
				t.Fatalf("output %+v", out)
			}
		})
	}
}

// TestEndpointErrors: FIPS with a custom endpoint is refused before any request.
func TestEndpointErrors(t *testing.T) {
	rec := &recorder{body: assumed}
	client := eksauth.New(eksauth.Options{Region: "us-west-2", BaseEndpoint: "https://localhost", UseFIPS: true, HTTPClient: rec})
	_, err := client.AssumeRoleForPodIdentity(context.Background(), &eksauth.AssumeRoleForPodIdentityInput{ClusterName: "prod", Token: "a.b.c"})
	if err == nil || !strings.Contains(err.Error(), "FIPS") || rec.req != nil {
		t.Fatalf("want a FIPS configuration error and no request, got %v (request sent: %v)", err, rec.req != nil)
	}
	client = eksauth.New(eksauth.Options{HTTPClient: rec})
	if _, err := client.AssumeRoleForPodIdentity(context.Background(), &eksauth.AssumeRoleForPodIdentityInput{ClusterName: "prod", Token: "a.b.c"}); err == nil {
		t.Fatal("no region and no endpoint: want an error")
	}
}
