package scenarios

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"errors"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"interop/sqs"
	"interop/sqs/types"
)

// SQS speaks json 1.0 with awsQueryCompatible: its errors carry the query code in
// x-amzn-query-error.
func sqsClient(rec *recorder) *sqs.Client {
	return sqs.New(sqs.Options{Region: region, BaseEndpoint: endpoint, Credentials: creds, HTTPClient: rec, RetryMaxAttempts: 1})
}

func TestSQS(t *testing.T) {
	ctx := context.Background()
	c := sqsClient(newRecorder())

	t.Run("create-send-receive-delete", func(t *testing.T) {
		t.Parallel()
		name := unique("interop-queue")
		created, err := c.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: name,
			Attributes: map[types.QueueAttributeName]string{types.QueueAttributeNameVisibilityTimeout: "17"},
			Tags:       map[string]string{"owner": "interop ü"}})
		must(t, err, "CreateQueue")
		got, err := c.GetQueueUrl(ctx, &sqs.GetQueueUrlInput{QueueName: name})
		must(t, err, "GetQueueUrl")
		url := deref(created.QueueUrl)
		if deref(got.QueueUrl) != url || !strings.HasSuffix(url, "/"+name) {
			t.Fatalf("GetQueueUrl %q, CreateQueue %q", deref(got.QueueUrl), url)
		}
		attrs, err := c.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{QueueUrl: url,
			AttributeNames: []types.QueueAttributeName{types.QueueAttributeNameVisibilityTimeout}})
		must(t, err, "GetQueueAttributes")
		if v := attrs.Attributes[types.QueueAttributeNameVisibilityTimeout]; v != "17" {
			t.Errorf("VisibilityTimeout %q, want 17", v)
		}
		tags, err := c.ListQueueTags(ctx, &sqs.ListQueueTagsInput{QueueUrl: url})
		must(t, err, "ListQueueTags")
		if !reflect.DeepEqual(tags.Tags, map[string]string{"owner": "interop ü"}) {
			t.Errorf("tags %v", tags.Tags)
		}

		body := "message " + unicodeText + " <xml>&amp;"
		msgAttrs := map[string]types.MessageAttributeValue{
			"bin":  {DataType: "Binary", BinaryValue: []byte{0, 1, 2, 0xfe, 0xff}},
			"num":  {DataType: "Number", StringValue: aws.String("-12.5e3")},
			"text": {DataType: "String", StringValue: aws.String("ü 🚀")},
		}
		sent, err := c.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: url, MessageBody: body, MessageAttributes: msgAttrs})
		must(t, err, "SendMessage")
		sum := md5.Sum([]byte(body))
		if deref(sent.MD5OfMessageBody) != hex.EncodeToString(sum[:]) {
			t.Errorf("MD5OfMessageBody %q, want %x", deref(sent.MD5OfMessageBody), sum)
		}
		recv, err := c.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: url, MaxNumberOfMessages: aws.Int32(1),
			MessageAttributeNames: []string{"All"}, WaitTimeSeconds: aws.Int32(1)})
		must(t, err, "ReceiveMessage")
		if len(recv.Messages) != 1 {
			t.Fatalf("received %d messages, want 1", len(recv.Messages))
		}
		m := recv.Messages[0]
		if deref(m.Body) != body || deref(m.MessageId) != deref(sent.MessageId) {
			t.Errorf("received %q (%s), want %q (%s)", deref(m.Body), deref(m.MessageId), body, deref(sent.MessageId))
		}
		if !reflect.DeepEqual(m.MessageAttributes, msgAttrs) {
			t.Errorf("message attributes\n%+v\nwant\n%+v", m.MessageAttributes, msgAttrs)
		}
		_, err = c.DeleteMessage(ctx, &sqs.DeleteMessageInput{QueueUrl: url, ReceiptHandle: deref(m.ReceiptHandle)})
		must(t, err, "DeleteMessage")
		_, err = c.DeleteQueue(ctx, &sqs.DeleteQueueInput{QueueUrl: url})
		must(t, err, "DeleteQueue")
	})

	t.Run("paginate-ListQueues", func(t *testing.T) {
		t.Parallel()
		prefix := unique("interop-pages")
		var want []string
		for i := range 5 {
			out, err := c.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: prefix + "-" + string(rune('a'+i))})
			must(t, err, "CreateQueue")
			want = append(want, deref(out.QueueUrl))
		}
		p := sqs.NewListQueuesPaginator(c, &sqs.ListQueuesInput{QueueNamePrefix: aws.String(prefix)},
			func(o *sqs.ListQueuesPaginatorOptions) { o.Limit = 2 })
		var got []string
		pages := 0
		for p.HasMorePages() && pages < 10 {
			page, err := p.NextPage(ctx)
			must(t, err, "NextPage")
			pages++
			got = append(got, page.QueueUrls...)
		}
		sort.Strings(got)
		// moto ignores MaxResults (moto/sqs/responses.py list_queues) and answers in one
		// page; SQS would take 3. Multi-page json paging is covered by secretsmanager.
		if pages < 1 || !reflect.DeepEqual(got, want) {
			t.Errorf("%d pages with %q, want %q", pages, got, want)
		}
	})

	t.Run("point1-QueueDoesNotExist-typed", func(t *testing.T) {
		t.Parallel()
		_, err := c.GetQueueUrl(ctx, &sqs.GetQueueUrlInput{QueueName: unique("no-such-queue")})
		var qdne *types.QueueDoesNotExist
		if !errors.As(err, &qdne) {
			t.Fatalf("GetQueueUrl of a missing queue: %v (%s), want *types.QueueDoesNotExist", err, typeName(err))
		}
		var ae apiError
		if errors.As(err, &ae); ae.HTTPStatusCode() != 400 {
			t.Errorf("status %d, want 400", ae.HTTPStatusCode())
		}
	})

	t.Run("point8-error-wire-status-request-id", func(t *testing.T) {
		t.Parallel()
		rec := newRecorder()
		_, err := sqsClient(rec).GetQueueUrl(ctx, &sqs.GetQueueUrlInput{QueueName: unique("no-such-queue")})
		wantWireFacts(t, err, rec)
	})
}
