// Package audit is a small sample for `npm start`: the CLI reports the hazards in it.
package audit

import (
	"context"
	"database/sql"
	"sync"
)

// db is swapped by tests in t.Cleanup.
var db *sql.DB

// Audit writes an audit row in the background; nothing waits for the goroutine, so it can
// still read db while a test swaps it.
func Audit(ctx context.Context, user string) {
	go func() {
		_, _ = db.ExecContext(ctx, "INSERT INTO audit(user) VALUES (?)", user)
	}()
}

// Recorder counts events per user.
type Recorder struct {
	mu     sync.Mutex
	counts map[string]int
}

// Record updates the counts in a goroutine that outlives the call.
func (r *Recorder) Record(user string) {
	go r.bump(user)
}

func (r *Recorder) bump(user string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.counts[user]++
}

// Flush is joined: the caller waits for every goroutine it starts, so it is not reported.
func (r *Recorder) Flush(users []string) {
	var wg sync.WaitGroup
	for _, u := range users {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r.bump(u)
		}()
	}
	wg.Wait()
}
