package registry

import (
	"context"
	"net/http"
	"sync"
	"time"
)

// The incident: the old runner is stopped while s.mu is held, then the new one is built,
// started and stored; every Get waits for the old runner's loop to exit.
func (s *Service) Reload(id string) {
	s.mu.Lock()
	if old, ok := s.runners[id]; ok {
		old.Stop() // want "old.Stop\\(\\) stops the old occupant of s.runners\\[id\\] while s.mu is held"
	}
	r := startRunner(id)
	s.runners[id] = r
	s.mu.Unlock()
}

// The variant: delete in one critical section, store in a later one; Get sees no runner.
func (s *Service) ReloadTwoPhase(id string) {
	s.mu.Lock()
	old := s.runners[id]
	delete(s.runners, id) // want "s.runners\\[id\\] is deleted before its replacement is stored, and s.mu is released in between"
	s.mu.Unlock()
	if old != nil {
		old.Stop()
	}

	r := startRunner(id)
	s.mu.Lock()
	s.runners[id] = r
	s.mu.Unlock()
}

// A field slot, with the construction inside the store itself: it stays under the lock.
func (s *Service) Restart() {
	s.mu.Lock()
	if s.runner != nil {
		// The old loop must be gone before the new one starts.
		s.runner.Stop() // want "s.runner.Stop\\(\\) stops the old occupant of s.runner while s.mu is held"
	}
	s.runner = startRunner("single")
	s.mu.Unlock()
}

// An unconditional stop of the map element itself.
func (s *Service) Replace(id string, r *Runner) {
	s.mu.Lock()
	s.gen++
	s.runners[id].Close() // want "stops the old occupant of s.runners\\[id\\]"
	s.runners[id] = r
	s.mu.Unlock()
}

// A cancel func cannot block, but the gap between the critical sections is a window.
func (s *Service) Rearm(parent context.Context) context.Context {
	s.mu.Lock()
	s.cancel() // want "s.cancel is cancelled before its replacement is stored, and s.mu is released in between: a reader in that window sees a cancelled component"
	s.mu.Unlock()
	ctx, cancel := context.WithCancel(parent)
	s.mu.Lock()
	s.cancel = cancel
	s.mu.Unlock()
	return ctx
}

// Shutdown of an http.Server waits for its handlers; readers wait for all of them.
func (s *Service) Serve(ctx context.Context, srv *http.Server) {
	s.mu.Lock()
	s.srv.Shutdown(ctx) // want "s.srv.Shutdown\\(ctx\\) stops the old occupant of s.srv while s.mu is held"
	s.srv = srv
	s.mu.Unlock()
}

// The old runner is read under the lock but stopped outside it, and the new one is stored
// in a later critical section: Get returns a stopped runner in between.
func (s *Service) Swap(id string) {
	s.mu.Lock()
	old := s.runners[id]
	s.mu.Unlock()
	old.Stop() // want "s.runners\\[id\\] is stopped before its replacement is stored"

	r := startRunner(id)
	s.mu.Lock()
	s.runners[id] = r
	s.mu.Unlock()
}

var (
	mu      sync.Mutex
	current *Runner
)

// A package-level slot behind a package-level mutex.
func Switch(id string) {
	mu.Lock()
	if current != nil {
		current.Stop() // want "current.Stop\\(\\) stops the old occupant of current while mu is held"
	}
	current = startRunner(id)
	mu.Unlock()
}

// `old` names something else here, so the captured occupant is called prev.
func (s *Service) Rotate(id string, old time.Duration) time.Duration {
	s.mu.Lock()
	s.runners[id].Stop() // want "s.runners\\[id\\].Stop\\(\\) stops the old occupant of s.runners\\[id\\] while s.mu is held"
	next := startRunner(id)
	next.id = id + "-next"

	s.runners[id] = next
	s.mu.Unlock()
	return old
}

// The alias declared in the if header is reused as the captured occupant's name.
func (s *Service) Reuse(id string) {
	s.mu.Lock()
	if r := s.runners[id]; r != nil {
		r.Stop() // want "r.Stop\\(\\) stops the old occupant of s.runners\\[id\\] while s.mu is held"
	}
	s.runners[id] = startRunner(id)
	s.mu.Unlock()
}

// A read-write mutex guards the slot just the same.
func (s *Service) Retune(id string) {
	s.rw.Lock()
	old, ok := s.runners[id]
	if ok {
		old.Stop() // want "old.Stop\\(\\) stops the old occupant of s.runners\\[id\\] while s.rw is held"
	}
	s.runners[id] = startRunner(id)
	s.rw.Unlock()
}

// Handler reaches the service through a field; the local svc has the field's type.
type Handler struct {
	svc *Service
}

func (h *Handler) Reload(id string) {
	svc := h.svc
	svc.mu.Lock()
	delete(svc.runners, id) // want "svc.runners\\[id\\] is deleted before its replacement is stored"
	svc.mu.Unlock()
	r := startRunner(id)
	svc.mu.Lock()
	svc.runners[id] = r
	svc.mu.Unlock()
}

// A component held by value: the stop was unconditional, and stays so (no nil check).
func (s *Service) ResetValue(id string) {
	s.mu.Lock()
	s.values[id].Stop() // want "s.values\\[id\\].Stop\\(\\) stops the old occupant of s.values\\[id\\] while s.mu is held"
	s.values[id] = Value{n: 1, done: make(chan struct{})}
	s.mu.Unlock()
}
