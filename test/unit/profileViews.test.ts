// The profile view's data equals go tool pprof's reports: the Top table's rows read exactly like
// -top (golden files), Peek like -peek, and label chips filter what pprof's tag filters filter.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { padLeft } from '../../src/core/measurement';
import type { PeekReport, Query, TopArgs, TopPage, ViewGranularity } from '../../src/shared/protocol';
import { addChip, exactRegexp, refinementsOf, tagChip } from '../../src/shared/refinements';
import { ProfileService } from '../../src/worker/profileService';
import { fixture } from '../support/fixtures';
import { runGoPprof, skipWithoutGo } from '../support/goPprof';

interface GoldenTop {
  /** Header lines (File:, Type:, …, Showing nodes…, Dropped…). */
  labels: string[];
  rows: { flat: string; flatPct: string; sumPct: string; cum: string; cumPct: string; name: string }[];
}

/** Parses a -top golden: header lines, the column titles, then `flat flat% sum% cum cum% name`. */
function parseTop(text: string): GoldenTop {
  const lines = text.split('\n').filter((l) => l !== '');
  const head = lines.findIndex((l) => /^\s+flat\s+flat%\s+sum%\s+cum\s+cum%$/.test(l));
  assert.ok(head > 0, 'no column titles in the golden');
  const rows = lines.slice(head + 1).map((l) => {
    const m = /^\s*(\S+)\s+(\S+%)\s+(\S+%)\s+(\S+)\s+(\S+%)\s{2}(.*)$/.exec(l);
    assert.ok(m, `unparsed golden row: ${l}`);
    return { flat: m[1], flatPct: m[2], sumPct: m[3], cum: m[4], cumPct: m[5], name: m[6] };
  });
  return { labels: lines.slice(0, head), rows };
}

function golden(...parts: string[]): GoldenTop {
  return parseTop(readFileSync(fixture('golden', ...parts), 'utf8'));
}

const services = new Map<string, ProfileService>();
function open(file: string): ProfileService {
  let s = services.get(file);
  if (!s) services.set(file, (s = ProfileService.open(file, undefined, () => {})));
  return s;
}

function allRows(svc: ProfileService, args: Omit<TopArgs, 'offset' | 'limit'>): TopPage {
  const first = svc.top({ ...args, offset: 0, limit: 1 });
  const page = svc.top({ ...args, offset: 0, limit: first.matched });
  assert.equal(page.rows.length, first.matched);
  return page;
}

/** Asserts that the Top rows read exactly like the golden -top text. */
function assertTopEquals(page: TopPage, want: GoldenTop, what: string): void {
  assert.deepEqual(page.labels, want.labels, `${what}: header lines`);
  const got = page.rows.map((r) => ({
    flat: r.flatText,
    flatPct: r.flatPercent,
    sumPct: r.sumPercent,
    cum: r.cumText,
    cumPct: r.cumPercent,
    name: r.inlineLabel ? `${r.name} ${r.inlineLabel}` : r.name,
  }));
  assert.equal(got.length, want.rows.length, `${what}: row count`);
  got.forEach((g, i) => assert.deepEqual(g, want.rows[i], `${what}: row ${i}`));
}

const cpu = () => open(fixture('leaky', 'cpu.pprof'));
const heap3 = () => open(fixture('leaky', 'heap.3.pprof'));

test('Top equals -top at each granularity (leaky cpu.pprof, heap.3.pprof)', () => {
  const cases: [() => ProfileService, number, ViewGranularity, string][] = [
    [cpu, 1, 'functions', 'cpu.pprof.top.txt'],
    [cpu, 1, 'lines', 'cpu.pprof.lines.txt'],
    [heap3, 3, 'files', 'heap.3.pprof.files.txt'],
    [heap3, 3, 'lines', 'heap.3.pprof.lines.txt'],
  ];
  for (const [svc, sampleIndex, granularity, file] of cases) {
    assertTopEquals(allRows(svc(), { query: { sampleIndex }, granularity }), golden('leaky', file), file);
  }
});

