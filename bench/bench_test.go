// Package bench compares the generated gen/eks client with aws-sdk-go-v2's eks client:
// the same operations against the same in-process httptest server returning the same
// canned responses, in the same run. It is a module of its own so that
// aws-sdk-go-v2/service/eks never becomes a dependency of svcgen.
//
//	go test -run=^$ -bench=. -benchmem      (each benchmark)
//	go test -run=TestCompare -v -count=1    (the table of medians and ratios)
package bench

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	awseks "github.com/aws/aws-sdk-go-v2/service/eks"
	"github.com/svcgen/svcgen/gen/eks"
)

const association = `{"association":{"clusterName":"prod","namespace":"default","serviceAccount":"app","roleArn":"arn:aws:iam::111122223333:role/app","associationArn":"arn:aws:eks:us-west-2:111122223333:podidentityassociation/prod/a-1234567890abcdefg","associationId":"a-1234567890abcdefg","tags":{"team":"payments","env":"prod"},"createdAt":1.7e9,"modifiedAt":1.7e9}}`

const list = `{"associations":[{"clusterName":"prod","namespace":"default","serviceAccount":"app","associationArn":"arn:aws:eks:us-west-2:111122223333:podidentityassociation/prod/a-1234567890abcdefg","associationId":"a-1234567890abcdefg"},{"clusterName":"prod","namespace":"default","serviceAccount":"web","associationArn":"arn:aws:eks:us-west-2:111122223333:podidentityassociation/prod/a-abcdefg1234567890","associationId":"a-abcdefg1234567890"}],"nextToken":"token-2"}`

// server answers every operation with its canned response.
func server() *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/pod-identity-associations"):
			io.WriteString(w, list)
		default:
			io.WriteString(w, association)
		}
	}))
}

var creds = credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "")

func ours(url string) *eks.Client {
	return eks.NewFromConfig(aws.Config{Region: "us-west-2", Credentials: creds, BaseEndpoint: aws.String(url)})
}

func theirs(url string) *awseks.Client {
	return awseks.NewFromConfig(aws.Config{Region: "us-west-2", Credentials: creds, BaseEndpoint: aws.String(url)})
}

type operation struct {
	name   string
	ours   func(b *testing.B, c *eks.Client)
	theirs func(b *testing.B, c *awseks.Client)
}

var ctx = context.Background()

// The inputs are built once: the floor sends a constant body, and building an input
// (Create's holds a map) is the caller's work, not the client's. Neither client
// changes its input (Create's has its idempotency token).
var (
	createIn = &eks.CreatePodIdentityAssociationInput{
		ClusterName: "prod", Namespace: "default", ServiceAccount: "app", RoleArn: "arn:aws:iam::111122223333:role/app",
		ClientRequestToken: aws.String("token"), Tags: map[string]string{"team": "payments", "env": "prod"},
	}
	createInSDK = &awseks.CreatePodIdentityAssociationInput{
		ClusterName: aws.String("prod"), Namespace: aws.String("default"), ServiceAccount: aws.String("app"), RoleArn: aws.String("arn:aws:iam::111122223333:role/app"),
		ClientRequestToken: aws.String("token"), Tags: map[string]string{"team": "payments", "env": "prod"},
	}
	describeIn    = &eks.DescribePodIdentityAssociationInput{ClusterName: "prod", AssociationId: "a-1234567890abcdefg"}
	describeInSDK = &awseks.DescribePodIdentityAssociationInput{ClusterName: aws.String("prod"), AssociationId: aws.String("a-1234567890abcdefg")}
	listIn        = &eks.ListPodIdentityAssociationsInput{ClusterName: "prod", Namespace: aws.String("default"), MaxResults: aws.Int32(50)}
	listInSDK     = &awseks.ListPodIdentityAssociationsInput{ClusterName: aws.String("prod"), Namespace: aws.String("default"), MaxResults: aws.Int32(50)}
)

var operations = []operation{
	{"CreatePodIdentityAssociation",
		func(b *testing.B, c *eks.Client) {
			_, err := c.CreatePodIdentityAssociation(ctx, createIn)
			check(b, err)
		},
		func(b *testing.B, c *awseks.Client) {
			_, err := c.CreatePodIdentityAssociation(ctx, createInSDK)
			check(b, err)
		}},
	{"DescribePodIdentityAssociation",
		func(b *testing.B, c *eks.Client) {
			_, err := c.DescribePodIdentityAssociation(ctx, describeIn)
			check(b, err)
		},
		func(b *testing.B, c *awseks.Client) {
			_, err := c.DescribePodIdentityAssociation(ctx, describeInSDK)
			check(b, err)
		}},
	{"ListPodIdentityAssociations",
		func(b *testing.B, c *eks.Client) {
			_, err := c.ListPodIdentityAssociations(ctx, listIn)
			check(b, err)
		},
		func(b *testing.B, c *awseks.Client) {
			_, err := c.ListPodIdentityAssociations(ctx, listInSDK)
			check(b, err)
		}},
}

func check(b *testing.B, err error) {
	if err != nil {
		b.Fatal(err)
	}
}

func BenchmarkClients(b *testing.B) {
	srv := server()
	defer srv.Close()
	o, t := ours(srv.URL), theirs(srv.URL)
	for _, op := range operations {
		b.Run(op.name+"/svcgen", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				op.ours(b, o)
			}
		})
		b.Run(op.name+"/aws-sdk-go-v2", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				op.theirs(b, t)
			}
		})
	}
	b.Run("floor/net-http", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			bareRoundTrip(b, srv.URL)
		}
	})
}

