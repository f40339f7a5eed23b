// Deterministic generator of random but valid profile.proto files, for differential tests against
// `go tool pprof`. One seed always gives the same bytes. The shapes follow real Go profiles (cpu,
// heap, block, goroutine) plus free-form ones, and deliberately include what decoders and reports
// get wrong: inlined frames, recursion, unsymbolized addresses, duplicate stacks, zero, negative
// and large values, labels, sparse ids, unpacked repeated fields and interleaved top-level fields.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as $protobuf from 'protobufjs/minimal';

/** Knobs for randomProfile; every field is optional and the defaults give the full variety. */
export interface RandomProfileOptions {
  /** Most samples (default 400; at least 1 is generated). */
  maxSamples?: number;
  /** Most functions (default 60; at least 5 are generated). */
  maxFunctions?: number;
  /** Deepest stack (default 30). */
  maxDepth?: number;
  /** Largest |value| of free-form sample types (default 1e12). */
  maxValue?: number;
  /** Allow negative values, as diff profiles have (default true). */
  negativeValues?: boolean;
  /**
   * Probability that drop_frames (sometimes with keep_frames) is set (default 0): pprof prunes
   * stacks with it when loading, so reports change.
   */
  dropFramesRate?: number;
  /**
   * Encoding variations only a decoder sees (default true): unpacked location_id/value, top-level
   * fields interleaved out of order, sparse and shuffled ids (up to 2^40), explicit zero fields,
   * duplicate and unused strings.
   */
  encodingVariety?: boolean;
}

/**
 * randomProfile returns the raw (not gzipped) profile.proto bytes of a random profile that
 * `go tool pprof` accepts. It is a pure function of (seed, opts).
 */
export function randomProfile(seed: number, opts: RandomProfileOptions = {}): Uint8Array {
  return encode(generate(new Rng(seed), opts));
}

/** writeProfileFile writes profile bytes to path (creating directories), gzipped if asked. */
export function writeProfileFile(path: string, bytes: Uint8Array, gzip = false): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, gzip ? gzipSync(bytes) : bytes);
}

// ---------------------------------------------------------------------------------------------
// Random numbers

/** A seeded PRNG (mulberry32) with the helpers the generator needs. */
class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  /** Integer in [lo, hi], skewed toward lo (small values are more common). */
  skewed(lo: number, hi: number): number {
    const u = this.next();
    return lo + Math.floor(u * u * (hi - lo + 1));
  }
  /** A value spread over orders of magnitude, in [0, max]. */
  magnitude(max: number): number {
    return Math.min(max, Math.floor(Math.pow(10, this.next() * Math.log10(max + 1))));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  shuffle<T>(xs: T[]): T[] {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [xs[i], xs[j]] = [xs[j], xs[i]];
    }
    return xs;
  }
}

// ---------------------------------------------------------------------------------------------
// The generated model (strings, not indexes; ids already assigned)

interface GenValueType {
  type: string;
  unit: string;
}
interface GenFunction {
  id: number;
  name: string;
  systemName: string;
  filename: string;
  startLine: number;
}
interface GenMapping {
  id: number;
  start: bigint;
  limit: bigint;
  offset: bigint;
  file: string;
  buildId: string;
  hasFunctions: boolean;
  hasFilenames: boolean;
  hasLineNumbers: boolean;
  hasInlineFrames: boolean;
}
interface GenLine {
  functionId: number;
  line: number;
}
interface GenLocation {
  id: number;
  mappingId: number;
  address: bigint;
  lines: GenLine[];
  isFolded: boolean;
}
interface GenLabel {
  key: string;
  str?: string;
  num?: number;
  numUnit?: string;
}
interface GenSample {
  locationIds: number[];
  values: number[];
  labels: GenLabel[];
}
interface GenProfile {
  sampleTypes: GenValueType[];
  samples: GenSample[];
  mappings: GenMapping[];
  locations: GenLocation[];
  functions: GenFunction[];
  dropFrames: string;
  keepFrames: string;
  timeNanos: bigint;
  durationNanos: number;
  periodType: GenValueType | undefined;
  period: number;
  comments: string[];
  defaultSampleType: string;
  // Encoding choices.
  packed: boolean;
  interleave: boolean;
  explicitZeros: boolean;
  extraStrings: boolean;
}

// ---------------------------------------------------------------------------------------------
// Generation

type Kind = 'cpu' | 'heap' | 'block' | 'goroutine' | 'custom';

