package main

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
)

// Two more leaks, on their own endpoints so that /work's numbers stay those of audit.go.
//
// /subscribe starts a subscription goroutine that waits for notifications on a channel nobody
// ever sends on or closes: one goroutine (and its stack) leaked per request, all blocked at
// listen's receive. /session keeps a per-session key built by strings.Repeat: the bytes are
// allocated inside the library helper, the line that leaks is remember's append.
func init() {
	http.HandleFunc("/subscribe", func(w http.ResponseWriter, r *http.Request) {
		n := subscribe(r.URL.Query().Get("topic"))
		fmt.Fprintf(w, "subscribed (%d listeners)\n", n)
	})
	http.HandleFunc("/session", func(w http.ResponseWriter, r *http.Request) {
		n := sessions.remember(r.URL.Query().Get("id"))
		fmt.Fprintf(w, "session %d\n", n)
	})
}

// subscribers counts the listeners started (they never stop).
var subscribers struct {
	mu sync.Mutex
	n  int
}

// subscribe starts a listener for a topic and returns how many were started.
func subscribe(topic string) int {
	updates := make(chan string) // never sent on, never closed: the leak
	go listen(topic, updates)
	subscribers.mu.Lock()
	defer subscribers.mu.Unlock()
	subscribers.n++
	return subscribers.n
}

// listen forwards a topic's updates until the channel is closed, which never happens.
func listen(topic string, updates <-chan string) {
	for u := range updates { // leaked goroutine: blocked here forever
		_ = topic + u
	}
}

// sessionStore keeps a key per session and never forgets one.
type sessionStore struct {
	mu   sync.Mutex
	keys []string
}

var sessions sessionStore

// remember stores an 8 KB key for a session and returns how many are kept.
func (s *sessionStore) remember(id string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.keys = append(s.keys, strings.Repeat(id+"-", 8192/(len(id)+1)+1)) // leaked: kept until exit
	return len(s.keys)
}
