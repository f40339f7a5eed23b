// The profile transforms behave as pprof's profile package on hand-built profiles: merge,
// scale, labels, prune, name and tag filters, aggregation, sample index; inputs never change.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileGoRegexp } from '../../src/core/goRegexp';
import {
  addLabelNodes,
  aggregate,
  compileTagFilter,
  filterSamplesByName,
  filterSamplesByTag,
  merge,
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
  simplifyFunc,
} from '../../src/core/transform';
import { build, dump, snapshot } from '../support/transformProfiles';

describe('merge', () => {
  it('sums equal samples in first-occurrence order and drops zero ones', () => {
    const p = build({
      samples: [
        { stack: [['a'], ['main']], values: [1] },
        { stack: [['b'], ['main']], values: [0] },
        { stack: [['c'], ['main']], values: [2] },
        { stack: [['a'], ['main']], values: [3] },
      ],
    });
    const before = snapshot(p);
    assert.deepEqual(dump(merge([p])), ['a<main:4', 'c<main:2']);
    assert.equal(snapshot(p), before, 'input unchanged');
  });

  it('stores the merged stacks in 16 bits (few locations), and a filter keeps them so', () => {
    const p = build({
      samples: [
        { stack: [['a'], ['main']], values: [1] },
        { stack: [['b'], ['main']], values: [2] },
      ],
    });
    assert.ok(p.samples.stack instanceof Uint32Array);
    const m = merge([p]);
    assert.ok(m.samples.stack instanceof Uint16Array, m.samples.stack.constructor.name);
    assert.deepEqual(dump(m), ['a<main:1', 'b<main:2']);
    const f = filterSamplesByName(m, compileGoRegexp('^a$'), undefined, undefined, undefined).profile;
    assert.ok(f.samples.stack instanceof Uint16Array, f.samples.stack.constructor.name);
    assert.deepEqual(dump(f), ['a<main:1']);
  });

  it('compares labels as sets of keys (value order within a key matters), after renumbering ids', () => {
    const p = build({
      samples: [
        { stack: [['a']], values: [1], labels: [['k', 'x'], ['n', 5], ['j', 'y']] },
        { stack: [['a']], values: [2], labels: [['j', 'y'], ['k', 'x'], ['n', 5]] },
        { stack: [['a']], values: [4], labels: [['n', [5, 'bytes']], ['j', 'y'], ['k', 'x']] },
        { stack: [['a']], values: [8], labels: [['k', 'x'], ['k', 'z']] },
        { stack: [['a']], values: [16], labels: [['k', 'z'], ['k', 'x']] },
      ],
    });
    // String labels first by key, then numeric ones, as pprof's encoder orders them.
    assert.deepEqual(dump(merge([p])), ['a:3 j=y,k=x,n=5', 'a:4 j=y,k=x,n=5bytes', 'a:8 k=x,k=z', 'a:16 k=z,k=x']);
  });

  it('drops samples that sum to zero and what only they used', () => {
    const p = build({ samples: [{ stack: [['a']], values: [5] }, { stack: [['b']], values: [1] }] });
    const q = build({ samples: [{ stack: [['a']], values: [-5] }] });
    const m = merge([p, q]);
    assert.deepEqual(dump(m), ['b:1']);
    assert.deepEqual(m.functions.map((f) => f.name), ['b']);
    assert.deepEqual(m.locations.map((l) => l.id), [1]);
  });

  it('deduplicates locations and functions across profiles, renumbering ids from 1', () => {
    const p = build({ samples: [{ stack: [['a'], ['main']], values: [1] }] });
    const q = build({ samples: [{ stack: [['z']], values: [1] }, { stack: [['a'], ['main']], values: [2] }] });
    const m = merge([p, q]);
    assert.deepEqual(dump(m), ['a<main:3', 'z:1']);
    assert.equal(m.locations.length, 3);
    assert.deepEqual(m.locations.map((l) => l.id), [1, 2, 3]);
    assert.deepEqual(m.functions.map((f) => [f.id, f.name]), [[1, 'a'], [2, 'main'], [3, 'z']]);
    assert.equal(m.mappings.length, 1);
  });

  it('combines headers as combineHeaders', () => {
    const p = build({ samples: [], time: 50n, duration: 10, period: 3, comments: ['x', 'y'] });
    const q = build({ samples: [], time: 20n, duration: 5, period: 7, comments: ['y', 'z'], defaultSampleType: 'samples' });
    const m = merge([p, q]);
    assert.equal(m.timeNanos, 20n);
    assert.equal(m.durationNanos, 15);
    assert.equal(m.period, 7);
    assert.deepEqual(m.comments, ['x', 'y', 'z']);
    assert.equal(m.defaultSampleType, 'samples');
    // The first profile's first mapping is kept even without samples: it names the binary.
    assert.equal(m.mappings[0].file, '/bin/server');
  });

  it('refuses incompatible sample types', () => {
    const p = build({ samples: [] });
    const q = build({ samples: [], types: [['cpu', 'nanoseconds']] });
    assert.throws(() => merge([p, q]), /incompatible sample types/);
  });
});

