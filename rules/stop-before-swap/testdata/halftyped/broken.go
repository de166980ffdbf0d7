// Half-typed code: the rule judges only what parsed cleanly and never throws.
package halftyped

import "sync"

type runner struct{ done chan struct{} }

func (r *runner) Stop() { <-r.done }

type service struct {
	mu      sync.Mutex
	runners map[string]*runner
}

func (s *service) reload(id string) {
	s.mu.Lock()
	s.runners[id].Stop()
	r := &runner{done: make(chan struct{})
	s.runners[id] = r
	s.mu.Unlock()
}

func (s *service) swap(id string, r *runner) {
	s.mu.Lock()
	s.runners[id].Stop() // want "stops the old occupant of s.runners\\[id\\] while s.mu is held"
	s.runners[id] = r
	s.mu.Unlock()
	if x := ; x {
	}
}