test('Top equals -top for every sample type of heap.3.pprof', () => {
  ['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space'].forEach((type, sampleIndex) => {
    const file = `heap.3.pprof.top.${type}.txt`;
    assertTopEquals(allRows(heap3(), { query: { sampleIndex }, granularity: 'functions' }), golden('leaky', file), file);
  });
});

test('Top equals -top with -focus, -ignore and -hide', () => {
  const cases: [Query['refinements'], string][] = [
    [{ focus: 'workHandler' }, 'cpu.pprof.focus_workHandler.top.txt'],
    [{ ignore: 'runtime' }, 'cpu.pprof.ignore_runtime.top.txt'],
    [{ hide: 'runtime' }, 'cpu.pprof.hide_runtime.top.txt'],
  ];
  for (const [refinements, file] of cases) {
    assertTopEquals(allRows(cpu(), { query: { sampleIndex: 1, refinements }, granularity: 'functions' }), golden('leaky', file), file);
  }
});

test('Top with cumSort equals -top -cum', () => {
  const file = 'felixge-pprofutils/examples/labelframes.in.pprof';
  const want = golden('real', `${file}.cum.txt`);
  const svc = open(fixture('real', file));
  const def = svc.summary().defaultSampleIndex;
  assertTopEquals(allRows(svc, { query: { sampleIndex: def }, granularity: 'functions', cumSort: true }), want, 'cum');
});

test('Show all keeps every node (nodefraction 0): no Dropped line, more rows', () => {
  const def = allRows(cpu(), { query: { sampleIndex: 1 }, granularity: 'functions' });
  const all = allRows(cpu(), { query: { sampleIndex: 1 }, granularity: 'functions', showAll: true });
  assert.ok(def.labels.some((l) => l.startsWith('Dropped 122 nodes')));
  assert.ok(!all.labels.some((l) => l.startsWith('Dropped')));
  assert.equal(all.count, def.count + 122);
  // The default rows are the first rows of the full list, with the same numbers.
  assert.deepEqual(all.rows.slice(0, 5).map((r) => r.flatText), def.rows.slice(0, 5).map((r) => r.flatText));
});

test('Top pages, re-orders and searches without changing the rows', () => {
  const svc = cpu();
  const base = { query: { sampleIndex: 1 }, granularity: 'functions' as const };
  const full = allRows(svc, base);
  const page = svc.top({ ...base, offset: 10, limit: 5 });
  assert.deepEqual(page.rows, full.rows.slice(10, 15));
  assert.equal(page.matched, full.rows.length);

  const byName = allRows(svc, { ...base, order: { key: 'name', descending: false } });
  const names = byName.rows.map((r) => r.name);
  assert.deepEqual(names, [...names].sort());
  // Rows keep their own numbers (sum% is -top's running sum) whatever the order.
  const sha = byName.rows.find((r) => r.name === 'crypto/sha256.block')!;
  assert.equal(sha.rank, 0);
  assert.equal(sha.sumPercent, '80.58%');

  const flatAsc = allRows(svc, { ...base, order: { key: 'flat', descending: false } });
  assert.equal(flatAsc.rows[flatAsc.rows.length - 1].name, 'crypto/sha256.block');

  const found = allRows(svc, { ...base, search: '^main\\.' });
  assert.deepEqual(found.rows.map((r) => r.name), ['main.checksum', 'main.workHandler']);
  assert.equal(found.count, full.rows.length);
  assert.throws(() => svc.top({ ...base, search: '(', offset: 0, limit: 1 }), /parsing search regexp/);
});

