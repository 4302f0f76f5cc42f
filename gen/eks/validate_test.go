package eks

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/svcgen/svcgen/runtime/validate"
)

// These tests pin the behaviour of the generated validators on the real EKS model:
// Validate (the server's policy: everything the model says) and validateRequest (the
// client's: only what a request needs to be built).

// violationsOf returns the violations of err, which must be a *validate.Error (or nil).
func violationsOf(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	var verr *validate.Error
	if !errors.As(err, &verr) {
		t.Fatalf("error %T %v is not a *validate.Error", err, err)
	}
	var out []string
	for _, v := range verr.Violations {
		out = append(out, v.String())
	}
	return out
}

func validCreate() *CreatePodIdentityAssociationInput {
	return &CreatePodIdentityAssociationInput{
		ClusterName: "prod", Namespace: "default", ServiceAccount: "app",
		RoleArn: "arn:aws:iam::123456789012:role/app",
	}
}

func tags(n int) map[string]string {
	m := map[string]string{}
	for i := range n {
		m[fmt.Sprintf("key-%02d", i)] = "v"
	}
	return m
}

func TestValidateCreate(t *testing.T) {
	for _, c := range []struct {
		name   string
		change func(*CreatePodIdentityAssociationInput)
		want   []string
	}{
		{"valid", func(*CreatePodIdentityAssociationInput) {}, nil},
		// required strings are held by value: "" is a value, valid where the model sets
		// no minimum length (as here), and only the empty URI label makes no request
		{"zero input", func(in *CreatePodIdentityAssociationInput) { *in = CreatePodIdentityAssociationInput{} }, []string{
			"/clusterName: URI label must not be empty",
		}},
		{"empty required strings", func(in *CreatePodIdentityAssociationInput) { in.Namespace, in.ServiceAccount, in.RoleArn = "", "", "" }, nil},
		{"absent tags", func(in *CreatePodIdentityAssociationInput) { in.Tags = nil }, nil},
		{"50 tags", func(in *CreatePodIdentityAssociationInput) { in.Tags = tags(50) }, nil},
		{"51 tags", func(in *CreatePodIdentityAssociationInput) { in.Tags = tags(51) }, []string{
			"/tags: length 51 is greater than the maximum 50",
		}},
		{"empty tags", func(in *CreatePodIdentityAssociationInput) { in.Tags = map[string]string{} }, []string{
			"/tags: length 0 is less than the minimum 1",
		}},
		{"128-rune key of 2-byte runes", func(in *CreatePodIdentityAssociationInput) {
			in.Tags = map[string]string{strings.Repeat("é", 128): "v"}
		}, nil},
		{"129-rune key", func(in *CreatePodIdentityAssociationInput) {
			in.Tags = map[string]string{strings.Repeat("é", 129): "v"}
		}, []string{
			`/tags/` + strings.Repeat("é", 129) + `: key: length 129 is greater than the maximum 128`,
		}},
		{"empty key", func(in *CreatePodIdentityAssociationInput) { in.Tags = map[string]string{"": "v"} }, []string{
			`/tags/: key: length 0 is less than the minimum 1`,
		}},
		{"256-rune value", func(in *CreatePodIdentityAssociationInput) {
			in.Tags = map[string]string{"team": strings.Repeat("日", 256)}
		}, nil},
		{"257-rune value", func(in *CreatePodIdentityAssociationInput) {
			in.Tags = map[string]string{"team": strings.Repeat("日", 257)}
		}, []string{
			`/tags/team: length 257 is greater than the maximum 256`,
		}},
		{"everything at once", func(in *CreatePodIdentityAssociationInput) {
			in.ClusterName, in.RoleArn = "", ""
			in.Tags = tags(51)
			in.Tags["team"] = strings.Repeat("x", 300)
			in.Tags[strings.Repeat("k", 129)] = "v"
		}, []string{
			"/clusterName: URI label must not be empty",
			"/tags: length 53 is greater than the maximum 50",
			`/tags/` + strings.Repeat("k", 129) + `: key: length 129 is greater than the maximum 128`,
			`/tags/team: length 300 is greater than the maximum 256`,
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := validCreate()
			c.change(in)
			got := violationsOf(t, in.Validate())
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("Validate():\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
			// the client's policy reports only what makes no request: a missing
			// required member, an empty URI label
			var missing []string
			for _, v := range c.want {
				if strings.HasSuffix(v, "required member is missing") || strings.HasSuffix(v, "URI label must not be empty") {
					missing = append(missing, v)
				}
			}
			if got := violationsOf(t, in.validateRequest()); !reflect.DeepEqual(got, missing) {
				t.Errorf("validateRequest():\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(missing, "\n"))
			}
		})
	}
}

func TestValidateErrorMessage(t *testing.T) {
	in := validCreate()
	in.ClusterName = ""
	in.Tags = tags(51)
	err := in.Validate()
	want := "invalid CreatePodIdentityAssociationInput: 2 violations: /clusterName: URI label must not be empty; /tags: length 51 is greater than the maximum 50"
	if err == nil || err.Error() != want {
		t.Errorf("Validate() = %v\nwant %s", err, want)
	}
	var verr *validate.Error
	if !errors.As(fmt.Errorf("create: %w", err), &verr) || verr.Type != "CreatePodIdentityAssociationInput" || len(verr.Violations) != 2 {
		t.Errorf("errors.As: %#v", verr)
	}
	if verr.Violations[1] != (validate.Violation{Path: "/tags", Message: "length 51 is greater than the maximum 50"}) {
		t.Errorf("violation = %#v", verr.Violations[1])
	}
}

func TestValidateMaxResults(t *testing.T) {
	for _, c := range []struct {
		max  int32
		want []string
	}{
		{0, []string{"/maxResults: value 0 is less than the minimum 1"}},
		{1, nil},
		{100, nil},
		{101, []string{"/maxResults: value 101 is greater than the maximum 100"}},
		{-5, []string{"/maxResults: value -5 is less than the minimum 1"}},
	} {
		in := &ListPodIdentityAssociationsInput{ClusterName: "prod", MaxResults: &c.max}
		if got := violationsOf(t, in.Validate()); !reflect.DeepEqual(got, c.want) {
			t.Errorf("MaxResults %d: Validate() = %q, want %q", c.max, got, c.want)
		}
		// a range is the service's to check: the client sends it as it is
		if err := in.validateRequest(); err != nil {
			t.Errorf("MaxResults %d: validateRequest() = %v, want nil", c.max, err)
		}
	}
	in := &ListPodIdentityAssociationsInput{MaxResults: new(int32)}
	want := []string{"/clusterName: URI label must not be empty", "/maxResults: value 0 is less than the minimum 1"}
	if got := violationsOf(t, in.Validate()); !reflect.DeepEqual(got, want) {
		t.Errorf("Validate() = %q, want %q", got, want)
	}
	if got := violationsOf(t, in.validateRequest()); !reflect.DeepEqual(got, want[:1]) {
		t.Errorf("validateRequest() = %q, want %q", got, want[:1])
	}
}

// Every input whose requestUri has labels reports an empty label under both policies:
// a request cannot be built without it.
func TestValidateURILabels(t *testing.T) {
	for _, c := range []struct {
		name  string
		check func() (full, request error)
		want  []string
	}{
		{"Delete", func() (error, error) {
			in := &DeletePodIdentityAssociationInput{}
			return in.Validate(), in.validateRequest()
		}, []string{"/clusterName: URI label must not be empty", "/associationId: URI label must not be empty"}},
		{"Describe", func() (error, error) {
			in := &DescribePodIdentityAssociationInput{ClusterName: "prod"}
			return in.Validate(), in.validateRequest()
		}, []string{"/associationId: URI label must not be empty"}},
		{"Update", func() (error, error) {
			in := &UpdatePodIdentityAssociationInput{AssociationId: "a-1"}
			return in.Validate(), in.validateRequest()
		}, []string{"/clusterName: URI label must not be empty"}},
		{"nil input", func() (error, error) {
			var in *DescribePodIdentityAssociationInput
			return in.Validate(), in.validateRequest()
		}, []string{"/clusterName: URI label must not be empty", "/associationId: URI label must not be empty"}},
	} {
		full, request := c.check()
		if got := violationsOf(t, full); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: Validate() = %q, want %q", c.name, got, c.want)
		}
		if got := violationsOf(t, request); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: validateRequest() = %q, want %q", c.name, got, c.want)
		}
	}
}
