// Command svcgen-s3 makes one S3 call (PutObject) with svcgen's generated client, for the size table.
package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/svcgen/svcgen/bench/gen/s3"
)

func main() {
	out, err := s3.NewFromConfig(config()).PutObject(context.Background(), &s3.PutObjectInput{
		Bucket: "bucket", Key: "key", Body: strings.NewReader("hello"),
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(aws.ToString(out.ETag))
}

func config() aws.Config {
	endpoint := "http://127.0.0.1:4566"
	if len(os.Args) > 1 {
		endpoint = os.Args[1]
	}
	return aws.Config{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(endpoint),
		Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			return aws.Credentials{AccessKeyID: os.Getenv("AWS_ACCESS_KEY_ID"), SecretAccessKey: os.Getenv("AWS_SECRET_ACCESS_KEY")}, nil
		}),
	}
}
