package registry

// Lookup hands out a live service from the package-level map.
func Lookup(name string) *Service {
	mu.Lock()
	defer mu.Unlock()
	return services[name] // want "Lookup returns a live \\*Service from services\\[name\\], guarded by mu"
}

// Primary hands out the package-level pointer.
func Primary() *Service {
	mu.Lock()
	p := primary
	mu.Unlock()
	return p // want "Primary returns a live \\*Service from primary, read under mu, which is unlocked before it leaves"
}

// All hands out the package-level map itself.
func All() map[string]*Service {
	mu.Lock()
	defer mu.Unlock()
	return services // want "All hands out services \\(map\\[string\\]\\*Service\\), guarded by mu"
}

// Zones hands out the slice that SetZone writes in place.
func Zones() []string {
	mu.Lock()
	defer mu.Unlock()
	return zones // want "Zones returns the slice zones itself, guarded by mu"
}

// SetZone writes an element in place.
func SetZone(i int, z string) {
	mu.Lock()
	zones[i] = z
	mu.Unlock()
}

// Register stores a copy.
func Register(s Service) {
	mu.Lock()
	defer mu.Unlock()
	services[s.Name] = &s
}

// Worker hands out a handle.
func GetWorker(name string) *Worker {
	mu.Lock()
	defer mu.Unlock()
	return workers[name]
}

// Unguarded holds no lock.
func Unguarded(name string) *Service {
	return unguarded[name]
}

// Local shadows the package map with its own.
func Local(name string) *Service {
	mu.Lock()
	defer mu.Unlock()
	services := map[string]*Service{name: {Name: name}}
	return services[name]
}

// rootPool hands out a pool that is only replaced, never changed after publishing.
func rootPool() *pool {
	rootsMu.RLock()
	defer rootsMu.RUnlock()
	return roots
}

// setRoots builds a new pool, then publishes it.
func setRoots(certs []string) {
	p := &pool{}
	for _, c := range certs {
		p.add(c)
	}
	rootsMu.Lock()
	roots = p
	rootsMu.Unlock()
}