const customTypes: readonly GenValueType[] = [
  { type: 'samples', unit: 'count' },
  { type: 'cpu', unit: 'nanoseconds' },
  { type: 'wall', unit: 'milliseconds' },
  { type: 'alloc_space', unit: 'bytes' },
  { type: 'alloc_objects', unit: 'count' },
  { type: 'inuse_objects', unit: 'count' },
  { type: 'inuse_space', unit: 'kilobytes' },
  { type: 'contentions', unit: 'count' },
  { type: 'delay', unit: 'nanoseconds' },
  { type: 'requests', unit: 'count' },
  { type: 'latency', unit: 'microseconds' },
  { type: 'lock_wait', unit: 'seconds' },
  { type: 'resident', unit: 'megabytes' },
  { type: 'events', unit: '' },
  { type: 'goroutine', unit: 'count' },
];

interface Pkg {
  /** Import path as it appears in symbol names (last element's dots escaped as %2e). */
  sym: string;
  /** Directory of its source files. */
  dir: string;
  files: string[];
}

const goroot = ['/usr/local/go/src', '/usr/lib/go-1.21/src', '/opt/homebrew/Cellar/go/1.21.5/libexec/src'];

function packages(rng: Rng): Pkg[] {
  const root = rng.pick(goroot);
  const repo = rng.pick(['/home/runner/work/shop/shop', '/build/src/github.com/acme/shop', 'example.com/shop', '/vagrant_data/go/src/github.com/acme/shop']);
  const modcache = rng.pick(['/root/go/pkg/mod', '/Users/dev/go/pkg/mod', '/home/dev/go/pkg/mod']);
  return [
    { sym: 'main', dir: repo, files: ['main.go', 'server.go', 'handlers.go'] },
    { sym: 'github.com/acme/shop/internal/cart', dir: `${repo}/internal/cart`, files: ['cart.go', 'pricing.go'] },
    { sym: 'github.com/acme/shop/pkg/cache', dir: `${repo}/pkg/cache`, files: ['lru.go'] },
    { sym: 'runtime', dir: `${root}/runtime`, files: ['proc.go', 'malloc.go', 'mgc.go', 'asm_amd64.s', 'chan.go'] },
    { sym: 'net/http', dir: `${root}/net/http`, files: ['server.go', 'transport.go'] },
    { sym: 'encoding/json', dir: `${root}/encoding/json`, files: ['encode.go', 'decode.go'] },
    { sym: 'sync', dir: `${root}/sync`, files: ['mutex.go', 'pool.go'] },
    { sym: 'google.golang.org/grpc', dir: `${modcache}/google.golang.org/grpc@v1.59.0`, files: ['server.go', 'stream.go'] },
    { sym: 'gopkg.in/yaml%2ev3', dir: `${modcache}/gopkg.in/yaml.v3@v3.0.1`, files: ['decode.go', 'yaml.go'] },
    { sym: 'github.com/Azure/azure-sdk-for-go/sdk/azcore', dir: `${modcache}/github.com/!azure/azure-sdk-for-go/sdk/azcore@v1.9.0`, files: ['core.go'] },
    { sym: 'github.com/acme/shop/vendor/github.com/pkg/errors', dir: `${repo}/vendor/github.com/pkg/errors`, files: ['errors.go'] },
  ];
}

const typeNames = ['Server', 'conn', 'Cart', 'LRU', 'decoder', 'Pool', 'Mutex', 'serverHandler', 'Stream'];
const funcNames = ['Serve', 'handle', 'Get', 'Put', 'Unmarshal', 'mallocgc', 'schedule', 'Lock', 'evict', 'compute', 'ServeHTTP', 'readRequest', 'growslice', 'Total', 'marshal', 'recv'];

/** A Go-like symbol name: functions, methods on pointer and value receivers, closures, generics. */
function goName(rng: Rng, pkg: Pkg): string {
  const fn = rng.pick(funcNames);
  const t = rng.pick(typeNames);
  let name: string;
  switch (rng.int(0, 7)) {
    case 0:
    case 1:
      name = `${pkg.sym}.${fn}`;
      break;
    case 2:
    case 3:
      name = `${pkg.sym}.(*${t}).${fn}`;
      break;
    case 4:
      name = `${pkg.sym}.${t}.${fn}`;
      break;
    case 5:
      name = `${pkg.sym}.${fn}.func${rng.int(1, 3)}`;
      break;
    case 6:
      name = `${pkg.sym}.(*${t}).${fn}.func${rng.int(1, 2)}.${rng.int(1, 2)}`;
      break;
    default:
      name = rng.chance(0.5) ? `${pkg.sym}.${fn}[...]` : `${pkg.sym}.(*${t}[...]).${fn}`;
  }
  return name;
}

