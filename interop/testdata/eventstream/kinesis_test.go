package scenarios

import (
	"context"
	"errors"
	"net/http/httptest"
	"os"
	"os/exec"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/svcgen/svcgen/runtime/eventstream"

	"esinterop/kinesis"
	kserver "esinterop/kinesis/server"
	ktypes "esinterop/kinesis/types"
)

// fakeKinesis streams two SubscribeToShard events, then, for the shard ending in 404, a
// modeled ResourceNotFoundException.
type fakeKinesis struct{ kserver.Unimplemented }

func (fakeKinesis) SubscribeToShard(ctx context.Context, in *kinesis.SubscribeToShardInput) (*kinesis.SubscribeToShardOutput, error) {
	var fail error
	if strings.HasSuffix(in.ShardId, "404") {
		fail = &ktypes.ResourceNotFoundException{Message: aws.String("the shard is gone")}
	}
	ev := func(seq, key, data string) ktypes.SubscribeToShardEventStream {
		return ktypes.SubscribeToShardEventStream{SubscribeToShardEvent: &ktypes.SubscribeToShardEvent{
			Records:                    []ktypes.Record{{SequenceNumber: seq, PartitionKey: key, Data: []byte(data)}},
			ContinuationSequenceNumber: seq, MillisBehindLatest: 7, ChildShards: []ktypes.ChildShard{},
		}}
	}
	return &kinesis.SubscribeToShardOutput{EventStream: eventstream.Of(fail, ev("1", "k1", "first"), ev("2", "k2", "second"))}, nil
}

func TestKinesisBoto3(t *testing.T) {
	srv := httptest.NewServer(kserver.NewHandler(fakeKinesis{}))
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, os.Getenv("PYTHON"), os.Getenv("KINESIS_SCRIPT"), srv.URL).CombinedOutput()
	if err != nil {
		t.Fatalf("boto3: %v\n%s", err, out)
	}
	got := strings.Split(strings.TrimSpace(string(out)), "\n")
	var want []string
	for _, shard := range []string{"shardId-000000000001", "shardId-000000000404"} {
		want = append(want,
			`{"behind": 7, "cont": "1", "records": [["k1", "first"]], "shard": "`+shard+`"}`,
			`{"behind": 7, "cont": "2", "records": [["k2", "second"]], "shard": "`+shard+`"}`)
		if strings.HasSuffix(shard, "404") {
			want = append(want, `{"error": "ResourceNotFoundException", "message": "the shard is gone", "shard": "`+shard+`"}`)
		} else {
			want = append(want, `{"end": true, "shard": "`+shard+`"}`)
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("boto3 read:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestKinesisGeneratedClient(t *testing.T) {
	srv := httptest.NewServer(kserver.NewHandler(fakeKinesis{}))
	defer srv.Close()
	c := kinesis.New(kinesis.Options{Region: "us-east-1", BaseEndpoint: srv.URL,
		Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			return aws.Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: "secret"}, nil
		})})
	for _, shard := range []string{"shardId-000000000001", "shardId-000000000404"} {
		out, err := c.SubscribeToShard(context.Background(), &kinesis.SubscribeToShardInput{
			ConsumerARN: "arn:aws:kinesis:us-east-1:123456789012:stream/s/consumer/c:1", ShardId: shard,
			StartingPosition: &ktypes.StartingPosition{Type: ktypes.ShardIteratorTypeLatest}})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		var streamErr error
		for ev, err := range out.EventStream.Events() {
			if err != nil {
				streamErr = err
				break
			}
			for _, r := range ev.SubscribeToShardEvent.Records {
				got = append(got, r.PartitionKey+"="+string(r.Data))
			}
		}
		out.EventStream.Close()
		if want := []string{"k1=first", "k2=second"}; !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: records %q, want %q", shard, got, want)
		}
		var nf *ktypes.ResourceNotFoundException
		if strings.HasSuffix(shard, "404") != errors.As(streamErr, &nf) {
			t.Fatalf("%s: the stream ended with %v", shard, streamErr)
		}
	}
}
