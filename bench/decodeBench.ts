// In-process decode measurements for one profile, printed as one JSON line. Run by bench.ts
// in a child `node --expose-gc` so that the harness's own memory does not blur the numbers:
//   node --expose-gc --import tsx bench/decodeBench.ts FILE [runs]
import { readFileSync } from 'node:fs';
import { decodeProfile } from '../src/core/decode';
import { nodeInflater } from '../src/core/node/nodeInflater';
import { DEFAULT_MAX_INFLATED_BYTES, parseProfile } from '../src/core/parse';
import type { Profile } from '../src/core/profile';

/** What one decode benchmark reports. */
export interface DecodeResult {
  file: string;
  fileBytes: number;
  rawBytes: number;
  samples: number;
  locations: number;
  functions: number;
  /** Median wall ms of node:zlib gunzip. */
  gunzipMs: number;
  /** Median wall ms of decodeProfile on the raw bytes, and its CPU ms (user+system). */
  decodeMs: number;
  decodeCpuMs: number;
  /** Raw protobuf MB (10^6 bytes) per second of decodeProfile, by wall and by CPU time. */
  decodeMBps: number;
  decodeCpuMBps: number;
  /** Median wall ms of parseProfile (gunzip + sniff + decode). */
  parseMs: number;
  /** heapUsed + arrayBuffers retained by the decoded Profile, after full GCs, per sample. */
  retainedBytesPerSample: number;
  retainedBytes: number;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function retained(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

function fullGc(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  // Several passes: weak references and finalizers can need more than one.
  for (let i = 0; i < 3; i++) gc();
}

function main(): void {
  const file = process.argv[2];
  const runs = Number(process.argv[3] ?? 5);
  const bytes = new Uint8Array(readFileSync(file));
  const raw = bytes[0] === 0x1f && bytes[1] === 0x8b ? nodeInflater.gunzip(bytes, DEFAULT_MAX_INFLATED_BYTES) : bytes;

  // 1. Retained heap first, in a quiet heap: the raw bytes are allocated before the baseline.
  fullGc();
  const before = retained();
  let kept: Profile | undefined = decodeProfile(raw);
  fullGc();
  const retainedBytes = retained() - before;
  const p = kept;
  kept = undefined;

  // 2. Timings: gunzip, decode (wall and CPU), parse end to end.
  const gunzipMs: number[] = [];
  const decodeMs: number[] = [];
  const decodeCpuMs: number[] = [];
  const parseMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    fullGc();
    let t = performance.now();
    nodeInflater.gunzip(bytes, DEFAULT_MAX_INFLATED_BYTES);
    gunzipMs.push(performance.now() - t);
    fullGc();
    const cpu = process.cpuUsage();
    t = performance.now();
    decodeProfile(raw);
    decodeMs.push(performance.now() - t);
    const used = process.cpuUsage(cpu);
    decodeCpuMs.push((used.user + used.system) / 1000);
    fullGc();
    t = performance.now();
    parseProfile(bytes, { inflater: nodeInflater });
    parseMs.push(performance.now() - t);
  }
  const mb = raw.length / 1e6;
  const result: DecodeResult = {
    file,
    fileBytes: bytes.length,
    rawBytes: raw.length,
    samples: p.samples.count,
    locations: p.locations.length,
    functions: p.functions.length,
    gunzipMs: median(gunzipMs),
    decodeMs: median(decodeMs),
    decodeCpuMs: median(decodeCpuMs),
    decodeMBps: mb / (median(decodeMs) / 1000),
    decodeCpuMBps: mb / (median(decodeCpuMs) / 1000),
    parseMs: median(parseMs),
    retainedBytes,
    retainedBytesPerSample: retainedBytes / p.samples.count,
  };
  console.log(JSON.stringify(result));
}

main();
