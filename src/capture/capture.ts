// Live capture from a Go service's /debug/pprof endpoints, for the CLI (-series) and the
// extension (Capture Profile…, Start Snapshot Series…). Node-side: node:http/https and node:fs.
// This module is the transport, the URLs and the file names; it never decodes a profile (the
// extension host imports it: see profileCapture.ts for fetchProfile and SnapshotSeries).
//
// What can go wrong is what users hit in practice: the port is closed, the path is not
// net/http/pprof (404, or a login page), the URL asks for debug=1 text, the service hangs, the
// response is huge. Each becomes one line naming the URL and what came back, never a protobuf
// offset. A snapshot series survives a failed capture and never loses a file it wrote.

import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as path from 'node:path';

/** Default connect timeout: a local or LAN service answers the TCP handshake at once. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
/** Default read timeout: the longest wait for the next bytes (a heap profile with gc=1 takes well under this). */
export const DEFAULT_READ_TIMEOUT_MS = 30_000;
/** Default response size limit: far above any real heap profile, far below what hurts. */
export const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;
/** Redirects followed at most (each checked like the first URL). */
export const MAX_REDIRECTS = 3;
/**
 * Default total deadline of one capture, redirects included: the read timeout restarts on every
 * chunk, so without it an endpoint that drips a byte a second never fails. A CPU profile's
 * `seconds` are added.
 */
export const DEFAULT_TOTAL_TIMEOUT_MS = 120_000;
/** Longest `seconds=` a capture accepts: one day (Node timers overflow past ~24.8 days). */
export const MAX_CAPTURE_SECONDS = 86_400;

/** Why a capture failed, for a UI that reacts per case (e.g. offers to fix debug=1). */
export type CaptureFailure =
  | 'bad-url'
  | 'scheme'
  | 'refused'
  | 'dns'
  | 'connect-timeout'
  | 'read-timeout'
  | 'deadline'
  | 'network'
  | 'redirect'
  | 'http-status'
  | 'html'
  | 'debug-text'
  | 'too-large'
  | 'not-profile'
  | 'aborted';

/**
 * CaptureError is a failed capture. Invariant: `message` is one line that starts with the URL
 * (the one that failed, after redirects) and says what came back or what to do.
 */
export class CaptureError extends Error {
  override readonly name = 'CaptureError';
  constructor(
    readonly url: string,
    readonly failure: CaptureFailure,
    what: string,
    /** The HTTP status when there was a response. */
    readonly status?: number,
  ) {
    super(`${url}: ${what}`.replace(/\s*[\r\n]+\s*/g, ' '));
  }
}

/** Options of fetchProfile. */
export interface FetchOptions {
  /** Time allowed to open the connection (TCP and TLS), default 5 s. */
  connectTimeoutMs?: number;
  /**
   * Longest wait for the response headers and then for each next chunk, default 30 s. For a
   * CPU profile (a `seconds=N` query parameter), N seconds are added: the server sends nothing
   * before the profile is complete.
   */
  readTimeoutMs?: number;
  /**
   * Time allowed for the whole capture, redirects and body included, default 120 s; for a CPU
   * profile its `seconds` are added. Unlike the read timeout it never restarts.
   */
  totalTimeoutMs?: number;
  /** How the user changes the total deadline, for its message (e.g. "the pprofLens.capture.timeoutSeconds setting"). */
  deadlineHint?: string;
  /** Refuse responses larger than this many bytes, checked while streaming (default 256 MiB). */
  maxBytes?: number;
  /** Limit on the inflated size when validating (parseProfile's maxInflatedBytes). */
  maxInflatedBytes?: number;
  /** How the user raises maxInflatedBytes, for its message (parseProfile's limitHint). */
  limitHint?: string;
  /** Cancels the request (CaptureError "aborted"). */
  signal?: AbortSignal;
  /** fetchText only: return 4xx/5xx bodies (up to 64 KiB) instead of throwing, for APIs that explain errors in JSON. */
  errorBodies?: boolean;
}

/** A 2xx response body that may be a profile: what fetchBody returns. */
export interface FetchedBody {
  /** The URL that answered (after redirects). */
  url: string;
  /** The response body, exactly as served. */
  body: Uint8Array;
  contentType: string;
}

/**
 * fetchBody is fetchProfile's transport: one GET over http or https (redirects too, at most 3)
 * with the connect, read and total timeouts and the size limit held while streaming. It refuses
 * what is never a profile (an empty body, an HTML page) with a one-line CaptureError; decoding
 * is fetchProfile's (profileCapture.ts), kept out of this module so that the extension host,
 * which only builds URLs and fetches text here, does not bundle the profile decoder.
 */
