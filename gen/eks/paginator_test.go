package eks_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/svcgen/svcgen/gen/eks"
)

// TestPaginatorFollowsTokens pages through a fake service that serves three pages and
// checks the tokens and the page size travel in the query string.
func TestPaginatorFollowsTokens(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		if r.URL.Path != "/clusters/prod/pod-identity-associations" {
			t.Errorf("path %q", r.URL.Path)
		}
		if got := r.URL.Query().Get("maxResults"); got != "2" {
			t.Errorf("maxResults %q, want 2", got)
		}
		page, _ := strconv.Atoi(r.URL.Query().Get("nextToken"))
		body := map[string]any{"associations": []map[string]any{{"associationId": "a-" + strconv.Itoa(page)}}}
		if page < 2 {
			body["nextToken"] = strconv.Itoa(page + 1)
		}
		json.NewEncoder(w).Encode(body)
	}))
	defer srv.Close()
	c := eks.New(eks.Options{BaseEndpoint: srv.URL, Region: "us-west-2"})
	p := eks.NewListPodIdentityAssociationsPaginator(c, &eks.ListPodIdentityAssociationsInput{ClusterName: "prod"},
		func(o *eks.ListPodIdentityAssociationsPaginatorOptions) { o.Limit = 2 })
	var ids []string
	for p.HasMorePages() {
		out, err := p.NextPage(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range out.Associations {
			ids = append(ids, *a.AssociationId)
		}
	}
	if len(ids) != 3 || ids[0] != "a-0" || ids[2] != "a-2" || calls.Load() != 3 {
		t.Fatalf("ids %v after %d calls", ids, calls.Load())
	}
}

// TestPaginatorStopsOnRepeatedToken stops when the service returns the token it was given.
func TestPaginatorStopsOnRepeatedToken(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.Write([]byte(`{"associations":[],"nextToken":"same"}`))
	}))
	defer srv.Close()
	c := eks.New(eks.Options{BaseEndpoint: srv.URL})
	p := eks.NewListPodIdentityAssociationsPaginator(c, &eks.ListPodIdentityAssociationsInput{ClusterName: "x"})
	for i := 0; p.HasMorePages() && i < 10; i++ {
		if _, err := p.NextPage(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if calls.Load() != 2 {
		t.Fatalf("%d calls, want 2 (the second returns the same token)", calls.Load())
	}
	if _, err := p.NextPage(context.Background()); err == nil {
		t.Fatal("NextPage after the last page: want an error")
	}
}
