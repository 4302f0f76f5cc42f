package client

import (
	"context"
	"math/rand/v2"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// backoff waits before attempt+1: full jitter over an exponential ceiling (50 ms
// doubling per attempt, capped by RetryMaxBackoff, 20 s by default), or until ctx ends.
// cause is the attempt's error, for the log.
func backoff(ctx context.Context, cfg *Config, op *Operation, attempt int, cause error) error {
	ceiling := cfg.RetryMaxBackoff
	if ceiling <= 0 {
		ceiling = 20 * time.Second
	}
	d := 50 * time.Millisecond << min(attempt-1, 20)
	if d > ceiling || d <= 0 {
		d = ceiling
	}
	d = time.Duration(rand.Int64N(int64(d) + 1))
	if cfg.logOn(aws.LogRetries) {
		cfg.logRetry(ctx, op, attempt, d, cause)
	}
	if cfg.Sleep != nil {
		return cfg.Sleep(ctx, d)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
