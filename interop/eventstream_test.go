//go:build unix

package interop_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/svcgen/svcgen/generator/emit"
	"github.com/svcgen/svcgen/internal/scratch"
	"github.com/svcgen/svcgen/internal/shareddata"
)

// TestEventStreamBedrock generates bedrock-runtime (client and server) from the corpus
// into a scratch module with the tests of testdata/eventstream, and runs them: boto3
// reads ConverseStream and InvokeModelWithResponseStream from the generated server on a
// loopback port (events, then a modeled exception mid-stream), and the generated client
// reads the same server.
func TestEventStreamBedrock(t *testing.T) {
	python := requireBoto3(t)
	var svc *shareddata.Service
	for _, s := range shareddata.Corpus(t) {
		if s.Name == "bedrock-runtime" {
			svc = &s
		}
	}
	if svc == nil {
		t.Fatalf("the corpus at %s holds no bedrock-runtime model", shareddata.CorpusPath())
	}
	files, err := scratch.Generate(*svc, "esinterop/bedrockruntime")
	if err != nil {
		t.Fatalf("generating bedrock-runtime: %v", err)
	}
	dir := t.TempDir()
	if err := scratch.WriteModule(dir, "esinterop", map[string][]emit.File{"bedrockruntime": files}); err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(scratch.Root(), "interop", "testdata", "eventstream")
	data, err := os.ReadFile(filepath.Join(src, "bedrock_test.go"))
	if err != nil {
		t.Fatal(err)
	}
	if err := scratch.WriteFile(dir, "scenarios/bedrock_test.go", data); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	out, err := goCommand(ctx, dir, []string{"PYTHON=" + python, "BOTO_SCRIPT=" + filepath.Join(src, "boto_stream.py")},
		"test", "-count=1", "-v", "./scenarios/")
	t.Logf("%s", out)
	if err != nil {
		t.Fatalf("the event-stream scenarios failed: %v", err)
	}
}

// requireBoto3 finds a python3 that imports boto3: outside CI its absence skips the
// test, under CI it fails it.
func requireBoto3(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("python3")
	if err == nil {
		err = exec.Command(path, "-c", "import boto3").Run()
	}
	if err != nil {
		msg := fmt.Sprintf("python3 with boto3 not found (%v); pip install boto3 to run boto3 against the generated server", err)
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s; under CI a missing client is a failure", msg)
		}
		t.Skipf("%s; skipping", msg)
	}
	return path
}
