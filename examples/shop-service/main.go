// Command shop-service takes orders and writes its heap profile: the example of a service built
// somewhere else (a Docker image's /app, a Windows or macOS laptop) whose profile is read in a
// checkout with another folder name. Its repository has a second main.go (cmd/loadgen), so the
// file name alone does not say which one the profile means.
package main

import (
	"flag"
	"log"
	"os"
	"runtime"
	"runtime/pprof"

	"example.com/shop/internal/cache"
)

// orders keeps every order and receipts a copy of every receipt: the memory the heap profile
// shows in use.
var (
	orders   [][]byte
	receipts = cache.New()
)

func main() {
	out := flag.String("heap", "heap.pprof", "where to write the heap profile")
	n := flag.Int("orders", 2000, "how many orders to take")
	flag.Parse()
	// Every allocation below is larger than the rate, so every one is sampled.
	runtime.MemProfileRate = 4096
	for i := 0; i < *n; i++ {
		takeOrder(receipts, i)
	}
	runtime.GC()
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	if err := pprof.WriteHeapProfile(f); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}

// takeOrder records an order and caches its receipt.
func takeOrder(c *cache.Cache, id int) {
	order := make([]byte, 16<<10)
	orders = append(orders, order)
	c.Put(id, receipt(id))
}

func receipt(id int) []byte {
	var r [2 << 10]byte
	r[0] = byte(id)
	return r[:]
}
