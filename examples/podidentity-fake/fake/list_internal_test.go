package fake

import (
	"context"
	"fmt"
	"testing"

	"github.com/svcgen/svcgen/gen/eks"
)

// TestListCostsThePage: a page of ListPodIdentityAssociations looks at the
// associations it returns (and one more, to know there is a next page), not at every
// association of every cluster: the cluster's and the namespace's lists are kept in
// creation order, and a page starts at the token's place by binary search.
func TestListCostsThePage(t *testing.T) {
	ctx := context.Background()
	f := New(Options{})
	s := f.EKS()
	for _, cluster := range []string{"big", "other"} {
		for i := range 500 {
			if _, err := s.CreatePodIdentityAssociation(ctx, &eks.CreatePodIdentityAssociationInput{
				ClusterName: cluster, Namespace: fmt.Sprintf("ns%d", i%2), ServiceAccount: fmt.Sprintf("sa%d", i), RoleArn: "arn:aws:iam::1:role/r",
			}); err != nil {
				t.Fatal(err)
			}
		}
	}
	// delete a few, so the lists have holes where tokens may point
	out, _ := s.ListPodIdentityAssociations(ctx, &eks.ListPodIdentityAssociationsInput{ClusterName: "big", MaxResults: ptr[int32](3)})
	for _, a := range out.Associations[1:] {
		if _, err := s.DeletePodIdentityAssociation(ctx, &eks.DeletePodIdentityAssociationInput{ClusterName: "big", AssociationId: *a.AssociationId}); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		name  string
		ns    *string
		want  int // associations listed in all
		limit int32
	}{
		{"cluster", nil, 498, 10},
		{"namespace", ptr("ns1"), 249, 7},
	} {
		var token *string
		n, pages := 0, 0
		for {
			before := f.listVisits.Load()
			out, err := s.ListPodIdentityAssociations(ctx, &eks.ListPodIdentityAssociationsInput{ClusterName: "big", Namespace: c.ns, MaxResults: &c.limit, NextToken: token})
			if err != nil {
				t.Fatal(err)
			}
			if v := f.listVisits.Load() - before; v > int64(c.limit)+1 {
				t.Fatalf("%s: page %d looked at %d associations for %d", c.name, pages, v, len(out.Associations))
			}
			n += len(out.Associations)
			pages++
			if token = out.NextToken; token == nil {
				break
			}
		}
		if n != c.want {
			t.Errorf("%s: %d associations in %d pages, want %d", c.name, n, pages, c.want)
		}
	}
}
