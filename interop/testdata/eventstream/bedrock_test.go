package scenarios

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	aes "github.com/aws/aws-sdk-go-v2/aws/protocol/eventstream"
	"github.com/svcgen/svcgen/runtime/eventstream"

	"esinterop/bedrockruntime"
	"esinterop/bedrockruntime/server"
	"esinterop/bedrockruntime/types"
)

// fake answers ConverseStream and InvokeModelWithResponseStream offline: three events,
// then, for the model "fail-model", a modeled exception mid-stream.
type fake struct{ server.Unimplemented }

func failure(model string) error {
	if model != "fail-model" {
		return nil
	}
	return &types.ModelStreamErrorException{Message: aws.String("the model broke"), OriginalStatusCode: aws.Int32(529)}
}

func (fake) ConverseStream(ctx context.Context, in *bedrockruntime.ConverseStreamInput) (*bedrockruntime.ConverseStreamOutput, error) {
	return &bedrockruntime.ConverseStreamOutput{Stream: eventstream.Of(failure(in.ModelId),
		types.ConverseStreamOutput{MessageStart: &types.MessageStartEvent{Role: types.ConversationRoleAssistant}},
		types.ConverseStreamOutput{ContentBlockDelta: &types.ContentBlockDeltaEvent{ContentBlockIndex: 0, Delta: &types.ContentBlockDeltaMemberText{Value: "Hello from " + in.ModelId}}},
		types.ConverseStreamOutput{MessageStop: &types.MessageStopEvent{StopReason: types.StopReasonEndTurn}},
	)}, nil
}

func (fake) InvokeModelWithResponseStream(ctx context.Context, in *bedrockruntime.InvokeModelWithResponseStreamInput) (*bedrockruntime.InvokeModelWithResponseStreamOutput, error) {
	return &bedrockruntime.InvokeModelWithResponseStreamOutput{ContentType: "application/json", Body: eventstream.Of(failure(in.ModelId),
		types.ResponseStream{Chunk: &types.PayloadPart{Bytes: []byte(`{"completion":"one"}`)}},
		types.ResponseStream{Chunk: &types.PayloadPart{Bytes: []byte(`{"completion":"two"}`)}},
	)}, nil
}

// InvokeModelWithBidirectionalStream echoes each input chunk, upper-cased, as an output
// chunk.
func (fake) InvokeModelWithBidirectionalStream(ctx context.Context, in *bedrockruntime.InvokeModelWithBidirectionalStreamInput) (*bedrockruntime.InvokeModelWithBidirectionalStreamOutput, error) {
	return &bedrockruntime.InvokeModelWithBidirectionalStreamOutput{Body: eventstream.New(func(yield func(types.InvokeModelWithBidirectionalStreamOutput, error) bool) {
		for ev, err := range in.Body.Events() {
			if err != nil {
				yield(types.InvokeModelWithBidirectionalStreamOutput{}, err)
				return
			}
			if !yield(types.InvokeModelWithBidirectionalStreamOutput{Chunk: &types.BidirectionalOutputPayloadPart{Bytes: bytes.ToUpper(ev.Chunk.Bytes)}}, nil) {
				return
			}
		}
	})}, nil
}

