// What the mutation run of src/core/transform.ts (the `transform` group, TESTING.md) found
// untested: the tag-name filters (-tagshow/-taghide), -normalize, HasLabel, the mapping fix-ups of
// fetched profiles, the merger's keys and headers, the tag-filter ranges, -tagroot/-tagleaf, the
// flags each filter reports, and the edges of the frame filters. Expected values are Go 1.19's:
// the profile package vendored in GOROOT (src/cmd/vendor/github.com/google/pprof/profile, built in
// a scratch module and run on the same profiles built in Go), `go tool pprof` on a profile written
// by that package (the tag filters and -tagroot/-tagleaf), and Go's net/url; the few values worked
// out by hand say so, with pprof's code that gives them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileGoRegexp } from '../../src/core/goRegexp';
import type { Profile } from '../../src/core/profile';
import { sampleLabels } from '../../src/core/profile';
import {
  addLabelNodes,
  aggregate,
  compatible,
  compileTagFilter,
  ensureMapping,
  filterSamplesByName,
  filterSamplesByTag,
  filterTagsByName,
  hasLabel,
  merge,
  normalize,
  numLabelUnits,
  parseTagFilterRange,
  prune,
  pruneFrom,
  removeUninteresting,
  sampleIndexByName,
  scale,
  scaleN,
  setLabel,
  showFrom,
  unsourceMappings,
} from '../../src/core/transform';
import { build, dump, snapshot, type SampleSpec } from '../support/transformProfiles';

const rx = (s: string) => compileGoRegexp(s);
const values = (p: Profile) => Array.from(p.samples.values);

/** The profile of the tag tests: one location, string and numeric labels (Go's tagProfile in the oracle). */
const tagProfile = () =>
  build({
    samples: [
      { stack: [['main']], values: [1], labels: [['a', 'x'], ['b', 'y'], ['bytes', [1024, 'bytes']]] },
      { stack: [['main']], values: [2], labels: [['a', 'z']] },
      { stack: [['main']], values: [3] },
    ],
  });
const labelsOf = (p: Profile) =>
  Array.from({ length: p.samples.count }, (_, i) => sampleLabels(p, i).map((l) => `${l.key}=${l.str ?? `${l.num}${l.unit ?? ''}`}`).join(','));

describe('filterTagsByName (-tagshow, -taghide)', () => {
  // Go: p.FilterTagsByName(show, hide) on the same three samples, labels printed after it.
  const cases: [string, string, boolean, boolean, string[]][] = [
    ['^b', '', true, false, ['b=y,bytes=1024bytes', '', '']],
    ['', 'bytes', true, true, ['a=x,b=y', 'a=z', '']],
    ['zzz', '', false, false, ['', '', '']],
    ['a|b', 'b', true, true, ['a=x', 'a=z', '']],
    ['', 'zzz', true, false, ['a=x,b=y,bytes=1024bytes', 'a=z', '']],
  ];
  for (const [show, hide, sm, hm, labels] of cases) {
    it(`show ${show || '-'} hide ${hide || '-'}: sm=${sm} hm=${hm}`, () => {
      const p = tagProfile();
      const before = snapshot(p);
      const r = filterTagsByName(p, show ? rx(show) : undefined, hide ? rx(hide) : undefined);
      assert.deepEqual([r.sm, r.hm, labelsOf(r.profile)], [sm, hm, labels]);
      assert.deepEqual(values(r.profile), [1, 2, 3], 'samples and values stay');
      assert.equal(snapshot(p), before, 'input unchanged');
    });
  }
  it('without show and hide: the profile itself; sm tells whether any label exists', () => {
    const p = tagProfile();
    const r = filterTagsByName(p, undefined, undefined);
    assert.equal(r.profile, p);
    assert.deepEqual([r.sm, r.hm], [true, false]);
    const bare = build({ samples: [{ stack: [['main']], values: [1] }] });
    assert.deepEqual([filterTagsByName(bare, undefined, undefined).sm, filterTagsByName(bare, undefined, undefined).hm], [false, false]);
    // Go: show matches no key when there is none, so sm stays false.
    assert.deepEqual([filterTagsByName(bare, rx('.'), undefined).sm, filterTagsByName(bare, undefined, rx('.')).hm], [false, false]);
  });
});

describe('hasLabel (Sample.HasLabel: string labels only)', () => {
  it('finds key=value among the sample’s own string labels', () => {
    const p = tagProfile();
    // Go: s0.HasLabel("a","x") true, ("a","z") false, s1 ("a","z") true, s0 ("b","x") false, s2 ("a","x") false.
    assert.deepEqual(
      [hasLabel(p, 0, 'a', 'x'), hasLabel(p, 0, 'a', 'z'), hasLabel(p, 1, 'a', 'z'), hasLabel(p, 0, 'b', 'x'), hasLabel(p, 2, 'a', 'x')],
      [true, false, true, false, false],
    );
    assert.equal(hasLabel(p, 0, 'b', 'y'), true, 'the second label of a sample');
    assert.equal(hasLabel(p, 1, 'a', 'x'), false, 'not the previous sample’s label');
  });
  it('a numeric label is not a string label, even when its number is the string’s index', () => {
    // Strings: ['', 'k', 'true']: sample 1's numeric k=2 must not read as k="true".
    const p = build({ samples: [{ stack: [['main']], values: [1], labels: { k: 'true' } }, { stack: [['main']], values: [1], labels: { k: 2 } }] });
    assert.equal(p.strings[2], 'true');
    assert.deepEqual([hasLabel(p, 0, 'k', 'true'), hasLabel(p, 1, 'k', 'true')], [true, false]);
  });
});

describe('normalize (-normalize)', () => {
  const two = (...vals: number[][]) =>
    build({ types: [['samples', 'count'], ['cpu', 'nanoseconds']], samples: vals.map((v) => ({ stack: [['main']], values: v })) });
  it('scales each type to the base’s total (Go: [3 10] [1 30] by [5 8] [3 12] gives [6 5] [2 15])', () => {
    const p = two([3, 10], [1, 30]);
    const before = snapshot(p);
    assert.deepEqual(values(normalize(p, two([5, 8], [3, 12]))), [6, 5, 2, 15]);
    assert.equal(snapshot(p), before);
  });
  it('a type summing to zero is scaled by 0, and all-zero samples are dropped (Go: [1 0] [1 0])', () => {
    assert.deepEqual(values(normalize(two([2, 0], [2, 0], [0, 0]), two([1, 7]))), [1, 0, 1, 0]);
  });
  it('refuses a base of other sample types', () => {
    // Go 1.19 prints the ValueType pointers here; pprof Lens prints type/unit.
    assert.throws(() => normalize(two([1, 1]), tagProfile()), {
      message: 'incompatible sample types [samples/count cpu/nanoseconds] and [samples/count]',
    });
  });
});

