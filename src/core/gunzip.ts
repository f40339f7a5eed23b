// Gunzip behind a tiny injected interface: src/core stays platform-neutral. Node passes
// node:zlib (src/core/node/nodeInflater.ts, 3-7x faster); environments without zlib use pako.
// Either way the output limit is enforced while inflating, so a gzip bomb costs at most the
// limit in memory, never the bomb's full size.
import * as pako from 'pako';
import { ProfileError } from './errors';

/**
 * Inflater gunzips bytes. Invariant: `gunzip` returns the concatenated output of every gzip
 * member (multistream, like Go's gzip.Reader), never more than `maxOutput` bytes; it stops as
 * soon as the output passes `maxOutput` (throwing InflateLimitError), and throws ProfileError
 * for truncated or corrupt data.
 */
export interface Inflater {
  gunzip(bytes: Uint8Array, maxOutput: number): Uint8Array;
}

/** True when bytes start with the gzip magic 1f 8b (pprof sniffs this, never the file name). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Formats a byte count for messages: "1 GiB", "512 MiB", "3.5 KiB", "17 bytes". */
export function formatByteSize(n: number): string {
  const units: Array<[number, string]> = [[2 ** 40, 'TiB'], [2 ** 30, 'GiB'], [2 ** 20, 'MiB'], [2 ** 10, 'KiB']];
  for (const [size, unit] of units) {
    if (n >= size) return `${Number((n / size).toFixed(2))} ${unit}`;
  }
  return `${n} bytes`;
}

/**
 * InflateLimitError is the ProfileError for gzip data that inflates past the limit. It carries
 * the limit so that parseProfile can say how to raise it.
 */
export class InflateLimitError extends ProfileError {
  constructor(
    readonly limit: number,
    raiseHint = 'the maxInflatedBytes option',
  ) {
    super(`the gzip data inflates to more than ${formatByteSize(limit)}; raise the limit with ${raiseHint} if it is genuine`);
  }
}

/** The ProfileError for a gzip stream that ends before its end marker or trailer. */
export function truncatedGzipError(): ProfileError {
  return new ProfileError('the file is truncated: gzip stream ended early — re-download or re-capture it');
}

/** The ProfileError for gzip data that zlib rejects; `detail` is zlib's reason. */
export function corruptGzipError(detail: string): ProfileError {
  const reason = detail === 'incorrect data check' ? 'CRC mismatch' : detail || 'invalid data';
  return new ProfileError(`the gzip data is corrupt (${reason}) — re-download or re-capture it`);
}

/** Output chunk of the pako inflater: big enough that per-chunk overhead does not matter. */
const PAKO_CHUNK = 256 * 1024;

// Deflate cannot expand more than ~1032:1, so the trailer's ISIZE is trusted as a
// preallocation hint only up to that bound: a tiny file claiming 1 GiB allocates nothing big.
const MAX_DEFLATE_RATIO = 1032;

/** zlib's status for "input ended before the stream did". */
const Z_BUF_ERROR = -5;

/** Thrown from pako's onData to abort inflating the moment the limit is passed. */
class LimitPassed {}

/**
 * pakoInflater inflates with pako, streaming: output is counted chunk by chunk in onData and
 * inflating aborts as soon as it passes maxOutput, so memory stays within the limit plus one
 * chunk. Multistream (concatenated members) as pako 2.2 and Go's gzip.Reader do.
 */
export const pakoInflater: Inflater = {
  gunzip(bytes: Uint8Array, maxOutput: number): Uint8Array {
    // 1. The last member's ISIZE (output length mod 2^32) sizes one exact buffer when it is
    //    plausible: a single-member file then inflates in place, without a final concatenation.
    let out: Uint8Array | undefined;
    if (bytes.length >= 18) {
      const n = bytes.length;
      const isize = (bytes[n - 4] | (bytes[n - 3] << 8) | (bytes[n - 2] << 16) | (bytes[n - 1] << 24)) >>> 0;
      if (isize > 0 && isize <= maxOutput && isize <= n * MAX_DEFLATE_RATIO) out = new Uint8Array(isize);
    }
    let used = 0;
    const chunks: Uint8Array[] = [];
    let total = 0;

    // 2. Inflate, counting output as it is produced.
    const inflate = new pako.Inflate({ chunkSize: PAKO_CHUNK });
    inflate.onData = (data) => {
      const chunk = data as Uint8Array;
      total += chunk.length;
      if (total > maxOutput) throw new LimitPassed();
      if (out && used + chunk.length <= out.length) {
        out.set(chunk, used);
        used += chunk.length;
        return;
      }
      if (out) {
        // The hint was wrong (several members, or a size ≥ 4 GiB): fall back to a chunk list.
        chunks.push(out.subarray(0, used));
        out = undefined;
      }
      // pako hands out a fresh output buffer after each onData, so keeping `chunk` is safe.
      chunks.push(chunk);
    };
    try {
      inflate.push(bytes, true);
    } catch (e) {
      if (e instanceof LimitPassed) throw new InflateLimitError(maxOutput);
      throw e;
    }

    // 3. pako's own onEnd (kept) records failures in err/msg; a stream without its end is
    //    Z_BUF_ERROR.
    if (inflate.err !== 0) {
      if (inflate.err === Z_BUF_ERROR) throw truncatedGzipError();
      throw corruptGzipError(inflate.msg);
    }
    if (out) return used === out.length ? out : out.slice(0, used);
    return concat(chunks, total);
  },
};

/** Concatenates chunks into one array of `total` bytes. */
function concat(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1 && chunks[0].length === total) return chunks[0];
  const result = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    result.set(c, at);
    at += c.length;
  }
  return result;
}
