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

// eventStreamServices are the corpus services TestEventStreamBedrock generates, by the
// package name they get.
var eventStreamServices = map[string]string{"bedrock-runtime": "bedrockruntime", "kinesis": "kinesis"}

// TestEventStreamBedrock generates bedrock-runtime and kinesis (clients and servers) from
// the corpus into a scratch module with the tests of testdata/eventstream, and runs them:
// boto3 reads ConverseStream and InvokeModelWithResponseStream (rest-json), and Kinesis
// SubscribeToShard (awsJson 1.1, with its initial-response), from the generated servers on
// a loopback port (events, then a modeled exception mid-stream), and the generated
// clients read the same servers.
func TestEventStreamBedrock(t *testing.T) {
	python := requireBoto3(t)
	pkgs := map[string][]emit.File{}
	for _, s := range shareddata.Corpus(t) {
		if pkg := eventStreamServices[s.Name]; pkg != "" {
			files, err := scratch.Generate(s, "esinterop/"+pkg)
			if err != nil {
				t.Fatalf("generating %s: %v", s.Name, err)
			}
			pkgs[pkg] = files
		}
	}
	if len(pkgs) != len(eventStreamServices) {
		t.Fatalf("the corpus at %s lacks some of %v", shareddata.CorpusPath(), eventStreamServices)
	}
	dir := t.TempDir()
	if err := scratch.WriteModule(dir, "esinterop", pkgs); err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(scratch.Root(), "interop", "testdata", "eventstream")
	for _, name := range []string{"bedrock_test.go", "kinesis_test.go"} {
		data, err := os.ReadFile(filepath.Join(src, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := scratch.WriteFile(dir, "scenarios/"+name, data); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	out, err := goCommand(ctx, dir, []string{"PYTHON=" + python, "BOTO_SCRIPT=" + filepath.Join(src, "boto_stream.py"),
		"KINESIS_SCRIPT=" + filepath.Join(src, "kinesis_stream.py")},
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
	// moto's Python has boto3 (moto requires it), and .ci/run puts moto_server on PATH
	var candidates []string
	if moto, err := exec.LookPath("moto_server"); err == nil {
		candidates = append(candidates, filepath.Join(filepath.Dir(moto), "python3"))
	}
	candidates = append(candidates, "python3")
	var path string
	var err error
	for _, c := range candidates {
		if path, err = exec.LookPath(c); err == nil {
			if err = exec.Command(path, "-c", "import boto3").Run(); err == nil {
				break
			}
		}
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
