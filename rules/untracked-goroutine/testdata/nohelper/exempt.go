package nohelper

import (
	"net"
	"time"
)

// Client is one websocket-style connection with a read pump and a write pump.
type Client struct {
	conn     net.Conn
	send     chan []byte
	lastRead time.Time
	written  int
	closed   bool
}

// readPump records when the peer was last heard from.
func (c *Client) readPump() {
	buf := make([]byte, 512)
	for {
		if _, err := c.conn.Read(buf); err != nil {
			c.closed = true
			return
		}
		c.lastRead = time.Now()
	}
}

// writePump counts what it writes.
func (c *Client) writePump() {
	for msg := range c.send {
		n, err := c.conn.Write(msg)
		c.written += n
		if err != nil {
			return
		}
	}
}

// HandleConn: the colon form right above the go statement.
func (s *Server) HandleConn(conn net.Conn) {
	// goAsync-exempt: connection-scoped; readLoop ends when conn is closed.
	go s.readLoop(conn)
}

// StartJanitor: the parenthesized reference form.
func (c *Cache) StartJanitor() {
	c.quit = make(chan struct{})
	// goAsync-exempt (ISSUE-12): process lifetime; Close stops it by closing quit.
	go c.janitor()
}

// StartReaper: the directive is the first line of a multi-line comment block.
func (s *Server) StartReaper() {
	// goAsync-exempt: the reaper lives as long as the server.
	// It exits when quit is closed, and Close closes quit before the
	// tests' t.Cleanup swaps anything.
	go s.reapLoop()
}

// Accept: the directive at the end of the go statement's line.
func (s *Server) Accept(ln net.Listener) {
	go s.acceptLoop(ln) // goAsync-exempt: listener-scoped, ends when ln is closed
}

// Serve starts the server's background loops.
//
// goAsync-exempt: both loops live as long as the listener; Close ends them.
func (s *Server) Serve(ln net.Listener) {
	s.quit = make(chan struct{})
	go s.acceptLoop(ln)
	s.mu.Lock()
	s.sessions = map[string]*Session{}
	s.mu.Unlock()
	go s.reapLoop()
}

// Pump: one directive above a read pump covers the write pump started right after it.
func (c *Client) Pump() {
	// goAsync-exempt: the pumps end when the connection closes.
	go c.readPump()
	go c.writePump()
}

// PumpLate: a statement between the two pumps ends the directive's reach, so the write pump
// is reported.
func (c *Client) PumpLate() {
	// goAsync-exempt: the read pump ends when the connection closes.
	go c.readPump()
	c.send = make(chan []byte, 16)
	go c.writePump() // want "untracked goroutine"
}

// Kick: a comment that mentions goAsync-exempt in prose, without a colon, is not a directive.
func (s *Server) Kick(id string) {
	// This used to be goAsync-exempt until kicking started to edit sessions.
	go func() { // want "untracked goroutine"
		s.mu.Lock()
		delete(s.sessions, id)
		s.mu.Unlock()
	}()
}