const cNames: readonly [string, string][] = [
  ['__libc_start_main', '__libc_start_main'],
  ['std::vector<int>::push_back', '_ZNSt6vectorIiSaIiEE9push_backEOi'],
  ['crosscall2', 'crosscall2'],
];

function genFunctions(rng: Rng, n: number): GenFunction[] {
  const pkgs = packages(rng);
  const fns: GenFunction[] = [];
  const seen = new Set<string>();
  // Real Go profiles nearly always have these roots; include them so stacks look real.
  const roots: [string, string, string][] = [
    ['runtime.goexit', 'runtime', 'asm_amd64.s'],
    ['main.main', 'main', 'main.go'],
    ['runtime.main', 'runtime', 'proc.go'],
  ];
  for (const [name, sym, file] of roots) {
    const pkg = pkgs.find((p) => p.sym === sym) ?? pkgs[0];
    fns.push({ id: 0, name, systemName: name, filename: `${pkg.dir}/${file}`, startLine: rng.int(1, 400) });
    seen.add(name);
  }
  while (fns.length < n) {
    if (fns.length > 5 && rng.chance(0.03)) {
      // Same name and file under another id, as merged profiles have.
      const twin = rng.pick(fns);
      fns.push({ ...twin, id: 0, startLine: rng.chance(0.5) ? twin.startLine : rng.int(1, 3000) });
      continue;
    }
    if (rng.chance(0.03)) {
      const [name, systemName] = rng.pick(cNames);
      if (seen.has(name)) continue;
      seen.add(name);
      fns.push({ id: 0, name, systemName, filename: rng.chance(0.5) ? '' : '/usr/src/glibc/csu/libc-start.c', startLine: 0 });
      continue;
    }
    const pkg = rng.pick(pkgs);
    const name = goName(rng, pkg);
    if (seen.has(name)) continue;
    seen.add(name);
    fns.push({ id: 0, name, systemName: name, filename: `${pkg.dir}/${rng.pick(pkg.files)}`, startLine: rng.chance(0.05) ? 0 : rng.int(1, 3000) });
  }
  return fns;
}

/** Ids for n objects: 1..n in order, or (with encoding variety) sparse, huge or shuffled. */
function genIds(rng: Rng, n: number, variety: boolean): number[] {
  if (!variety || rng.chance(0.6)) return Array.from({ length: n }, (_, i) => i + 1);
  const ids = new Set<number>();
  const max = rng.pick([n * 3, 1_000_000, 2 ** 40]);
  while (ids.size < n) ids.add(rng.int(1, max));
  const out = [...ids];
  return rng.chance(0.5) ? out.sort((a, b) => a - b) : out;
}

function hex(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += '0123456789abcdef'[rng.int(0, 15)];
  return s;
}

function genMappings(rng: Rng, ids: () => number): GenMapping[] {
  const maps: GenMapping[] = [];
  const main = rng.pick(['/srv/shop/bin/shop-api', '/usr/local/bin/orders', '/tmp/go-build1234/b001/exe/server', '/app/server']);
  const buildId = rng.pick(['', hex(rng, 40), `${hex(rng, 20)}/${hex(rng, 20)}`]);
  const start = BigInt(rng.pick([0x400000, 0x401000, 0x55d0c0a00000]));
  maps.push({
    id: ids(),
    start,
    limit: start + BigInt(rng.int(1, 64) * 0x100000),
    offset: rng.chance(0.7) ? 0n : 0x1000n,
    file: main,
    buildId,
    hasFunctions: rng.chance(0.9),
    hasFilenames: rng.chance(0.8),
    hasLineNumbers: rng.chance(0.8),
    hasInlineFrames: rng.chance(0.7),
  });
  const extra: [string, bigint][] = [
    ['/opt/shop/lib/libcrypto.so.3', 0x7f3a1c000000n],
    ['[vdso]', 0x7ffd5e3f0000n],
    ['/opt/shop/lib/libfake-2.31.so', 0x7f3a20000000n],
  ];
  if (rng.chance(0.1)) extra.push(['[kernel.kallsyms]_text', 0xffffffff81000000n]); // above 2^53
  for (const [file, s] of extra) {
    if (!rng.chance(0.5)) continue;
    maps.push({
      id: ids(),
      start: s,
      limit: s + BigInt(rng.int(1, 16) * 0x10000),
      offset: BigInt(rng.int(0, 4) * 0x1000),
      file,
      buildId: rng.chance(0.5) ? hex(rng, 40) : '',
      hasFunctions: rng.chance(0.3),
      hasFilenames: false,
      hasLineNumbers: false,
      hasInlineFrames: false,
    });
  }
  return maps;
}

