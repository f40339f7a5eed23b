//go:build prometheus

// /metrics through Go's real Prometheus client: the go_memstats_*, go_goroutines
// and process_* series it exports by default, and http_requests_total for the
// routes main.go wraps with instrument. The client is not a module dependency:
// build in GOPATH mode against Debian's golang-github-prometheus-client-golang-dev:
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go build -tags prometheus .
package main

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// requests counts served requests by route, status code and method.
var requests = promauto.NewCounterVec(prometheus.CounterOpts{
	Name: "http_requests_total",
	Help: "HTTP requests served, by route, status code and method.",
}, []string{"handler", "code", "method"})

func init() {
	instrument = func(route string, h http.Handler) http.Handler {
		return promhttp.InstrumentHandlerCounter(requests.MustCurryWith(prometheus.Labels{"handler": route}), h)
	}
	http.Handle("/metrics", promhttp.Handler())
}
