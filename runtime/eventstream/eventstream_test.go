package eventstream

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"

	aes "github.com/aws/aws-sdk-go-v2/aws/protocol/eventstream"
	"github.com/svcgen/svcgen/runtime/jsonwire"
)

// event is a stand-in for a generated event-stream structure: one member per event type.
type event struct {
	Text *string
	Raw  []byte
}

type testException struct{ Msg string }

func (e *testException) Error() string { return "boom: " + e.Msg }

func encodeEvent(ev event) (Message, error) {
	switch {
	case ev.Text != nil:
		return EventMessage("text", "application/json", EncodeJSON(func(w *jsonwire.Writer) {
			w.ObjectStart()
			w.Key("text")
			w.String(*ev.Text)
			w.ObjectEnd()
		})), nil
	case ev.Raw != nil:
		return EventMessage("raw", "application/octet-stream", ev.Raw), nil
	}
	return Message{}, ErrEmptyEvent
}

func encodeException(err error) (Message, bool) {
	var e *testException
	if errors.As(err, &e) {
		return ExceptionMessage("boom", "application/json", EncodeJSON(func(w *jsonwire.Writer) {
			w.ObjectStart()
			w.Key("message")
			w.String(e.Msg)
			w.ObjectEnd()
		})), true
	}
	return Message{}, false
}

func decodeEvent(typ string, m *Message) (ev event, ok bool, err error) {
	switch typ {
	case "text":
		return ev, true, DecodeJSON(m.Payload, func(d *jsonwire.Decoder) {
			for d.ObjectNext() {
				if string(d.Key()) == "text" {
					ev.Text = d.StringPtr()
				} else {
					d.Skip()
				}
			}
		})
	case "raw":
		ev.Raw = m.Payload
		return ev, true, nil
	case "boom":
		return ev, true, Exception(m.Payload, &testException{}, func(d *jsonwire.Decoder, e *testException) {
			for d.ObjectNext() {
				if string(d.Key()) == "message" {
					e.Msg = d.String()
				} else {
					d.Skip()
				}
			}
		})
	}
	return ev, false, nil
}

func ptr(s string) *string { return &s }

// encoded is what a server writes for the stream s.
func encoded(t *testing.T, s *Stream[event]) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := io.Copy(&buf, Body(s, encodeEvent, encodeException)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func collect(s *Stream[event]) (evs []event, errs []error) {
	for ev, err := range s.Events() {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		evs = append(evs, ev)
	}
	return evs, errs
}

func TestRoundTripEventsAndException(t *testing.T) {
	raw := []byte{0, 1, 2, 0xff}
	b := encoded(t, Of(&testException{Msg: "mid-stream"}, event{Text: ptr("hello")}, event{Raw: raw}, event{Text: ptr("")}))
	evs, errs := collect(NewReader(io.NopCloser(bytes.NewReader(b)), decodeEvent))
	if len(evs) != 3 || *evs[0].Text != "hello" || !bytes.Equal(evs[1].Raw, raw) || evs[2].Text == nil || *evs[2].Text != "" {
		t.Fatalf("events: %+v", evs)
	}
	var te *testException
	if len(errs) != 1 || !errors.As(errs[0], &te) || te.Msg != "mid-stream" {
		t.Fatalf("errors: %v", errs)
	}
}

// The Read path (a destination io.Copy cannot hand to WriteTo) writes the same bytes.
func TestReadPathSameBytes(t *testing.T) {
	mk := func() *Stream[event] {
		return Of(errors.New("secret detail"), event{Text: ptr("a")}, event{Raw: []byte("b")})
	}
	want := encoded(t, mk())
	got, err := io.ReadAll(Body(mk(), encodeEvent, encodeException)) // ReadAll does not use WriteTo
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("Read wrote %x, WriteTo %x", got, want)
	}
	_, errs := collect(NewReader(io.NopCloser(bytes.NewReader(got)), decodeEvent))
	var me *MessageError
	if len(errs) != 1 || !errors.As(errs[0], &me) || me.Code != "InternalFailure" || strings.Contains(me.Message, "secret") {
		t.Fatalf("an unmodeled error: %v", errs)
	}
}

func TestUnknownEventSkippedUnknownExceptionKept(t *testing.T) {
	var buf bytes.Buffer
	for _, m := range []Message{
		EventMessage("newer", "application/json", []byte(`{}`)),
		EventMessage("text", "application/json", []byte(`{"text":"x"}`)),
		ExceptionMessage("otherException", "application/json", []byte(`{"message":"m"}`)),
		EventMessage("text", "application/json", []byte(`{"text":"never"}`)),
	} {
		if err := encodeMessage(&buf, m); err != nil {
			t.Fatal(err)
		}
	}
	evs, errs := collect(NewReader(io.NopCloser(&buf), decodeEvent))
	var ue *UnknownExceptionError
	if len(evs) != 1 || *evs[0].Text != "x" || len(errs) != 1 || !errors.As(errs[0], &ue) || ue.Type != "otherException" {
		t.Fatalf("events %+v, errors %v", evs, errs)
	}
}

