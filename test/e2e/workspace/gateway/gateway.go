// Package gateway is what the e2e suite opens for stop-before-swap: one hazard.
package gateway

import (
	"net/http"
	"sync"
)

// Gateway keeps one server per network; every request looks its server up.
type Gateway struct {
	mu      sync.Mutex
	servers map[string]*http.Server
}

// Server is the lookup every request makes.
func (g *Gateway) Server(network string) *http.Server {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.servers[network]
}

// Reload replaces the network's server with one for the new handler.
func (g *Gateway) Reload(network string, h http.Handler) {
	g.mu.Lock()
	if old, ok := g.servers[network]; ok {
		old.Close()
	}
	srv := &http.Server{Handler: h}
	g.servers[network] = srv
	g.mu.Unlock()
}
