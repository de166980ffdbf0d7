package store

import (
	"os"
	"testing"
)

func TestHandle(t *testing.T) {
	old := db
	db = &DB{name: "test"}
	t.Cleanup(func() {
		waitForBackground()
		db = old
	})
	if got := Handle("ann"); got != "hello ann" {
		t.Fatalf("Handle = %q", got)
	}
}

func TestMain(m *testing.M) {
	code := m.Run()
	// Make sure the audit goroutine ran before the process exits, so the race (if any) is seen.
	<-audited
	os.Exit(code)
}