export async function fetchBody(url: string, opts: FetchOptions = {}): Promise<FetchedBody> {
  let current = checkUrl(url);
  const deadline = Date.now() + (opts.totalTimeoutMs ?? DEFAULT_TOTAL_TIMEOUT_MS) + cpuSeconds(current) * 1000;
  for (let redirects = 0; ; redirects++) {
    const r = await request(current, opts, deadline);
    if (r.kind === 'redirect') {
      if (redirects >= MAX_REDIRECTS) throw new CaptureError(current.href, 'redirect', `too many redirects (more than ${MAX_REDIRECTS}); the last one went to ${r.location}`);
      let next: URL;
      try {
        next = new URL(r.location, current);
      } catch {
        throw new CaptureError(current.href, 'redirect', `HTTP ${r.status} redirects to an invalid URL: ${excerpt(r.location)}`, r.status);
      }
      if (next.protocol !== 'http:' && next.protocol !== 'https:') {
        throw new CaptureError(current.href, 'scheme', `HTTP ${r.status} redirects to ${next.href}: only http:// and https:// are followed`, r.status);
      }
      current = next;
      continue;
    }
    const href = current.href;
    const { body, contentType } = r;
    if (body.length === 0) throw new CaptureError(href, 'not-profile', 'HTTP 200 with an empty body, not a profile');
    if (isHtml(contentType, Buffer.from(body.buffer, body.byteOffset, body.byteLength))) {
      const title = htmlTitle(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
      throw new CaptureError(href, 'html', `HTTP 200 returned an HTML page${title ? ` ("${title}")` : ''}, not a profile: a login or error page, or the /debug/pprof/ index; use /debug/pprof/heap`, 200);
    }
    return { url: href, body, contentType };
  }
}

/**
 * The `seconds` a URL asks the server to profile for (0 when none). Throws CaptureError for a
 * value no capture can wait for (a timer that long overflows and fires at once).
 */
function cpuSeconds(u: URL): number {
  const raw = u.searchParams.get('seconds');
  const seconds = Number(raw);
  if (raw === null || raw.trim() === '') return 0;
  if (!Number.isFinite(seconds)) throw new CaptureError(u.href, 'bad-url', `seconds=${excerpt(raw)} is not a number of seconds`);
  if (seconds <= 0) return 0;
  if (seconds > MAX_CAPTURE_SECONDS) {
    throw new CaptureError(u.href, 'bad-url', `seconds=${excerpt(raw)} is too long for a capture: at most ${MAX_CAPTURE_SECONDS} (one day)`);
  }
  return seconds;
}

/** A fetched text body (a metrics page, a Prometheus API answer): what fetchText returns. */
export interface FetchedText {
  /** The URL that answered (after redirects). */
  url: string;
  text: string;
  contentType: string;
  status: number;
}

/**
 * fetchText is fetchProfile's transport without the profile check: one GET over http or https
 * with the same timeouts, size limit and redirect rules, for /metrics pages and the Prometheus
 * HTTP API. Non-2xx answers throw CaptureError with the status and an excerpt, unless
 * `errorBodies` asks for the body (the Prometheus API explains a bad query in JSON with a 400).
 */
export async function fetchText(url: string, opts: FetchOptions = {}): Promise<FetchedText> {
  let current = checkUrl(url);
  const deadline = Date.now() + (opts.totalTimeoutMs ?? DEFAULT_TOTAL_TIMEOUT_MS);
  for (let redirects = 0; ; redirects++) {
    const r = await request(current, opts, deadline);
    if (r.kind === 'redirect') {
      if (redirects >= MAX_REDIRECTS) throw new CaptureError(current.href, 'redirect', `too many redirects (more than ${MAX_REDIRECTS}); the last one went to ${r.location}`);
      const next = new URL(r.location, current);
      if (next.protocol !== 'http:' && next.protocol !== 'https:') throw new CaptureError(current.href, 'scheme', `HTTP ${r.status} redirects to ${next.href}: only http:// and https:// are followed`, r.status);
      current = next;
      continue;
    }
    return { url: current.href, text: Buffer.from(r.body.buffer, r.body.byteOffset, r.body.byteLength).toString('utf8'), contentType: r.contentType, status: r.status };
  }
}

/** Parses and checks a URL to capture from. Throws CaptureError for anything but http(s). */
export function checkUrl(url: string): URL {
  // "localhost:8080" parses as scheme "localhost:": say what is missing instead.
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(url) && /^[\w.-]+(:\d+)?(\/|$)/.test(url)) {
    throw new CaptureError(url, 'bad-url', `no scheme: did you mean http://${url}?`);
  }
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new CaptureError(url, 'bad-url', 'not a URL: give one like http://localhost:8080 or http://host:port/debug/pprof/heap');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new CaptureError(url, 'scheme', `only http:// and https:// URLs can be captured (got ${u.protocol})`);
  }
  return u;
}