describe('ensureMapping and unsourceMappings (fetch fix-ups)', () => {
  it('ensureMapping gives a profile without mappings one empty mapping that every location uses', () => {
    const src = build({ samples: [{ stack: [['a'], ['main']], values: [1] }] });
    const p: Profile = { ...src, mappings: [], locations: src.locations.map((l) => ({ ...l, mapping: undefined })) };
    const before = snapshot(p);
    const q = ensureMapping(p);
    assert.deepEqual(q.mappings, [{
      index: 0, id: 1, start: 0n, limit: 0n, offset: 0n, file: '', buildId: '',
      hasFunctions: false, hasFilenames: false, hasLineNumbers: false, hasInlineFrames: false,
    }]);
    assert.equal(q.locations.length, 2);
    for (const l of q.locations) assert.equal(l.mapping, q.mappings[0]);
    assert.deepEqual(q.locations.map((l) => l.lines[0].function?.name), ['a', 'main']);
    assert.equal(snapshot(p), before);
    assert.equal(ensureMapping(src), src, 'a profile with a mapping is returned as is');
  });

  // Go 1.19: url.Parse(s) succeeds and u.IsAbs() (go run, net/url).
  const urls: [string, boolean][] = [
    ['http://h/p', true], ['https://h/a%zz', false], ['https://h/a%2F', true], ['http://h/a?q=%zz', true],
    ['mailto:x', true], [':foo', false], ['1http://x', false], ['a+b.c-d:rest', true], ['ht\x7ftp://x', false],
    ['file:///a/b', true], ['x', false], ['/path:with', false], ['http://h/a%', false], ['http://h/%4', false],
    ['C:\\x', true], ['h%zz:x', false], ['x:%zz', true], ['http://h/\tp', false], ['HTTP://H', true], ['a:b:c', true],
    ['h-t:x', true], ['-h:x', false], ['x#y:z', false], ['mem:x%zz', true], ['gs://bucket/obj', true],
    ['http://h/p#%zz', false], ['http://h/#a%zz', false], ['http://h/#%4', false], ['http://h/a?q=%zz#f', true],
    ['x:a%#f', true], ['x:a%zz#f', true],
  ];
  for (const [file, abs] of urls) {
    // The name in printable ASCII without '#': the tap runner of `npm run mutate` parses these names.
    const name = JSON.stringify(file).replace(/[^\x20-\x7e]|#/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    it(`mapping file ${name} is ${abs ? '' : 'not '}an absolute URL`, () => {
      const p = build({ samples: [{ stack: [['main']], values: [1] }], mapping: { file } });
      const q = unsourceMappings(p);
      assert.equal(q.mappings[0].file, abs ? '' : file);
      assert.equal(q.locations[0].mapping, q.mappings[0]);
      if (!abs) assert.equal(q, p);
      assert.equal(p.mappings[0].file, file, 'input unchanged');
    });
  }
  it('a mapping with a build id keeps its URL; only the URL mappings change', () => {
    const p = build({ samples: [{ stack: [['main']], values: [1] }], mapping: { file: 'http://h/bin', buildId: 'abc' } });
    assert.equal(unsourceMappings(p), p);
    const two: Profile = {
      ...p,
      mappings: [p.mappings[0], { ...p.mappings[0], index: 1, id: 2, buildId: '', file: 'https://h/lib' }, { ...p.mappings[0], index: 2, id: 3, buildId: '', file: '/lib/x.so' }],
    };
    const moved: Profile = { ...two, locations: [...two.locations, { ...two.locations[0], index: 1, id: 2, mapping: two.mappings[1] }, { ...two.locations[0], index: 2, id: 3, mapping: undefined }] };
    const q = unsourceMappings(moved);
    assert.deepEqual(q.mappings.map((m) => m.file), ['http://h/bin', '', '/lib/x.so']);
    assert.deepEqual(q.locations.map((l) => l.mapping?.id), [1, 2, undefined]);
    assert.equal(q.locations[1].mapping, q.mappings[1]);
    assert.equal(moved.mappings[1].file, 'https://h/lib', 'input unchanged');
  });
});