function randomAddress(rng: Rng, m: GenMapping): bigint {
  const span = Number(m.limit - m.start);
  return m.start + BigInt(rng.int(0, span - 1));
}

function genLocations(rng: Rng, fns: GenFunction[], maps: GenMapping[], ids: () => number): GenLocation[] {
  const locs: GenLocation[] = [];
  const n = rng.int(fns.length, Math.ceil(fns.length * 2));
  // Every function gets at least one location (so all are reachable); then extra lines and inlining.
  for (let i = 0; i < n; i++) {
    const leaf = i < fns.length ? fns[i] : rng.pick(fns);
    const lines: GenLine[] = [{ functionId: leaf.id, line: leaf.startLine + rng.skewed(0, 150) }];
    if (rng.chance(0.2)) {
      // Inlined: line[0] is the innermost frame, the last entry the physical caller.
      const depth = rng.int(1, 2);
      for (let d = 0; d < depth; d++) {
        const caller = rng.pick(fns);
        lines.push({ functionId: caller.id, line: caller.startLine + rng.skewed(0, 150) });
      }
    }
    if (rng.chance(0.02)) lines[0].line = 0; // unknown line number
    const m = maps.length > 0 ? maps[0] : undefined;
    locs.push({
      id: ids(),
      mappingId: m ? m.id : 0,
      address: m ? randomAddress(rng, m) : rng.chance(0.5) ? BigInt(rng.int(0x401000, 0x9fffff)) : 0n,
      lines,
      isFolded: rng.chance(0.01),
    });
  }
  // Unsymbolized frames: an address and a mapping, no lines.
  const unsymbolized = maps.length > 0 && rng.chance(0.4) ? rng.int(1, 4) : 0;
  for (let i = 0; i < unsymbolized; i++) {
    const m = rng.pick(maps);
    locs.push({ id: ids(), mappingId: m.id, address: randomAddress(rng, m), lines: [], isFolded: false });
  }
  return locs;
}

interface KindSpec {
  sampleTypes: GenValueType[];
  periodType: GenValueType;
  period: number;
}

function kindSpec(rng: Rng, kind: Kind): KindSpec {
  switch (kind) {
    case 'cpu':
      return { sampleTypes: [{ type: 'samples', unit: 'count' }, { type: 'cpu', unit: 'nanoseconds' }], periodType: { type: 'cpu', unit: 'nanoseconds' }, period: 10_000_000 };
    case 'heap':
      return {
        sampleTypes: [
          { type: 'alloc_objects', unit: 'count' },
          { type: 'alloc_space', unit: 'bytes' },
          { type: 'inuse_objects', unit: 'count' },
          { type: 'inuse_space', unit: 'bytes' },
        ],
        periodType: { type: 'space', unit: 'bytes' },
        period: 524_288,
      };
    case 'block':
      return { sampleTypes: [{ type: 'contentions', unit: 'count' }, { type: 'delay', unit: 'nanoseconds' }], periodType: { type: 'contentions', unit: 'count' }, period: 1 };
    case 'goroutine':
      return { sampleTypes: [{ type: 'goroutine', unit: 'count' }], periodType: { type: 'goroutine', unit: 'count' }, period: 1 };
    case 'custom': {
      const types = rng.shuffle([...customTypes]).slice(0, rng.int(1, 4));
      const pt = rng.pick(types);
      return { sampleTypes: types, periodType: pt, period: rng.pick([1, 100, 10_000_000, 524_288]) };
    }
  }
}

/** A random value for one sample type, by its unit. */
function customValue(rng: Rng, vt: GenValueType, maxValue: number): number {
  if (rng.chance(0.08)) return 0;
  switch (vt.unit) {
    case 'count':
      return rng.chance(0.9) ? rng.skewed(1, 1000) : rng.magnitude(Math.min(maxValue, 1e9));
    case 'nanoseconds':
      return rng.chance(0.5) ? rng.int(1, 100) * 10_000_000 : rng.magnitude(maxValue);
    default:
      return rng.magnitude(maxValue);
  }
}