describe('scale and labels', () => {
  it('rounds half away from zero and keeps samples with a non-zero scaled value', () => {
    const p = build({ types: [['a', 'count'], ['b', 'count']], samples: [
      { stack: [['f']], values: [5, 1] },
      { stack: [['g']], values: [-5, 0] },
      { stack: [['h']], values: [1, 7] },
    ] });
    assert.deepEqual(dump(scaleN(p, [0.5, 1])), ['f:3,1', 'g:-3,0', 'h:1,7']);
    // Only scaled columns keep a sample: h's 7 does not.
    assert.deepEqual(dump(scaleN(p, [0.4, 1])), ['f:2,1', 'g:-2,0']);
    assert.deepEqual(dump(scale(p, -1)), ['f:-5,-1', 'g:5,0', 'h:-1,-7']);
    assert.equal(scale(p, 1), p);
  });

  it('setLabel replaces the values of one string key on every sample', () => {
    const p = build({ samples: [{ stack: [['f']], values: [1], labels: [['pprof::base', 'no'], ['k', 'v'], ['pprof::base', 'x']] }] });
    const before = snapshot(p);
    assert.deepEqual(dump(setLabel(p, 'pprof::base', ['true'])), ['f:1 k=v,pprof::base=true']);
    assert.equal(snapshot(p), before);
  });

  it('numLabelUnits takes the first unit, infers the rest and reports the ignored ones', () => {
    const p = build({ samples: [
      { stack: [['f']], values: [1], labels: [['bytes', [1, 'B']], ['request', 3], ['retries', 2]] },
      { stack: [['f']], values: [1], labels: [['bytes', [1, 'kilobytes']], ['bytes', [2, 'MB']]] },
    ] });
    const { units, ignored } = numLabelUnits(p);
    assert.deepEqual(Object.fromEntries(units), { bytes: 'B', request: 'bytes', retries: 'retries' });
    assert.deepEqual(Object.fromEntries(ignored), { bytes: ['MB', 'kilobytes'] });
  });
});

describe('prune', () => {
  it('removes frames beneath a dropped frame, never before the first user frame', () => {
    const p = build({ samples: [
      { stack: [['leaf'], ['runtime.mallocgc'], ['user'], ['main']], values: [1] },
      // Drop frames at the root side of any user frame stay.
      { stack: [['leaf'], ['runtime.mallocgc']], values: [2] },
    ] });
    const drop = compileGoRegexp('^(runtime\\..*)$');
    assert.deepEqual(dump(prune(p, drop, undefined)), ['user<main:1', 'leaf<runtime.mallocgc:2']);
    assert.deepEqual(dump(prune(p, drop, compileGoRegexp('^(runtime\\.mallocgc)$'))), dump(p));
  });

  it('trims an inlined location to the frames above the dropped one', () => {
    const p = build({ samples: [{ stack: [['inl', 'runtime.x', 'caller'], ['main']], values: [1] }] });
    assert.deepEqual(dump(prune(p, compileGoRegexp('^(runtime\\..*)$'), undefined)), ['caller<main:1']);
  });

  it('removeUninteresting uses drop_frames/keep_frames, and ignores one Go cannot compile', () => {
    const p = build({ dropFrames: 'runtime\\..*', samples: [{ stack: [['runtime.x'], ['u']], values: [1] }] });
    assert.deepEqual(dump(removeUninteresting(p)), ['u:1']);
    const bad = build({ dropFrames: '(', samples: [{ stack: [['runtime.x'], ['u']], values: [1] }] });
    assert.equal(removeUninteresting(bad), bad);
  });

  it('simplifies names before matching as simplifyFunc', () => {
    assert.equal(simplifyFunc('.foo(int)'), 'foo');
    assert.equal(simplifyFunc('ns::(anonymous namespace)::f(int)'), 'ns::(anonymous namespace)::f');
    assert.equal(simplifyFunc('Foo::operator()(int)'), 'Foo::operator()');
    assert.equal(simplifyFunc('main.(*T).M'), 'main.');
  });

  it('pruneFrom keeps the leaf-most match and what is above it', () => {
    const p = build({ samples: [{ stack: [['a'], ['B'], ['c'], ['B'], ['d']], values: [1] }] });
    assert.deepEqual(dump(pruneFrom(p, compileGoRegexp('B'))), ['B<c<B<d:1']);
    assert.deepEqual(dump(pruneFrom(p, compileGoRegexp('a'))), ['a<B<c<B<d:1']);
  });
});

