package eks_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/smithy-go"
	"github.com/svcgen/svcgen/gen/eks"
)

// defaultClient is a client of s with the default HTTP client (one round trip on
// http.DefaultTransport, requests pooled across calls), as the benchmarks use it.
func defaultClient(s *testServer, optFns ...func(*eks.Options)) *eks.Client {
	return eks.NewFromConfig(aws.Config{Region: "us-west-2", Credentials: creds, BaseEndpoint: aws.String(s.URL)}, optFns...)
}

// TestSignedPathEscaping: a path whose labels were percent-encoded is signed with the
// canonical URI encoded once more (SigV4 for services other than S3), one that needs no
// encoding is signed as it is; both verify.
func TestSignedPathEscaping(t *testing.T) {
	s := newServer(t, jsonResponse(200, association))
	c := defaultClient(s)
	for _, in := range []eks.DescribePodIdentityAssociationInput{
		{ClusterName: "prod", AssociationId: "a-1"},
		{ClusterName: "my cluster", AssociationId: "a/b+c%d~é"},
	} {
		if _, err := c.DescribePodIdentityAssociation(context.Background(), &in); err != nil {
			t.Fatal(err)
		}
	}
	reqs := s.seen()
	if want := "/clusters/my%20cluster/pod-identity-associations/a%2Fb%2Bc%25d~%C3%A9"; reqs[1].path != want {
		t.Fatalf("path %s, want %s", reqs[1].path, want)
	}
	for _, r := range reqs {
		verifySignature(t, s.URL, r)
	}
}

// TestRedirectNotFollowed: the default HTTP client returns a redirect as an error with
// its status; a signature is valid only for the request it was made for.
func TestRedirectNotFollowed(t *testing.T) {
	s := newServer(t, func(_ int, w http.ResponseWriter) {
		w.Header().Set("Location", "/elsewhere")
		w.WriteHeader(http.StatusTemporaryRedirect)
	})
	_, err := defaultClient(s).DescribePodIdentityAssociation(context.Background(), &eks.DescribePodIdentityAssociationInput{ClusterName: "prod", AssociationId: "a-1"})
	var re interface{ HTTPStatusCode() int }
	if !errors.As(err, &re) || re.HTTPStatusCode() != http.StatusTemporaryRedirect {
		t.Fatalf("err %v, want an error with HTTP status 307", err)
	}
	if n := len(s.seen()); n != 1 {
		t.Fatalf("%d requests, want 1 (the redirect is not followed)", n)
	}
}

