package scenarios

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"interop/apigateway"
	"interop/ec2"
	ec2types "interop/ec2/types"
	"interop/eks"
	ekstypes "interop/eks/types"
	"interop/iam"
	"interop/s3"
	s3types "interop/s3/types"
)

// TestEC2Instances covers deep EC2 responses: reservations, instances, timestamps,
// nested lists and structures.
func TestEC2Instances(t *testing.T) {
	ctx := context.Background()
	c := ec2Client(newRecorder())
	t.Run("run-describe-terminate", func(t *testing.T) {
		images, err := c.DescribeImages(ctx, &ec2.DescribeImagesInput{Owners: []string{"amazon"}})
		must(t, err, "DescribeImages")
		if len(images.Images) == 0 {
			t.Fatal("moto lists no image")
		}
		before := time.Now().Add(-time.Minute)
		marker := unique("run")
		run, err := c.RunInstances(ctx, &ec2.RunInstancesInput{ImageId: images.Images[0].ImageId, MinCount: 2, MaxCount: 2,
			InstanceType: ptr(ec2types.InstanceTypeT2Micro), UserData: aws.String("IyEvYmluL3NoCmVjaG8gaGk="),
			TagSpecifications: []ec2types.TagSpecification{{ResourceType: ptr(ec2types.ResourceTypeInstance),
				Tags: []ec2types.Tag{{Key: aws.String("run"), Value: &marker}}}}})
		must(t, err, "RunInstances")
		if len(run.Instances) != 2 || deref(run.ReservationId) == "" {
			t.Fatalf("RunInstances %+v", run)
		}
		out, err := c.DescribeInstances(ctx, &ec2.DescribeInstancesInput{Filters: []ec2types.Filter{{Name: aws.String("tag:run"), Values: []string{marker}}}})
		must(t, err, "DescribeInstances")
		var ids []string
		for _, r := range out.Reservations {
			for _, in := range r.Instances {
				ids = append(ids, deref(in.InstanceId))
				if lt := deref(in.LaunchTime); lt.Before(before) || lt.After(time.Now().Add(time.Minute)) {
					t.Errorf("LaunchTime %v, want about now", lt)
				}
				if deref(in.InstanceType) != ec2types.InstanceTypeT2Micro || in.State == nil || deref(in.State.Name) == "" ||
					in.Placement == nil || !strings.HasPrefix(deref(in.Placement.AvailabilityZone), region) {
					t.Errorf("instance %+v", in)
				}
			}
		}
		if len(ids) != 2 {
			t.Fatalf("described %d instances, want 2", len(ids))
		}
		term, err := c.TerminateInstances(ctx, &ec2.TerminateInstancesInput{InstanceIds: ids})
		must(t, err, "TerminateInstances")
		for _, ch := range term.TerminatingInstances {
			if ch.CurrentState == nil || deref(ch.CurrentState.Code) != 32 && deref(ch.CurrentState.Code) != 48 {
				t.Errorf("state change %+v", ch)
			}
		}
	})
}