describe('filters by name', () => {
  const p = build({ samples: [
    { stack: [['leaf@a.go:1'], ['mid@b.go:2'], ['main@m.go:3']], values: [1] },
    { stack: [['other@c.go:1'], ['main@m.go:3']], values: [2] },
    { stack: [['inl@a.go:5', 'outer@b.go:6'], ['main@m.go:3']], values: [4] },
    { stack: [], values: [8] },
  ] });

  it('drops samples without locations even with no filter', () => {
    const r = filterSamplesByName(p, undefined, undefined, undefined, undefined);
    assert.deepEqual(dump(r.profile), ['leaf<mid<main:1', 'other<main:2', 'inl+outer<main:4']);
    assert.equal(r.fm, true);
  });

  it('focus keeps samples through a match (names or files); ignore wins over focus', () => {
    assert.deepEqual(dump(filterSamplesByName(p, compileGoRegexp('b\\.go'), undefined, undefined, undefined).profile), ['leaf<mid<main:1', 'inl+outer<main:4']);
    const r = filterSamplesByName(p, compileGoRegexp('main'), compileGoRegexp('^leaf$'), undefined, undefined);
    assert.deepEqual(dump(r.profile), ['other<main:2', 'inl+outer<main:4']);
    assert.equal(r.im, true);
    const none = filterSamplesByName(p, compileGoRegexp('nothing'), undefined, undefined, undefined);
    assert.deepEqual(dump(none.profile), []);
    assert.equal(none.fm, false);
  });

  it('ignore alone drops every sample through a match: a file name, an inlined frame; nothing matched, nothing dropped', () => {
    // go tool pprof -ignore=a\.go: both stacks that pass through a.go go, inlined or not.
    const byFile = filterSamplesByName(p, undefined, compileGoRegexp('a\\.go'), undefined, undefined);
    assert.deepEqual(dump(byFile.profile), ['other<main:2']);
    assert.equal(byFile.im, true);
    assert.deepEqual(dump(filterSamplesByName(p, undefined, compileGoRegexp('^mid$'), undefined, undefined).profile), ['other<main:2', 'inl+outer<main:4']);
    assert.deepEqual(dump(filterSamplesByName(p, undefined, compileGoRegexp('^outer$'), undefined, undefined).profile), ['leaf<mid<main:1', 'other<main:2']);
    const none = filterSamplesByName(p, undefined, compileGoRegexp('nothing'), undefined, undefined);
    assert.deepEqual(dump(none.profile), ['leaf<mid<main:1', 'other<main:2', 'inl+outer<main:4']);
    assert.equal(none.im, false);
  });

  it('hide removes matching frames (inline ones too) and show keeps only matching ones', () => {
    const before = snapshot(p);
    assert.deepEqual(dump(filterSamplesByName(p, undefined, undefined, compileGoRegexp('^(main|inl)$'), undefined).profile), [
      'leaf<mid:1', 'other:2', 'outer:4',
    ]);
    const shown = filterSamplesByName(p, undefined, undefined, undefined, compileGoRegexp('^(main|inl|leaf)$'));
    assert.deepEqual(dump(shown.profile), ['leaf<main:1', 'main:2', 'inl<main:4']);
    assert.equal(shown.hnm, true);
    assert.equal(snapshot(p), before, 'input unchanged');
  });

  it('showFrom drops frames above the highest match', () => {
    assert.deepEqual(dump(showFrom(p, compileGoRegexp('^mid$')).profile), ['leaf<mid:1']);
    assert.deepEqual(dump(showFrom(p, compileGoRegexp('^(inl|leaf)$')).profile), ['leaf:1', 'inl:4']);
  });
});