// TestBoto3 runs boto3 (BOTO_SCRIPT) against the generated server and compares every line it
// prints.
func TestBoto3(t *testing.T) {
	srv := httptest.NewServer(server.NewHandler(fake{}))
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, os.Getenv("PYTHON"), os.Getenv("BOTO_SCRIPT"), srv.URL).CombinedOutput()
	if err != nil {
		t.Fatalf("boto3: %v\n%s", err, out)
	}
	var got []string
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		var v map[string]any
		if err := json.Unmarshal([]byte(line), &v); err != nil {
			t.Fatalf("boto3 printed %q", line)
		}
		got = append(got, line)
	}
	want := []string{}
	for _, model := range []string{"ok-model", "fail-model"} {
		c := "converse/" + model
		want = append(want,
			`{"body": {"role": "assistant"}, "event": "messageStart", "op": "`+c+`"}`,
			`{"body": {"contentBlockIndex": 0, "delta": {"text": "Hello from `+model+`"}}, "event": "contentBlockDelta", "op": "`+c+`"}`,
			`{"body": {"stopReason": "end_turn"}, "event": "messageStop", "op": "`+c+`"}`)
		if model == "fail-model" {
			want = append(want, `{"error": "modelStreamErrorException", "message": "the model broke", "op": "`+c+`", "original": null}`)
		} else {
			want = append(want, `{"end": true, "op": "`+c+`"}`)
		}
		i := "invoke/" + model
		want = append(want,
			`{"contentType": "application/json", "op": "`+i+`"}`,
			`{"bytes": "{\"completion\":\"one\"}", "event": "chunk", "op": "`+i+`"}`,
			`{"bytes": "{\"completion\":\"two\"}", "event": "chunk", "op": "`+i+`"}`)
		if model == "fail-model" {
			want = append(want, `{"error": "modelStreamErrorException", "message": "the model broke", "op": "`+i+`", "original": null}`)
		} else {
			want = append(want, `{"end": true, "op": "`+i+`"}`)
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("boto3 read:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestGeneratedClient reads the same server with the generated client.
func TestGeneratedClient(t *testing.T) {
	srv := httptest.NewServer(server.NewHandler(fake{}))
	defer srv.Close()
	c := bedrockruntime.New(bedrockruntime.Options{Region: "us-east-1", BaseEndpoint: srv.URL,
		Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			return aws.Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: "secret"}, nil
		})})
	ctx := context.Background()
	for _, model := range []string{"ok-model", "fail-model"} {
		out, err := c.ConverseStream(ctx, &bedrockruntime.ConverseStreamInput{ModelId: model,
			Messages: []types.Message{{Role: types.ConversationRoleUser, Content: []types.ContentBlock{&types.ContentBlockMemberText{Value: "hi"}}}}})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		var streamErr error
		for ev, err := range out.Stream.Events() {
			if err != nil {
				streamErr = err
				break
			}
			switch {
			case ev.MessageStart != nil:
				got = append(got, "start "+string(ev.MessageStart.Role))
			case ev.ContentBlockDelta != nil:
				got = append(got, "delta "+ev.ContentBlockDelta.Delta.(*types.ContentBlockDeltaMemberText).Value)
			case ev.MessageStop != nil:
				got = append(got, "stop "+string(ev.MessageStop.StopReason))
			default:
				got = append(got, fmt.Sprintf("other %v", ev))
			}
		}
		out.Stream.Close()
		if want := []string{"start assistant", "delta Hello from " + model, "stop end_turn"}; !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: events %q, want %q", model, got, want)
		}
		checkFailure(t, model, streamErr)

		inv, err := c.InvokeModelWithResponseStream(ctx, &bedrockruntime.InvokeModelWithResponseStreamInput{ModelId: model, Body: []byte(`{}`)})
		if err != nil {
			t.Fatal(err)
		}
		if inv.ContentType != "application/json" {
			t.Fatalf("content type %q", inv.ContentType)
		}
		got, streamErr = nil, nil
		for ev, err := range inv.Body.Events() {
			if err != nil {
				streamErr = err
				break
			}
			got = append(got, string(ev.Chunk.Bytes))
		}
		inv.Body.Close()
		if want := []string{`{"completion":"one"}`, `{"completion":"two"}`}; !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: chunks %q, want %q", model, got, want)
		}
		checkFailure(t, model, streamErr)
	}
}

// TestGeneratedClientInputStream sends an input stream with the generated client: the
// request is signed for streamed events, each event travels in a signed envelope, and
// the server reads the events back.
func TestGeneratedClientInputStream(t *testing.T) {
	var sawHash string
	var signedEnvelopes int
	h := server.NewHandler(fake{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/invoke-with-bidirectional-stream") {
			sawHash = r.Header.Get("X-Amz-Content-Sha256")
			body, _ := io.ReadAll(r.Body)
			dec := aes.NewDecoder()
			rd := bytes.NewReader(body)
			for {
				m, err := dec.Decode(rd, nil)
				if err != nil {
					break
				}
				if _, ok := m.Headers.Get(":chunk-signature").(aes.BytesValue); ok {
					signedEnvelopes++
				}
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
		h.ServeHTTP(w, r)
	}))
	defer srv.Close()
	c := bedrockruntime.New(bedrockruntime.Options{Region: "us-east-1", BaseEndpoint: srv.URL,
		Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			return aws.Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: "secret"}, nil
		})})
	in := eventstream.Of(nil,
		types.InvokeModelWithBidirectionalStreamInput{Chunk: &types.BidirectionalInputPayloadPart{Bytes: []byte("hello")}},
		types.InvokeModelWithBidirectionalStreamInput{Chunk: &types.BidirectionalInputPayloadPart{Bytes: []byte("world")}})
	out, err := c.InvokeModelWithBidirectionalStream(context.Background(), &bedrockruntime.InvokeModelWithBidirectionalStreamInput{ModelId: "m", Body: in})
	if err != nil {
		t.Fatal(err)
	}
	defer out.Body.Close()
	var got []string
	for ev, err := range out.Body.Events() {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, string(ev.Chunk.Bytes))
	}
	if want := []string{"HELLO", "WORLD"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("echoed %q, want %q", got, want)
	}
	if sawHash != eventstream.StreamingEventsPayload || signedEnvelopes != 3 {
		t.Fatalf("X-Amz-Content-Sha256 %q, %d signed envelopes (want 2 events and the end)", sawHash, signedEnvelopes)
	}
}

func checkFailure(t *testing.T, model string, err error) {
	t.Helper()
	var me *types.ModelStreamErrorException
	if model != "fail-model" {
		if err != nil {
			t.Fatalf("%s: %v", model, err)
		}
		return
	}
	if !errors.As(err, &me) || aws.ToString(me.Message) != "the model broke" || aws.ToInt32(me.OriginalStatusCode) != 529 {
		t.Fatalf("%s: the stream ended with %v, want the modeled exception", model, err)
	}
}
