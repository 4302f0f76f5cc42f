package emit_test

import (
	"testing"

	"github.com/svcgen/svcgen/generator/emit"
	"github.com/svcgen/svcgen/internal/scratch"
	"github.com/svcgen/svcgen/internal/shareddata"
)

// requiredTest runs against packages generated from the corpus's SNS (awsQuery), KMS
// (awsJson, client and server) and S3 (rest-xml) models: a required tag value held by
// value and sent as "" (which the models allow) is serialized and passes the client's
// checks (issue 10); the KMS server tells it from an absent one.
const requiredTest = `package required_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"scenarios/kms"
	kmsserver "scenarios/kms/server"
	kmstypes "scenarios/kms/types"
	"scenarios/s3"
	s3types "scenarios/s3/types"
	"scenarios/sns"
	snstypes "scenarios/sns/types"
)

var creds = aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
	return aws.Credentials{AccessKeyID: "AKID", SecretAccessKey: "SECRET"}, nil
})

// recorder is an HTTP client that keeps the request body and answers 200 with body.
type recorder struct {
	reply, sent string
	calls       int
}

func (r *recorder) Do(req *http.Request) (*http.Response, error) {
	r.calls++
	if req.Body != nil {
		b, _ := io.ReadAll(req.Body)
		r.sent = string(b)
	}
	return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(r.reply)), Request: req}, nil
}

func TestSNSCreateTopicEmptyTagValue(t *testing.T) {
	rec := &recorder{reply: "<CreateTopicResponse><CreateTopicResult><TopicArn>arn:t</TopicArn></CreateTopicResult></CreateTopicResponse>"}
	c := sns.New(sns.Options{Region: "us-east-1", BaseEndpoint: "https://sns.example.com", Credentials: creds, HTTPClient: rec})
	out, err := c.CreateTopic(context.Background(), &sns.CreateTopicInput{Name: "t", Tags: []snstypes.Tag{{Key: "k", Value: ""}}})
	if err != nil {
		t.Fatalf("CreateTopic with an empty tag value: %v", err)
	}
	if !strings.Contains(rec.sent+"&", "&Tags.member.1.Key=k&Tags.member.1.Value=&") {
		t.Errorf("sent %s, want Tags.member.1.Value= in it", rec.sent)
	}
	if out.TopicArn == nil || *out.TopicArn != "arn:t" {
		t.Errorf("TopicArn %v", out.TopicArn)
	}
}

func TestS3PutBucketTaggingEmptyValue(t *testing.T) {
	rec := &recorder{}
	pathStyle := true
	c := s3.New(s3.Options{Region: "us-east-1", BaseEndpoint: "https://s3.example.com", ForcePathStyle: &pathStyle, Credentials: creds, HTTPClient: rec})
	_, err := c.PutBucketTagging(context.Background(), &s3.PutBucketTaggingInput{Bucket: "b", Tagging: &s3types.Tagging{TagSet: []s3types.Tag{{Key: "k", Value: ""}}}})
	if err != nil {
		t.Fatalf("PutBucketTagging with an empty tag value: %v", err)
	}
	if !strings.Contains(rec.sent, "<Key>k</Key><Value></Value>") {
		t.Errorf("sent %s, want an empty Value element", rec.sent)
	}
	// a nil required structure still makes no request
	if _, err := c.PutBucketTagging(context.Background(), &s3.PutBucketTaggingInput{Bucket: "b"}); err == nil || !strings.Contains(err.Error(), "/Tagging: required member is missing") || rec.calls != 1 {
		t.Errorf("nil Tagging: %v after %d calls", err, rec.calls)
	}
}

func TestKMSTagResourceEmptyValue(t *testing.T) {
	rec := &recorder{reply: "{}"}
	c := kms.New(kms.Options{Region: "us-east-1", BaseEndpoint: "https://kms.example.com", Credentials: creds, HTTPClient: rec})
	_, err := c.TagResource(context.Background(), &kms.TagResourceInput{KeyId: "k1", Tags: []kmstypes.Tag{{TagKey: "k", TagValue: ""}}})
	if err != nil {
		t.Fatalf("TagResource with an empty tag value: %v", err)
	}
	if !strings.Contains(rec.sent, "{\"TagKey\":\"k\",\"TagValue\":\"\"}") {
		t.Errorf("sent %s, want TagValue \"\"", rec.sent)
	}
}

type keys struct {
	kmsserver.Unimplemented
	tags []kmstypes.Tag
}

func (k *keys) TagResource(_ context.Context, in *kms.TagResourceInput) (*kms.TagResourceOutput, error) {
	k.tags = in.Tags
	return &kms.TagResourceOutput{}, nil
}

func TestKMSServerTagValue(t *testing.T) {
	type field struct{ Path, Message string }
	for _, c := range []struct {
		body   string
		status int
		fields []field
	}{
		{` + "`" + `{"KeyId":"k1","Tags":[{"TagKey":"k","TagValue":""}]}` + "`" + `, 200, nil},
		{` + "`" + `{"KeyId":"k1","Tags":[{"TagKey":"k","TagValue":"v"},{"TagKey":"k2"}]}` + "`" + `, 400, []field{{"/Tags/1/TagValue", "required member is missing"}}},
		{` + "`" + `{"KeyId":"k1","Tags":[{"TagKey":"","TagValue":""}]}` + "`" + `, 400, []field{{"/Tags/0/TagKey", "length 0 is less than the minimum 1"}}},
		{` + "`" + `{"Tags":[]}` + "`" + `, 400, []field{{"/KeyId", "required member is missing"}}},
	} {
		k := &keys{}
		req := httptest.NewRequest("POST", "/", bytes.NewReader([]byte(c.body)))
		req.Header.Set("X-Amz-Target", "TrentService.TagResource")
		req.Header.Set("Content-Type", "application/x-amz-json-1.1")
		w := httptest.NewRecorder()
		kmsserver.NewHandler(k).ServeHTTP(w, req)
		var resp struct{ FieldList []field }
		if w.Code != 200 {
			json.Unmarshal(w.Body.Bytes(), &resp)
		}
		if w.Code != c.status || !reflect.DeepEqual(resp.FieldList, c.fields) {
			t.Errorf("%s: %d %s\nwant %d %v", c.body, w.Code, w.Body, c.status, c.fields)
		}
		if c.status == 200 && (len(k.tags) != 1 || k.tags[0] != (kmstypes.Tag{TagKey: "k"})) {
			t.Errorf("%s: the service got %+v", c.body, k.tags)
		}
	}
}
`

// corpusPackage generates the corpus's model of service as package scenarios/<name>.
func corpusPackage(t *testing.T, services []shareddata.Service, name string) []emit.File {
	t.Helper()
	for _, s := range services {
		if s.Name == name {
			files, err := scratch.Generate(s, "scenarios/"+name)
			if err != nil {
				t.Fatal(err)
			}
			return files
		}
	}
	t.Fatalf("the corpus has no %s model", name)
	return nil
}

// TestRequiredEmptyValues generates SNS, KMS and S3 from the corpus and runs
// requiredTest against them: the case issue 10 reported, in three protocols.
func TestRequiredEmptyValues(t *testing.T) {
	services := shareddata.Corpus(t)
	pkgs := map[string][]emit.File{}
	for _, name := range []string{"sns", "kms", "s3"} {
		pkgs[name] = corpusPackage(t, services, name)
	}
	pkgs["required"] = []emit.File{{Path: "required_test.go", Data: []byte(requiredTest)}}
	buildAndVet(t, pkgs)
}
