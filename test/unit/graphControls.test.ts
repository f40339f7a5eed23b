// Function names with control characters (NUL, BEL, ESC, tab, CR) in the Graph tab: the layout
// gets them drawn visibly (pprof writes them raw into its -dot text, which Graphviz refused with
// "missing endquote"), while the CLI's -dot report keeps pprof's bytes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { dotForLayout } from '../../src/worker/graphLayout';
import { ProfileService } from '../../src/worker/profileService';
import { repoRoot } from '../support/fixtures';
import { encodeProfile } from '../support/profileWriter';

const cli = path.join(repoRoot, 'dist', 'cli.js');

const NUL_NAME = 'main.nul\u0000bel\u0007esc\u001b[31m';
const TAB_NAME = 'main.tab\there\r"q"';

describe('control characters in the Graph tab', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pprof-lens-ctl-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'ctl.pb');
  writeFileSync(file, encodeProfile({
    sampleTypes: [['samples', 'count']],
    samples: [{ locationIds: [1, 2], values: [5] }, { locationIds: [2], values: [3] }],
    locations: [{ id: 1, lines: [[1, 3]] }, { id: 2, lines: [[2, 4]] }],
    functions: [{ id: 1, name: NUL_NAME, file: 'a.go' }, { id: 2, name: TAB_NAME, file: 'b.go' }],
  }));
  const svc = ProfileService.open(file, undefined, () => {});

  it('lays out, and draws the controls as Control Pictures in labels, names and tooltips', async () => {
    const v = await svc.graph({ query: { sampleIndex: 0 } });
    const nodes = v.nodes.filter((n) => n.kind === 'node');
    const labels = nodes.map((n) => n.lines.map((l) => l.text).join(' | ')).sort();
    assert.deepEqual(labels, [
      'main | nul␀bel␇esc␛[31m | 5 (62.50%)',
      'main | tab␉here␍"q" | 3 (37.50%) | of 8 (100%)',
    ]);
    assert.deepEqual(nodes.map((n) => n.info?.name).sort(), ['main.nul␀bel␇esc␛[31m', 'main.tab␉here␍"q"']);
    assert.deepEqual(nodes.map((n) => n.tooltip).sort(), ['main.nul␀bel␇esc␛[31m (5)', 'main.tab␉here␍"q" (8)']);
    // Refining on a node still matches the raw name.
    assert.ok(nodes.every((n) => n.info && !/␀|␉/.test(n.info.refine)), nodes.map((n) => n.info?.refine).join(' '));
  });

  it('the layout\'s copy of the DOT text has them visible, its line breaks kept', () => {
    assert.equal(dotForLayout('digraph "x" {\nN1 [label="a\u0000b\u001bc\td"]\n}\n'), 'digraph "x" {\nN1 [label="a␀b␛c␉d"]\n}\n');
  });

  it('the CLI\'s -dot report keeps pprof\'s raw bytes (pprof escapes only \\ and ")', { skip: !existsSync(cli) && 'dist/cli.js is not built' }, () => {
    const r = spawnSync(process.execPath, [cli, '-dot', file], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(r.stdout.includes('nul\u0000bel\u0007esc\u001b[31m'), JSON.stringify(r.stdout.slice(0, 600)));
    assert.ok(r.stdout.includes('tab\there\r\\"q\\"'), JSON.stringify(r.stdout.slice(0, 600)));
  });
});
