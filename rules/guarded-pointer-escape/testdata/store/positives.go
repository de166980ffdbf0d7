package store

import (
	"errors"
	"sort"
)

var errNotFound = errors.New("not found")

// GetSession hands out the live session: the incident's accessor.
func (s *Store) GetSession(id string) *Session {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.sessions[id] // want "GetSession returns a live \\*Session from s.sessions\\[id\\], guarded by s.mu: callers use it without the lock; handleHealth writes sess.HealthState through what it returns"
}

// LookupSession reads through a variable and a comma-ok.
func (s *Store) LookupSession(id string) (*Session, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	sess, ok := s.sessions[id]
	if !ok {
		return nil, false
	}
	return sess, true // want "LookupSession returns a live \\*Session from s.sessions\\[id\\]"
}

// ListSessions appends every live pointer to the slice it returns.
func (s *Store) ListSessions() []*Session {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]*Session, 0, len(s.sessions))
	for _, sess := range s.sessions {
		out = append(out, sess) // want "ListSessions appends live \\*Session pointers from s.sessions, guarded by s.mu, into the slice it returns"
	}
	return out
}

// SessionsByID fills a fresh map with live pointers.
func (s *Store) SessionsByID() map[string]*Session {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make(map[string]*Session, len(s.sessions))
	for id, sess := range s.sessions {
		out[id] = sess // want "SessionsByID stores live \\*Session pointers from s.sessions, guarded by s.mu, into the map it returns"
	}
	return out
}

// GetTeam unlocks before it returns what it read under the lock.
func (s *Store) GetTeam(name string) *Team {
	s.mu.RLock()
	t := s.teams[name]
	s.mu.RUnlock()
	return t // want "GetTeam returns a live \\*Team from s.teams\\[name\\], read under s.mu, which is unlocked before it leaves"
}

// FindTeam unlocks on the error path and again before the return.
func (s *Store) FindTeam(name string) (*Team, error) {
	s.mu.Lock()
	t, ok := s.teams[name]
	if !ok {
		s.mu.Unlock()
		return nil, errNotFound
	}
	s.mu.Unlock()
	return t, nil // want "FindTeam returns a live \\*Team from s.teams\\[name\\], read under s.mu, which is unlocked"
}

// Get uses the embedded mutex.
func (c *Cache) Get(key string) *Session {
	c.Lock()
	defer c.Unlock()
	return c.items[key] // want "Get returns a live \\*Session from c.items\\[key\\], guarded by c:"
}

// TeamSessions hands out a guarded slice of pointers.
func (s *Store) TeamSessions(team string) []*Session {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.byTeam[team] // want "TeamSessions hands out s.byTeam\\[team\\] \\(\\[\\]\\*Session\\), guarded by s.mu: callers use the \\*Session pointers in it"
}

// Order hands out the guarded slice itself.
func (s *Store) Order() []*Session {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.order // want "Order hands out s.order \\(\\[\\]\\*Session\\), guarded by s.mu: callers use the \\*Session pointers in it without the lock; resetHealth writes sess.HealthState through what it returns: route such writes through a method that holds the lock"
}

// Config hands out a pointer into the store's own struct.
func (s *Store) Config() *Config {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return &s.cfg // want "Config returns &s.cfg, a pointer into state guarded by s.mu"
}

// Current hands out a pointer field.
func (s *Store) Current() *Config {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.current // want "Current returns a live \\*Config from s.current"
}

// Labels hands out the map that SetLabel writes in place.
func (s *Store) Labels() map[string]string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.labels // want "Labels returns the map s.labels itself, guarded by s.mu: callers read it while the package changes it in place"
}

// SetLabel writes the labels map in place.
func (s *Store) SetLabel(k, v string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.labels[k] = v
}

// Names hands out the slice that SortNames sorts in place.
func (s *Store) Names() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.names // want "Names returns the slice s.names itself"
}

// SortNames sorts in place.
func (s *Store) SortNames() {
	s.mu.Lock()
	sort.Strings(s.names)
	s.mu.Unlock()
}

// EntryByName: Entry holds a lock by value, so no copy is offered.
func (s *Store) EntryByName(name string) *Entry {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.entries[name] // want "EntryByName returns a live \\*Entry"
}

// ReportByID: a copy of Report would still share its Owner, so no copy is offered.
func (s *Store) ReportByID(id string) *Report {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.reports[id] // want "ReportByID returns a live \\*Report"
}

// FindByTeam returns from inside the loop.
func (s *Store) FindByTeam(team string) *Session {
	s.mu.RLock()
	defer s.mu.RUnlock()
	for _, sess := range s.sessions {
		if sess.Team == team {
			return sess // want "FindByTeam returns a live \\*Session from s.sessions"
		}
	}
	return nil
}

// pick returns through a named result.
func (s *Store) pick(id string) (sess *Session) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sess = s.sessions[id]
	return // want "pick returns a live \\*Session from s.sessions\\[id\\], .*; rename writes sess.Team through what it returns"
}

// currentConfig is unexported, but Retune writes the same *Config in place.
func (s *Store) currentConfig() *Config {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.current // want "currentConfig returns a live \\*Config from s.current, guarded by s.mu: callers use it without the lock; the package writes it in place"
}

// Retune writes the pointee under the lock, racing with whoever holds currentConfig's result.
func (s *Store) Retune(n int) {
	s.mu.Lock()
	s.current.Retries = n
	s.mu.Unlock()
}

// team is unexported, and TouchTeam writes the element in place through a variable.
func (s *Store) team(name string) *Team {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.teams[name] // want "team returns a live \\*Team from s.teams\\[name\\], guarded by s.mu: callers use it without the lock; the package writes it in place"
}

// TouchTeam writes an element of the guarded map through a local.
func (s *Store) TouchTeam(name, member string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if t, ok := s.teams[name]; ok {
		t.Members = append(t.Members, member)
	}
}

// Policy: the copy would need map[string]time.Duration, and this file does not import time.
func (s *Store) Policy(name string) *Policy {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.policies[name] // want "Policy returns a live \\*Policy"
}
