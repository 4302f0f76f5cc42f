package fake_test

import (
	"context"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/svcgen/svcgen/examples/podidentity-fake/fake"
)

// TestBoto3 drives the fake with boto3 over a loopback port (testdata/boto3_check.py):
// request ids in ResponseMetadata for successes and errors, the paginator, the
// fieldList of a validation failure (/maxResults), a 415 for another Content-Type,
// SigV4 checked for both signing names. Without python3 and boto3 it is skipped,
// except under CI, where it fails.
func TestBoto3(t *testing.T) {
	if err := exec.Command("python3", "-c", "import boto3").Run(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("python3 with boto3 is required under CI: %v", err)
		}
		t.Skipf("python3 with boto3 is not available (%v): skipping", err)
	}
	f := fake.New(fake.Options{Credentials: map[string]string{"AKIDBOTO": "boto-secret"}})
	srv := httptest.NewServer(f.Handler())
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "python3", "testdata/boto3_check.py", srv.URL, "AKIDBOTO", "boto-secret")
	// no credentials, profile or proxy of the machine's may leak in
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(), "AWS_CONFIG_FILE=/dev/null", "AWS_SHARED_CREDENTIALS_FILE=/dev/null", "NO_PROXY=127.0.0.1,localhost"}
	if pyenv := os.Getenv("PYENV_ROOT"); pyenv != "" {
		cmd.Env = append(cmd.Env, "PYENV_ROOT="+pyenv)
	}
	out, err := cmd.CombinedOutput()
	t.Logf("boto3:\n%s", out)
	if err != nil {
		t.Fatalf("boto3 checks failed: %v", err)
	}
	if !strings.Contains(string(out), "ok   assume role") {
		t.Fatal("the script did not run to its end")
	}
}
