// Small hand-made profiles for attribution tests: the blog post's leak (bytes.Repeat inlined into
// Track) and a goroutine leak (a subscription blocked in a channel receive).
import type { ProfileSpec } from './profileWriter';

// The blog post's leak: bytes.Repeat inlined into Track (one location, two lines), called from
// the HTTP handler; plus a sample that never leaves the runtime and one in user code itself.
const FUNCS: ProfileSpec['functions'] = [
  { id: 1, name: 'runtime.mallocgc', file: 'runtime/malloc.go' },
  { id: 2, name: 'runtime.makeslice', file: 'runtime/slice.go' },
  { id: 3, name: 'bytes.Repeat', file: 'bytes/bytes.go' },
  { id: 4, name: 'main.(*RequestTracker).Track', file: 'example.com/tracker/main.go' },
  { id: 5, name: 'main.handler', file: 'example.com/tracker/main.go' },
  { id: 6, name: 'net/http.HandlerFunc.ServeHTTP', file: 'net/http/server.go' },
  { id: 7, name: 'runtime.gcBgMarkWorker', file: 'runtime/mgc.go' },
  { id: 8, name: 'main.fib', file: 'example.com/tracker/fib.go' },
];
export const BLOG: ProfileSpec = {
  sampleTypes: [['alloc_space', 'bytes']],
  functions: FUNCS,
  locations: [
    { id: 1, lines: [[1, 1000]] },
    { id: 2, lines: [[2, 98]] },
    // bytes.Repeat (innermost) inlined into Track's append line.
    { id: 3, lines: [[3, 610], [4, 25]] },
    { id: 4, lines: [[5, 40]] },
    { id: 5, lines: [[6, 2136]] },
    { id: 6, lines: [[7, 1200]] },
    { id: 7, lines: [[8, 7]] },
    { id: 8, lines: [[8, 9]] },
  ],
  samples: [
    { locationIds: [1, 2, 3, 4, 5], values: [1000] },
    { locationIds: [2, 3, 4, 5], values: [300] },
    { locationIds: [1, 6], values: [50] },
    // Recursion: fib calls fib calls fib, allocating in the runtime.
    { locationIds: [1, 7, 8, 7, 8, 4, 5], values: [20] },
  ],
};

// A subscription goroutine blocked forever in a channel receive, started by `go n.listen()`.
export const GOROUTINES: ProfileSpec = {
  sampleTypes: [['goroutine', 'count']],
  functions: [
    { id: 1, name: 'runtime.gopark', file: 'runtime/proc.go' },
    { id: 2, name: 'runtime.chanrecv', file: 'runtime/chan.go' },
    { id: 3, name: 'runtime.chanrecv2', file: 'runtime/chan.go' },
    { id: 4, name: 'example.com/svc/notify.listen', file: 'example.com/svc/notify/notify.go' },
    { id: 5, name: 'runtime.selectgo', file: 'runtime/select.go' },
    { id: 6, name: 'net/http.(*conn).serve', file: 'net/http/server.go' },
    { id: 7, name: 'sync.runtime_SemacquireMutex', file: 'sync/sema.go' },
    { id: 8, name: 'sync.(*Mutex).lockSlow', file: 'sync/mutex.go' },
    { id: 9, name: 'sync.(*Mutex).Lock', file: 'sync/mutex.go' },
    { id: 10, name: 'example.com/svc/store.(*Store).Put', file: 'example.com/svc/store/store.go' },
  ],
  locations: [
    { id: 1, lines: [[1, 363]] },
    { id: 2, lines: [[2, 583]] },
    { id: 3, lines: [[3, 447]] },
    { id: 4, lines: [[4, 13]] },
    { id: 5, lines: [[5, 328]] },
    { id: 6, lines: [[6, 1991]] },
    { id: 7, lines: [[7, 77]] },
    // Lock inlined into Put: lockSlow is the call.
    { id: 8, lines: [[8, 171]] },
    { id: 9, lines: [[9, 90], [10, 21]] },
  ],
  samples: [
    { locationIds: [1, 2, 3, 4], values: [1200] },
    { locationIds: [1, 5, 6], values: [3] },
    { locationIds: [1, 7, 8, 9, 6], values: [4] },
  ],
};

