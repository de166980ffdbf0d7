package store

// handleHealth writes through the pointer GetSession handed out, without the store's lock.
func handleHealth(st *Store, id string) {
	sess := st.GetSession(id)
	if sess == nil {
		return
	}
	sess.HealthState = "degraded"
}

// resetHealth writes through the pointers Order handed out.
func resetHealth(st *Store) {
	for _, sess := range st.Order() {
		sess.HealthState = ""
	}
}

// rename writes through the pointer pick handed out.
func (s *Store) rename(id, team string) {
	sess := s.pick(id)
	sess.Team = team
}
