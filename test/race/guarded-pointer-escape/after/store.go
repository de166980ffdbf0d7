// Package store, after the fix: accessors return copies made under the lock, and writes go
// through UpdateSession, which runs under the write lock.
package store

import (
	"errors"
	"slices"
	"sync"
)

// ErrNotFound is returned for an unknown session ID.
var ErrNotFound = errors.New("session not found")

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

func clone(sess *Session) *Session {
	c := *sess
	c.Tags = slices.Clone(c.Tags)
	return &c
}

// Get returns a copy of the session with the given ID, or nil.
func (s *Store) Get(id string) *Session {
	s.mu.RLock()
	defer s.mu.RUnlock()
	sess, ok := s.sessions[id]
	if !ok {
		return nil
	}
	return clone(sess)
}

// List returns copies of every session.
func (s *Store) List() []*Session {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]*Session, 0, len(s.sessions))
	for _, sess := range s.sessions {
		out = append(out, clone(sess))
	}
	return out
}

// UpdateSession runs fn on the live session under the write lock.
func (s *Store) UpdateSession(id string, fn func(*Session) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	sess, ok := s.sessions[id]
	if !ok {
		return ErrNotFound
	}
	return fn(sess)
}
