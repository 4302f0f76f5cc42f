package scenarios

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"interop/route53"
	"interop/route53/types"
)

// Route 53 speaks rest-xml.
func route53Client(rec *recorder) *route53.Client {
	return route53.New(route53.Options{Region: region, BaseEndpoint: endpoint, Credentials: creds, HTTPClient: rec, RetryMaxAttempts: 1})
}

func newZone(t *testing.T, c *route53.Client) (id, name string) {
	t.Helper()
	name = unique("interop") + ".example.com."
	out, err := c.CreateHostedZone(context.Background(), &route53.CreateHostedZoneInput{Name: name, CallerReference: unique("ref"),
		HostedZoneConfig: &types.HostedZoneConfig{Comment: aws.String("zone ü & <x>")}})
	must(t, err, "CreateHostedZone")
	return out.HostedZone.Id, name
}

func TestRoute53(t *testing.T) {
	ctx := context.Background()
	c := route53Client(newRecorder())

	t.Run("zone-records-pages", func(t *testing.T) {
		t.Parallel()
		id, name := newZone(t, c)
		// Route 53 returns ids as "/hostedzone/Z..."; without point 9 a user strips it
		short := strings.TrimPrefix(id, "/hostedzone/")
		got, err := c.GetHostedZone(ctx, &route53.GetHostedZoneInput{Id: short})
		must(t, err, "GetHostedZone")
		if got.HostedZone.Name != name || deref(got.HostedZone.Config.Comment) != "zone ü & <x>" {
			t.Errorf("GetHostedZone %+v", got.HostedZone)
		}
		var changes []types.Change
		for _, n := range []string{"a", "b", "c", "d", "e"} {
			changes = append(changes, types.Change{Action: types.ChangeActionCreate, ResourceRecordSet: &types.ResourceRecordSet{
				Name: n + "." + name, Type: types.RRTypeTxt, TTL: aws.Int64(60),
				ResourceRecords: []types.ResourceRecord{{Value: `"text ` + n + ` <&>"`}}}})
		}
		_, err = c.ChangeResourceRecordSets(ctx, &route53.ChangeResourceRecordSetsInput{HostedZoneId: short,
			ChangeBatch: &types.ChangeBatch{Comment: aws.String("five TXT"), Changes: changes}})
		must(t, err, "ChangeResourceRecordSets")
		// three tokens (name, type, identifier) and a page size the model types as a
		// string
		p := route53.NewListResourceRecordSetsPaginator(c, &route53.ListResourceRecordSetsInput{HostedZoneId: short},
			func(o *route53.ListResourceRecordSetsPaginatorOptions) { o.Limit = 2 })
		var txt []string
		pages := 0
		for p.HasMorePages() && pages < 20 {
			out, err := p.NextPage(ctx)
			must(t, err, "ListResourceRecordSets")
			pages++
			for _, rr := range out.ResourceRecordSets {
				if rr.Type == types.RRTypeTxt {
					txt = append(txt, rr.ResourceRecords[0].Value)
				}
			}
		}
		if len(txt) != 5 || pages < 3 || txt[0] != `"text a <&>"` {
			t.Errorf("%d pages with TXT %q, want the 5 records", pages, txt)
		}
	})

	t.Run("point9-hostedzone-id-prefix", func(t *testing.T) {
		t.Parallel()
		id, name := newZone(t, c)
		// the id as the service returned it, "/hostedzone/Z...", is what users pass back
		got, err := c.GetHostedZone(ctx, &route53.GetHostedZoneInput{Id: id})
		must(t, err, "GetHostedZone with the returned id "+id)
		if got.HostedZone.Name != name {
			t.Errorf("GetHostedZone %+v", got.HostedZone)
		}
		_, err = c.DeleteHostedZone(ctx, &route53.DeleteHostedZoneInput{Id: id})
		must(t, err, "DeleteHostedZone with the returned id")
	})

	t.Run("paginate-ListHostedZones", func(t *testing.T) {
		t.Parallel()
		mine := map[string]bool{}
		for range 3 {
			id, _ := newZone(t, c)
			mine[id] = true
		}
		p := route53.NewListHostedZonesPaginator(c, &route53.ListHostedZonesInput{}, func(o *route53.ListHostedZonesPaginatorOptions) { o.Limit = 1 })
		pages := 0
		for p.HasMorePages() && pages < 100 {
			out, err := p.NextPage(ctx)
			must(t, err, "ListHostedZones")
			pages++
			if len(out.HostedZones) > 1 {
				t.Errorf("page of %d zones, want at most 1", len(out.HostedZones))
			}
			for _, z := range out.HostedZones {
				delete(mine, z.Id)
			}
		}
		if len(mine) > 0 || pages < 3 {
			t.Errorf("%d pages; zones never listed: %v", pages, mine)
		}
	})

	t.Run("error-NoSuchHostedZone-typed", func(t *testing.T) {
		t.Parallel()
		_, err := c.GetHostedZone(ctx, &route53.GetHostedZoneInput{Id: "ZNOSUCHZONE0000"})
		var nsz *types.NoSuchHostedZone
		if !errors.As(err, &nsz) {
			t.Fatalf("GetHostedZone of a missing zone: %v (%s), want *types.NoSuchHostedZone", err, typeName(err))
		}
		wantCode(t, err, "NoSuchHostedZone", 404)
	})

	t.Run("delete", func(t *testing.T) {
		t.Parallel()
		id, _ := newZone(t, c)
		short := strings.TrimPrefix(id, "/hostedzone/")
		_, err := c.DeleteHostedZone(ctx, &route53.DeleteHostedZoneInput{Id: short})
		must(t, err, "DeleteHostedZone")
		_, err = c.GetHostedZone(ctx, &route53.GetHostedZoneInput{Id: short})
		var nsz *types.NoSuchHostedZone
		if !errors.As(err, &nsz) {
			t.Errorf("GetHostedZone after DeleteHostedZone: %v (%s), want *types.NoSuchHostedZone", err, typeName(err))
		}
	})
}
