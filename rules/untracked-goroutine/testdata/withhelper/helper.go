// Package withhelper defines tracked-goroutine helpers, so the team has opted in: every bare go
// statement in the package is reported, even one that touches only its own locals.
package withhelper

import "sync"

// asyncWG counts the goroutines started with goAsync; tests call asyncWG.Wait in t.Cleanup.
var asyncWG sync.WaitGroup

// goAsync runs fn in a goroutine that asyncWG tracks.
func goAsync(fn func()) {
	asyncWG.Add(1)
	// The helper's own go statement: its deferred Done makes it tracked.
	go func() {
		defer asyncWG.Done()
		fn()
	}()
}

// Handler serves requests; its goroutines are tracked by its own WaitGroup.
type Handler struct {
	wg    sync.WaitGroup
	mu    sync.Mutex
	store map[string]string
}

// goAsync runs fn in a goroutine that h.wg tracks; Close waits for them.
func (h *Handler) goAsync(fn func()) {
	h.wg.Add(1)
	// The method helper's own go statement: tracked by its deferred Done.
	go func() {
		defer h.wg.Done()
		fn()
	}()
}

// Close waits for every goroutine the handler started.
func (h *Handler) Close() {
	h.wg.Wait()
}
