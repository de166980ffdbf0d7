package goroutines

import (
	"sync"
	"sync/atomic"
)

func remoteWorker(wg *sync.WaitGroup) {
	wg.Add(1)
	defer wg.Done()
}

// From the standard library run (runtime tests): an atomic counter's Add inside a goroutine
// that a WaitGroup counts properly.
func countCleanups(n int) int64 {
	var wg sync.WaitGroup
	var got atomic.Int64
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got.Add(1)
		}()
	}
	wg.Wait()
	return got.Load()
}

// background counts goroutines the package starts; tests wait for them.
var background sync.WaitGroup

func waitBackground() { background.Wait() }
