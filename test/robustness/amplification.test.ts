// Amplification files (issue 13): ~200 KB of gzip that declares 100 million empty Mapping,
// Location, Sample or Function messages. Each is refused with one line, in bounded memory: the
// gzip stops at its ratio limit, the raw bytes at what they declare (before anything is built),
// junk ids at the first bad entry, and memory is accounted as it grows. Bounds are on memory
// and counts, never on time.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { decodeProfile } from '../../src/core/decode';
import { isProfileError } from '../../src/core/errors';
import { nodeInflater } from '../../src/core/node/nodeInflater';
import { parseProfile } from '../../src/core/parse';
import { repoRoot } from '../support/fixtures';
import { peakRssGrowth } from '../support/peakRss';
import { AMPLIFIERS, gzipOfRepeated, repeatedMessage, type AmplifierKind } from './amplification';

const MiB = 2 ** 20;
const COUNT = 100_000_000;

/** Asserts that f throws a ProfileError whose message matches `re`, and returns the message. */
function refused(f: () => unknown, re: RegExp): string {
  let message = '';
  assert.throws(f, (e: unknown) => {
    assert.ok(isProfileError(e), String(e));
    message = e.message;
    assert.match(e.message, re);
    return true;
  });
  return message;
}

const declared = (kind: string) =>
  kind === 'mappings'
    ? /^the profile declares 100,000,000 mappings in 190\.73 MiB: refusing \(a process has at most tens of thousands\)$/
    : new RegExp(`^the profile declares 100,000,000 ${kind} in 190\\.73 MiB: refusing \\(decoding would take over [\\d.]+ GiB, past the 1 GiB limit on decoded memory\\)$`);

describe('amplification: 100 million empty messages', () => {
  for (const kind of Object.keys(AMPLIFIERS) as AmplifierKind[]) {
    it(`${kind}: the ~200 KB gzip is refused for its ratio while inflating, in bounded memory`, () => {
      const gz = gzipOfRepeated(AMPLIFIERS[kind], COUNT);
      assert.ok(gz.length < 256 * 1024, `${gz.length} bytes`);
      const grew = peakRssGrowth(() =>
        refused(
          () => parseProfile(gz, { inflater: nodeInflater }),
          /^the gzip data inflates more than 200-fold \(189\.\d+ KiB to over 64 MiB\), as repeated junk does and real profiles never do: refusing it; if it is genuine, gunzip it and open the raw file$/,
        ),
      );
      console.log(`${kind} gzip: peak RSS +${(grew / MiB).toFixed(0)} MiB`);
      assert.ok(grew < 160 * MiB, `peak RSS grew by ${(grew / MiB).toFixed(0)} MiB`);
    });

    it(`${kind}: the 200 MB raw bytes are refused for what they declare, before anything is built`, () => {
      const raw = repeatedMessage(AMPLIFIERS[kind], COUNT);
      const grew = peakRssGrowth(() => refused(() => decodeProfile(raw), declared(kind)));
      console.log(`${kind} raw: peak RSS +${(grew / MiB).toFixed(0)} MiB`);
      assert.ok(grew < 64 * MiB, `peak RSS grew by ${(grew / MiB).toFixed(0)} MiB`);
    });
  }

  it('with the ratio check off, the inflated bytes reach the decoder, which refuses them the same way', () => {
    const gz = gzipOfRepeated(AMPLIFIERS.locations, COUNT);
    const grew = peakRssGrowth(() =>
      refused(() => parseProfile(gz, { inflater: nodeInflater, maxInflateRatio: Infinity }), declared('locations')),
    );
    console.log(`locations gzip, no ratio check: peak RSS +${(grew / MiB).toFixed(0)} MiB`);
    // The inflated 200 MB plus the decoder's scan, nothing per message.
    assert.ok(grew < 200 * 1e6 + 128 * MiB, `peak RSS grew by ${(grew / MiB).toFixed(0)} MiB`);
  });
});

