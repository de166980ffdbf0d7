// Package policy reproduces the fourth incident: reloading a network's policy removed and
// stopped the registered runner before the new one was stored, so a gate lookup that ran in
// between found no runner for the network.
package policy

import "sync"

// Runner enforces one network's policy until it is stopped.
type Runner struct {
	NetID   string
	Version int
	quit    chan struct{}
	done    chan struct{}
}

func startRunner(netID string, version int) *Runner {
	r := &Runner{NetID: netID, Version: version, quit: make(chan struct{}), done: make(chan struct{})}
	go r.loop()
	return r
}

func (r *Runner) loop() {
	defer close(r.done)
	<-r.quit
}

// Stop ends the runner's loop and waits for it to exit.
func (r *Runner) Stop() {
	close(r.quit)
	<-r.done
}

// Service keeps one running policy per network.
type Service struct {
	mu      sync.Mutex
	runners map[string]*Runner
}

// NewService starts a runner for each network.
func NewService(netIDs ...string) *Service {
	s := &Service{runners: make(map[string]*Runner)}
	for _, id := range netIDs {
		s.runners[id] = startRunner(id, 1)
	}
	return s
}

// Get returns the runner that gates traffic for netID.
func (s *Service) Get(netID string) *Runner {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.runners[netID]
}

// Reload replaces netID's runner with one for the given policy version.
func (s *Service) Reload(netID string, version int) {
	s.mu.Lock()
	old := s.runners[netID]
	delete(s.runners, netID)
	s.mu.Unlock()
	if old != nil {
		old.Stop()
	}
	r := startRunner(netID, version)
	s.mu.Lock()
	s.runners[netID] = r
	s.mu.Unlock()
}

// Close stops every runner.
func (s *Service) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for id, r := range s.runners {
		r.Stop()
		delete(s.runners, id)
	}
}
