package store_test

import (
	"encoding/json"
	"fmt"
	"sync"
	"testing"

	"example.com/race/guardedpointerescape/store"
)

// TestHealthWhileListing: a health controller sets the state of a session it got from Get
// while a handler marshals what List returned.
func TestHealthWhileListing(t *testing.T) {
	st := store.New()
	st.Put(store.Session{ID: "a", Tags: []string{"web"}})
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := 0; i < 100; i++ {
			if sess := st.Get("a"); sess != nil {
				sess.HealthState = fmt.Sprintf("probe-%d", i)
			}
		}
	}()
	go func() {
		defer wg.Done()
		for i := 0; i < 100; i++ {
			if _, err := json.Marshal(st.List()); err != nil {
				t.Error(err)
			}
		}
	}()
	wg.Wait()
}
