// Package stream is what the e2e suite opens for waitgroup-add-after-publish: one hazard.
package stream

import "sync"

type stream struct {
	wg   sync.WaitGroup
	done chan struct{}
}

// Client owns at most one stream; Close may run at any time.
type Client struct {
	mu      sync.Mutex
	current *stream
}

// Start publishes a stream, then counts its loop.
func (c *Client) Start() {
	s := &stream{done: make(chan struct{})}
	c.mu.Lock()
	c.current = s
	c.mu.Unlock()
	s.wg.Add(1)
	go func() { defer s.wg.Done(); <-s.done }()
}

// Close stops the stream and waits for its loop.
func (c *Client) Close() {
	c.mu.Lock()
	s := c.current
	c.mu.Unlock()
	if s != nil {
		close(s.done)
		s.wg.Wait()
	}
}
