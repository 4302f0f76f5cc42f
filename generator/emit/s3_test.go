package emit_test

import (
	"testing"

	"github.com/svcgen/svcgen/generator/emit"
	"github.com/svcgen/svcgen/generator/load"
	"github.com/svcgen/svcgen/generator/resolve"
	"github.com/svcgen/svcgen/internal/shareddata"
)

// s3Test runs in the package generated from the corpus's S3 model: S3 signs the
// path as it is sent (the endpoint's disableDoubleEncoding) and checks the payload
// hash against X-Amz-Content-Sha256.
const s3Test = `package s3_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"scenarios/s3"
)

var creds = aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
	return aws.Credentials{AccessKeyID: "AKID", SecretAccessKey: "SECRET"}, nil
})

func TestS3Signing(t *testing.T) {
	var got *http.Request
	var body string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got, body = r.Clone(r.Context()), string(b)
		w.Header().Set("ETag", "\"e1\"")
	}))
	defer srv.Close()
	pathStyle := true
	c := s3.New(s3.Options{Region: "us-east-1", BaseEndpoint: srv.URL, ForcePathStyle: &pathStyle, Credentials: creds})
	out, err := c.PutObject(context.Background(), &s3.PutObjectInput{Bucket: "my-bucket", Key: "dir one/a+b.txt", Body: strings.NewReader("hello")})
	if err != nil {
		t.Fatal(err)
	}
	if out.ETag == nil || *out.ETag != "\"e1\"" {
		t.Errorf("ETag %v", out.ETag)
	}
	if got.URL.EscapedPath() != "/my-bucket/dir%20one/a%2Bb.txt" || body != "hello" {
		t.Fatalf("PUT %s with %q", got.URL.EscapedPath(), body)
	}
	hash := got.Header.Get("X-Amz-Content-Sha256")
	if hash != "UNSIGNED-PAYLOAD" {
		t.Errorf("X-Amz-Content-Sha256 %q, want UNSIGNED-PAYLOAD for a streamed body", hash)
	}
	// Sign the request again as S3 does (the path not encoded twice); it matches.
	auth := got.Header.Get("Authorization")
	when, err := time.Parse("20060102T150405Z", got.Header.Get("X-Amz-Date"))
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest("PUT", srv.URL+got.URL.EscapedPath(), nil)
	req.ContentLength = int64(len(body))
	for _, h := range []string{"X-Amz-Content-Sha256", "X-Amz-Date"} {
		req.Header.Set(h, got.Header.Get(h))
	}
	req.Host = got.Host
	signed := strings.Split(strings.Split(auth, "SignedHeaders=")[1], ",")[0]
	for _, h := range strings.Split(signed, ";") {
		if h != "host" && h != "content-length" && got.Header.Get(h) != "" {
			req.Header.Set(h, got.Header.Get(h))
		}
	}
	err = v4.NewSigner().SignHTTP(context.Background(), aws.Credentials{AccessKeyID: "AKID", SecretAccessKey: "SECRET"}, req, hash, "s3", "us-east-1", when,
		func(o *v4.SignerOptions) { o.DisableURIPathEscaping = true })
	if err != nil {
		t.Fatal(err)
	}
	if again := req.Header.Get("Authorization"); again != auth {
		t.Errorf("the signature does not verify:\n sent %s\nagain %s", auth, again)
	}
}
`

// s3ErrorsTest checks what S3's errors become: a HEAD request's body-less 404 is the
// operation's modeled error, an XML error body its code's, and both say the status,
// request ID and host ID that came back (as S3 sends them).
const s3ErrorsTest = `package s3_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/svcgen/svcgen/runtime/client"
	"scenarios/s3"
	"scenarios/s3/types"
)

func s3Answering(t *testing.T, status int, body string) *s3.Client {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Amz-Request-Id", "R1")
		w.Header().Set("X-Amz-Id-2", "H1")
		w.WriteHeader(status)
		if r.Method != "HEAD" {
			io.WriteString(w, body)
		}
	}))
	t.Cleanup(srv.Close)
	pathStyle := true
	return s3.New(s3.Options{Region: "us-east-1", BaseEndpoint: srv.URL, ForcePathStyle: &pathStyle, RetryMaxAttempts: 1})
}

func TestS3Errors(t *testing.T) {
	ctx := context.Background()
	_, err := s3Answering(t, 404, "").HeadObject(ctx, &s3.HeadObjectInput{Bucket: "b", Key: "missing"})
	var nsk *types.NoSuchKey
	if !errors.As(err, &nsk) {
		t.Fatalf("HeadObject 404: %v, want *types.NoSuchKey", err)
	}
	var re *client.ResponseError
	if !errors.As(err, &re) || re.ServiceRequestID() != "R1" || re.ServiceHostID() != "H1" || re.HTTPStatusCode() != 404 {
		t.Fatalf("HeadObject 404: %v, want a ResponseError with request ID R1 and host ID H1", err)
	}
	_, err = s3Answering(t, 404, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>missing</Key><RequestId>R1</RequestId><HostId>H1</HostId></Error>").
		GetObject(ctx, &s3.GetObjectInput{Bucket: "b", Key: "missing"})
	if !errors.As(err, &nsk) || nsk.ErrorMessage() != "The specified key does not exist." {
		t.Fatalf("GetObject 404: %v, want *types.NoSuchKey with its message", err)
	}
	_, err = s3Answering(t, 403, "").HeadBucket(ctx, &s3.HeadBucketInput{Bucket: "b"})
	var api *client.APIError
	if !errors.As(err, &api) || api.ErrorCode() != "Forbidden" || api.RequestID != "R1" {
		t.Fatalf("HeadBucket 403: %v, want an APIError Forbidden", err)
	}
}
`

