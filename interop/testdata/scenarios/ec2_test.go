package scenarios

import (
	"context"
	"sort"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"interop/ec2"
	"interop/ec2/types"
)

// EC2 speaks its own query dialect (ec2).
func ec2Client(rec *recorder) *ec2.Client {
	return ec2.New(ec2.Options{Region: region, BaseEndpoint: endpoint, Credentials: creds, HTTPClient: rec, RetryMaxAttempts: 1})
}

func TestEC2(t *testing.T) {
	ctx := context.Background()
	c := ec2Client(newRecorder())

	t.Run("vpc-create-tags-describe-delete", func(t *testing.T) {
		t.Parallel()
		out, err := c.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.42.0.0/16"),
			TagSpecifications: []types.TagSpecification{{ResourceType: ptr(types.ResourceTypeVpc),
				Tags: []types.Tag{{Key: aws.String("Name"), Value: aws.String("interop ü & <x>")}}}}})
		must(t, err, "CreateVpc")
		id := deref(out.Vpc.VpcId)
		_, err = c.CreateTags(ctx, &ec2.CreateTagsInput{Resources: []string{id},
			Tags: []types.Tag{{Key: aws.String("empty"), Value: aws.String("")}, {Key: aws.String("team"), Value: aws.String("日本 🚀")}}})
		must(t, err, "CreateTags")
		got, err := c.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{VpcIds: []string{id}})
		must(t, err, "DescribeVpcs")
		if len(got.Vpcs) != 1 || deref(got.Vpcs[0].CidrBlock) != "10.42.0.0/16" {
			t.Fatalf("DescribeVpcs %+v", got.Vpcs)
		}
		tags := map[string]string{}
		for _, tg := range got.Vpcs[0].Tags {
			tags[deref(tg.Key)] = deref(tg.Value)
		}
		want := map[string]string{"Name": "interop ü & <x>", "empty": "", "team": "日本 🚀"}
		if len(tags) != len(want) || tags["Name"] != want["Name"] || tags["team"] != want["team"] || tags["empty"] != "" {
			t.Errorf("tags %q, want %q", tags, want)
		}
		_, err = c.DeleteVpc(ctx, &ec2.DeleteVpcInput{VpcId: id})
		must(t, err, "DeleteVpc")
		_, err = c.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{VpcIds: []string{id}})
		wantCode(t, err, "InvalidVpcID.NotFound", 400)
	})

	t.Run("paginate-DescribeVpcs", func(t *testing.T) {
		t.Parallel()
		marker := unique("pages")
		var want []string
		for range 7 {
			out, err := c.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.1.0.0/16"),
				TagSpecifications: []types.TagSpecification{{ResourceType: ptr(types.ResourceTypeVpc),
					Tags: []types.Tag{{Key: aws.String("interop-pages"), Value: &marker}}}}})
			must(t, err, "CreateVpc")
			want = append(want, deref(out.Vpc.VpcId))
		}
		p := ec2.NewDescribeVpcsPaginator(c, &ec2.DescribeVpcsInput{Filters: []types.Filter{{Name: aws.String("tag:interop-pages"), Values: []string{marker}}}},
			func(o *ec2.DescribeVpcsPaginatorOptions) { o.Limit = 5 })
		var got []string
		pages := 0
		for p.HasMorePages() && pages < 10 {
			page, err := p.NextPage(ctx)
			must(t, err, "NextPage")
			pages++
			for _, v := range page.Vpcs {
				got = append(got, deref(v.VpcId))
			}
		}
		sort.Strings(got)
		sort.Strings(want)
		if len(got) != 7 || got[0] != want[0] || got[6] != want[6] {
			t.Errorf("%d pages listed %q, want %q", pages, got, want)
		}
	})

	t.Run("error-code-InvalidVpcID.NotFound", func(t *testing.T) {
		t.Parallel()
		// EC2's model declares no error shapes: errors are generic, with the code
		_, err := c.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{VpcIds: []string{"vpc-0123456789abcdef0"}})
		ae := wantCode(t, err, "InvalidVpcID.NotFound", 400)
		if ae.ErrorMessage() == "" {
			t.Errorf("no message: %v", err)
		}
	})

	t.Run("DryRun", func(t *testing.T) {
		t.Parallel()
		_, err := c.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{DryRun: aws.Bool(true)})
		wantCode(t, err, "DryRunOperation", 412)
	})
}
