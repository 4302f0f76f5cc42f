package eks_test

import (
	"context"
	"errors"
	"net/http/httptest"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/svcgen/svcgen/gen/eks"
	"github.com/svcgen/svcgen/gen/eks/server"
	"github.com/svcgen/svcgen/gen/eks/types"
)

type fakeService struct {
	server.Unimplemented
	got *eks.CreatePodIdentityAssociationInput
}

func (f *fakeService) CreatePodIdentityAssociation(ctx context.Context, in *eks.CreatePodIdentityAssociationInput) (*eks.CreatePodIdentityAssociationOutput, error) {
	f.got = in
	return &eks.CreatePodIdentityAssociationOutput{Association: &types.PodIdentityAssociation{
		ClusterName: aws.String(in.ClusterName), AssociationId: aws.String("a-1"), Tags: in.Tags,
	}}, nil
}

func (f *fakeService) DescribePodIdentityAssociation(ctx context.Context, in *eks.DescribePodIdentityAssociationInput) (*eks.DescribePodIdentityAssociationOutput, error) {
	return nil, &types.ResourceNotFoundException{Message: aws.String("no association " + in.AssociationId), ClusterName: aws.String(in.ClusterName)}
}

// TestClientAgainstServer drives the generated server with the generated client: a
// call that succeeds, a modeled error, an unimplemented operation, and a request the
// server's full validation refuses.
func TestClientAgainstServer(t *testing.T) {
	svc := &fakeService{}
	srv := httptest.NewServer(server.NewHandler(svc))
	defer srv.Close()
	c := eks.New(eks.Options{BaseEndpoint: srv.URL, Region: "us-west-2"})
	ctx := context.Background()

	out, err := c.CreatePodIdentityAssociation(ctx, &eks.CreatePodIdentityAssociationInput{
		ClusterName: "prod", Namespace: "default", ServiceAccount: "app", RoleArn: "arn:aws:iam::1:role/x",
		Tags: map[string]string{"team": "payments"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if *out.Association.ClusterName != "prod" || out.Association.Tags["team"] != "payments" {
		t.Fatalf("output %+v", out.Association)
	}
	if svc.got.ClientRequestToken == nil || len(*svc.got.ClientRequestToken) != 36 {
		t.Fatalf("idempotency token %v, want a UUID", svc.got.ClientRequestToken)
	}

	_, err = c.DescribePodIdentityAssociation(ctx, &eks.DescribePodIdentityAssociationInput{ClusterName: "prod", AssociationId: "a-9"})
	var nf *types.ResourceNotFoundException
	if !errors.As(err, &nf) || nf.ErrorMessage() != "no association a-9" || *nf.ClusterName != "prod" {
		t.Fatalf("want ResourceNotFoundException, got %v", err)
	}

	_, err = c.DeletePodIdentityAssociation(ctx, &eks.DeletePodIdentityAssociationInput{ClusterName: "prod", AssociationId: "a-1"})
	var api interface{ HTTPStatusCode() int }
	if !errors.As(err, &api) || api.HTTPStatusCode() != 501 {
		t.Fatalf("want 501 for an unimplemented operation, got %v", err)
	}

	tags := map[string]string{}
	for i := range 51 {
		tags[string(rune('a'+i%26))+string(rune('a'+i/26))] = "v"
	}
	_, err = c.CreatePodIdentityAssociation(ctx, &eks.CreatePodIdentityAssociationInput{
		ClusterName: "prod", Namespace: "default", ServiceAccount: "app", RoleArn: "r", Tags: tags,
	})
	var coded interface {
		ErrorCode() string
		HTTPStatusCode() int
	}
	if !errors.As(err, &coded) || coded.ErrorCode() != "ValidationException" || coded.HTTPStatusCode() != 400 {
		t.Fatalf("want a 400 ValidationException for 51 tags, got %v", err)
	}
}
