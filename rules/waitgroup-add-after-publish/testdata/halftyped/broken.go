package halftyped

import "sync"

type stream struct {
	wg   sync.WaitGroup
	done chan struct{}
}

func (s *stream) loop() {
	defer s.wg.Done()
	<-s.done
}

func (s *stream) Wait() { s.wg.Wait() }

type Client struct {
	mu      sync.Mutex
	current *stream
}

// Being typed: the Add has no closing parenthesis yet.
func (c *Client) typing() {
	s := &stream{}
	c.mu.Lock()
	c.current = s
	c.mu.Unlock()
	s.wg.Add(
	go s.loop()
}

// Being typed: the store has no value yet.
func (c *Client) typingStore() {
	s := &stream{}
	c.mu.Lock()
	c.current =
	c.mu.Unlock()
	s.wg.Add(1)
	go s.loop()
}

// Go 1.26's new(expr) parses with errors today; the rest of the function is still judged.
func (c *Client) newExpr() {
	s := &stream{done: make(chan struct{})}
	n := new(2)
	c.mu.Lock()
	c.current = s
	c.mu.Unlock()
	s.wg.Add(*n) // want "s\\.wg\\.Add runs after s was published"
	go s.loop()
}

// A complete function after the broken ones is still checked.
func (c *Client) complete() {
	s := &stream{}
	c.mu.Lock()
	c.current = s
	c.mu.Unlock()
	s.wg.Add(1) // want "s\\.wg\\.Add runs after s was published"
	go s.loop()
}