describe('merge: headers, compatibility, keys', () => {
  const one = (extra: Partial<Parameters<typeof build>[0]> = {}) => build({ samples: [{ stack: [['main']], values: [1] }], ...extra });
  it('combines headers as Go’s Merge (earliest non-zero time, largest period, first default type, comments once)', () => {
    // Go: Merge(hdr(5,5,"",x), hdr(10,3,"b",y x), hdr(7,4,"a")) -> time 5, period 5, default "b", comments [x y], duration 30.
    const m = merge([
      one({ time: 5n, period: 5, comments: ['x'], duration: 10 }),
      one({ time: 10n, period: 3, defaultSampleType: 'b', comments: ['y', 'x'], duration: 10 }),
      one({ time: 7n, period: 4, defaultSampleType: 'a', duration: 10 }),
    ]);
    assert.deepEqual([m.timeNanos, m.period, m.defaultSampleType, m.comments, m.durationNanos], [5n, 5, 'b', ['x', 'y'], 30]);
    // Go: Merge(hdr(0,-5,"a"), hdr(5,-3,"")) -> time 5 (a zero time is unset), period -3, default "a".
    const n = merge([one({ time: 0n, period: -5, defaultSampleType: 'a' }), one({ time: 5n, period: -3 })]);
    assert.deepEqual([n.timeNanos, n.period, n.defaultSampleType], [5n, -3, 'a']);
  });
  it('copies the sample and period types, and starts its string table with ""', () => {
    const p = build({ types: [['alloc_space', 'bytes']], samples: [{ stack: [['main']], values: [1], labels: { k: 'v', n: [3, 'ms'] } }] });
    const m = merge([p]);
    assert.deepEqual(m.sampleTypes, [{ type: 'alloc_space', unit: 'bytes' }]);
    assert.notEqual(m.sampleTypes[0], p.sampleTypes[0]);
    assert.deepEqual(m.periodType, { type: 'cpu', unit: 'nanoseconds' });
    assert.notEqual(m.periodType, p.periodType);
    assert.deepEqual(m.strings, ['', 'k', 'v', 'n', 'ms']);
    assert.deepEqual(dump(m), ['main:1 k=v,n=3ms']);
  });
  it('refuses what Go refuses, with its messages (type/unit in place of Go 1.19’s pointers)', () => {
    assert.throws(() => merge([]), { name: 'ProfileError', message: 'no profiles to merge' });
    const other = (f: (p: Profile) => Profile) => f(one());
    const cases: [Profile, string][] = [
      [other((p) => ({ ...p, periodType: { type: 'space', unit: 'nanoseconds' } })), 'incompatible period types cpu/nanoseconds and space/nanoseconds'],
      [other((p) => ({ ...p, periodType: { type: 'cpu', unit: 'seconds' } })), 'incompatible period types cpu/nanoseconds and cpu/seconds'],
      [other((p) => ({ ...p, sampleTypes: [{ type: 'samples', unit: 'bytes' }] })), 'incompatible sample types [samples/count] and [samples/bytes]'],
      [other((p) => ({ ...p, sampleTypes: [{ type: 'objects', unit: 'count' }] })), 'incompatible sample types [samples/count] and [objects/count]'],
      [other((p) => ({ ...p, sampleTypes: [{ type: 'samples', unit: 'count' }, { type: 'cpu', unit: 'ns' }] })), 'incompatible sample types [samples/count] and [samples/count cpu/ns]'],
    ];
    for (const [b, message] of cases) {
      assert.throws(() => merge([one(), b]), { name: 'ProfileError', message });
      assert.throws(() => compatible(one(), b), { name: 'ProfileError', message });
    }
    const longer = other((p) => ({ ...p, sampleTypes: [{ type: 'samples', unit: 'count' }, { type: 'cpu', unit: 'ns' }] }));
    assert.throws(() => compatible(longer, one()), { message: 'incompatible sample types [samples/count cpu/ns] and [samples/count]' });
    // Two sample types, the second differing only: every type must agree, not just one.
    const a2 = build({ types: [['a', 'count'], ['b', 'bytes']], samples: [] });
    const b2 = build({ types: [['a', 'count'], ['c', 'bytes']], samples: [] });
    assert.throws(() => compatible(a2, b2), { message: 'incompatible sample types [a/count b/bytes] and [a/count c/bytes]' });
    assert.doesNotThrow(() => compatible(a2, build({ types: [['a', 'count'], ['b', 'bytes']], samples: [] })));
  });

  const aslr = (start: bigint, limit: bigint, address: bigint, buildId: string, v: number): Profile => {
    const p = build({ samples: [{ stack: [['main']], values: [v] }], mapping: { start, limit, buildId } });
    return { ...p, locations: p.locations.map((l) => ({ ...l, address })) };
  };
  it('maps the same binary loaded elsewhere onto the first one (key: size rounded to 4 KiB, offset, build id or file)', () => {
    // Go: Merge of /bin/server at 0x1000-0x1800, 0x5000-0x6000 (same 4 KiB size: same mapping, the
    // address moved by -0x4000), 0x7000-0x8001 (8 KiB: another mapping) and 0x9000-0xa000 with build id
    // "abc" -> mappings 1 0x1000-0x1800, 2 0x7000-0x8001, 3 0x9000-0xa000 "abc"; locations 0x1010 (value 3),
    // 0x7010 (4), 0x9010 (8).
    const m = merge([aslr(0x1000n, 0x1800n, 0x1010n, '', 1), aslr(0x5000n, 0x6000n, 0x5010n, '', 2), aslr(0x7000n, 0x8001n, 0x7010n, '', 4), aslr(0x9000n, 0xa000n, 0x9010n, 'abc', 8)]);
    assert.deepEqual(m.mappings.map((x) => [x.id, x.index, x.start, x.limit, x.buildId]), [[1, 0, 0x1000n, 0x1800n, ''], [2, 1, 0x7000n, 0x8001n, ''], [3, 2, 0x9000n, 0xa000n, 'abc']]);
    assert.deepEqual(m.locations.map((l) => [l.id, l.address, l.mapping?.id]), [[1, 0x1010n, 1], [2, 0x7010n, 2], [3, 0x9010n, 3]]);
    assert.deepEqual(Array.from(m.samples.values), [3, 4, 8]);
    // By hand (mapping key): same build id, another file -> the same mapping; an offset apart -> another.
    const file = (f: string, id: string, offset = 0n) => {
      const p = aslr(0x1000n, 0x2000n, 0x1010n, id, 1);
      return { ...p, mappings: [{ ...p.mappings[0], file: f, offset }], locations: p.locations.map((l) => ({ ...l, mapping: { ...p.mappings[0], file: f, offset } })) };
    };
    assert.equal(merge([file('/a', 'id1'), file('/b', 'id1')]).mappings.length, 1);
    assert.equal(merge([file('/a', ''), file('/b', '')]).mappings.length, 2);
    assert.equal(merge([file('/a', ''), file('/a', '', 0x1000n)]).mappings.length, 2);
    assert.equal(merge([aslr(0x1000n, 0x2000n, 0x1010n, '', 1), aslr(0x1000n, 0x2001n, 0x1010n, '', 1)]).mappings.length, 2, '4 KiB and 4 KiB + 1');
    assert.equal(merge([aslr(0x1000n, 0x1001n, 0x1010n, '', 1), aslr(0x3000n, 0x4000n, 0x3010n, '', 1)]).samples.count, 1, '1 B rounds up to 4 KiB');
  });
  it('keeps the first source’s first mapping first, and no other unused mapping', () => {
    const p = build({ samples: [{ stack: [['main']], values: [1] }] });
    const lib = { ...p.mappings[0], index: 1, id: 2, file: '/lib/a.so', start: 0x10000n, limit: 0x11000n };
    const usesLib: Profile = { ...p, mappings: [p.mappings[0], lib], locations: p.locations.map((l) => ({ ...l, mapping: lib })) };
    const unusedFirst: Profile = { ...p, mappings: [{ ...p.mappings[0], file: '/bin/other' }, lib], locations: p.locations.map((l) => ({ ...l, mapping: lib })) };
    const m = merge([usesLib, unusedFirst]);
    assert.deepEqual(m.mappings.map((x) => [x.id, x.file]), [[1, '/bin/server'], [2, '/lib/a.so']]);
    const none: Profile = { ...p, mappings: [], locations: p.locations.map((l) => ({ ...l, mapping: undefined })) };
    const n = merge([none, p]);
    assert.deepEqual(n.mappings.map((x) => x.file), ['/bin/server']);
    assert.deepEqual(n.locations.map((l) => l.mapping?.id), [undefined, 1]);
  });
  it('locations at one address with other lines stay apart (the key has the lines)', () => {
    const p = build({ samples: [{ stack: [['a'], ['main']], values: [1] }, { stack: [['b'], ['main']], values: [2] }] });
    const zero: Profile = { ...p, locations: p.locations.map((l) => ({ ...l, address: 0n })) };
    const m = merge([zero]);
    assert.deepEqual(dump(m), ['a<main:1', 'b<main:2']);
    assert.equal(m.locations.length, 3);
  });
  it('a location without mapping and a line without function merge like any other', () => {
    const p = build({ samples: [{ stack: [['a'], ['main']], values: [1] }] });
    const q: Profile = { ...p, locations: p.locations.map((l, i) => ({ ...l, mapping: undefined, lines: i === 0 ? [{ function: undefined, line: 7 }] : l.lines })) };
    const m = merge([q, q]);
    assert.deepEqual(dump(m), ['?<main:2']);
    assert.deepEqual(m.locations.map((l) => [l.id, l.mapping, l.lines.length]), [[1, undefined, 1], [2, undefined, 1]]);
  });
  it('sums values of every type into the right sample, and drops samples that are zero in every type', () => {
    const types: [string, string][] = [['a', 'count'], ['b', 'count']];
    const p = build({ types, samples: [{ stack: [['x']], values: [1, 2] }, { stack: [['z']], values: [0, 0] }, { stack: [['y']], values: [0, 5] }] });
    const q = build({ types, samples: [{ stack: [['y']], values: [10, 20] }, { stack: [['x']], values: [100, 200] }] });
    assert.deepEqual(dump(merge([p, q])), ['x:101,202', 'y:10,25']);
    // The all-zero sample's location is not mapped at all, not even while mapping the sample before it.
    assert.deepEqual(merge([p]).locations.map((l) => l.lines[0].function?.name), ['x', 'y']);
    const cancel = build({ types, samples: [{ stack: [['x']], values: [-1, -2] }, { stack: [['w']], values: [0, 0] }, { stack: [['y']], values: [1, 1] }] });
    assert.deepEqual(dump(merge([p, cancel])), ['y:1,6']);
  });
  it('orders labels as pprof encodes them (strings by key, then numbers by key, values of a key in order) and merges equal sets', () => {
    const a = build({ samples: [{ stack: [['main']], values: [1], labels: [['z', 1], ['b', 'x'], ['a', 'y'], ['a', 'w'], ['c', [2, 'ms']]] }] });
    const b = build({ samples: [{ stack: [['main']], values: [2], labels: [['a', 'y'], ['c', [2, 'ms']], ['a', 'w'], ['b', 'x'], ['z', 1]] }] });
    assert.deepEqual(dump(merge([a, b])), ['main:3 a=y,a=w,b=x,c=2ms,z=1']);
    // A numeric key sorting before a string key still comes after every string label.
    const mixed = build({ samples: [{ stack: [['main']], values: [1], labels: [['aa', 3], ['b', 'x']] }] });
    assert.deepEqual(dump(merge([mixed])), ['main:1 b=x,aa=3']);
    const swapped = build({ samples: [{ stack: [['main']], values: [4], labels: [['a', 'w'], ['a', 'y'], ['b', 'x'], ['c', [2, 'ms']], ['z', 1]] }] });
    assert.deepEqual(dump(merge([a, swapped])), ['main:1 a=y,a=w,b=x,c=2ms,z=1', 'main:4 a=w,a=y,b=x,c=2ms,z=1']);
  });
  it('handles stacks deeper than 128 frames and samples with more than 16 labels', () => {
    const deep = Array.from({ length: 200 }, (_, i) => [`f${i}`]);
    const labels: [string, string][] = Array.from({ length: 20 }, (_, i) => [`k${String(i).padStart(2, '0')}`, `v${i}`]);
    const p = build({ samples: [{ stack: deep, values: [1], labels }, { stack: deep.slice(0, 70), values: [2] }] });
    const m = merge([p, p]);
    const d = dump(m);
    assert.equal(d.length, 2);
    assert.equal(d[0], `${deep.map((f) => f[0]).join('<')}:2 ${labels.map(([k, v]) => `${k}=${v}`).join(',')}`);
    assert.equal(d[1], `${deep.slice(0, 70).map((f) => f[0]).join('<')}:4`);
    // A filter that keeps 150 of the 200 frames copies them (long runs are copied in one go); the
    // 70-frame sample has no f149 and goes.
    const cut = showFrom(p, rx('^f149$')).profile;
    assert.deepEqual(dump(cut), [`${deep.slice(0, 150).map((f) => f[0]).join('<')}:1 ${labels.map(([k, v]) => `${k}=${v}`).join(',')}`]);
    const from = pruneFrom(p, rx('^f50$'));
    assert.equal(dump(from)[0], `${deep.slice(50).map((f) => f[0]).join('<')}:1 ${labels.map(([k, v]) => `${k}=${v}`).join(',')}`);
  });
  it('keeps apart samples whose labels differ only in a number that hashes alike (0 and 2^32 + 1)', () => {
    // The dedupe hash folds a number's high 32 bits onto its low ones: 0 and 2^32 + 1 collide, so
    // only the full comparison of the labels tells them apart.
    const p = build({ samples: [{ stack: [['main']], values: [1], labels: { n: 0 } }, { stack: [['main']], values: [2], labels: { n: 2 ** 32 + 1 } }, { stack: [['main']], values: [4], labels: { n: 0 } }] });
    assert.deepEqual(dump(merge([p])), ['main:5 n=0', `main:2 n=${2 ** 32 + 1}`]);
  });
  it('dedupes many distinct samples (open addressing under collisions)', () => {
    const samples: SampleSpec[] = [];
    for (let i = 0; i < 300; i++) samples.push({ stack: [[`f${i % 150}`], [`g${i % 7}`]], values: [1] });
    const m = merge([build({ samples })]);
    // (i mod 150, i mod 7) repeats every lcm(150, 7) = 1050 > 300: every sample is distinct.
    assert.equal(m.samples.count, 300);
    const twice = merge([build({ samples }), build({ samples })]);
    assert.equal(twice.samples.count, 300);
    assert.deepEqual(new Set(Array.from(twice.samples.values)), new Set([2]));
  });
});

