// The regression corpus: every input that once broke the engine still gets its ProfileError,
// with both inflaters, quickly.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { isProfileError } from '../../src/core/errors';
import { pakoInflater } from '../../src/core/gunzip';
import { nodeInflater } from '../../src/core/node/nodeInflater';
import { parseProfile } from '../../src/core/parse';

interface CorpusEntry {
  file: string;
  why: string;
  /** Regular expression the ProfileError's message must match. */
  error: string;
}

const dir = path.join(__dirname, 'corpus');
const entries = JSON.parse(readFileSync(path.join(dir, 'index.json'), 'utf8')) as CorpusEntry[];

describe('regression corpus', () => {
  for (const entry of entries) {
    it(`${entry.file}: ${entry.why.split('.')[0]}`, () => {
      const bytes = readFileSync(path.join(dir, entry.file));
      for (const inflater of [nodeInflater, pakoInflater]) {
        const t = performance.now();
        assert.throws(() => parseProfile(bytes, { inflater }), (e: unknown) => {
          assert.ok(isProfileError(e), `not a ProfileError: ${String(e)}`);
          assert.match(e.message, new RegExp(entry.error));
          assert.ok(!e.message.includes('\n'));
          return true;
        });
        const ms = performance.now() - t;
        assert.ok(ms < 2000, `took ${ms.toFixed(0)} ms`);
      }
    });
  }
});
