package client

import (
	"sync"
	"testing"
)

// Opens and closes concurrently, as the editor does when a workspace is reopened while the
// previous session shuts down. After Close returns, the loops it stopped must have finished.
func TestOpenCloseConcurrently(t *testing.T) {
	for i := 0; i < 2000; i++ {
		c := &Client{}
		var wg sync.WaitGroup
		wg.Add(2)
		go func() {
			defer wg.Done()
			c.StreamWorkspace()
		}()
		go func() {
			defer wg.Done()
			if n := c.Close(); n != 0 && n != 2 {
				t.Errorf("Close returned while %d of 2 loops still ran", 2-n)
			}
		}()
		wg.Wait()
		c.Close()
	}
}
