package main

import (
	"crypto/sha256"
	"encoding/hex"
)

// pageSize is how many bytes renderChecksum renders per request. It is a
// variable, not a constant, so the page lives on the heap as a real
// variable-size buffer would (a constant-size one would go on the stack).
var pageSize = 32 * 1024

// renderChecksum does real CPU work with a page buffer that is garbage as soon
// as the request ends. It is churn, not a leak: it dominates alloc_space but
// hardly shows in inuse_space after a GC.
func renderChecksum(n int) string {
	page := make([]byte, pageSize) // churn: garbage once the request ends
	for i := range page {
		page[i] = byte(i * n)
	}
	h := sha256.New()
	for i := 0; i < 8; i++ {
		h.Write(page)
	}
	return hex.EncodeToString(h.Sum(nil))
}
