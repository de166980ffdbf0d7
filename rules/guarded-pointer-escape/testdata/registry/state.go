package registry

import "sync"

// Service is plain data.
type Service struct {
	Name  string
	Addrs []string
}

// Worker is a handle with its own lock.
type Worker struct {
	mu   sync.Mutex
	busy bool
}

var (
	mu       sync.Mutex
	services = map[string]*Service{}
	workers  = make(map[string]*Worker)
	primary  *Service
	zones    []string
)

// unguarded is read without any lock in this package.
var unguarded = map[string]*Service{}

// pool is mutable while it is built, then published and only read (as crypto/x509's system roots).
type pool struct {
	certs []string
}

func (p *pool) add(c string) { p.certs = append(p.certs, c) }

var (
	rootsMu sync.RWMutex
	roots   *pool
)