describe('scale, setLabel, numLabelUnits', () => {
  const p = build({ types: [['a', 'count'], ['b', 'count']], samples: [{ stack: [['main']], values: [-1, 10] }, { stack: [['x']], values: [3, 0] }] });
  it('ratios of 1 return the profile itself; a wrong count of ratios is refused with Go’s message', () => {
    assert.equal(scaleN(p, [1, 1]), p);
    assert.equal(scale(p, 1), p);
    assert.notEqual(scaleN(p, [1, 2]), p);
    assert.throws(() => scaleN(p, [2]), { name: 'ProfileError', message: 'mismatched scale ratios, got 1, want 2' });
    assert.throws(() => scaleN(tagProfile(), [1, 2]), { message: 'mismatched scale ratios, got 2, want 1' });
  });
  it('rounds -0.4 to 0, never -0 (Go’s int64 has no negative zero); keeps a sample by its scaled columns only', () => {
    const q = scaleN(p, [0.4, 0.5]);
    assert.deepEqual(Array.from(q.samples.values), [0, 5, 1, 0]);
    assert.ok(Object.is(q.samples.values[0], 0));
    assert.deepEqual(Array.from(scale(p, 2).samples.values), [-2, 20, 6, 0]);
    // [-1 10] by [0.4 1]: the scaled column is 0, the unscaled 10 does not keep it (Go's ScaleN).
    assert.deepEqual(Array.from(scaleN(p, [0.4, 1]).samples.values), [1, 0]);
  });
  it('setLabel leaves numeric labels of the key alone and can add several values to samples without labels', () => {
    const q = build({ samples: [{ stack: [['main']], values: [1], labels: [['k', 5], ['k', 'old'], ['j', 'x']] }, { stack: [['main']], values: [2] }, { stack: [['main']], values: [3] }] });
    assert.deepEqual(dump(setLabel(q, 'k', ['v1', 'v2'])), ['main:1 k=5,j=x,k=v1,k=v2', 'main:2 k=v1,k=v2', 'main:3 k=v1,k=v2']);
    // 20 samples without labels, two values each: 40 entries where 20 were planned (the columns grow).
    const many = build({ samples: Array.from({ length: 20 }, (_, i) => ({ stack: [[`f${i}`]], values: [i + 1] })) });
    assert.deepEqual(dump(setLabel(many, 'k', ['a', 'b'])), Array.from({ length: 20 }, (_, i) => `f${i}:${i + 1} k=a,k=b`));
    const r = setLabel(q, 'pprof::base', ['']);
    assert.deepEqual(r.strings, [...q.strings, 'pprof::base'], 'the empty value is the table’s first string');
  });
  it('numLabelUnits: Go’s units and ignored units', () => {
    // Go: NumLabelUnits -> map[alignment:bytes bytes:bytes n:n request:bytes] map[bytes:[kilobytes]]
    const q = build({
      samples: [
        { stack: [['main']], values: [1], labels: [['a', 'x'], ['bytes', [1024, 'bytes']]] },
        { stack: [['main']], values: [1], labels: [['alignment', 8], ['request', 16], ['n', 3], ['bytes', 2]] },
        { stack: [['main']], values: [1], labels: [['bytes', [5, 'kilobytes']], ['bytes', [6, 'bytes']]] },
      ],
    });
    const { units, ignored } = numLabelUnits(q);
    assert.deepEqual([...units].sort(), [['alignment', 'bytes'], ['bytes', 'bytes'], ['n', 'n'], ['request', 'bytes']]);
    assert.deepEqual([...ignored], [['bytes', ['kilobytes']]]);
  });
});

