// Package stream: a client publishes a stream under its lock, then raises the stream's
// WaitGroup after unlocking, so a concurrent Close can Wait on a zero counter.
package stream

import "sync"

type stream struct {
	wg   sync.WaitGroup
	done chan struct{}
}

func (s *stream) recvLoop() { defer s.wg.Done(); <-s.done }
func (s *stream) sendLoop() { defer s.wg.Done(); <-s.done }

// Client owns at most one workspace stream.
type Client struct {
	mu              sync.Mutex
	workspaceStream *stream
}

// StreamWorkspace starts a stream; Close may run at any time.
func (c *Client) StreamWorkspace() {
	s := &stream{done: make(chan struct{})}
	c.mu.Lock()
	c.workspaceStream = s
	c.mu.Unlock()
	s.wg.Add(2)
	go s.recvLoop()
	go s.sendLoop()
}

// Close stops the stream and waits for its loops.
func (c *Client) Close() {
	c.mu.Lock()
	s := c.workspaceStream
	c.workspaceStream = nil
	c.mu.Unlock()
	if s != nil {
		close(s.done)
		s.wg.Wait()
	}
}
