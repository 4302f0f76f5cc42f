//go:build !unix

package emit_test

import "time"

func cpuTime() (time.Duration, bool) { return 0, false }
