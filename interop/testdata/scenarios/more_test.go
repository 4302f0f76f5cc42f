package scenarios

import (
	"bytes"
	"context"
	"encoding/json"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"interop/ec2"
	ec2types "interop/ec2/types"
	"interop/s3"
	s3types "interop/s3/types"
	"interop/sns"
	snstypes "interop/sns/types"
	"interop/sqs"
	sqstypes "interop/sqs/types"
)

// TestS3More covers S3's headers, ranges, XML lists and batch bodies.
func TestS3More(t *testing.T) {
	ctx := context.Background()
	c := s3Client(newRecorder())
	bucket := newBucket(t, c)

	t.Run("metadata-headers-timestamps", func(t *testing.T) {
		t.Parallel()
		expires := time.Date(2031, 5, 6, 7, 8, 9, 0, time.UTC)
		meta := map[string]string{"color": "blue", "with-dash": "a b c"}
		before := time.Now().Add(-time.Minute).Truncate(time.Second)
		_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: bucket, Key: "meta/object", Body: strings.NewReader("meta"),
			Metadata: meta, Expires: &expires, CacheControl: aws.String("max-age=60"), ContentType: aws.String("text/plain; charset=utf-8"),
			ContentDisposition: aws.String(`attachment; filename="a b.txt"`), ContentLanguage: aws.String("de-CH")})
		must(t, err, "PutObject")
		for _, head := range []bool{false, true} {
			var got struct {
				meta                     map[string]string
				expires, lastModified    *time.Time
				cache, ctype, disp, lang string
				length                   int64
			}
			if head {
				out, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: bucket, Key: "meta/object"})
				must(t, err, "HeadObject")
				got.meta, got.expires, got.lastModified = out.Metadata, out.Expires, out.LastModified
				got.cache, got.ctype, got.disp, got.lang, got.length = deref(out.CacheControl), deref(out.ContentType), deref(out.ContentDisposition), deref(out.ContentLanguage), deref(out.ContentLength)
			} else {
				out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: bucket, Key: "meta/object"})
				must(t, err, "GetObject")
				out.Body.Close()
				got.meta, got.expires, got.lastModified = out.Metadata, out.Expires, out.LastModified
				got.cache, got.ctype, got.disp, got.lang, got.length = deref(out.CacheControl), deref(out.ContentType), deref(out.ContentDisposition), deref(out.ContentLanguage), deref(out.ContentLength)
			}
			if !reflect.DeepEqual(got.meta, meta) {
				t.Errorf("head=%v: Metadata %q, want %q", head, got.meta, meta)
			}
			if got.expires == nil || !got.expires.Equal(expires) {
				t.Errorf("head=%v: Expires %v, want %v", head, got.expires, expires)
			}
			if lm := deref(got.lastModified); lm.Before(before) || lm.After(time.Now().Add(time.Minute)) {
				t.Errorf("head=%v: LastModified %v, want about now", head, lm)
			}
			if got.cache != "max-age=60" || got.ctype != "text/plain; charset=utf-8" || got.disp != `attachment; filename="a b.txt"` || got.lang != "de-CH" || got.length != 4 {
				t.Errorf("head=%v: headers %+v", head, got)
			}
		}
	})

	t.Run("range", func(t *testing.T) {
		t.Parallel()
		_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: bucket, Key: "range/object", Body: strings.NewReader("0123456789")})
		must(t, err, "PutObject")
		out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: bucket, Key: "range/object", Range: aws.String("bytes=2-5")})
		must(t, err, "GetObject")
		b := new(bytes.Buffer)
		_, _ = b.ReadFrom(out.Body)
		out.Body.Close()
		if b.String() != "2345" || deref(out.ContentRange) != "bytes 2-5/10" || deref(out.ContentLength) != 4 {
			t.Errorf("range: %q, Content-Range %q, length %d", b.String(), deref(out.ContentRange), deref(out.ContentLength))
		}
	})

	t.Run("delimiter-common-prefixes", func(t *testing.T) {
		t.Parallel()
		for _, k := range []string{"tree/a/1", "tree/a/2", "tree/b ü/1", "tree/top"} {
			_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: bucket, Key: k, Body: strings.NewReader(k)})
			must(t, err, "PutObject")
		}
		out, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: bucket, Prefix: aws.String("tree/"), Delimiter: aws.String("/")})
		must(t, err, "ListObjectsV2")
		var prefixes, keys []string
		for _, p := range out.CommonPrefixes {
			prefixes = append(prefixes, deref(p.Prefix))
		}
		for _, o := range out.Contents {
			keys = append(keys, deref(o.Key))
			if o.LastModified == nil || deref(o.Size) != int64(len("tree/top")) || deref(o.ETag) == "" {
				t.Errorf("object %+v", o)
			}
		}
		if strings.Join(prefixes, "|") != "tree/a/|tree/b ü/" || strings.Join(keys, "|") != "tree/top" || deref(out.KeyCount) != 3 {
			t.Errorf("prefixes %q keys %q KeyCount %d", prefixes, keys, deref(out.KeyCount))
		}
	})

	for _, tc := range []struct {
		name string
		tags []s3types.Tag
	}{
		{"tagging-unicode", []s3types.Tag{{Key: "team", Value: "interop ü"}, {Key: "sym", Value: "a+b=c"}}},
		// a tag's Value is required, and "" is a valid value
		{"point2-tagging-empty-value", []s3types.Tag{{Key: "team", Value: "interop ü"}, {Key: "empty", Value: ""}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			key := "tags/" + tc.name
			tags := tc.tags
			_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: bucket, Key: key, Body: strings.NewReader("t")})
			must(t, err, "PutObject")
			_, err = c.PutObjectTagging(ctx, &s3.PutObjectTaggingInput{Bucket: bucket, Key: key, Tagging: &s3types.Tagging{TagSet: tags}})
			must(t, err, "PutObjectTagging")
			out, err := c.GetObjectTagging(ctx, &s3.GetObjectTaggingInput{Bucket: bucket, Key: key})
			must(t, err, "GetObjectTagging")
			sort.Slice(out.TagSet, func(i, j int) bool { return out.TagSet[i].Key < out.TagSet[j].Key })
			sort.Slice(tags, func(i, j int) bool { return tags[i].Key < tags[j].Key })
			if !reflect.DeepEqual(out.TagSet, tags) {
				t.Errorf("tags %+v, want %+v", out.TagSet, tags)
			}
		})
	}

	t.Run("copy-object", func(t *testing.T) {
		t.Parallel()
		src := "copy/source ü+.txt"
		_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: bucket, Key: src, Body: strings.NewReader("copied")})
		must(t, err, "PutObject")
		// CopySource is "bucket/key", URL-encoded by the caller as with the AWS SDKs
		out, err := c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: bucket, Key: "copy/dest", CopySource: bucket + "/copy/source%20%C3%BC%2B.txt"})
		must(t, err, "CopyObject")
		if out.CopyObjectResult == nil || deref(out.CopyObjectResult.ETag) == "" || out.CopyObjectResult.LastModified == nil {
			t.Errorf("CopyObjectResult %+v", out.CopyObjectResult)
		}
		got, _ := getBytes(t, c, bucket, "copy/dest")
		if string(got) != "copied" {
			t.Errorf("copy holds %q", got)
		}
	})

	t.Run("delete-objects-batch", func(t *testing.T) {
		t.Parallel()
		keys := []string{"batch/a", "batch/b ü", "batch/c&<>"}
		var ids []s3types.ObjectIdentifier
		for _, k := range keys {
			_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: bucket, Key: k, Body: strings.NewReader(k)})
			must(t, err, "PutObject")
			ids = append(ids, s3types.ObjectIdentifier{Key: k})
		}
		out, err := c.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: bucket, Delete: &s3types.Delete{Objects: ids}})
		must(t, err, "DeleteObjects")
		var deleted []string
		for _, d := range out.Deleted {
			deleted = append(deleted, deref(d.Key))
		}
		sort.Strings(deleted)
		if strings.Join(deleted, "|") != strings.Join(keys, "|") || len(out.Errors) != 0 {
			t.Errorf("deleted %q errors %+v", deleted, out.Errors)
		}
		list, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: bucket, Prefix: aws.String("batch/")})
		must(t, err, "ListObjectsV2")
		if len(list.Contents) != 0 {
			t.Errorf("%d objects left", len(list.Contents))
		}
	})

	t.Run("empty-object", func(t *testing.T) {
		t.Parallel()
		_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: bucket, Key: "empty/object", Body: bytes.NewReader(nil)})
		must(t, err, "PutObject")
		got, out := getBytes(t, c, bucket, "empty/object")
		if len(got) != 0 || deref(out.ContentLength) != 0 {
			t.Errorf("empty object: %d bytes, ContentLength %d", len(got), deref(out.ContentLength))
		}
	})
}

