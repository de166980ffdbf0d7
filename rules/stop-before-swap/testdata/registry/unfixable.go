package registry

// Reported, but the fix is not offered: the shapes below cannot be reordered safely.

// The construction can fail and return: registering first would move it across the stop.
func (s *Service) ReloadChecked(id string) error {
	s.mu.Lock()
	s.runners[id].Stop() // want "stops the old occupant of s.runners\\[id\\] while s.mu is held"
	r, err := buildRunner(id)
	if err != nil {
		s.mu.Unlock()
		return err
	}
	s.runners[id] = r
	s.mu.Unlock()
	return nil
}

// The unlock is deferred: there is no point after it to stop the old runner at.
func (s *Service) ReloadDeferred(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if old := s.runners[id]; old != nil {
		old.Stop() // want "old.Stop\\(\\) stops the old occupant"
	}
	s.runners[id] = startRunner(id)
}

// Every runner in turn, inside a loop that holds the lock throughout.
func (s *Service) ReloadAll() {
	s.mu.Lock()
	for id, r := range s.runners {
		r.Stop() // want "r.Stop\\(\\) stops the old occupant of s.runners\\[id\\] while s.mu is held"
		s.runners[id] = startRunner(id)
	}
	s.mu.Unlock()
}

// The new runner is built from the old one: it uses the old value after the stop.
func (s *Service) Respawn(id string) {
	s.mu.Lock()
	old := s.runners[id]
	old.Stop() // want "old.Stop\\(\\) stops the old occupant"
	r := startRunner(old.id)
	s.runners[id] = r
	s.mu.Unlock()
}

// The if around the stop does more than stop: it cannot move as a whole.
func (s *Service) ReloadCounting(id string) {
	s.mu.Lock()
	if old := s.runners[id]; old != nil {
		old.Stop() // want "old.Stop\\(\\) stops the old occupant"
		s.gen++
	}
	s.runners[id] = startRunner(id)
	s.mu.Unlock()
}

// A comment on the unlock between the two critical sections has no place once they merge.
func (s *Service) ReloadNoted(id string) {
	s.mu.Lock()
	delete(s.runners, id) // want "is deleted before its replacement is stored"
	s.mu.Unlock() // let Get run while the runner starts
	r := startRunner(id)
	s.mu.Lock()
	s.runners[id] = r
	s.mu.Unlock()
}

// The old runner is read through the slot after the stop: moving the stop would change what it sees.
func (s *Service) ReloadNamed(id string) string {
	s.mu.Lock()
	s.runners[id].Stop() // want "stops the old occupant of s.runners\\[id\\]"
	name := s.runners[id].id
	s.runners[id] = startRunner(id)
	s.mu.Unlock()
	return name
}
