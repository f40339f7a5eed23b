// The Node implementation of Inflater: node:zlib measured 3-7x faster than pako on 10-75 MB
// profiles. This folder is the only place in src/core allowed to import node: modules.
import { constants as bufferConstants } from 'node:buffer';
import * as zlib from 'node:zlib';
import { corruptGzipError, InflateLimitError, truncatedGzipError, type Inflater } from '../gunzip';

// Bigger than zlib's 16 KiB default: fewer chunks to collect and concatenate on big profiles.
const CHUNK = 1 << 20;

/**
 * nodeInflater gunzips with node:zlib's gunzipSync. Invariant: `maxOutputLength` makes zlib
 * refuse while inflating (it stops at the first chunk past the limit), so a 4 GiB bomb never
 * costs more than the limit; concatenated members are inflated as one stream (zlib's Gunzip
 * is multistream, like Go's gzip.Reader). Errors become ProfileError with one line.
 */
export const nodeInflater: Inflater = {
  gunzip(bytes: Uint8Array, maxOutput: number): Uint8Array {
    // zlib refuses a maxOutputLength above what one Buffer can hold.
    const limit = Math.max(1, Math.min(maxOutput, bufferConstants.MAX_LENGTH));
    try {
      const out = zlib.gunzipSync(bytes, { maxOutputLength: limit, chunkSize: CHUNK });
      return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      if (code === 'ERR_BUFFER_TOO_LARGE') throw new InflateLimitError(limit);
      if (code === 'Z_BUF_ERROR') throw truncatedGzipError();
      if (typeof code === 'string' && code.startsWith('Z_')) throw corruptGzipError((e as Error).message);
      throw e;
    }
  },
};