func TestErrorMessage(t *testing.T) {
	var buf bytes.Buffer
	if err := encodeMessage(&buf, ErrorMessage("Throttled", "slow down")); err != nil {
		t.Fatal(err)
	}
	_, errs := collect(NewReader(io.NopCloser(&buf), decodeEvent))
	var me *MessageError
	if len(errs) != 1 || !errors.As(errs[0], &me) || me.ErrorCode() != "Throttled" || me.ErrorMessage() != "slow down" {
		t.Fatalf("errors: %v", errs)
	}
}

// Every corrupted byte of a message (prelude, headers, payload, either CRC) is an error,
// never a wrong event; a stream cut anywhere but between messages is one too.
func TestCorruptAndTruncated(t *testing.T) {
	b := encoded(t, Of(nil, event{Text: ptr("hello")}))
	for i := range b {
		bad := bytes.Clone(b)
		bad[i] ^= 0x20
		evs, errs := collect(NewReader(io.NopCloser(bytes.NewReader(bad)), decodeEvent))
		if len(errs) != 1 {
			t.Fatalf("byte %d flipped: events %+v, errors %v", i, evs, errs)
		}
	}
	for n := 1; n < len(b); n++ {
		_, errs := collect(NewReader(io.NopCloser(bytes.NewReader(b[:n])), decodeEvent))
		var fe *FrameError
		if len(errs) != 1 || !errors.As(errs[0], &fe) {
			t.Fatalf("cut at %d: errors %v", n, errs)
		}
	}
}

func TestReadOnceAndClose(t *testing.T) {
	rc := &closeCounter{Reader: bytes.NewReader(encoded(t, Of(nil, event{Text: ptr("a")}, event{Text: ptr("b")})))}
	s := NewReader(rc, decodeEvent)
	for range s.Events() {
		break
	}
	_, errs := collect(s)
	if len(errs) != 1 || !errors.Is(errs[0], ErrConsumed) {
		t.Fatalf("second Events: %v", errs)
	}
	s.Close()
	s.Close()
	if rc.n != 1 {
		t.Fatalf("body closed %d times", rc.n)
	}
	var nilStream *Stream[event]
	if evs, errs := collect(nilStream); len(evs)+len(errs) != 0 || nilStream.Close() != nil {
		t.Fatal("a nil stream has events")
	}
}

type closeCounter struct {
	io.Reader
	n int
}

func (c *closeCounter) Close() error { c.n++; return nil }

// Over HTTP: each event reaches the client as it is produced (the server flushes), and
// a client that closes the stream early ends the producer: no goroutine is left.
func TestHTTPFlushAndCancel(t *testing.T) {
	next := make(chan string)
	producerDone := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s := New(func(yield func(event, error) bool) {
			defer close(producerDone)
			for {
				select {
				case txt := <-next:
					if !yield(event{Text: ptr(txt)}, nil) {
						return
					}
				case <-r.Context().Done():
					return
				}
			}
		})
		w.Header().Set("Content-Type", ContentType)
		io.Copy(w, Body(s, encodeEvent, encodeException))
	}))
	defer srv.Close()
	before := runtime.NumGoroutine()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL, nil)
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	s := NewReader(resp.Body, decodeEvent)
	got := make(chan string)
	go func() {
		defer close(got)
		for ev, err := range s.Events() {
			if err != nil {
				return
			}
			got <- *ev.Text
		}
	}()
	for _, want := range []string{"one", "two"} {
		next <- want
		select {
		case g := <-got:
			if g != want {
				t.Fatalf("got %q, want %q", g, want)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("event %q not delivered: the server did not flush it", want)
		}
	}
	cancel() // the client gives up: its read ends, the server's request context is done
	s.Close()
	select {
	case <-producerDone:
	case <-time.After(5 * time.Second):
		t.Fatal("the server's producer still runs after the client went away")
	}
	for range got {
	}
	srv.CloseClientConnections()
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Fatalf("%d goroutines after the stream ended, %d before", n, before)
	}
}

func encodeMessage(w io.Writer, m Message) error { return aes.NewEncoder().Encode(w, m) }

// A stream prints as <event stream> under every verb, by value (as the generated
// outputs' redacting printers print a member) and by pointer.
func TestFormat(t *testing.T) {
	s := Of(nil, event{Text: ptr("secret")})
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
		for _, v := range []any{s, *s} {
			if got := fmt.Sprintf(verb, v); got != "<event stream>" {
				t.Errorf("%s of %T: %q", verb, v, got)
			}
		}
	}
	if got := (*s).LogValue().String(); got != "<event stream>" {
		t.Errorf("LogValue: %q", got)
	}
}
