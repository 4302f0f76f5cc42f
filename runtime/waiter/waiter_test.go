package waiter

import (
	"context"
	"errors"
	"testing"
	"time"
)

// fakeClock advances only when the waiter sleeps, and records the sleeps.
type fakeClock struct {
	now    time.Time
	sleeps []time.Duration
	cancel func() // called on the first sleep when set
}

func (c *fakeClock) Now() time.Time { return c.now }

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	c.sleeps = append(c.sleeps, d)
	c.now = c.now.Add(d)
	if c.cancel != nil {
		c.cancel()
	}
	return ctx.Err()
}

type out struct{ Status string }

type codedErr struct {
	code   string
	status int
}

func (e *codedErr) Error() string       { return e.code }
func (e *codedErr) ErrorCode() string   { return e.code }
func (e *codedErr) HTTPStatusCode() int { return e.status }

// script returns the outcomes one call at a time, the last one repeated.
func script(outcomes ...any) (func(context.Context) (*out, error), *int) {
	calls := 0
	return func(context.Context) (*out, error) {
		o := outcomes[min(calls, len(outcomes)-1)]
		calls++
		if err, ok := o.(error); ok {
			return nil, err
		}
		return &out{Status: o.(string)}, nil
	}, &calls
}

func opts(c *fakeClock) Options {
	return Options{MinDelay: 2 * time.Second, MaxDelay: 120 * time.Second, Clock: c,
		Jitter: func(lo, hi time.Duration) time.Duration { return hi }}
}

var statusIs = func(want string) func(*out) bool { return func(o *out) bool { return o.Status == want } }

func TestAcceptorKinds(t *testing.T) {
	notFound := &codedErr{code: "ResourceNotFoundException", status: 400}
	gone := &codedErr{code: "NotFound", status: 404}
	for _, tc := range []struct {
		name      string
		acceptors []Acceptor[*out]
		outcomes  []any
		wantCalls int
		wantErr   error // nil: success
	}{
		{"output success after retries", []Acceptor[*out]{{State: Success, Matcher: MatchOutput, Output: statusIs("ACTIVE")}},
			[]any{"CREATING", "CREATING", "ACTIVE"}, 3, nil},
		{"output failure", []Acceptor[*out]{{State: Success, Matcher: MatchOutput, Output: statusIs("ACTIVE")}, {State: Failure, Matcher: MatchOutput, Output: statusIs("FAILED")}},
			[]any{"CREATING", "FAILED"}, 2, ErrFailureState},
		{"error code retry then success", []Acceptor[*out]{{State: Success, Matcher: MatchOutput, Output: statusIs("ACTIVE")}, {State: Retry, Matcher: MatchErrorCode, ErrorCode: "ResourceNotFoundException"}},
			[]any{notFound, notFound, "ACTIVE"}, 3, nil},
		{"error code success", []Acceptor[*out]{{State: Success, Matcher: MatchErrorCode, ErrorCode: "ResourceNotFoundException"}},
			[]any{"ACTIVE", notFound}, 2, nil},
		{"unmatched error stops", []Acceptor[*out]{{State: Success, Matcher: MatchOutput, Output: statusIs("ACTIVE")}},
			[]any{"CREATING", gone}, 2, gone},
		{"status 200 success", []Acceptor[*out]{{State: Success, Matcher: MatchStatus, Status: 200}, {State: Retry, Matcher: MatchStatus, Status: 404}},
			[]any{gone, gone, "x"}, 3, nil},
		{"status 404 success", []Acceptor[*out]{{State: Success, Matcher: MatchStatus, Status: 404}},
			[]any{"x", gone}, 2, nil},
		{"error false (no error) success", []Acceptor[*out]{{State: Success, Matcher: MatchError, ErrorExpected: false}, {State: Retry, Matcher: MatchErrorCode, ErrorCode: "NotFound"}},
			[]any{gone, "x"}, 2, nil},
		{"error true failure", []Acceptor[*out]{{State: Success, Matcher: MatchOutput, Output: statusIs("ACTIVE")}, {State: Failure, Matcher: MatchError, ErrorExpected: true}},
			[]any{"CREATING", gone}, 2, ErrFailureState},
		{"first matching acceptor wins", []Acceptor[*out]{{State: Failure, Matcher: MatchOutput, Output: statusIs("ACTIVE")}, {State: Success, Matcher: MatchOutput, Output: statusIs("ACTIVE")}},
			[]any{"ACTIVE"}, 1, ErrFailureState},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := &fakeClock{now: time.Unix(0, 0)}
			call, calls := script(tc.outcomes...)
			got, err := Wait(context.Background(), "Test", call, time.Hour, opts(c), tc.acceptors)
			if *calls != tc.wantCalls {
				t.Errorf("%d calls, want %d", *calls, tc.wantCalls)
			}
			if len(c.sleeps) != tc.wantCalls-1 {
				t.Errorf("%d sleeps, want %d", len(c.sleeps), tc.wantCalls-1)
			}
			if tc.wantErr == nil {
				// a success on an error (ResourceNotFound for a deleted waiter) has no output
				if err != nil || (got == nil) != (*calls > 0 && tc.outcomes[min(*calls, len(tc.outcomes))-1] != nil && isErr(tc.outcomes[min(*calls, len(tc.outcomes))-1])) {
					t.Fatalf("Wait = %v, %v; want success", got, err)
				}
				return
			}
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("Wait error %v, want %v", err, tc.wantErr)
			}
		})
	}
}

