// Package stdlib holds shapes found while judging findings on the Go standard library: each
// negative was a false positive once. Goroutines joined by another method of the package.
package stdlib

import "sync"

// worker is joined by stop(): the goroutine closes a done channel kept in a field.
type worker struct {
	err   error
	doneC chan struct{}
}

func (w *worker) start(run func() error) {
	w.doneC = make(chan struct{})
	go func() {
		w.err = run()
		close(w.doneC)
	}()
}

func (w *worker) stop() error {
	<-w.doneC
	return w.err
}

// bench: the callee signals in a defer, and the caller receives right after the go.
type bench struct {
	signal chan bool
	result int
}

func (b *bench) launch() {
	defer func() { b.signal <- true }()
	b.result = 42
}

func (b *bench) do() int {
	go b.launch()
	<-b.signal
	return b.result
}

// reader: the channel is published in a package variable after the go; stopReader waits on it.
var reader struct{ done <-chan struct{} }

func startReader(poll func() bool) {
	done := make(chan struct{}, 1)
	go func() {
		for poll() {
		}
		done <- struct{}{}
	}()
	reader.done = done
}

func stopReader() {
	<-reader.done
	reader.done = nil
}

// leaky looks like worker, but nothing in the package ever receives from its done channel.
type leaky struct {
	err  error
	done chan struct{}
}

func (l *leaky) start(run func() error) {
	l.done = make(chan struct{})
	go func() { // want "untracked goroutine: it uses the receiver \\(l.err\\)"
		l.err = run()
		close(l.done)
	}()
}

// pool's goroutines are joined by a WaitGroup field.
type pool struct {
	wg    sync.WaitGroup
	count int
}

func (p *pool) spawn() {
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		p.count++
	}()
}

// A semaphore filled to capacity after the loop waits for every goroutine holding a slot.
func sumAll(urls []string, get func(string) int) int {
	var mu sync.Mutex
	total := 0
	sem := make(chan struct{}, 4)
	for _, u := range urls {
		sem <- struct{}{}
		go func() {
			n := get(u)
			mu.Lock()
			total += n
			mu.Unlock()
			<-sem
		}()
	}
	for n := cap(sem); n > 0; n-- {
		sem <- struct{}{}
	}
	return total
}

// The same without the fill: the caller reads total while goroutines may still add to it.
func sumSome(urls []string, get func(string) int) int {
	var mu sync.Mutex
	total := 0
	sem := make(chan struct{}, 4)
	for _, u := range urls {
		sem <- struct{}{}
		go func() { // want "untracked goroutine: it assigns total, which the caller reads after starting it"
			n := get(u)
			mu.Lock()
			total += n
			mu.Unlock()
			<-sem
		}()
	}
	return total
}
