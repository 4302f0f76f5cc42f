package eventstream

import (
	"errors"
	"fmt"
	"io"

	aes "github.com/aws/aws-sdk-go-v2/aws/protocol/eventstream"
	"github.com/svcgen/svcgen/runtime/jsonwire"
	"github.com/svcgen/svcgen/runtime/xmlwire"
)

// DecodeFunc turns the message of an event or exception whose type (the :event-type or
// :exception-type, a member name of the event-stream structure) is typ into an event,
// or into the modeled error as err; ok is false for a type it does not know. Generated
// code has one per event-stream structure.
type DecodeFunc[T any] func(typ string, m *Message) (ev T, ok bool, err error)

// NewReader returns the stream of the events in body, a response body the stream
// owns: Close closes it.
func NewReader[T any](body io.ReadCloser, decode DecodeFunc[T]) *Stream[T] {
	return newReader(body, decode, nil)
}

// NewReaderInitial reads the first message of body, which the awsJson protocols send
// before the events: an initial-response event whose payload holds the output's other
// members, passed to initial. It returns the stream of the events that follow.
func NewReaderInitial[T any](body io.ReadCloser, decode DecodeFunc[T], initial func(payload []byte) error) (*Stream[T], error) {
	dec := aes.NewDecoder()
	m, err := dec.Decode(body, nil)
	if err == nil {
		err = checkInitial(&m, initial)
	}
	if err != nil {
		body.Close()
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		var fe *FrameError
		if !errors.As(err, &fe) && !isStreamError(err) {
			err = &FrameError{Err: err}
		}
		return nil, err
	}
	return newReader(body, decode, dec), nil
}

func isStreamError(err error) bool {
	var me *MessageError
	var ue *UnknownExceptionError
	return errors.As(err, &me) || errors.As(err, &ue)
}

// checkInitial passes the initial-response's payload to initial; an error or exception
// message in its place is returned as one.
func checkInitial(m *Message, initial func([]byte) error) error {
	switch HeaderString(m, MessageTypeHeader) {
	case ErrorMessageType:
		return messageError(m)
	case ExceptionMessageType:
		return &UnknownExceptionError{Type: HeaderString(m, ExceptionTypeHeader), Payload: m.Payload}
	case EventMessageType:
		if t := HeaderString(m, EventTypeHeader); t != "initial-response" {
			return &FrameError{Err: fmt.Errorf("the first message is a %q event, not the initial-response", t)}
		}
		if err := initial(m.Payload); err != nil {
			return &FrameError{Err: fmt.Errorf("initial-response: %w", err)}
		}
		return nil
	}
	return &FrameError{Err: fmt.Errorf("the first message has :message-type %q", HeaderString(m, MessageTypeHeader))}
}

func newReader[T any](body io.ReadCloser, decode DecodeFunc[T], dec *aes.Decoder) *Stream[T] {
	if dec == nil {
		dec = aes.NewDecoder()
	}
	s := newStream[T](nil, body.Close)
	s.seq = func(yield func(T, error) bool) {
		var zero T
		r := &startReader{r: body}
		for {
			// A new payload buffer for every message: a decoded event may keep it
			// (a blob payload), so it is never reused.
			r.started = false
			m, err := dec.Decode(r, nil)
			if err != nil {
				if errors.Is(err, io.EOF) && !r.started {
					return // the end, between two messages
				}
				if errors.Is(err, io.EOF) {
					err = io.ErrUnexpectedEOF
				}
				yield(zero, &FrameError{Err: err})
				return
			}
			ev, skip, err := dispatch(&m, decode)
			if skip {
				continue
			}
			if !yield(ev, err) || err != nil {
				return
			}
		}
	}
	return s
}

// startReader records whether a message's first byte was read: an end of the body
// before it is the stream's end, after it a cut message.
type startReader struct {
	r       io.Reader
	started bool
}

func (s *startReader) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	if n > 0 {
		s.started = true
	}
	return n, err
}

// dispatch decodes one message by its :message-type; skip is an event of an unknown type.
func dispatch[T any](m *Message, decode DecodeFunc[T]) (ev T, skip bool, err error) {
	switch t := HeaderString(m, MessageTypeHeader); t {
	case EventMessageType:
		typ := HeaderString(m, EventTypeHeader)
		if typ == "" {
			return ev, false, &FrameError{Err: errors.New("an event message without :event-type")}
		}
		ev, ok, err := decode(typ, m)
		if !ok {
			return ev, true, nil
		}
		if err != nil {
			return ev, false, &FrameError{Err: fmt.Errorf("decoding the %s event: %w", typ, err)}
		}
		return ev, false, nil
	case ExceptionMessageType:
		typ := HeaderString(m, ExceptionTypeHeader)
		_, ok, err := decode(typ, m)
		if !ok || err == nil {
			return ev, false, &UnknownExceptionError{Type: typ, Payload: m.Payload}
		}
		return ev, false, err
	case ErrorMessageType:
		return ev, false, messageError(m)
	default:
		return ev, false, &FrameError{Err: fmt.Errorf("unknown :message-type %q", t)}
	}
}

func messageError(m *Message) error {
	return &MessageError{Code: HeaderString(m, ErrorCodeHeader), Message: HeaderString(m, ErrorMessageHeader)}
}

// DecodeJSON decodes a JSON payload with fn (a generated decoder); an empty payload is
// an empty object.
func DecodeJSON(payload []byte, fn func(d *jsonwire.Decoder)) error {
	if len(payload) == 0 {
		payload = []byte("{}")
	}
	d := jsonwire.NewDecoder(payload)
	fn(d)
	return d.End()
}

// Exception decodes the JSON payload of a modeled exception into e with fn and returns
// e as the error, or the decoding error.
func Exception[E error](payload []byte, e E, fn func(d *jsonwire.Decoder, e E)) error {
	if err := DecodeJSON(payload, func(d *jsonwire.Decoder) { fn(d, e) }); err != nil {
		return &FrameError{Err: fmt.Errorf("decoding the exception: %w", err)}
	}
	return e
}

// DecodeXML decodes an XML payload with fn (a generated decoder) from inside its root
// element; an empty payload decodes nothing.
func DecodeXML(payload []byte, fn func(d *xmlwire.Decoder)) error {
	if len(payload) == 0 {
		return nil
	}
	d := xmlwire.NewDecoder(payload)
	if _, ok := d.Next(); !ok {
		if err := d.Err(); err != nil {
			return err
		}
		return errors.New("an XML payload without a root element")
	}
	fn(d)
	return d.Err()
}

// ExceptionXML is Exception for an XML payload.
func ExceptionXML[E error](payload []byte, e E, fn func(d *xmlwire.Decoder, e E)) error {
	if err := DecodeXML(payload, func(d *xmlwire.Decoder) { fn(d, e) }); err != nil {
		return &FrameError{Err: fmt.Errorf("decoding the exception: %w", err)}
	}
	return e
}
