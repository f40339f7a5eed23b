// The worker's hot lines and hover under attribution: ranked by the user's line, with what it calls
// into; pprof's own per-line numbers (lineStats) unchanged; the raw leaf ranking without a spec.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { ProfileService } from '../../src/worker/profileService';
import { BLOG, GOROUTINES } from '../support/attributionProfiles';
import { encodeProfile, type ProfileSpec } from '../support/profileWriter';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'pprof-lens-attributed-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function open(name: string, spec: ProfileSpec): ProfileService {
  const file = path.join(tmp, name);
  writeFileSync(file, encodeProfile(spec));
  return ProfileService.open(file, undefined, () => {});
}

describe('ProfileService with a YourCodeSpec', () => {
  const svc = open('blog.pb', BLOG);
  const query = { sampleIndex: 0 };
  const yourCode = { modules: ['main'] };

  it('ranks Track\'s line first, charged with what bytes.Repeat allocated, and says so', () => {
    const [top, second] = svc.hotLines({ query, limit: 2, yourCode });
    assert.deepEqual(top, {
      file: 'example.com/tracker/main.go',
      line: 25,
      functionName: 'main.(*RequestTracker).Track',
      flat: 1300,
      cum: 1300,
      flatText: '1.27kB',
      cumText: '1.27kB',
      flatPercent: '94.89%',
      via: 'via bytes.Repeat (bytes/bytes.go:610, inlined) 100%',
    });
    // A stack with no user frame stays on its leaf.
    assert.deepEqual([second.file, second.line, second.flat, second.via], ['runtime/malloc.go', 1000, 50, undefined]);
  });

  it('without a spec keeps pprof\'s leaf ranking, and lineStats stay pprof\'s either way', () => {
    const [top] = svc.hotLines({ query, limit: 1 });
    assert.deepEqual([top.file, top.line, top.flat, top.functionName, top.via], ['runtime/malloc.go', 1000, 1070, 'runtime.mallocgc', undefined]);
    assert.deepEqual(svc.lineStats({ query, files: ['example.com/tracker/main.go'] }).map((s) => [s.line, s.flat, s.cum]), [[25, 0, 1300], [40, 0, 1320]]);
  });

  it('the hover says what the line is charged with', () => {
    assert.deepEqual(svc.lineDetail({ query, file: 'example.com/tracker/main.go', line: 25, yourCode }).charge, {
      valueText: '1.27kB',
      percent: '94.89%',
      via: ['via bytes.Repeat (bytes/bytes.go:610, inlined) 100%'],
      goroutines: undefined,
    });
    assert.equal(svc.lineDetail({ query, file: 'example.com/tracker/main.go', line: 25 }).charge, undefined);
    // Nothing is charged to the handler's line: no charge section there.
    assert.equal(svc.lineDetail({ query, file: 'example.com/tracker/main.go', line: 40, yourCode }).charge, undefined);
  });

  it('goroutine profiles: the first hot line is the blocking user line with its wait reason', () => {
    const g = open('goroutine.pb', GOROUTINES);
    const [top] = g.hotLines({ query, limit: 1, yourCode: { nonStd: true } });
    assert.equal(top.goroutines, '1,200 goroutines blocked at notify.go:13 in notify.listen (chan receive), started as notify.listen');
    assert.equal(top.via, 'via runtime.chanrecv2 (runtime/chan.go:447) 100%');
  });
});