describe('junk ids are refused at the first bad entry, not after building the table', () => {
  // 4 million entries (mappings: 900,000, below the absolute cap) fit the memory limit, so only
  // the id checks stop them.
  const cases: Array<[string, number[], RegExp]> = [
    ['mapping id 0', [0x1a, 0x02, 0x08, 0x00], /^malformed profile: found mapping with reserved ID=0$/],
    ['mapping id 1, repeated', [0x1a, 0x02, 0x08, 0x01], /^malformed profile: multiple mappings with same id: 1$/],
    ['location id 0', [0x22, 0x02, 0x08, 0x00], /^malformed profile: found location with reserved id=0$/],
    ['location id 7, repeated', [0x22, 0x02, 0x08, 0x07], /^malformed profile: multiple locations with same id: 7$/],
    ['function id 0', [0x2a, 0x02, 0x08, 0x00], /^malformed profile: found function with reserved ID=0$/],
    ['function id 2^53-1, repeated', [0x2a, 0x09, 0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f], /^malformed profile: multiple functions with same id: 9007199254740991$/],
  ];
  for (const [name, message, re] of cases) {
    it(name, () => {
      const raw = repeatedMessage(message, message[0] === 0x1a ? 900_000 : 4_000_000);
      const grew = peakRssGrowth(() => refused(() => decodeProfile(raw), re));
      // Building the entries would take hundreds of MiB.
      assert.ok(grew < 32 * MiB, `peak RSS grew by ${(grew / MiB).toFixed(0)} MiB`);
    });
  }
});

describe('decoded memory is accounted as it grows', () => {
  it('one location with 10 million lines stops at the limit, naming what it holds', () => {
    // A Location (field 4) whose body is 10M empty Line messages (field 4 of Location): the
    // 1,048,577th line, at 64 bytes each, is the first past 64 MiB.
    const N = 10_000_000;
    const body = repeatedMessage([0x22, 0x00], N);
    const len = body.length;
    const head = Buffer.from([0x22, 0x80 | (len & 0x7f), 0x80 | ((len >>> 7) & 0x7f), 0x80 | ((len >>> 14) & 0x7f), (len >>> 21) & 0x7f]);
    const raw = Buffer.concat([head, body]);
    const grew = peakRssGrowth(() =>
      refused(
        () => decodeProfile(raw, { maxDecodedBytes: 64 * MiB, limitHint: '--max-size' }),
        /^the profile holds at least 1,048,577 location lines in 19\.07 MiB: refusing \(decoding would take over 64 MiB, past the 64 MiB limit on decoded memory; raise it with --max-size if the profile is genuine\)$/,
      ),
    );
    assert.ok(grew < 160 * MiB, `peak RSS grew by ${(grew / MiB).toFixed(0)} MiB`);
  });
});

describe('CLI: amplification files are refused with one line, within 1.5 GB peak RSS', () => {
  const cli = path.join(repoRoot, 'dist', 'cli.js');
  const dir = mkdtempSync(path.join(tmpdir(), 'pprof-lens-amp-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const time = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

  /** Runs `pprof-lens -top file` under GNU time; returns its exit code, stderr and peak RSS (bytes). */
  function runCli(file: string): { status: number | null; stderr: string; peak: number | undefined } {
    const args = [process.execPath, cli, '-top', file];
    const r = time ? spawnSync(time, ['-f', 'PEAK %M', ...args], { encoding: 'utf8' }) : spawnSync(args[0], args.slice(1), { encoding: 'utf8' });
    const m = /^PEAK (\d+)$/m.exec(r.stderr);
    return { status: r.status, stderr: r.stderr.replace(/^(PEAK \d+|Command exited with non-zero status \d+)\n?/gm, ''), peak: m ? Number(m[1]) * 1024 : undefined };
  }

  for (const [name, bytes, re] of [
    ['mappings.pb.gz (195 KB)', () => gzipOfRepeated(AMPLIFIERS.mappings, COUNT), /the gzip data inflates more than 200-fold/],
    ['samples.pb (200 MB raw)', () => repeatedMessage(AMPLIFIERS.samples, COUNT), /the profile declares 100,000,000 samples in 190\.73 MiB: refusing/],
  ] as const) {
    it(name, { skip: !existsSync(cli) && 'dist/cli.js is not built (npm run build)' }, () => {
      const file = path.join(dir, name.split(' ')[0]);
      writeFileSync(file, bytes());
      const r = runCli(file);
      assert.equal(r.status, 1, r.stderr);
      const lines = r.stderr.trim().split('\n');
      assert.equal(lines.length, 1, r.stderr);
      assert.match(lines[0], re);
      if (r.peak !== undefined) {
        console.log(`${name}: CLI peak RSS ${(r.peak / MiB).toFixed(0)} MiB`);
        assert.ok(r.peak < 1.5e9, `peak RSS ${(r.peak / MiB).toFixed(0)} MiB`);
      }
    });
  }
});
