package nohelper

import "sync"

// Group mimics golang.org/x/sync/errgroup.Group (testdata uses only the standard library).
// It is built on WaitGroup.Go so that it has no go statement and is not shaped like a
// tracked-goroutine helper: this package must stay one without a helper.
type Group struct {
	wg      sync.WaitGroup
	errOnce sync.Once
	err     error
}

// Go runs f in a goroutine that Wait waits for.
func (g *Group) Go(f func() error) {
	g.wg.Go(func() {
		if err := f(); err != nil {
			g.errOnce.Do(func() { g.err = err })
		}
	})
}

// Wait waits for every goroutine started with Go and returns the first error.
func (g *Group) Wait() error {
	g.wg.Wait()
	return g.err
}
