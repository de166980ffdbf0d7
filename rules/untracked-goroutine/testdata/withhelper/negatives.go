package withhelper

import (
	"log"
	"net"
	"net/http"
	"sync"
)

// Reload: the package helper is a function call, not a go statement.
func Reload(path string) {
	goAsync(func() {
		log.Printf("reloading %s", path)
	})
}

// Put: the method helper is a method call, not a go statement.
func (h *Handler) Put(key, value string) {
	h.goAsync(func() {
		h.mu.Lock()
		h.store[key] = value
		h.mu.Unlock()
	})
}

// Main: the listener is exempt for the life of the process.
func Main(addr string) {
	// goAsync-exempt: process lifetime; the server runs until the process exits.
	go http.ListenAndServe(addr, nil)
}

// HandleConn: exempt at the end of the line, connection-scoped.
func HandleConn(conn net.Conn) {
	go echo(conn) // goAsync-exempt: connection-scoped, ends when the peer hangs up
}

// Checksum: joined by a WaitGroup, so the opt-in does not apply.
func Checksum(parts [][]byte) []uint32 {
	sums := make([]uint32, len(parts))
	var wg sync.WaitGroup
	for i, p := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sums[i] = sum(p)
		}()
	}
	wg.Wait()
	return sums
}

// Resolve: the goroutine's result is received before returning.
func Resolve(host string) ([]string, error) {
	type result struct {
		addrs []string
		err   error
	}
	ch := make(chan result, 1)
	go func() {
		addrs, err := net.LookupHost(host)
		ch <- result{addrs, err}
	}()
	r := <-ch
	return r.addrs, r.err
}

// Shard: wg.Go is not a go statement.
func Shard(parts [][]byte) {
	var wg sync.WaitGroup
	for _, p := range parts {
		wg.Go(func() { _ = sum(p) })
	}
	wg.Wait()
}

func echo(conn net.Conn) {
	buf := make([]byte, 512)
	for {
		n, err := conn.Read(buf)
		if err != nil {
			return
		}
		if _, err := conn.Write(buf[:n]); err != nil {
			return
		}
	}
}

func sum(b []byte) uint32 {
	var s uint32
	for _, c := range b {
		s = s*31 + uint32(c)
	}
	return s
}
