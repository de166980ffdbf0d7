// Package client is the second incident after its fix: StreamWorkspace raises the stream's
// WaitGroup under c.mu, before storing the stream where Close can find it, so any Close that
// sees the stream also sees the counter raised and waits for both loops.
package client

import "sync"

type stream struct {
	wg   sync.WaitGroup
	done chan struct{}
	// Written by the loops as they finish; Close reads them once Wait has returned.
	received, sent int
}

func (s *stream) recvLoop() {
	defer s.wg.Done()
	<-s.done
	s.received++
}

func (s *stream) sendLoop() {
	defer s.wg.Done()
	<-s.done
	s.sent++
}

// Wait blocks until both loops have returned.
func (s *stream) Wait() { s.wg.Wait() }

// Client holds at most one workspace stream.
type Client struct {
	mu              sync.Mutex
	workspaceStream *stream
}

// StreamWorkspace opens the workspace stream and starts its loops.
func (c *Client) StreamWorkspace() {
	s := &stream{done: make(chan struct{})}
	c.mu.Lock()
	s.wg.Add(2)
	c.workspaceStream = s
	c.mu.Unlock()
	go s.recvLoop()
	go s.sendLoop()
}

// Close stops the workspace stream, if any, and reports how many loops it ran.
func (c *Client) Close() int {
	c.mu.Lock()
	s := c.workspaceStream
	c.workspaceStream = nil
	c.mu.Unlock()
	if s == nil {
		return 0
	}
	close(s.done)
	s.Wait()
	return s.received + s.sent
}