describe('frame filters: edges', () => {
  it('prune never matches a frame without function or with an empty name', () => {
    const p = build({ samples: [{ stack: [['leaf'], ['anon'], ['nofn'], ['main']], values: [1] }] });
    const q: Profile = {
      ...p,
      functions: p.functions,
      locations: p.locations.map((l) => {
        const name = l.lines[0].function?.name;
        if (name === 'anon') return { ...l, lines: [{ function: { ...(l.lines[0].function as NonNullable<typeof l.lines[0]['function']>), name: '' }, line: 1 }] };
        if (name === 'nofn') return { ...l, lines: [{ function: undefined, line: 1 }] };
        return l;
      }),
    };
    // ^(x*)$ matches the empty name: pprof skips frames whose function name is "".
    assert.deepEqual(dump(prune(q, rx('^(x*)$'), undefined)), ['leaf<<?<main:1']);
    assert.deepEqual(dump(pruneFrom(q, rx('^(x*)$'))), ['leaf<<?<main:1']);
  });
  it('prune reads only its own sample’s frames (the next sample starts with a user frame)', () => {
    const p = build({ samples: [{ stack: [['leaf'], ['runtime.x'], ['runtime.main']], values: [1] }, { stack: [['user'], ['main']], values: [2] }] });
    // Sample 0: from the root, runtime.main and runtime.x come before any user frame: never pruned.
    assert.deepEqual(dump(prune(p, rx('^(runtime\\..*)$'), undefined)), ['leaf<runtime.x<runtime.main:1', 'user<main:2']);
  });
  it('removeUninteresting: no drop_frames returns the profile itself; keep_frames keeps', () => {
    const p = build({ samples: [{ stack: [['leaf'], ['runtime.mallocgc'], ['main']], values: [1] }] });
    assert.equal(removeUninteresting(p), p);
    const drop = { ...p, dropFrames: 'runtime\\..*' };
    // Prune drops the matching frame too: what is left is main.
    assert.deepEqual(dump(removeUninteresting(drop)), ['main:1']);
    assert.deepEqual(dump(removeUninteresting({ ...drop, keepFrames: 'runtime\\.mallocgc' })), ['leaf<runtime.mallocgc<main:1']);
    assert.deepEqual(dump(removeUninteresting({ ...drop, keepFrames: 'runtime\\.other' })), ['main:1']);
  });
  it('pruneFrom trims an inlined location to the matching frame and its callers; reads only its own sample', () => {
    const p = build({ samples: [{ stack: [['inl', 'target', 'caller'], ['main']], values: [1] }, { stack: [['a'], ['main']], values: [2] }, { stack: [['target'], ['main']], values: [4] }] });
    assert.deepEqual(dump(pruneFrom(p, rx('^target$'))), ['target+caller<main:1', 'a<main:2', 'target<main:4']);
  });
  it('showFrom: a mapping file match keeps the location whole; an inlined match keeps it and its inlined callees; matched tells', () => {
    const p = build({ samples: [{ stack: [['a', 'mid', 'c'], ['main']], values: [1] }, { stack: [['b'], ['root']], values: [2] }] });
    assert.deepEqual([dump(showFrom(p, rx('^mid$')).profile), showFrom(p, rx('^mid$')).matched], [['a+mid:1'], true]);
    const byMapping = showFrom(p, rx('bin/server'));
    // Every location is in /bin/server: the highest match is the root, so stacks stay whole.
    assert.deepEqual([dump(byMapping.profile), byMapping.matched], [['a+mid+c<main:1', 'b<root:2'], true]);
    const none = showFrom(p, rx('^zzz$'));
    assert.deepEqual([dump(none.profile), none.matched], [[], false]);
    // Every sample kept but cut at the root side: a new profile, not the input.
    const cut = showFrom(build({ samples: [{ stack: [['x'], ['y'], ['main']], values: [1] }, { stack: [['x'], ['main']], values: [2] }] }), rx('^x$'));
    assert.deepEqual(dump(cut.profile), ['x:1', 'x:2']);
  });
  it('filterSamplesByName matches the mapping file, reports each flag, keeps labels, drops emptied samples', () => {
    const p = build({ samples: [{ stack: [['a'], ['main']], values: [1], labels: { k: 'v' } }, { stack: [['b'], ['main']], values: [2] }] });
    const flags = (r: ReturnType<typeof filterSamplesByName>) => [r.fm, r.im, r.hm, r.hnm];
    const focus = filterSamplesByName(p, rx('bin/server'), undefined, undefined, undefined);
    assert.deepEqual([dump(focus.profile), flags(focus)], [['a<main:1 k=v', 'b<main:2'], [true, false, false, false]]);
    const ignore = filterSamplesByName(p, undefined, rx('^b$'), undefined, undefined);
    assert.deepEqual([dump(ignore.profile), flags(ignore)], [['a<main:1 k=v'], [true, true, false, false]]);
    const nothing = filterSamplesByName(p, rx('^zzz$'), rx('^zzz$'), rx('^zzz$'), undefined);
    assert.deepEqual([dump(nothing.profile), flags(nothing)], [[], [false, false, false, false]]);
    const hideMapping = filterSamplesByName(p, undefined, undefined, rx('bin/server'), undefined);
    assert.deepEqual([dump(hideMapping.profile), flags(hideMapping)], [[], [true, false, true, false]]);
    const hideA = filterSamplesByName(p, undefined, undefined, rx('^(a|main)$'), undefined);
    assert.deepEqual([dump(hideA.profile), flags(hideA)], [['b:2'], [true, false, true, false]]);
    const showMapping = filterSamplesByName(p, undefined, undefined, undefined, rx('bin/server'));
    assert.deepEqual([dump(showMapping.profile), flags(showMapping)], [['a<main:1 k=v', 'b<main:2'], [true, false, false, true]]);
    const showNone = filterSamplesByName(p, undefined, undefined, undefined, rx('^zzz$'));
    assert.deepEqual([dump(showNone.profile), flags(showNone)], [[], [true, false, false, false]]);
    // A location without mapping matches no mapping file.
    const bare: Profile = { ...p, locations: p.locations.map((l) => ({ ...l, mapping: undefined })) };
    const focusBare = filterSamplesByName(bare, rx('bin/server'), undefined, undefined, undefined);
    assert.deepEqual([dump(focusBare.profile), flags(focusBare)], [[], [false, false, false, false]]);
    const hideBare = filterSamplesByName(bare, undefined, rx('bin/server'), rx('bin/server'), undefined);
    assert.deepEqual([dump(hideBare.profile), flags(hideBare)], [['a<main:1 k=v', 'b<main:2'], [true, false, false, false]]);
    assert.deepEqual(showFrom(bare, rx('bin/server')).matched, false);
    // No filter matches: the input's samples are shared, not copied.
    assert.equal(filterSamplesByName(p, undefined, undefined, undefined, undefined).profile.samples, p.samples);
  });
});

