package scenarios

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"interop/apigateway"
	"interop/apigateway/types"
)

// API Gateway speaks rest-json.
func apigatewayClient(rec *recorder) *apigateway.Client {
	return apigateway.New(apigateway.Options{Region: region, BaseEndpoint: endpoint, Credentials: creds, HTTPClient: rec, RetryMaxAttempts: 1})
}

func TestAPIGateway(t *testing.T) {
	ctx := context.Background()
	c := apigatewayClient(newRecorder())

	t.Run("restapi-create-read-delete", func(t *testing.T) {
		t.Parallel()
		before := time.Now().Add(-time.Minute).Truncate(time.Second)
		name := unique("interop api ü")
		tags := map[string]string{"team": "interop 🚀", "k/with:chars": "v=1&2"}
		created, err := c.CreateRestApi(ctx, &apigateway.CreateRestApiInput{Name: name, Description: aws.String(unicodeText),
			Tags: tags, MinimumCompressionSize: aws.Int32(1024)})
		must(t, err, "CreateRestApi")
		id := deref(created.Id)
		got, err := c.GetRestApi(ctx, &apigateway.GetRestApiInput{RestApiId: id})
		must(t, err, "GetRestApi")
		// (moto ignores binaryMediaTypes on CreateRestApi, so the scenario sends none)
		if deref(got.Name) != name || deref(got.Description) != unicodeText || !reflect.DeepEqual(got.Tags, tags) ||
			deref(got.MinimumCompressionSize) != 1024 {
			t.Errorf("GetRestApi %+v", got)
		}
		if ts := deref(got.CreatedDate); ts.Before(before) || ts.After(time.Now().Add(time.Minute)) || !ts.Equal(deref(created.CreatedDate)) {
			t.Errorf("CreatedDate %v (created %v), want about now", ts, deref(created.CreatedDate))
		}
		_, err = c.DeleteRestApi(ctx, &apigateway.DeleteRestApiInput{RestApiId: id})
		must(t, err, "DeleteRestApi")
		_, err = c.GetRestApi(ctx, &apigateway.GetRestApiInput{RestApiId: id})
		var nf *types.NotFoundException
		if !errors.As(err, &nf) {
			t.Errorf("GetRestApi after DeleteRestApi: %v (%s), want *types.NotFoundException", err, typeName(err))
		}
	})

	t.Run("paginate-GetResources", func(t *testing.T) {
		t.Parallel()
		// moto ignores limit and position (moto/apigateway/responses.py) and answers in
		// one page; multi-page rest-json paging is covered by EKS.
		api, err := c.CreateRestApi(ctx, &apigateway.CreateRestApiInput{Name: unique("interop-pages")})
		must(t, err, "CreateRestApi")
		want := map[string]bool{"/": true}
		for _, p := range []string{"a", "b", "c", "d", "e.f_g-h"} {
			_, err := c.CreateResource(ctx, &apigateway.CreateResourceInput{RestApiId: deref(api.Id), ParentId: deref(api.RootResourceId), PathPart: p})
			must(t, err, "CreateResource")
			want["/"+p] = true
		}
		pager := apigateway.NewGetResourcesPaginator(c, &apigateway.GetResourcesInput{RestApiId: deref(api.Id)},
			func(o *apigateway.GetResourcesPaginatorOptions) { o.Limit = 2 })
		got := map[string]bool{}
		pages := 0
		for pager.HasMorePages() && pages < 10 {
			page, err := pager.NextPage(ctx)
			must(t, err, "NextPage")
			pages++
			for _, r := range page.Items {
				got[deref(r.Path)] = true
			}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%d pages listed %v, want %v", pages, got, want)
		}
	})

	t.Run("error-NotFound-typed", func(t *testing.T) {
		t.Parallel()
		_, err := c.GetRestApi(ctx, &apigateway.GetRestApiInput{RestApiId: "nosuchapi"})
		var nf *types.NotFoundException
		if !errors.As(err, &nf) {
			t.Fatalf("GetRestApi of a missing API: %v (%s), want *types.NotFoundException", err, typeName(err))
		}
		wantCode(t, err, "NotFoundException", 404)
	})

	t.Run("point7-typed-error-message", func(t *testing.T) {
		t.Parallel()
		_, err := c.GetRestApi(ctx, &apigateway.GetRestApiInput{RestApiId: "nosuchapi"})
		var nf *types.NotFoundException
		if !errors.As(err, &nf) {
			t.Fatalf("GetRestApi of a missing API: %v (%s), want *types.NotFoundException", err, typeName(err))
		}
		if nf.ErrorMessage() == "" {
			t.Errorf("NotFoundException lost the service's message: %v", err)
		}
	})
}
