// Package sdktest runs aws-sdk-go-v2's S3 client against the s3 fake. It is its own
// module so that the S3 client is no dependency of svcgen; the fake's test
// (../e2e_test.go) starts the fake and runs this test with S3_ENDPOINT set.
package sdktest

import (
	"bytes"
	"context"
	"crypto/md5"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"
)

func client(t *testing.T) *s3.Client {
	endpoint := os.Getenv("S3_ENDPOINT")
	if endpoint == "" {
		t.Skip("S3_ENDPOINT is not set: this test is run by the s3 fake's test (examples/s3-fake)")
	}
	return s3.New(s3.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(endpoint),
		UsePathStyle: true,
		Credentials:  credentials.NewStaticCredentialsProvider(os.Getenv("AWS_ACCESS_KEY_ID"), os.Getenv("AWS_SECRET_ACCESS_KEY"), ""),
	})
}

func code(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return fmt.Sprint(err)
}

func TestSDK(t *testing.T) {
	c := client(t)
	ctx := context.Background()
	const b = "sdk-bucket"
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(b)})
	must(err)

	body := bytes.Repeat([]byte("go sdk "), 1000)
	put, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String("k/one.txt"), Body: bytes.NewReader(body),
		ContentType: aws.String("text/plain"), Metadata: map[string]string{"team": "go"}, ChecksumAlgorithm: types.ChecksumAlgorithmCrc32c})
	must(err)
	if want := fmt.Sprintf(`"%x"`, md5.Sum(body)); aws.ToString(put.ETag) != want || put.ChecksumCRC32C == nil {
		t.Errorf("put: ETag %s (want %s), CRC32C %v", aws.ToString(put.ETag), want, put.ChecksumCRC32C)
	}
	get, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String("k/one.txt"), ChecksumMode: types.ChecksumModeEnabled})
	must(err)
	got, err := io.ReadAll(get.Body)
	must(err)
	if !bytes.Equal(got, body) || get.Metadata["team"] != "go" || aws.ToString(get.ContentType) != "text/plain" || aws.ToString(get.ChecksumCRC32C) != aws.ToString(put.ChecksumCRC32C) {
		t.Errorf("get: %d bytes, %+v", len(got), get)
	}
	for _, alg := range []types.ChecksumAlgorithm{types.ChecksumAlgorithmCrc32, types.ChecksumAlgorithmCrc64nvme, types.ChecksumAlgorithmSha1, types.ChecksumAlgorithmSha256} {
		key := aws.String("sum/" + string(alg))
		_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: key, Body: bytes.NewReader(body), ChecksumAlgorithm: alg})
		must(err)
		g, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: key, ChecksumMode: types.ChecksumModeEnabled})
		must(err)
		got, err := io.ReadAll(g.Body) // the client checks the checksum at the end
		if err != nil || !bytes.Equal(got, body) {
			t.Errorf("%s: %v", alg, err)
		}
		_, err = c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(b), Key: key})
		must(err)
	}
	rng, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String("k/one.txt"), Range: aws.String("bytes=-5")})
	must(err)
	tail, _ := io.ReadAll(rng.Body)
	if string(tail) != string(body[len(body)-5:]) {
		t.Errorf("range: %q", tail)
	}
	if _, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String("k/one.txt"), IfMatch: aws.String(`"x"`)}); code(err) != "PreconditionFailed" {
		t.Errorf("If-Match: %v", err)
	}
	var nsk *types.NoSuchKey
	if _, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String("none")}); !errors.As(err, &nsk) {
		t.Errorf("missing key: %v", err)
	}
	var nf *types.NotFound
	if _, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b), Key: aws.String("none")}); !errors.As(err, &nf) {
		t.Errorf("head of a missing key: %v", err)
	}
	_, err = c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String(b), Key: aws.String("k/two.txt"), CopySource: aws.String(b + "/k/one.txt")})
	must(err)
	for i := range 5 {
		_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String(fmt.Sprintf("p/%d/x", i)), Body: strings.NewReader("x")})
		must(err)
	}
	var prefixes []string
	pg := s3.NewListObjectsV2Paginator(c, &s3.ListObjectsV2Input{Bucket: aws.String(b), Prefix: aws.String("p/"), Delimiter: aws.String("/"), MaxKeys: aws.Int32(2)})
	pages := 0
	for pg.HasMorePages() {
		p, err := pg.NextPage(ctx)
		must(err)
		pages++
		for _, cp := range p.CommonPrefixes {
			prefixes = append(prefixes, aws.ToString(cp.Prefix))
		}
	}
	if strings.Join(prefixes, ",") != "p/0/,p/1/,p/2/,p/3/,p/4/" || pages != 3 {
		t.Errorf("list: %d pages %v", pages, prefixes)
	}

	// multipart
	up, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(b), Key: aws.String("mp"), ChecksumAlgorithm: types.ChecksumAlgorithmCrc32})
	must(err)
	part := make([]byte, 5<<20)
	rand.Read(part)
	var done []types.CompletedPart
	for n := int32(1); n <= 2; n++ {
		data := part
		if n == 2 {
			data = []byte("end")
		}
		p, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String(b), Key: aws.String("mp"), UploadId: up.UploadId, PartNumber: aws.Int32(n),
			Body: bytes.NewReader(data), ChecksumAlgorithm: types.ChecksumAlgorithmCrc32})
		must(err)
		done = append(done, types.CompletedPart{PartNumber: aws.Int32(n), ETag: p.ETag, ChecksumCRC32: p.ChecksumCRC32})
	}
	lp, err := c.ListParts(ctx, &s3.ListPartsInput{Bucket: aws.String(b), Key: aws.String("mp"), UploadId: up.UploadId})
	must(err)
	if len(lp.Parts) != 2 {
		t.Errorf("ListParts: %d parts", len(lp.Parts))
	}
	comp, err := c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String(b), Key: aws.String("mp"), UploadId: up.UploadId,
		MultipartUpload: &types.CompletedMultipartUpload{Parts: done}})
	must(err)
	if !strings.HasSuffix(aws.ToString(comp.ETag), `-2"`) {
		t.Errorf("multipart ETag %s", aws.ToString(comp.ETag))
	}
	mp, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String("mp")})
	must(err)
	all, _ := io.ReadAll(mp.Body)
	if !bytes.Equal(all, append(bytes.Clone(part), "end"...)) {
		t.Errorf("multipart object: %d bytes", len(all))
	}

	var ids []types.ObjectIdentifier
	lo, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(b)})
	must(err)
	for _, o := range lo.Contents {
		ids = append(ids, types.ObjectIdentifier{Key: o.Key})
	}
	del, err := c.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: aws.String(b), Delete: &types.Delete{Objects: ids}})
	must(err)
	if len(del.Deleted) != len(ids) || len(ids) != 8 {
		t.Errorf("DeleteObjects: %d of %d", len(del.Deleted), len(ids))
	}
	_, err = c.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String(b)})
	must(err)
}