describe('tag filters, against go tool pprof -tagfocus/-tagignore', () => {
  // The profile go tool pprof read (written by Go's profile package): four samples on leafA or
  // leafB under main, values 1, 2, 4, 8.
  const p = build({
    samples: [
      { stack: [['leafA'], ['main']], values: [1], labels: [['k', 'v1'], ['bytes', [2048, 'bytes']]] },
      { stack: [['leafB'], ['main']], values: [2], labels: [['k', 'v2'], ['k', 'v3'], ['n', 5]] },
      { stack: [['leafA'], ['main']], values: [4] },
      // Numeric label first: a filter of sample 2 (no labels) must not read sample 3's first label.
      { stack: [['leafB'], ['main']], values: [8], labels: [['bytes', [4096, 'bytes']], ['a', 'x']] },
    ],
  });
  // String table ['', 'k', 'v1', 'bytes', 'v2', 'v3', 'n', 'a', 'x']: n=5's number is the index of
  // "v3", so a numeric label read as a string would be "n:v3".
  const units = numLabelUnits(p).units;
  const total = (q: Profile) => Array.from(q.samples.values).reduce((a, b) => a + b, 0);
  // go tool pprof -top <flag> tags.pb.gz: "Showing nodes accounting for N" and the range notice.
  const cases: [flag: 'tagfocus' | 'tagignore', value: string, kept: number, range: boolean][] = [
    ['tagfocus', '4kb:', 10, true], ['tagfocus', ':2kb', 1, true], ['tagfocus', '2kb:4kb', 9, true],
    ['tagfocus', '2049:4095', 0, true], ['tagfocus', '2kb', 1, true], ['tagfocus', 'bytes=4096', 0, true],
    ['tagfocus', 'n=5', 2, true], ['tagfocus', '5', 2, true], ['tagfocus', 'k=v2', 2, false],
    ['tagfocus', 'k=v3,v1', 3, false], ['tagfocus', 'v', 3, false], ['tagfocus', '=x', 8, false],
    ['tagfocus', 'k:v,k:v2', 2, false], ['tagignore', 'v1', 14, false], ['tagfocus', 'k=1', 0, true],
    ['tagfocus', '1', 0, true], ['tagfocus', '2', 0, true], ['tagfocus', '2kb:4kbx', 9, true],
    ['tagfocus', '5ms:', 2, true], ['tagfocus', 'n=5:', 2, true], ['tagfocus', 'zz=5', 0, true],
    ['tagfocus', 'k=2', 0, true], ['tagignore', 'k=v2', 13, false], ['tagignore', '4kb:', 5, true],
    ['tagfocus', '2kb:', 11, true], ['tagfocus', ':4kb', 9, true], ['tagfocus', '4kb:8kb', 10, true],
    ['tagfocus', '1kb:4096', 11, true], ['tagfocus', '2048:4kb', 0, false], ['tagfocus', '2048:4096', 0, true],
    ['tagfocus', 'n:v3', 0, false], ['tagfocus', 'n=v3', 0, false], ['tagfocus', 'k=x', 0, false],
  ];
  for (const [flag, value, kept, range] of cases) {
    it(`-${flag}=${value} keeps ${kept} of 15`, () => {
      const warnings: string[] = [];
      const m = compileTagFilter(flag, value, units, (w) => warnings.push(w));
      const r = flag === 'tagfocus' ? filterSamplesByTag(p, m, undefined) : filterSamplesByTag(p, undefined, m);
      assert.equal(total(r.profile), kept);
      assert.deepEqual(warnings, range ? [`${flag}:Interpreted '${value.slice(value.indexOf('=') + 1)}' as range, not regexp`] : []);
      if (flag === 'tagfocus') assert.deepEqual([r.fm, r.im], [kept > 0, false]);
      else assert.deepEqual([r.fm, r.im], [true, kept < 15]);
    });
  }
  it('a regexp Go cannot compile is refused with pprof’s message; an empty value is no filter', () => {
    // go tool pprof -tagfocus='a=(' : "parsing tagfocus regexp: error parsing regexp: missing closing ): `(`"
    assert.throws(() => compileTagFilter('tagfocus', 'a=(', units), { name: 'ProfileError', message: 'parsing tagfocus regexp: error parsing regexp: missing closing ): `(`' });
    assert.equal(compileTagFilter('tagfocus', '', units), undefined);
  });
  it('a numeric key missing from the units map is read without unit (by hand: units.get(key) ?? "")', () => {
    const none = new Map<string, string>();
    const kept = (value: string) => total(filterSamplesByTag(p, compileTagFilter('tagfocus', value, none), undefined).profile);
    assert.deepEqual([kept('5'), kept('n=5'), kept('n=6')], [2, 2, 0]);
  });
  it('a number beyond int64 fails (pprof panics: failed to parse int 99999999999999999999: …value out of range)', () => {
    assert.throws(() => compileTagFilter('tagfocus', '99999999999999999999', units), /^ProfileError: failed to parse int 99999999999999999999: value out of range$/);
  });
  it('parseTagFilterRange: bounds inclusive, other unit families never match, trailing text is a regexp', () => {
    const at = (f: string, v: number, u: string) => (parseTagFilterRange(f) as (v: number, u: string) => boolean)(v, u);
    // By hand (pprof's parseTagFilterRange): "4kb:" is v >= 4096 bytes, ":4kb" v <= 4096, in the same unit family.
    assert.deepEqual([at('4kb:', 4096, 'bytes'), at('4kb:', 4095, 'bytes'), at(':4kb', 4096, 'bytes'), at(':4kb', 4097, 'bytes')], [true, false, true, false]);
    assert.deepEqual([at('1kb:4kb', 1024, 'bytes'), at('1kb:4kb', 4096, 'bytes'), at('1kb:4kb', 4097, 'bytes'), at('1kb:4kb', 1023, 'bytes')], [true, true, false, false]);
    assert.deepEqual([at('4kb:', 5000, 'ms'), at(':4kb', 1, 'ms'), at('1kb:4kb', 2000, 'ms'), at('4kb', 4, 'ms')], [false, false, false, false]);
    assert.deepEqual([at('5', 5, ''), at('5', 6, '')], [true, false]);
    assert.equal(parseTagFilterRange('5kb;'), undefined);
    assert.equal(parseTagFilterRange('x5kb'), undefined);
    assert.equal(parseTagFilterRange('1kb:2ms'), undefined);
  });
  it('filterSamplesByTag without filters is the profile itself; fm says whether it has samples', () => {
    const r = filterSamplesByTag(p, undefined, undefined);
    assert.deepEqual([r.profile === p, r.fm, r.im], [true, true, false]);
    const empty = build({ samples: [] });
    assert.deepEqual([filterSamplesByTag(empty, undefined, undefined).fm], [false]);
  });
});