describe('filters by tag', () => {
  const p = build({ samples: [
    { stack: [['f']], values: [1], labels: { handler: '/api/cart', tenant: 'acme', bytes: 2048 } },
    { stack: [['f']], values: [2], labels: { handler: '/healthz', bytes: 512, retries: 3 } },
    { stack: [['f']], values: [4], labels: { latency: [150, 'ms'] } },
  ] });
  const units = numLabelUnits(p).units;
  const keep = (focus?: string, ignore?: string) =>
    dump(filterSamplesByTag(p, compileTagFilter('tagfocus', focus ?? '', units), compileTagFilter('tagignore', ignore ?? '', units)).profile).map((s) => s.split(' ')[0]);

  it('matches key:value regexps; all of a comma list must match, any for key=', () => {
    assert.deepEqual(keep('api'), ['f:1']);
    assert.deepEqual(keep('handler:/,tenant:acme'), ['f:1']);
    assert.deepEqual(keep('handler=healthz,cart'), ['f:1', 'f:2']);
    assert.deepEqual(keep(undefined, 'tenant=acme'), ['f:2', 'f:4']);
  });

  it('reads numeric ranges with units, and tells it read a range', () => {
    const notes: string[] = [];
    compileTagFilter('tagfocus', '1kb:', units, (m) => notes.push(m));
    assert.deepEqual(notes, ["tagfocus:Interpreted '1kb:' as range, not regexp"]);
    // retries=3 has a unit pprof does not know: it scales into kB unchanged, and 3 >= 1.
    assert.deepEqual(keep('1kb:'), ['f:1', 'f:2']);
    assert.deepEqual(keep('bytes=:1kb'), ['f:2']);
    // A unitless filter only matches labels whose unit scales to nothing (here: retries).
    assert.deepEqual(keep('512'), []);
    assert.deepEqual(keep('3'), ['f:2']);
    assert.deepEqual(keep('latency=100ms:1s'), ['f:4']);
    assert.deepEqual(keep('latency=1s:'), []);
  });

  it('parseTagFilterRange returns undefined for what is not a range', () => {
    assert.equal(parseTagFilterRange('api'), undefined);
    assert.equal(parseTagFilterRange('1kb-2kb'), undefined);
    assert.equal(parseTagFilterRange('1kb:2ms'), undefined);
    assert.ok(parseTagFilterRange('12kb:64mb'));
    assert.equal(parseTagFilterRange('12kb:64mb')?.(20 * 1024, 'bytes'), true);
    assert.equal(parseTagFilterRange('12kb:64mb')?.(20 * 1024, 'ms'), false);
    // Values in units pprof does not know scale into any unit (measurement.Scale).
    assert.equal(parseTagFilterRange('12kb:64mb')?.(20 * 1024, 'count'), true);
  });
});

describe('addLabelNodes (-tagroot, -tagleaf)', () => {
  it('adds one frame per key: first root key at the root, last leaf key at the leaf', () => {
    const p = build({ samples: [
      { stack: [['f'], ['main']], values: [1], labels: [['a', 'x'], ['a', 'y'], ['n', [2048, 'bytes']]] },
      { stack: [['g']], values: [2] },
    ] });
    const r = addLabelNodes(p, ['a', 'b'], ['n'], 'minimum');
    assert.deepEqual(dump(r.profile).map((d) => d.split(' ')[0]), ['2kB<f<main<<x,y:1', '<g<<:2']);
    assert.deepEqual(r.profile.locations.slice(p.locations.length).map((l) => l.lines[0].function?.filename), ['b', 'a', 'n', 'a', 'n']);
    assert.equal(r.rootm, true);
    assert.equal(r.leafm, true);
    assert.equal(addLabelNodes(p, [], [], 'minimum').profile, p);
  });
});

