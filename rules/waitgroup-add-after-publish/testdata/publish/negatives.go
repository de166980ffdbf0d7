package publish

import (
	"net/http"
	"sync"
	"sync/atomic"
)

// The fix's shape: Add under the lock, before the publishing store.
func (c *Client) addUnderLock() {
	s := &stream{done: make(chan struct{})}
	c.mu.Lock()
	s.wg.Add(2)
	c.current = s
	c.mu.Unlock()
	go s.recvLoop()
	go s.sendLoop()
}

// Add after the store but still inside the same critical section.
func (c *Client) addBeforeUnlock() {
	s := &stream{done: make(chan struct{})}
	c.mu.Lock()
	c.current = s
	s.wg.Add(1)
	c.mu.Unlock()
	go s.recvLoop()
}

// A deferred unlock keeps the section open to the end of the function.
func (c *Client) deferredUnlock() {
	s := &stream{done: make(chan struct{})}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.current = s
	s.wg.Add(1)
	go s.recvLoop()
}

// Published only after the Add.
func (c *Client) publishAfterAdd() {
	s := &stream{done: make(chan struct{})}
	s.wg.Add(1)
	go s.recvLoop()
	c.mu.Lock()
	c.current = s
	c.mu.Unlock()
}

// Not yet published: a local that nothing else can see.
func notPublished() *stream {
	s := &stream{done: make(chan struct{})}
	s.wg.Add(1)
	go s.recvLoop()
	return s
}

// Stored into a local struct and a local map: still not visible to other goroutines.
func localStores() {
	s := &stream{done: make(chan struct{})}
	holder := struct{ s *stream }{}
	holder.s = s
	local := map[string]*stream{}
	local["a"] = s
	s.wg.Add(1)
	go s.recvLoop()
	_ = holder
}

// A value receiver's field is a copy: storing into it publishes nothing.
func (c Client) valueReceiver() {
	s := &stream{done: make(chan struct{})}
	c.current = s
	s.wg.Add(1)
	go s.recvLoop()
}

// A plain store with no lock in a function named for the lock its caller holds: that lock
// covers the Add as well.
func (c *Client) installLocked(s *stream) {
	c.current = s
	s.wg.Add(1)
	go s.recvLoop()
}

// install is installLocked by its doc comment: c.mu must be held.
func (c *Client) install(s *stream) {
	c.current = s
	s.wg.Add(1)
	go s.recvLoop()
}

// The name is declared again between the store and the Add: a different stream.
func (c *Client) shadowed() {
	s := &stream{done: make(chan struct{})}
	c.mu.Lock()
	c.current = s
	c.mu.Unlock()
	{
		s := &stream{done: make(chan struct{})}
		s.wg.Add(1)
		go s.recvLoop()
	}
}

// The variable is assigned a fresh stream after the store: the Add is on the new one.
func (c *Client) reassigned() {
	s := &stream{done: make(chan struct{})}
	c.mu.Lock()
	c.current = s
	c.mu.Unlock()
	s = &stream{done: make(chan struct{})}
	s.wg.Add(1)
	go s.recvLoop()
}

// The store is on a path that returns: the Add after it is not reached from there.
func (c *Client) storeThenReturn(share bool) {
	s := &stream{done: make(chan struct{})}
	if share {
		c.mu.Lock()
		c.current = s
		c.mu.Unlock()
		return
	}
	s.wg.Add(1)
	go s.recvLoop()
}

// Add on something that is not a WaitGroup (a counter with an Add method).
func (c *Client) notAWaitGroup(m *meter) {
	c.mu.Lock()
	latestMeter = m
	c.mu.Unlock()
	m.wg.Add(1)
}

var latestMeter *meter

// wg.Go counts the goroutine itself (Go 1.25).
func (c *Client) useGo() {
	s := &stream{done: make(chan struct{})}
	c.mu.Lock()
	c.current = s
	c.mu.Unlock()
	s.wg.Go(func() { <-s.done })
}

// The Add is in a func literal that runs some other time, not after the store.
func (c *Client) addInCallback() func() {
	s := &stream{done: make(chan struct{})}
	c.mu.Lock()
	c.current = s
	c.mu.Unlock()
	return func() {
		s.wg.Add(1)
		go s.recvLoop()
	}
}

// A field store of a different value: the receiver itself was not published.
func (c *Client) storeOther(w *sync.WaitGroup) {
	s := &stream{done: make(chan struct{})}
	c.mu.Lock()
	c.current = s
	c.mu.Unlock()
	w.Add(1)
	go func() {
		defer w.Done()
	}()
}

// Sent on a local channel that no goroutine has been handed yet.
func localChannel() *stream {
	queue := make(chan *stream, 1)
	s := &stream{done: make(chan struct{})}
	queue <- s
	s.wg.Add(1)
	go s.recvLoop()
	return <-queue
}

// From the standard library run (net/http/httptest): Add on an http.Header of a published
// value is not a WaitGroup.
func (c *Client) headerAdd(res *http.Response) {
	c.mu.Lock()
	lastResponse = res
	c.mu.Unlock()
	res.Trailer.Add("X-Done", "1")
}

var lastResponse *http.Response

// A WaitGroup field that nothing in the package waits on cannot race with a Wait.
type batch struct {
	pending sync.WaitGroup
}

func (c *Client) unwaited() {
	b := &batch{}
	registryMu.Lock()
	batches = append(batches, b)
	registryMu.Unlock()
	b.pending.Add(1)
	go func() { b.pending.Done() }()
}

var batches []*batch

// An atomic counter's Add after publishing is not a WaitGroup's.
type stats struct {
	opened atomic.Int64
}

var current *stats

func openStats() {
	st := &stats{}
	registryMu.Lock()
	current = st
	registryMu.Unlock()
	st.opened.Add(1)
}

// The only Wait on this WaitGroup is later in the same function, after the Add: nothing
// else waits on it, so publishing the task first races with nobody.
type task struct {
	steps sync.WaitGroup
}

var tasks []*task

func runTask() {
	t := &task{}
	registryMu.Lock()
	tasks = append(tasks, t)
	registryMu.Unlock()
	t.steps.Add(1)
	go func() {
		defer t.steps.Done()
	}()
	t.steps.Wait()
}

// The stream comes from a constructor, so its type is not spelled out, and in this package
// a field named wg is not always a WaitGroup (meter.wg is a counter): not judged.
func (c *Client) ambiguousField() {
	s := newStream()
	c.mu.Lock()
	c.current = s
	c.mu.Unlock()
	s.wg.Add(1)
	go s.recvLoop()
}

func newStream() *stream {
	return &stream{done: make(chan struct{})}
}

// Add with a negative delta after publishing lowers the counter, like Done.
func (c *Client) cancelOne(s *stream) {
	c.mu.Lock()
	c.current = s
	c.mu.Unlock()
	s.wg.Add(-1)
}
