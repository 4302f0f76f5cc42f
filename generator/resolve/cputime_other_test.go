//go:build !unix

package resolve_test

import "time"

func cpuTime() (time.Duration, bool) { return 0, false }
