package policy

import (
	"sync"
	"sync/atomic"
	"testing"
)

// TestGetDuringReload looks the runner up from several goroutines while the policy is
// reloaded: every lookup must find a runner, since the network is never unregistered.
func TestGetDuringReload(t *testing.T) {
	s := NewService("net-a")
	defer s.Close()

	var misses atomic.Int64
	stop := make(chan struct{})
	var readers sync.WaitGroup
	for i := 0; i < 4; i++ {
		readers.Add(1)
		go func() {
			defer readers.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				if s.Get("net-a") == nil {
					misses.Add(1)
				}
			}
		}()
	}
	for v := 2; v < 500 && misses.Load() == 0; v++ {
		s.Reload("net-a", v)
	}
	close(stop)
	readers.Wait()
	if n := misses.Load(); n > 0 {
		t.Fatalf("Get found no runner %d times while the policy was reloaded", n)
	}
}
