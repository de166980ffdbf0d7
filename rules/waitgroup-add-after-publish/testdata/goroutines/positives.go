package goroutines

import (
	"log"
	"sync"
)

// Add after a deferred Done: not the first statement, so vet and SA2000 stay silent.
func addAfterDefer(jobs []func()) {
	var wg sync.WaitGroup
	for _, job := range jobs {
		go func() {
			defer wg.Done()
			wg.Add(1) // want "wg\\.Add runs inside the goroutine it counts"
			job()
		}()
	}
	wg.Wait()
}

// Add after some logging inside the goroutine, with a comment that moves along.
func addAfterLog(jobs []func()) {
	var wg sync.WaitGroup
	for i, job := range jobs {
		go func() {
			log.Printf("job %d", i)
			// Count this job.
			wg.Add(1) // want "wg\\.Add runs inside the goroutine it counts"
			defer wg.Done()
			job()
		}()
	}
	wg.Wait()
}

// The WaitGroup is the literal's parameter: the moved Add names the argument.
func addViaParam(job func()) {
	wg := new(sync.WaitGroup)
	go func(group *sync.WaitGroup) {
		defer group.Done()
		group.Add(1) // want "group\\.Add runs inside the goroutine it counts"
		job()
	}(wg)
	wg.Wait()
}

// Add inside a branch of the goroutine: reported, but not moved (it does not always run).
func addInBranch(job func(), counted bool) {
	var wg sync.WaitGroup
	go func() {
		defer wg.Done()
		if counted {
			wg.Add(1) // want "wg\\.Add runs inside the goroutine it counts"
		}
		job()
	}()
	wg.Wait()
}

// A same-package function started with the WaitGroup counts itself from inside.
func startWorker(n int) {
	var wg sync.WaitGroup
	go worker(&wg, n) // want "worker calls wg\\.Add inside the goroutine it counts"
	wg.Wait()
}

func worker(wg *sync.WaitGroup, n int) {
	wg.Add(1)
	defer wg.Done()
	_ = n
}

// A method started as a goroutine counts itself on its receiver's WaitGroup.
type server struct {
	wg sync.WaitGroup
}

func (s *server) serve() {
	s.wg.Add(1)
	defer s.wg.Done()
}

func (s *server) Start() {
	go s.serve() // want "server\\.serve calls s\\.wg\\.Add inside the goroutine it counts"
}

func (s *server) Shutdown() { s.wg.Wait() }

func (s *server) loop() {
	defer s.wg.Done()
}

// Add after go s.loop() whose body calls s.wg.Done.
func (s *server) StartLoop() {
	go s.loop()
	s.wg.Add(1) // want "s\\.wg\\.Add runs after the go statement"
}

var servers sync.Map

func newServer() *server { return &server{} }

// The server comes from a constructor: its type is not spelled out, but every field named wg
// in this package is a WaitGroup.
func register(name string) {
	srv := newServer()
	servers.Store(name, srv)
	srv.wg.Add(1) // want "srv\\.wg\\.Add runs after srv was published \\(see related\\) and no lock orders them"
	go srv.loop()
}

// The worker lives in another file of the package: reported here, with the Add as related
// information; the fix would have to edit both files, so none is offered.
func startRemote() {
	var wg sync.WaitGroup
	go remoteWorker(&wg) // want "remoteWorker calls wg\\.Add inside the goroutine it counts"
	wg.Wait()
}

// Add after the go statement whose goroutine calls Done.
func addAfterGo(job func()) {
	var wg sync.WaitGroup
	go func() {
		defer wg.Done()
		job()
	}()
	wg.Add(1) // want "wg\\.Add runs after the go statement whose goroutine calls wg\\.Done"
	wg.Wait()
}

// Add after a loop of go statements.
func addAfterLoop(jobs []func()) {
	var wg sync.WaitGroup
	for _, job := range jobs {
		go func() {
			defer wg.Done()
			job()
		}()
	}
	wg.Add(len(jobs)) // want "wg\\.Add runs after the go statement"
	wg.Wait()
}

// Add after the go in the same loop iteration.
func addAfterGoInLoop(jobs []func()) {
	var wg sync.WaitGroup
	for _, job := range jobs {
		go func() {
			defer wg.Done()
			job()
		}()
		wg.Add(1) // want "wg\\.Add runs after the go statement"
	}
	wg.Wait()
}

// Add after go worker(&wg) whose body calls Done.
func addAfterWorker() {
	var wg sync.WaitGroup
	go done(&wg)
	wg.Add(1) // want "wg\\.Add runs after the go statement"
	wg.Wait()
}

func done(wg *sync.WaitGroup) {
	defer wg.Done()
}

// A package-level WaitGroup declared in another file: the package waits on it.
func refresh() {
	go func() {
		defer background.Done()
	}()
	background.Add(1) // want "background\\.Add runs after the go statement"
}

// A func literal at package level is checked like a function.
var warmUp = sync.OnceFunc(func() {
	var wg sync.WaitGroup
	for range 4 {
		go func() {
			defer wg.Done()
		}()
		wg.Add(1) // want "wg\\.Add runs after the go statement"
	}
	wg.Wait()
})
