//go:build plan9

// From internal/poll/fd_plan9.go: the deadline timer is stopped and replaced under the lock.
// Timer.Stop does not wait, and this file's FD (not the other platform's) says rtimer is one.
package platform

import (
	"sync"
	"time"
)

type FD struct {
	rmu       sync.Mutex
	rtimer    *time.Timer
	rtimedout bool
}

func setDeadlineImpl(fd *FD, t time.Time) {
	d := t.Sub(time.Now())
	fd.rmu.Lock()
	defer fd.rmu.Unlock()
	if fd.rtimer != nil {
		fd.rtimer.Stop()
		fd.rtimer = nil
	}
	fd.rtimedout = false
	if !t.IsZero() && d > 0 {
		var timer *time.Timer
		timer = time.AfterFunc(d, func() {
			fd.rmu.Lock()
			defer fd.rmu.Unlock()
			fd.rtimedout = fd.rtimer == timer
		})
		fd.rtimer = timer
	}
}
