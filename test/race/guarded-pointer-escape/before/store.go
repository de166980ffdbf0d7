// Package store reproduces the third incident: the store's RWMutex guards its map, and its
// accessors hand out the live sessions in it. A health controller writes through one while
// an HTTP handler marshals the list.
package store

import "sync"

// Session is plain data: the store's lock is all that guards it.
type Session struct {
	ID          string   `json:"id"`
	HealthState string   `json:"health_state"`
	Tags        []string `json:"tags"`
}

// Store holds sessions by ID.
type Store struct {
	mu       sync.RWMutex
	sessions map[string]*Session
}

// New returns an empty store.
func New() *Store {
	return &Store{sessions: make(map[string]*Session)}
}

// Put stores a session.
func (s *Store) Put(sess Session) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sessions[sess.ID] = &sess
}

// Get returns the session with the given ID, or nil.
func (s *Store) Get(id string) *Session {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.sessions[id]
}

// List returns every session.
func (s *Store) List() []*Session {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]*Session, 0, len(s.sessions))
	for _, sess := range s.sessions {
		out = append(out, sess)
	}
	return out
}