describe('aggregate and sampleIndexByName', () => {
  it('and-s the mapping flags with the kept attributes; keeps functions as they are when names and files stay', () => {
    const p = build({ samples: [{ stack: [['a', 'b']], values: [1] }] });
    const flags = (q: Profile) => {
      const m = q.mappings[0];
      return [m.hasInlineFrames, m.hasFunctions, m.hasFilenames, m.hasLineNumbers];
    };
    assert.deepEqual(flags(aggregate(p, true, true, true, true, true)), [true, true, true, true]);
    assert.deepEqual(flags(aggregate(p, false, true, false, true, false)), [false, true, false, true]);
    assert.deepEqual(flags(aggregate(p, true, false, true, false, true)), [true, false, true, false]);
    const off = { ...p, mappings: [{ ...p.mappings[0], hasInlineFrames: false, hasFunctions: false, hasFilenames: false, hasLineNumbers: false }] };
    const offLoc = { ...off, locations: off.locations.map((l) => ({ ...l, mapping: off.mappings[0] })) };
    assert.deepEqual(flags(aggregate(offLoc, true, true, true, true, true)), [false, false, false, false]);
    const kept = aggregate(p, true, true, true, true, true);
    assert.equal(kept.functions, p.functions);
    assert.equal(kept.locations[0].mapping, kept.mappings[0]);
    const noName = aggregate(p, true, false, false, true, true);
    assert.deepEqual(noName.functions.map((f) => [f.name, f.systemName, f.filename]), [['', '', ''], ['', '', '']]);
    const noMapping: Profile = { ...p, locations: p.locations.map((l) => ({ ...l, mapping: undefined })) };
    assert.equal(aggregate(noMapping, true, true, true, true, true).locations[0].mapping, undefined);
  });
  it('selects sample types as Go’s SampleIndexByName', () => {
    const p = build({ types: [['objects', 'count'], ['space', 'bytes'], ['inuse_x', 'count']], samples: [] });
    // Go 1.19 on the same types: "" 2, "+1" 1, "inuse_space" 1, "inuse_x" 2; default "objects" 0.
    assert.deepEqual([sampleIndexByName(p, ''), sampleIndexByName(p, '+1'), sampleIndexByName(p, 'inuse_space'), sampleIndexByName(p, 'inuse_x')], [2, 1, 1, 2]);
    assert.equal(sampleIndexByName({ ...p, defaultSampleType: 'objects' }, ''), 0);
    assert.equal(sampleIndexByName({ ...p, defaultSampleType: 'nothere' }, ''), 2);
    const errors: [string, string][] = [
      ['-1', 'sample_index -1 is outside the range [0..2]'], ['3', 'sample_index 3 is outside the range [0..2]'],
      ['10', 'sample_index 10 is outside the range [0..2]'], ['007', 'sample_index 007 is outside the range [0..2]'],
      ['1x', 'sample_index "1x" must be one of: [objects space inuse_x]'], ['x', 'sample_index "x" must be one of: [objects space inuse_x]'],
      // go tool pprof -sample_index=x1 / =alloc_space on a profile without those types: "must be one of".
      ['x1', 'sample_index "x1" must be one of: [objects space inuse_x]'], ['alloc_space', 'sample_index "alloc_space" must be one of: [objects space inuse_x]'],
    ];
    for (const [arg, message] of errors) assert.throws(() => sampleIndexByName(p, arg), { name: 'ProfileError', message }, arg);
    // By hand: a type named "" is not the unset default (Go checks DefaultSampleType != "" first).
    const blank = build({ types: [['', 'count'], ['b', 'count']], samples: [] });
    assert.equal(sampleIndexByName(blank, ''), 1);
  });
});

