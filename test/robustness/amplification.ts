// Amplification inputs built at test time: profile.proto made of one message repeated millions
// of times (an empty Mapping is 2 bytes), which gzip squeezes ~1000-fold. 200 MB of them
// compress to ~200 KB: the file a user downloads is small, what it declares is not.
import * as zlib from 'node:zlib';

/** The top-level profile.proto messages an amplification file repeats, with their encoding. */
export const AMPLIFIERS = {
  /** Empty Mapping (field 3, length 0). */
  mappings: [0x1a, 0x00],
  /** Empty Location (field 4). */
  locations: [0x22, 0x00],
  /** Empty Sample (field 2). */
  samples: [0x12, 0x00],
  /** Empty Function (field 5). */
  functions: [0x2a, 0x00],
} as const;

/** The kinds of AMPLIFIERS. */
export type AmplifierKind = keyof typeof AMPLIFIERS;

/** Raw profile.proto bytes: `count` copies of `message` (a Buffer filled in place, no copies). */
export function repeatedMessage(message: readonly number[], count: number): Buffer {
  const out = Buffer.allocUnsafe(message.length * count);
  out.fill(Buffer.from(message));
  return out;
}

/** The gzip of repeatedMessage (level 9: 200 MB of 2-byte messages become ~195 KB). */
export function gzipOfRepeated(message: readonly number[], count: number): Buffer {
  return zlib.gzipSync(repeatedMessage(message, count), { level: 9 });
}
