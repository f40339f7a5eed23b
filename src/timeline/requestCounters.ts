// Which counters count requests: the service's `*_total` metrics, the common HTTP ones first.
// Pure: no I/O.

/** Counters that are never request counters: the Go client's and Prometheus's own. */
const NOT_REQUESTS = /^(go_|process_|promhttp_|prometheus_|scrape_|net_conntrack_)/;

/** The request counters of the common instrumentation libraries, most common first. */
export const COMMON_REQUEST_COUNTERS: readonly string[] = [
  'http_requests_total',
  'http_server_requests_total',
  'http_server_request_duration_seconds_count',
  'http_request_duration_seconds_count',
  'grpc_server_handled_total',
  'requests_total',
];

/**
 * rankRequestCounters orders metric names for a "request counter" pick: the common HTTP ones
 * first (in COMMON_REQUEST_COUNTERS order), then other `*_total` names mentioning requests,
 * then the remaining `*_total` names alphabetically. Runtime and Prometheus-internal counters
 * are left out.
 */
export function rankRequestCounters(names: Iterable<string>): string[] {
  const all = [...new Set(names)].filter((n) => !NOT_REQUESTS.test(n) && (n.endsWith('_total') || COMMON_REQUEST_COUNTERS.includes(n)));
  const rank = (n: string) => {
    const k = COMMON_REQUEST_COUNTERS.indexOf(n);
    if (k >= 0) return k;
    return /request/.test(n) ? 100 : 200;
  };
  return all.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}