describe('addLabelNodes (-tagroot, -tagleaf), against go tool pprof -traces', () => {
  const p = build({
    samples: [
      { stack: [['leafA'], ['main']], values: [1], labels: [['k', 'v1'], ['bytes', [2048, 'bytes']]] },
      { stack: [['leafB'], ['main']], values: [2], labels: [['k', 'v2'], ['k', 'v3'], ['n', 5]] },
      { stack: [['leafA'], ['main']], values: [4] },
      { stack: [['leafB'], ['main']], values: [8], labels: [['a', 'x'], ['bytes', [4096, 'bytes']]] },
    ],
  });
  const stacks = (q: Profile) => dump(q).map((d) => d.replace(/ .*/, ''));
  it('-tagroot=k,bytes -tagleaf=n: pprof’s frames (an empty name prints as <unknown>)', () => {
    // go tool pprof -traces -tagroot=k,bytes -tagleaf=n: leaf first, "<unknown>" for "".
    const before = snapshot(p);
    const r = addLabelNodes(p, ['k', 'bytes'], ['n'], 'minimum');
    assert.deepEqual(stacks(r.profile), ['<leafA<main<2kB<v1:1', '5<leafB<main<<v2,v3:2', '<leafA<main<<:4', '<leafB<main<4kB<:8']);
    assert.deepEqual([r.rootm, r.leafm], [true, true]);
    assert.equal(snapshot(p), before, 'input unchanged');
    // New frames (go tool pprof -raw -tagroot=k,bytes -tagleaf=n: locations 4-11 "2kB bytes", "v1 k",
    // " n", " bytes", "v2,v3 k", "5 n", " k", "4kB bytes"): file name the key, ids after the profile's.
    const added = r.profile.locations.slice(p.locations.length);
    assert.deepEqual(added.map((l) => [l.id, l.lines[0].function?.id, l.lines[0].function?.name, l.lines[0].function?.filename, l.lines[0].function?.systemName, l.isFolded, l.address, l.mapping]), [
      [4, 4, '2kB', 'bytes', '', false, 0n, undefined], [5, 5, 'v1', 'k', '', false, 0n, undefined], [6, 6, '', 'n', '', false, 0n, undefined],
      [7, 7, '', 'bytes', '', false, 0n, undefined], [8, 8, 'v2,v3', 'k', '', false, 0n, undefined], [9, 9, '5', 'n', '', false, 0n, undefined],
      [10, 10, '', 'k', '', false, 0n, undefined], [11, 11, '4kB', 'bytes', '', false, 0n, undefined],
    ]);
    assert.equal(r.profile.functions.length, p.functions.length + 8);
  });
  it('-tagleaf=bytes -tagroot=a, and a root key no sample has (rootm false)', () => {
    const r = addLabelNodes(p, ['a'], ['bytes'], 'minimum');
    assert.deepEqual(stacks(r.profile), ['2kB<leafA<main<:1', '<leafB<main<:2', '<leafA<main<:4', '4kB<leafB<main<x:8']);
    const none = addLabelNodes(p, ['zz'], [], 'minimum');
    assert.deepEqual(stacks(none.profile), ['leafA<main<:1', 'leafB<main<:2', 'leafA<main<:4', 'leafB<main<:8']);
    assert.deepEqual([none.rootm, none.leafm], [false, false]);
    const leafOnly = addLabelNodes(p, [], ['n'], 'minimum');
    assert.deepEqual([stacks(leafOnly.profile)[1], leafOnly.rootm, leafOnly.leafm], ['5<leafB<main:2', false, true]);
    assert.deepEqual(addLabelNodes(p, [], [], 'minimum'), { profile: p, rootm: false, leafm: false });
  });
  it('ids continue after the largest id, whatever the order; unit-less numbers stay plain', () => {
    const q: Profile = { ...p, locations: p.locations.map((l, i) => ({ ...l, id: [40, 7, 9][i] })), functions: p.functions.map((f, i) => ({ ...f, id: [3, 30, 2][i] })) };
    const r = addLabelNodes(q, ['n'], [], 'kB');
    assert.deepEqual(r.profile.locations.slice(3).map((l) => [l.id, l.lines[0].function?.id, l.lines[0].function?.name]), [[41, 31, ''], [42, 32, '5']]);
    // By hand: a key whose numbers have no unit formats them as plain numbers (pprof's formatLabelValues).
    const s = build({ samples: [{ stack: [['main']], values: [1], labels: [['n', 2048], ['m', [2048, 'bytes']]] }] });
    assert.deepEqual(stacks(addLabelNodes(s, ['n', 'm'], [], 'kB').profile), ['main<2kB<2048:1']);
  });
});