type RawResponse =
  | { kind: 'redirect'; status: number; location: string }
  | { kind: 'body'; status: number; body: Uint8Array; contentType: string };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** One HTTP GET with the timeouts and the size limit; non-2xx answers become CaptureError. */
function request(u: URL, opts: FetchOptions, deadline: number): Promise<RawResponse> {
  const href = u.href;
  const connectMs = opts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  // The CPU (and trace) handlers answer only after `seconds` have passed.
  const readMs = (opts.readTimeoutMs ?? DEFAULT_READ_TIMEOUT_MS) + cpuSeconds(u) * 1000;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const totalMs = (opts.totalTimeoutMs ?? DEFAULT_TOTAL_TIMEOUT_MS) + cpuSeconds(u) * 1000;
  return new Promise<RawResponse>((resolve, reject) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    let size = 0;
    // The total deadline is armed once and never restarted (the read timer restarts per chunk).
    const deadlineTimer = setTimeout(() => {
      const hint = opts.deadlineHint ? `; raise ${opts.deadlineHint} if the service is genuinely this slow` : '';
      fail(new CaptureError(href, 'deadline', `the capture did not complete within its ${seconds_(totalMs)} total deadline (${sizeText(size)} received)${hint}`));
    }, Math.max(0, deadline - Date.now()));
    const arm = (ms: number, failure: CaptureFailure, what: string) => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => fail(new CaptureError(href, failure, what)), ms);
    };
    const done = () => {
      settled = true;
      if (timer) clearTimeout(timer);
      clearTimeout(deadlineTimer);
      opts.signal?.removeEventListener('abort', onAbort);
    };
    const fail = (e: CaptureError) => {
      if (settled) return;
      done();
      req.destroy();
      reject(e);
    };
    const onAbort = () => fail(new CaptureError(href, 'aborted', 'capture canceled'));
    if (opts.signal?.aborted) {
      clearTimeout(deadlineTimer);
      reject(new CaptureError(href, 'aborted', 'capture canceled'));
      return;
    }

    const get = u.protocol === 'https:' ? https.get : http.get;
    // A fresh connection per capture (agent: false): a pooled socket would hide connect errors.
    const req = get(u, { agent: false, headers: { 'User-Agent': 'pprof-lens', Accept: '*/*' } });
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    arm(connectMs, 'connect-timeout', `no connection after ${seconds_(connectMs)} (connect timeout): is the host reachable and the port right?`);
    req.on('socket', (socket) => {
      const connected = () => arm(readMs, 'read-timeout', `no response for ${seconds_(readMs)} after connecting (read timeout): the service accepted the connection but did not answer`);
      if (!socket.connecting) connected();
      else socket.once(u.protocol === 'https:' ? 'secureConnect' : 'connect', connected);
    });
    req.on('error', (e: NodeJS.ErrnoException) => fail(networkError(href, u, e)));
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      const contentType = String(res.headers['content-type'] ?? '');
      arm(readMs, 'read-timeout', `the response stalled for ${seconds_(readMs)} (read timeout)`);
      if (REDIRECTS.has(status) && res.headers.location) {
        done();
        res.resume();
        req.destroy();
        resolve({ kind: 'redirect', status, location: res.headers.location });
        return;
      }
      const ok = (status >= 200 && status < 300) || (opts.errorBodies === true && status >= 400);
      const declared = Number(res.headers['content-length']);
      if (ok && Number.isFinite(declared) && declared > maxBytes) {
        fail(new CaptureError(href, 'too-large', `the response is ${sizeText(declared)}, over the ${sizeText(maxBytes)} size limit`, status));
        return;
      }
      // Error pages are read only far enough for an excerpt.
      const limit = ok ? (status >= 400 ? Math.min(maxBytes, 65536) : maxBytes) : 4096;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => {
        if (settled) return;
        size += chunk.length;
        chunks.push(chunk);
        if (size > limit) {
          // A profile over the limit is refused; an error page has given enough for an excerpt.
          if (ok) fail(new CaptureError(href, 'too-large', `the response exceeds the ${sizeText(maxBytes)} size limit (stopped reading)`, status));
          else fail(statusError(href, status, res.statusMessage ?? '', contentType, Buffer.concat(chunks).subarray(0, limit)));
          return;
        }
        arm(readMs, 'read-timeout', `the response stalled for ${seconds_(readMs)} after ${sizeText(size)} (read timeout)`);
      });
      res.on('end', () => {
        if (settled) return;
        const body = Buffer.concat(chunks);
        if (!ok || (status >= 400 && !opts.errorBodies)) {
          fail(statusError(href, status, res.statusMessage ?? '', contentType, body));
          return;
        }
        done();
        resolve({ kind: 'body', status, body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength), contentType });
      });
      // Headers came, then the connection went: say how far the body got (node reports it as
      // an 'aborted' ECONNRESET on the response, or only as a close without completion).
      const cut = () => new CaptureError(href, 'network', `the connection closed after ${sizeText(size)}, before the whole response arrived: did the service stop or restart?`, status);
      res.on('close', () => {
        if (!settled && !res.complete) fail(cut());
      });
      res.on('error', (e: NodeJS.ErrnoException) => fail(e.code === 'ECONNRESET' ? cut() : networkError(href, u, e)));
    });
  });
}