test('Top rows lead to their source and refine by an exact regexp', () => {
  const svc = cpu();
  const fn = allRows(svc, { query: { sampleIndex: 1 }, granularity: 'functions' });
  const checksum = fn.rows.find((r) => r.name === 'main.checksum')!;
  assert.equal(checksum.refine, '^main\\.checksum$');
  assert.equal(checksum.source?.file, '/vagrant_data/go/src/github.com/example/leaky/main.go');
  assert.ok((checksum.source?.line ?? 0) > 0);
  const lines = allRows(svc, { query: { sampleIndex: 1 }, granularity: 'lines' });
  const row = lines.rows.find((r) => r.functionName === 'main.checksum')!;
  assert.match(row.name, /^main\.checksum \/vagrant_data\/.*main\.go:\d+$/);
  assert.equal(`${row.source?.file}:${row.source?.line}`, row.name.slice('main.checksum '.length));
  const files = allRows(svc, { query: { sampleIndex: 1 }, granularity: 'files' });
  const mainGo = files.rows.find((r) => r.name.endsWith('main.go'))!;
  assert.equal(mainGo.refine, exactRegexp(mainGo.name));
  // Focusing a row through its regexp keeps exactly that function's samples: its cum becomes the total's share.
  const focused = allRows(svc, { query: { sampleIndex: 1, refinements: { focus: checksum.refine } }, granularity: 'functions' });
  assert.equal(focused.rows.find((r) => r.name === 'main.checksum')!.cumText, checksum.cumText);
  assert.ok(focused.rows.length < fn.rows.length);
});

/** Renders Peek data the way -peek prints it (pprof's printTree), to compare with its text. */
function renderPeek(r: PeekReport): string {
  const separator = '----------------------------------------------------------+-------------';
  const legend = '      flat  flat%   sum%        cum   cum%   calls calls% + context 	 	 ';
  const out = [r.labels.join('\n') + '\n', separator + '\n', legend + '\n'];
  const pct = (s: string) => padLeft(s, 6);
  for (const e of r.entries) {
    out.push(separator + '\n');
    for (const c of e.callers) out.push(`${padLeft(c.valueText, 50)} ${pct(c.percent)} |   ${c.name}${c.inline ? ' (inline)' : ''}\n`);
    out.push(`${padLeft(e.flatText, 10)} ${pct(e.flatPercent)} ${pct(e.sumPercent)} ${padLeft(e.cumText, 10)} ${pct(e.cumPercent)}                | ${e.name}\n`);
    for (const c of e.callees) out.push(`${padLeft(c.valueText, 50)} ${pct(c.percent)} |   ${c.name}${c.inline ? ' (inline)' : ''}\n`);
  }
  if (r.entries.length > 0) out.push(separator + '\n');
  return out.join('');
}

test('Peek equals go tool pprof -peek', { skip: skipWithoutGo('-peek parity is checked against it') }, () => {
  const cases: [string, number, ViewGranularity, string, string[]][] = [
    ['cpu.pprof', 1, 'functions', exactRegexp('main.checksum'), []],
    ['cpu.pprof', 1, 'functions', 'runtime\\.m', []],
    ['cpu.pprof', 1, 'lines', '^main\\.workHandler ', ['-lines']],
    ['heap.3.pprof', 1, 'functions', 'TrackRequest', ['-sample_index=1']],
  ];
  for (const [file, sampleIndex, granularity, regexp, flags] of cases) {
    const svc = open(fixture('leaky', file));
    const got = renderPeek(svc.peek({ query: { sampleIndex }, granularity, regexp }));
    const want = runGoPprof([...flags, `-peek=${regexp}`, file], path.dirname(fixture('leaky', file)));
    assert.equal(want.status, 0, want.stderr);
    assert.equal(got, want.stdout, `${file} -peek=${regexp}`);
  }
});

test('Peek of a row: callers and callees with values', () => {
  const r = cpu().peek({ query: { sampleIndex: 1 }, granularity: 'functions', regexp: exactRegexp('main.checksum') });
  assert.equal(r.entries.length, 1);
  const e = r.entries[0];
  assert.equal(e.name, 'main.checksum');
  assert.deepEqual(e.callers.map((c) => c.name), ['main.workHandler']);
  assert.ok(e.callees.some((c) => c.name === 'crypto/sha256.Sum256'));
  assert.equal(e.cumText, '8.40s');
  assert.equal(cpu().peek({ query: { sampleIndex: 1 }, granularity: 'functions', regexp: '^nothing$' }).entries.length, 0);
});

