package scenarios

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"interop/dynamodb"
	"interop/dynamodb/types"
)

// DynamoDB speaks json 1.0.
func dynamodbClient(rec *recorder) *dynamodb.Client {
	return dynamodb.New(dynamodb.Options{Region: region, BaseEndpoint: endpoint, Credentials: creds, HTTPClient: rec, RetryMaxAttempts: 1})
}

func newTable(t *testing.T, c *dynamodb.Client) string {
	t.Helper()
	name := unique("interop-table")
	_, err := c.CreateTable(context.Background(), &dynamodb.CreateTableInput{
		TableName: name,
		AttributeDefinitions: []types.AttributeDefinition{
			{AttributeName: "pk", AttributeType: types.ScalarAttributeTypeS},
			{AttributeName: "sk", AttributeType: types.ScalarAttributeTypeN},
		},
		KeySchema: []types.KeySchemaElement{
			{AttributeName: "pk", KeyType: types.KeyTypeHash},
			{AttributeName: "sk", KeyType: types.KeyTypeRange},
		},
		BillingMode: ptr(types.BillingModePayPerRequest),
	})
	must(t, err, "CreateTable")
	return name
}

func s(v string) types.AttributeValue { return types.AttributeValue{S: &v} }
func n(v string) types.AttributeValue { return types.AttributeValue{N: &v} }

