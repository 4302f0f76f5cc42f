package emit_test

import (
	"strings"
	"testing"

	"github.com/svcgen/svcgen/generator/emit"
	"github.com/svcgen/svcgen/internal/shareddata"
)

// waitersMotoTest runs generated waiters and paginators against moto: each waiter
// starts before the resource exists (so its retry acceptors are exercised) and
// another goroutine creates it; the paginators page with tokens that are maps
// (DynamoDB), several tokens with more_results (Route 53), and a token expression
// (S3 ListObjects v1's NextMarker || Contents[-1].Key).
const waitersMotoTest = `package waitmoto

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/svcgen/svcgen/runtime/waiter"
	"scenarios/dynamodb"
	dtypes "scenarios/dynamodb/types"
	"scenarios/ec2"
	"scenarios/iam"
	"scenarios/route53"
	rtypes "scenarios/route53/types"
	"scenarios/s3"
)

var creds = aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
	return aws.Credentials{AccessKeyID: "AKID", SecretAccessKey: "SECRET"}, nil
})

func motoURL(t *testing.T) string {
	u := os.Getenv("SVCGEN_MOTO_URL")
	if u == "" {
		t.Skip("no moto: SVCGEN_MOTO_URL is not set")
	}
	return u
}

// fast makes a waiter poll every few milliseconds
func fast(o *waiter.Options) { o.MinDelay, o.MaxDelay = 20*time.Millisecond, 100*time.Millisecond }

// later runs fn after a few attempts of the waiter have failed to see the resource
func later(t *testing.T, fn func() error) chan error {
	done := make(chan error, 1)
	go func() {
		time.Sleep(150 * time.Millisecond)
		done <- fn()
	}()
	return done
}

func TestDynamoDB(t *testing.T) {
	c := dynamodb.New(dynamodb.Options{Region: "us-east-1", BaseEndpoint: motoURL(t), Credentials: creds})
	ctx := context.Background()
	w := dynamodb.NewTableExistsWaiter(c, func(o *dynamodb.TableExistsWaiterOptions) { fast(&o.Options) })
	// no table: ResourceNotFoundException is a retry, until the maximum wait
	err := w.Wait(ctx, &dynamodb.DescribeTableInput{TableName: "never"}, 300*time.Millisecond)
	if !errors.Is(err, waiter.ErrMaxWait) {
		t.Fatalf("TableExists on a missing table: %v, want ErrMaxWait", err)
	}
	created := later(t, func() error {
		_, err := c.CreateTable(ctx, &dynamodb.CreateTableInput{TableName: "pages",
			AttributeDefinitions: []dtypes.AttributeDefinition{{AttributeName: "pk", AttributeType: dtypes.ScalarAttributeTypeS}, {AttributeName: "sk", AttributeType: dtypes.ScalarAttributeTypeN}},
			KeySchema:            []dtypes.KeySchemaElement{{AttributeName: "pk", KeyType: dtypes.KeyTypeHash}, {AttributeName: "sk", KeyType: dtypes.KeyTypeRange}},
			BillingMode:          ptr(dtypes.BillingModePayPerRequest)})
		return err
	})
	out, err := w.WaitForOutput(ctx, &dynamodb.DescribeTableInput{TableName: "pages"}, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if err := <-created; err != nil {
		t.Fatal(err)
	}
	if out.Table == nil || out.Table.TableStatus == nil || *out.Table.TableStatus != dtypes.TableStatusActive {
		t.Fatalf("TableExists returned %+v", out.Table)
	}
	for i := range 7 {
		item := map[string]dtypes.AttributeValue{"pk": {S: aws.String("p")}, "sk": {N: aws.String(fmt.Sprint(i))}}
		if _, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: "pages", Item: item}); err != nil {
			t.Fatal(err)
		}
	}
	// Scan and Query page by LastEvaluatedKey, a map
	scan := dynamodb.NewScanPaginator(c, &dynamodb.ScanInput{TableName: "pages"}, func(o *dynamodb.ScanPaginatorOptions) { o.Limit = 3 })
	items, pages := 0, 0
	for scan.HasMorePages() {
		page, err := scan.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		items += len(page.Items)
		pages++
	}
	if items != 7 || pages < 3 {
		t.Errorf("Scan: %d items in %d pages, want 7 in at least 3", items, pages)
	}
	query := dynamodb.NewQueryPaginator(c, &dynamodb.QueryInput{TableName: "pages", Limit: aws.Int32(2),
		KeyConditionExpression:    aws.String("pk = :p"),
		ExpressionAttributeValues: map[string]dtypes.AttributeValue{":p": {S: aws.String("p")}}})
	var keys []string
	for query.HasMorePages() {
		page, err := query.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Items) > 2 {
			t.Errorf("Query page of %d items, limit 2", len(page.Items))
		}
		for _, it := range page.Items {
			keys = append(keys, aws.ToString(it["sk"].N))
		}
	}
	if strings.Join(keys, ",") != "0,1,2,3,4,5,6" {
		t.Errorf("Query paged %v, want 0..6 in order", keys)
	}
	if _, err := c.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: "pages"}); err != nil {
		t.Fatal(err)
	}
	gone := dynamodb.NewTableNotExistsWaiter(c, func(o *dynamodb.TableNotExistsWaiterOptions) { fast(&o.Options) })
	if out, err := gone.WaitForOutput(ctx, &dynamodb.DescribeTableInput{TableName: "pages"}, 10*time.Second); err != nil || out != nil {
		t.Fatalf("TableNotExists: %v, %v; want success on ResourceNotFoundException", out, err)
	}
}

func TestS3(t *testing.T) {
	pathStyle := true
	c := s3.New(s3.Options{Region: "us-east-1", BaseEndpoint: motoURL(t), ForcePathStyle: &pathStyle, Credentials: creds})
	ctx := context.Background()
	bw := s3.NewBucketExistsWaiter(c, func(o *s3.BucketExistsWaiterOptions) { fast(&o.Options) })
	created := later(t, func() error {
		_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: "waited"})
		return err
	})
	if err := bw.Wait(ctx, &s3.HeadBucketInput{Bucket: "waited"}, 10*time.Second); err != nil {
		t.Fatal(err)
	}
	if err := <-created; err != nil {
		t.Fatal(err)
	}
	ow := s3.NewObjectExistsWaiter(c, func(o *s3.ObjectExistsWaiterOptions) { fast(&o.Options) })
	put := later(t, func() error {
		_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: "waited", Key: "k", Body: strings.NewReader("v")})
		return err
	})
	out, err := ow.WaitForOutput(ctx, &s3.HeadObjectInput{Bucket: "waited", Key: "k"}, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if err := <-put; err != nil {
		t.Fatal(err)
	}
	if aws.ToInt64(out.ContentLength) != 1 {
		t.Errorf("ObjectExists output: ContentLength %d, want 1", aws.ToInt64(out.ContentLength))
	}
	// the context ends the wait
	cctx, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
	defer cancel()
	if err := ow.Wait(cctx, &s3.HeadObjectInput{Bucket: "waited", Key: "never"}, time.Minute); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("ObjectExists with a context that ends: %v, want DeadlineExceeded", err)
	}
	// ListObjects v1 without a delimiter sends no NextMarker: the token is the last key
	for i := range 5 {
		if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: "waited", Key: fmt.Sprintf("obj-%d", i), Body: strings.NewReader("x")}); err != nil {
			t.Fatal(err)
		}
	}
	p := s3.NewListObjectsPaginator(c, &s3.ListObjectsInput{Bucket: "waited"}, func(o *s3.ListObjectsPaginatorOptions) { o.Limit = 2 })
	var keys []string
	pages := 0
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, o := range page.Contents {
			keys = append(keys, aws.ToString(o.Key))
		}
	}
	if strings.Join(keys, ",") != "k,obj-0,obj-1,obj-2,obj-3,obj-4" || pages != 3 {
		t.Errorf("ListObjects paged %v in %d pages, want 6 keys in 3", keys, pages)
	}
}

func TestEC2(t *testing.T) {
	c := ec2.New(ec2.Options{Region: "us-east-1", BaseEndpoint: motoURL(t), Credentials: creds})
	ctx := context.Background()
	run, err := c.RunInstances(ctx, &ec2.RunInstancesInput{ImageId: aws.String("ami-12c6146b"), MinCount: 1, MaxCount: 1})
	if err != nil {
		t.Fatal(err)
	}
	id := aws.ToString(run.Instances[0].InstanceId)
	w := ec2.NewInstanceRunningWaiter(c, func(o *ec2.InstanceRunningWaiterOptions) { fast(&o.Options) })
	out, err := w.WaitForOutput(ctx, &ec2.DescribeInstancesInput{InstanceIds: []string{id}}, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if st := out.Reservations[0].Instances[0].State; st == nil || st.Name == nil || *st.Name != "running" {
		t.Fatalf("InstanceRunning returned state %+v", st)
	}
	if _, err := c.TerminateInstances(ctx, &ec2.TerminateInstancesInput{InstanceIds: []string{id}}); err != nil {
		t.Fatal(err)
	}
	// a terminated instance is a failure state of InstanceRunning
	err = w.Wait(ctx, &ec2.DescribeInstancesInput{InstanceIds: []string{id}}, 10*time.Second)
	if !errors.Is(err, waiter.ErrFailureState) {
		t.Fatalf("InstanceRunning on a terminated instance: %v, want ErrFailureState", err)
	}
}

func TestIAM(t *testing.T) {
	c := iam.New(iam.Options{Region: "us-east-1", BaseEndpoint: motoURL(t), Credentials: creds})
	ctx := context.Background()
	w := iam.NewRoleExistsWaiter(c, func(o *iam.RoleExistsWaiterOptions) { fast(&o.Options) })
	created := later(t, func() error {
		_, err := c.CreateRole(ctx, &iam.CreateRoleInput{RoleName: "waited", AssumeRolePolicyDocument: "{}"})
		return err
	})
	out, err := w.WaitForOutput(ctx, &iam.GetRoleInput{RoleName: "waited"}, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if err := <-created; err != nil {
		t.Fatal(err)
	}
	if out.Role == nil || out.Role.RoleName != "waited" {
		t.Fatalf("RoleExists returned %+v", out.Role)
	}
}

func TestRoute53(t *testing.T) {
	c := route53.New(route53.Options{Region: "us-east-1", BaseEndpoint: motoURL(t), Credentials: creds})
	ctx := context.Background()
	zone, err := c.CreateHostedZone(ctx, &route53.CreateHostedZoneInput{Name: "example.com", CallerReference: "waiters"})
	if err != nil {
		t.Fatal(err)
	}
	var changes []rtypes.Change
	for i := range 5 {
		changes = append(changes, rtypes.Change{Action: rtypes.ChangeActionCreate, ResourceRecordSet: &rtypes.ResourceRecordSet{
			Name: fmt.Sprintf("h%d.example.com", i), Type: rtypes.RRTypeA, TTL: aws.Int64(60),
			ResourceRecords: []rtypes.ResourceRecord{{Value: "10.0.0.1"}}}})
	}
	if _, err := c.ChangeResourceRecordSets(ctx, &route53.ChangeResourceRecordSetsInput{HostedZoneId: zone.HostedZone.Id, ChangeBatch: &rtypes.ChangeBatch{Changes: changes}}); err != nil {
		t.Fatal(err)
	}
	// three input tokens (StartRecordName, Type, Identifier) and IsTruncated
	p := route53.NewListResourceRecordSetsPaginator(c, &route53.ListResourceRecordSetsInput{HostedZoneId: zone.HostedZone.Id, MaxItems: aws.String("2")})
	seen := map[string]bool{}
	pages := 0
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, r := range page.ResourceRecordSets {
			seen[r.Name+" "+string(r.Type)] = true
		}
	}
	// the five A records, and the zone's SOA and NS
	if len(seen) != 7 || pages != 4 {
		t.Errorf("ListResourceRecordSets: %d record sets in %d pages, want 7 in 4: %v", len(seen), pages, seen)
	}
}

func ptr[T any](v T) *T { return &v }
`

// TestWaitersMoto generates DynamoDB, S3, EC2, IAM and Route 53 from the corpus and
// runs waitersMotoTest against moto. Only that package is vetted and tested: the
// generated packages are vetted by TestCorpusBuild, and EC2's alone takes minutes.
func TestWaitersMoto(t *testing.T) {
	services := shareddata.Corpus(t)
	pkgs := map[string][]emit.File{}
	for _, name := range []string{"dynamodb", "s3", "ec2", "iam", "route53"} {
		pkgs[name] = corpusPackage(t, services, name)
	}
	pkgs["waitmoto"] = []emit.File{{Path: "waitmoto_test.go", Data: []byte(waitersMotoTest)}}
	withMoto(t)
	dir := writeModule(t, "scenarios", pkgs)
	for _, args := range [][]string{{"vet", "./waitmoto/"}, {"test", "-count=1", "-v", "./waitmoto/"}} {
		out, err := goCommand(dir, args...)
		if err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		t.Log(out)
	}
}
