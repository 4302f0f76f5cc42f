// Package eventstream carries the events of an operation whose output (or input) is an
// event stream: the application/vnd.amazon.eventstream framing that Bedrock's
// ConverseStream, Lambda's InvokeWithResponseStream and S3's SelectObjectContent use.
//
// A generated operation with an event-stream output returns an output whose stream
// member is a *Stream[T], T the model's event-stream structure (types.ConverseStreamOutput,
// types.ResponseStream, …): each event is a T with exactly one member set, the one the
// message's :event-type names. Read it with range and close it:
//
//	out, err := client.ConverseStream(ctx, in)
//	if err != nil { … }
//	defer out.Stream.Close()
//	for ev, err := range out.Stream.Events() {
//		if err != nil { … } // a modeled exception (errors.As(err, &throttling)), an error message, a broken frame
//		if d := ev.ContentBlockDelta; d != nil { … }
//	}
//
// Events yields each event in order and stops after the last one or after the first
// error (yielded once, with a zero T). A stream is read once: it is the response body.
// Breaking out of the loop leaves the body open until Close, which every caller must
// call (it is safe to call more than once, and at any time: from another goroutine it
// makes a pending read fail); cancelling the call's context ends the read too.
//
// The exception members of the structure are never set in an event: an exception
// message ends the stream with the modeled error (a *types.ThrottlingException, …) as
// the error. An :error message ends it with a *MessageError. An event whose
// :event-type the model does not know (a newer service) is skipped.
//
// A generated server serves the same type: the Service method returns an output whose
// stream is New(seq), seq an iter.Seq2 the server ranges over, writing and flushing each
// event as it comes; a yielded modeled error is sent as an exception message, any other
// error as an error message with code InternalFailure, and the stream ends there.
//
// An operation with an event-stream input takes a *Stream the caller builds with New: the
// client sends it as the request body (InputBody), each event signed as SigV4's
// event-stream signing says (SignedWriter), and a server reads it back
// (NewInputReader).
//
// The framing (prelude, headers, the two CRC32s) is aws-sdk-go-v2's
// aws/protocol/eventstream module; this package adds the message types, the streams and
// their plumbing once, and generated code adds only each event type's encoding.
package eventstream

import (
	"errors"
	"fmt"
	"io"
	"iter"
	"log/slog"
	"sync"
	"sync/atomic"

	aes "github.com/aws/aws-sdk-go-v2/aws/protocol/eventstream"
)

// Message is one frame of a stream: headers and payload.
type Message = aes.Message

// The headers every message carries, and the values of :message-type.
const (
	MessageTypeHeader   = ":message-type"
	EventTypeHeader     = ":event-type"
	ExceptionTypeHeader = ":exception-type"
	ErrorCodeHeader     = ":error-code"
	ErrorMessageHeader  = ":error-message"
	ContentTypeHeader   = ":content-type"

	EventMessageType     = "event"
	ExceptionMessageType = "exception"
	ErrorMessageType     = "error"
)

// ContentType is the Content-Type of an HTTP body that is an event stream.
const ContentType = "application/vnd.amazon.eventstream"

// Stream is a stream of events of type T, read by a client from a response or written by
// a server to one. The zero value and a nil *Stream have no events.
type Stream[T any] struct {
	// the state is behind a pointer, so that Format has a value receiver (the
	// redacting printers of generated outputs print a member's value) without copying
	// a lock
	*state[T]
}

type state[T any] struct {
	seq      iter.Seq2[T, error]
	close    func() error
	used     atomic.Bool
	once     sync.Once
	closeErr error
}

func newStream[T any](seq iter.Seq2[T, error], close func() error) *Stream[T] {
	return &Stream[T]{&state[T]{seq: seq, close: close}}
}

// New returns the stream of the events seq yields: what a server's Service method
// returns (or a test's fake client). A yielded error ends the stream with it.
func New[T any](seq iter.Seq2[T, error]) *Stream[T] { return newStream(seq, nil) }

// Of returns the stream of events, then err when it is not nil.
func Of[T any](err error, events ...T) *Stream[T] {
	return New(func(yield func(T, error) bool) {
		for _, ev := range events {
			if !yield(ev, nil) {
				return
			}
		}
		if err != nil {
			var zero T
			yield(zero, err)
		}
	})
}

// ErrConsumed is the error of a second Events: a stream is read once.
var ErrConsumed = errors.New("eventstream: the stream's events were already read")

// Events returns the stream's events, in order. A stream is read once: the second
// call's sequence yields ErrConsumed.
func (s *Stream[T]) Events() iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		if s == nil || s.state == nil || s.seq == nil {
			return
		}
		if s.used.Swap(true) {
			var zero T
			yield(zero, ErrConsumed)
			return
		}
		s.seq(yield)
	}
}

// Close releases the stream: a client's response body is closed. It returns the first
// close's error on every call.
func (s *Stream[T]) Close() error {
	if s == nil || s.state == nil {
		return nil
	}
	s.once.Do(func() {
		if s.close != nil {
			s.closeErr = s.close()
		}
	})
	return s.closeErr
}

// MessageError is an :error message: a failure the service did not model.
type MessageError struct {
	Code    string
	Message string
}

func (e *MessageError) Error() string {
	return fmt.Sprintf("event stream error: %s: %s", e.Code, e.Message)
}

// ErrorCode is the message's :error-code.
func (e *MessageError) ErrorCode() string { return e.Code }

// ErrorMessage is the message's :error-message.
func (e *MessageError) ErrorMessage() string { return e.Message }

// UnknownExceptionError is an exception message whose :exception-type the model does
// not name.
type UnknownExceptionError struct {
	Type    string
	Payload []byte
}

func (e *UnknownExceptionError) Error() string {
	return fmt.Sprintf("event stream exception %s: %s", e.Type, e.Payload)
}

// ErrorCode is the message's :exception-type.
func (e *UnknownExceptionError) ErrorCode() string { return e.Type }

// FrameError is a stream that could not be read: a broken frame (bad length, CRC, or
// header), a message without the headers its type needs, or an event that would not
// decode.
type FrameError struct{ Err error }

func (e *FrameError) Error() string { return "event stream: " + e.Err.Error() }
func (e *FrameError) Unwrap() error { return e.Err }

// HeaderString returns the string header name of m, or "".
func HeaderString(m *Message, name string) string {
	if v, ok := m.Headers.Get(name).(aes.StringValue); ok {
		return string(v)
	}
	return ""
}

// Format prints a stream as <event stream> under every verb: its events are read, not
// held, and an output that holds a stream prints without reaching into it.
func (s Stream[T]) Format(f fmt.State, verb rune) { io.WriteString(f, "<event stream>") }

// LogValue describes a stream to log/slog as Format prints it.
func (s Stream[T]) LogValue() slog.Value { return slog.StringValue("<event stream>") }
