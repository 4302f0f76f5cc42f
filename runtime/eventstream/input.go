package eventstream

import (
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"io"
	"iter"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	aes "github.com/aws/aws-sdk-go-v2/aws/protocol/eventstream"
)

// InputBody returns the request body that sends s's events, for a client: each event
// encoded by encode and, once the client has signed the request (SignedWith), signed
// as SigV4's event-stream signing says (SignedWriter), then the end envelope. Unsigned
// (no credentials), the messages go as they are. It pulls the events as the transport
// reads the body: no goroutine of its own; Close (the transport closes the body with the
// request, when it ends or its context is cancelled) stops s's producer, so a producer
// that waits for something should also watch its context.
func InputBody[T any](s *Stream[T], encode EncodeFunc[T]) io.ReadCloser {
	return &inputBody[T]{s: s, encode: encode}
}

type inputBody[T any] struct {
	s      *Stream[T]
	encode EncodeFunc[T]

	mu     sync.Mutex
	signer *SignedWriter
	next   func() (T, error, bool)
	stop   func()
	buf    bytes.Buffer
	done   bool
	err    error
}

// SignedWith starts the signature chain from the request's signature (client.SigningBody).
func (b *inputBody[T]) SignedWith(creds aws.Credentials, signingName, region, authorization string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	seed, err := seedSignature(authorization)
	if err != nil {
		b.err = err
		return
	}
	b.signer = NewSignedWriter(&b.buf, creds, signingName, region, seed, nil)
}

// seedSignature is the Signature= of an Authorization header, as bytes.
func seedSignature(authorization string) ([]byte, error) {
	_, sig, ok := strings.Cut(authorization, "Signature=")
	if !ok {
		return nil, errors.New("eventstream: the request's Authorization header has no signature to chain the events from")
	}
	if i := strings.IndexAny(sig, ", "); i >= 0 {
		sig = sig[:i]
	}
	return hex.DecodeString(sig)
}

func (b *inputBody[T]) Read(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for b.buf.Len() == 0 {
		if b.err != nil {
			return 0, b.err
		}
		if b.done {
			return 0, io.EOF
		}
		if b.next == nil {
			b.next, b.stop = iter.Pull2(b.s.Events())
		}
		ev, err, ok := b.next()
		if err != nil {
			// the producer's error ends the request: the service sees a cut stream
			b.err = err
			b.finish()
			continue
		}
		if !ok {
			b.finish()
			if b.signer != nil {
				if err := b.signer.Close(context.Background()); err != nil {
					b.err = err
				}
			}
			continue
		}
		m, err := b.encode(ev)
		if err == nil {
			if b.signer != nil {
				err = b.signer.Write(context.Background(), m)
			} else {
				err = aes.NewEncoder().Encode(&b.buf, m)
			}
		}
		if err != nil {
			b.err = err
			b.finish()
		}
	}
	return b.buf.Read(p)
}

// finish marks the end and releases the producer.
func (b *inputBody[T]) finish() {
	b.done = true
	if b.stop != nil {
		b.stop()
	}
}

func (b *inputBody[T]) Close() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.finish()
	return b.s.Close()
}

// NewInputReader returns the stream of the events of an input event-stream body a
// server received whole: each message in its signed envelope (the envelope's payload,
// up to the empty end envelope) or bare. The signatures are not checked.
func NewInputReader[T any](body []byte, decode DecodeFunc[T]) *Stream[T] {
	r := bytes.NewReader(body)
	dec := aes.NewDecoder()
	var inner bytes.Buffer
	return NewReader(io.NopCloser(readerFunc(func(p []byte) (int, error) {
		for inner.Len() == 0 {
			m, err := dec.Decode(r, nil)
			if err != nil {
				if errors.Is(err, io.EOF) {
					return 0, io.EOF
				}
				return 0, err
			}
			if _, signed := m.Headers.Get(ChunkSignatureHeader).(aes.BytesValue); !signed {
				if err := aes.NewEncoder().Encode(&inner, m); err != nil {
					return 0, err
				}
				continue
			}
			if len(m.Payload) == 0 {
				return 0, io.EOF // the end envelope
			}
			inner.Write(m.Payload)
		}
		return inner.Read(p)
	})), decode)
}

type readerFunc func([]byte) (int, error)

func (f readerFunc) Read(p []byte) (int, error) { return f(p) }
