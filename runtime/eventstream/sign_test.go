package eventstream

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	aes "github.com/aws/aws-sdk-go-v2/aws/protocol/eventstream"
)

func hmacSHA256(key []byte, s string) []byte {
	h := hmac.New(sha256.New, key)
	h.Write([]byte(s))
	return h.Sum(nil)
}

func sha256Hex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// The chain is checked against the event-stream signing algorithm written out here
// from its definition (string to sign AWS4-HMAC-SHA256-PAYLOAD, date, scope, previous
// signature, hash of the :date header's bytes, hash of the payload), not against the
// signer that made it.
func TestSignedWriterChain(t *testing.T) {
	creds := aws.Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"}
	seed, _ := hex.DecodeString("e1d8e8c8815e60969f2a34765c9a15945ffc0badbaa4b7e3b163ea19131e949b")
	clock := time.Date(2026, 12, 4, 19, 30, 0, 0, time.UTC)
	now := func() time.Time { clock = clock.Add(1500 * time.Millisecond); return clock }
	var wire bytes.Buffer
	w := NewSignedWriter(&wire, creds, "bedrock", "us-east-1", seed, now)
	events := []Message{
		EventMessage("chunk", "application/json", []byte(`{"bytes":"AQID"}`)),
		EventMessage("chunk", "application/json", []byte(`{"bytes":"BAUG"}`)),
	}
	ctx := context.Background()
	for _, m := range events {
		if err := w.Write(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(ctx); err != nil {
		t.Fatal(err)
	}

	prev := seed
	dec := aes.NewDecoder()
	for i := 0; i <= len(events); i++ {
		env, err := dec.Decode(&wire, nil)
		if err != nil {
			t.Fatalf("envelope %d: %v", i, err)
		}
		date, ok := env.Headers.Get(DateHeader).(aes.TimestampValue)
		if !ok {
			t.Fatalf("envelope %d has no :date", i)
		}
		got, ok := env.Headers.Get(ChunkSignatureHeader).(aes.BytesValue)
		if !ok {
			t.Fatalf("envelope %d has no :chunk-signature", i)
		}
		var dh aes.Headers
		dh.Set(DateHeader, date)
		var hb bytes.Buffer
		aes.EncodeHeaders(&hb, dh)
		ts := time.Time(date).UTC()
		day := ts.Format("20060102")
		scope := day + "/us-east-1/bedrock/aws4_request"
		sts := strings.Join([]string{"AWS4-HMAC-SHA256-PAYLOAD", ts.Format("20060102T150405Z"), scope,
			hex.EncodeToString(prev), sha256Hex(hb.Bytes()), sha256Hex(env.Payload)}, "\n")
		key := hmacSHA256([]byte("AWS4"+creds.SecretAccessKey), day)
		for _, part := range []string{"us-east-1", "bedrock", "aws4_request"} {
			key = hmacSHA256(key, part)
		}
		if want := hmacSHA256(key, sts); !bytes.Equal(got, want) {
			t.Fatalf("envelope %d: signature %x, want %x", i, []byte(got), want)
		}
		prev = got
		if i == len(events) {
			if len(env.Payload) != 0 {
				t.Fatalf("the end envelope carries %d bytes", len(env.Payload))
			}
			break
		}
		inner, err := aes.NewDecoder().Decode(bytes.NewReader(env.Payload), nil)
		if err != nil {
			t.Fatalf("envelope %d's message: %v", i, err)
		}
		if HeaderString(&inner, EventTypeHeader) != "chunk" || !bytes.Equal(inner.Payload, events[i].Payload) {
			t.Fatalf("envelope %d holds %v %q", i, inner.Headers, inner.Payload)
		}
	}
	if wire.Len() != 0 {
		t.Fatalf("%d bytes after the end envelope", wire.Len())
	}
}
