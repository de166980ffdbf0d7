package store

import (
	"net/http"
	"slices"
)

// Runner is a handle with its own mutex: a runner registry hands it out by design.
func (s *Store) Runner(name string) *Runner {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.runners[name]
}

// Counter has an atomic field.
func (s *Store) Counter(name string) *Counter {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.counters[name]
}

// Job's methods lock.
func (s *Store) Job(id string) *Job {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.jobs[id]
}

// Conn has a channel field.
func (s *Store) Conn(addr string) *Conn {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.conns[addr]
}

// Loader has a sync.Once field.
func (s *Store) Loader(name string) *Loader {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.loaders[name]
}

// SessionCopy returns a copy made under the lock.
func (s *Store) SessionCopy(id string) *Session {
	s.mu.RLock()
	defer s.mu.RUnlock()
	sess := s.sessions[id]
	if sess == nil {
		return nil
	}
	c := *sess
	c.Tags = slices.Clone(c.Tags)
	return &c
}

// Clone is the package's clone helper.
func (x *Session) Clone() *Session {
	c := *x
	c.Tags = slices.Clone(c.Tags)
	return &c
}

// SessionClone returns what the clone helper built.
func (s *Store) SessionClone(id string) *Session {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.sessions[id].Clone()
}

// SessionValue returns a value type.
func (s *Store) SessionValue(id string) (Session, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	v, ok := s.values[id]
	return v, ok
}

// Deref returns the pointee by value.
func (s *Store) Deref(id string) Session {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return *s.sessions[id]
}

// ListValues copies each element into the slice it returns.
func (s *Store) ListValues() []Session {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]Session, 0, len(s.sessions))
	for _, sess := range s.sessions {
		out = append(out, *sess)
	}
	return out
}

// NewSession returns a newly built value.
func (s *Store) NewSession(id string) *Session {
	s.mu.Lock()
	defer s.mu.Unlock()
	sess := &Session{ID: id}
	s.sessions[id] = sess.Clone()
	return sess
}

// Stats returns a newly built pointer to values.
func (s *Store) Stats() *Snapshot {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return &Snapshot{Count: len(s.sessions), Name: s.snap.Name}
}

// Health returns an immutable value read from a guarded pointer.
func (s *Store) Health(id string) string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.sessions[id].HealthState
}

// Snap returns a struct of values by value.
func (s *Store) Snap() Snapshot {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.snap
}

// UpdateSession hands the pointer to a callback under the lock: the recommended way to write.
func (s *Store) UpdateSession(id string, fn func(*Session) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	sess, ok := s.sessions[id]
	if !ok {
		return errNotFound
	}
	return fn(sess)
}

// Each visits every session under the lock.
func (s *Store) Each(fn func(*Session)) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	for _, sess := range s.sessions {
		fn(sess)
	}
}

// getLocked holds no lock: its callers hold s.mu.
func (s *Store) getLocked(id string) *Session {
	return s.sessions[id]
}

// Touch unlocks before it reads: no lock is held at the read (another rule's business).
func (s *Store) Touch(id string) *Session {
	s.mu.Lock()
	s.n++
	s.mu.Unlock()
	return s.getLocked(id)
}

// Request: the pointee type is not declared in this package, so nothing is known of it.
func (s *Store) Request(id string) *http.Request {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.requests[id]
}

// Empty has no fields to race on.
func (s *Store) Empty(id string) *Empty {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.empties[id]
}

// Frozen hands out a map that is only ever replaced, never written in place (copy on write).
func (s *Store) Frozen() map[string]string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.frozen
}

// SetFrozen replaces the map wholesale.
func (s *Store) SetFrozen(m map[string]string) {
	next := make(map[string]string, len(m))
	for k, v := range m {
		next[k] = v
	}
	s.mu.Lock()
	s.frozen = next
	s.mu.Unlock()
}

// History hands out a slice that is only appended to: a caller's view never changes.
func (s *Store) History() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.history
}

// Record appends.
func (s *Store) Record(line string) {
	s.mu.Lock()
	s.history = append(s.history, line)
	s.mu.Unlock()
}

// NamesCopy returns a clone of the slice.
func (s *Store) NamesCopy() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]string, len(s.names))
	copy(out, s.names)
	return out
}

// sync2 is a lock of the package's own making.
type sync2 struct{}

func (sync2) Lock()   {}
func (sync2) Unlock() {}

// Borrow holds another object's lock.
func (s *Store) Borrow(o *Store, id string) *Session {
	o.mu.RLock()
	defer o.mu.RUnlock()
	return s.sessions[id]
}

// Into copies into the caller's value under the lock.
func (s *Store) Into(id string, dst *Session) *Session {
	s.mu.RLock()
	defer s.mu.RUnlock()
	*dst = *s.sessions[id]
	return dst
}

// Locked returns the store itself, not state it guards.
func (s *Store) Locked() *Store {
	s.mu.Lock()
	return s
}

// Generic caches know nothing of V.
type Generic[V any] struct {
	mu sync2
	m  map[string]*V
}

// Get returns a *V whose type is a parameter.
func (g *Generic[V]) Get(k string) *V {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.m[k]
}

// Shadow: the receiver name is shadowed by a local before the read.
func (s *Store) Shadow(id string, other *Store) *Session {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s := other; s != nil {
		return s.sessions[id]
	}
	return nil
}

// Index hands out an immutable snapshot: nothing in the package writes a modIndex after
// publishing it, and its fields are unexported (as cmd/go's modFileIndex).
func (n *Named) Index(name string) *modIndex {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.indexes[name]
}

// SetIndex replaces the snapshot wholesale.
func (n *Named) SetIndex(name string, ix *modIndex) {
	n.mu.Lock()
	n.indexes[name] = ix
	n.mu.Unlock()
}

// Method expands lazily under the lock; the *Func is an identity, only read once built (as go/types).
func (n *Named) Method(i int) *Func {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.methods[i] == nil {
		n.methods[i] = &Func{name: "m", recv: n}
	}
	return n.methods[i]
}

// peek is unexported and nothing writes through what it returns.
func (s *Store) peek(id string) *Session {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.sessions[id]
}
