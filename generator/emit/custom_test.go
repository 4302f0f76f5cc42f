package emit_test

import (
	"strings"
	"testing"

	"github.com/svcgen/svcgen/generator/emit"
	"github.com/svcgen/svcgen/internal/scratch"
	"github.com/svcgen/svcgen/internal/shareddata"
)

// customTests run in the packages generated from corpus models, against httptest
// servers: each checks the request bytes a customization (generator/custom) or a
// trait (requestcompression, endpointdiscovery) makes.
var customTests = map[string]string{
	"route53": `package route53_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"scenarios/route53"
)

// TestRoute53IDs: ids are taken as Route 53 returns them ("/hostedzone/Z1") and sent
// without the prefix, in the path and in the body; the caller's input is unchanged.
func TestRoute53IDs(t *testing.T) {
	var mu sync.Mutex
	var paths, bodies []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		paths, bodies = append(paths, r.URL.EscapedPath()), append(bodies, string(b))
		mu.Unlock()
		io.WriteString(w, "<GetHostedZoneResponse><HostedZone><Id>/hostedzone/Z1</Id><Name>example.com.</Name><CallerReference>c</CallerReference></HostedZone></GetHostedZoneResponse>")
	}))
	defer srv.Close()
	c := route53.New(route53.Options{Region: "us-east-1", BaseEndpoint: srv.URL})
	in := &route53.GetHostedZoneInput{Id: "/hostedzone/Z1"}
	out, err := c.GetHostedZone(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	if in.Id != "/hostedzone/Z1" {
		t.Errorf("the input was changed: %q", in.Id)
	}
	if out.HostedZone == nil || out.HostedZone.Id != "/hostedzone/Z1" {
		t.Errorf("output %+v", out.HostedZone)
	}
	c.GetHostedZone(context.Background(), &route53.GetHostedZoneInput{Id: "Z2"})
	c.GetChange(context.Background(), &route53.GetChangeInput{Id: "/change/C3"})
	set := "/delegationset/N4"
	c.CreateHostedZone(context.Background(), &route53.CreateHostedZoneInput{Name: "example.com", CallerReference: "r", DelegationSetId: &set})
	want := []string{"/2013-04-01/hostedzone/Z1", "/2013-04-01/hostedzone/Z2", "/2013-04-01/change/C3", "/2013-04-01/hostedzone"}
	if strings.Join(paths, " ") != strings.Join(want, " ") {
		t.Errorf("paths\n got %q\nwant %q", paths, want)
	}
	if len(bodies) != 4 || !strings.Contains(bodies[3], "<DelegationSetId>N4</DelegationSetId>") {
		t.Errorf("CreateHostedZone body %q", bodies)
	}
	if set != "/delegationset/N4" {
		t.Errorf("the input was changed: %q", set)
	}
}
`,
	"glacier": `package glacier_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"scenarios/glacier"
)

// TestGlacierCustomizations: every request carries X-Amz-Glacier-Version (the model's
// API version), and an empty accountId is sent as "-".
func TestGlacierCustomizations(t *testing.T) {
	var path string
	var version []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		path, version = r.URL.EscapedPath(), r.Header.Values("X-Amz-Glacier-Version")
		io.WriteString(w, "{\"VaultList\":[]}")
	}))
	defer srv.Close()
	c := glacier.New(glacier.Options{Region: "us-east-1", BaseEndpoint: srv.URL})
	in := &glacier.ListVaultsInput{}
	if _, err := c.ListVaults(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	if path != "/-/vaults" || len(version) != 1 || version[0] != "2012-06-01" {
		t.Fatalf("path %q, X-Amz-Glacier-Version %q", path, version)
	}
	if in.AccountId != "" {
		t.Errorf("the input was changed: %q", in.AccountId)
	}
	if _, err := c.ListVaults(context.Background(), &glacier.ListVaultsInput{AccountId: "123456789012"}); err != nil || path != "/123456789012/vaults" {
		t.Fatalf("path %q, %v", path, err)
	}
}
`,
	"apigateway": `package apigateway_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"scenarios/apigateway"
)

// TestAPIGatewayAccept: requests ask for JSON; the User-Agent names svcgen, the
// service and the application.
func TestAPIGatewayAccept(t *testing.T) {
	var accept, ua []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		accept, ua = r.Header.Values("Accept"), r.Header.Values("User-Agent")
		io.WriteString(w, "{\"items\":[]}")
	}))
	defer srv.Close()
	c := apigateway.New(apigateway.Options{Region: "us-east-1", BaseEndpoint: srv.URL, AppID: "shop"})
	if _, err := c.GetRestApis(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if len(accept) != 1 || accept[0] != "application/json" {
		t.Errorf("Accept %q", accept)
	}
	if len(ua) != 1 || !strings.HasPrefix(ua[0], "svcgen/") || !strings.HasSuffix(ua[0], " api/api-gateway#2015-07-09 app/shop") {
		t.Errorf("User-Agent %q", ua)
	}
}
`,
	"cloudwatch": `package cloudwatch_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/svcgen/svcgen/runtime/sigv4verify"
	"scenarios/cloudwatch"
	"scenarios/cloudwatch/server"
	"scenarios/cloudwatch/types"
)

// TestPutMetricDataCompression: PutMetricData (requestcompression, gzip) arrives
// gzipped and signed as sent when its body is at least 10240 bytes, and decompresses
// to the body sent without compression; smaller, or with compression disabled, it
// arrives as it is.
func TestPutMetricDataCompression(t *testing.T) {
	var enc []string
	var body []byte
	verify := sigv4verify.New(func(string) (string, bool) { return "SECRET", true })
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := verify(r); err != nil {
			http.Error(w, err.Error(), 403)
			return
		}
		enc = r.Header.Values("Content-Encoding")
		body, _ = io.ReadAll(r.Body)
		// CloudWatch speaks smithy-rpc-v2-cbor: an empty output is an empty CBOR map
		w.Header().Set("Smithy-Protocol", "rpc-v2-cbor")
		w.Header().Set("Content-Type", "application/cbor")
		w.Write([]byte{0xa0})
	}))
	defer srv.Close()
	creds := aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
		return aws.Credentials{AccessKeyID: "AKID", SecretAccessKey: "SECRET"}, nil
	})
	in := &cloudwatch.PutMetricDataInput{Namespace: "svcgen/test"}
	for i := 0; len(in.MetricData) < 300; i++ {
		in.MetricData = append(in.MetricData, types.MetricDatum{MetricName: fmt.Sprintf("requests-of-shard-%d", i), Value: aws.Float64(float64(i))})
	}
	c := cloudwatch.New(cloudwatch.Options{Region: "us-east-1", BaseEndpoint: srv.URL, Credentials: creds})
	// Disabled: sent as it is.
	if _, err := c.PutMetricData(context.Background(), in, func(o *cloudwatch.Options) { o.DisableRequestCompression = true }); err != nil {
		t.Fatal(err)
	}
	if len(enc) != 0 || len(body) < 10240 || !bytes.Contains(body, []byte("requests-of-shard-299")) {
		t.Fatalf("disabled: Content-Encoding %q, %d bytes", enc, len(body))
	}
	sent := body
	if _, err := c.PutMetricData(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	if len(enc) != 1 || enc[0] != "gzip" {
		t.Fatalf("Content-Encoding %q", enc)
	}
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	plain, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(plain, sent) || len(body) >= len(sent) {
		t.Fatalf("gzipped %d bytes to %d that decompress to %d bytes: %.100s", len(sent), len(body), len(plain), plain)
	}
	// Small: sent as it is.
	small := &cloudwatch.PutMetricDataInput{Namespace: "svcgen/test", MetricData: in.MetricData[:2]}
	if _, err := c.PutMetricData(context.Background(), small); err != nil {
		t.Fatal(err)
	}
	if len(enc) != 0 || !bytes.Contains(body, []byte("requests-of-shard-1")) || len(body) > 1000 {
		t.Fatalf("a small body: Content-Encoding %q, body %.80q", enc, body)
	}
}

// cloudWatch is a CloudWatch fake: it keeps what PutMetricData receives, answers
// GetMetricData with fixed results, and knows no dashboard.
type cloudWatch struct {
	server.Unimplemented
	put *cloudwatch.PutMetricDataInput
	get *cloudwatch.GetMetricDataInput
}

func (s *cloudWatch) PutMetricData(_ context.Context, in *cloudwatch.PutMetricDataInput) (*cloudwatch.PutMetricDataOutput, error) {
	s.put = in
	return &cloudwatch.PutMetricDataOutput{}, nil
}

func (s *cloudWatch) GetMetricData(_ context.Context, in *cloudwatch.GetMetricDataInput) (*cloudwatch.GetMetricDataOutput, error) {
	s.get = in
	complete := types.StatusCodeComplete
	return &cloudwatch.GetMetricDataOutput{
		MetricDataResults: []types.MetricDataResult{{
			Id:         aws.String("q1"),
			Label:      aws.String("lätency"),
			Timestamps: []time.Time{time.Unix(1704164645, 678e6).UTC(), time.Unix(1704164700, 0).UTC()},
			Values:     []float64{1.25, -0.1},
			StatusCode: &complete,
		}},
		NextToken: aws.String("page-2"),
	}, nil
}

func (s *cloudWatch) GetDashboard(context.Context, *cloudwatch.GetDashboardInput) (*cloudwatch.GetDashboardOutput, error) {
	return nil, &types.DashboardNotFoundError{Message: aws.String("no such dashboard")}
}

// TestBoto3CBOR: boto3 (botocore's own smithy-rpc-v2-cbor serializer and parser, an
// implementation independent of svcgen's, made to speak it: it prefers json) calls
// the generated CloudWatch server: the service receives what boto3 sent (timestamps,
// unicode, doubles), boto3 reads the output back (timestamps to the millisecond), and
// a modeled error reaches it with its query code (ResourceNotFound), message and
// status.
func TestBoto3CBOR(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err == nil {
		err = exec.Command(python, "-c", "import boto3").Run()
	}
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("python3 with boto3 is needed (under CI missing tools are a failure): %v", err)
		}
		t.Skipf("python3 with boto3 not found (%v); skipping", err)
	}
	svc := &cloudWatch{}
	srv := httptest.NewServer(server.NewHandler(svc))
	defer srv.Close()
	script := ` + "`" + `
import boto3, botocore.session, datetime, json, os, sys, tempfile
from botocore.exceptions import ClientError
# botocore prefers json among CloudWatch's protocols: a copy of its own model that
# lists smithy-rpc-v2-cbor alone makes it speak CBOR
s = botocore.session.get_session()
loader = s.get_component("data_loader")
model = loader.load_service_model("cloudwatch", "service-2")
model["metadata"]["protocols"] = ["smithy-rpc-v2-cbor"]
d = tempfile.mkdtemp()
os.makedirs(os.path.join(d, "cloudwatch", model["metadata"]["apiVersion"]))
with open(os.path.join(d, "cloudwatch", model["metadata"]["apiVersion"], "service-2.json"), "w") as f:
    json.dump(model, f)
loader.search_paths.insert(0, d)
c = boto3.Session(botocore_session=s).client("cloudwatch", endpoint_url=sys.argv[1], region_name="us-east-1",
                 aws_access_key_id="AKID", aws_secret_access_key="SECRET")
if c.meta.service_model.resolved_protocol != "smithy-rpc-v2-cbor":
    sys.exit("boto3 speaks " + c.meta.service_model.resolved_protocol + " to CloudWatch")
utc = datetime.timezone.utc
c.put_metric_data(Namespace="svcgen/tëst", MetricData=[{"MetricName": "m", "Value": 1.5,
    "Timestamp": datetime.datetime(2024, 1, 2, 3, 4, 5, 678000, tzinfo=utc),
    "Dimensions": [{"Name": "d", "Value": "é😀"}]}])
r = c.get_metric_data(MetricDataQueries=[{"Id": "q1", "Expression": "SUM(x)"}],
    StartTime=datetime.datetime(2024, 1, 1, tzinfo=utc), EndTime=datetime.datetime(2024, 1, 3, tzinfo=utc))
m = r["MetricDataResults"][0]
out = {"id": m["Id"], "label": m["Label"], "ts": [t.timestamp() for t in m["Timestamps"]],
       "values": m["Values"], "status": m["StatusCode"], "next": r["NextToken"]}
try:
    c.get_dashboard(DashboardName="nope")
except ClientError as e:
    out["error"] = [e.response["Error"]["Code"], e.response["Error"]["Message"], e.response["ResponseMetadata"]["HTTPStatusCode"]]
print(json.dumps(out, ensure_ascii=False))
` + "`" + `
	got, err := exec.Command(python, "-c", script, srv.URL).CombinedOutput()
	if err != nil {
		t.Fatalf("boto3: %v\n%s", err, got)
	}
	const want = ` + "`" + `{"id": "q1", "label": "lätency", "ts": [1704164645.678, 1704164700.0], "values": [1.25, -0.1], "status": "Complete", "next": "page-2", "error": ["ResourceNotFound", "no such dashboard", 404]}` + "`" + `
	if s := strings.TrimSpace(string(got)); s != want {
		t.Errorf("boto3 read\n%s\nwant\n%s", s, want)
	}
	p := svc.put
	if p == nil || p.Namespace != "svcgen/tëst" || len(p.MetricData) != 1 {
		t.Fatalf("PutMetricData received %+v", p)
	}
	d := p.MetricData[0]
	// botocore's CBOR serializer sends whole seconds (tag 1 over an integer) unless
	// asked for milliseconds
	if d.MetricName != "m" || d.Value == nil || *d.Value != 1.5 || d.Timestamp == nil || !d.Timestamp.Equal(time.Unix(1704164645, 0)) ||
		len(d.Dimensions) != 1 || d.Dimensions[0] != (types.Dimension{Name: "d", Value: "é😀"}) {
		t.Errorf("PutMetricData received %+v (timestamp %v)", d, d.Timestamp)
	}
	if g := svc.get; g == nil || !g.StartTime.Equal(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)) || len(g.MetricDataQueries) != 1 || g.MetricDataQueries[0].Id != "q1" {
		t.Errorf("GetMetricData received %+v", g)
	}
}
`,
	"timestream-query": `package timestreamquery_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"scenarios/timestream-query"
)

// redirect sends every request to srv and records the host and operation it was for.
type redirect struct {
	srv  *httptest.Server
	mu   sync.Mutex
	seen []string
}

func (d *redirect) Do(req *http.Request) (*http.Response, error) {
	d.mu.Lock()
	d.seen = append(d.seen, req.URL.Scheme+"://"+req.URL.Host+" "+req.Header.Get("X-Amz-Target"))
	d.mu.Unlock()
	r := req.Clone(req.Context())
	r.URL.Scheme, r.URL.Host, r.Host = "http", d.srv.Listener.Addr().String(), ""
	return http.DefaultTransport.RoundTrip(r)
}

func server(address string) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "application/x-amz-json-1.0")
		if strings.HasSuffix(r.Header.Get("X-Amz-Target"), ".DescribeEndpoints") {
			fmt.Fprintf(w, "{\"Endpoints\":[{\"Address\":%q,\"CachePeriodInMinutes\":5}]}", address)
			return
		}
		io.WriteString(w, "{\"QueryId\":\"q1\",\"Rows\":[],\"ColumnInfo\":[]}")
	}))
}

// TestEndpointDiscovery: Query (endpoint discovery required) first asks
// DescribeEndpoints at the regional endpoint, then goes to the address it returned;
// the next call uses the cached address.
func TestEndpointDiscovery(t *testing.T) {
	srv := server("query-cell7.timestream.us-east-1.amazonaws.com")
	defer srv.Close()
	d := &redirect{srv: srv}
	c := timestreamquery.New(timestreamquery.Options{Region: "us-east-1", HTTPClient: d})
	for i := 0; i < 2; i++ {
		out, err := c.Query(context.Background(), &timestreamquery.QueryInput{QueryString: "SELECT 1"})
		if err != nil {
			t.Fatal(err)
		}
		if out.QueryId != "q1" {
			t.Fatalf("QueryId %q", out.QueryId)
		}
	}
	want := []string{
		"https://query.timestream.us-east-1.amazonaws.com Timestream_20181101.DescribeEndpoints",
		"https://query-cell7.timestream.us-east-1.amazonaws.com Timestream_20181101.Query",
		"https://query-cell7.timestream.us-east-1.amazonaws.com Timestream_20181101.Query",
	}
	if strings.Join(d.seen, "\n") != strings.Join(want, "\n") {
		t.Fatalf("requests\n got %q\nwant %q", d.seen, want)
	}
	// Disabled: straight to the regional endpoint.
	d.seen = nil
	off := timestreamquery.New(timestreamquery.Options{Region: "us-east-1", HTTPClient: d, EndpointDiscovery: aws.EndpointDiscoveryDisabled})
	if _, err := off.Query(context.Background(), &timestreamquery.QueryInput{QueryString: "SELECT 1"}); err != nil {
		t.Fatal(err)
	}
	if len(d.seen) != 1 || d.seen[0] != "https://query.timestream.us-east-1.amazonaws.com Timestream_20181101.Query" {
		t.Fatalf("disabled: %q", d.seen)
	}
}

// TestEndpointDiscoveryBaseEndpoint: with a BaseEndpoint calls go there, unless
// discovery is enabled: then DescribeEndpoints is asked there.
func TestEndpointDiscoveryBaseEndpoint(t *testing.T) {
	var mu sync.Mutex
	var seen []string
	var cell *httptest.Server
	cell = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, "cell "+r.Header.Get("X-Amz-Target"))
		mu.Unlock()
		io.WriteString(w, "{\"QueryId\":\"q2\",\"Rows\":[],\"ColumnInfo\":[]}")
	}))
	defer cell.Close()
	base := server(cell.URL)
	defer base.Close()
	c := timestreamquery.New(timestreamquery.Options{Region: "us-east-1", BaseEndpoint: base.URL})
	if out, err := c.Query(context.Background(), &timestreamquery.QueryInput{QueryString: "SELECT 1"}); err != nil || out.QueryId != "q1" {
		t.Fatalf("BaseEndpoint: %v %v", out, err)
	}
	c = timestreamquery.New(timestreamquery.Options{Region: "us-east-1", BaseEndpoint: base.URL, EndpointDiscovery: aws.EndpointDiscoveryEnabled})
	out, err := c.Query(context.Background(), &timestreamquery.QueryInput{QueryString: "SELECT 1"})
	if err != nil || out.QueryId != "q2" || len(seen) != 1 {
		t.Fatalf("enabled: %v %v %q", out, err, seen)
	}
}
`,
}

