package eks_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/smithy-go"
	"github.com/svcgen/svcgen/gen/eks"
	"github.com/svcgen/svcgen/gen/eks/types"
	"github.com/svcgen/svcgen/runtime/client"
)

// creds is a static credentials provider: the project does not depend on
// aws-sdk-go-v2/credentials.
var creds = aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
	return aws.Credentials{AccessKeyID: "AKID", SecretAccessKey: "SECRET", Source: "test"}, nil
})

// seen is one request as the test server received it.
type seen struct {
	method, path string
	header       http.Header
	host         string
	body         []byte
}

// testServer is an httptest server that records every request and answers with the
// response its respond function gives for the attempt (1-based).
type testServer struct {
	*httptest.Server
	mu       sync.Mutex
	requests []seen
}

func newServer(t *testing.T, respond func(attempt int, w http.ResponseWriter)) *testServer {
	s := &testServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			t.Errorf("reading the request body: %v", err)
		}
		s.mu.Lock()
		s.requests = append(s.requests, seen{r.Method, r.URL.EscapedPath(), r.Header.Clone(), r.Host, body})
		n := len(s.requests)
		s.mu.Unlock()
		respond(n, w)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *testServer) seen() []seen {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]seen(nil), s.requests...)
}

// newClient is a client of s built as an application builds one, from an aws.Config.
func newClient(s *testServer, optFns ...func(*eks.Options)) *eks.Client {
	return eks.NewFromConfig(aws.Config{
		Region:       "us-west-2",
		Credentials:  creds,
		BaseEndpoint: aws.String(s.URL),
		HTTPClient:   s.Client(),
	}, optFns...)
}

func jsonResponse(status int, body string) func(int, http.ResponseWriter) {
	return func(_ int, w http.ResponseWriter) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		io.WriteString(w, body)
	}
}

const association = `{"association":{"clusterName":"prod","associationId":"a-1","namespace":"default","serviceAccount":"app","roleArn":"arn:aws:iam::1:role/r"}}`

func createInput() *eks.CreatePodIdentityAssociationInput {
	return &eks.CreatePodIdentityAssociationInput{
		ClusterName: "prod", Namespace: "default", ServiceAccount: "app", RoleArn: "arn:aws:iam::1:role/r",
		Tags: map[string]string{"team": "a"},
	}
}

// TestClientSignsRequests: the request carries a SigV4 signature for eks in us-west-2,
// and the signature verifies when the request is signed again independently.
func TestClientSignsRequests(t *testing.T) {
	s := newServer(t, jsonResponse(200, association))
	out, err := newClient(s).CreatePodIdentityAssociation(context.Background(), createInput())
	if err != nil {
		t.Fatal(err)
	}
	if out.Association == nil || aws.ToString(out.Association.AssociationId) != "a-1" {
		t.Fatalf("output %+v", out.Association)
	}
	reqs := s.seen()
	if len(reqs) != 1 {
		t.Fatalf("%d requests, want 1", len(reqs))
	}
	r := reqs[0]
	if r.method != "POST" || r.path != "/clusters/prod/pod-identity-associations" {
		t.Fatalf("%s %s", r.method, r.path)
	}
	amzDate := r.header.Get("X-Amz-Date")
	when, err := time.Parse("20060102T150405Z", amzDate)
	if err != nil {
		t.Fatalf("X-Amz-Date %q: %v", amzDate, err)
	}
	if d := time.Since(when); d < -time.Minute || d > time.Minute {
		t.Fatalf("X-Amz-Date %s is %v away from now", amzDate, d)
	}
	auth := r.header.Get("Authorization")
	wantCred := "Credential=AKID/" + when.Format("20060102") + "/us-west-2/eks/aws4_request"
	if !strings.HasPrefix(auth, "AWS4-HMAC-SHA256 ") || !strings.Contains(auth, wantCred) {
		t.Fatalf("Authorization %q, want AWS4-HMAC-SHA256 with %s", auth, wantCred)
	}
	verifySignature(t, s.URL, r)
}

