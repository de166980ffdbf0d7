package store

import (
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// Session is plain data: the store's lock is all that guards it.
type Session struct {
	ID          string
	Team        string
	HealthState string
	Tags        []string
	Labels      map[string]string
	Created     time.Time
}

// Team is plain data too.
type Team struct {
	Name    string
	Members []string
}

// Config is held by value in the store.
type Config struct {
	Addr    string
	Retries int
	Hosts   []string
}

// Runner synchronizes itself: handing out *Runner is how it is used.
type Runner struct {
	mu    sync.Mutex
	state string
}

// Counter counts with an atomic.
type Counter struct {
	hits atomic.Int64
	name string
}

// Job has no lock field, but its methods lock.
type Job struct {
	id     string
	status string
}

var jobMu sync.Mutex

// SetStatus updates the job under the package's job lock.
func (j *Job) SetStatus(status string) {
	jobMu.Lock()
	defer jobMu.Unlock()
	j.status = status
}

// Conn is closed through a channel.
type Conn struct {
	addr   string
	closed chan struct{}
}

// Loader loads once.
type Loader struct {
	once sync.Once
	data []byte
}

// Snapshot holds values only.
type Snapshot struct {
	Count int
	Name  string
}

// Entry holds a struct that holds a lock by value: a copy of it would copy the lock.
type Entry struct {
	Name  string
	stats Stats
}

// Stats is guarded by its own mutex.
type Stats struct {
	mu sync.Mutex
	n  int
}

// Report points at plain data: a shallow copy would still share the Session.
type Report struct {
	Title string
	Owner *Session
}

// Empty has nothing to race on.
type Empty struct{}

// Store guards its maps with one RWMutex.
type Store struct {
	mu       sync.RWMutex
	sessions map[string]*Session
	teams    map[string]*Team
	byTeam   map[string][]*Session
	order    []*Session
	runners  map[string]*Runner
	counters map[string]*Counter
	jobs     map[string]*Job
	conns    map[string]*Conn
	loaders  map[string]*Loader
	cfg      Config
	current  *Config
	labels   map[string]string
	names    []string
	frozen   map[string]string
	history  []string
	values   map[string]Session
	entries  map[string]*Entry
	reports  map[string]*Report
	requests map[string]*http.Request
	empties  map[string]*Empty
	snap     Snapshot
	n        int
	drafts   map[string]*Draft
	events   map[string]*Event
	policies map[string]*Policy
}

// Cache embeds its mutex.
type Cache struct {
	sync.Mutex
	items map[string]*Session
}

// modIndex is built once and never written after it is published.
type modIndex struct {
	data    []byte
	version string
}

// Func is an object with identity: filled in once, then only read.
type Func struct {
	name string
	recv *Named
}

// Named expands its methods lazily under its lock.
type Named struct {
	mu      sync.Mutex
	methods []*Func
	indexes map[string]*modIndex
}
