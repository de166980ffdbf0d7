package stdlib

import (
	"testing"
	"testing/synctest"
)

// Inside a synctest bubble, synctest.Test waits for every goroutine and Wait orders them.
func TestBubble(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var got []int
		go func() {
			got = append(got, 1)
		}()
		synctest.Wait()
		if len(got) != 1 {
			t.Fatal(got)
		}
	})
}

// The same goroutine outside a bubble races with the read.
func TestNoBubble(t *testing.T) {
	var got []int
	go func() { // want "untracked goroutine: it assigns got"
		got = append(got, 1)
	}()
	if len(got) != 1 {
		t.Fatal(got)
	}
}
