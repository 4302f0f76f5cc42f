package custom

import (
	"testing"

	"github.com/svcgen/svcgen/generator/ir"
)

func member(name, shape string, kind ir.Kind) *ir.Member {
	return &ir.Member{Name: name, Shape: &ir.Shape{Name: shape, Kind: kind}}
}

func service(id string, members ...*ir.Member) *ir.Service {
	op := &ir.Operation{Name: "Op", Input: &ir.Shape{Members: members}, Output: &ir.Shape{}}
	return &ir.Service{ServiceID: id, APIVersion: "2012-06-01", Operations: []*ir.Operation{op}}
}

func TestRoute53(t *testing.T) {
	id, other := member("Id", "ResourceId", ir.String), member("Name", "DNSName", ir.String)
	svc := service("Route 53", id, other)
	Apply(svc)
	if len(id.TrimPrefixes) != 3 || other.TrimPrefixes != nil || len(svc.Customizations) != 1 {
		t.Fatalf("id %v, other %v, docs %q", id.TrimPrefixes, other.TrimPrefixes, svc.Customizations)
	}
}

func TestGlacier(t *testing.T) {
	acct := member("accountId", "string", ir.String)
	svc := service("Glacier", acct)
	Apply(svc)
	if acct.Default != "-" || len(svc.Headers) != 1 || svc.Headers[0] != (ir.Header{Name: "X-Amz-Glacier-Version", Value: "2012-06-01"}) {
		t.Fatalf("default %q, headers %v", acct.Default, svc.Headers)
	}
	if len(svc.NotCustomized) == 0 {
		t.Fatal("the tree hash is not listed as left out")
	}
}

func TestOtherServicesUntouched(t *testing.T) {
	id := member("Id", "ResourceId", ir.String)
	svc := service("EKS", id)
	Apply(svc)
	if id.TrimPrefixes != nil || svc.Headers != nil || svc.Customizations != nil || svc.NotCustomized != nil {
		t.Fatalf("EKS changed: %+v", svc)
	}
}
