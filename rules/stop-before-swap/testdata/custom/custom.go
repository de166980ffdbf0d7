// With goRaceHazards.stopMethods set to Halt and Drain, those are the teardowns; Stop is not.
package custom

import "sync"

type worker struct {
	done chan struct{}
}

func (w *worker) Halt()  { <-w.done }
func (w *worker) Drain() { <-w.done }
func (w *worker) Stop()  { <-w.done }

type pool struct {
	mu      sync.Mutex
	workers map[int]*worker
	cancel  func()
}

func (p *pool) replace(i int, w *worker) {
	p.mu.Lock()
	p.workers[i].Halt() // want "p.workers\\[i\\].Halt\\(\\) stops the old occupant of p.workers\\[i\\] while p.mu is held"
	p.workers[i] = w
	p.mu.Unlock()
}

func (p *pool) drain(i int, w *worker) {
	p.mu.Lock()
	old := p.workers[i]
	p.mu.Unlock()
	old.Drain() // want "p.workers\\[i\\] is stopped before its replacement is stored"
	p.mu.Lock()
	p.workers[i] = w
	p.mu.Unlock()
}

// Stop is not in the configured list.
func (p *pool) restart(i int, w *worker) {
	p.mu.Lock()
	p.workers[i].Stop()
	p.workers[i] = w
	p.mu.Unlock()
}

// Nor is a field named cancel a teardown when "Cancel" is not configured.
func (p *pool) rearm(cancel func()) {
	p.mu.Lock()
	p.cancel()
	p.mu.Unlock()
	p.mu.Lock()
	p.cancel = cancel
	p.mu.Unlock()
}
