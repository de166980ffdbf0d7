package nohelper

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"sync"
	"time"
)

// LoadAll: each goroutine writes the receiver, but wg.Add before and a deferred Done join it.
func (c *Cache) LoadAll(keys []string) {
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, err := c.loader(k)
			if err != nil {
				return
			}
			c.mu.Lock()
			c.entries[k] = v
			c.mu.Unlock()
		}()
	}
	wg.Wait()
}

// FlushStats: Done is called at the end instead of deferred; still joined by Wait.
func FlushStats() int {
	var wg sync.WaitGroup
	var n int
	wg.Add(1)
	go func() {
		n = requestCount
		requestCount = 0
		wg.Done()
	}()
	wg.Wait()
	return n
}

// FetchAll: errgroup's g.Go is not a go statement, and g.Wait joins it.
func FetchAll(ctx context.Context, ids []int) error {
	var g Group
	for _, id := range ids {
		g.Go(func() error {
			_, err := db.ExecContext(ctx, "UPDATE users SET seen = 1 WHERE id = ?", id)
			return err
		})
	}
	return g.Wait()
}

// Broadcast: wg.Go is not a go statement, and wg.Wait joins it.
func (s *Server) Broadcast(msg string) {
	var wg sync.WaitGroup
	s.mu.Lock()
	for _, sess := range s.sessions {
		wg.Go(func() { sess.Send(msg) })
	}
	s.mu.Unlock()
	wg.Wait()
}

// Rescan: the goroutine closes done and the caller receives from it before returning.
func (w *Watcher) Rescan() {
	done := make(chan struct{})
	go func() {
		defer close(done)
		w.scan()
	}()
	<-done
}

// Lookup: the goroutine sends its result and the caller receives it.
func Lookup(ctx context.Context, id int) (string, error) {
	type result struct {
		name string
		err  error
	}
	ch := make(chan result, 1)
	go func() {
		var name string
		err := db.QueryRowContext(ctx, "SELECT name FROM users WHERE id = ?", id).Scan(&name)
		ch <- result{name, err}
	}()
	r := <-ch
	return r.name, r.err
}

// Ping: the caller receives the goroutine's result in a select case (`case v := <-ch:`).
func Ping(ctx context.Context) error {
	errc := make(chan error, 1)
	go func() {
		errc <- db.PingContext(ctx)
	}()
	select {
	case err := <-errc:
		return err
	case <-time.After(2 * time.Second):
		return errors.New("ping timed out")
	}
}

// Stop: the goroutine closes stopped and the caller waits in a select case (`case <-ch:`).
func (s *Server) Stop() error {
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		close(s.quit)
		s.mu.Lock()
		s.sessions = nil
		s.mu.Unlock()
	}()
	select {
	case <-stopped:
		return nil
	case <-time.After(gracePeriod):
		return errors.New("stop timed out")
	}
}

// SessionIDs: a pipeline; the goroutine closes the channel the function returns, and the
// caller ranges over it.
func (s *Server) SessionIDs() <-chan string {
	ch := make(chan string)
	go func() {
		defer close(ch)
		s.mu.Lock()
		defer s.mu.Unlock()
		for id := range s.sessions {
			ch <- id
		}
	}()
	return ch
}

// RunJobs: runJob reads db, but it gets &wg and the caller waits on it.
func RunJobs(ctx context.Context, jobs []Job) {
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Add(1)
		go runJob(ctx, &wg, j)
	}
	wg.Wait()
}

// ProbeAll: probe writes the receiver's map, but it gets errs and the caller receives once per
// goroutine.
func (p *Pool) ProbeAll(addrs []string) []error {
	errs := make(chan error, len(addrs))
	for _, addr := range addrs {
		go p.probe(addr, errs)
	}
	var failed []error
	for range addrs {
		if err := <-errs; err != nil {
			failed = append(failed, err)
		}
	}
	return failed
}

// Proxy: io.Copy touches only the function's parameters.
func Proxy(dst io.Writer, src io.Reader) {
	go io.Copy(dst, src)
}

// ServeDebug: the listener touches only a parameter; its lifetime is the process's.
func ServeDebug(addr string) {
	go http.ListenAndServe(addr, nil)
}

// Hello: the goroutine touches nothing but a constant string.
func Hello() {
	go func() { fmt.Println("hi") }()
}

// Notify: body is captured but assigned only before the go statement.
func Notify(url string, payload []byte) {
	body := bytes.NewReader(payload)
	go func() {
		resp, err := http.Post(url, "application/json", body)
		if err != nil {
			log.Printf("notify %s: %v", url, err)
			return
		}
		_ = resp.Body.Close()
	}()
}

// Greet: msg is used after the go statement, but only read on both sides.
func Greet(name string) string {
	msg := "hello " + name
	go func() { log.Print(msg) }()
	return msg
}

// DrainLater: the goroutine reads a package constant, which cannot race.
func DrainLater(conns []io.Closer) {
	go func() {
		time.Sleep(gracePeriod)
		for _, c := range conns {
			_ = c.Close()
		}
	}()
}

// LogListen: a goroutine in a method that does not touch the receiver.
func (s *Server) LogListen(addr string) {
	go func() { log.Printf("listening on %s", addr) }()
}
