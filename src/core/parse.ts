// The single entry from bytes to Profile, as pprof's ParseData: gzip is sniffed by its magic
// (files named .pb.gz may be raw, and profiles often have no extension), inflated within a
// limit, then decoded; inputs that are not profile.proto are named instead of failing with a
// protobuf offset.
import { decodeProfile, DEFAULT_MAX_DECODED_BYTES } from './decode';
import { ProfileError } from './errors';
import { formatByteSize, InflateLimitError, isGzip, type Inflater } from './gunzip';
import type { Profile } from './profile';
import { sniffNonProfile } from './sniff';

/** Default limit on the inflated size of a gzipped profile: 1 GiB. */
export const DEFAULT_MAX_INFLATED_BYTES = 2 ** 30;

/**
 * Default limit on how many times its size a gzipped profile may inflate to. Real profiles
 * compress 1.5-10.4x (heap-1500k: 1.5x; the 74 gzipped fixture profiles at most 10.4x); junk compresses up
 * to deflate's ~1030x. Applies only past MIN_RATIO_CHECKED_BYTES: small files inflate freely.
 */
export const DEFAULT_MAX_INFLATE_RATIO = 200;

/** Inflated sizes up to this are never refused for their ratio: 64 MiB. */
const MIN_RATIO_CHECKED_BYTES = 64 * 2 ** 20;

/** Options of parseProfile. */
export interface ParseOptions {
  /** How to gunzip: nodeInflater in Node, pakoInflater elsewhere. */
  inflater: Inflater;
  /** Refuse gzip data that inflates to more than this many bytes (default 1 GiB). */
  maxInflatedBytes?: number;
  /** How the user raises the limit, for the error message (e.g. "the pprofLens.maxInflatedSize setting"). */
  limitHint?: string;
  /** Validate as pprof's CheckValid does (default true). */
  validate?: boolean;
  /**
   * Refuse gzip data that inflates past 64 MiB and to more than this many times its size
   * (default 200; Infinity turns the check off).
   */
  maxInflateRatio?: number;
}

/**
 * Parses the bytes of a profile file (profile.proto, raw or gzipped) into a Profile.
 * Invariant: either returns a decoded, validated Profile or throws ProfileError with one line;
 * gzip output never exceeds `maxInflatedBytes`; legacy and foreign formats are named.
 */
export function parseProfile(bytes: Uint8Array, opts: ParseOptions): Profile {
  const limit = opts.maxInflatedBytes ?? DEFAULT_MAX_INFLATED_BYTES;
  let data = bytes;

  // 1. Gunzip when the magic says so, within the limit and the ratio (a bomb stops early).
  if (isGzip(bytes)) {
    const ratio = opts.maxInflateRatio ?? DEFAULT_MAX_INFLATE_RATIO;
    const ratioLimit = Math.max(MIN_RATIO_CHECKED_BYTES, bytes.length * ratio);
    try {
      data = opts.inflater.gunzip(bytes, Math.min(limit, ratioLimit));
    } catch (e) {
      if (e instanceof InflateLimitError && ratioLimit < limit) {
        throw new ProfileError(
          `the gzip data inflates more than ${ratio}-fold (${formatByteSize(bytes.length)} to over ${formatByteSize(ratioLimit)}), as repeated junk does and real profiles never do: refusing it; if it is genuine, gunzip it and open the raw file`,
        );
      }
      if (e instanceof InflateLimitError && opts.limitHint) throw new InflateLimitError(e.limit, opts.limitHint);
      throw e;
    }
    if (data.length === 0) throw new ProfileError('empty input file: the gzip data inflates to 0 bytes; capture the profile again');
  }

  // 2. Refuse what is certainly another format before decoding: text can decode as protobuf.
  const sniffed = sniffNonProfile(data);
  if (sniffed?.certain) throw new ProfileError(sniffed.description);

  // 3. Decode; when that fails, a recognizable input (plain text, JSON) says more than the offset.
  try {
    // Decoded memory is bounded like the inflated size, and raised by the same setting.
    const maxDecodedBytes = Math.max(DEFAULT_MAX_DECODED_BYTES, limit);
    return decodeProfile(data, { validate: opts.validate, maxDecodedBytes, limitHint: opts.limitHint });
  } catch (e) {
    if (e instanceof ProfileError && sniffed) throw new ProfileError(sniffed.description);
    throw e;
  }
}