// verifySignature signs the request the server saw again, independently, with
// aws-sdk-go-v2's signer and the headers the Authorization header names, and fails
// unless the signatures match.
func verifySignature(t *testing.T, url string, r seen) {
	t.Helper()
	auth := r.header.Get("Authorization")
	when, err := time.Parse("20060102T150405Z", r.header.Get("X-Amz-Date"))
	if err != nil {
		t.Fatalf("X-Amz-Date: %v", err)
	}
	m := regexp.MustCompile(`SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$`).FindStringSubmatch(auth)
	if m == nil {
		t.Fatalf("Authorization %q has no SignedHeaders and Signature", auth)
	}
	req, _ := http.NewRequest(r.method, url+r.path, bytes.NewReader(r.body))
	for _, h := range strings.Split(m[1], ";") {
		switch h {
		case "host":
			req.Host = r.host
		case "content-length":
			req.Header.Set("Content-Length", r.header.Get("Content-Length"))
		default:
			req.Header[http.CanonicalHeaderKey(h)] = r.header.Values(h)
		}
	}
	hash := sha256Hex(r.body)
	again := aws.Credentials{AccessKeyID: "AKID", SecretAccessKey: "SECRET"}
	if err := v4.NewSigner().SignHTTP(context.Background(), again, req, hash, "eks", "us-west-2", when); err != nil {
		t.Fatal(err)
	}
	if got := req.Header.Get("Authorization"); got != auth {
		t.Fatalf("%s %s: the signature does not verify:\n sent %s\nagain %s", r.method, r.path, auth, got)
	}
}

// TestClientUnsignedWithoutCredentials: no credentials, no signature.
func TestClientUnsignedWithoutCredentials(t *testing.T) {
	s := newServer(t, jsonResponse(200, association))
	c := eks.New(eks.Options{BaseEndpoint: s.URL, HTTPClient: s.Client()})
	if _, err := c.CreatePodIdentityAssociation(context.Background(), createInput()); err != nil {
		t.Fatal(err)
	}
	if h := s.seen()[0].header; h.Get("Authorization") != "" || h.Get("X-Amz-Date") != "" {
		t.Fatalf("unsigned request has Authorization %q, X-Amz-Date %q", h.Get("Authorization"), h.Get("X-Amz-Date"))
	}
}

var uuidV4 = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

