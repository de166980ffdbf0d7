// Package store: accessors take the read lock and hand out live pointers into the map it guards.
package store

import "sync"

// Session is plain data; the store's lock is the only thing guarding it.
type Session struct {
	ID          string
	HealthState string
	Tags        []string
}

// Store keeps sessions by id.
type Store struct {
	mu       sync.RWMutex
	sessions map[string]*Session
}

// GetSession returns the live session: callers read and write it after RUnlock.
func (s *Store) GetSession(id string) *Session {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.sessions[id]
}

// MarkUnhealthy writes through what GetSession handed out, without the lock.
func MarkUnhealthy(s *Store, id string) {
	if sess := s.GetSession(id); sess != nil {
		sess.HealthState = "unhealthy"
	}
}
