// Package client reproduces the second incident: StreamWorkspace stores the new stream in
// c.workspaceStream under c.mu, unlocks, and only then raises the stream's WaitGroup and starts
// its two loops. A concurrent Close takes the lock, captures the stream, unlocks and waits: if
// it gets there before the Add, Wait sees a zero counter and returns while the loops still run.
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
	c.workspaceStream = s
	c.mu.Unlock()
	s.wg.Add(2)
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
