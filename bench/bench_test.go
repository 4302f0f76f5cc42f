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

var operations = []operation{
	{"CreatePodIdentityAssociation",
		func(b *testing.B, c *eks.Client) {
			_, err := c.CreatePodIdentityAssociation(ctx, &eks.CreatePodIdentityAssociationInput{
				ClusterName: "prod", Namespace: "default", ServiceAccount: "app", RoleArn: "arn:aws:iam::111122223333:role/app",
				ClientRequestToken: aws.String("token"), Tags: map[string]string{"team": "payments", "env": "prod"},
			})
			check(b, err)
		},
		func(b *testing.B, c *awseks.Client) {
			_, err := c.CreatePodIdentityAssociation(ctx, &awseks.CreatePodIdentityAssociationInput{
				ClusterName: aws.String("prod"), Namespace: aws.String("default"), ServiceAccount: aws.String("app"), RoleArn: aws.String("arn:aws:iam::111122223333:role/app"),
				ClientRequestToken: aws.String("token"), Tags: map[string]string{"team": "payments", "env": "prod"},
			})
			check(b, err)
		}},
	{"DescribePodIdentityAssociation",
		func(b *testing.B, c *eks.Client) {
			_, err := c.DescribePodIdentityAssociation(ctx, &eks.DescribePodIdentityAssociationInput{ClusterName: "prod", AssociationId: "a-1234567890abcdefg"})
			check(b, err)
		},
		func(b *testing.B, c *awseks.Client) {
			_, err := c.DescribePodIdentityAssociation(ctx, &awseks.DescribePodIdentityAssociationInput{ClusterName: aws.String("prod"), AssociationId: aws.String("a-1234567890abcdefg")})
			check(b, err)
		}},
	{"ListPodIdentityAssociations",
		func(b *testing.B, c *eks.Client) {
			_, err := c.ListPodIdentityAssociations(ctx, &eks.ListPodIdentityAssociationsInput{ClusterName: "prod", Namespace: aws.String("default"), MaxResults: aws.Int32(50)})
			check(b, err)
		},
		func(b *testing.B, c *awseks.Client) {
			_, err := c.ListPodIdentityAssociations(ctx, &awseks.ListPodIdentityAssociationsInput{ClusterName: aws.String("prod"), Namespace: aws.String("default"), MaxResults: aws.Int32(50)})
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

// TestCompare measures both clients, interleaved, five rounds each, and prints the
// medians and the ratios ours/theirs. It runs only when asked (BENCH_COMPARE=1, as
// `make bench` does): it takes a while and its figures are not assertions.
func TestCompare(t *testing.T) {
	if os.Getenv("BENCH_COMPARE") == "" {
		t.Skip("set BENCH_COMPARE=1 (make bench) to print the comparison table")
	}
	srv := server()
	defer srv.Close()
	o, th := ours(srv.URL), theirs(srv.URL)
	const rounds = 5
	fmt.Printf("%-32s %12s %10s %8s | %12s %10s %8s | %7s %7s\n", "operation", "svcgen ns", "B", "allocs", "aws-v2 ns", "B", "allocs", "ns x", "allocs x")
	for _, op := range operations {
		var a, b []figure
		for range rounds {
			a = append(a, measure(func(tb *testing.B) { op.ours(tb, o) }))
			b = append(b, measure(func(tb *testing.B) { op.theirs(tb, th) }))
		}
		ma, mb := median(a), median(b)
		fmt.Printf("%-32s %12.0f %10.0f %8.0f | %12.0f %10.0f %8.0f | %7.2f %7.2f\n", op.name, ma.ns, ma.bytes, ma.allocs, mb.ns, mb.bytes, mb.allocs, ma.ns/mb.ns, ma.allocs/mb.allocs)
	}
	var fl []figure
	for range rounds {
		fl = append(fl, measure(func(tb *testing.B) { bareRoundTrip(tb, srv.URL) }))
	}
	f := median(fl)
	fmt.Printf("%-32s %12.0f %10.0f %8.0f\n", "floor: bare net/http round trip", f.ns, f.bytes, f.allocs)
}