// s3CustomTest runs in the package TestS3Client generates from the corpus's S3 model.
const s3CustomTest = `package s3_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"scenarios/s3"
)

// TestGetBucketLocation: S3 answers with the LocationConstraint element alone.
func TestGetBucketLocation(t *testing.T) {
	answer := ""
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, answer)
	}))
	defer srv.Close()
	pathStyle := true
	c := s3.New(s3.Options{Region: "us-east-1", BaseEndpoint: srv.URL, ForcePathStyle: &pathStyle})
	for body, want := range map[string]string{
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<LocationConstraint xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">eu-west-1</LocationConstraint>": "eu-west-1",
		"<LocationConstraint xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"/>": "",
	} {
		answer = body
		out, err := c.GetBucketLocation(context.Background(), &s3.GetBucketLocationInput{Bucket: "b"})
		if err != nil {
			t.Fatal(err)
		}
		if out.LocationConstraint == nil || string(*out.LocationConstraint) != want {
			t.Errorf("%s: LocationConstraint %v, want %q", body, out.LocationConstraint, want)
		}
	}
}
`

// TestCustomizations generates the corpus models of the services with
// customizations or traits the client applies, and runs customTests in them.
func TestCustomizations(t *testing.T) {
	services := shareddata.Corpus(t)
	pkgs := map[string][]emit.File{}
	for i := range services {
		s := &services[i]
		test, ok := customTests[s.Name]
		if !ok {
			continue
		}
		files, err := scratch.Generate(*s, "scenarios/"+s.Name)
		if err != nil {
			t.Fatal(err)
		}
		pkgs[s.Name] = append(files, emit.File{Path: strings.ReplaceAll(s.Name, "-", "") + "_custom_test.go", Data: []byte(test)})
	}
	for name := range customTests {
		if pkgs[name] == nil {
			t.Fatalf("the corpus has no %s model", name)
		}
	}
	buildAndVet(t, pkgs)
}
