package nohelper

import (
	"context"
	"net"
	"sync"
	"time"
)

// lastRefresh is written by update, which positives.go starts with a bare go statement.
var lastRefresh time.Time

// update writes package state: a `go update()` in another file races with its readers.
func update() {
	lastRefresh = time.Now()
}

// LastRefresh reads what update writes.
func LastRefresh() time.Time { return lastRefresh }

// loop expires idle sessions until quit is closed.
func (s *Server) loop() {
	ticker := time.NewTicker(time.Minute)
	defer ticker.Stop()
	for {
		select {
		case <-s.quit:
			return
		case now := <-ticker.C:
			s.mu.Lock()
			for id, sess := range s.sessions {
				if now.Sub(sess.LastSeen) > time.Hour {
					delete(s.sessions, id)
				}
			}
			s.mu.Unlock()
		}
	}
}

// readLoop counts the connection and reads from it until it closes.
func (s *Server) readLoop(conn net.Conn) {
	s.mu.Lock()
	s.conns++
	s.mu.Unlock()
	buf := make([]byte, 4096)
	for {
		if _, err := conn.Read(buf); err != nil {
			break
		}
	}
	s.mu.Lock()
	s.conns--
	s.mu.Unlock()
}

// acceptLoop hands each connection to readLoop.
func (s *Server) acceptLoop(ln net.Listener) {
	for {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		s.mu.Lock()
		s.conns++
		s.mu.Unlock()
		_ = conn.Close()
	}
}

// reapLoop drops every session once quit is closed.
func (s *Server) reapLoop() {
	<-s.quit
	s.mu.Lock()
	s.sessions = nil
	s.mu.Unlock()
}

// fill loads one entry into the cache.
func (c *Cache) fill(key string) {
	v, err := c.loader(key)
	if err != nil {
		return
	}
	c.mu.Lock()
	c.entries[key] = v
	c.mu.Unlock()
}

// janitor empties the cache every minute until quit is closed.
func (c *Cache) janitor() {
	for {
		select {
		case <-c.quit:
			return
		case <-time.After(time.Minute):
			c.mu.Lock()
			c.entries = map[string][]byte{}
			c.mu.Unlock()
		}
	}
}

// probe dials addr, keeps the connection in the pool and reports the outcome on errs.
func (p *Pool) probe(addr string, errs chan<- error) {
	conn, err := net.DialTimeout("tcp", addr, time.Second)
	if err == nil {
		p.mu.Lock()
		p.conns[addr] = conn
		p.mu.Unlock()
	}
	errs <- err
}

// runJob executes j on the current db handle and counts itself down on wg.
func runJob(ctx context.Context, wg *sync.WaitGroup, j Job) {
	defer wg.Done()
	_, _ = db.ExecContext(ctx, j.SQL)
}

// scan records every watched path as seen now.
func (w *Watcher) scan() {
	for _, p := range w.paths {
		w.seen[p] = time.Now()
	}
}