// TestIdempotencyToken: a nil clientRequestToken is sent as a fresh UUIDv4 (without
// changing the caller's input); a token the caller set is sent as it is.
func TestIdempotencyToken(t *testing.T) {
	s := newServer(t, jsonResponse(200, association))
	c := newClient(s)
	in := createInput()
	for i := 0; i < 2; i++ {
		if _, err := c.CreatePodIdentityAssociation(context.Background(), in); err != nil {
			t.Fatal(err)
		}
	}
	if in.ClientRequestToken != nil {
		t.Fatalf("the call changed the caller's input: ClientRequestToken %q", *in.ClientRequestToken)
	}
	in.ClientRequestToken = aws.String("my-token-1")
	if _, err := c.CreatePodIdentityAssociation(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	var tokens []string
	for _, r := range s.seen() {
		var body struct {
			ClientRequestToken string `json:"clientRequestToken"`
		}
		if err := json.Unmarshal(r.body, &body); err != nil {
			t.Fatalf("body %s: %v", r.body, err)
		}
		tokens = append(tokens, body.ClientRequestToken)
	}
	for _, tok := range tokens[:2] {
		if !uuidV4.MatchString(tok) {
			t.Errorf("filled token %q is not a UUIDv4", tok)
		}
	}
	if tokens[0] == tokens[1] {
		t.Errorf("two calls got the same token %q", tokens[0])
	}
	if tokens[2] != "my-token-1" {
		t.Errorf("token %q, want the caller's my-token-1", tokens[2])
	}
}

// TestRetries: 500, then 429, then 200 succeeds on the third attempt, each attempt
// sending the whole body again (signed again).
func TestRetries(t *testing.T) {
	s := newServer(t, func(attempt int, w http.ResponseWriter) {
		switch attempt {
		case 1:
			jsonResponse(500, `{"message":"internal"}`)(attempt, w)
		case 2:
			w.Header().Set("X-Amzn-ErrorType", "TooManyRequestsException")
			jsonResponse(429, `{"message":"slow down"}`)(attempt, w)
		default:
			jsonResponse(200, association)(attempt, w)
		}
	})
	out, err := newClient(s, func(o *eks.Options) { o.RetryMaxBackoff = time.Millisecond }).
		CreatePodIdentityAssociation(context.Background(), createInput())
	if err != nil {
		t.Fatalf("after 500 and 429 the third attempt should succeed: %v", err)
	}
	if aws.ToString(out.Association.AssociationId) != "a-1" {
		t.Fatalf("output %+v", out.Association)
	}
	reqs := s.seen()
	if len(reqs) != 3 {
		t.Fatalf("%d attempts, want 3", len(reqs))
	}
	for i, r := range reqs {
		if !bytes.Equal(r.body, reqs[0].body) || len(r.body) == 0 || r.header.Get("Content-Length") != itoa(len(r.body)) {
			t.Errorf("attempt %d sent %q (Content-Length %s), attempt 1 sent %q", i+1, r.body, r.header.Get("Content-Length"), reqs[0].body)
		}
		if !json.Valid(r.body) {
			t.Errorf("attempt %d sent invalid JSON %q", i+1, r.body)
		}
		if r.header.Get("Authorization") == "" {
			t.Errorf("attempt %d is not signed", i+1)
		}
	}
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// TestNoRetryOnClientError: a 400 is returned at once.
func TestNoRetryOnClientError(t *testing.T) {
	s := newServer(t, func(attempt int, w http.ResponseWriter) {
		w.Header().Set("X-Amzn-ErrorType", "InvalidParameterException")
		jsonResponse(400, `{"message":"bad namespace","clusterName":"prod"}`)(attempt, w)
	})
	_, err := newClient(s).CreatePodIdentityAssociation(context.Background(), createInput())
	var e *types.InvalidParameterException
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T), want *types.InvalidParameterException", err, err)
	}
	if n := len(s.seen()); n != 1 {
		t.Fatalf("%d attempts, want 1: a 400 is not retried", n)
	}
}

// TestRetryMaxAttempts: a service that keeps failing is tried RetryMaxAttempts times.
func TestRetryMaxAttempts(t *testing.T) {
	for _, max := range []int{1, 2, 5} {
		s := newServer(t, jsonResponse(503, `{"message":"unavailable"}`))
		c := newClient(s, func(o *eks.Options) { o.RetryMaxBackoff = time.Millisecond })
		_, err := c.CreatePodIdentityAssociation(context.Background(), createInput(), func(o *eks.Options) { o.RetryMaxAttempts = max })
		var api *client.APIError
		if !errors.As(err, &api) || api.StatusCode != 503 {
			t.Fatalf("max %d: error %v (%T), want an APIError with status 503", max, err, err)
		}
		if n := len(s.seen()); n != max {
			t.Errorf("RetryMaxAttempts %d: %d attempts", max, n)
		}
	}
	// aws.Config.RetryMaxAttempts reaches the client too.
	s := newServer(t, jsonResponse(500, `{}`))
	c := eks.NewFromConfig(aws.Config{Region: "us-west-2", Credentials: creds, BaseEndpoint: aws.String(s.URL), HTTPClient: s.Client(), RetryMaxAttempts: 4},
		func(o *eks.Options) { o.RetryMaxBackoff = time.Millisecond })
	c.CreatePodIdentityAssociation(context.Background(), createInput())
	if n := len(s.seen()); n != 4 {
		t.Errorf("aws.Config.RetryMaxAttempts 4: %d attempts", n)
	}
}

