// Command client makes one call with the generated EKS client of gen/eks, for
// TestDecodeLinksNoCompiler: a real client program (which signs with crypto/hmac,
// speaks JSON, ...) must not link the rule set compiler nor the encoder either.
package main

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/svcgen/svcgen/gen/eks"
)

func main() {
	c := eks.NewFromConfig(aws.Config{Region: "us-east-1", BaseEndpoint: aws.String("http://127.0.0.1:1")})
	_, err := c.DescribePodIdentityAssociation(context.Background(), &eks.DescribePodIdentityAssociationInput{ClusterName: "prod", AssociationId: "a-1"})
	fmt.Println(err)
}
