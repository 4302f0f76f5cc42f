package client

import (
	"errors"
	"net"
	"sync/atomic"
	"time"
)

// State is what a client keeps from one call to the next: the retry quota, the clock
// offset learnt from a response that said the request's time was skewed, and the
// endpoints found by endpoint discovery. A generated client makes one in New; every
// Config it derives for a call (per-call options, per-operation endpoints) shares it.
// A Config without one retries without a quota and forgets a clock offset after the
// call. It is safe for concurrent use.
type State struct {
	quota     retryQuota
	offset    atomic.Int64 // nanoseconds added to the signing clock
	discovery discoveryCache
}

// NewState returns the state of a new client: a full retry quota, no clock offset.
func NewState() *State {
	s := &State{}
	s.quota.tokens.Store(retryQuotaMax)
	return s
}

// The standard retry mode's quota (the AWS SDKs' retry behaviour, as aws-sdk-go-v2's
// aws/retry implements it): a client starts with 500 tokens; a retry takes 5 (10
// after a timeout); a call that succeeds at the first attempt gives 1 back, and one
// that succeeds at a retry gives back what that retry took. Without the tokens for a
// retry the call returns its error: when a service fails, retries stop piling onto it.
const (
	retryQuotaMax     = 500
	retryCost         = 5
	retryTimeoutCost  = 10
	noRetryIncrement  = 1
	retryQuotaUnbound = -1
)

type retryQuota struct{ tokens atomic.Int64 }

// take takes cost tokens and reports whether there were enough.
func (q *retryQuota) take(cost int64) bool {
	for {
		n := q.tokens.Load()
		if n < cost {
			return false
		}
		if q.tokens.CompareAndSwap(n, n-cost) {
			return true
		}
	}
}

// give puts n tokens back, up to the maximum. At the maximum it writes nothing, so
// that the success path of a healthy client touches no shared cache line for writing.
func (q *retryQuota) give(n int64) {
	for {
		cur := q.tokens.Load()
		if cur >= retryQuotaMax {
			return
		}
		if q.tokens.CompareAndSwap(cur, min(cur+n, retryQuotaMax)) {
			return
		}
	}
}

// takeRetry takes the tokens for a retry after err and returns how many it took, or
// false when the quota is spent. Without a State retries are not limited.
func (s *State) takeRetry(err error) (int64, bool) {
	if s == nil {
		return retryQuotaUnbound, true
	}
	cost := int64(retryCost)
	if isTimeout(err) {
		cost = retryTimeoutCost
	}
	if !s.quota.take(cost) {
		return 0, false
	}
	return cost, true
}

// succeeded records a call's success: retryCost is what its last retry took, 0 when
// the first attempt succeeded.
func (s *State) succeeded(retryCost int64) {
	switch {
	case s == nil || retryCost == retryQuotaUnbound:
	case retryCost == 0:
		s.quota.give(noRetryIncrement)
	default:
		s.quota.give(retryCost)
	}
}

// RetryTokens reports how many retry tokens the client has left.
func (s *State) RetryTokens() int { return int(s.quota.tokens.Load()) }

// isTimeout reports a network timeout (a dial or read that timed out).
func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// clockOffset is what the signing clock is off by, as the service's Date header
// showed it after a skewed request.
func (s *State) clockOffset() time.Duration {
	if s == nil {
		return 0
	}
	return time.Duration(s.offset.Load())
}

func (s *State) setClockOffset(d time.Duration) {
	if s != nil {
		s.offset.Store(int64(d))
	}
}
