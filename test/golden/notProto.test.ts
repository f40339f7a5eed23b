// Every file of fixtures/real/NOT_PROTO.txt is refused by the command line with its format
// named: exit 1, nothing on stdout, one stderr line `pprof-lens: <file>: <what it is>`. The
// names come from parseProfile's sniffer (src/core/sniff.ts); this checks the whole path.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../src/cli/run';
import { fixture } from '../support/fixtures';

/** The format each NOT_PROTO file must be called, by the last part of its name. */
function expectedFormat(file: string): RegExp {
  const base = path.basename(file);
  if (base === 'jemalloc.heap') return /jemalloc/;
  const kind: Record<string, RegExp> = {
    cpu: /CPU profile in legacy binary format/,
    contention: /contention profile in legacy text format/,
    growth: /heap growth profile in legacy text format/,
    heap: /heap profile in (legacy text|debug=1 text) format/,
    thread: /thread(create)? profile in (legacy text|debug=1 text) format/,
    all: /thread profile in legacy text format/,
    none: /thread profile in legacy text format/,
  };
  const ext = base.split('.').pop() as string;
  const want = kind[ext];
  assert.ok(want, `no expected format for ${file}`);
  return base.startsWith('java.') ? new RegExp(`Java ${want.source}`) : want;
}

function notProtoFiles(): string[] | string {
  try {
    return readFileSync(fixture('real', 'NOT_PROTO.txt'), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
  } catch (e) {
    if (process.env.CI) throw e;
    return (e as Error).message;
  }
}

describe('NOT_PROTO files are refused with their format named', () => {
  const files = notProtoFiles();
  if (typeof files === 'string') {
    it('NOT_PROTO.txt', { skip: files }, () => {});
    return;
  }
  it('NOT_PROTO.txt is not empty', () => assert.ok(files.length > 0));
  for (const rel of files) {
    it(rel, () => {
      const r = runCli(['-top', rel], { cwd: fixture('real') });
      assert.equal(r.status, 1);
      assert.equal(r.stdout, '');
      const lines = r.stderr.split('\n');
      assert.equal(lines.length, 2, `one line: ${r.stderr}`);
      assert.ok(lines[0].startsWith(`pprof-lens: ${rel}: `), lines[0]);
      assert.match(lines[0], expectedFormat(rel));
    });
  }
});
