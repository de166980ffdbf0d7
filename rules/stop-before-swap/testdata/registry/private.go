package registry

import (
	"bufio"
	"io"
	"net/http"
	"sync"
)

// From net/http/httputil's ServerConn: the previous body is taken out under the lock and
// closed outside it, and the next request's body is stored later. Only Read touches
// lastbody, so no other function can look into the gap.
type ServerConn struct {
	mu       sync.Mutex
	r        *bufio.Reader
	lastbody io.ReadCloser
	re       error
}

func (sc *ServerConn) Read() (*http.Request, error) {
	sc.mu.Lock()
	r := sc.r
	lastbody := sc.lastbody
	sc.lastbody = nil
	sc.mu.Unlock()
	if lastbody != nil {
		if err := lastbody.Close(); err != nil {
			sc.mu.Lock()
			defer sc.mu.Unlock()
			sc.re = err
			return nil, err
		}
	}
	req, err := http.ReadRequest(r)
	if err != nil {
		return nil, err
	}
	sc.mu.Lock()
	sc.lastbody = req.Body
	sc.mu.Unlock()
	return req, nil
}
