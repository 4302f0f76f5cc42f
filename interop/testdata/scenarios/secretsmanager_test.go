package scenarios

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"interop/secretsmanager"
	"interop/secretsmanager/types"
)

// Secrets Manager speaks json 1.1.
func secretsClient(rec *recorder) *secretsmanager.Client {
	return secretsmanager.New(secretsmanager.Options{Region: region, BaseEndpoint: endpoint, Credentials: creds, HTTPClient: rec, RetryMaxAttempts: 1})
}

func TestSecretsManager(t *testing.T) {
	ctx := context.Background()
	c := secretsClient(newRecorder())

	t.Run("create-read-binary-unicode-timestamps-delete", func(t *testing.T) {
		t.Parallel()
		before := time.Now().Add(-time.Minute)
		bin := append([]byte{0, 0xff, 0xfe, '\n'}, []byte(unicodeText)...)
		created, err := c.CreateSecret(ctx, &secretsmanager.CreateSecretInput{Name: unique("interop/bin"), SecretBinary: bin,
			Description: aws.String("binary ü"), Tags: []types.Tag{{Key: aws.String("k"), Value: aws.String("v ü")}}})
		must(t, err, "CreateSecret")
		got, err := c.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: deref(created.ARN)})
		must(t, err, "GetSecretValue")
		if !bytes.Equal(got.SecretBinary, bin) || got.SecretString != nil {
			t.Errorf("SecretBinary %q, want %q", got.SecretBinary, bin)
		}
		if ts := deref(got.CreatedDate); ts.Before(before) || ts.After(time.Now().Add(time.Minute)) {
			t.Errorf("CreatedDate %v, want about now", ts)
		}

		text := unicodeText + ` {"json": "inside", "n": 1.5e300}`
		created, err = c.CreateSecret(ctx, &secretsmanager.CreateSecretInput{Name: unique("interop/text"), SecretString: &text})
		must(t, err, "CreateSecret")
		got, err = c.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: deref(created.Name)})
		must(t, err, "GetSecretValue")
		if deref(got.SecretString) != text || got.SecretBinary != nil {
			t.Errorf("SecretString %q, want %q", deref(got.SecretString), text)
		}
		desc, err := c.DescribeSecret(ctx, &secretsmanager.DescribeSecretInput{SecretId: deref(created.Name)})
		must(t, err, "DescribeSecret")
		if d, g := deref(desc.CreatedDate), deref(got.CreatedDate); !d.Equal(g) {
			t.Errorf("DescribeSecret CreatedDate %v, GetSecretValue %v", d, g)
		}
		_, err = c.DeleteSecret(ctx, &secretsmanager.DeleteSecretInput{SecretId: deref(created.Name), ForceDeleteWithoutRecovery: aws.Bool(true)})
		must(t, err, "DeleteSecret")
		_, err = c.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: deref(created.Name)})
		var rnf *types.ResourceNotFoundException
		if !errors.As(err, &rnf) {
			t.Errorf("GetSecretValue after DeleteSecret: %v (%s), want *types.ResourceNotFoundException", err, typeName(err))
		}
	})

	t.Run("paginate-ListSecrets", func(t *testing.T) {
		t.Parallel()
		prefix := unique("interop-pages")
		for _, s := range []string{"a", "b", "c", "d", "e"} {
			_, err := c.CreateSecret(ctx, &secretsmanager.CreateSecretInput{Name: prefix + "-" + s, SecretString: aws.String(s)})
			must(t, err, "CreateSecret")
		}
		p := secretsmanager.NewListSecretsPaginator(c, &secretsmanager.ListSecretsInput{
			Filters: []types.Filter{{Key: ptr(types.FilterNameStringTypeName), Values: []string{prefix}}}},
			func(o *secretsmanager.ListSecretsPaginatorOptions) { o.Limit = 2 })
		var got []string
		pages := 0
		for p.HasMorePages() && pages < 10 {
			page, err := p.NextPage(ctx)
			must(t, err, "NextPage")
			pages++
			for _, s := range page.SecretList {
				got = append(got, strings.TrimPrefix(deref(s.Name), prefix+"-"))
			}
		}
		if pages < 3 || len(got) != 5 {
			t.Errorf("%d pages with %q, want the 5 secrets over at least 3 pages", pages, got)
		}
	})

	t.Run("error-ResourceNotFound-typed", func(t *testing.T) {
		t.Parallel()
		_, err := c.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: unique("no-such-secret")})
		var rnf *types.ResourceNotFoundException
		if !errors.As(err, &rnf) {
			t.Fatalf("GetSecretValue of a missing secret: %v (%s), want *types.ResourceNotFoundException", err, typeName(err))
		}
		wantCode(t, err, "ResourceNotFoundException", 400)
	})

	t.Run("point7-typed-error-message", func(t *testing.T) {
		t.Parallel()
		// moto, as Secrets Manager, sends {"__type": ..., "message": "..."}; the model
		// names the member Message
		_, err := c.DescribeSecret(ctx, &secretsmanager.DescribeSecretInput{SecretId: unique("no-such-secret")})
		var rnf *types.ResourceNotFoundException
		if !errors.As(err, &rnf) {
			t.Fatalf("DescribeSecret of a missing secret: %v (%s), want *types.ResourceNotFoundException", err, typeName(err))
		}
		if rnf.ErrorMessage() == "" {
			t.Errorf("ResourceNotFoundException lost the service's message: %v", err)
		}
	})

	t.Run("error-ResourceExists-typed", func(t *testing.T) {
		t.Parallel()
		name := unique("interop-dup")
		_, err := c.CreateSecret(ctx, &secretsmanager.CreateSecretInput{Name: name, SecretString: aws.String("1")})
		must(t, err, "CreateSecret")
		_, err = c.CreateSecret(ctx, &secretsmanager.CreateSecretInput{Name: name, SecretString: aws.String("2")})
		var re *types.ResourceExistsException
		if !errors.As(err, &re) {
			t.Fatalf("CreateSecret twice: %v (%s), want *types.ResourceExistsException", err, typeName(err))
		}
		wantCode(t, err, "ResourceExistsException", 400)
	})
}
