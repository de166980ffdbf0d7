package halftyped

import (
	"log"
	"sync"
	"time"
)

// Options uses pointer fields for optional settings, which Go 1.26's new(expr) fills in one step.
type Options struct {
	Timeout *time.Duration
	Retries *int
}

// Client applies Options in the background.
type Client struct {
	mu   sync.Mutex
	opts Options
}

// Configure: new(expr) parses with ERROR nodes today; the goroutine is joined by a done channel.
func (c *Client) Configure(d time.Duration) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		c.mu.Lock()
		c.opts.Timeout = new(d * 2)
		c.mu.Unlock()
	}()
	<-done
}

// Defaults: new(expr) before the go statement; the goroutine is joined by a WaitGroup.
func (c *Client) Defaults() {
	retries := new(int64(3))
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		c.mu.Lock()
		c.opts.Retries = new(int(*retries))
		c.mu.Unlock()
	}()
	wg.Wait()
}

// Describe: new(expr) next to a goroutine that touches only its own locals.
func Describe(name string) *string {
	label := new("client " + name)
	go func() {
		log.Printf("described %s", name)
	}()
	return label
}
