// leaky-service is a small HTTP service with a classic memory leak: every
// request to /work appends a 10 KB buffer to a package-level slice that is
// never trimmed (see audit.go). It also does per-request work whose garbage
// is freed (see render.go), so profiles can tell leak from churn.
//
// net/http/pprof is registered on the default mux, so profiles are at
// /debug/pprof/. Built with -tags prometheus (see metrics.go) it also serves
// /metrics through Go's Prometheus client, with a request counter. The service stops by itself after -max-requests requests to
// /work or after -max-duration, whichever comes first.
package main

import (
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
	"sync/atomic"
	"syscall"
	"time"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "listen address (use port 0 for any free port)")
	maxRequests := flag.Int64("max-requests", 0, "stop after this many /work requests (0 = no limit)")
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
	http.Handle("/work", instrument("/work", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := recordRequest(r.URL.Query().Get("id"))
		fmt.Fprintf(w, "request %d checksum %s\n", n, renderChecksum(n))
		if k := atomic.AddInt64(&served, 1); *maxRequests > 0 && k == *maxRequests {
			stop <- fmt.Sprintf("served %d requests", k)
		}
	})))

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
