package registry

import (
	"context"
	"net"
	"net/http"
	"sync"
	"time"
)

// Runner is a component with a loop; Stop waits for the loop to exit.
type Runner struct {
	id   string
	quit chan struct{}
	done chan struct{}
}

func startRunner(id string) *Runner {
	r := &Runner{id: id, quit: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(r.done)
		<-r.quit
	}()
	return r
}

func buildRunner(id string) (*Runner, error) {
	if id == "" {
		return nil, net.ErrClosed
	}
	return startRunner(id), nil
}

func (r *Runner) Stop() {
	close(r.quit)
	<-r.done
}

// Close stops the runner through Stop, so it waits as well.
func (r *Runner) Close() error {
	r.Stop()
	return nil
}

// Flag is switched off by Stop, which waits for nothing.
type Flag struct {
	on bool
}

func (f *Flag) Stop() { f.on = false }

// Value is a component held by value: it can never be nil.
type Value struct {
	n    int
	done chan struct{}
}

func (v Value) Stop() { <-v.done }

// Service keeps one component per key, plus a few single-slot components.
type Service struct {
	mu      sync.Mutex
	rw      sync.RWMutex
	runners map[string]*Runner
	values  map[string]Value
	flags   map[string]*Flag
	runner  *Runner
	srv     *http.Server
	timer   *time.Timer
	cancel  context.CancelFunc
	conn    net.Conn
	onClose func()
	closed  bool
	gen     int
}

// Get is the reader: every gate lookup goes through it.
func (s *Service) Get(id string) *Runner {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.runners[id]
}

// Current returns the single runner.
func (s *Service) Current() *Runner {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.runner
}

func dial() net.Conn { return nil }
