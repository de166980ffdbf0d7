// Package store is what the e2e suite opens for guarded-pointer-escape: one hazard.
package store

import "sync"

// Session is plain data; the store's lock is all that guards it.
type Session struct {
	ID    string
	State string
}

// Store keeps sessions by id.
type Store struct {
	mu       sync.RWMutex
	sessions map[string]*Session
}

// Session hands out the live session: callers read it after RUnlock.
func (s *Store) Session(id string) *Session {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.sessions[id]
}

// SetState changes the live session in place, under the lock.
func (s *Store) SetState(id, state string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if sess, ok := s.sessions[id]; ok {
		sess.State = state
	}
}
