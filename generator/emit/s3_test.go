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

// TestS3Client generates the corpus's S3 model and runs a signed PutObject of a key
// that needs escaping through it.
func TestS3Client(t *testing.T) {
	var s3 *shareddata.Service
	services := shareddata.Corpus(t)
	for i := range services {
		if services[i].Name == "s3" {
			s3 = &services[i]
		}
	}
	if s3 == nil {
		t.Fatal("the corpus has no s3 model")
	}
	companions := map[string][]byte{}
	for name, data := range s3.Files {
		if name != "service-2.json" {
			companions["s3/"+name] = data
		}
	}
	m, diags := load.Bytes(s3.Model(), s3.Files["service-2.json"], companions)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	svc, diags := resolve.Resolve(m, resolve.Options{})
	if svc == nil {
		t.Fatal(diags)
	}
	files, err := emit.Generate(svc, emit.Config{ImportPath: "scenarios/s3"})
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, emit.File{Path: "s3_test.go", Data: []byte(s3Test)}, emit.File{Path: "s3_custom_test.go", Data: []byte(s3CustomTest)})
	buildAndVet(t, map[string][]emit.File{"s3": files})
}