// TestCancelStopsRetryWait: a context that ends while the client waits to retry ends
// the call at once, with an error that is the context's and keeps the last failure.
func TestCancelStopsRetryWait(t *testing.T) {
	s := newServer(t, jsonResponse(500, `{"message":"internal"}`))
	// 100 attempts with backoff up to 20 s would take minutes.
	c := newClient(s, func(o *eks.Options) { o.RetryMaxAttempts = 100 })
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.CreatePodIdentityAssociation(ctx, createInput())
	elapsed := time.Since(start)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("error %v (%T), want one that is context.DeadlineExceeded", err, err)
	}
	if elapsed > 3*time.Second {
		t.Fatalf("the call took %v after its context ended at 300ms", elapsed)
	}
	if n := len(s.seen()); n >= 100 {
		t.Fatalf("%d attempts: the retries did not stop", n)
	}
	var api *client.APIError
	if len(s.seen()) > 0 && errors.As(err, &api) && api.StatusCode != 500 {
		t.Fatalf("last failure %v", api)
	}
}

// TestModeledError: a 404 with X-Amzn-ErrorType and a JSON body becomes
// *types.ResourceNotFoundException with the body's members.
func TestModeledError(t *testing.T) {
	s := newServer(t, func(attempt int, w http.ResponseWriter) {
		w.Header().Set("X-Amzn-ErrorType", "ResourceNotFoundException:http://internal.amazon.com/coral/")
		jsonResponse(404, `{"message":"No association a-9","clusterName":"prod","unknownMember":[1,2]}`)(attempt, w)
	})
	_, err := newClient(s).DescribePodIdentityAssociation(context.Background(), &eks.DescribePodIdentityAssociationInput{ClusterName: "prod", AssociationId: "a-9"})
	var nf *types.ResourceNotFoundException
	if !errors.As(err, &nf) {
		t.Fatalf("error %v (%T), want *types.ResourceNotFoundException", err, err)
	}
	if aws.ToString(nf.Message) != "No association a-9" || aws.ToString(nf.ClusterName) != "prod" {
		t.Fatalf("members: Message %q, ClusterName %q", aws.ToString(nf.Message), aws.ToString(nf.ClusterName))
	}
	if nf.ErrorCode() != "ResourceNotFoundException" || nf.ErrorMessage() != "No association a-9" || nf.ErrorFault() != smithy.FaultClient {
		t.Fatalf("ErrorCode %q, ErrorMessage %q, ErrorFault %v", nf.ErrorCode(), nf.ErrorMessage(), nf.ErrorFault())
	}
	var op *smithy.OperationError
	if !errors.As(err, &op) || op.Service() != "EKS" || op.Operation() != "DescribePodIdentityAssociation" {
		t.Fatalf("error %v is not a smithy.OperationError of EKS DescribePodIdentityAssociation", err)
	}
	var api smithy.APIError
	if !errors.As(err, &api) || api.ErrorCode() != "ResourceNotFoundException" {
		t.Fatalf("error %v is not a smithy.APIError", err)
	}
	if n := len(s.seen()); n != 1 {
		t.Fatalf("%d attempts, want 1", n)
	}
}

// TestErrorResponseDetails: the typed error comes wrapped in what came back, as
// aws-sdk-go-v2's do: the status on the wire (not the model's) and the request ID; the
// message is read under "Message" too.
func TestErrorResponseDetails(t *testing.T) {
	s := newServer(t, func(attempt int, w http.ResponseWriter) {
		w.Header().Set("X-Amzn-RequestId", "8f7e6d5c-0000-4000-8000-000000000001")
		jsonResponse(410, `{"__type":"ResourceNotFoundException","Message":"No association a-9"}`)(attempt, w)
	})
	_, err := newClient(s).DescribePodIdentityAssociation(context.Background(), &eks.DescribePodIdentityAssociationInput{ClusterName: "prod", AssociationId: "a-9"})
	var nf *types.ResourceNotFoundException
	if !errors.As(err, &nf) || nf.ErrorMessage() != "No association a-9" || nf.HTTPStatusCode() != 404 {
		t.Fatalf("error %v, want *types.ResourceNotFoundException with its message", err)
	}
	var status interface{ HTTPStatusCode() int }
	if !errors.As(err, &status) || status.HTTPStatusCode() != 410 {
		t.Fatalf("errors.As(err, HTTPStatusCode) finds status %d, want the 410 that came back", status.HTTPStatusCode())
	}
	var re *client.ResponseError
	if !errors.As(err, &re) || re.ServiceRequestID() != "8f7e6d5c-0000-4000-8000-000000000001" {
		t.Fatalf("error %v, want a *client.ResponseError with the request ID", err)
	}
	if want := "RequestID: 8f7e6d5c-0000-4000-8000-000000000001"; !strings.Contains(err.Error(), want) {
		t.Fatalf("error text %q lacks %q", err, want)
	}
}

