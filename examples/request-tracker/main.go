// request-tracker replicates the service of the blog post pprof Lens grew from: every request is
// "tracked" by appending a 10,000-byte buffer made by bytes.Repeat to a slice that is never
// trimmed. `go tool pprof -top` blames bytes.Repeat (the allocating leaf, inlined into Track by
// recent compilers); the line that leaks is Track's append, which pprof Lens points at.
//
// net/http/pprof is registered on the default mux, so profiles are at /debug/pprof/. The service
// listens on loopback by default and stops by itself after -max-requests tracked requests or
// after -max-duration, whichever comes first.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	_ "net/http/pprof" // registers /debug/pprof/* on http.DefaultServeMux
	"os"
	"os/signal"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// RequestTracker keeps every request it has seen, as the blog post's service did.
type RequestTracker struct {
	mu       sync.Mutex
	requests [][]byte
}

// Track records one request. This is the leak: 10,000 bytes per request, kept forever.
func (rt *RequestTracker) Track(req *http.Request) {
	rt.mu.Lock()
	defer rt.mu.Unlock()
	rt.requests = append(rt.requests, bytes.Repeat([]byte("a"), 10000))
}

var tracker RequestTracker

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "listen address (use port 0 for any free port)")
	maxRequests := flag.Int64("max-requests", 0, "stop after this many tracked requests (0 = no limit)")
	maxDuration := flag.Duration("max-duration", 10*time.Minute, "stop after this long (0 = no limit)")
	flag.Parse()

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	// Printed on stdout so scripts can find the port when -addr ends in :0.
	fmt.Printf("listening on http://%s\n", ln.Addr())

	stop := make(chan string, 1)
	var served int64
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		tracker.Track(r)
		fmt.Fprintln(w, "tracked")
		if k := atomic.AddInt64(&served, 1); *maxRequests > 0 && k == *maxRequests {
			stop <- fmt.Sprintf("tracked %d requests", k)
		}
	})

	srv := &http.Server{ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Fatal(err)
		}
	}()

	var timeout <-chan time.Time
	if *maxDuration > 0 {
		timeout = time.After(*maxDuration)
	}
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	var reason string
	select {
	case reason = <-stop:
	case <-timeout:
		reason = fmt.Sprintf("ran for %v", *maxDuration)
	case s := <-sig:
		reason = "got " + s.String()
	}
	log.Printf("stopping: %s", reason)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		log.Printf("shutdown: %v", err)
	}
}
