// Package nohelper has no tracked-goroutine helper, so only goroutines that touch shared state
// (package variables, the receiver, captured locals the caller keeps using) are reported.
package nohelper

import (
	"database/sql"
	"net"
	"sync"
	"time"
)

// db is the package-level handle; tests swap it in t.Cleanup (SetDB).
var db *sql.DB

// requestCount is bumped by request handlers.
var requestCount int

// gracePeriod is a constant: goroutines reading it share nothing.
const gracePeriod = 5 * time.Second

// SetDB is how tests swap the handle, so db is written outside init and can race.
func SetDB(d *sql.DB) { db = d }

// Cache loads entries on demand.
type Cache struct {
	mu      sync.Mutex
	entries map[string][]byte
	loader  func(key string) ([]byte, error)
	quit    chan struct{}
}

// Session is one client's state on a Server.
type Session struct {
	ID       string
	LastSeen time.Time
	out      chan string
}

// Send queues msg for the session's writer.
func (s *Session) Send(msg string) { s.out <- msg }

// Server tracks connections and their sessions.
type Server struct {
	mu       sync.Mutex
	sessions map[string]*Session
	conns    int
	quit     chan struct{}
}

// Pool keeps one connection per address.
type Pool struct {
	mu    sync.Mutex
	conns map[string]net.Conn
}

// Hub restarts workers that exit; restart is swapped by tests.
type Hub struct {
	restart  func(id int)
	failures map[int]int
}

// Watcher reports file events.
type Watcher struct {
	events chan string
	seen   map[string]time.Time
	paths  []string
}

// Job is one unit of queued work.
type Job struct {
	ID  int
	SQL string
}
