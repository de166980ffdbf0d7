package stdlib

import (
	"net"
	"os"
	"sync"
	"testing"
)

// testConfig is written only by runMain, which only TestMain calls: before any test starts.
var testConfig *config

type config struct{ name string }

func TestMain(m *testing.M) {
	code := runMain(m)
	<-results
	os.Exit(code)
}

func runMain(m *testing.M) int {
	testConfig = &config{name: "x"}
	return m.Run()
}

func TestHello(t *testing.T) {
	c, s := net.Pipe()
	defer s.Close()
	go func() {
		c.Write([]byte(testConfig.name))
		c.Close()
	}()
	buf := make([]byte, 1)
	s.Read(buf)
}

// srv is written once, under srvOnce; `go srv.accept(l)` evaluates srv in the caller.
var (
	srv     *server
	srvOnce sync.Once
)

type server struct{ mu sync.Mutex }

func (s *server) accept(l net.Listener) {
	for {
		if _, err := l.Accept(); err != nil {
			return
		}
	}
}

func startServer() {
	srv = &server{}
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	go srv.accept(l)
}

func ensureServer() { srvOnce.Do(startServer) }

// hits is written by a test helper that regular tests call too: it can race.
var hits int

func bump() { hits++ }

func TestBump(t *testing.T) {
	bump()
	go func() { // want "untracked goroutine: it reads package variable hits"
		_ = hits
	}()
}

// The local closure f shadows the package function f, which touches package state.
var x int

func f() { x++ }

func TestShadow(t *testing.T) {
	f := func() {}
	go f()
}

// Goroutines started by init live as long as the process.
var ticks int

func init() {
	go func() {
		for {
			ticks++
		}
	}()
}

// results is drained only by TestMain, after every test ran: that orders nothing with the
// tests, so the goroutine below is not joined by it.
var results = make(chan int, 1)

func TestSend(t *testing.T) {
	go func() { // want "untracked goroutine: it reads package variable hits"
		results <- hits
	}()
	bump()
}
