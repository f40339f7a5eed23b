// The single entry from bytes to Profile, as pprof's ParseData: gzip is sniffed by its magic
// (files named .pb.gz may be raw, and profiles often have no extension), inflated within a
// limit, then decoded; inputs that are not profile.proto are named instead of failing with a
// protobuf offset.
import { decodeProfile } from './decode';
import { ProfileError } from './errors';
import { InflateLimitError, isGzip, type Inflater } from './gunzip';
import type { Profile } from './profile';
import { sniffNonProfile } from './sniff';

/** Default limit on the inflated size of a gzipped profile: 1 GiB. */
export const DEFAULT_MAX_INFLATED_BYTES = 2 ** 30;

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
}

/**
 * Parses the bytes of a profile file (profile.proto, raw or gzipped) into a Profile.
 * Invariant: either returns a decoded, validated Profile or throws ProfileError with one line;
 * gzip output never exceeds `maxInflatedBytes`; legacy and foreign formats are named.
 */
export function parseProfile(bytes: Uint8Array, opts: ParseOptions): Profile {
  const limit = opts.maxInflatedBytes ?? DEFAULT_MAX_INFLATED_BYTES;
  let data = bytes;

  // 1. Gunzip when the magic says so, within the limit.
  if (isGzip(bytes)) {
    try {
      data = opts.inflater.gunzip(bytes, limit);
    } catch (e) {
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
    return decodeProfile(data, { validate: opts.validate });
  } catch (e) {
    if (e instanceof ProfileError && sniffed) throw new ProfileError(sniffed.description);
    throw e;
  }
}
