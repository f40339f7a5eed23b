// Names what an input is when it is not profile.proto, from its first bytes: pprof's legacy
// formats (profile/legacy_profile.go, legacy_java_profile.go), Go's debug=1/debug=2 text, other
// profilers' files, web pages, other compressions. A named format turns "protobuf decoding
// failed at byte 7" into a line that tells the user what they have and what to do.

/** The fix shared by every format go tool pprof can convert. */
const LEGACY_FIX = 'fetch it with debug=0 or convert it with `go tool pprof -proto`';

/** What the sniffer found. */
export interface NonProfileFormat {
  /** One line: what the input is and, where one exists, the fix. */
  description: string;
  /**
   * True when the signature is specific enough that no real profile.proto starts that way, so
   * the input may be refused before decoding (random text can sometimes decode as protobuf).
   * False for generic guesses (plain text, JSON) that only explain a decoding failure.
   */
  certain: boolean;
  /**
   * Set when the input belongs to another tool, not to pprof's family (Python's cProfile, GHC,
   * V8, plain text…): a short name such as "Python cProfile output". A `.prof` file like that
   * was never meant for pprof Lens (`.prof` is shared with other profilers).
   */
  otherTool?: string;
}

/** How many leading bytes the sniffer looks at. */
const HEAD = 4096;

const legacy = (format: string): NonProfileFormat => ({
  description: `the file is ${format}, not profile.proto: ${LEGACY_FIX}`,
  certain: true,
});
const certain = (description: string): NonProfileFormat => ({ description, certain: true });
const otherTool = (tool: string, description: string, sure = true): NonProfileFormat => ({ description, certain: sure, otherTool: tool });

/**
 * Returns what `bytes` (already gunzipped) are when they are recognizably not a profile.proto,
 * or undefined when nothing is recognized. Looks at the first 4 KiB only: constant time.
 */
export function sniffNonProfile(bytes: Uint8Array): NonProfileFormat | undefined {
  if (bytes.length === 0) return certain('empty input file (0 bytes): the profile was never written; capture it again');
  return sniffBinary(bytes) ?? sniffText(bytes);
}

/**
 * Returns a one-line description of what `bytes` are when they are not profile.proto (for
 * example "the file is a Go heap profile in debug=1 text format, not profile.proto: fetch it
 * with debug=0 or convert it with `go tool pprof -proto`"), or undefined when not recognized.
 */
export function describeNonProfile(bytes: Uint8Array): string | undefined {
  return sniffNonProfile(bytes)?.description;
}

/** Magic numbers of binary formats that users open by mistake. */
function sniffBinary(b: Uint8Array): NonProfileFormat | undefined {
  const starts = (...sig: number[]) => sig.every((v, i) => b[i] === v);
  const cpu = legacyCpuHeader(b);
  if (cpu === 'java') return legacy('a Java CPU profile in legacy binary format');
  if (cpu === 'native') return legacy('a CPU profile in legacy binary format (gperftools, or the Go runtime before Go 1.9)');
  if (isPythonStats(b)) {
    return otherTool('Python cProfile output', 'the file is Python cProfile output (pstats), not a pprof profile: read it with Python\'s pstats (`python3 -m pstats`) or a viewer such as snakeviz');
  }
  if (starts(0x1f, 0x8b)) return certain('the file is gzip-compressed twice: gunzip it once, then open the result');
  if (starts(0x28, 0xb5, 0x2f, 0xfd)) return certain('the file is zstd-compressed: decompress it (`zstd -d`); pprof Lens reads raw or gzipped profile.proto');
  if (starts(0x42, 0x5a, 0x68)) return certain('the file is bzip2-compressed: decompress it (`bunzip2`); pprof Lens reads raw or gzipped profile.proto');
  if (starts(0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00)) return certain('the file is xz-compressed: decompress it (`unxz`); pprof Lens reads raw or gzipped profile.proto');
  if (starts(0x50, 0x4b, 0x03, 0x04)) return certain('the file is a zip archive: extract the profile from it first');
  if (starts(0x7f, 0x45, 0x4c, 0x46)) return certain('the file is an ELF executable or library, not a profile: open the profile the program wrote');
  if (startsAscii(b, 'PERFILE2')) return certain('the file is a Linux perf.data recording, not profile.proto: convert it with `perf_to_profile` (github.com/google/perf_data_converter)');
  if (starts(0x46, 0x4c, 0x52, 0x00)) return certain('the file is a Java Flight Recorder (JFR) recording, not profile.proto: convert it to pprof first (e.g. with async-profiler\'s jfrconv)');
  if (/^go 1\.\d+ trace\0/.test(ascii(b, 16))) return certain('the file is a Go execution trace (runtime/trace), not a profile: open it with `go tool trace`');
  if (starts(0x89, 0x50, 0x4e, 0x47)) return certain('the file is a PNG image, not a profile: open the profile it was rendered from');
  if (startsAscii(b, '%PDF')) return certain('the file is a PDF document, not a profile: open the profile it was rendered from');
  return undefined;
}

