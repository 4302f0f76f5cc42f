package scenarios

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"interop/dynamodb"
	ddbtypes "interop/dynamodb/types"
	"interop/route53"
	r53types "interop/route53/types"
	"interop/s3"
	s3types "interop/s3/types"
	"interop/sqs"
	sqstypes "interop/sqs/types"
	"interop/sts"
	ststypes "interop/sts/types"
)

// TestS3Bucket covers bucket-level operations: string payloads, the location
// document, versioning and the two-token ListObjectVersions paginator.
func TestS3Bucket(t *testing.T) {
	ctx := context.Background()
	c := s3Client(newRecorder())

	t.Run("policy-string-payload", func(t *testing.T) {
		t.Parallel()
		bucket := newBucket(t, c)
		policy := `{"Version":"2012-10-17","Statement":[{"Sid":"ü","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::` + bucket + `/*"}]}`
		_, err := c.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: bucket, Policy: policy})
		must(t, err, "PutBucketPolicy")
		out, err := c.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: bucket})
		must(t, err, "GetBucketPolicy")
		if deref(out.Policy) != policy {
			t.Errorf("policy %q, want %q", deref(out.Policy), policy)
		}
	})

	t.Run("point9-GetBucketLocation-eu-west-1", func(t *testing.T) {
		t.Parallel()
		// S3 answers <LocationConstraint>eu-west-1</LocationConstraint>, the output's
		// member as the document's root: the SDKs special-case it (botocore's
		// parse_get_bucket_location, Smithy's s3UnwrappedXmlOutput)
		bucket := unique("interop-eu")
		eu := s3.New(s3.Options{Region: "eu-west-1", BaseEndpoint: endpoint, Credentials: creds, HTTPClient: newRecorder(), ForcePathStyle: aws.Bool(true)})
		_, err := eu.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: bucket,
			CreateBucketConfiguration: &s3types.CreateBucketConfiguration{LocationConstraint: ptr(s3types.BucketLocationConstraintEuWest1)}})
		must(t, err, "CreateBucket")
		out, err := eu.GetBucketLocation(ctx, &s3.GetBucketLocationInput{Bucket: bucket})
		must(t, err, "GetBucketLocation")
		if deref(out.LocationConstraint) != s3types.BucketLocationConstraintEuWest1 {
			t.Errorf("LocationConstraint %q, want eu-west-1", deref(out.LocationConstraint))
		}
	})

	t.Run("versions-paginator", func(t *testing.T) {
		t.Parallel()
		bucket := newBucket(t, c)
		_, err := c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: bucket,
			VersioningConfiguration: &s3types.VersioningConfiguration{Status: ptr(s3types.BucketVersioningStatusEnabled)}})
		must(t, err, "PutBucketVersioning")
		v, err := c.GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: bucket})
		must(t, err, "GetBucketVersioning")
		if deref(v.Status) != s3types.BucketVersioningStatusEnabled {
			t.Errorf("versioning %q", deref(v.Status))
		}
		for i := range 3 {
			for _, k := range []string{"v/a", "v/b"} {
				_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: bucket, Key: k, Body: strings.NewReader(fmt.Sprint(i))})
				must(t, err, "PutObject")
			}
		}
		p := s3.NewListObjectVersionsPaginator(c, &s3.ListObjectVersionsInput{Bucket: bucket}, func(o *s3.ListObjectVersionsPaginatorOptions) { o.Limit = 4 })
		versions, pages := map[string]bool{}, 0
		for p.HasMorePages() && pages < 10 {
			page, err := p.NextPage(ctx)
			must(t, err, "NextPage")
			pages++
			for _, ov := range page.Versions {
				versions[deref(ov.Key)+" "+deref(ov.VersionId)] = true
			}
		}
		if len(versions) != 6 || pages < 2 {
			t.Errorf("%d pages listed %d versions, want 6", pages, len(versions))
		}
	})
}

