// Package waiter is the loop every generated waiter runs: call the operation, match
// the acceptors in order, and wait between attempts with the backoff Smithy's waiter
// specification defines, until an acceptor settles it, the maximum wait runs out or
// the context ends.
//
// The generated code per waiter is its acceptor table: the output matchers (path,
// pathAll, pathAny) are Go functions compiled from their JMESPath at generation time.
package waiter

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"time"
)

// State is what a matching acceptor makes of the waiter.
type State int

// Acceptor states.
const (
	Success State = iota // the resource reached the state waited for
	Failure              // it can no longer reach it: stop with an error
	Retry                // not yet: try again
)

func (s State) String() string {
	return [...]string{"success", "failure", "retry"}[s]
}

// Matcher says what an acceptor looks at.
type Matcher int

// Matchers.
const (
	// MatchOutput: the call succeeded and the acceptor's Output function says yes
	// (the model's path, pathAll and pathAny matchers).
	MatchOutput Matcher = iota
	// MatchStatus: the HTTP status of the response is Status (a call that returns
	// no error answered 200).
	MatchStatus
	// MatchErrorCode: the call failed with an error whose ErrorCode is ErrorCode.
	MatchErrorCode
	// MatchError: the call failed (ErrorExpected) or succeeded (!ErrorExpected).
	MatchError
)

// Acceptor is one entry of a waiter's acceptor table. O is the operation's output
// pointer type (*OpOutput), never a struct: every pointer has the same shape (with
// an unconstrained type parameter), so one compiled Wait serves all of a package's
// waiters.
type Acceptor[O any] struct {
	State         State
	Matcher       Matcher
	Output        func(O) bool
	Status        int
	ErrorCode     string
	ErrorExpected bool
}

// matches reports whether the acceptor matches the outcome of one attempt.
func (a *Acceptor[O]) matches(out O, err error) bool {
	switch a.Matcher {
	case MatchOutput:
		return err == nil && !isNil(out) && a.Output(out)
	case MatchStatus:
		return statusOf(err) == a.Status
	case MatchErrorCode:
		var coded interface{ ErrorCode() string }
		return err != nil && errors.As(err, &coded) && coded.ErrorCode() == a.ErrorCode
	case MatchError:
		return (err != nil) == a.ErrorExpected
	}
	return false
}

// isNil reports whether out, a pointer, is nil. (Comparing interfaces keeps O
// unconstrained: a comparable constraint would give every pointer type a shape of
// its own.)
func isNil[O any](out O) bool {
	var none O
	return any(out) == any(none)
}

// statusOf is the HTTP status of an attempt: 200 for success, the response's for an
// error response, 0 for an error without one (the request was not answered).
func statusOf(err error) int {
	if err == nil {
		return 200
	}
	var st interface{ HTTPStatusCode() int }
	if errors.As(err, &st) {
		return st.HTTPStatusCode()
	}
	return 0
}

// Clock is the time a waiter sees; tests give a fake one.
type Clock interface {
	Now() time.Time
	// Sleep waits d, or until ctx ends (returning its error).
	Sleep(ctx context.Context, d time.Duration) error
}

type realClock struct{}

func (realClock) Now() time.Time { return time.Now() }

func (realClock) Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Options are a waiter's settings; every generated <Name>WaiterOptions embeds them.
type Options struct {
	// MinDelay and MaxDelay bound the wait between attempts. The generated
	// constructor sets the model's delay as MinDelay and 120 s (or MinDelay, if
	// larger) as MaxDelay.
	MinDelay, MaxDelay time.Duration
	// Clock is the time the waiter reads and sleeps on; nil is the real one.
	Clock Clock
	// Jitter picks a delay in [lo, hi]; nil picks uniformly at random.
	Jitter func(lo, hi time.Duration) time.Duration
}

// ErrMaxWait is the error (wrapped) of a waiter whose maximum wait ran out before an
// acceptor settled it.
var ErrMaxWait = errors.New("exceeded the maximum wait")

// ErrFailureState is the error (wrapped) of a waiter that a failure acceptor stopped.
var ErrFailureState = errors.New("reached a failure state")

// Wait calls call until an acceptor settles it: Success returns the output (nil when
// the acceptor matched an error, as a waiter for a deletion does), Failure
// an error wrapping ErrFailureState (and the attempt's error, if any). An attempt no
// acceptor matches is retried when the call succeeded and returned as it is when it
// failed. name names the waiter in errors.
func Wait[O any](ctx context.Context, name string, call func(context.Context) (O, error), maxWait time.Duration, opts Options, acceptors []Acceptor[O]) (O, error) {
	var none O
	if maxWait <= 0 {
		return none, fmt.Errorf("waiter %s: maximum wait %v must be greater than zero", name, maxWait)
	}
	if opts.MinDelay <= 0 || opts.MaxDelay < opts.MinDelay {
		return none, fmt.Errorf("waiter %s: delays must satisfy 0 < MinDelay (%v) <= MaxDelay (%v)", name, opts.MinDelay, opts.MaxDelay)
	}
	clock := opts.Clock
	if clock == nil {
		clock = realClock{}
	}
	deadline := clock.Now().Add(maxWait)
	for attempt := 1; ; attempt++ {
		if err := ctx.Err(); err != nil {
			return none, fmt.Errorf("waiter %s: %w", name, err)
		}
		out, err := call(ctx)
		state, matched := Retry, false
		for i := range acceptors {
			if acceptors[i].matches(out, err) {
				state, matched = acceptors[i].State, true
				break
			}
		}
		switch {
		case matched && state == Success:
			return out, nil
		case matched && state == Failure:
			if err != nil {
				return none, fmt.Errorf("waiter %s: %w: %w", name, ErrFailureState, err)
			}
			return none, fmt.Errorf("waiter %s: %w", name, ErrFailureState)
		case !matched && err != nil:
			return none, fmt.Errorf("waiter %s: %w", name, err)
		}
		remaining := deadline.Sub(clock.Now())
		d, ok := Delay(attempt, opts.MinDelay, opts.MaxDelay, remaining, opts.Jitter)
		if !ok {
			return none, fmt.Errorf("waiter %s: %w (%v) after %d attempts", name, ErrMaxWait, maxWait, attempt)
		}
		if err := clock.Sleep(ctx, d); err != nil {
			return none, fmt.Errorf("waiter %s: %w", name, err)
		}
	}
}

// Delay is the wait before attempt+1, as Smithy's waiter retries define it: the
// ceiling doubles from minDelay per attempt up to maxDelay, the delay is drawn
// between minDelay and that ceiling, and is cut so that one more attempt can still
// start minDelay before the maximum wait runs out. ok is false when the remaining
// time leaves no room for another attempt. A nil jitter draws uniformly at random.
func Delay(attempt int, minDelay, maxDelay, remaining time.Duration, jitter func(lo, hi time.Duration) time.Duration) (time.Duration, bool) {
	if remaining < minDelay || remaining <= 0 {
		return 0, false
	}
	ceilingAttempt := int(math.Log(float64(maxDelay)/float64(minDelay))/math.Ln2) + 1
	hi := maxDelay
	if attempt <= ceilingAttempt {
		hi = minDelay << (attempt - 1)
		if hi > maxDelay || hi <= 0 {
			hi = maxDelay
		}
	}
	var d time.Duration
	if jitter != nil {
		d = jitter(minDelay, hi)
	} else {
		d = minDelay + rand.N(hi-minDelay+1)
	}
	if remaining-d <= minDelay {
		d = remaining - minDelay
	}
	if d <= 0 {
		return 0, false
	}
	return d, true
}
