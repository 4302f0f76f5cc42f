package eventstream

import (
	"bytes"
	"context"
	"io"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	aes "github.com/aws/aws-sdk-go-v2/aws/protocol/eventstream"
	"github.com/svcgen/svcgen/runtime/sigv4"
)

// Headers of a signed input event's envelope.
const (
	DateHeader           = ":date"
	ChunkSignatureHeader = ":chunk-signature"
)

// StreamingEventsPayload is the payload hash a request with an input event stream is
// signed with (X-Amz-Content-Sha256): the body is signed event by event.
const StreamingEventsPayload = "STREAMING-AWS4-HMAC-SHA256-EVENTS"

// SignedWriter writes an input event stream as SigV4's event-stream signing says: each
// message travels, encoded, as the payload of an envelope message whose headers are
// :date and :chunk-signature, the signature of the date header and the payload chained
// from the previous one (the first from the request's own signature, the seed); Close
// writes the empty envelope that ends the stream. The signatures are runtime/sigv4's
// ChunkSigner's (the test checks them against aws-sdk-go-v2's v4.StreamSigner). The
// generated clients write their input streams with it.
type SignedWriter struct {
	w      io.Writer
	signer *sigv4.ChunkSigner
	now    func() time.Time
	enc    *aes.Encoder
}

// eventSigner derives and caches the signing keys of input streams.
var eventSigner = sigv4.New()

// NewSignedWriter returns a writer to w whose first signature chains from seed, the
// request's signature (its bytes, not hex); now is the clock (nil: time.Now).
func NewSignedWriter(w io.Writer, creds aws.Credentials, service, region string, seed []byte, now func() time.Time) *SignedWriter {
	if now == nil {
		now = time.Now
	}
	return &SignedWriter{w: w, signer: eventSigner.NewChunkSigner(creds, service, region, seed), now: now, enc: aes.NewEncoder()}
}

// Write signs and writes one message.
func (s *SignedWriter) Write(ctx context.Context, m Message) error {
	var buf bytes.Buffer
	if err := s.enc.Encode(&buf, m); err != nil {
		return err
	}
	return s.envelope(ctx, buf.Bytes())
}

// Close signs and writes the empty envelope that ends the stream.
func (s *SignedWriter) Close(ctx context.Context) error { return s.envelope(ctx, nil) }

func (s *SignedWriter) envelope(ctx context.Context, payload []byte) error {
	// :date has millisecond precision on the wire; the signature covers the time in
	// seconds, as the header says it
	t := s.now().UTC().Truncate(time.Millisecond)
	var env Message
	env.Headers.Set(DateHeader, aes.TimestampValue(t))
	var hb bytes.Buffer
	if err := aes.EncodeHeaders(&hb, env.Headers); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	sig := s.signer.Sign(hb.Bytes(), payload, t)
	env.Headers.Set(ChunkSignatureHeader, aes.BytesValue(sig[:]))
	env.Payload = payload
	return s.enc.Encode(s.w, env)
}
