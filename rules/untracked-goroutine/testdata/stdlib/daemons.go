package stdlib

import (
	"sync"
	"sync/atomic"
)

// Goroutines started once per process: inside once.Do, or from a function only main calls.
var (
	watchOnce sync.Once
	watched   int
	updates   int
)

func startWatcher() {
	watchOnce.Do(func() {
		go func() {
			for {
				watched++
			}
		}()
	})
}

func main() {
	enableUpdates()
}

func enableUpdates() {
	go func() {
		for {
			updates++
		}
	}()
}

// The stop flag is only touched through sync/atomic: no plain write races with the goroutine.
func spin() {
	var stop uint32
	go func() {
		for atomic.LoadUint32(&stop) == 0 {
		}
	}()
	atomic.StoreUint32(&stop, 1)
}

// The caller writes m.Err after the go; the goroutine only reads m.Name.
type module struct {
	Name string
	Err  error
}

func download(mods []*module, fetch func(string) error, sem chan struct{}) {
	for _, m := range mods {
		if m.Name == "" {
			m.Err = fetch("")
			continue
		}
		sem <- struct{}{}
		go func() {
			defer func() { <-sem }()
			_ = fetch(m.Name)
		}()
	}
}

// The result channel is handed to the goroutine and also stored where wait receives it.
type cmd struct {
	result chan error
	state  int
}

func (c *cmd) watch(resultc chan error) {
	c.state++
	resultc <- nil
}

func (c *cmd) start() {
	resultc := make(chan error)
	c.result = resultc
	go c.watch(resultc)
}

func (c *cmd) wait() error {
	return <-c.result
}
