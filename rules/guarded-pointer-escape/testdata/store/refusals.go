package store

import (
	"strings"
	"time"
)

// Draft holds a strings.Builder: copying one that was written to panics on the next write.
type Draft struct {
	Title string
	body  strings.Builder
}

// Event holds an interface: a copy would share whatever it points to.
type Event struct {
	Kind    string
	Payload any
}

// Policy holds a map of another package's type, which refusals.go can name but positives.go cannot.
type Policy struct {
	Name     string
	Timeouts map[string]time.Duration
}

// Draft: no copy is offered for a struct with a Builder in it.
func (s *Store) Draft(id string) *Draft {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.drafts[id] // want "Draft returns a live \\*Draft"
}

// Event: no copy is offered for a struct with an interface in it.
func (s *Store) Event(id string) *Event {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.events[id] // want "Event returns a live \\*Event"
}

// Tagged uses the pointer after it appended it: a copy would change what the later use sees.
func (s *Store) Tagged(tag string) []*Session {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []*Session
	for _, sess := range s.sessions {
		out = append(out, sess) // want "Tagged appends live \\*Session pointers"
		sess.Tags = append(sess.Tags, tag)
	}
	return out
}

// Claim writes the team after the unlock: the copy cannot go before the unlock.
func (s *Store) Claim(name string) *Team {
	s.mu.Lock()
	t := s.teams[name]
	s.mu.Unlock()
	t.Name = strings.ToUpper(t.Name)
	return t // want "Claim returns a live \\*Team from s.teams\\[name\\], read under s.mu, which is unlocked before it leaves: callers use it without the lock; the package writes it in place"
}

// OneLine returns on the line of its condition: there is no line of its own to copy on.
func (s *Store) OneLine(id string) *Session {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if sess, ok := s.sessions[id]; ok { return sess } // want "OneLine returns a live \\*Session"
	return nil
}

// Pair hands out two pointers through one statement.
func (s *Store) Pair(a, b string) (*Session, *Session) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.sessions[a], s.sessions[b] // want "Pair returns a live \\*Session from s.sessions\\[a\\]" "Pair returns a live \\*Session from s.sessions\\[b\\]"
}
