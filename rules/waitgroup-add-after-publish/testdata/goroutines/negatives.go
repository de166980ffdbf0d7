package goroutines

import (
	"context"
	"sync"

	"golang.org/x/sync/errgroup"
)

// Add before go: the right order.
func addBeforeGo(job func()) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		job()
	}()
	wg.Wait()
}

// Add in a loop before the go in the same iteration.
func addInLoopBeforeGo(jobs []func()) {
	var wg sync.WaitGroup
	for _, job := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			job()
		}()
	}
	wg.Wait()
}

// Add before a loop of go statements.
func addBeforeLoop(jobs []func()) {
	var wg sync.WaitGroup
	wg.Add(len(jobs))
	for _, job := range jobs {
		go func() {
			defer wg.Done()
			job()
		}()
	}
	wg.Wait()
}

// wg.Go counts the goroutine itself.
func useGo(jobs []func()) {
	var wg sync.WaitGroup
	for _, job := range jobs {
		wg.Go(job)
	}
	wg.Wait()
}

// errgroup has no Add: g.Go counts for you.
func useErrgroup(ctx context.Context, jobs []func() error) error {
	g, _ := errgroup.WithContext(ctx)
	for _, job := range jobs {
		g.Go(job)
	}
	return g.Wait()
}

// The first statement of the goroutine: go vet's waitgroup and staticcheck's SA2000 report
// this exact shape, so this rule leaves it to them.
func vetShape(job func()) {
	var wg sync.WaitGroup
	go func() {
		wg.Add(1)
		defer wg.Done()
		job()
	}()
	wg.Wait()
}

// A goroutine that is counted before the go and adds for a goroutine it starts itself.
func nestedCounting(jobs []func()) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for _, job := range jobs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				job()
			}()
		}
	}()
	wg.Wait()
}

// An uncounted goroutine that adds for the goroutines it starts (the Add precedes their go).
func spawner(jobs []func()) {
	var wg sync.WaitGroup
	go func() {
		defer wg.Done()
		wg.Add(len(jobs))
		for _, job := range jobs {
			go func() {
				defer wg.Done()
				job()
			}()
		}
	}()
	wg.Wait()
}

// A worker counted by its caller before the go, which therefore does not Add itself.
func countedWorker() {
	var wg sync.WaitGroup
	wg.Add(1)
	go done(&wg)
	wg.Wait()
}

// Add between two go statements counts the second one; the first was counted before.
func interleaved(a, b func()) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		a()
	}()
	wg.Add(1)
	go func() {
		defer wg.Done()
		b()
	}()
	wg.Wait()
}

// A goroutine literal that declares its own WaitGroup and counts its own children.
func ownGroup(jobs []func()) {
	go func() {
		var wg sync.WaitGroup
		defer wg.Wait()
		wg.Add(len(jobs))
		for _, job := range jobs {
			go func() {
				defer wg.Done()
				job()
			}()
		}
	}()
}

// Add on something with Add and Done that is not a WaitGroup and is never waited on.
type tally struct{ n int }

func (t *tally) Add(n int) { t.n += n }
func (t *tally) Done()     { t.n-- }

func notAWaitGroup(t *tally) {
	go func() {
		defer t.Done()
		t.Add(1)
	}()
}

// A worker that adds for a goroutine it starts, not for itself.
func startPool(wg *sync.WaitGroup) {
	wg.Add(1)
	go pool(wg)
}

func pool(wg *sync.WaitGroup) {
	defer wg.Done()
	wg.Add(1)
	go done(wg)
}

// Add and Done in a loop inside the goroutine count in-flight requests, not the goroutine.
func serveRequests(reqs <-chan func(), inflight *sync.WaitGroup) {
	go func() {
		for req := range reqs {
			inflight.Add(1)
			req()
			inflight.Done()
		}
	}()
}

// The same in a function started as a goroutine.
func drain(reqs <-chan func(), inflight *sync.WaitGroup) {
	for req := range reqs {
		inflight.Add(1)
		req()
		inflight.Done()
	}
}

func startDrain(reqs <-chan func()) {
	var inflight sync.WaitGroup
	go drain(reqs, &inflight)
	inflight.Wait()
}
