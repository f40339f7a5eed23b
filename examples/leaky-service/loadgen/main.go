// loadgen sends a bounded number of requests to leaky-service at a given rate
// and exits. It never runs longer than -timeout.
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	url := flag.String("url", "http://127.0.0.1:8080/work", "target URL")
	n := flag.Int("n", 100, "number of requests to send")
	rate := flag.Float64("rate", 0, "requests per second overall (0 = as fast as possible)")
	concurrency := flag.Int("c", 4, "concurrent clients")
	timeout := flag.Duration("timeout", 2*time.Minute, "give up after this long")
	flag.Parse()

	var tick <-chan time.Time
	if *rate > 0 {
		t := time.NewTicker(time.Duration(float64(time.Second) / *rate))
		defer t.Stop()
		tick = t.C
	}
	deadline := time.Now().Add(*timeout)
	client := &http.Client{
		Timeout:   30 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: *concurrency},
	}

	var next, ok, failed int64
	var wg sync.WaitGroup
	start := time.Now()
	for i := 0; i < *concurrency; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(deadline) {
				if tick != nil {
					<-tick
				}
				k := atomic.AddInt64(&next, 1)
				if k > int64(*n) {
					return
				}
				resp, err := client.Get(fmt.Sprintf("%s?id=req-%d", *url, k))
				if err != nil {
					atomic.AddInt64(&failed, 1)
					continue
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode == http.StatusOK {
					atomic.AddInt64(&ok, 1)
				} else {
					atomic.AddInt64(&failed, 1)
				}
			}
		}()
	}
	wg.Wait()
	log.SetFlags(0)
	log.Printf("loadgen: %d ok, %d failed in %v", ok, failed, time.Since(start).Round(time.Millisecond))
	if failed > 0 || ok < int64(*n) {
		os.Exit(1)
	}
}