const heapSizes = [8, 16, 32, 48, 64, 128, 256, 512, 1024, 4096, 10240, 32768, 1 << 20];

function genValues(rng: Rng, kind: Kind, types: GenValueType[], maxValue: number): { values: number[]; size: number } {
  switch (kind) {
    case 'cpu': {
      const n = rng.skewed(1, 200);
      return { values: [n, n * 10_000_000], size: 0 };
    }
    case 'heap': {
      const size = rng.pick(heapSizes);
      const objects = Math.max(1, Math.min(rng.skewed(1, 5000) * (rng.chance(0.1) ? 1000 : 1), Math.floor(maxValue / size)));
      const inuse = rng.chance(0.3) ? 0 : rng.int(0, objects);
      return { values: [objects, objects * size, inuse, inuse * size], size };
    }
    case 'block': {
      const n = rng.skewed(1, 10_000);
      return { values: [n, n * rng.int(100, 5_000_000)], size: 0 };
    }
    case 'goroutine':
      return { values: [rng.skewed(1, 100)], size: 0 };
    case 'custom':
      return { values: types.map((t) => customValue(rng, t, maxValue)), size: 0 };
  }
}

const strKeys: readonly [string, readonly string[]][] = [
  ['goroutine', ['1', '17', '42', '1033']],
  ['handler', ['/api/cart', '/api/orders', '/healthz', 'grpc.Checkout']],
  ['region', ['us-east-1', 'eu-west-1']],
  ['tenant', ['acme', 'globex', 'initech']],
];
const numKeys: readonly [string, string, number][] = [
  ['bytes', 'bytes', 1 << 20],
  ['request_size', 'bytes', 1e9],
  ['latency', 'ms', 5000],
  ['retries', '', 5],
];

function genLabels(rng: Rng, kind: Kind, size: number, schema: { str: number; num: number }): GenLabel[] {
  const labels: GenLabel[] = [];
  if (kind === 'heap' && size > 0 && schema.num > 0) {
    // Like Go heap profiles: a numeric `bytes` label, usually without a unit.
    labels.push(rng.chance(0.7) ? { key: 'bytes', num: size } : { key: 'bytes', num: size, numUnit: 'bytes' });
  }
  for (let i = 0; i < schema.str; i++) {
    if (!rng.chance(0.7)) continue;
    const [key, vals] = strKeys[i];
    labels.push({ key, str: rng.pick(vals) });
    if (rng.chance(0.03)) labels.push({ key, str: rng.pick(vals) }); // a second value for one key
  }
  if (kind !== 'heap') {
    for (let i = 0; i < schema.num; i++) {
      if (!rng.chance(0.6)) continue;
      const [key, unit, max] = numKeys[i];
      const num = rng.chance(0.05) ? 0 : rng.int(1, max); // num 0 without a unit is dropped by pprof
      labels.push(unit !== '' && rng.chance(0.8) ? { key, num, numUnit: unit } : { key, num });
    }
  }
  return rng.shuffle(labels);
}

