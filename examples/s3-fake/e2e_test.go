package main

import (
	"context"
	"io"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/svcgen/svcgen/examples/s3-fake/fake"
)

// startFake serves a signed fake on a free loopback port for the test's lifetime and
// returns its URL, and the environment a client needs: the fake's credentials and an
// AWS config file that addresses buckets path style.
func startFake(t *testing.T) (string, []string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	f := fake.New(fake.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	done := make(chan error, 1)
	go func() { done <- f.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	dir := t.TempDir()
	config := filepath.Join(dir, "config")
	if err := os.WriteFile(config, []byte("[default]\nregion = us-east-1\ns3 =\n    addressing_style = path\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	creds := filepath.Join(dir, "credentials")
	if err := os.WriteFile(creds, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	url := "http://" + ln.Addr().String()
	env := append(cleanEnv(),
		"S3_ENDPOINT="+url,
		"AWS_ACCESS_KEY_ID="+fake.DefaultAccessKeyID,
		"AWS_SECRET_ACCESS_KEY="+fake.DefaultSecretAccessKey,
		"AWS_DEFAULT_REGION=us-east-1",
		"AWS_REGION=us-east-1",
		"AWS_CONFIG_FILE="+config,
		"AWS_SHARED_CREDENTIALS_FILE="+creds,
		"AWS_EC2_METADATA_DISABLED=true",
		"AWS_PAGER=",
	)
	return url, env
}

// cleanEnv is the test's environment without the AWS settings of whoever runs it.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "AWS_") {
			env = append(env, kv)
		}
	}
	return env
}

// need skips the test when a client is missing, or fails it under CI.
func need(t *testing.T, what string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is required under CI: %v", what, err)
	}
	t.Skipf("%s is not available (%v): skipping; install it to run this test", what, err)
}

func runClient(t *testing.T, env []string, timeout time.Duration, dir, name string, args ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env, cmd.Dir = env, dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	t.Logf("%s", strings.TrimSpace(string(out)))
}

// TestBoto3 runs testdata/boto3_scenario.py against the fake.
func TestBoto3(t *testing.T) {
	need(t, "python3 with boto3", exec.Command("python3", "-c", "import boto3").Run())
	_, env := startFake(t)
	script, _ := filepath.Abs("testdata/boto3_scenario.py")
	runClient(t, env, 3*time.Minute, t.TempDir(), "python3", script)
}

// TestAWSCLI runs testdata/cli_scenario.sh (aws s3 cp, sync, ls, rm, rb and aws s3api)
// against the fake.
func TestAWSCLI(t *testing.T) {
	_, err := exec.LookPath("aws")
	need(t, "the aws CLI", err)
	_, env := startFake(t)
	work := t.TempDir()
	script, _ := filepath.Abs("testdata/cli_scenario.sh")
	runClient(t, append(env, "WORK="+work), 5*time.Minute, work, "bash", script)
}

// TestGoSDK runs aws-sdk-go-v2's S3 client (the module in sdktest/, so that svcgen
// does not depend on it) against the fake.
func TestGoSDK(t *testing.T) {
	gobin, err := exec.LookPath("go")
	need(t, "the go command", err)
	_, env := startFake(t)
	dir, _ := filepath.Abs("sdktest")
	runClient(t, env, 10*time.Minute, dir, gobin, "test", "-count=1", "-v", ".")
}
