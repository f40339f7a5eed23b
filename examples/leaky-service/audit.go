package main

import "sync"

// auditLog keeps a copy of every request "for auditing" and never trims it.
// This is the leak: in-use heap grows by about 10 KB per request, forever.
var auditLog struct {
	mu      sync.Mutex
	entries [][]byte
}

// recordRequest appends a 10 KB audit entry for one request and returns how
// many entries the log holds now.
func recordRequest(id string) int {
	entry := make([]byte, 10*1024) // leaked: referenced by auditLog until exit
	copy(entry, id)
	auditLog.mu.Lock()
	defer auditLog.mu.Unlock()
	auditLog.entries = append(auditLog.entries, entry)
	return len(auditLog.entries)
}
