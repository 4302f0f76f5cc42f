package eventstream

import (
	"bytes"
	"errors"
	"io"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
)

func TestInputBodySignedRoundTrip(t *testing.T) {
	events := []event{{Text: ptr("one")}, {Raw: []byte{1, 2}}}
	b := InputBody(Of(nil, events...), encodeEvent)
	sig := "e1d8e8c8815e60969f2a34765c9a15945ffc0badbaa4b7e3b163ea19131e949b"
	b.(interface {
		SignedWith(aws.Credentials, string, string, string)
	}).SignedWith(aws.Credentials{AccessKeyID: "AKID", SecretAccessKey: "s"}, "bedrock", "us-east-1",
		"AWS4-HMAC-SHA256 Credential=AKID/20261204/us-east-1/bedrock/aws4_request, SignedHeaders=host, Signature="+sig)
	wire, err := io.ReadAll(b)
	if err != nil {
		t.Fatal(err)
	}
	evs, errs := collect(NewInputReader(wire, decodeEvent))
	if len(errs) != 0 || len(evs) != 2 || *evs[0].Text != "one" || !bytes.Equal(evs[1].Raw, []byte{1, 2}) {
		t.Fatalf("events %+v, errors %v", evs, errs)
	}
}

func TestInputBodyUnsignedAndErrors(t *testing.T) {
	wire, err := io.ReadAll(InputBody(Of(nil, event{Text: ptr("bare")}), encodeEvent))
	if err != nil {
		t.Fatal(err)
	}
	evs, errs := collect(NewReader(io.NopCloser(bytes.NewReader(wire)), decodeEvent))
	if len(errs) != 0 || len(evs) != 1 || *evs[0].Text != "bare" {
		t.Fatalf("unsigned: events %+v, errors %v", evs, errs)
	}
	boom := errors.New("producer failed")
	if _, err := io.ReadAll(InputBody(Of(boom, event{Text: ptr("x")}), encodeEvent)); !errors.Is(err, boom) {
		t.Fatalf("a producer's error: %v", err)
	}
	if _, err := io.ReadAll(InputBody(Of(nil, event{}), encodeEvent)); !errors.Is(err, ErrEmptyEvent) {
		t.Fatalf("an empty event: %v", err)
	}
	b := InputBody(Of(nil, event{Text: ptr("x")}), encodeEvent)
	b.(interface {
		SignedWith(aws.Credentials, string, string, string)
	}).SignedWith(aws.Credentials{}, "s", "r", "no signature here")
	if _, err := io.ReadAll(b); err == nil {
		t.Fatal("an Authorization header without a signature was accepted")
	}
}

// Closing the body (the transport does, with the request) stops the producer.
func TestInputBodyCloseStopsProducer(t *testing.T) {
	stopped := make(chan struct{})
	s := New(func(yield func(event, error) bool) {
		defer close(stopped)
		for yield(event{Text: ptr("again")}, nil) {
		}
	})
	b := InputBody(s, encodeEvent)
	buf := make([]byte, 8)
	if _, err := b.Read(buf); err != nil {
		t.Fatal(err)
	}
	b.Close()
	<-stopped
}
