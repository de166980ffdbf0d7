package publish

import (
	"sync"
	"sync/atomic"
)

// stream owns two loops counted by wg; Close waits for them.
type stream struct {
	wg   sync.WaitGroup
	done chan struct{}
	n    int
}

func (s *stream) recvLoop() {
	defer s.wg.Done()
	<-s.done
}

func (s *stream) sendLoop() {
	defer s.wg.Done()
	<-s.done
}

// Wait blocks until both loops have returned.
func (s *stream) Wait() { s.wg.Wait() }

// Client publishes its current stream under mu.
type Client struct {
	mu      sync.Mutex
	current *stream
	streams map[string]*stream
	all     []*stream
	active  atomic.Pointer[stream]
	opened  chan *stream
}

// Close captures the current stream under the lock, then waits for its loops.
func (c *Client) Close() {
	c.mu.Lock()
	s := c.current
	c.current = nil
	c.mu.Unlock()
	if s != nil {
		close(s.done)
		s.Wait()
	}
}

var (
	registryMu sync.Mutex
	registry   = map[string]*stream{}
	latest     *stream
)

// counter has an Add method but is not a WaitGroup.
type counter struct {
	n int
}

func (c *counter) Add(n int) { c.n += n }

// meter holds a counter where other types hold a WaitGroup.
type meter struct {
	wg counter
}