// TestConcurrentCalls: calls from many goroutines on one client each send their own
// input and get their own output, while the runtime reuses requests across calls; the
// outputs (whose strings come from the response bodies) stay intact after later calls.
func TestConcurrentCalls(t *testing.T) {
	s := newServer(t, nil)
	// The server answers with the cluster from the path, and the namespace, service
	// account and tag from the body.
	s.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		s.mu.Lock()
		s.requests = append(s.requests, seen{r.Method, r.URL.EscapedPath(), r.Header.Clone(), r.Host, body})
		s.mu.Unlock()
		cluster := strings.Split(r.URL.Path, "/")[2]
		var in struct {
			Namespace, ServiceAccount string
			Tags                      map[string]string
		}
		if err := json.Unmarshal(body, &in); err != nil {
			http.Error(w, err.Error(), 400)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"association":{"clusterName":%q,"namespace":%q,"serviceAccount":%q,"associationId":"a-\u0031","tags":{"n":%q}}}`,
			cluster, in.Namespace, in.ServiceAccount, in.Tags["n"])
	})
	c := defaultClient(s)
	const workers, calls = 8, 40
	type result struct {
		in  string
		out *eks.CreatePodIdentityAssociationOutput
	}
	results := make([][]result, workers)
	var wg sync.WaitGroup
	for g := range workers {
		wg.Go(func() {
			for i := range calls {
				id := fmt.Sprintf("w%d-c%d", g, i)
				in := &eks.CreatePodIdentityAssociationInput{
					ClusterName: "cluster-" + id, Namespace: "ns-" + id, ServiceAccount: strings.Repeat("sa", i%5+1) + id,
					RoleArn: "arn:aws:iam::1:role/r", Tags: map[string]string{"n": id},
				}
				out, err := c.CreatePodIdentityAssociation(context.Background(), in)
				if err != nil {
					t.Error(err)
					return
				}
				results[g] = append(results[g], result{id, out})
			}
		})
	}
	wg.Wait()
	for g := range results {
		for i, r := range results[g] {
			a := r.out.Association
			want := [...]string{"cluster-" + r.in, "ns-" + r.in, strings.Repeat("sa", i%5+1) + r.in, "a-1", r.in}
			got := [...]string{aws.ToString(a.ClusterName), aws.ToString(a.Namespace), aws.ToString(a.ServiceAccount), aws.ToString(a.AssociationId), a.Tags["n"]}
			if got != want {
				t.Errorf("call %s: output %q, want %q", r.in, got, want)
			}
		}
	}
	reqs := s.seen()
	if len(reqs) != workers*calls {
		t.Fatalf("%d requests, want %d", len(reqs), workers*calls)
	}
	for _, r := range reqs[:5] {
		verifySignature(t, s.URL, r)
	}
}

// TestRetryAfterBrokenConnection: a connection that drops without a response is
// retried with a request of its own (the transport may still hold the first one),
// signed again, with the whole body.
func TestRetryAfterBrokenConnection(t *testing.T) {
	var attempts atomic.Int32
	s := newServer(t, nil)
	s.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if attempts.Add(1) == 1 {
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				conn.Close()
			}
			return
		}
		s.mu.Lock()
		s.requests = append(s.requests, seen{r.Method, r.URL.EscapedPath(), r.Header.Clone(), r.Host, body})
		s.mu.Unlock()
		jsonResponse(200, association)(2, w)
	})
	c := defaultClient(s, func(o *eks.Options) { o.RetryMaxBackoff = time.Millisecond })
	out, err := c.CreatePodIdentityAssociation(context.Background(), createInput())
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(out.Association.AssociationId) != "a-1" {
		t.Fatalf("output %+v", out.Association)
	}
	if n := attempts.Load(); n != 2 {
		t.Fatalf("%d attempts, want 2", n)
	}
	r := s.seen()[0]
	if !strings.Contains(string(r.body), `"serviceAccount":"app"`) {
		t.Fatalf("the retry sent %q", r.body)
	}
	verifySignature(t, s.URL, r)
	// And the client goes on working with pooled requests.
	if _, err := c.CreatePodIdentityAssociation(context.Background(), createInput()); err != nil {
		t.Fatal(err)
	}
}

// TestSendErrorNotRetriedPastLimit: a server that is gone gives a send error after
// RetryMaxAttempts attempts, wrapped in the operation error.
func TestSendErrorNotRetriedPastLimit(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close()
	c := eks.NewFromConfig(aws.Config{Region: "us-west-2", Credentials: creds, BaseEndpoint: aws.String(url)},
		func(o *eks.Options) { o.RetryMaxBackoff, o.RetryMaxAttempts = time.Millisecond, 2 })
	_, err := c.DescribePodIdentityAssociation(context.Background(), &eks.DescribePodIdentityAssociationInput{ClusterName: "prod", AssociationId: "a-1"})
	var oe *smithy.OperationError
	if !errors.As(err, &oe) || !strings.Contains(err.Error(), "sending the request") {
		t.Fatalf("err %v, want an operation error wrapping a send error", err)
	}
}

// TestCancelledCalls: calls cancelled while the server holds them return the
// context's error, and the client goes on working; the requests the transport may
// still hold are not reused (run with -race to see it).
func TestCancelledCalls(t *testing.T) {
	release := make(chan struct{})
	s := newServer(t, nil)
	s.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("nextToken") == "slow" {
			select {
			case <-release:
			case <-r.Context().Done():
			}
			return
		}
		jsonResponse(200, `{"associations":[]}`)(1, w)
	})
	defer close(release)
	c := defaultClient(s, func(o *eks.Options) { o.RetryMaxBackoff = time.Millisecond })
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
			defer cancel()
			_, err := c.ListPodIdentityAssociations(ctx, &eks.ListPodIdentityAssociationsInput{ClusterName: "prod", NextToken: aws.String("slow")})
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("err %v, want the context's deadline", err)
			}
		})
		wg.Go(func() {
			if _, err := c.ListPodIdentityAssociations(context.Background(), &eks.ListPodIdentityAssociationsInput{ClusterName: "prod"}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
}

// TestMapsEncodeInOrder: a map is written with its keys sorted, so the same input
// always makes the same body (and the same payload hash).
func TestMapsEncodeInOrder(t *testing.T) {
	s := newServer(t, jsonResponse(200, association))
	c := defaultClient(s)
	in := createInput()
	in.ClientRequestToken = aws.String("token")
	in.Tags = map[string]string{"zone": "z", "team": "a", "env": "prod", "app": "x", "owner": "o", "cost": "c"}
	for range 20 {
		if _, err := c.CreatePodIdentityAssociation(context.Background(), in); err != nil {
			t.Fatal(err)
		}
	}
	reqs := s.seen()
	want := `"tags":{"app":"x","cost":"c","env":"prod","owner":"o","team":"a","zone":"z"}`
	for i, r := range reqs {
		if !strings.Contains(string(r.body), want) || string(r.body) != string(reqs[0].body) {
			t.Fatalf("call %d sent %s\nwant the same body each time, with %s", i, r.body, want)
		}
	}
}
