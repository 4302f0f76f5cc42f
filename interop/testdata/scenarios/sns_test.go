package scenarios

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"interop/sns"
	"interop/sns/types"
)

// SNS speaks the query protocol.
func snsClient(rec *recorder) *sns.Client {
	return sns.New(sns.Options{Region: region, BaseEndpoint: endpoint, Credentials: creds, HTTPClient: rec, RetryMaxAttempts: 1})
}

func TestSNS(t *testing.T) {
	ctx := context.Background()
	c := snsClient(newRecorder())

	t.Run("create-attributes-tags-delete", func(t *testing.T) {
		t.Parallel()
		name := unique("interop-topic")
		out, err := c.CreateTopic(ctx, &sns.CreateTopicInput{Name: name,
			Attributes: map[string]string{"DisplayName": "Topic ü 🚀 & <x>"},
			Tags:       []types.Tag{{Key: "team", Value: "interop + ü"}}})
		must(t, err, "CreateTopic")
		arn := deref(out.TopicArn)
		if !strings.HasSuffix(arn, ":"+name) {
			t.Fatalf("TopicArn %q", arn)
		}
		attrs, err := c.GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: arn})
		must(t, err, "GetTopicAttributes")
		if got := attrs.Attributes["DisplayName"]; got != "Topic ü 🚀 & <x>" {
			t.Errorf("DisplayName %q", got)
		}
		tags, err := c.ListTagsForResource(ctx, &sns.ListTagsForResourceInput{ResourceArn: arn})
		must(t, err, "ListTagsForResource")
		if len(tags.Tags) != 1 || tags.Tags[0] != (types.Tag{Key: "team", Value: "interop + ü"}) {
			t.Errorf("tags %+v", tags.Tags)
		}
		_, err = c.DeleteTopic(ctx, &sns.DeleteTopicInput{TopicArn: arn})
		must(t, err, "DeleteTopic")
		_, err = c.GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: arn})
		var nf *types.NotFoundException
		if !errors.As(err, &nf) {
			t.Errorf("GetTopicAttributes after DeleteTopic: %v (%s), want *types.NotFoundException", err, typeName(err))
		}
	})

	t.Run("point2-tag-empty-value", func(t *testing.T) {
		t.Parallel()
		// a tag's Value is required, and "" is a valid value
		out, err := c.CreateTopic(ctx, &sns.CreateTopicInput{Name: unique("interop-empty-tag"),
			Tags: []types.Tag{{Key: "empty", Value: ""}}})
		must(t, err, "CreateTopic with a tag whose Value is \"\"")
		tags, err := c.ListTagsForResource(ctx, &sns.ListTagsForResourceInput{ResourceArn: deref(out.TopicArn)})
		must(t, err, "ListTagsForResource")
		if len(tags.Tags) != 1 || tags.Tags[0] != (types.Tag{Key: "empty", Value: ""}) {
			t.Errorf("tags %+v, want the one with an empty value", tags.Tags)
		}
	})

	t.Run("paginate-ListTopics", func(t *testing.T) {
		t.Parallel()
		// moto, as SNS, pages ListTopics by 100
		prefix := unique("interop-many")
		for i := range 105 {
			_, err := c.CreateTopic(ctx, &sns.CreateTopicInput{Name: fmt.Sprintf("%s-%03d", prefix, i)})
			must(t, err, "CreateTopic")
		}
		p := sns.NewListTopicsPaginator(c, &sns.ListTopicsInput{})
		seen := map[string]bool{}
		pages := 0
		for p.HasMorePages() && pages < 20 {
			page, err := p.NextPage(ctx)
			must(t, err, "NextPage")
			pages++
			for _, tp := range page.Topics {
				seen[deref(tp.TopicArn)] = true
			}
		}
		mine := 0
		for arn := range seen {
			if strings.Contains(arn, ":"+prefix+"-") {
				mine++
			}
		}
		if pages < 2 || mine != 105 {
			t.Errorf("%d pages listed %d of the 105 topics", pages, mine)
		}
	})

	t.Run("error-NotFound-typed", func(t *testing.T) {
		t.Parallel()
		_, err := c.GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: "arn:aws:sns:us-east-1:123456789012:" + unique("no-such-topic")})
		var nf *types.NotFoundException
		if !errors.As(err, &nf) {
			t.Fatalf("GetTopicAttributes of a missing topic: %v (%s), want *types.NotFoundException", err, typeName(err))
		}
		wantCode(t, err, "NotFound", 404)
	})

	t.Run("error-InvalidParameter-typed", func(t *testing.T) {
		t.Parallel()
		_, err := c.CreateTopic(ctx, &sns.CreateTopicInput{Name: "bad name with spaces!"})
		var ip *types.InvalidParameterException
		if !errors.As(err, &ip) {
			t.Fatalf("CreateTopic with a bad name: %v (%s), want *types.InvalidParameterException", err, typeName(err))
		}
		wantCode(t, err, "InvalidParameter", 400)
		_ = aws.String
	})
}
