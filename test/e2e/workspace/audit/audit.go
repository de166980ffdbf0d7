// Package audit is what the e2e suite opens for untracked-goroutine, and types a hazard into.
package audit

import (
	"context"
	"database/sql"
	"sync"
)

// db is swapped by tests in t.Cleanup.
var db *sql.DB

// asyncWG counts the goroutines started with goAsync; tests wait for it in t.Cleanup.
var asyncWG sync.WaitGroup

// goAsync runs fn in a goroutine that asyncWG tracks.
func goAsync(fn func()) {
	asyncWG.Add(1)
	go func() {
		defer asyncWG.Done()
		fn()
	}()
}

// Audit writes an audit row in the background; nothing waits for it.
func Audit(ctx context.Context, user string) {
	go func() {
		_, _ = db.ExecContext(ctx, "INSERT INTO audit(user) VALUES (?)", user)
	}()
}