// TestDynamoDBMore covers an error with members of its own, updates and timestamps.
func TestDynamoDBMore(t *testing.T) {
	ctx := context.Background()
	c := dynamodbClient(newRecorder())
	before := time.Now().Add(-time.Minute)
	table := newTable(t, c)

	t.Run("describe-table-timestamp", func(t *testing.T) {
		t.Parallel()
		out, err := c.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: table})
		must(t, err, "DescribeTable")
		if ts := deref(out.Table.CreationDateTime); ts.Before(before) || ts.After(time.Now().Add(time.Minute)) {
			t.Errorf("CreationDateTime %v, want about now", ts)
		}
		if len(out.Table.KeySchema) != 2 || out.Table.KeySchema[1].KeyType != ddbtypes.KeyTypeRange {
			t.Errorf("key schema %+v", out.Table.KeySchema)
		}
	})

	t.Run("update-item-return-values", func(t *testing.T) {
		t.Parallel()
		key := map[string]ddbtypes.AttributeValue{"pk": s("update"), "sk": n("1")}
		_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: table, Item: map[string]ddbtypes.AttributeValue{"pk": s("update"), "sk": n("1"), "count": n("41")}})
		must(t, err, "PutItem")
		out, err := c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: table, Key: key, ReturnValues: ptr(ddbtypes.ReturnValueAllNew),
			UpdateExpression:          aws.String("SET #c = #c + :one, #t = :t"),
			ExpressionAttributeNames:  map[string]string{"#c": "count", "#t": "text ü"},
			ExpressionAttributeValues: map[string]ddbtypes.AttributeValue{":one": n("1"), ":t": s("🚀")}})
		must(t, err, "UpdateItem")
		if deref(out.Attributes["count"].N) != "42" || deref(out.Attributes["text ü"].S) != "🚀" {
			t.Errorf("attributes %v", out.Attributes)
		}
	})

	t.Run("error-TransactionCanceled-reasons", func(t *testing.T) {
		t.Parallel()
		item := map[string]ddbtypes.AttributeValue{"pk": s("txn"), "sk": n("1")}
		_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: table, Item: item})
		must(t, err, "PutItem")
		_, err = c.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []ddbtypes.TransactWriteItem{
			{Put: &ddbtypes.Put{TableName: table, Item: map[string]ddbtypes.AttributeValue{"pk": s("txn"), "sk": n("2")}}},
			{Put: &ddbtypes.Put{TableName: table, Item: item, ConditionExpression: aws.String("attribute_not_exists(pk)")}},
		}})
		var tce *ddbtypes.TransactionCanceledException
		if !errors.As(err, &tce) {
			t.Fatalf("TransactWriteItems: %v (%s), want *types.TransactionCanceledException", err, typeName(err))
		}
		if len(tce.CancellationReasons) != 2 || deref(tce.CancellationReasons[0].Code) != "None" ||
			deref(tce.CancellationReasons[1].Code) != "ConditionalCheckFailed" {
			var codes []string
			for _, r := range tce.CancellationReasons {
				codes = append(codes, deref(r.Code))
			}
			t.Errorf("CancellationReasons %q, want [None ConditionalCheckFailed]", codes)
		}
	})
}

