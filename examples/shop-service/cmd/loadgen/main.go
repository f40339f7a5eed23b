// Command loadgen sends orders to a shop service: the repository's other main.go, never in the
// service's profile.
package main

import (
	"flag"
	"fmt"
	"net/http"
	"time"
)

func main() {
	url := flag.String("url", "http://127.0.0.1:8080/order", "the shop's order endpoint")
	n := flag.Int("n", 100, "orders to send")
	flag.Parse()
	client := &http.Client{Timeout: 5 * time.Second}
	for i := 0; i < *n; i++ {
		resp, err := client.Post(*url, "text/plain", nil)
		if err != nil {
			fmt.Println(err)
			continue
		}
		resp.Body.Close()
	}
}
