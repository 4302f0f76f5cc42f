package emit_test

import (
	"runtime/metrics"
	"sync/atomic"
	"time"
)

// startPeakSampler samples, every 10ms until stopped, the memory the Go runtime holds
// from the operating system (runtime/metrics' total, less what it has released): a
// bound on the process's resident memory that, unlike runtime.ReadMemStats, does not
// stop the world to read. The function it returns stops sampling and reports the peak
// in bytes.
func startPeakSampler() (stop func() uint64) {
	samples := []metrics.Sample{
		{Name: "/memory/classes/total:bytes"},
		{Name: "/memory/classes/heap/released:bytes"},
	}
	var peak atomic.Uint64
	sample := func() {
		metrics.Read(samples)
		if n := samples[0].Value.Uint64() - samples[1].Value.Uint64(); n > peak.Load() {
			peak.Store(n)
		}
	}
	done, finished := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				sample()
			}
		}
	}()
	return func() uint64 {
		close(done)
		<-finished
		sample()
		return peak.Load()
	}
}