// TestSQSMore covers batches with a failed entry and system attributes.
func TestSQSMore(t *testing.T) {
	ctx := context.Background()
	c := sqsClient(newRecorder())
	q, err := c.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: unique("interop-batch")})
	must(t, err, "CreateQueue")
	url := deref(q.QueueUrl)

	t.Run("batch-system-attributes", func(t *testing.T) {
		// No failed entry: moto writes a failed entry's SenderFault as the string "true"
		// (moto/sqs/responses.py; SQS sends the boolean, and a strict decoder, as
		// aws-sdk-go-v2's, refuses the string).
		out, err := c.SendMessageBatch(ctx, &sqs.SendMessageBatchInput{QueueUrl: url, Entries: []sqstypes.SendMessageBatchRequestEntry{
			{Id: "ok", MessageBody: "fine ü"},
			{Id: "delayed", MessageBody: "later", DelaySeconds: aws.Int32(900)},
		}})
		must(t, err, "SendMessageBatch")
		if len(out.Successful) != 2 || len(out.Failed) != 0 || out.Successful[0].MessageId == "" {
			t.Errorf("successful %+v failed %+v", out.Successful, out.Failed)
		}
		before := time.Now().Add(-time.Minute)
		recv, err := c.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: url, WaitTimeSeconds: aws.Int32(1),
			MessageSystemAttributeNames: []sqstypes.MessageSystemAttributeName{sqstypes.MessageSystemAttributeNameAll}})
		must(t, err, "ReceiveMessage")
		if len(recv.Messages) != 1 || deref(recv.Messages[0].Body) != "fine ü" {
			t.Fatalf("received %+v", recv.Messages)
		}
		var ms int64
		fmt.Sscan(recv.Messages[0].Attributes[sqstypes.MessageSystemAttributeNameSentTimestamp], &ms)
		if sent := time.UnixMilli(ms); sent.Before(before) || sent.After(time.Now().Add(time.Minute)) {
			t.Errorf("SentTimestamp %q", recv.Messages[0].Attributes[sqstypes.MessageSystemAttributeNameSentTimestamp])
		}
	})

	t.Run("empty-receive", func(t *testing.T) {
		q, err := c.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: unique("interop-empty")})
		must(t, err, "CreateQueue")
		recv, err := c.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: deref(q.QueueUrl)})
		must(t, err, "ReceiveMessage")
		if len(recv.Messages) != 0 {
			t.Errorf("received %+v from an empty queue", recv.Messages)
		}
	})
}

// TestSTSMore covers lists of structures in a query request.
func TestSTSMore(t *testing.T) {
	ctx := context.Background()
	c := stsClient(newRecorder())
	t.Run("AssumeRole-tags-policy-arns", func(t *testing.T) {
		out, err := c.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: "arn:aws:iam::123456789012:role/interop", RoleSessionName: "tagged",
			Tags:              []ststypes.Tag{{Key: "team", Value: "interop ü"}, {Key: "b", Value: "2"}},
			PolicyArns:        []ststypes.PolicyDescriptorType{{Arn: aws.String("arn:aws:iam::aws:policy/ReadOnlyAccess")}},
			TransitiveTagKeys: []string{"team"}, ExternalId: aws.String("ext-id")})
		must(t, err, "AssumeRole")
		if out.Credentials == nil || out.Credentials.AccessKeyId == "" {
			t.Errorf("credentials %+v", out.Credentials)
		}
	})
}

// TestRoute53More covers an ISO 8601 timestamp in a rest-xml response.
func TestRoute53More(t *testing.T) {
	ctx := context.Background()
	c := route53Client(newRecorder())
	t.Run("change-info-submitted-at", func(t *testing.T) {
		before := time.Now().Add(-time.Minute)
		id, name := newZone(t, c)
		out, err := c.ChangeResourceRecordSets(ctx, &route53.ChangeResourceRecordSetsInput{HostedZoneId: strings.TrimPrefix(id, "/hostedzone/"),
			ChangeBatch: &r53types.ChangeBatch{Changes: []r53types.Change{{Action: r53types.ChangeActionUpsert, ResourceRecordSet: &r53types.ResourceRecordSet{
				Name: "www." + name, Type: r53types.RRTypeA, TTL: aws.Int64(300),
				ResourceRecords: []r53types.ResourceRecord{{Value: "192.0.2.1"}, {Value: "192.0.2.2"}}}}}}})
		must(t, err, "ChangeResourceRecordSets")
		ci := out.ChangeInfo
		if ci == nil || ci.Id == "" || ci.SubmittedAt.Before(before) || ci.SubmittedAt.After(time.Now().Add(time.Minute)) {
			t.Errorf("ChangeInfo %+v", ci)
		}
	})
}