describe('aggregate and sample index', () => {
  const p = build({ samples: [{ stack: [['inl@a.go:5', 'outer@b.go:6']], values: [1] }] });

  it('blanks what a granularity ignores and folds inlined frames without inlines', () => {
    const files = aggregate(p, true, false, true, false, false);
    assert.deepEqual(files.locations[0].lines.map((l) => [l.function?.name, l.function?.filename, l.line]), [['', 'a.go', 0], ['', 'b.go', 0]]);
    assert.equal(files.locations[0].address, 0n);
    const noInline = aggregate(p, false, true, false, false, false);
    assert.deepEqual(noInline.locations[0].lines.map((l) => l.function?.name), ['outer']);
    assert.equal(noInline.mappings[0].hasInlineFrames, false);
    assert.equal(p.locations[0].lines.length, 2, 'input unchanged');
  });

  it('selects sample types as SampleIndexByName', () => {
    const h = build({ types: [['alloc_objects', 'count'], ['space', 'bytes'], ['inuse_space', 'bytes']], samples: [] });
    assert.equal(sampleIndexByName(h, ''), 2);
    assert.equal(sampleIndexByName({ ...h, defaultSampleType: 'space' }, ''), 1);
    assert.equal(sampleIndexByName({ ...h, defaultSampleType: 'nope' }, ''), 2);
    assert.equal(sampleIndexByName(h, '0'), 0);
    // The first type equal to the name or to the name without "inuse_" wins.
    assert.equal(sampleIndexByName(h, 'inuse_space'), 1);
    assert.equal(sampleIndexByName(h, 'alloc_objects'), 0);
  });

  it('fails with pprof messages', () => {
    const h = build({ types: [['alloc_objects', 'count'], ['alloc_space', 'bytes']], samples: [] });
    assert.throws(() => sampleIndexByName(h, '2'), /^ProfileError: sample_index 2 is outside the range \[0\.\.1\]$/);
    assert.throws(() => sampleIndexByName(h, 'space'), /sample_index "space" must be one of: \[alloc_objects alloc_space\]/);
  });
});

describe('compileGoRegexp', () => {
  const m = (re: string, s: string) => compileGoRegexp(re).test(s);
  it('keeps Go meanings where JS differs', () => {
    assert.equal(m('a.b', 'a\nb'), false);
    assert.equal(m('(?s)a.b', 'a\nb'), true);
    assert.equal(m('a.b', 'a\rb'), true, 'Go . matches \\r');
    assert.equal(m('a$', 'a\n'), false);
    assert.equal(m('(?m)a$', 'a\nb'), true);
    assert.equal(m('\\s', '\v'), false);
    assert.equal(m('\\s', '\t'), true);
    assert.equal(m('^[[:alpha:]]+$', 'abcXYZ'), true);
    assert.equal(m('^[[:^digit:]]+$', 'ab'), true);
    assert.equal(m('\\Qa.b\\E', 'axb'), false);
    assert.equal(m('\\Qa.b\\E', 'a.b'), true);
    assert.equal(m('x{', 'x{'), true);
    assert.equal(m('^x{2}$', 'xx'), true);
    assert.equal(m('(?P<n>ab)c', 'abc'), true);
    assert.equal(m('\\x{41}', 'A'), true);
    assert.equal(m('\\pL', 'é'), true);
    assert.equal(m('\\z', ''), true);
  });

  it('folds case globally and in groups', () => {
    assert.equal(m('(?i)main\\.Track', 'MAIN.track'), true);
    assert.equal(m('(?i:m)ain', 'Main'), true);
    assert.equal(m('(?i:m)ain', 'MAIN'), false);
    assert.equal(m('x(?i)[a-c]', 'xB'), true);
  });

  it('refuses what Go refuses', () => {
    assert.throws(() => compileGoRegexp('('), /missing closing \)/);
    assert.throws(() => compileGoRegexp('(a)\\1'), /invalid escape sequence/);
    assert.throws(() => compileGoRegexp('a(?=b)'), /invalid or unsupported Perl syntax/);
    assert.throws(() => compileGoRegexp('a**'), /invalid nested repetition operator/);
    assert.throws(() => compileGoRegexp('*a'), /missing argument to repetition operator/);
  });
});
