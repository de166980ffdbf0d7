package publish

// The incident: stored under the lock, unlocked, then Add.
func (c *Client) StreamWorkspace() {
	s := &stream{done: make(chan struct{})}
	c.mu.Lock()
	c.current = s
	c.mu.Unlock()
	s.wg.Add(2) // want "s\\.wg\\.Add runs after s was published \\(see related\\) and the lock c\\.mu held for that store is released first"
	go s.recvLoop()
	go s.sendLoop()
}

// The comments above and beside the Add move with it; the blank line stays.
func (c *Client) commented() {
	s := &stream{done: make(chan struct{})}
	c.mu.Lock()
	// Publish it so Close can find it.
	c.current = s
	c.mu.Unlock()

	// Both loops are counted before they start.
	s.wg.Add(2) // two loops // want "s\\.wg\\.Add runs after s was published"
	go s.recvLoop()
	go s.sendLoop()
}

// Stored into a map field of the receiver.
func (c *Client) register(id string) {
	s := &stream{done: make(chan struct{})}
	c.mu.Lock()
	c.streams[id] = s
	c.mu.Unlock()
	s.wg.Add(1) // want "s\\.wg\\.Add runs after s was published"
	go s.recvLoop()
}

// Appended to a slice field of the receiver.
func (c *Client) appendStream() {
	s := new(stream)
	c.mu.Lock()
	c.all = append(c.all, s)
	c.mu.Unlock()
	s.wg.Add(1) // want "s\\.wg\\.Add runs after s was published"
	go s.sendLoop()
}

// Stored into a package-level map under a package-level mutex.
func openGlobal(id string) {
	s := &stream{done: make(chan struct{})}
	registryMu.Lock()
	registry[id] = s
	registryMu.Unlock()
	s.wg.Add(1) // want "s\\.wg\\.Add runs after s was published"
	go s.recvLoop()
}

// Assigned to a package-level variable.
func openLatest() {
	s := &stream{done: make(chan struct{})}
	registryMu.Lock()
	latest = s
	registryMu.Unlock()
	s.wg.Add(1) // want "s\\.wg\\.Add runs after s was published"
	go s.recvLoop()
}

// Sent on a channel: no lock at all orders the receiver's Wait after the Add.
func (c *Client) announce() {
	s := &stream{done: make(chan struct{})}
	c.opened <- s
	s.wg.Add(1) // want "s\\.wg\\.Add runs after s was published \\(see related\\) and no lock orders them"
	go s.recvLoop()
}

// Published through an atomic pointer.
func (c *Client) swapIn() {
	s := &stream{done: make(chan struct{})}
	c.active.Store(s)
	s.wg.Add(1) // want "s\\.wg\\.Add runs after s was published"
	go s.recvLoop()
}

// The Add goes through the published field itself: the fix names the stored value instead.
func (c *Client) viaField() {
	s := &stream{done: make(chan struct{})}
	c.mu.Lock()
	c.current = s
	c.mu.Unlock()
	c.current.wg.Add(1) // want "c\\.current\\.wg\\.Add runs after c\\.current was published"
	go s.recvLoop()
}

// Locked again for the Add: Close can run between the two sections. The Add is left where
// it is (moving it would leave an empty critical section that someone wrote on purpose).
func (c *Client) relock() {
	s := &stream{done: make(chan struct{})}
	c.mu.Lock()
	c.current = s
	c.mu.Unlock()
	c.mu.Lock()
	s.wg.Add(1) // want "s\\.wg\\.Add runs after s was published"
	c.mu.Unlock()
	go s.recvLoop()
}

// Published inside an if, Add after it: the path through the store reaches the Add.
func (c *Client) maybePublish(share bool) {
	s := &stream{done: make(chan struct{})}
	c.mu.Lock()
	if share {
		c.current = s
	}
	c.mu.Unlock()
	s.wg.Add(1) // want "s\\.wg\\.Add runs after s was published"
	go s.recvLoop()
}

// The count is computed after the store: reported, but the Add cannot move above it.
func (c *Client) countAfter(loops []func()) {
	s := &stream{done: make(chan struct{})}
	c.mu.Lock()
	c.current = s
	c.mu.Unlock()
	n := len(loops)
	s.wg.Add(n) // want "s\\.wg\\.Add runs after s was published"
	for _, loop := range loops {
		go func() {
			defer s.wg.Done()
			loop()
		}()
	}
}

// An early return between the store and the Add: moving the Add above it would leave the
// counter raised on that path, so no fix is offered.
func (c *Client) earlyReturn(fail bool) {
	s := &stream{done: make(chan struct{})}
	c.mu.Lock()
	c.current = s
	c.mu.Unlock()
	if fail {
		return
	}
	s.wg.Add(1) // want "s\\.wg\\.Add runs after s was published"
	go s.recvLoop()
}

// No lock at all around the store: nothing orders a Close after the Add.
func (c *Client) unlocked() {
	s := &stream{done: make(chan struct{})}
	c.current = s
	s.wg.Add(1) // want "s\\.wg\\.Add runs after s was published \\(see related\\) and no lock orders them"
	go s.recvLoop()
}

// A Wait on the same WaitGroup between the store and the Add: raising the counter above it
// would make that Wait block on the new loop, so no fix is offered.
func (c *Client) reuse(s *stream) {
	c.mu.Lock()
	c.current = s
	c.mu.Unlock()
	s.wg.Wait()
	s.wg.Add(1) // want "s\\.wg\\.Add runs after s was published"
	go s.recvLoop()
}

// A continue (inside a switch, so it targets the loop) between the store and the Add skips
// the Add on that path: moving the Add above it would leave the counter raised, so no fix.
func (c *Client) openAll(ids []string, skip map[string]bool) {
	for _, id := range ids {
		s := &stream{done: make(chan struct{})}
		c.mu.Lock()
		c.streams[id] = s
		c.mu.Unlock()
		switch {
		case skip[id]:
			continue
		}
		s.wg.Add(1) // want "s\\.wg\\.Add runs after s was published"
		go s.recvLoop()
	}
}