// TestS3Parts covers ListParts and ListBuckets paginators and GetObjectAttributes.
func TestS3Parts(t *testing.T) {
	ctx := context.Background()
	c := s3Client(newRecorder())
	bucket := newBucket(t, c)

	t.Run("paginate-ListParts", func(t *testing.T) {
		t.Parallel()
		up, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: bucket, Key: "parts/object"})
		must(t, err, "CreateMultipartUpload")
		for i := int32(1); i <= 5; i++ {
			_, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: bucket, Key: "parts/object", UploadId: deref(up.UploadId), PartNumber: i,
				Body: bytes.NewReader(bytes.Repeat([]byte{byte(i)}, 1024))})
			must(t, err, "UploadPart")
		}
		// ListParts' token is an integer (PartNumberMarker) and S3 sends
		// NextPartNumberMarker on the last page too: IsTruncated ends the paging
		p := s3.NewListPartsPaginator(c, &s3.ListPartsInput{Bucket: bucket, Key: "parts/object", UploadId: deref(up.UploadId)},
			func(o *s3.ListPartsPaginatorOptions) { o.Limit = 2 })
		var nums []int32
		pages := 0
		for p.HasMorePages() && pages < 10 {
			page, err := p.NextPage(ctx)
			must(t, err, "NextPage")
			pages++
			for _, part := range page.Parts {
				nums = append(nums, deref(part.PartNumber))
				if deref(part.Size) != 1024 || part.LastModified == nil {
					t.Errorf("part %+v", part)
				}
			}
		}
		if !reflect.DeepEqual(nums, []int32{1, 2, 3, 4, 5}) || pages != 3 {
			t.Errorf("%d pages with parts %v", pages, nums)
		}
		_, err = c.AbortMultipartUpload(ctx, &s3.AbortMultipartUploadInput{Bucket: bucket, Key: "parts/object", UploadId: deref(up.UploadId)})
		must(t, err, "AbortMultipartUpload")
	})

	t.Run("paginate-ListBuckets", func(t *testing.T) {
		t.Parallel()
		prefix := unique("interop-lb")
		for _, s := range []string{"a", "b", "c"} {
			_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: prefix + "-" + s})
			must(t, err, "CreateBucket")
		}
		// moto ignores MaxBuckets (it sends no ContinuationToken), so the paginator
		// reads one page here; S3 would take three with a limit of 1
		p := s3.NewListBucketsPaginator(c, &s3.ListBucketsInput{Prefix: aws.String(prefix)})
		var names []string
		pages := 0
		for p.HasMorePages() && pages < 10 {
			page, err := p.NextPage(ctx)
			must(t, err, "NextPage")
			pages++
			for _, b := range page.Buckets {
				names = append(names, deref(b.Name))
				if b.CreationDate == nil {
					t.Errorf("bucket %+v has no CreationDate", b)
				}
			}
		}
		if strings.Join(names, ",") != prefix+"-a,"+prefix+"-b,"+prefix+"-c" {
			t.Errorf("%d pages with %q", pages, names)
		}
	})

	t.Run("GetObjectAttributes", func(t *testing.T) {
		t.Parallel()
		put, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: bucket, Key: "attrs/object", Body: strings.NewReader("attributes")})
		must(t, err, "PutObject")
		// moto writes this response's Last-Modified header in ISO 8601
		// (moto/s3/responses.py get_object_attributes: key.last_modified_ISO8601); S3
		// sends an HTTP date, as everywhere else. The recorder puts it back in S3's form.
		rec := newRecorder()
		// moto splits x-amz-object-attributes on "," without trimming
		// (moto/s3/responses.py), so "ETag, ObjectSize" (the list header form the
		// Smithy protocol tests pin) loses ObjectSize: send botocore's "ETag,ObjectSize"
		rec.before = func(req *http.Request) {
			for k, v := range req.Header {
				if strings.EqualFold(k, "X-Amz-Object-Attributes") && len(v) == 1 {
					v[0] = strings.ReplaceAll(v[0], ", ", ",")
				}
			}
		}
		rec.mutate = func(resp *http.Response) {
			if ts, err := time.Parse(time.RFC3339, resp.Header.Get("Last-Modified")); err == nil {
				resp.Header.Set("Last-Modified", ts.UTC().Format(http.TimeFormat))
			}
		}
		out, err := s3Client(rec).GetObjectAttributes(ctx, &s3.GetObjectAttributesInput{Bucket: bucket, Key: "attrs/object",
			ObjectAttributes: []s3types.ObjectAttributes{s3types.ObjectAttributesETag, s3types.ObjectAttributesObjectSize, s3types.ObjectAttributesStorageClass}})
		must(t, err, "GetObjectAttributes")
		if deref(out.ObjectSize) != 10 || strings.Trim(deref(out.ETag), `"`) != strings.Trim(deref(put.ETag), `"`) || out.LastModified == nil {
			t.Errorf("attributes size %d etag %q (put %q) last modified %v", deref(out.ObjectSize), deref(out.ETag), deref(put.ETag), out.LastModified)
		}
	})
}

// TestIAMPolicies covers inline policy documents.
func TestIAMPolicies(t *testing.T) {
	ctx := context.Background()
	c := iamClient(newRecorder())
	t.Run("role-inline-policy", func(t *testing.T) {
		role := unique("interop-inline")
		_, err := c.CreateRole(ctx, &iam.CreateRoleInput{RoleName: role, AssumeRolePolicyDocument: trustPolicy})
		must(t, err, "CreateRole")
		doc := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":"arn:aws:s3:::b/ü+ &*"}]}`
		_, err = c.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: role, PolicyName: "inline", PolicyDocument: doc})
		must(t, err, "PutRolePolicy")
		out, err := c.GetRolePolicy(ctx, &iam.GetRolePolicyInput{RoleName: role, PolicyName: "inline"})
		must(t, err, "GetRolePolicy")
		got, err := url.QueryUnescape(out.PolicyDocument)
		if err != nil || got != doc {
			t.Errorf("PolicyDocument %q (%v), want %q", out.PolicyDocument, err, doc)
		}
		list, err := c.ListRolePolicies(ctx, &iam.ListRolePoliciesInput{RoleName: role})
		must(t, err, "ListRolePolicies")
		if !reflect.DeepEqual(list.PolicyNames, []string{"inline"}) {
			t.Errorf("policies %q", list.PolicyNames)
		}
	})
}