/** One line for a socket-level failure. */
function networkError(href: string, u: URL, e: NodeJS.ErrnoException): CaptureError {
  const where = u.host;
  switch (e.code) {
    case 'ECONNREFUSED':
      return new CaptureError(href, 'refused', `connection refused by ${where}: is the service running and listening on that port?`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new CaptureError(href, 'dns', `host not found: ${u.hostname}`);
    case 'ECONNRESET':
    case 'EPIPE':
      return new CaptureError(href, 'network', `the connection to ${where} was reset before the response was complete: did the service stop or restart?`);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new CaptureError(href, 'network', `${where} is unreachable (${e.code})`);
    default:
      if (e.code && /CERT|SSL|TLS|SELF_SIGNED/.test(e.code)) return new CaptureError(href, 'network', `TLS error: ${e.message}`);
      return new CaptureError(href, 'network', e.code ? `${e.code}: ${e.message}` : e.message);
  }
}

/** One line for a non-2xx answer, with an excerpt of what the server said. */
function statusError(href: string, status: number, statusText: string, contentType: string, body: Buffer): CaptureError {
  const said = isHtml(contentType, body) ? htmlTitle(body) : excerpt(body.toString('utf8'));
  let what = `HTTP ${status}${statusText ? ` ${statusText}` : ''}`;
  if (said) what += `: "${said}"`;
  if (status === 404) what += ' (is net/http/pprof imported and served at this path?)';
  if (status === 401 || status === 403) what += ' (the endpoint needs credentials)';
  return new CaptureError(href, 'http-status', what, status);
}


function isHtml(contentType: string, body: Buffer): boolean {
  if (/^\s*text\/html/i.test(contentType)) return true;
  const head = body.subarray(0, 256).toString('utf8').trimStart();
  return /^<!doctype html|^<html[\s>]|^<head[\s>]/i.test(head);
}

/** The <title> of an HTML page, or its first text, shortened. */
function htmlTitle(body: Buffer): string {
  const text = body.subarray(0, 8192).toString('utf8');
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text)?.[1];
  return excerpt(title ?? text.replace(/<[^>]*>/g, ' '));
}

