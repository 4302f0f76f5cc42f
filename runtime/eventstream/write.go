package eventstream

import (
	"bytes"
	"errors"
	"io"
	"iter"
	"sync"

	aes "github.com/aws/aws-sdk-go-v2/aws/protocol/eventstream"
	"github.com/svcgen/svcgen/runtime/jsonwire"
	"github.com/svcgen/svcgen/runtime/xmlwire"
)

// EncodeFunc turns an event into its message (generated per event-stream structure).
type EncodeFunc[T any] func(ev T) (Message, error)

// ExceptionFunc turns a modeled exception into its message; ok is false for an error the
// event-stream structure does not model (generated per event-stream structure).
type ExceptionFunc func(err error) (m Message, ok bool)

// EventMessage is an event message of type typ (a member name of the event-stream
// structure).
func EventMessage(typ, contentType string, payload []byte) Message {
	var m Message
	m.Headers.Set(MessageTypeHeader, aes.StringValue(EventMessageType))
	m.Headers.Set(EventTypeHeader, aes.StringValue(typ))
	if contentType != "" {
		m.Headers.Set(ContentTypeHeader, aes.StringValue(contentType))
	}
	m.Payload = payload
	return m
}

// ExceptionMessage is an exception message of type typ.
func ExceptionMessage(typ, contentType string, payload []byte) Message {
	var m Message
	m.Headers.Set(MessageTypeHeader, aes.StringValue(ExceptionMessageType))
	m.Headers.Set(ExceptionTypeHeader, aes.StringValue(typ))
	if contentType != "" {
		m.Headers.Set(ContentTypeHeader, aes.StringValue(contentType))
	}
	m.Payload = payload
	return m
}

// ErrorMessage is an error message: a failure the structure does not model.
func ErrorMessage(code, message string) Message {
	var m Message
	m.Headers.Set(MessageTypeHeader, aes.StringValue(ErrorMessageType))
	m.Headers.Set(ErrorCodeHeader, aes.StringValue(code))
	m.Headers.Set(ErrorMessageHeader, aes.StringValue(message))
	return m
}

// EncodeJSON returns the JSON fn writes (a generated encoder).
func EncodeJSON(fn func(w *jsonwire.Writer)) []byte {
	var w jsonwire.Writer
	fn(&w)
	return w.Bytes()
}

// EncodeXML returns the XML fn writes (a generated encoder).
func EncodeXML(fn func(w *xmlwire.Writer)) []byte {
	var w xmlwire.Writer
	fn(&w)
	return w.Bytes()
}

// ErrEmptyEvent is the error of an event with no member set: it cannot be sent.
var ErrEmptyEvent = errors.New("eventstream: an event with no member set")

// Body returns the response body that sends s's events, for a server. Its WriteTo
// (which io.Copy calls) writes each message as the event comes and flushes it when the
// destination can flush (an http.ResponseWriter); the headers are flushed first, before
// the first event. The stream ends after s's last event or its first error: a modeled
// one goes as an exception message, any other as an error message (InternalFailure, or
// the code and message of an error with ErrorCode and ErrorMessage). A failed write (the
// client went away) stops ranging over s, so its producer's loop ends. Close stops s.
func Body[T any](s *Stream[T], encode EncodeFunc[T], exception ExceptionFunc) io.ReadCloser {
	return &body[T]{s: s, encode: encode, exception: exception}
}

// BodyInitial is Body for the awsJson protocols: an initial-response event whose
// payload is initial (the output's other members, as JSON) goes before the events.
func BodyInitial[T any](initial []byte, s *Stream[T], encode EncodeFunc[T], exception ExceptionFunc) io.ReadCloser {
	m := EventMessage("initial-response", "application/json", initial)
	return &body[T]{s: s, encode: encode, exception: exception, initial: &m}
}

type body[T any] struct {
	s         *Stream[T]
	encode    EncodeFunc[T]
	exception ExceptionFunc
	initial   *Message // sent first, when not nil

	mu   sync.Mutex
	next func() (T, error, bool) // Read's pull iterator
	stop func()
	buf  bytes.Buffer
	done bool
}

// message is what to send for one item of the stream; last ends it.
func (b *body[T]) message(ev T, err error) (m Message, last bool) {
	if err == nil {
		m, err = b.encode(ev)
		if err == nil {
			return m, false
		}
		return ErrorMessage("InternalFailure", "the server could not encode an event: "+err.Error()), true
	}
	if m, ok := b.exception(err); ok {
		return m, true
	}
	var coded interface {
		ErrorCode() string
		ErrorMessage() string
	}
	if errors.As(err, &coded) {
		return ErrorMessage(coded.ErrorCode(), coded.ErrorMessage()), true
	}
	return ErrorMessage("InternalFailure", "the server failed to produce the event stream"), true
}

type flusher interface{ Flush() }

// WriteTo writes the stream's messages to w.
func (b *body[T]) WriteTo(w io.Writer) (int64, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.done || b.next != nil {
		return 0, nil
	}
	b.done = true
	f, _ := w.(flusher)
	if f != nil {
		f.Flush()
	}
	enc := aes.NewEncoder()
	cw := &countWriter{w: w}
	if b.initial != nil {
		if err := enc.Encode(cw, *b.initial); err != nil {
			return cw.n, err
		}
	}
	var werr error
	for ev, err := range b.s.Events() {
		m, last := b.message(ev, err)
		if werr = enc.Encode(cw, m); werr != nil {
			break
		}
		if f != nil {
			f.Flush()
		}
		if last {
			break
		}
	}
	return cw.n, werr
}

// Read reads the encoded messages: for a destination io.Copy does not hand to WriteTo.
func (b *body[T]) Read(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for b.buf.Len() == 0 {
		if b.done {
			return 0, io.EOF
		}
		if b.next == nil {
			b.next, b.stop = iter.Pull2(b.s.Events())
			if b.initial != nil {
				if err := aes.NewEncoder().Encode(&b.buf, *b.initial); err != nil {
					return 0, err
				}
				continue
			}
		}
		ev, err, ok := b.next()
		if !ok {
			b.done = true
			b.stop()
			return 0, io.EOF
		}
		m, last := b.message(ev, err)
		if err := aes.NewEncoder().Encode(&b.buf, m); err != nil {
			return 0, err
		}
		if last {
			b.done = true
			b.stop()
		}
	}
	return b.buf.Read(p)
}

// Close stops the stream's producer and releases it.
func (b *body[T]) Close() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.done = true
	if b.stop != nil {
		b.stop()
	}
	return b.s.Close()
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