// sqsTest checks SQS's errors (json, awsQueryCompatible, no error trait in the model):
// the bytes SQS sends (moto 5.2.1 sends the same) become the typed error, with the
// query code as ErrorCode, and the generated server's answer too.
const sqsTest = `package sqs_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/aws/smithy-go"
	"scenarios/sqs"
	"scenarios/sqs/server"
	"scenarios/sqs/types"
)

type queues struct{ server.Unimplemented }

func (queues) GetQueueUrl(_ context.Context, in *sqs.GetQueueUrlInput) (*sqs.GetQueueUrlOutput, error) {
	code, msg := "AWS.SimpleQueueService.NonExistentQueue", "The specified queue does not exist."
	return nil, &types.QueueDoesNotExist{Message: &msg, ErrorCodeOverride: &code}
}

func TestSQSErrors(t *testing.T) {
	moto := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("X-Amzn-Errortype", "com.amazonaws.sqs#QueueDoesNotExist")
		w.Header().Set("Content-Type", "application/x-amz-json-1.0")
		w.Header().Set("X-Amzn-Query-Error", "AWS.SimpleQueueService.NonExistentQueue;Sender")
		w.Header().Set("X-Amzn-Requestid", "gSJmBEy9N5k1FavCRVfJn5CxeIKtiESpxreugkbiFG5gTDFVRxUe")
		w.WriteHeader(400)
		io.WriteString(w, ` + "`" + `{"__type": "com.amazonaws.sqs#QueueDoesNotExist", "message": "The specified queue does not exist.", "Message": "The specified queue does not exist."}` + "`" + `)
	})
	for name, h := range map[string]http.Handler{"sqs": moto, "generated server": server.NewHandler(queues{})} {
		srv := httptest.NewServer(h)
		c := sqs.New(sqs.Options{Region: "us-east-1", BaseEndpoint: srv.URL, HTTPClient: srv.Client()})
		_, err := c.GetQueueUrl(context.Background(), &sqs.GetQueueUrlInput{QueueName: "nope"})
		srv.Close()
		var dne *types.QueueDoesNotExist
		if !errors.As(err, &dne) {
			t.Fatalf("%s: %v, want *types.QueueDoesNotExist", name, err)
		}
		if dne.ErrorCode() != "AWS.SimpleQueueService.NonExistentQueue" || dne.ErrorMessage() != "The specified queue does not exist." || dne.ErrorFault() != smithy.FaultClient {
			t.Errorf("%s: code %q message %q fault %v", name, dne.ErrorCode(), dne.ErrorMessage(), dne.ErrorFault())
		}
	}
}
`

// corpusPackage generates the corpus's model of service as the package
// scenarios/<service>.
func corpusPackage(t *testing.T, service string) []emit.File {
	t.Helper()
	var found *shareddata.Service
	services := shareddata.Corpus(t)
	for i := range services {
		if services[i].Name == service {
			found = &services[i]
		}
	}
	if found == nil {
		t.Fatalf("the corpus has no %s model", service)
	}
	companions := map[string][]byte{}
	for name, data := range found.Files {
		if name != "service-2.json" {
			companions[service+"/"+name] = data
		}
	}
	m, diags := load.Bytes(found.Model(), found.Files["service-2.json"], companions)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	svc, diags := resolve.Resolve(m, resolve.Options{})
	if svc == nil {
		t.Fatal(diags)
	}
	files, err := emit.Generate(svc, emit.Config{ImportPath: "scenarios/" + service})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestS3Client generates the corpus's S3 model and runs a signed PutObject of a key
// that needs escaping through it, and error responses; and SQS's errors through the
// generated SQS client.
func TestS3Client(t *testing.T) {
	s3 := append(corpusPackage(t, "s3"), emit.File{Path: "s3_test.go", Data: []byte(s3Test)}, emit.File{Path: "errors_test.go", Data: []byte(s3ErrorsTest)})
	sqs := append(corpusPackage(t, "sqs"), emit.File{Path: "errors_test.go", Data: []byte(sqsTest)})
	buildAndVet(t, map[string][]emit.File{"s3": s3, "sqs": sqs})
}
