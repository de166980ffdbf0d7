package nohelper

import (
	"context"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"strings"
	"time"
)

// Audit: the goroutine reads package variable db whenever it gets to run, possibly after a
// test's t.Cleanup swapped the handle.
func Audit(ctx context.Context, user string) {
	go func() { // want "untracked goroutine"
		_, _ = db.ExecContext(ctx, "INSERT INTO audit(user) VALUES (?)", user)
	}()
}

// HandlePing: the goroutine writes package variable requestCount while other handlers do too.
func HandlePing(w http.ResponseWriter, r *http.Request) {
	go func() { // want "untracked goroutine"
		requestCount++
	}()
	w.WriteHeader(http.StatusNoContent)
}

// Prefetch: the goroutine reads and writes the receiver's fields after Prefetch returned.
func (c *Cache) Prefetch(key string) {
	go func() { // want "untracked goroutine"
		v, err := c.loader(key)
		if err != nil {
			return
		}
		c.mu.Lock()
		c.entries[key] = v
		c.mu.Unlock()
	}()
}

// Start: loop runs on the receiver's sessions and nothing waits for it to stop.
func (s *Server) Start() {
	s.quit = make(chan struct{})
	go s.loop() // want "untracked goroutine"
}

// OnExit: restart is a function-valued field of the receiver that tests replace.
func (h *Hub) OnExit(id int) {
	h.failures[id]++
	go h.restart(id) // want "untracked goroutine"
}

// Migrate: the goroutine captures current, which the caller assigns again after the go.
func Migrate(steps []func() error) error {
	current := "starting"
	go func() { // want "untracked goroutine"
		log.Printf("migration: %s", current)
	}()
	for i, step := range steps {
		current = fmt.Sprintf("step %d", i)
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// ReadVersion: the goroutine assigns version and the caller returns it without waiting.
func ReadVersion(path string) string {
	version := "unknown"
	go func() { // want "untracked goroutine"
		if b, err := os.ReadFile(path); err == nil {
			version = strings.TrimSpace(string(b))
		}
	}()
	return version
}

// Refresh: update (other.go) writes package variable lastRefresh.
func Refresh() {
	go update() // want "untracked goroutine"
}

// DialAll: each goroutine writes the receiver's map; nothing waits for any of them.
func (p *Pool) DialAll(addrs []string) {
	for _, addr := range addrs {
		go func() { // want "untracked goroutine"
			conn, err := net.Dial("tcp", addr)
			if err != nil {
				return
			}
			p.mu.Lock()
			p.conns[addr] = conn
			p.mu.Unlock()
		}()
	}
}

// Handler: the goroutine sits in a func literal inside the method and still uses the receiver.
func (s *Server) Handler() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		go func() { // want "untracked goroutine"
			s.mu.Lock()
			s.conns++
			s.mu.Unlock()
		}()
		w.WriteHeader(http.StatusAccepted)
	}
}

// Get: on a miss, fill writes the receiver's entries in the background.
func (c *Cache) Get(key string) []byte {
	c.mu.Lock()
	v, ok := c.entries[key]
	c.mu.Unlock()
	if !ok {
		go c.fill(key) // want "untracked goroutine"
	}
	return v
}

// Command: the goroutine in a switch case replaces the receiver's session map.
func (s *Server) Command(cmd string) {
	switch cmd {
	case "flush":
		go func() { // want "untracked goroutine"
			s.mu.Lock()
			s.sessions = map[string]*Session{}
			s.mu.Unlock()
		}()
	case "stats":
		log.Printf("%d connections", s.conns)
	}
}

// Run: the goroutine in a select case writes the receiver's map.
func (w *Watcher) Run(stop <-chan struct{}) {
	for {
		select {
		case <-stop:
			return
		case name := <-w.events:
			go func() { // want "untracked goroutine"
				w.seen[name] = time.Now()
			}()
		}
	}
}