func TestDynamoDB(t *testing.T) {
	ctx := context.Background()
	c := dynamodbClient(newRecorder())
	table := newTable(t, c)
	allBytes := make([]byte, 256)
	for i := range allBytes {
		allBytes[i] = byte(i)
	}

	t.Run("roundtrip-binary-numbers-unicode", func(t *testing.T) {
		t.Parallel()
		item := map[string]types.AttributeValue{
			"pk":      s("item " + unicodeText),
			"sk":      n("1"),
			"bin":     {B: allBytes},
			"binset":  {BS: [][]byte{{0}, {0xff, 0xfe}, []byte("\x00\x01")}},
			"big":     n("12345678901234567890123456789012345678"),
			"small":   n("-0.000000000000000000000000000000000001"),
			"decimal": n("3.14159265358979323846264338327950288"),
			"numset":  {NS: []string{"1", "-2.5"}},
			"text":    s(unicodeText + " \"quoted\" \\ back\tslash\n\u2028 <>&"),
			"strset":  {SS: []string{"a", "日本"}},
			"null":    {NULL: aws.Bool(true)},
			"bool":    {BOOL: aws.Bool(false)},
			"list":    {L: []types.AttributeValue{s("x"), n("2"), {B: []byte{1, 2, 3}}}},
			"map":     {M: map[string]types.AttributeValue{"nested ü": {M: map[string]types.AttributeValue{"deep": s("🚀")}}}},
			// empty values are values: "" and an empty list or map must be sent, not dropped
			"emptyS": s(""),
			"emptyL": {L: []types.AttributeValue{}},
			"emptyM": {M: map[string]types.AttributeValue{}},
		}
		_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: table, Item: item})
		must(t, err, "PutItem")
		out, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: table, ConsistentRead: aws.Bool(true),
			Key: map[string]types.AttributeValue{"pk": item["pk"], "sk": item["sk"]}})
		must(t, err, "GetItem")
		for k, want := range item {
			if got := out.Item[k]; !reflect.DeepEqual(got, want) {
				t.Errorf("attribute %q: got %s, want %s", k, show(got), show(want))
			}
		}
		if len(out.Item) != len(item) {
			t.Errorf("got %d attributes, want %d", len(out.Item), len(item))
		}
	})

	t.Run("paginate-Query-Scan", func(t *testing.T) {
		t.Parallel()
		// The token, LastEvaluatedKey, is a map of attribute values.
		tbl := newTable(t, c)
		for i := range 7 {
			_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: tbl, Item: map[string]types.AttributeValue{
				"pk": s("same"), "sk": n(fmt.Sprint(i)), "v": s(fmt.Sprintf("value %d ü", i))}})
			must(t, err, "PutItem")
		}
		q := dynamodb.NewQueryPaginator(c, &dynamodb.QueryInput{TableName: tbl,
			KeyConditionExpression: aws.String("pk = :p"), ExpressionAttributeValues: map[string]types.AttributeValue{":p": s("same")}},
			func(o *dynamodb.QueryPaginatorOptions) { o.Limit = 2 })
		var got []string
		pages := 0
		for q.HasMorePages() && pages < 10 {
			out, err := q.NextPage(ctx)
			must(t, err, "Query")
			pages++
			for _, it := range out.Items {
				got = append(got, deref(it["v"].S))
			}
		}
		if len(got) != 7 || pages < 4 || got[0] != "value 0 ü" || got[6] != "value 6 ü" {
			t.Errorf("Query: %d pages with %q, want 7 values over at least 4 pages", pages, got)
		}
		sc := dynamodb.NewScanPaginator(c, &dynamodb.ScanInput{TableName: tbl}, func(o *dynamodb.ScanPaginatorOptions) { o.Limit = 3 })
		got, pages = nil, 0
		for sc.HasMorePages() && pages < 10 {
			out, err := sc.NextPage(ctx)
			must(t, err, "Scan")
			pages++
			for _, it := range out.Items {
				got = append(got, deref(it["v"].S))
			}
		}
		if len(got) != 7 || pages < 3 {
			t.Errorf("Scan: %d pages with %q, want 7 values over at least 3 pages", pages, got)
		}
	})

	t.Run("paginate-ListTables", func(t *testing.T) {
		t.Parallel()
		mine := map[string]bool{}
		for range 3 {
			mine[newTable(t, c)] = true
		}
		p := dynamodb.NewListTablesPaginator(c, &dynamodb.ListTablesInput{}, func(o *dynamodb.ListTablesPaginatorOptions) { o.Limit = 1 })
		pages := 0
		for p.HasMorePages() && pages < 100 {
			page, err := p.NextPage(ctx)
			must(t, err, "NextPage")
			pages++
			if len(page.TableNames) > 1 {
				t.Errorf("page of %d tables, want at most 1", len(page.TableNames))
			}
			for _, name := range page.TableNames {
				delete(mine, name)
			}
		}
		if len(mine) > 0 || pages < 4 {
			t.Errorf("%d pages; tables never listed: %v", pages, mine)
		}
	})

	t.Run("error-ResourceNotFound-typed", func(t *testing.T) {
		t.Parallel()
		_, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: unique("no-such-table"),
			Key: map[string]types.AttributeValue{"pk": s("x"), "sk": n("1")}})
		var rnf *types.ResourceNotFoundException
		if !errors.As(err, &rnf) {
			t.Fatalf("GetItem on a missing table: %v (%s), want *types.ResourceNotFoundException", err, typeName(err))
		}
		wantCode(t, err, "ResourceNotFoundException", 400)
	})

	t.Run("error-ConditionalCheckFailed-typed", func(t *testing.T) {
		t.Parallel()
		item := map[string]types.AttributeValue{"pk": s("conditional"), "sk": n("1")}
		_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: table, Item: item})
		must(t, err, "PutItem")
		_, err = c.PutItem(ctx, &dynamodb.PutItemInput{TableName: table, Item: item, ConditionExpression: aws.String("attribute_not_exists(pk)")})
		var ccf *types.ConditionalCheckFailedException
		if !errors.As(err, &ccf) {
			t.Fatalf("conditional PutItem: %v (%s), want *types.ConditionalCheckFailedException", err, typeName(err))
		}
		wantCode(t, err, "ConditionalCheckFailedException", 400)
	})

	t.Run("point7-typed-error-message", func(t *testing.T) {
		t.Parallel()
		// moto, as DynamoDB, sends {"__type": ..., "message": "Requested resource not found"}
		_, err := c.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: unique("no-such-table")})
		var rnf *types.ResourceNotFoundException
		if !errors.As(err, &rnf) {
			t.Fatalf("DescribeTable on a missing table: %v (%s), want *types.ResourceNotFoundException", err, typeName(err))
		}
		if rnf.ErrorMessage() == "" {
			t.Errorf("ResourceNotFoundException lost the service's message: %v", err)
		}
	})

	t.Run("point8-error-wire-status-request-id", func(t *testing.T) {
		t.Parallel()
		rec := newRecorder()
		_, err := dynamodbClient(rec).DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: unique("no-such-table")})
		wantWireFacts(t, err, rec)
	})

	t.Run("point5-x-amz-crc32-validated", func(t *testing.T) {
		t.Parallel()
		item := map[string]types.AttributeValue{"pk": s("crc"), "sk": n("1"), "v": s("original")}
		_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: table, Item: item})
		must(t, err, "PutItem")
		rec := newRecorder()
		// a response damaged on the way (its x-amz-crc32 no longer matches) must not
		// be handed to the user as the item
		rec.mutate = func(resp *http.Response) {
			b, _ := io.ReadAll(resp.Body)
			resp.Body = io.NopCloser(bytes.NewReader(bytes.ReplaceAll(b, []byte("original"), []byte("tampered"))))
		}
		out, err := dynamodbClient(rec).GetItem(ctx, &dynamodb.GetItemInput{TableName: table, ConsistentRead: aws.Bool(true),
			Key: map[string]types.AttributeValue{"pk": s("crc"), "sk": n("1")}})
		if rec.last().respHeader.Get("X-Amz-Crc32") == "" {
			t.Fatalf("moto sent no x-amz-crc32")
		}
		if err == nil {
			t.Errorf("GetItem accepted a response whose body does not match its x-amz-crc32 (got v=%q)", deref(out.Item["v"].S))
		}
	})

	t.Run("delete", func(t *testing.T) {
		t.Parallel()
		key := map[string]types.AttributeValue{"pk": s("to delete"), "sk": n("9")}
		_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: table, Item: key})
		must(t, err, "PutItem")
		_, err = c.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: table, Key: key})
		must(t, err, "DeleteItem")
		out, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: table, Key: key, ConsistentRead: aws.Bool(true)})
		must(t, err, "GetItem")
		if out.Item != nil {
			t.Errorf("deleted item still there: %v", out.Item)
		}
		tbl := newTable(t, c)
		_, err = c.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: tbl})
		must(t, err, "DeleteTable")
		_, err = c.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: tbl})
		var rnf *types.ResourceNotFoundException
		if !errors.As(err, &rnf) {
			t.Errorf("DescribeTable after DeleteTable: %v, want *types.ResourceNotFoundException", err)
		}
	})
}

// show prints an attribute value with its pointers followed.
func show(v types.AttributeValue) string {
	var b bytes.Buffer
	switch {
	case v.S != nil:
		fmt.Fprintf(&b, "S:%q", *v.S)
	case v.N != nil:
		fmt.Fprintf(&b, "N:%s", *v.N)
	case v.B != nil:
		fmt.Fprintf(&b, "B:%x", v.B)
	case v.NULL != nil:
		fmt.Fprintf(&b, "NULL:%v", *v.NULL)
	case v.BOOL != nil:
		fmt.Fprintf(&b, "BOOL:%v", *v.BOOL)
	case v.M != nil:
		b.WriteString("M:{")
		for k, e := range v.M {
			fmt.Fprintf(&b, "%q:%s ", k, show(e))
		}
		b.WriteString("}")
	case v.L != nil:
		b.WriteString("L:[")
		for _, e := range v.L {
			b.WriteString(show(e) + " ")
		}
		b.WriteString("]")
	default:
		fmt.Fprintf(&b, "%+v", v)
	}
	return b.String()
}