/** Stacks are built root-first and reversed at the end (location_id[0] is the leaf). */
function genSamples(rng: Rng, kind: Kind, types: GenValueType[], locs: GenLocation[], o: Required<RandomProfileOptions>): GenSample[] {
  const n = rng.chance(0.1) ? rng.int(1, 5) : rng.skewed(1, Math.max(1, o.maxSamples));
  const byFunction = new Map<number, GenLocation[]>();
  for (const l of locs) {
    const f = l.lines.length > 0 ? l.lines[l.lines.length - 1].functionId : 0;
    byFunction.set(f, [...(byFunction.get(f) ?? []), l]);
  }
  // Roots: a few locations most stacks start from, as in real programs.
  const roots = locs.slice(0, 3);
  const negative = o.negativeValues && rng.chance(0.25);
  const emptyStacks = rng.chance(0.05);
  const schema = { str: rng.chance(0.5) ? rng.int(1, strKeys.length) : 0, num: rng.chance(0.5) ? rng.int(1, numKeys.length) : 0 };
  const stacks: number[][] = [];
  const samples: GenSample[] = [];
  for (let i = 0; i < n; i++) {
    let stack: number[];
    if (stacks.length > 0 && rng.chance(0.15)) {
      stack = [...rng.pick(stacks)]; // duplicate stack: pprof must sum them
    } else if (emptyStacks && rng.chance(0.1)) {
      stack = [];
    } else {
      const depth = rng.skewed(1, Math.max(1, o.maxDepth));
      stack = stacks.length > 0 && rng.chance(0.6) ? rng.pick(stacks).slice(0, rng.int(0, depth)) : [];
      if (stack.length === 0 && rng.chance(0.8)) stack.push(rng.pick(roots).id);
      while (stack.length < depth) {
        if (stack.length > 0 && rng.chance(0.08)) {
          // Recursion: repeat a segment of the stack, or call the same function at another line.
          const from = rng.int(0, stack.length - 1);
          const seg = stack.slice(from, from + rng.int(1, 4));
          for (const id of seg) if (stack.length < depth) stack.push(id);
          continue;
        }
        if (stack.length > 0 && rng.chance(0.05)) {
          const last = locs.find((l) => l.id === stack[stack.length - 1]);
          const fid = last && last.lines.length > 0 ? last.lines[last.lines.length - 1].functionId : 0;
          stack.push(rng.pick(byFunction.get(fid) ?? locs).id);
          continue;
        }
        stack.push(rng.pick(locs).id);
      }
    }
    stacks.push(stack);
    const { values, size } = genValues(rng, kind, types, o.maxValue);
    if (rng.chance(0.03)) values.fill(0);
    if (negative && rng.chance(0.4)) {
      for (let j = 0; j < values.length; j++) values[j] = -values[j];
    }
    samples.push({ locationIds: [...stack].reverse(), values, labels: genLabels(rng, kind, size, schema) });
  }
  return samples;
}

/** A regexp (RE2 syntax) matching a function name exactly. */
function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

function generate(rng: Rng, opts: RandomProfileOptions): GenProfile {
  const o: Required<RandomProfileOptions> = {
    maxSamples: opts.maxSamples ?? 400,
    maxFunctions: opts.maxFunctions ?? 60,
    maxDepth: opts.maxDepth ?? 30,
    maxValue: opts.maxValue ?? 1e12,
    negativeValues: opts.negativeValues ?? true,
    dropFramesRate: opts.dropFramesRate ?? 0,
    encodingVariety: opts.encodingVariety ?? true,
  };
  const variety = o.encodingVariety;

  // 1. Kind, sample types and period.
  const kind = rng.pick<Kind>(['cpu', 'cpu', 'heap', 'heap', 'block', 'goroutine', 'custom', 'custom', 'custom']);
  const spec = kindSpec(rng, kind);

  // 2. Functions, mappings, locations, each with its own id scheme.
  const fns = genFunctions(rng, rng.int(5, Math.max(5, o.maxFunctions)));
  const fnIds = genIds(rng, fns.length, variety);
  fns.forEach((f, i) => (f.id = fnIds[i]));
  const mapIds = genIds(rng, 5, variety);
  let nextMap = 0;
  const maps = rng.chance(0.75) ? genMappings(rng, () => mapIds[nextMap++]) : [];
  const locIdPool = genIds(rng, fns.length * 2 + 4, variety);
  let nextLoc = 0;
  const locs = genLocations(rng, fns, maps, () => locIdPool[nextLoc++]);

  // 3. Samples.
  const samples = genSamples(rng, kind, spec.sampleTypes, locs, o);

  // 4. Header fields, sometimes absent.
  const hasTime = rng.chance(0.75);
  const timeNanos = hasTime ? BigInt(rng.int(1_420_070_400, 1_893_456_000)) * 1_000_000_000n + BigInt(rng.int(0, 999_999_999)) : 0n;
  const durationNanos = rng.chance(0.7) ? (kind === 'cpu' ? rng.int(1, 60) * 1e9 + rng.int(0, 999_999_999) : rng.magnitude(1e11)) : 0;
  const periodType = rng.chance(0.85) ? spec.periodType : undefined;
  const period = rng.chance(0.85) ? spec.period : 0;
  let defaultSampleType = '';
  if (kind === 'heap' && rng.chance(0.4)) defaultSampleType = 'alloc_space';
  else if (rng.chance(0.2)) defaultSampleType = rng.pick(spec.sampleTypes).type;
  const comments = rng.chance(0.2) ? ['captured by randomProfile', `seed-derived comment ${rng.int(0, 999)}`].slice(0, rng.int(1, 2)) : [];
  let dropFrames = '';
  let keepFrames = '';
  if (rng.chance(o.dropFramesRate)) {
    dropFrames = Array.from({ length: rng.int(1, 2) }, () => quoteMeta(rng.pick(fns).name)).join('|');
    if (rng.chance(0.5)) keepFrames = quoteMeta(rng.pick(fns).name);
  }

  // 5. Emission order: pprof's own order, or shuffled, which decoders must not care about.
  return {
    sampleTypes: spec.sampleTypes,
    samples,
    mappings: variety && rng.chance(0.2) ? rng.shuffle(maps) : maps,
    locations: variety && rng.chance(0.2) ? rng.shuffle(locs) : locs,
    functions: variety && rng.chance(0.2) ? rng.shuffle(fns) : fns,
    dropFrames,
    keepFrames,
    timeNanos,
    durationNanos,
    periodType,
    period,
    comments,
    defaultSampleType,
    packed: !variety || rng.chance(0.85),
    interleave: variety && rng.chance(0.2),
    explicitZeros: variety && rng.chance(0.1),
    extraStrings: variety && rng.chance(0.1),
  };
}

