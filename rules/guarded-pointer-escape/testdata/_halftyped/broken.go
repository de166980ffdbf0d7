package halftyped

import "sync"

type Thing struct {
	Name string
}

type Box struct {
	mu     sync.Mutex
	things map[string]*Thing
}

// Half-typed: judged only once it parses.
func (b *Box) Get(k string) *Thing {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.things[k
}

// Whole: still reported next to the broken one.
func (b *Box) First() *Thing {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, t := range b.things {
		return t // want "First returns a live \\*Thing from b.things"
	}
	return nil
}
