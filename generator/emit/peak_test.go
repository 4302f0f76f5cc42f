package emit_test

import (
	"runtime"
	"sync/atomic"
	"time"
)

// startPeakSampler samples the memory the Go runtime holds from the OS (heap, stacks
// and the rest: runtime.MemStats.Sys minus what was released) every few milliseconds
// until stop is called, and returns a function that stops it and reports the peak in
// bytes.
func startPeakSampler() (stop func() uint64) {
	var peak atomic.Uint64
	done := make(chan struct{})
	finished := make(chan struct{})
	sample := func() {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		if n := ms.HeapInuse + ms.StackInuse; n > peak.Load() {
			peak.Store(n)
		}
	}
	go func() {
		defer close(finished)
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
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