// TestBackoff checks the delays against Smithy's waiter retries: doubling from
// MinDelay, capped at MaxDelay, and the last cut to leave MinDelay before the end.
func TestBackoff(t *testing.T) {
	c := &fakeClock{now: time.Unix(0, 0)}
	call, calls := script("CREATING")
	_, err := Wait(context.Background(), "Test", call, 300*time.Second, opts(c),
		[]Acceptor[*out]{{State: Success, Matcher: MatchOutput, Output: statusIs("ACTIVE")}})
	if !errors.Is(err, ErrMaxWait) {
		t.Fatalf("error %v, want ErrMaxWait", err)
	}
	want := []time.Duration{2, 4, 8, 16, 32, 64, 120, 52}
	if len(c.sleeps) != len(want) {
		t.Fatalf("sleeps %v, want %v seconds", c.sleeps, want)
	}
	for i, w := range want {
		if c.sleeps[i] != w*time.Second {
			t.Errorf("sleep %d: %v, want %v", i, c.sleeps[i], w*time.Second)
		}
	}
	if *calls != len(want)+1 {
		t.Errorf("%d calls, want %d", *calls, len(want)+1)
	}
	// the default jitter stays within [MinDelay, ceiling]
	for attempt := 1; attempt < 12; attempt++ {
		for range 50 {
			d, ok := Delay(attempt, 2*time.Second, 120*time.Second, time.Hour, nil)
			ceiling := min(2*time.Second<<(attempt-1), 120*time.Second)
			if !ok || d < 2*time.Second || d > ceiling {
				t.Fatalf("attempt %d: delay %v outside [2s, %v]", attempt, d, ceiling)
			}
		}
	}
	if _, ok := Delay(1, 2*time.Second, 120*time.Second, time.Second, nil); ok {
		t.Error("a remaining time under MinDelay allows another attempt")
	}
}

func TestCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	c := &fakeClock{now: time.Unix(0, 0), cancel: cancel}
	call, calls := script("CREATING")
	_, err := Wait(ctx, "Test", call, time.Hour, opts(c),
		[]Acceptor[*out]{{State: Success, Matcher: MatchOutput, Output: statusIs("ACTIVE")}})
	if !errors.Is(err, context.Canceled) || *calls != 1 {
		t.Fatalf("error %v after %d calls, want context.Canceled after 1", err, *calls)
	}
	if _, err := Wait(context.Background(), "Test", call, 0, opts(c), nil); err == nil {
		t.Error("a zero maximum wait is accepted")
	}
	if _, err := Wait(context.Background(), "Test", call, time.Hour, Options{MinDelay: 3 * time.Second, MaxDelay: time.Second}, nil); err == nil {
		t.Error("MaxDelay < MinDelay is accepted")
	}
}

func isErr(o any) bool { _, ok := o.(error); return ok }

// TestNilOutput: a call that returns neither an output nor an error is retried, and
// the output acceptors never see the nil (they would dereference it).
func TestNilOutput(t *testing.T) {
	c := &fakeClock{now: time.Unix(0, 0)}
	calls := 0
	call := func(context.Context) (*out, error) {
		calls++
		if calls < 3 {
			return nil, nil
		}
		return &out{Status: "ACTIVE"}, nil
	}
	got, err := Wait(context.Background(), "Test", call, time.Hour, opts(c),
		[]Acceptor[*out]{{State: Success, Matcher: MatchOutput, Output: statusIs("ACTIVE")}})
	if err != nil || got == nil || got.Status != "ACTIVE" || calls != 3 {
		t.Fatalf("Wait = %v, %v after %d calls; want ACTIVE after 3", got, err, calls)
	}
}