// TestEC2More covers nested lists in EC2's query requests and responses.
func TestEC2More(t *testing.T) {
	ctx := context.Background()
	c := ec2Client(newRecorder())

	t.Run("security-group-nested-lists", func(t *testing.T) {
		t.Parallel()
		name := unique("interop-sg")
		sg, err := c.CreateSecurityGroup(ctx, &ec2.CreateSecurityGroupInput{GroupName: name, Description: "interop group <&>"})
		must(t, err, "CreateSecurityGroup")
		perms := []ec2types.IpPermission{
			{IpProtocol: aws.String("tcp"), FromPort: aws.Int32(443), ToPort: aws.Int32(443),
				IpRanges: []ec2types.IpRange{{CidrIp: aws.String("10.0.0.0/8"), Description: aws.String("inside ü")}, {CidrIp: aws.String("192.168.1.0/24")}}},
			{IpProtocol: aws.String("udp"), FromPort: aws.Int32(53), ToPort: aws.Int32(53),
				IpRanges: []ec2types.IpRange{{CidrIp: aws.String("0.0.0.0/0")}}},
		}
		_, err = c.AuthorizeSecurityGroupIngress(ctx, &ec2.AuthorizeSecurityGroupIngressInput{GroupId: sg.GroupId, IpPermissions: perms})
		must(t, err, "AuthorizeSecurityGroupIngress")
		out, err := c.DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{GroupIds: []string{deref(sg.GroupId)}})
		must(t, err, "DescribeSecurityGroups")
		if len(out.SecurityGroups) != 1 {
			t.Fatalf("%d groups", len(out.SecurityGroups))
		}
		g := out.SecurityGroups[0]
		if deref(g.GroupName) != name || deref(g.Description) != "interop group <&>" {
			t.Errorf("group %q %q", deref(g.GroupName), deref(g.Description))
		}
		got := map[string][]string{}
		for _, p := range g.IpPermissions {
			for _, r := range p.IpRanges {
				got[deref(p.IpProtocol)] = append(got[deref(p.IpProtocol)], deref(r.CidrIp)+" "+deref(r.Description))
			}
			if deref(p.IpProtocol) == "tcp" && (deref(p.FromPort) != 443 || deref(p.ToPort) != 443) {
				t.Errorf("tcp ports %d-%d", deref(p.FromPort), deref(p.ToPort))
			}
		}
		for _, v := range got {
			sort.Strings(v)
		}
		want := map[string][]string{"tcp": {"10.0.0.0/8 inside ü", "192.168.1.0/24 "}, "udp": {"0.0.0.0/0 "}}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("ingress %q, want %q", got, want)
		}
	})

	t.Run("availability-zones", func(t *testing.T) {
		t.Parallel()
		out, err := c.DescribeAvailabilityZones(ctx, &ec2.DescribeAvailabilityZonesInput{})
		must(t, err, "DescribeAvailabilityZones")
		if len(out.AvailabilityZones) < 2 || !strings.HasPrefix(deref(out.AvailabilityZones[0].ZoneName), region) {
			t.Errorf("zones %+v", out.AvailabilityZones)
		}
	})
}

