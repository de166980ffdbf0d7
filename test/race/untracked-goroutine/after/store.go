// Package store reproduces the first incident: a request handler starts a bare goroutine
// that reads the package-level DB handle, while a test swaps that handle back in t.Cleanup.
package store

import "sync"

// DB stands in for a database handle.
type DB struct {
	name string
}

// Name reports which database this is.
func (d *DB) Name() string { return d.name }

var db = &DB{name: "prod"}

// audited receives the database each audit used; TestMain drains it.
var audited = make(chan string, 16)

var asyncWG sync.WaitGroup

// goAsync runs fn in a goroutine that tests and shutdown wait for with waitForBackground.
func goAsync(fn func()) {
	asyncWG.Add(1)
	go func() {
		defer asyncWG.Done()
		fn()
	}()
}

func waitForBackground() { asyncWG.Wait() }

// Handle greets a user and audits the visit in the background.
func Handle(user string) string {
	goAsync(func() { audit(user) })
	return "hello " + user
}

func audit(user string) {
	audited <- db.Name() + ":" + user
}