/** A short single-line excerpt: control characters and quotes removed, at most 80 characters. */
function excerpt(s: string): string {
  const clean = s.replace(/[\u0000-\u001f\u007f"]+/g, ' ').replace(/\s+/g, ' ').trim();
  return clean.length > 80 ? `${clean.slice(0, 80)}…` : clean;
}

function seconds_(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${(ms / 1000).toFixed(1)}s`;
}

function sizeText(n: number): string {
  if (n >= 1 << 20) return `${Number((n / (1 << 20)).toFixed(1))} MiB`;
  if (n >= 1 << 10) return `${Number((n / (1 << 10)).toFixed(1))} KiB`;
  return `${n} bytes`;
}

// ---------------------------------------------------------------------------------------------
// URLs and file names

/** The profiles net/http/pprof serves (and pprof Lens captures). */
export type CaptureKind = 'heap' | 'allocs' | 'profile' | 'goroutine' | 'mutex' | 'block' | 'threadcreate';

/** Every CaptureKind, in menu order. */
export const CAPTURE_KINDS: readonly CaptureKind[] = ['heap', 'allocs', 'profile', 'goroutine', 'mutex', 'block', 'threadcreate'];

/** Options of captureUrl. */
export interface CaptureUrlOptions {
  /** Duration of a CPU profile (kind "profile"), in seconds; the server's default is 30. */
  seconds?: number;
  /** Run a GC before taking a heap/allocs profile (gc=1), so that it reflects the live heap now. */
  gc?: boolean;
}

/**
 * captureUrl builds the /debug/pprof URL of a profile kind from a base: `http://host:port`,
 * `http://host:port/prefix` (pprof mounted under a prefix), or any /debug/pprof URL (its
 * endpoint is replaced). Query parameters of the base are kept; `seconds` and `gc` set theirs.
 * Throws CaptureError for an invalid URL or a scheme other than http(s).
 */
export function captureUrl(base: string, kind: CaptureKind, opts: CaptureUrlOptions = {}): string {
  const u = checkUrl(base);
  const m = /^(.*?)\/debug\/pprof(?:\/.*)?$/.exec(u.pathname);
  const prefix = (m ? m[1] : u.pathname).replace(/\/+$/, '');
  u.pathname = `${prefix}/debug/pprof/${kind}`;
  if (opts.seconds !== undefined) u.searchParams.set('seconds', String(opts.seconds));
  if (opts.gc !== undefined) u.searchParams.set('gc', opts.gc ? '1' : '0');
  u.hash = '';
  return u.href;
}

/**
 * snapshotUrl is the URL a heap snapshot series captures from: a base URL gets
 * /debug/pprof/heap?gc=1; a URL that already names a /debug/pprof endpoint is kept as given,
 * with gc=1 added for heap and allocs unless it sets gc itself. Throws CaptureError like captureUrl.
 */
export function snapshotUrl(url: string): string {
  const u = checkUrl(url);
  const m = /\/debug\/pprof\/([^/]+)\/?$/.exec(u.pathname);
  if (!m) return captureUrl(url, 'heap', { gc: true });
  if ((m[1] === 'heap' || m[1] === 'allocs') && !u.searchParams.has('gc')) u.searchParams.set('gc', '1');
  return u.href;
}

/** The kind a /debug/pprof URL names ("heap" for .../debug/pprof/heap?gc=1), or "profile" when none. */
export function kindOfUrl(url: string): string {
  try {
    return /\/debug\/pprof\/([^/]+)\/?$/.exec(new URL(url).pathname)?.[1] ?? 'profile';
  } catch {
    return 'profile';
  }
}

/**
 * timestampedName names a capture file: `<kind>-<UTC time>.pb.gz`, e.g.
 * `heap-2026-11-26T10-03-05Z.pb.gz` (no colons: valid on every file system; names sort by
 * time). Kind "profile" is named "cpu". With `millis`, the milliseconds are kept
 * (`heap-2026-11-26T10-03-05.123Z.pb.gz`), for captures less than a second apart.
 */
export function timestampedName(kind: string, date: Date, opts: { millis?: boolean } = {}): string {
  const label = kind === 'profile' ? 'cpu' : kind.replace(/[^A-Za-z0-9_.-]+/g, '_') || 'profile';
  let iso = date.toISOString();
  if (!opts.millis) iso = iso.replace(/\.\d{3}Z$/, 'Z');
  return `${label}-${iso.replace(/:/g, '-')}.pb.gz`;
}

/**
 * saveCapture writes bytes into `dir` under a timestamped name without ever replacing a file:
 * the bytes go to a temporary file first, then take the name (milliseconds, then -2, -3... are
 * added while the name is taken). Returns the absolute path written. Creates `dir` if needed.
 */
export async function saveCapture(dir: string, kind: string, date: Date, bytes: Uint8Array): Promise<string> {
  await fs.mkdir(dir, { recursive: true });
  const tmp = path.join(dir, `.pprof-lens-${randomBytes(6).toString('hex')}.partial`);
  await fs.writeFile(tmp, bytes, { flag: 'wx' });
  try {
    const base = timestampedName(kind, date, { millis: true });
    const candidates = [timestampedName(kind, date), base];
    for (let k = 2; k < 1000; k++) candidates.push(base.replace(/\.pb\.gz$/, `-${k}.pb.gz`));
    for (const name of candidates) {
      const target = path.join(dir, name);
      try {
        // link() fails when the name is taken: no race with another writer, nothing replaced.
        await fs.link(tmp, target);
        return path.resolve(target);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') continue;
        if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'ENOSYS') throw e;
        // File systems without hard links: rename, after checking the name is free.
        if (await exists(target)) continue;
        await fs.rename(tmp, target);
        return path.resolve(target);
      }
    }
    throw new Error(`no free file name for ${base} in ${dir}`);
  } finally {
    await fs.rm(tmp, { force: true });
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await fs.access(p);
    return true;
  } catch {
    return false;
  }
}
