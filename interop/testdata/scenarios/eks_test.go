package scenarios

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"interop/eks"
	"interop/eks/types"
)

// EKS speaks rest-json; moto pages its ListClusters (API Gateway's lists it does not).
func eksClient(rec *recorder) *eks.Client {
	return eks.New(eks.Options{Region: region, BaseEndpoint: endpoint, Credentials: creds, HTTPClient: rec, RetryMaxAttempts: 1})
}

func newCluster(t *testing.T, c *eks.Client, name string, tags map[string]string) *types.Cluster {
	t.Helper()
	out, err := c.CreateCluster(context.Background(), &eks.CreateClusterInput{Name: name, Version: aws.String("1.31"),
		RoleArn: "arn:aws:iam::123456789012:role/interop-eks", Tags: tags,
		ResourcesVpcConfig: &types.VpcConfigRequest{SubnetIds: []string{"subnet-1", "subnet-2"}}})
	must(t, err, "CreateCluster")
	return out.Cluster
}

func TestEKS(t *testing.T) {
	ctx := context.Background()
	c := eksClient(newRecorder())

	t.Run("cluster-create-read-delete", func(t *testing.T) {
		t.Parallel()
		before := time.Now().Add(-time.Minute)
		name := unique("interop-cluster")
		tags := map[string]string{"team": "interop ü 🚀", "a:b/c": "=&?"}
		created := newCluster(t, c, name, tags)
		got, err := c.DescribeCluster(ctx, &eks.DescribeClusterInput{Name: name})
		must(t, err, "DescribeCluster")
		cl := got.Cluster
		if deref(cl.Name) != name || deref(cl.Arn) != deref(created.Arn) || deref(cl.Version) != "1.31" || !reflect.DeepEqual(cl.Tags, tags) {
			t.Errorf("DescribeCluster %+v", cl)
		}
		if ts := deref(cl.CreatedAt); ts.Before(before) || ts.After(time.Now().Add(time.Minute)) {
			t.Errorf("CreatedAt %v, want about now", ts)
		}
		_, err = c.DeleteCluster(ctx, &eks.DeleteClusterInput{Name: name})
		must(t, err, "DeleteCluster")
		_, err = c.DescribeCluster(ctx, &eks.DescribeClusterInput{Name: name})
		var rnf *types.ResourceNotFoundException
		if !errors.As(err, &rnf) {
			t.Errorf("DescribeCluster after DeleteCluster: %v (%s), want *types.ResourceNotFoundException", err, typeName(err))
		}
	})

	t.Run("paginate-ListClusters", func(t *testing.T) {
		t.Parallel()
		prefix := unique("interop-pages")
		for _, n := range []string{"a", "b", "c", "d", "e"} {
			newCluster(t, c, prefix+"-"+n, nil)
		}
		p := eks.NewListClustersPaginator(c, &eks.ListClustersInput{}, func(o *eks.ListClustersPaginatorOptions) { o.Limit = 2 })
		mine, pages := 0, 0
		for p.HasMorePages() && pages < 50 {
			page, err := p.NextPage(ctx)
			must(t, err, "NextPage")
			pages++
			if len(page.Clusters) > 2 {
				t.Errorf("page of %d clusters, want at most 2", len(page.Clusters))
			}
			for _, name := range page.Clusters {
				if strings.HasPrefix(name, prefix+"-") {
					mine++
				}
			}
		}
		if mine != 5 || pages < 3 {
			t.Errorf("%d pages listed %d of the 5 clusters", pages, mine)
		}
	})

	t.Run("error-ResourceNotFound-typed", func(t *testing.T) {
		t.Parallel()
		_, err := c.DescribeCluster(ctx, &eks.DescribeClusterInput{Name: unique("no-such-cluster")})
		var rnf *types.ResourceNotFoundException
		if !errors.As(err, &rnf) {
			t.Fatalf("DescribeCluster of a missing cluster: %v (%s), want *types.ResourceNotFoundException", err, typeName(err))
		}
		wantCode(t, err, "ResourceNotFoundException", 404)
	})

	t.Run("error-ResourceInUse-typed", func(t *testing.T) {
		t.Parallel()
		name := unique("interop-dup")
		newCluster(t, c, name, nil)
		_, err := c.CreateCluster(ctx, &eks.CreateClusterInput{Name: name, RoleArn: "arn:aws:iam::123456789012:role/interop-eks",
			ResourcesVpcConfig: &types.VpcConfigRequest{SubnetIds: []string{"subnet-1"}}})
		var riu *types.ResourceInUseException
		if !errors.As(err, &riu) {
			t.Fatalf("CreateCluster twice: %v (%s), want *types.ResourceInUseException", err, typeName(err))
		}
		wantCode(t, err, "ResourceInUseException", 409)
	})
}
