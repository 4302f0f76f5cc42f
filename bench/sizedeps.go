//go:build sizedeps

package bench

// The size table (size_test.go) builds programs that use these aws-sdk-go-v2 services;
// this file, never built, keeps them in go.mod.
import (
	_ "github.com/aws/aws-sdk-go-v2/service/ec2"
	_ "github.com/aws/aws-sdk-go-v2/service/s3"
)
