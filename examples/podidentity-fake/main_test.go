package main

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/svcgen/svcgen/gen/eks"
)

// syncBuffer is a bytes.Buffer safe for the server's goroutines and the test.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestRun runs the command as main does, on 127.0.0.1:0 with its flags, calls it,
// and stops it as a signal would (by cancelling its context).
func TestRun(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var log syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-region", "eu-central-1", "-account", "444455556666", "-access-key-id", "AKID", "-secret-access-key", "SECRET"}, &log)
	}()

	addrRE := regexp.MustCompile(`addr=(127\.0\.0\.1:\d+)`)
	var addr string
	for deadline := time.Now().Add(10 * time.Second); addr == "" && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if m := addrRE.FindStringSubmatch(log.String()); m != nil {
			addr = m[1]
		}
	}
	if addr == "" {
		t.Fatalf("the server did not log its address: %s", log.String())
	}

	c := eks.New(eks.Options{BaseEndpoint: "http://" + addr, Region: "eu-central-1", RetryMaxAttempts: 1,
		Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			return aws.Credentials{AccessKeyID: "AKID", SecretAccessKey: "SECRET"}, nil // -access-key-id, -secret-access-key
		})})
	out, err := c.CreatePodIdentityAssociation(context.Background(), &eks.CreatePodIdentityAssociationInput{
		ClusterName: "prod", Namespace: "default", ServiceAccount: "app", RoleArn: "arn:aws:iam::444455556666:role/r",
		Tags: map[string]string{"owner": "test"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if arn := aws.ToString(out.Association.AssociationArn); !strings.HasPrefix(arn, "arn:aws:eks:eu-central-1:444455556666:podidentityassociation/prod/a-") {
		t.Errorf("ARN %q does not follow -region and -account", arn)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("run did not return after its context was cancelled")
	}
	if !strings.Contains(log.String(), "podidentity-fake stopped") {
		t.Errorf("no shutdown in the log: %s", log.String())
	}
}

func TestRunBadArguments(t *testing.T) {
	for _, args := range [][]string{{"-nope"}, {"extra"}, {"-addr", "256.0.0.1:1"}} {
		var log syncBuffer
		if err := run(context.Background(), args, &log); err == nil {
			t.Errorf("run %q: no error", args)
		}
	}
}
