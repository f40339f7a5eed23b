// Opening a profile indexes nothing: the summary's files come from the location table, and each
// view builds only the -list index of the query it asks for (the default sample type first).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { fetchProfiles } from '../../src/core/driver';
import { nodeInflater } from '../../src/core/node/nodeInflater';
import { parseProfile } from '../../src/core/parse';
import { buildLineIndex, listFiles, reportConfig } from '../../src/core/report/lineIndex';
import { queryKey } from '../../src/shared/protocol';
import { ProfileService } from '../../src/worker/profileService';
import { fixture } from '../support/fixtures';

/** Every profile fixture that decodes (leaky's and the real ones), as paths. */
function profileFixtures(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (!/\.(md|txt|go|sh|mod|sum|json|svg|html|dot)$/.test(name)) out.push(p);
    }
  };
  walk(fixture('leaky'));
  walk(fixture('real'));
  walk(fixture('external'));
  return out;
}

test('listFiles equals the union of the -list indexes of every sample type, on every fixture', () => {
  let compared = 0;
  for (const file of profileFixtures()) {
    let p;
    try {
      p = fetchProfiles({ sources: [parseProfile(readFileSync(file), { inflater: nodeInflater })] }, { normalize: false });
    } catch {
      continue; // Not a profile (a text fixture): nothing to compare.
    }
    const union = new Set<string>();
    for (let i = 0; i < p.sampleTypes.length; i++) for (const f of buildLineIndex(p, reportConfig(i)).files.keys()) union.add(f);
    assert.deepEqual(listFiles(p), [...union].sort(), path.relative(fixture(), file));
    compared++;
  }
  assert.ok(compared >= 10, `only ${compared} profiles compared`);
});

test('opening, the summary and the Top table build no -list index; the views build only the sample type they show', () => {
  const svc = ProfileService.open(fixture('leaky', 'heap.3.pprof'), undefined, () => {});
  const summary = svc.summary();
  assert.equal(summary.sampleTypes.length, 4);
  assert.ok(svc.files().includes('/vagrant_data/go/src/github.com/example/leaky/main.go'));
  assert.deepEqual(svc.indexedQueries, []);
  // The Top table indexes nothing (its rows' Open Source asks for the hottest line when used);
  // Open Source, the annotations and hot lines of the default type index that type only.
  const def = { sampleIndex: summary.defaultSampleIndex };
  const top = svc.top({ query: def, granularity: 'functions', offset: 0, limit: 10 });
  assert.deepEqual(svc.indexedQueries, []);
  assert.ok(svc.functionSource({ query: def, functionName: top.rows[0].functionName }));
  assert.deepEqual(svc.indexedQueries, [queryKey(def)]);
  svc.lineStats({ query: def, files: svc.files() });
  svc.hotLines({ query: def, limit: 5 });
  assert.deepEqual(svc.indexedQueries, [queryKey(def)]);
  // Switching the sample type indexes the new one when it is asked for.
  svc.hotLines({ query: { sampleIndex: 0 }, limit: 5 });
  assert.deepEqual(svc.indexedQueries, [queryKey(def), queryKey({ sampleIndex: 0 })]);
});
