package eks_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/svcgen/svcgen/gen/eks"
	"github.com/svcgen/svcgen/gen/eks/server"
	"github.com/svcgen/svcgen/gen/eks/types"
	rt "github.com/svcgen/svcgen/runtime/server"
)

// onlyDescribe is what a user's unit test writes: the one operation it needs.
type onlyDescribe struct {
	server.Unimplemented // the other operations answer 501 NotImplementedException
}

func (onlyDescribe) DescribePodIdentityAssociation(ctx context.Context, in *eks.DescribePodIdentityAssociationInput) (*eks.DescribePodIdentityAssociationOutput, error) {
	if in.AssociationId != "a-1" {
		return nil, &types.ResourceNotFoundException{Message: aws.String("no association " + in.AssociationId)}
	}
	return &eks.DescribePodIdentityAssociationOutput{Association: &types.PodIdentityAssociation{
		AssociationId: aws.String("a-1"), ClusterName: aws.String(in.ClusterName),
	}}, nil
}

// newInProcessClient is the README's snippet: a client whose requests are served by
// the generated handler in the same process, without a socket.
func newInProcessClient() *eks.Client {
	return eks.New(eks.Options{
		Region:     "us-west-2",
		HTTPClient: rt.NewTransport(server.NewHandler(onlyDescribe{})),
		Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			return aws.Credentials{AccessKeyID: "AKID", SecretAccessKey: "SECRET"}, nil
		}),
	})
}

// Example_inProcess calls a Service implementation through the real client and
// server code, in-process: serializers, the server's validation and typed errors.
func Example_inProcess() {
	c := newInProcessClient()
	ctx := context.Background()

	out, err := c.DescribePodIdentityAssociation(ctx, &eks.DescribePodIdentityAssociationInput{ClusterName: "prod", AssociationId: "a-1"})
	fmt.Println(*out.Association.ClusterName, err)

	_, err = c.DescribePodIdentityAssociation(ctx, &eks.DescribePodIdentityAssociationInput{ClusterName: "prod", AssociationId: "a-2"})
	var rnf *types.ResourceNotFoundException
	fmt.Println(errors.As(err, &rnf), rnf.ErrorMessage())

	// the server validates what the client does not: maxResults is 1..100
	_, err = c.ListPodIdentityAssociations(ctx, &eks.ListPodIdentityAssociationsInput{ClusterName: "prod", MaxResults: aws.Int32(0)})
	var ae interface{ ErrorCode() string }
	fmt.Println(errors.As(err, &ae), ae.ErrorCode())
	// Output:
	// prod <nil>
	// true no association a-2
	// true ValidationException
}

// TestInProcessUnimplemented: an operation the test did not write is a 501
// NotImplementedException, through the client.
func TestInProcessUnimplemented(t *testing.T) {
	_, err := newInProcessClient().DeletePodIdentityAssociation(context.Background(), &eks.DeletePodIdentityAssociationInput{ClusterName: "prod", AssociationId: "a-1"})
	var ae interface {
		ErrorCode() string
		HTTPStatusCode() int
	}
	if !errors.As(err, &ae) || ae.ErrorCode() != rt.NotImplementedCode || ae.HTTPStatusCode() != 501 {
		t.Fatalf("got %v", err)
	}
}