// ---------------------------------------------------------------------------------------------
// Encoding (field numbers of proto/profile.proto)

type Writer = $protobuf.Writer;
const VARINT = 0;
const LEN = 2;

function tag(w: Writer, field: number, wire: number): Writer {
  return w.uint32((field << 3) | wire);
}

/** An exact 64-bit value for Writer.int64/uint64 (numbers lose bits beyond 2^53). */
function long(v: bigint): $protobuf.Long {
  const u = BigInt.asUintN(64, v);
  return { low: Number(u & 0xffffffffn) | 0, high: Number(u >> 32n) | 0, unsigned: false };
}

class StringTable {
  readonly strings: string[] = [''];
  private readonly index = new Map<string, number>([['', 0]]);
  constructor(private readonly rng: Rng | undefined) {}
  /** Index of s; with encoding variety, sometimes a duplicate entry or unused strings first. */
  get(s: string): number {
    const known = this.index.get(s);
    if (known !== undefined && !(s !== '' && this.rng?.chance(0.05))) return known;
    if (this.rng?.chance(0.05)) this.strings.push(`unused-${this.strings.length}`);
    this.strings.push(s);
    if (known === undefined) this.index.set(s, this.strings.length - 1);
    return this.strings.length - 1;
  }
}

function encode(p: GenProfile): Uint8Array {
  const st = new StringTable(p.extraStrings ? new Rng(p.samples.length * 7919 + p.locations.length) : undefined);
  const z = p.explicitZeros;
  const int = (w: Writer, f: number, v: number) => {
    if (v !== 0 || z) tag(w, f, VARINT).int64(v);
  };
  const uint = (w: Writer, f: number, v: number) => {
    if (v !== 0 || z) tag(w, f, VARINT).uint64(v);
  };
  const big = (w: Writer, f: number, v: bigint) => {
    if (v !== 0n || z) tag(w, f, VARINT).uint64(long(v));
  };
  const bool = (w: Writer, f: number, v: boolean) => {
    if (v || z) tag(w, f, VARINT).bool(v);
  };
  const str = (w: Writer, f: number, s: string) => int(w, f, st.get(s));
  const valueType = (vt: GenValueType) => (w: Writer) => {
    str(w, 1, vt.type);
    str(w, 2, vt.unit);
  };

  // Each top-level entry is encoded alone: [field, body] where body writes the message content.
  const entries: [number, Uint8Array][] = [];
  const message = (field: number, body: (w: Writer) => void) => {
    const w = $protobuf.Writer.create();
    tag(w, field, LEN).fork();
    body(w);
    w.ldelim();
    entries.push([field, w.finish()]);
  };
  const scalar = (body: (w: Writer) => void) => {
    const w = $protobuf.Writer.create();
    body(w);
    const b = w.finish();
    if (b.length > 0) entries.push([0, b]);
  };
  const repeated = (w: Writer, f: number, xs: number[], write: (w: Writer, x: number) => void) => {
    if (xs.length === 0) return;
    if (p.packed) {
      tag(w, f, LEN).fork();
      for (const x of xs) write(w, x);
      w.ldelim();
    } else {
      for (const x of xs) write(tag(w, f, VARINT), x);
    }
  };

  for (const vt of p.sampleTypes) message(1, valueType(vt));
  for (const s of p.samples) {
    message(2, (w) => {
      repeated(w, 1, s.locationIds, (w, x) => w.uint64(x));
      repeated(w, 2, s.values, (w, x) => w.int64(x));
      for (const l of s.labels) {
        tag(w, 3, LEN).fork();
        str(w, 1, l.key);
        if (l.str !== undefined) str(w, 2, l.str);
        if (l.num !== undefined) int(w, 3, l.num);
        if (l.numUnit !== undefined) str(w, 4, l.numUnit);
        w.ldelim();
      }
    });
  }
  for (const m of p.mappings) {
    message(3, (w) => {
      uint(w, 1, m.id);
      big(w, 2, m.start);
      big(w, 3, m.limit);
      big(w, 4, m.offset);
      str(w, 5, m.file);
      str(w, 6, m.buildId);
      bool(w, 7, m.hasFunctions);
      bool(w, 8, m.hasFilenames);
      bool(w, 9, m.hasLineNumbers);
      bool(w, 10, m.hasInlineFrames);
    });
  }
  for (const l of p.locations) {
    message(4, (w) => {
      uint(w, 1, l.id);
      uint(w, 2, l.mappingId);
      big(w, 3, l.address);
      for (const ln of l.lines) {
        tag(w, 4, LEN).fork();
        uint(w, 1, ln.functionId);
        int(w, 2, ln.line);
        w.ldelim();
      }
      bool(w, 5, l.isFolded);
    });
  }
  for (const f of p.functions) {
    message(5, (w) => {
      uint(w, 1, f.id);
      str(w, 2, f.name);
      str(w, 3, f.systemName);
      str(w, 4, f.filename);
      int(w, 5, f.startLine);
    });
  }
  // Strings referenced by the header must be interned before the table is written.
  const dropX = p.dropFrames ? st.get(p.dropFrames) : 0;
  const keepX = p.keepFrames ? st.get(p.keepFrames) : 0;
  const periodBody = p.periodType ? valueType(p.periodType) : undefined;
  const periodWriter = $protobuf.Writer.create();
  if (periodBody) {
    tag(periodWriter, 11, LEN).fork();
    periodBody(periodWriter);
    periodWriter.ldelim();
  }
  const commentX = p.comments.map((c) => st.get(c));
  const defaultX = p.defaultSampleType ? st.get(p.defaultSampleType) : 0;

  for (const s of st.strings) {
    const w = $protobuf.Writer.create();
    tag(w, 6, LEN).string(s);
    entries.push([6, w.finish()]);
  }
  if (dropX) scalar((w) => tag(w, 7, VARINT).int64(dropX));
  if (keepX) scalar((w) => tag(w, 8, VARINT).int64(keepX));
  // time_nanos may appear only once: pprof reads a second one as a concatenated profile.
  if (p.timeNanos !== 0n) scalar((w) => tag(w, 9, VARINT).int64(long(p.timeNanos)));
  if (p.durationNanos !== 0) scalar((w) => tag(w, 10, VARINT).int64(p.durationNanos));
  if (periodBody) entries.push([11, periodWriter.finish()]);
  if (p.period !== 0) scalar((w) => tag(w, 12, VARINT).int64(p.period));
  for (const c of commentX) scalar((w) => tag(w, 13, VARINT).int64(c));
  if (defaultX) scalar((w) => tag(w, 14, VARINT).int64(defaultX));

  return concat(p.interleave ? interleave(entries, p) : entries.map(([, b]) => b));
}

/** Interleaves entries of different fields at random, keeping each field's own order. */
function interleave(entries: [number, Uint8Array][], p: GenProfile): Uint8Array[] {
  const rng = new Rng(p.samples.length * 31 + p.functions.length);
  const queues = new Map<number, Uint8Array[]>();
  entries.forEach(([f, b], i) => {
    // Scalars (field 0 here) keep their own order too; give each its own queue.
    const key = f === 0 ? 100 + i : f;
    queues.set(key, [...(queues.get(key) ?? []), b]);
  });
  const out: Uint8Array[] = [];
  const live = [...queues.values()];
  while (live.length > 0) {
    const i = rng.int(0, live.length - 1);
    out.push(live[i].shift() as Uint8Array);
    if (live[i].length === 0) live.splice(i, 1);
  }
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of parts) {
    out.set(b, at);
    at += b.length;
  }
  return out;
}
