package bench

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/svcgen/svcgen/gen/eks"
)

// opaqueClient sends through http.DefaultTransport behind a type the runtime does not
// know as net/http's, so a small body goes as the pooled, close-tracked reader (which
// net/http does not know to be in memory: it flushes the headers alone first), as every
// body did before.
type opaqueClient struct{}

func (opaqueClient) Do(req *http.Request) (*http.Response, error) {
	return http.DefaultTransport.RoundTrip(req)
}

// createBody and createHeaders are what gen/eks sends for the benchmark's Create call
// (a signature of another time: the server does not check it).
const createBody = `{"namespace":"default","serviceAccount":"app","roleArn":"arn:aws:iam::111122223333:role/app","clientRequestToken":"token","tags":{"env":"prod","team":"payments"}}`

var createHeaders = http.Header{
	"User-Agent":      {"svcgen/0.1.0 lang/go#1.26.8 os/linux api/eks#2017-11-01"},
	"Accept-Encoding": {"identity"},
	"Authorization":   {"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261204/us-west-2/eks/aws4_request, SignedHeaders=content-length;content-type;host;x-amz-date, Signature=217014a8d3b1c37116b20afc0ae08dee244e0a33ad8524d64d06c0a634be152d"},
	"Content-Type":    {"application/json"},
	"X-Amz-Date":      {"20261204T212442Z"},
}

func bareDo(b *testing.B, req *http.Request) {
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
}

// TestCallParts splits a call's time against the test server: the floor; Create with
// a small body sent as net/http knows an in-memory body (one write with the headers)
// and as the pooled reader it does not know (the headers flushed alone first); a bare
// net/http POST of Create's exact body and headers (what the server and the wire cost
// for Create's request); Describe, and a bare GET of its URL. Each is timed 200 calls
// at a time, the candidates in turn, 60 rounds, and the medians are printed: slices
// this short keep a shared machine's changing load out of the ratios far better than
// TestCompare's rounds of a second each. It runs only when asked (BENCH_PARTS=1).
func TestCallParts(t *testing.T) {
	if os.Getenv("BENCH_PARTS") == "" {
		t.Skip("set BENCH_PARTS=1 to print the parts of a call's time")
	}
	srv := server()
	defer srv.Close()
	inMemory := ours(srv.URL)
	pooled := eks.NewFromConfig(aws.Config{Region: "us-west-2", Credentials: creds, BaseEndpoint: aws.String(srv.URL), HTTPClient: opaqueClient{}})
	b := &testing.B{}
	candidates := []struct {
		name string
		fn   func()
	}{
		{"floor", func() { bareRoundTrip(b, srv.URL) }},
		{"Create, in-memory body", func() { operations[0].ours(b, inMemory) }},
		{"Create, pooled body reader", func() { operations[0].ours(b, pooled) }},
		{"bare POST, Create's bytes", func() {
			req, _ := http.NewRequest(http.MethodPost, srv.URL+"/clusters/prod/pod-identity-associations", strings.NewReader(createBody))
			req.Header = createHeaders.Clone()
			bareDo(b, req)
		}},
		{"Describe", func() { operations[1].ours(b, inMemory) }},
		{"bare GET, Describe's URL", func() {
			req, _ := http.NewRequest(http.MethodGet, srv.URL+"/clusters/prod/pod-identity-associations/a-1234567890abcdefg", nil)
			bareDo(b, req)
		}},
	}
	const calls, rounds = 200, 60
	for range calls {
		for _, c := range candidates {
			c.fn()
		}
	}
	times := make([][]float64, len(candidates))
	for i := range rounds {
		for j := range candidates {
			k := (i + j) % len(candidates)
			runtime.GC()
			start := time.Now()
			for range calls {
				candidates[k].fn()
			}
			times[k] = append(times[k], float64(time.Since(start))/calls)
		}
	}
	var floor float64
	fmt.Printf("\n%-28s %10s %8s\n", "candidate", "median ns", "/floor")
	for k, c := range candidates {
		sort.Float64s(times[k])
		m := times[k][len(times[k])/2]
		if k == 0 {
			floor = m
		}
		fmt.Printf("%-28s %10.0f %8.3f\n", c.name, m, m/floor)
	}
}