test('labels: keys and values of the profile; a picked label filters as pprof -tagfocus', () => {
  const file = fixture('real', 'parca-dev-parca', 'pkg', 'parca', 'testdata', 'labels.pb.gz');
  const svc = open(file);
  const labels = svc.labels({ query: { sampleIndex: svc.summary().defaultSampleIndex } });
  const api = labels.find((l) => l.key === 'api');
  assert.ok(api && !api.numeric && api.values.length > 0, JSON.stringify(labels));
  const value = api.values[0].value;
  const sampleIndex = svc.summary().defaultSampleIndex;
  for (const kind of ['tagfocus', 'tagignore'] as const) {
    const refinements = refinementsOf([tagChip(kind, { key: 'api', value, numeric: false })]);
    const ours = allRows(svc, { query: { sampleIndex, refinements }, granularity: 'functions' });
    const ref = allRows(svc, { query: { sampleIndex, refinements: { [kind]: `api=^${value.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&')}$` } }, granularity: 'functions' });
    assert.deepEqual(ours.labels, ref.labels, kind);
  }
  // Two values of one key are alternatives; the same as pprof's "key=v1,v2".
  if (api.values.length > 1) {
    const [a, b] = api.values;
    let chips = addChip([], tagChip('tagfocus', { key: 'api', value: a.value, numeric: false }));
    chips = addChip(chips, tagChip('tagfocus', { key: 'api', value: b.value, numeric: false }));
    const both = allRows(svc, { query: { sampleIndex, refinements: refinementsOf(chips) }, granularity: 'functions', showAll: true });
    const q = (s: string) => `^${s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&')}$`;
    const ref = allRows(svc, { query: { sampleIndex, refinements: { tagfocus: `api=${q(a.value)},${q(b.value)}` } }, granularity: 'functions', showAll: true });
    assert.deepEqual(both.labels, ref.labels);
  }
});

test('labels: numeric labels (heap bytes) filter by their exact value', () => {
  const svc = heap3();
  const bytes = svc.labels({ query: { sampleIndex: 3 } }).find((l) => l.key === 'bytes');
  assert.ok(bytes?.numeric, 'heap.3.pprof has a numeric "bytes" label');
  assert.equal(bytes.unit, 'bytes');
  // Heaviest first: the leak's 10 KB buffers hold almost all of inuse_space.
  const v = bytes.values[0];
  assert.equal(v.text, '10kB');
  assert.equal(v.weightText, '49.48MB');
  const chip = tagChip('tagfocus', { key: 'bytes', value: v.value, numeric: true }, bytes.unit);
  const check = svc.checkQuery({ query: { sampleIndex: 3, refinements: refinementsOf([chip]) } });
  assert.equal(check.error, undefined);
  assert.ok(!check.warnings.some((w) => /matched no samples/.test(w)), JSON.stringify(check.warnings));
  const focused = svc.top({ query: { sampleIndex: 3, refinements: refinementsOf([chip]) }, granularity: 'functions', offset: 0, limit: 1 });
  assert.equal(focused.rows[0].name, 'main.TrackRequest');
  assert.equal(focused.rows[0].flatText, '49.48MB');
});

test('checkQuery: a bad regexp is one line; a focus that matches nothing is a warning', () => {
  const svc = cpu();
  assert.match(svc.checkQuery({ query: { sampleIndex: 1, refinements: { focus: '(' } } }).error ?? '', /parsing focus regexp/);
  const c = svc.checkQuery({ query: { sampleIndex: 1, refinements: { focus: 'no-such-function' } } });
  assert.equal(c.error, undefined);
  assert.deepEqual(c.warnings, ['Focus expression matched no samples']);
});
