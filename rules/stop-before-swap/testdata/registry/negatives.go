package registry

import (
	"context"
	"time"
)

// The correct form: store the new one, unlock, then stop the old one.
func (s *Service) ReloadFixed(id string) {
	r := startRunner(id)
	s.mu.Lock()
	old := s.runners[id]
	s.runners[id] = r
	s.mu.Unlock()
	if old != nil {
		old.Stop()
	}
}

// Only removes: nothing replaces the runner.
func (s *Service) Remove(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if r, ok := s.runners[id]; ok {
		r.Stop()
		delete(s.runners, id)
	}
}

// Stops one key and stores another.
func (s *Service) Move(from, to string) {
	s.mu.Lock()
	s.runners[from].Stop()
	s.runners[to] = startRunner(to)
	s.mu.Unlock()
}

// Stops one field and stores another.
func (s *Service) Promote() {
	s.mu.Lock()
	s.runner.Stop()
	s.srv = nil
	s.runners["main"] = startRunner("main")
	s.mu.Unlock()
}

// A timer's Stop does not block, and it runs in the same critical section as the store.
func (s *Service) Reschedule(d time.Duration, f func()) {
	s.mu.Lock()
	if s.timer != nil {
		s.timer.Stop()
	}
	s.timer = time.AfterFunc(d, f)
	s.mu.Unlock()
}

// Cancelling after the store, in the same critical section: it does not block.
func (s *Service) Renew(parent context.Context) context.Context {
	ctx, cancel := context.WithCancel(parent)
	s.mu.Lock()
	prev := s.cancel
	s.cancel = cancel
	prev()
	s.mu.Unlock()
	return ctx
}

// A cancel func called before the store in the same critical section: no gap, no wait.
func (s *Service) Recancel(parent context.Context) context.Context {
	ctx, cancel := context.WithCancel(parent)
	s.mu.Lock()
	if s.cancel != nil {
		s.cancel()
	}
	s.cancel = cancel
	s.mu.Unlock()
	return ctx
}

// Initialization: the slot was empty.
func (s *Service) Ensure(id string) *Runner {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.runners[id]; !ok {
		s.runners[id] = startRunner(id)
	}
	return s.runners[id]
}

// The stop leads to a return, so the store only runs when the slot was empty.
func (s *Service) Toggle(id string) {
	s.mu.Lock()
	if r, ok := s.runners[id]; ok {
		r.Stop()
		delete(s.runners, id)
		s.mu.Unlock()
		return
	}
	s.runners[id] = startRunner(id)
	s.mu.Unlock()
}

// Stop and store are in different branches.
func (s *Service) Flip(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if old := s.runners[id]; old != nil {
		old.Stop()
	} else {
		s.runners[id] = startRunner(id)
	}
}

// No lock anywhere: a connection owned by one goroutine, redialled.
func (c *Service) redial() {
	if c.conn != nil {
		c.conn.Close()
	}
	c.conn = dial()
}

// A deferred stop runs after the store (and before the deferred unlock, but after the swap).
func (s *Service) ReloadDeferredStop(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.runners[id]
	if old != nil {
		defer old.Stop()
	}
	s.runners[id] = startRunner(id)
}

// The old runner is stopped in a goroutine: the lock is not held while it waits.
func (s *Service) ReloadAsync(id string) {
	s.mu.Lock()
	old := s.runners[id]
	go old.Stop()
	s.runners[id] = startRunner(id)
	s.mu.Unlock()
}

// Storing nil is a removal, not a replacement.
func (s *Service) Clear() {
	s.mu.Lock()
	s.runner.Stop()
	s.runner = nil
	s.mu.Unlock()
}

// The stop is in a func literal that runs some other time.
func (s *Service) Install(r *Runner) {
	s.mu.Lock()
	s.onClose = func() { s.runner.Stop() }
	s.runner = r
	s.mu.Unlock()
}

// Flag.Stop waits for nothing, and the store follows in the same critical section.
func (s *Service) Reflag(id string) {
	s.mu.Lock()
	s.flags[id].Stop()
	s.flags[id] = &Flag{on: true}
	s.mu.Unlock()
}

// The stop runs after the store, in the same critical section, and cannot block.
func (s *Service) RescheduleAfter(d time.Duration, f func()) {
	s.mu.Lock()
	old := s.timer
	s.timer = time.AfterFunc(d, f)
	old.Stop()
	s.mu.Unlock()
}

// The stop of the old occupant comes after the store, outside the lock.
func (s *Service) SwapRunner(r *Runner) {
	s.mu.Lock()
	old := s.runner
	s.runner = r
	s.mu.Unlock()
	old.Close()
}

// Close is called on something that is not the slot: the incoming runner's predecessor.
func (s *Service) Chain(prev, next *Runner) {
	s.mu.Lock()
	prev.Stop()
	s.runner = next
	s.mu.Unlock()
}

// A timer is not a component that serves readers: stopping it and arming another later is
// how a deadline is reset (from net/http's HTTP/2 client cleanup), even with a gap between.
func (s *Service) ResetDeadline(d time.Duration, f func()) {
	if s.timer != nil {
		s.timer.Stop()
	}
	s.mu.Lock()
	s.gen++
	s.timer = time.AfterFunc(d, f)
	s.mu.Unlock()
}
