// The flame graph goldens: each case is a leaky fixture, an optional -diff_base, and pprof's web
// UI parameters (si = sample_index, f = focus, i = ignore, h = hide, s = show, tf = tagfocus,
// ti = tagignore). test/support/makeFlameGoldens.ts captures pprof's output for each.

/** One golden case; `name` is the file name under test/golden/flame without `.json`. */
export interface FlameCase {
  name: string;
  file: string;
  diffBase?: string;
  params: Record<string, string>;
}

/** Every flame golden. */
export const FLAME_CASES: FlameCase[] = [
  { name: 'cpu', file: 'cpu.pprof', params: {} },
  { name: 'heap3.inuse_space', file: 'heap.3.pprof', params: {} },
  { name: 'heap3.alloc_space', file: 'heap.3.pprof', params: { si: 'alloc_space' } },
  { name: 'heap3.alloc_objects', file: 'heap.3.pprof', params: { si: 'alloc_objects' } },
  { name: 'cpu.focus', file: 'cpu.pprof', params: { f: 'ServeHTTP' } },
  { name: 'cpu.ignore', file: 'cpu.pprof', params: { i: 'runtime\\.' } },
  { name: 'cpu.hide', file: 'cpu.pprof', params: { h: 'runtime\\.|syscall' } },
  { name: 'cpu.show', file: 'cpu.pprof', params: { s: 'main\\.|http' } },
  { name: 'heap3.tagfocus', file: 'heap.3.pprof', params: { si: 'alloc_space', tf: 'bytes=8kb:' } },
  { name: 'heap3.diff0', file: 'heap.3.pprof', diffBase: 'heap.0.pprof', params: {} },
  { name: 'heap3.diff0.alloc_objects', file: 'heap.3.pprof', diffBase: 'heap.0.pprof', params: { si: 'alloc_objects' } },
  { name: 'allocs', file: 'allocs.pprof', params: { si: 'alloc_space' } },
  { name: 'goroutine', file: 'goroutine.pprof', params: {} },
];