// TestSNSToSQS publishes with message attributes (a query map) to a topic that delivers
// to an SQS queue, and reads the delivery back.
func TestSNSToSQS(t *testing.T) {
	ctx := context.Background()
	sn, sq := snsClient(newRecorder()), sqsClient(newRecorder())
	topic, err := sn.CreateTopic(ctx, &sns.CreateTopicInput{Name: unique("interop-fanout")})
	must(t, err, "CreateTopic")
	queue, err := sq.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: unique("interop-fanout")})
	must(t, err, "CreateQueue")
	attrs, err := sq.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{QueueUrl: deref(queue.QueueUrl),
		AttributeNames: []sqstypes.QueueAttributeName{sqstypes.QueueAttributeNameQueueArn}})
	must(t, err, "GetQueueAttributes")
	_, err = sn.Subscribe(ctx, &sns.SubscribeInput{TopicArn: deref(topic.TopicArn), Protocol: "sqs",
		Endpoint: aws.String(attrs.Attributes[sqstypes.QueueAttributeNameQueueArn])})
	must(t, err, "Subscribe")

	t.Run("publish-attributes", func(t *testing.T) {
		msg := "published " + unicodeText
		pub, err := sn.Publish(ctx, &sns.PublishInput{TopicArn: topic.TopicArn, Message: msg, Subject: aws.String("subject ü"),
			MessageAttributes: map[string]snstypes.MessageAttributeValue{
				"text": {DataType: "String", StringValue: aws.String("ü & <x>")},
				"num":  {DataType: "Number", StringValue: aws.String("42")},
			}})
		must(t, err, "Publish")
		recv, err := sq.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: deref(queue.QueueUrl), WaitTimeSeconds: aws.Int32(2)})
		must(t, err, "ReceiveMessage")
		if len(recv.Messages) != 1 {
			t.Fatalf("%d messages delivered", len(recv.Messages))
		}
		var env struct {
			MessageId, Message, Subject string
			MessageAttributes           map[string]struct{ Type, Value string }
		}
		if err := json.Unmarshal([]byte(deref(recv.Messages[0].Body)), &env); err != nil {
			t.Fatalf("delivery %q: %v", deref(recv.Messages[0].Body), err)
		}
		if env.Message != msg || env.Subject != "subject ü" || env.MessageId != deref(pub.MessageId) {
			t.Errorf("delivered %+v", env)
		}
		if a := env.MessageAttributes["text"]; a.Type != "String" || a.Value != "ü & <x>" {
			t.Errorf("attribute text %+v", a)
		}
		if a := env.MessageAttributes["num"]; a.Type != "Number" || a.Value != "42" {
			t.Errorf("attribute num %+v", a)
		}
	})
}
