// Deterministic generator of big Go-heap-shaped profiles for the benchmark: the shape of
// /debug/pprof/heap (4 sample types, period_type space/bytes, a numeric `bytes` label per
// sample, default sample type unset), realistic Go function names and files, stacks 10-60
// frames deep that share prefixes (request paths), some inlined frames. One (samples, seed)
// always gives the same bytes. `node --import tsx bench/generate.ts [samples...]`.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { F, ProtoWriter } from '../test/support/profileWriter';

/** Where generated profiles go (git-ignored). */
export const OUT_DIR = path.join(__dirname, 'out');

/** The benchmark's profiles: name → sample count. */
export const PROFILES: Record<string, number> = { 'heap-300k': 300_000, 'heap-1500k': 1_500_000 };

/** mulberry32, as the tests use. */
class Rng {
  constructor(private state: number) {}
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  /** Skewed toward small indices (a few hot paths, a long tail), in [0, n). */
  zipf(n: number): number {
    return Math.min(n - 1, Math.floor(n * Math.pow(this.next(), 2.5)));
  }
  pick<T>(a: readonly T[]): T {
    return a[Math.floor(this.next() * a.length)];
  }
}

const STD = ['runtime', 'net/http', 'encoding/json', 'bufio', 'bytes', 'strings', 'fmt', 'sync', 'context', 'io',
  'compress/gzip', 'crypto/tls', 'database/sql', 'reflect', 'sort', 'strconv', 'time', 'os', 'regexp',
  'text/template', 'math/big', 'net', 'internal/poll', 'log', 'unicode/utf8', 'container/heap', 'encoding/binary'];
const MODULE_PKGS = ['cache', 'cart', 'catalog', 'checkout', 'db', 'auth', 'search', 'api', 'metrics', 'queue',
  'pricing', 'inventory', 'session', 'render', 'events'].map((p) => `github.com/acme/shop/internal/${p}`);
const DEPS: Array<[pkg: string, version: string]> = [
  ['google.golang.org/grpc', 'v1.56.2'], ['google.golang.org/protobuf/proto', 'v1.31.0'],
  ['github.com/prometheus/client_golang/prometheus', 'v1.16.0'], ['go.uber.org/zap', 'v1.24.0'],
  ['github.com/jackc/pgx/v5', 'v5.4.1'], ['github.com/redis/go-redis/v9', 'v9.0.5'], ['gopkg.in/yaml.v3', 'v3.0.1'],
  ['github.com/gorilla/mux', 'v1.8.0'], ['github.com/!burnt!sushi/toml', 'v1.3.2'],
];
const TYPES = ['Server', 'Client', 'conn', 'Decoder', 'Encoder', 'Buffer', 'Builder', 'Pool', 'Cache', 'LRU', 'Store',
  'Handler', 'Router', 'Tx', 'Rows', 'Stmt', 'Session', 'Queue', 'Worker', 'Registry', 'Histogram', 'Logger',
  'Reader', 'Writer', 'state', 'entry', 'shard', 'batch'];
const METHODS = ['Serve', 'ServeHTTP', 'Get', 'Put', 'Set', 'Lookup', 'Decode', 'Encode', 'Marshal', 'Unmarshal',
  'Write', 'Read', 'Flush', 'Handle', 'Process', 'Run', 'Exec', 'Query', 'Scan', 'Next', 'Close', 'Add', 'Observe',
  'Load', 'Store', 'parse', 'grow', 'alloc', 'newEntry', 'fill', 'copyBuffer', 'readLoop', 'writeLoop', 'apply'];
/** Allocation leaves: what Go heap stacks end with (leaf first). */
const ALLOC_LEAVES = [['runtime.mallocgc', 'runtime.newobject'], ['runtime.mallocgc', 'runtime.makeslice'],
  ['runtime.mallocgc', 'runtime.growslice'], ['runtime.mallocgc', 'runtime.makemap_small'],
  ['runtime.mallocgc', 'runtime.rawstringtmp', 'runtime.concatstrings'], ['runtime.mallocgc', 'runtime.newarray', 'runtime.makemap'],
  ['runtime.mallocgc', 'runtime.convTstring'], ['runtime.mallocgc', 'runtime.slicebytetostring']];
/** Go's malloc size classes (a subset), for the `bytes` label. */
const SIZE_CLASSES = [8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256, 288, 320, 352,
  384, 416, 448, 480, 512, 576, 640, 704, 768, 896, 1024, 1152, 1280, 1408, 1536, 1792, 2048, 2304, 2688, 3072, 3200,
  3456, 4096, 4864, 5376, 6144, 6528, 6784, 6912, 8192, 9472, 9728, 10240, 10880, 12288, 13568, 14336, 16384, 18432,
  19072, 20480, 21760, 24576, 27264, 28672, 32768];