// bareRoundTrip is the floor: one POST with a small body through net/http, no SDK.
func bareRoundTrip(b *testing.B, url string) {
	resp, err := http.Post(url+"/clusters/prod/pod-identity-associations", "application/json", strings.NewReader(`{"namespace":"default"}`))
	if err != nil {
		b.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
}

type figure struct{ ns, bytes, allocs float64 }

func measure(fn func(b *testing.B)) figure {
	r := testing.Benchmark(func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			fn(b)
		}
	})
	return figure{float64(r.NsPerOp()), float64(r.AllocedBytesPerOp()), float64(r.AllocsPerOp())}
}

func median(fs []figure) figure {
	pick := func(get func(figure) float64) float64 {
		v := make([]float64, len(fs))
		for i, f := range fs {
			v[i] = get(f)
		}
		sort.Float64s(v)
		return v[len(v)/2]
	}
	return figure{pick(func(f figure) float64 { return f.ns }), pick(func(f figure) float64 { return f.bytes }), pick(func(f figure) float64 { return f.allocs })}
}

// cannedClient answers every request without a network: the canned response of the
// operation, as the test server would send it. With it the figures are the clients'
// own work alone.
type cannedClient struct{}

func (cannedClient) Do(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		io.Copy(io.Discard, req.Body)
		req.Body.Close()
	}
	body := association
	if req.Method == http.MethodGet && strings.HasSuffix(req.URL.Path, "/pod-identity-associations") {
		body = list
	}
	return &http.Response{StatusCode: 200, Status: "200 OK", Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: http.Header{"Content-Type": {"application/json"}}, ContentLength: int64(len(body)),
		Body: io.NopCloser(strings.NewReader(body)), Request: req}, nil
}

// cannedFloor is what the canned client itself costs for one request.
func cannedFloor(b *testing.B) {
	req, _ := http.NewRequest(http.MethodPost, "http://127.0.0.1/clusters/prod/pod-identity-associations", strings.NewReader(`{"namespace":"default"}`))
	resp, err := cannedClient{}.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
}

// compare measures the operations of both clients and the floor, interleaved, rounds
// times each, and prints the medians, the ratios ours/theirs and ours/floor.
func compare(title string, o *eks.Client, th *awseks.Client, floor func(b *testing.B), rounds int) {
	fmt.Printf("\n%s\n", title)
	fmt.Printf("%-32s %10s %8s %7s | %10s %8s %7s | %7s %8s | %8s\n", "operation", "svcgen ns", "B", "allocs", "aws-v2 ns", "B", "allocs", "ns x", "allocs x", "ns/floor")
	fl := make([]figure, 0, rounds)
	a := make([][]figure, len(operations))
	b := make([][]figure, len(operations))
	for range rounds {
		fl = append(fl, measure(floor))
		for i, op := range operations {
			a[i] = append(a[i], measure(func(tb *testing.B) { op.ours(tb, o) }))
			b[i] = append(b[i], measure(func(tb *testing.B) { op.theirs(tb, th) }))
		}
	}
	f := median(fl)
	for i, op := range operations {
		ma, mb := median(a[i]), median(b[i])
		fmt.Printf("%-32s %10.0f %8.0f %7.0f | %10.0f %8.0f %7.0f | %7.2f %8.2f | %8.2f\n", op.name, ma.ns, ma.bytes, ma.allocs, mb.ns, mb.bytes, mb.allocs, ma.ns/mb.ns, ma.allocs/mb.allocs, ma.ns/f.ns)
	}
	fmt.Printf("%-32s %10.0f %8.0f %7.0f\n", "floor", f.ns, f.bytes, f.allocs)
}

// TestCompare measures both clients against the test server, then with a canned
// response and no network (the clients' own work: subtract the canned floor), five
// interleaved rounds each, and prints the medians and ratios. It runs only when asked
// (BENCH_COMPARE=1, as `make bench` does): it takes a while and its figures are not
// assertions.
func TestCompare(t *testing.T) {
	if os.Getenv("BENCH_COMPARE") == "" {
		t.Skip("set BENCH_COMPARE=1 (make bench) to print the comparison table")
	}
	srv := server()
	defer srv.Close()
	const rounds = 5
	compare("against an httptest server (floor: a bare net/http round trip)", ours(srv.URL), theirs(srv.URL), func(b *testing.B) { bareRoundTrip(b, srv.URL) }, rounds)
	cfg := aws.Config{Region: "us-west-2", Credentials: creds, BaseEndpoint: aws.String("http://127.0.0.1:1"), HTTPClient: cannedClient{}}
	compare("no network, a canned response (floor: the canned client alone)", eks.NewFromConfig(cfg), awseks.NewFromConfig(cfg), cannedFloor, rounds)
}

// BenchmarkCanned runs svcgen's client with a canned response and no network: its own
// work alone (profile it with -memprofile).
func BenchmarkCanned(b *testing.B) {
	cfg := aws.Config{Region: "us-west-2", Credentials: creds, BaseEndpoint: aws.String("http://127.0.0.1:1"), HTTPClient: cannedClient{}}
	o := eks.NewFromConfig(cfg)
	for _, op := range operations {
		b.Run(op.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				op.ours(b, o)
			}
		})
	}
}
