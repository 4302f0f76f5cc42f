package scenarios

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"interop/iam"
	iamtypes "interop/iam/types"
	"interop/sts"
)

// IAM and STS speak the query protocol.
func iamClient(rec *recorder) *iam.Client {
	return iam.New(iam.Options{Region: region, BaseEndpoint: endpoint, Credentials: creds, HTTPClient: rec, RetryMaxAttempts: 1})
}

func stsClient(rec *recorder) *sts.Client {
	return sts.New(sts.Options{Region: region, BaseEndpoint: endpoint, Credentials: creds, HTTPClient: rec, RetryMaxAttempts: 1})
}

const trustPolicy = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:PrincipalTag/team":"ü & <x> + 🚀"}}}]}`

func TestIAM(t *testing.T) {
	ctx := context.Background()
	c := iamClient(newRecorder())

	t.Run("user-create-read-delete", func(t *testing.T) {
		t.Parallel()
		before := time.Now().Add(-time.Minute)
		name := unique("interop-user")
		tags := []iamtypes.Tag{{Key: "team", Value: "interop ü & <x>"}, {Key: "empty", Value: "x"}}
		created, err := c.CreateUser(ctx, &iam.CreateUserInput{UserName: name, Path: aws.String("/interop/"), Tags: tags})
		must(t, err, "CreateUser")
		got, err := c.GetUser(ctx, &iam.GetUserInput{UserName: aws.String(name)})
		must(t, err, "GetUser")
		u := got.User
		if u == nil || u.UserName != name || u.Path != "/interop/" || u.Arn != created.User.Arn || u.UserId == "" {
			t.Fatalf("GetUser %+v, CreateUser %+v", u, created.User)
		}
		if u.CreateDate.Before(before) || u.CreateDate.After(time.Now().Add(time.Minute)) {
			t.Errorf("CreateDate %v, want about now", u.CreateDate)
		}
		listed, err := c.ListUserTags(ctx, &iam.ListUserTagsInput{UserName: name})
		must(t, err, "ListUserTags")
		if len(listed.Tags) != 2 || listed.Tags[0] != tags[0] || listed.Tags[1] != tags[1] {
			t.Errorf("tags %+v, want %+v", listed.Tags, tags)
		}
		_, err = c.DeleteUser(ctx, &iam.DeleteUserInput{UserName: name})
		must(t, err, "DeleteUser")
		_, err = c.GetUser(ctx, &iam.GetUserInput{UserName: aws.String(name)})
		var nse *iamtypes.NoSuchEntityException
		if !errors.As(err, &nse) {
			t.Errorf("GetUser after DeleteUser: %v (%s), want *types.NoSuchEntityException", err, typeName(err))
		}
	})

	t.Run("role-policy-document", func(t *testing.T) {
		t.Parallel()
		name := unique("interop-role")
		_, err := c.CreateRole(ctx, &iam.CreateRoleInput{RoleName: name, AssumeRolePolicyDocument: trustPolicy,
			Description: aws.String("role ü"), MaxSessionDuration: aws.Int32(7200)})
		must(t, err, "CreateRole")
		got, err := c.GetRole(ctx, &iam.GetRoleInput{RoleName: name})
		must(t, err, "GetRole")
		// IAM returns policy documents URL-encoded (RFC 3986), as the AWS SDKs hand them over
		doc, err := url.QueryUnescape(deref(got.Role.AssumeRolePolicyDocument))
		if err != nil || doc != trustPolicy {
			t.Errorf("AssumeRolePolicyDocument %q (%v), want %q", deref(got.Role.AssumeRolePolicyDocument), err, trustPolicy)
		}
		if deref(got.Role.Description) != "role ü" || deref(got.Role.MaxSessionDuration) != 7200 {
			t.Errorf("role %+v", got.Role)
		}
	})

	t.Run("paginate-ListRoles", func(t *testing.T) {
		t.Parallel()
		// (moto pages ListRoles, not ListUsers)
		path := "/" + unique("pages") + "/"
		for _, n := range []string{"a", "b", "c", "d", "e"} {
			_, err := c.CreateRole(ctx, &iam.CreateRoleInput{RoleName: unique("interop-page-" + n), Path: &path, AssumeRolePolicyDocument: trustPolicy})
			must(t, err, "CreateRole")
		}
		p := iam.NewListRolesPaginator(c, &iam.ListRolesInput{PathPrefix: &path}, func(o *iam.ListRolesPaginatorOptions) { o.Limit = 2 })
		var got []string
		pages := 0
		for p.HasMorePages() && pages < 10 {
			page, err := p.NextPage(ctx)
			must(t, err, "NextPage")
			pages++
			for _, r := range page.Roles {
				got = append(got, r.RoleName)
			}
		}
		if pages != 3 || len(got) != 5 {
			t.Errorf("%d pages with %q, want the 5 roles over 3 pages", pages, got)
		}
	})

	t.Run("error-NoSuchEntity-typed", func(t *testing.T) {
		t.Parallel()
		name := unique("no-such-role")
		_, err := c.GetRole(ctx, &iam.GetRoleInput{RoleName: name})
		var nse *iamtypes.NoSuchEntityException
		if !errors.As(err, &nse) {
			t.Fatalf("GetRole of a missing role: %v (%s), want *types.NoSuchEntityException", err, typeName(err))
		}
		wantCode(t, err, "NoSuchEntity", 404)
		if !strings.Contains(nse.ErrorMessage(), name) {
			t.Errorf("message %q", nse.ErrorMessage())
		}
	})

	t.Run("error-EntityAlreadyExists-typed", func(t *testing.T) {
		t.Parallel()
		name := unique("interop-dup")
		_, err := c.CreateUser(ctx, &iam.CreateUserInput{UserName: name})
		must(t, err, "CreateUser")
		_, err = c.CreateUser(ctx, &iam.CreateUserInput{UserName: name})
		var eae *iamtypes.EntityAlreadyExistsException
		if !errors.As(err, &eae) {
			t.Fatalf("CreateUser twice: %v (%s), want *types.EntityAlreadyExistsException", err, typeName(err))
		}
		wantCode(t, err, "EntityAlreadyExists", 409)
	})
}

func TestSTS(t *testing.T) {
	ctx := context.Background()
	c := stsClient(newRecorder())

	t.Run("GetCallerIdentity", func(t *testing.T) {
		t.Parallel()
		out, err := c.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
		must(t, err, "GetCallerIdentity")
		if deref(out.Account) != "123456789012" || !strings.HasPrefix(deref(out.Arn), "arn:aws:") {
			t.Errorf("identity %q %q %q", deref(out.Account), deref(out.Arn), deref(out.UserId))
		}
	})

	t.Run("AssumeRole-credentials-expiration", func(t *testing.T) {
		t.Parallel()
		out, err := c.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: "arn:aws:iam::123456789012:role/interop",
			RoleSessionName: "interop-session", DurationSeconds: aws.Int32(1800)})
		must(t, err, "AssumeRole")
		cr := out.Credentials
		if cr == nil || cr.AccessKeyId == "" || cr.SecretAccessKey == "" || cr.SessionToken == "" {
			t.Fatalf("credentials %+v", cr)
		}
		if d := time.Until(cr.Expiration); d < 25*time.Minute || d > 35*time.Minute {
			t.Errorf("Expiration %v is %v away, want about 30m", cr.Expiration, d)
		}
		if !strings.Contains(deref(out.AssumedRoleUser).Arn, "interop-session") {
			t.Errorf("AssumedRoleUser %+v", out.AssumedRoleUser)
		}
	})
}
