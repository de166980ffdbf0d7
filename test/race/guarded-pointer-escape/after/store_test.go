package store_test

import (
	"encoding/json"
	"fmt"
	"sync"
	"testing"

	"example.com/race/guardedpointerescape/store"
)

// TestHealthWhileListing: the health controller writes through UpdateSession while a handler
// marshals the copies List returned.
func TestHealthWhileListing(t *testing.T) {
	st := store.New()
	st.Put(store.Session{ID: "a", Tags: []string{"web"}})
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := 0; i < 100; i++ {
			err := st.UpdateSession("a", func(sess *store.Session) error {
				sess.HealthState = fmt.Sprintf("probe-%d", i)
				return nil
			})
			if err != nil {
				t.Error(err)
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
	if got := st.Get("a"); got == nil || got.HealthState != "probe-99" {
		t.Fatalf("Get(a) = %+v, want HealthState probe-99", got)
	}
}