interface Func {
  name: string;
  file: string;
  startLine: number;
  /** Dense ids of this function's locations (call sites); the first is where it allocates. */
  locs: number[];
  callees: number[];
}

/** The go-heap profile with `samples` samples, as raw profile.proto bytes. */
export function generateHeapProfile(samples: number, seed = 1): Uint8Array {
  const rng = new Rng(seed);
  const strings = new Map<string, number>([['', 0]]);
  const str = (s: string): number => {
    let i = strings.get(s);
    if (i === undefined) strings.set(s, (i = strings.size));
    return i;
  };

  // 1. Functions with realistic names and files; count grows slowly with the profile size.
  const nFuncs = Math.round(2000 + 6 * Math.sqrt(samples) * 2);
  const funcs: Func[] = [];
  const byName = new Map<string, number>();
  const addFunc = (name: string, file: string): number => {
    const known = byName.get(name);
    if (known !== undefined) return known;
    const id = funcs.length;
    funcs.push({ name, file, startLine: rng.int(10, 900), locs: [], callees: [] });
    byName.set(name, id);
    return id;
  };
  for (const chain of ALLOC_LEAVES) for (const n of chain) addFunc(n, `/usr/local/go/src/runtime/${n === 'runtime.mallocgc' ? 'malloc' : 'slice'}.go`);
  const roots = [addFunc('runtime.goexit', '/usr/local/go/src/runtime/asm_amd64.s'), addFunc('runtime.main', '/usr/local/go/src/runtime/proc.go')];
  while (funcs.length < nFuncs) {
    const kind = rng.int(0, 9);
    const type = rng.pick(TYPES);
    const method = rng.pick(METHODS);
    const form = rng.int(0, 9);
    const sym = form < 5 ? `(*${type}).${method}` : form < 7 ? `${type}.${method}` : form < 9 ? `${method}${rng.pick(TYPES)}` : `(*${type}).${method}.func${rng.int(1, 4)}`;
    if (kind < 4) {
      const pkg = rng.pick(STD);
      addFunc(`${pkg}.${sym}`, `/usr/local/go/src/${pkg}/${type.toLowerCase()}.go`);
    } else if (kind < 7) {
      const pkg = rng.pick(MODULE_PKGS);
      addFunc(`${pkg}.${sym}`, `/home/runner/work/shop/shop/${pkg.slice('github.com/acme/shop/'.length)}/${type.toLowerCase()}.go`);
    } else {
      const [pkg, version] = rng.pick(DEPS);
      const modRoot = pkg.split('/').slice(0, 3).join('/');
      addFunc(`${pkg.replace(/!(\w)/g, (_, c: string) => c.toUpperCase())}.${sym}`, `/home/runner/go/pkg/mod/${modRoot}@${version}${pkg.slice(modRoot.length)}/${type.toLowerCase()}.go`);
    }
  }

  // 2. A call graph (a few callees each, some recursion) and 1-3 call sites per function.
  for (const f of funcs) {
    const n = rng.int(2, 6);
    for (let i = 0; i < n; i++) f.callees.push(rng.int(roots.length + 20, funcs.length - 1));
  }
  let nLocs = 0;
  for (const f of funcs) {
    const sites = rng.int(1, 3);
    for (let i = 0; i < sites; i++) f.locs.push(nLocs++);
  }
  // About one location in eight has an inlined callee (two lines: inlined first, as in Go).
  const inlined = new Int32Array(nLocs).fill(-1);
  for (let l = 0; l < nLocs; l++) if (rng.next() < 0.125) inlined[l] = rng.int(roots.length + 20, funcs.length - 1);
  const locFunc = new Int32Array(nLocs);
  funcs.forEach((f, i) => f.locs.forEach((l) => (locFunc[l] = i)));

  // 3. Request paths: shared prefixes (root first) that samples extend.
  const nPaths = Math.max(200, Math.round(samples / 150));
  const paths: number[][] = [];
  for (let p = 0; p < nPaths; p++) {
    const depth = rng.int(6, 36);
    const frames = [rng.pick(roots)];
    while (frames.length < depth) frames.push(rng.pick(funcs[frames[frames.length - 1]].callees));
    paths.push(frames);
  }

  // 4. Samples, written as we go: location ids (leaf first), 4 values, the bytes label.
  const w = new ProtoWriter();
  for (const [t, u] of [['alloc_objects', 'count'], ['alloc_space', 'bytes'], ['inuse_objects', 'count'], ['inuse_space', 'bytes']]) {
    w.messageField(F.sampleType, (m) => m.varintField(1, str(t)).varintField(2, str(u)));
  }
  const bytesKey = str('bytes');
  if (bytesKey >= 0x80) throw new Error('the label key index must fit in one byte');
  const sample = new ProtoWriter();
  const stack: number[] = [];
  const locIds = new Float64Array(64);
  const values = [0, 0, 0, 0];
  for (let s = 0; s < samples; s++) {
    const prefix = paths[rng.zipf(paths.length)];
    const target = rng.int(10, 60);
    const leaf = rng.pick(ALLOC_LEAVES);
    stack.length = 0;
    stack.push(...prefix.slice(0, Math.max(1, Math.min(prefix.length, target - leaf.length - 1))));
    while (stack.length < target - leaf.length) stack.push(rng.pick(funcs[stack[stack.length - 1]].callees));
    // The call site in each caller depends on the callee, so equal stacks share locations.
    let n = 0;
    for (let k = leaf.length - 1; k >= 0; k--) locIds[leaf.length - 1 - k] = funcs[byName.get(leaf[k]) as number].locs[0] + 1;
    n = leaf.length;
    for (let k = stack.length - 1; k >= 0; k--) {
      const f = funcs[stack[k]];
      const callee = k === stack.length - 1 ? 0 : stack[k + 1];
      locIds[n++] = f.locs[callee % f.locs.length] + 1;
    }
    const size = SIZE_CLASSES[rng.zipf(SIZE_CLASSES.length)];
    const allocObjects = 1 + rng.zipf(2000);
    const inuseObjects = rng.next() < 0.6 ? 0 : rng.int(0, allocObjects);
    values[0] = allocObjects;
    values[1] = allocObjects * size;
    values[2] = inuseObjects;
    values[3] = inuseObjects * size;
    sample.reset().packedField(1, locIds, n).packedField(2, values);
    // The label message: key (tag + 1-byte index) and num (tag + varint).
    sample.tag(3, 2).uvarint(2 + 1 + varintLen(size)).varintField(1, bytesKey).varintField(3, size);
    w.bytesField(F.sample, sample.bytes());
  }

  // 5. One mapping (the binary), locations with addresses, functions, then the header fields.
  w.messageField(F.mapping, (m) => m.varintField(1, 1).varintField(2, 0x400000).varintField(3, 0x400000 + nLocs * 64 + 0x1000)
    .varintField(5, str('/app/shop')).varintField(6, str('5f1b6a2e9c0d4e8fa3b7c6d5e4f30201'))
    .varintField(7, 1).varintField(8, 1).varintField(9, 1).varintField(10, 1));
  for (let l = 0; l < nLocs; l++) {
    const f = funcs[locFunc[l]];
    w.messageField(F.location, (m) => {
      m.varintField(1, l + 1).varintField(2, 1).varintField(3, 0x401000 + l * 64 + (l % 7) * 4);
      const line = f.startLine + 1 + (l % 40);
      if (inlined[l] >= 0) {
        const g = funcs[inlined[l]];
        m.messageField(4, (ln) => ln.varintField(1, inlined[l] + 1).varintField(2, g.startLine + 2));
      }
      m.messageField(4, (ln) => ln.varintField(1, locFunc[l] + 1).varintField(2, line));
    });
  }
  funcs.forEach((f, i) => {
    w.messageField(F.function, (m) => m.varintField(1, i + 1).varintField(2, str(f.name)).varintField(3, str(f.name))
      .varintField(4, str(f.file)).varintField(5, f.startLine));
  });
  const spaceX = str('space');
  const bytesX = str('bytes');
  w.messageField(F.periodType, (m) => m.varintField(1, spaceX).varintField(2, bytesX));
  w.varintField(F.period, 524288);
  w.varintField(F.timeNanos, 1_700_000_000_000_000_000 / 1); // exact enough: only a header line
  for (const s of strings.keys()) w.stringField(F.stringTable, s);
  return w.bytes().slice();
}

function varintLen(n: number): number {
  let len = 1;
  while (n >= 0x80) {
    n = Math.floor(n / 0x80);
    len++;
  }
  return len;
}

/** Writes bench/out/<name>.pb.gz and returns its path, raw size and the raw bytes' sha256. */
export function writeProfile(name: string, samples: number): { file: string; rawBytes: number; sha256: string } {
  const raw = generateHeapProfile(samples);
  mkdirSync(OUT_DIR, { recursive: true });
  const file = path.join(OUT_DIR, `${name}.pb.gz`);
  writeFileSync(file, gzipSync(raw, { level: 6 }));
  return { file, rawBytes: raw.length, sha256: createHash('sha256').update(raw).digest('hex') };
}

if (require.main === module) {
  const wanted = process.argv.slice(2);
  for (const [name, samples] of Object.entries(PROFILES)) {
    if (wanted.length > 0 && !wanted.includes(name)) continue;
    const t = performance.now();
    const r = writeProfile(name, samples);
    console.log(`${r.file}: ${samples} samples, ${(r.rawBytes / 1e6).toFixed(1)} MB raw, sha256 ${r.sha256.slice(0, 16)}, ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
}
