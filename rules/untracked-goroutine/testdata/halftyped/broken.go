// Package halftyped is code being typed: syntax errors must not crash the rule or hide the one
// well-formed positive, and must not produce findings of their own.
package halftyped

import (
	"log"
	"sync"
	"time"
)

// lastSeen is written by Touch's goroutine and read by Seen.
var lastSeen time.Time

// Seen reads lastSeen.
func Seen() time.Time { return lastSeen }

// Store is a small in-memory store.
type Store struct {
	mu    sync.Mutex
	items map[string]string
}

// Flush is missing the closing brace of its if; its goroutine is joined by wg.
func (s *Store) Flush() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		s.mu.Lock()
		s.items = map[string]string{}
		s.mu.Unlock()
	}()
	if len(s.items) > 0 {
		log.Print("flushing")
	wg.Wait()
}

// Touch is well formed: its goroutine writes package variable lastSeen and nothing waits for it.
// Flush's missing brace makes tree-sitter read Touch as part of an ERROR node, so it is reported
// but not fixed: a fix applied inside a recovered region can parse worse than before.
func Touch() {
	go func() { // want "untracked goroutine"
		lastSeen = time.Now()
	}()
}

// Poll is half typed (the call is not finished); its goroutine touches only locals and a parameter.
func Poll(ch <-chan int) {
	go func() {
		for v := range ch {
			log.Print(v
		}
	}()
}

// Watch is unfinished at the end of the file; its goroutine touches only a parameter.
func Watch(dir string) {
	go func() {
		log.Printf("watching %s", dir)