/**
 * Recognizes Python's profile stats (cProfile/profile `dump_stats`, pstats): a marshal'd dict
 * keyed by (file, line, function) 3-tuples. Marshal writes a dict as '{' (0x7b, 0xfb when it
 * may be referenced) followed by its first key: a small tuple ')' (0x29/0xa9) of 3, a tuple '('
 * (0x28/0xa8) with a 32-bit count of 3 (older marshal versions), or '0' (end) when empty. No
 * profile.proto starts this way: 0x7b/0xfb are not tags of any Profile field.
 */
function isPythonStats(b: Uint8Array): boolean {
  if (b[0] !== 0x7b && b[0] !== 0xfb) return false;
  const key = b[1] & 0x7f;
  if (key === 0x29) return b[2] === 3;
  if (key === 0x28) return b[2] === 3 && b[3] === 0 && b[4] === 0 && b[5] === 0;
  return b.length === 2 && key === 0x30;
}

/**
 * Recognizes the legacy binary CPU header as pprof's parseCPU does: words 0, 3, 0|1 (C++/Go or
 * Java), period > 0, 0, in 64- or 32-bit words of either byte order.
 */
function legacyCpuHeader(b: Uint8Array): 'native' | 'java' | undefined {
  for (const width of [8, 4]) {
    if (b.length < 5 * width) continue;
    for (const little of [true, false]) {
      const word = (i: number): number => {
        let v = 0;
        for (let k = 0; k < width; k++) v = v * 256 + b[i * width + (little ? width - 1 - k : k)];
        return v;
      };
      if (word(0) === 0 && word(1) === 3 && word(3) > 0 && word(4) === 0) {
        if (word(2) === 0) return 'native';
        if (word(2) === 1) return 'java';
      }
    }
  }
  return undefined;
}

