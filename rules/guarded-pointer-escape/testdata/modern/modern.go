package modern

import (
	"maps"
	"slices"
	"sync"
)

// Item has a slice and a map field: the copy clones both with the standard library.
type Item struct {
	Key   string
	Tags  []string
	Attrs map[string]int
}

type Index struct {
	mu    sync.RWMutex
	items map[string]*Item
	keys  []string
	attrs map[string]int
}

// Item hands out a live item.
func (x *Index) Item(key string) *Item {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return x.items[key] // want "Item returns a live \\*Item from x.items\\[key\\]"
}

// Items hands out the live map of pointers.
func (x *Index) Items() map[string]*Item {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return x.items // want "Items hands out x.items \\(map\\[string\\]\\*Item\\)"
}

// Attrs hands out the map Set writes in place.
func (x *Index) Attrs() map[string]int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return x.attrs // want "Attrs returns the map x.attrs itself"
}

// Set writes in place.
func (x *Index) Set(k string, v int) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.attrs[k] = v
	slices.Sort(x.keys)
	_ = maps.Clone(x.attrs)
}
