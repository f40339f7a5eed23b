// A gzip bomb crafted at test time without ever holding (or even producing) its output:
// one deflate block that inflates to BLOCK zeros is repeated, since each copy after the first
// only refers back to zeros. Valid gzip: header, blocks, a final empty block, CRC-32, ISIZE.
import * as zlib from 'node:zlib';

const BLOCK = 16 << 20;

/** The CRC-32 polynomial (reflected), as in zlib. */
const POLY = 0xedb88320;

/** a(x)·b(x) modulo the CRC polynomial (zlib's multmodp). */
function multModP(a: number, b: number): number {
  let m = 0x80000000;
  let p = 0;
  for (;;) {
    if (a & m) {
      p ^= b;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    b = b & 1 ? (b >>> 1) ^ POLY : b >>> 1;
  }
  return p >>> 0;
}

/** x^(n·2^k) modulo the CRC polynomial, for n bytes (zlib's x2nmodp with k = 3). */
function xPow8n(n: number): number {
  let p = 0x80000000; // x^0
  let sq = 0x40000000; // x^1, squared k times below
  for (let k = 0; k < 3; k++) sq = multModP(sq, sq);
  while (n > 0) {
    if (n % 2 === 1) p = multModP(sq, p);
    n = Math.floor(n / 2);
    sq = multModP(sq, sq);
  }
  return p;
}

/** CRC-32 of A followed by B from crc(A), crc(B) and len(B) (zlib's crc32_combine). */
function crc32Combine(crcA: number, crcB: number, lenB: number): number {
  return (multModP(xPow8n(lenB), crcA) ^ crcB) >>> 0;
}

/**
 * Returns a valid single-member gzip file that inflates to `size` zero bytes (`size` a multiple
 * of 16 MiB). 4 GiB takes ~4 MB and a few milliseconds to build.
 */
export function gzipOfZeros(size: number): Uint8Array {
  if (size % BLOCK !== 0 || size <= 0) throw new Error(`size must be a positive multiple of ${BLOCK}`);
  const zeros = Buffer.alloc(BLOCK);
  // A sync flush ends the block on a byte boundary without marking it final, so copies chain.
  const block = zlib.deflateRawSync(zeros, { level: 9, finishFlush: zlib.constants.Z_SYNC_FLUSH });
  const blockCrc = zlib.crc32(zeros);
  const copies = size / BLOCK;
  let crc = blockCrc;
  let len = BLOCK;
  // CRC of 2^k blocks by doubling, then add the rest block by block (few steps: copies ≤ 4096).
  const crcOf = new Map<number, number>([[1, blockCrc]]);
  while (len * 2 <= size) {
    crc = crc32Combine(crc, crc, len);
    len *= 2;
    crcOf.set(len / BLOCK, crc);
  }
  for (let rest = size - len; rest > 0; ) {
    let n = 1;
    while (n * 2 * BLOCK <= rest) n *= 2;
    crc = crc32Combine(crc, crcOf.get(n) as number, n * BLOCK);
    rest -= n * BLOCK;
  }
  const header = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
  const finalEmptyBlock = Buffer.from([0x03, 0x00]);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(size % 2 ** 32, 4);
  const parts: Buffer[] = [header];
  for (let i = 0; i < copies; i++) parts.push(block);
  parts.push(finalEmptyBlock, trailer);
  return new Uint8Array(Buffer.concat(parts));
}