/** Text formats: legacy profiles, goroutine dumps, JSON profiles, web pages, plain text. */
function sniffText(b: Uint8Array): NonProfileFormat | undefined {
  let head = new TextDecoder('utf-8').decode(b.subarray(0, HEAD));
  if (head.charCodeAt(0) === 0xfeff) head = head.slice(1);
  const lines = head.split(/\r?\n/);
  // pprof skips blank and '#' comment lines before a count profile's header; so do we.
  const first = lines.find((l) => l.trim() !== '' && !l.startsWith('#'))?.trim() ?? '';
  const trimmed = head.trimStart();

  // 1. Headers of the formats pprof's legacy parsers read (legacy_profile.go's regexps).
  const heap = /^heap profile: *\d+: *\d+ *\[ *\d+: *\d+ *\] *@ *([a-z_0-9]*)/.exec(first);
  if (heap) {
    const kind = heap[1];
    if (/^growthz?$/.test(kind)) return legacy('a gperftools heap growth profile in legacy text format');
    if (/^fragmentationz?$/.test(kind)) return legacy('a gperftools heap fragmentation profile in legacy text format');
    // The Go runtime writes "@ heap/<2·MemProfileRate>" for /debug/pprof/heap and /allocs?debug=1.
    if (kind === 'heap') return legacy('a Go heap profile in debug=1 text format');
    return legacy('a gperftools heap profile in legacy text format');
  }
  if (first.startsWith('--- contentionz ')) {
    if (/^\s*format\s*=\s*java\s*$/m.test(head)) return legacy('a Java contention profile in legacy text format');
    return legacy('a gperftools contention profile in legacy text format');
  }
  if (first.startsWith('--- heapz ')) return legacy('a Java heap profile in legacy text format');
  if (first.startsWith('--- threadz ')) return legacy('a thread profile in legacy text format (threadz)');
  // runtime/pprof writes "--- mutex:" / "--- contention:" (block) for debug=1.
  if (first.startsWith('--- mutex:')) return legacy('a Go mutex profile in debug=1 text format');
  if (first.startsWith('--- contention:')) return legacy('a Go block (contention) profile in debug=1 text format');
  const count = /^(\S+) profile: total \d+$/.exec(first);
  if (count) return legacy(`a Go ${count[1]} profile in debug=1 text format`);

  // 2. Text that go tool pprof cannot convert either.
  if (/^heap_v2\/\d+/.test(first)) {
    return certain('the file is a jemalloc heap dump (heap_v2 text), not profile.proto, and `go tool pprof` cannot read it either: open it with jemalloc\'s `jeprof`');
  }
  if (/^goroutine \d+ \[[^\]]*\]:/.test(first)) {
    return certain('the file is a Go goroutine dump (debug=2 text), not profile.proto, and `go tool pprof` cannot read it: fetch /debug/pprof/goroutine with debug=0 (the default)');
  }
  if (/^(panic: |fatal error: )/.test(first) && /^goroutine \d+ \[/m.test(head)) {
    return certain('the file is a Go panic or crash trace, not a profile: capture a profile from /debug/pprof or runtime/pprof');
  }
  if (/^File: /.test(first) && /^(Type: |Showing nodes accounting for)/m.test(head)) {
    return certain('the file is a `go tool pprof` text report, not a profile: open the profile it was made from');
  }

  // GHC's `+RTS -p` report, also named *.prof.
  if (first.includes('Time and Allocation Profiling Report')) {
    return otherTool('a GHC profiling report', 'the file is a GHC profiling report (`+RTS -p` text), not a pprof profile: it is meant to be read as text');
  }

  // 3. JSON profiles of other tools.
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const json = sniffJson(trimmed);
    if (json) return json;
  }

  // 4. Web pages and images.
  if (/^<!doctype html|^<html[\s>]|^<head[\s>]/i.test(trimmed)) {
    return certain('the file is an HTML page, not a profile: the URL returned a web page (a login or error page, or the /debug/pprof/ index); download the raw profile, e.g. /debug/pprof/heap');
  }
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(trimmed)) {
    return certain('the file is an SVG image (such as `go tool pprof -svg` output), not a profile: open the profile it was drawn from');
  }

  // 5. Anything else that reads as text.
  if (looksLikeText(b.subarray(0, HEAD))) {
    if (lines.slice(0, 20).filter((l) => l !== '').every((l) => /^\S.*\s\d+$/.test(l) && l.includes(';'))) {
      return otherTool('folded stacks', 'the file holds folded (collapsed) stacks, not profile.proto: pprof Lens reads pprof profiles only', false);
    }
    return otherTool('text', `the file is plain text, not profile.proto (it begins "${snippet(first)}")`, false);
  }
  return undefined;
}

