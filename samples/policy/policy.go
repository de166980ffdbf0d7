// Package policy: a reload stops the registered runner while holding the lock that every
// lookup takes, so lookups wait for the old runner's shutdown.
package policy

import "sync"

// Runner enforces one network's policy until stopped.
type Runner struct {
	done chan struct{}
	wg   sync.WaitGroup
}

// Stop waits for the runner's loop to exit.
func (r *Runner) Stop() {
	close(r.done)
	r.wg.Wait()
}

func startRunner() *Runner {
	r := &Runner{done: make(chan struct{})}
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		<-r.done
	}()
	return r
}

// Service keeps one runner per network.
type Service struct {
	mu      sync.Mutex
	runners map[string]*Runner
}

// Get is what every packet lookup calls.
func (s *Service) Get(netID string) *Runner {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.runners[netID]
}

// Reload replaces the runner of a network.
func (s *Service) Reload(netID string) {
	s.mu.Lock()
	if old, ok := s.runners[netID]; ok {
		old.Stop()
	}
	s.runners[netID] = startRunner()
	s.mu.Unlock()
}