// TestEKSNodegroup covers maps and lists of structures in rest-json bodies.
func TestEKSNodegroup(t *testing.T) {
	ctx := context.Background()
	c := eksClient(newRecorder())
	t.Run("nodegroup-labels-taints", func(t *testing.T) {
		cluster := unique("interop-ng")
		newCluster(t, c, cluster, nil)
		labels := map[string]string{"tier": "interop", "ü": "🚀"}
		taints := []ekstypes.Taint{{Key: aws.String("dedicated"), Value: aws.String("interop"), Effect: ptr(ekstypes.TaintEffectNoSchedule)}}
		_, err := c.CreateNodegroup(ctx, &eks.CreateNodegroupInput{ClusterName: cluster, NodegroupName: "ng", NodeRole: "arn:aws:iam::123456789012:role/node",
			Subnets: []string{"subnet-1"}, Labels: labels, Taints: taints, InstanceTypes: []string{"t3.small", "t3.medium"},
			ScalingConfig: &ekstypes.NodegroupScalingConfig{MinSize: aws.Int32(0), MaxSize: aws.Int32(3), DesiredSize: aws.Int32(1)}})
		must(t, err, "CreateNodegroup")
		out, err := c.DescribeNodegroup(ctx, &eks.DescribeNodegroupInput{ClusterName: cluster, NodegroupName: "ng"})
		must(t, err, "DescribeNodegroup")
		ng := out.Nodegroup
		if !reflect.DeepEqual(ng.Labels, labels) || !reflect.DeepEqual(ng.InstanceTypes, []string{"t3.small", "t3.medium"}) ||
			deref(ng.ScalingConfig.MinSize) != 0 || deref(ng.ScalingConfig.MaxSize) != 3 {
			t.Errorf("nodegroup %+v", ng)
		}
		if len(ng.Taints) != 1 || deref(ng.Taints[0].Key) != "dedicated" || deref(ng.Taints[0].Effect) != ekstypes.TaintEffectNoSchedule {
			t.Errorf("taints %+v", ng.Taints)
		}
	})
}

// TestAPIGatewayStages covers string maps in rest-json bodies.
func TestAPIGatewayStages(t *testing.T) {
	ctx := context.Background()
	c := apigatewayClient(newRecorder())
	t.Run("deployment-stage-variables", func(t *testing.T) {
		api, err := c.CreateRestApi(ctx, &apigateway.CreateRestApiInput{Name: unique("interop-stage")})
		must(t, err, "CreateRestApi")
		_, err = c.PutMethod(ctx, &apigateway.PutMethodInput{RestApiId: deref(api.Id), ResourceId: deref(api.RootResourceId), HttpMethod: "GET", AuthorizationType: "NONE"})
		must(t, err, "PutMethod")
		_, err = c.PutIntegration(ctx, &apigateway.PutIntegrationInput{RestApiId: deref(api.Id), ResourceId: deref(api.RootResourceId), HttpMethod: "GET", Type: "MOCK"})
		must(t, err, "PutIntegration")
		dep, err := c.CreateDeployment(ctx, &apigateway.CreateDeploymentInput{RestApiId: deref(api.Id), Description: aws.String("first ü")})
		must(t, err, "CreateDeployment")
		vars := map[string]string{"backend": "https://example.com/a?b=c", "u": "ü"}
		_, err = c.CreateStage(ctx, &apigateway.CreateStageInput{RestApiId: deref(api.Id), StageName: "prod", DeploymentId: deref(dep.Id), Variables: vars})
		must(t, err, "CreateStage")
		st, err := c.GetStage(ctx, &apigateway.GetStageInput{RestApiId: deref(api.Id), StageName: "prod"})
		must(t, err, "GetStage")
		if !reflect.DeepEqual(st.Variables, vars) || deref(st.DeploymentId) != deref(dep.Id) {
			t.Errorf("stage %+v", st)
		}
	})
}