/** Names the JSON profile formats users mistake for pprof (V8/Chrome, speedscope). */
function sniffJson(text: string): NonProfileFormat | undefined {
  const has = (key: string) => text.includes(`"${key}"`);
  if (has('nodes') && (has('callFrame') || has('startTime') || has('samples'))) {
    return otherTool('a V8/Chrome CPU profile', 'the file is a V8/Chrome CPU profile (.cpuprofile JSON), not profile.proto: open it with VS Code\'s built-in JavaScript profile viewer');
  }
  if (has('head') && has('callFrame')) {
    return otherTool('a V8/Chrome heap profile', 'the file is a V8/Chrome sampling heap profile (.heapprofile JSON), not profile.proto: open it with VS Code\'s built-in JavaScript profile viewer');
  }
  if (has('snapshot') && has('meta')) {
    return otherTool('a V8 heap snapshot', 'the file is a V8 heap snapshot (.heapsnapshot JSON), not profile.proto: open it in Chrome DevTools\' Memory panel');
  }
  if (has('traceEvents') || (text.startsWith('[') && has('ph') && has('ts'))) {
    return otherTool('a Chrome trace', 'the file is a Chrome trace (trace event JSON), not profile.proto: open it in chrome://tracing or ui.perfetto.dev');
  }
  if (text.includes('speedscope')) {
    return otherTool('a speedscope profile', 'the file is a speedscope profile (JSON), not profile.proto: open it in speedscope');
  }
  return otherTool('JSON', 'the file is JSON, not profile.proto: pprof Lens reads pprof profiles only', false);
}

/** True when the bytes have no control characters besides tab, newline, form feed and CR. */
function looksLikeText(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d) return false;
    if (c === 0x7f) return false;
  }
  // Text must also be valid UTF-8 (a truncated last character is fine: we cut at HEAD).
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(0, Math.max(0, b.length - 3)));
    return true;
  } catch {
    return false;
  }
}

/** The first line, shortened and stripped of anything that could break a one-line message. */
function snippet(line: string): string {
  const clean = line.replace(/[\u0000-\u001f\u007f"]/g, ' ');
  return clean.length > 40 ? `${clean.slice(0, 40)}…` : clean;
}

function ascii(b: Uint8Array, n: number): string {
  let s = '';
  for (let i = 0; i < Math.min(n, b.length); i++) s += String.fromCharCode(b[i]);
  return s;
}

function startsAscii(b: Uint8Array, sig: string): boolean {
  return ascii(b, sig.length) === sig;
}

/** The tags (field number << 3 | wire type) a profile.proto can start with: one of Profile's fields. */
const PROFILE_FIRST_TAGS = new Set([0x0a, 0x12, 0x1a, 0x22, 0x2a, 0x32, 0x38, 0x40, 0x48, 0x50, 0x5a, 0x60, 0x68, 0x6a, 0x70, 0x7a]);

/** A file that failed to open as a profile and belongs to another tool (see {@link otherToolFile}). */
export interface OtherToolFile {
  /** The other tool's format ("Python cProfile output"), or undefined when it has no name we know. */
  tool: string | undefined;
  /** True when the first bytes say so for certain: no profile.proto starts that way, no need to decode. */
  certain: boolean;
}

/**
 * Decides whether a file that failed to open as a profile belongs to another tool, from its first
 * bytes as stored (before any gunzip). Undefined when it may be pprof's own (gzip, empty, one of
 * pprof's legacy or Go text formats, or bytes that start like a profile.proto): then the reason
 * belongs in the profile view. `.prof` is shared with Python's cProfile and GHC, so the profile
 * editor hands such files back to the text editor instead of failing on them.
 */
export function otherToolFile(head: Uint8Array): OtherToolFile | undefined {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return undefined;
  const sniffed = sniffNonProfile(head);
  if (sniffed) return sniffed.otherTool ? { tool: sniffed.otherTool, certain: sniffed.certain } : undefined;
  return PROFILE_FIRST_TAGS.has(head[0]) ? undefined : { tool: undefined, certain: false };
}
