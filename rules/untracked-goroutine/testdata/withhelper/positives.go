package withhelper

import (
	"log"
	"net/http"
	"strings"
	"time"
)

// Warm: the goroutine touches only locals, but the package has a helper, so it is reported.
func Warm(keys []string) {
	start := time.Now()
	go func() { // want "untracked goroutine"
		log.Printf("warmed %d keys in %v", len(keys), time.Since(start))
	}()
}

// Welcome: go f(x, y) with plain identifiers; the wrap can use them as they are.
func Welcome(to, subject string) {
	go sendEmail(to, subject) // want "untracked goroutine"
}

// Deployed: a non-trivial argument must be evaluated at the go statement, so the fix binds it first.
func Deployed(service string) {
	go notify(strings.ToUpper(service), "deployed") // want "untracked goroutine"
}

// StartWorkers: a literal with parameters, given the loop variable.
func StartWorkers(n int, jobs <-chan string) {
	for i := range n {
		go func(id int) { // want "untracked goroutine"
			for j := range jobs {
				log.Printf("worker %d: %s", id, j)
			}
		}(i)
	}
}

// ServeHTTP: inside a Handler method, the fix wraps in h.goAsync rather than the package goAsync.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	key := r.URL.Query().Get("key")
	go func() { // want "untracked goroutine"
		log.Printf("served %s", key)
	}()
	w.WriteHeader(http.StatusOK)
}

// Mailer has no helper method of its own: its goroutines go through the package goAsync.
type Mailer struct {
	From string
}

// Send: go recv.m(args) in a method of a type without a goAsync method.
func (m *Mailer) Send(to string) {
	go m.deliver(to) // want "untracked goroutine"
}

func (m *Mailer) deliver(to string) {
	log.Printf("mail from %s to %s", m.From, to)
}

func sendEmail(to, subject string) {
	log.Printf("mail to %s: %s", to, subject)
}

func notify(service, event string) {
	log.Printf("%s %s", service, event)
}