// TestUnknownErrorCode: a code the operation does not model becomes *client.APIError
// with the code, message and status that came back.
func TestUnknownErrorCode(t *testing.T) {
	s := newServer(t, func(attempt int, w http.ResponseWriter) {
		w.Header().Set("X-Amzn-RequestId", "r-409")
		jsonResponse(409, `{"__type":"com.amazonaws.eks#BrandNewException","Message":"something new"}`)(attempt, w)
	})
	_, err := newClient(s).CreatePodIdentityAssociation(context.Background(), createInput())
	var api *client.APIError
	if !errors.As(err, &api) {
		t.Fatalf("error %v (%T), want *client.APIError", err, err)
	}
	if api.ErrorCode() != "BrandNewException" || api.ErrorMessage() != "something new" || api.HTTPStatusCode() != 409 || api.ErrorFault() != smithy.FaultClient || api.RequestID != "r-409" {
		t.Fatalf("APIError code %q message %q status %d fault %v", api.ErrorCode(), api.ErrorMessage(), api.HTTPStatusCode(), api.ErrorFault())
	}
	if !strings.Contains(err.Error(), "BrandNewException") || !strings.Contains(err.Error(), "409") {
		t.Fatalf("error text %q lacks the code or the status", err)
	}
}

// TestHTMLErrorPage: a proxy's HTML 502 page yields an error that says 502 and what
// the page says.
func TestHTMLErrorPage(t *testing.T) {
	const page = "<html>\n<head><title>502 Bad Gateway</title></head>\n<body><center><h1>502 Bad Gateway</h1></center></body>\n</html>\n"
	s := newServer(t, func(_ int, w http.ResponseWriter) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(502)
		io.WriteString(w, page)
	})
	_, err := newClient(s, func(o *eks.Options) { o.RetryMaxBackoff = time.Millisecond }).
		CreatePodIdentityAssociation(context.Background(), createInput())
	var api *client.APIError
	if !errors.As(err, &api) {
		t.Fatalf("error %v (%T), want *client.APIError", err, err)
	}
	if api.HTTPStatusCode() != 502 || api.ErrorFault() != smithy.FaultServer {
		t.Fatalf("status %d fault %v", api.HTTPStatusCode(), api.ErrorFault())
	}
	if msg := err.Error(); !strings.Contains(msg, "502") || !strings.Contains(msg, "Bad Gateway") {
		t.Fatalf("error text %q does not say 502 Bad Gateway", msg)
	}
	if n := len(s.seen()); n != 3 {
		t.Fatalf("%d attempts, want 3: a 502 is retried", n)
	}
}

// TestValidateBeforeSending: a missing required member fails the call before any
// request is sent, naming the member.
func TestValidateBeforeSending(t *testing.T) {
	s := newServer(t, jsonResponse(200, association))
	c := newClient(s)
	in := createInput()
	in.ClusterName = ""
	_, err := c.CreatePodIdentityAssociation(context.Background(), in)
	if err == nil || !strings.Contains(err.Error(), "/clusterName") {
		t.Fatalf("error %v, want one naming /clusterName", err)
	}
	_, err = c.DescribePodIdentityAssociation(context.Background(), &eks.DescribePodIdentityAssociationInput{ClusterName: "prod"})
	if err == nil || !strings.Contains(err.Error(), "/associationId") {
		t.Fatalf("error %v, want one naming /associationId", err)
	}
	_, err = c.DescribePodIdentityAssociation(context.Background(), nil)
	if err == nil {
		t.Fatal("a nil input was sent")
	}
	if n := len(s.seen()); n != 0 {
		t.Fatalf("%d requests were sent for invalid inputs", n)
	}
}
