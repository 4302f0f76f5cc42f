package server_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/svcgen/svcgen/gen/eks"
	"github.com/svcgen/svcgen/gen/eks/server"
	"github.com/svcgen/svcgen/gen/eks/types"
)

// recorder is a Service that answers every operation with a valid output built from
// its input, and records the calls. behave, when set, runs first: it may panic, or
// return an error that the operation then returns.
type recorder struct {
	mu     sync.Mutex
	calls  []string
	behave func(op string) error
}

func (s *recorder) called(op string) error {
	s.mu.Lock()
	s.calls = append(s.calls, op)
	behave := s.behave
	s.mu.Unlock()
	if behave != nil {
		return behave(op)
	}
	return nil
}

// take returns the calls so far and forgets them.
func (s *recorder) take() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.calls
	s.calls = nil
	return c
}

var epoch = time.Unix(1700000000, 0).UTC()

func association(cluster, id string, tags map[string]string) *types.PodIdentityAssociation {
	return &types.PodIdentityAssociation{
		ClusterName: aws.String(cluster), AssociationId: aws.String(id), Tags: tags,
		AssociationArn: aws.String("arn:aws:eks:us-west-2:1:podidentityassociation/" + cluster + "/" + id),
		CreatedAt:      aws.Time(epoch), ModifiedAt: aws.Time(epoch),
	}
}

func (s *recorder) CreatePodIdentityAssociation(_ context.Context, in *eks.CreatePodIdentityAssociationInput) (*eks.CreatePodIdentityAssociationOutput, error) {
	if err := s.called("CreatePodIdentityAssociation"); err != nil {
		return nil, err
	}
	a := association(in.ClusterName, "a-1", in.Tags)
	a.Namespace, a.ServiceAccount, a.RoleArn = aws.String(in.Namespace), aws.String(in.ServiceAccount), aws.String(in.RoleArn)
	return &eks.CreatePodIdentityAssociationOutput{Association: a}, nil
}

func (s *recorder) DeletePodIdentityAssociation(_ context.Context, in *eks.DeletePodIdentityAssociationInput) (*eks.DeletePodIdentityAssociationOutput, error) {
	if err := s.called("DeletePodIdentityAssociation"); err != nil {
		return nil, err
	}
	return &eks.DeletePodIdentityAssociationOutput{Association: association(in.ClusterName, in.AssociationId, nil)}, nil
}

func (s *recorder) DescribePodIdentityAssociation(_ context.Context, in *eks.DescribePodIdentityAssociationInput) (*eks.DescribePodIdentityAssociationOutput, error) {
	if err := s.called("DescribePodIdentityAssociation"); err != nil {
		return nil, err
	}
	return &eks.DescribePodIdentityAssociationOutput{Association: association(in.ClusterName, in.AssociationId, map[string]string{"k": "v"})}, nil
}

func (s *recorder) ListPodIdentityAssociations(_ context.Context, in *eks.ListPodIdentityAssociationsInput) (*eks.ListPodIdentityAssociationsOutput, error) {
	if err := s.called("ListPodIdentityAssociations"); err != nil {
		return nil, err
	}
	out := &eks.ListPodIdentityAssociationsOutput{NextToken: in.NextToken}
	n := 2
	if in.MaxResults != nil {
		n = int(*in.MaxResults) % 5
	}
	for i := range n {
		out.Associations = append(out.Associations, types.PodIdentityAssociationSummary{
			ClusterName: aws.String(in.ClusterName), Namespace: in.Namespace, ServiceAccount: in.ServiceAccount,
			AssociationId: aws.String("a-" + string(rune('0'+i))),
		})
	}
	return out, nil
}

func (s *recorder) UpdatePodIdentityAssociation(_ context.Context, in *eks.UpdatePodIdentityAssociationInput) (*eks.UpdatePodIdentityAssociationOutput, error) {
	if err := s.called("UpdatePodIdentityAssociation"); err != nil {
		return nil, err
	}
	a := association(in.ClusterName, in.AssociationId, nil)
	a.RoleArn = in.RoleArn
	return &eks.UpdatePodIdentityAssociationOutput{Association: a}, nil
}

// validCreate is a CreatePodIdentityAssociation body the server accepts.
const validCreate = `{"namespace":"default","serviceAccount":"app","roleArn":"arn:aws:iam::1:role/x","tags":{"team":"payments"}}`

// serve sends one request to h and returns the response.
func serve(h http.Handler, method, target string, body io.Reader, header http.Header) *http.Response {
	r := httptest.NewRequest(method, target, body)
	for k, v := range header {
		r.Header[k] = v
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w.Result()
}

// errorBody is the JSON body of an error answered by the runtime.
type errorBody struct {
	Type      string `json:"__type"`
	Message   string `json:"message"`
	FieldList []struct {
		Path    string `json:"path"`
		Message string `json:"message"`
	} `json:"fieldList"`
}

// checkError checks that resp is an error with the given status and code, in the
// runtime's JSON shape, and returns its body.
func checkError(t *testing.T, resp *http.Response, status int, code string) errorBody {
	t.Helper()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != status {
		t.Fatalf("status %d, want %d; body %s", resp.StatusCode, status, raw)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q, want application/json", ct)
	}
	if et := resp.Header.Get("X-Amzn-Errortype"); et != code {
		t.Errorf("X-Amzn-Errortype %q, want %q", et, code)
	}
	var e errorBody
	if err := json.Unmarshal(raw, &e); err != nil {
		t.Fatalf("error body is not JSON: %v: %s", err, raw)
	}
	if e.Type != code || e.Message == "" {
		t.Fatalf("error body %s: want __type %q and a message", raw, code)
	}
	return e
}

// checkServes checks that h still serves a valid request of every kind, and that
// each reaches svc once.
func checkServes(t *testing.T, h http.Handler, svc *recorder) {
	t.Helper()
	svc.take()
	for _, req := range []struct{ method, target, body, op string }{
		{"POST", "/clusters/prod/pod-identity-associations", validCreate, "CreatePodIdentityAssociation"},
		{"GET", "/clusters/prod/pod-identity-associations?maxResults=3&namespace=default", "", "ListPodIdentityAssociations"},
		{"GET", "/clusters/prod/pod-identity-associations/a-1", "", "DescribePodIdentityAssociation"},
		{"POST", "/clusters/prod/pod-identity-associations/a-1", `{"roleArn":"arn:aws:iam::1:role/y"}`, "UpdatePodIdentityAssociation"},
		{"DELETE", "/clusters/prod/pod-identity-associations/a-1", "", "DeletePodIdentityAssociation"},
	} {
		resp := serve(h, req.method, req.target, strings.NewReader(req.body), nil)
		raw, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 || !json.Valid(raw) || !strings.Contains(string(raw), `"clusterName":"prod"`) {
			t.Fatalf("the next valid request (%s %s) got %d %s", req.method, req.target, resp.StatusCode, raw)
		}
		if calls := svc.take(); len(calls) != 1 || calls[0] != req.op {
			t.Fatalf("the next valid request (%s %s) called %v, want [%s]", req.method, req.target, calls, req.op)
		}
	}
}

// newHandler is server.NewHandler over a fresh recorder.
func newHandler(opts ...server.Option) (http.Handler, *recorder) {
	svc := &recorder{}
	return server.NewHandler(svc, opts...), svc
}

func newRequest(method, target string, body io.Reader) *http.Request {
	return httptest.NewRequest(method, target, body)
}

func do(h http.Handler, r *http.Request) *http.Response {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w.Result()
}
