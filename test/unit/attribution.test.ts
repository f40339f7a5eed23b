// Attribution: each sample charged to its leaf-most user frame (inlined frames count), samples
// without a user frame kept on their leaf, charges summing to the -list flat total; hand-computed
// literals on small profiles, and the sum as a property over random profiles.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildAttribution, chargedLines, formatVia, sharePercent, type Attribution, type Charge } from '../../src/core/attribution';
import { fetchProfiles } from '../../src/core/driver';
import { analyzeGrowth, formatGrowthTable, growthRowWhy } from '../../src/core/growth';
import { evidenceLines, rowPlace, suspectLabel, whyText } from '../../src/extension/growthEvidence';
import { nodeInflater } from '../../src/core/node/nodeInflater';
import { parseProfile } from '../../src/core/parse';
import type { Profile } from '../../src/core/profile';
import { reportConfig } from '../../src/core/report/lineIndex';
import { goroutineSuspectText, groupThousands, shortName, waitReasonOf } from '../../src/core/goroutines';
import { isStdPackage, packageOf, yourCodePredicate, type YourCodeSpec } from '../../src/core/yourCode';
import { BLOG, GOROUTINES } from '../support/attributionProfiles';
import { encodeProfile, type ProfileSpec } from '../support/profileWriter';
import { randomProfile } from '../support/randomProfile';

function load(spec: ProfileSpec): Profile {
  return fetchProfiles({ sources: [parseProfile(encodeProfile(spec), { inflater: nodeInflater })] }, { normalize: false });
}

function attribute(p: Profile, spec: YourCodeSpec, sampleIndex = 0): Attribution {
  return buildAttribution(p, reportConfig(sampleIndex), yourCodePredicate(spec));
}

describe('buildAttribution', () => {
  it('charges bytes.Repeat inlined into Track to Track\'s line, with what it calls into', () => {
    const a = attribute(load(BLOG), { modules: ['main'] });
    const lines = chargedLines(a.charges);
    assert.deepEqual(
      lines.map((l) => [`${l.file}:${l.line}`, l.value, l.charges.map((c) => `${c.node.info.name}${c.user ? '' : ' (leaf)'}`).join(',')]),
      [
        ['example.com/tracker/main.go:25', 1300, 'main.(*RequestTracker).Track'],
        ['runtime/malloc.go:1000', 50, 'runtime.mallocgc (leaf)'],
        ['example.com/tracker/fib.go:7', 20, 'main.fib'],
      ],
    );
    const track = lines[0].charges[0];
    assert.deepEqual(track.via, [{ name: 'bytes.Repeat', file: 'bytes/bytes.go', line: 610, inline: true, value: 1300 }]);
    assert.equal(formatVia(track.via[0], track.value), 'via bytes.Repeat (bytes/bytes.go:610, inlined) 100%');
    assert.deepEqual(track.entries, [{ tag: 'net/http.HandlerFunc.ServeHTTP', value: 1300 }]);
    // The recursive fib is charged once per sample, at its leaf-most frame, calling into mallocgc (not inlined).
    const fib = lines[2].charges[0];
    assert.equal(formatVia(fib.via[0], fib.value), 'via runtime.mallocgc (runtime/malloc.go:1000) 100%');
    // pprof's numbers are untouched: -list still puts the 1000 on mallocgc and the 300 on makeslice.
    assert.equal(a.index.files.get('runtime/malloc.go')?.get(1000)?.flat, 1070);
    assert.equal(a.index.files.get('runtime/slice.go')?.get(98)?.flat, 300);
    assert.equal(a.index.files.get('example.com/tracker/main.go')?.get(25)?.flat, 0);
  });

  it('keeps every sample on its leaf when no frame is the user\'s (the raw leaf ranking)', () => {
    const a = attribute(load(BLOG), { files: [] });
    const lines = chargedLines(a.charges);
    assert.deepEqual(
      lines.map((l) => [`${l.file}:${l.line}`, l.value]),
      [['runtime/malloc.go:1000', 1070], ['runtime/slice.go:98', 300]],
    );
    assert.ok(a.charges.every((c) => !c.user && c.via.length === 0));
  });

  it('charges a user leaf to itself with nothing below it', () => {
    const spec: ProfileSpec = { ...BLOG, samples: [{ locationIds: [4, 5], values: [7] }] };
    const [c] = attribute(load(spec), { modules: ['main'] }).charges;
    assert.equal(c.node.info.name, 'main.handler');
    assert.equal(c.value, 7);
    assert.deepEqual(c.via, []);
  });

  it('narrows with "!pattern" and widens with a pattern', () => {
    // Narrowed: Track's package is not the user's, so handler (not inlined, next location) is charged.
    const narrowed = chargedLines(attribute(load(BLOG), { nonStd: true, patterns: ['!main'] }).charges);
    assert.equal(narrowed[0].value, 1070);
    assert.equal(`${narrowed[0].file}:${narrowed[0].line}`, 'runtime/malloc.go:1000');
    // Widened to bytes: bytes.Repeat's own line is the user's now.
    const widened = chargedLines(attribute(load(BLOG), { modules: ['main'], patterns: ['bytes'] }).charges);
    assert.equal(`${widened[0].file}:${widened[0].line}`, 'bytes/bytes.go:610');
    assert.equal(formatVia(widened[0].charges[0].via[0], widened[0].value), 'via runtime.makeslice (runtime/slice.go:98) 100%');
  });

  it('ranks by the report\'s sample type, after pprof\'s filters', () => {
    const spec: ProfileSpec = { ...BLOG, sampleTypes: [['alloc_objects', 'count'], ['alloc_space', 'bytes']], samples: BLOG.samples.map((s) => ({ ...s, values: [1, s.values[0]] })) };
    const objects = attribute(load(spec), { modules: ['main'] }, 0);
    assert.deepEqual(chargedLines(objects.charges).map((l) => l.value), [2, 1, 1]);
    const focused = buildAttribution(load(spec), reportConfig(1, { focus: 'fib' }), yourCodePredicate({ modules: ['main'] }));
    assert.deepEqual(chargedLines(focused.charges).map((l) => [l.line, l.value]), [[7, 20]]);
  });

  it('charges sum to the -list flat total over random profiles (inlining, recursion, addresses, negative values)', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const p = fetchProfiles({ sources: [parseProfile(randomProfile(seed, { maxSamples: 200, negativeValues: seed % 2 === 0 }), { inflater: nodeInflater })] }, { normalize: false });
      if (p.sampleTypes.length === 0) continue;
      // A predicate that holds for about a third of the functions: some stacks have no user frame.
      const isUser = (f: { name: string }) => f.name.length % 3 === 0;
      for (const sampleIndex of [0, p.sampleTypes.length - 1]) {
        const a = buildAttribution(p, reportConfig(sampleIndex), isUser as never);
        let all = 0;
        for (const c of a.charges) all += c.value;
        assert.equal(all, sumOfLeafValues(p, sampleIndex), `seed ${seed}, sample index ${sampleIndex}: charges sum to the total`);
        // With no user frame anywhere, the charges are pprof's flat values of the -list index.
        const raw = buildAttribution(p, reportConfig(sampleIndex), () => false);
        for (const l of chargedLines(raw.charges)) assert.equal(l.value, a.index.files.get(l.file)?.get(l.line)?.flat, `seed ${seed}: raw charge of ${l.file}:${l.line}`);
        for (const c of a.charges) {
          const via = c.via.reduce((x, v) => x + v.value, 0);
          if (seed % 2 === 1) assert.ok(via <= c.value, `seed ${seed}: via ≤ value`);
        }
      }
    }
  });
});

/** The sum of a sample type over samples with a stack: what pprof's graph gives to leaves. */
function sumOfLeafValues(p: Profile, t: number): number {
  const s = p.samples;
  let sum = 0;
  for (let i = 0; i < s.count; i++) if (s.stackStart[i + 1] > s.stackStart[i]) sum += s.values[i * s.numValues + t];
  return sum;
}

describe('yourCode', () => {
  it('finds the package of a Go function name', () => {
    assert.equal(packageOf('github.com/acme/svc/notify.(*Hub).listen'), 'github.com/acme/svc/notify');
    assert.equal(packageOf('main.main'), 'main');
    assert.equal(packageOf('bytes.Repeat'), 'bytes');
    assert.equal(packageOf('net/http.(*conn).serve'), 'net/http');
    assert.equal(packageOf('_cgo_mmap'), '');
  });

  it('tells the standard library from the rest', () => {
    for (const p of ['bytes', 'runtime', 'net/http', 'encoding/json', 'vendor/golang.org/x/net/http2/hpack', 'internal/poll']) assert.ok(isStdPackage(p), p);
    for (const p of ['main', 'github.com/acme/svc', 'example.com/tracker', 'golang.org/x/sync/errgroup', '']) assert.ok(!isStdPackage(p), p);
  });

  it('a pattern covers the subpackages of a path, not a longer name', () => {
    const is = yourCodePredicate({ patterns: ['github.com/acme'] });
    const f = (name: string) => is({ name, origName: '', address: 0n, file: '', startLine: 0, lineno: 0, objfile: '' });
    assert.ok(f('github.com/acme.Run'));
    assert.ok(f('github.com/acme/svc/notify.listen'));
    assert.ok(!f('github.com/acmecorp/x.Run'));
  });

  it('says which pattern does not compile', () => {
    assert.throws(() => yourCodePredicate({ patterns: ['(['] }), /your-code pattern "\(\[":/);
  });

  it('formats shares', () => {
    assert.equal(sharePercent(1, 3), '33%');
    assert.equal(sharePercent(1, 1000), '<1%');
    assert.equal(sharePercent(0, 0), '0%');
  });
});

describe('goroutines', () => {
  it('says why user lines block and how their goroutines started', () => {
    const a = buildAttribution(load(GOROUTINES), reportConfig(0), yourCodePredicate({ nonStd: true }), { tagFrame: waitReasonOf });
    const lines = chargedLines(a.charges);
    assert.deepEqual(
      lines.map((l) => goroutineSuspectText(l.value, l.charges[0])),
      [
        '1,200 goroutines blocked at notify.go:13 in notify.listen (chan receive), started as notify.listen',
        '4 goroutines blocked at store.go:21 in store.(*Store).Put (mutex), started as http.(*conn).serve',
        '3 goroutines at proc.go:363 in runtime.gopark, started as http.(*conn).serve',
      ],
    );
    assert.equal(formatVia(lines[1].charges[0].via[0], 4), 'via sync.(*Mutex).Lock (sync/mutex.go:90, inlined) 100%');
  });

  it('names the waits of the runtime and sync frames', () => {
    const cases: [string, string | undefined][] = [
      ['runtime.chanrecv1', 'chan receive'], ['runtime.chansend1', 'chan send'], ['runtime.selectgo', 'select'],
      ['sync.(*WaitGroup).Wait', 'WaitGroup'], ['sync.(*Mutex).Lock', 'mutex'], ['sync.(*RWMutex).RLock', 'RWMutex'],
      ['sync.(*Cond).Wait', 'sync.Cond'], ['time.Sleep', 'sleep'], ['net.(*conn).Read', 'network I/O'],
      ['internal/poll.runtime_pollWait', 'I/O wait'], ['runtime.gopark', 'parked'], ['main.main', undefined],
    ];
    for (const [name, reason] of cases) assert.equal(waitReasonOf({ name }), reason, name);
    assert.equal(shortName('github.com/a/b/notify.(*Hub).listen'), 'notify.(*Hub).listen');
    assert.equal(groupThousands(1234567), '1,234,567');
  });
});

describe('growth with attribution', () => {
  /** The same stacks with values times k, k minutes apart. */
  const series = (spec: ProfileSpec, ks: number[]) =>
    ks.map((k, i) => ({ name: `s${i}`, profile: load({ ...spec, timeNanos: 1.7e18 + i * 60e9, samples: spec.samples.map((s) => ({ ...s, values: s.values.map((v) => v * k) })) }) }));

  it('ranks the user\'s line with what it calls into; without a predicate, pprof\'s leaf', () => {
    const r = analyzeGrowth(series(BLOG, [1, 2, 3, 4]), { yourCode: yourCodePredicate({ modules: ['main'] }) });
    assert.equal(r.attributed, true);
    const top = r.rows[0];
    assert.deepEqual([top.functionName, top.file, top.line, top.values, top.verdict], ['main.(*RequestTracker).Track', 'example.com/tracker/main.go', 25, [1300, 2600, 3900, 5200], 'leak']);
    assert.equal(growthRowWhy(top), 'via bytes.Repeat (bytes/bytes.go:610, inlined) 100%');
    assert.match(formatGrowthTable(r).split('\n')[1], /^\s+1\s+main\.\(\*RequestTracker\)\.Track\s+example\.com\/tracker\/main\.go:25\s.*\s3\/3\s+via bytes\.Repeat \(bytes\/bytes\.go:610, inlined\) 100%$/);
    const raw = analyzeGrowth(series(BLOG, [1, 2, 3, 4]));
    assert.equal(raw.attributed, false);
    assert.deepEqual([raw.rows[0].functionName, raw.rows[0].values], ['runtime.mallocgc', [1070, 2140, 3210, 4280]]);
  });

  it('goroutine series: the blocking line, its wait reason and entry; the suspect sentence', () => {
    const r = analyzeGrowth(series(GOROUTINES, [1, 2, 3, 4]), { yourCode: yourCodePredicate({ nonStd: true }) });
    const top = r.rows[0];
    assert.deepEqual([top.functionName, top.line, top.waitReason, top.entry], ['example.com/svc/notify.listen', 13, 'chan receive', 'example.com/svc/notify.listen']);
    assert.equal(whyText(r, top), '4,800 goroutines blocked at notify.go:13 in notify.listen (chan receive), started as notify.listen');
    assert.equal(evidenceLines(r, top)[0], whyText(r, top));
    // The Leak Suspects row keeps the wait reason in sight, as a goroutine dump prints it.
    assert.equal(suspectLabel(r, top), 'notify.go:13 [chan receive]  example.com/svc/notify.listen');
    // pprof's leaf ranking has no wait reason to show; nor has a heap row.
    const raw = analyzeGrowth(series(GOROUTINES, [1, 2, 3, 4]));
    assert.equal(suspectLabel(raw, raw.rows[0]), `${rowPlace(raw.rows[0])}  ${raw.rows[0].functionName}`);
    const heap = analyzeGrowth(series(BLOG, [1, 2, 3, 4]), { yourCode: yourCodePredicate({ modules: ['main'] }) });
    assert.equal(suspectLabel(heap, heap.rows[0]), 'main.go:25  main.(*RequestTracker).Track');
  });
});

// Several callees, inlined and not, two functions on one line, tags at different depths, ties and
// a negative sample: every list of a charge in its documented order, values summed by hand.
const MIX: ProfileSpec = {
  sampleTypes: [['alloc_space', 'bytes']],
  functions: [
    { id: 1, name: 'lib.x', file: 'lib/x.go' },
    { id: 2, name: 'lib.y', file: 'lib/y.go' },
    { id: 3, name: 'lib.z', file: 'lib/z.go' },
    { id: 4, name: 'main.a', file: 'main.go' },
    { id: 5, name: 'main.main', file: 'main.go' },
    { id: 6, name: 'main.a.func1', file: 'main.go' },
    { id: 7, name: 'runtime.goexit', file: 'runtime/asm.go' },
    { id: 8, name: 'lib.far', file: 'lib/far.go' },
    { id: 9, name: 'lib.near', file: 'lib/near.go' },
    { id: 10, name: 'lib.plain', file: 'lib/plain.go' },
  ],
  locations: [
    { id: 1, lines: [[1, 5]] },
    { id: 2, lines: [[2, 6]] },
    { id: 3, lines: [[3, 7]] },
    { id: 4, lines: [[4, 10]] },
    // lib.x inlined into main.a's line 10.
    { id: 5, lines: [[1, 5], [4, 10]] },
    { id: 6, lines: [[6, 10]] },
    { id: 7, lines: [[7, 1]] },
    { id: 8, lines: [[5, 20]] },
    { id: 9, lines: [[8, 1]] },
    { id: 10, lines: [[9, 1]] },
    { id: 11, lines: [[10, 1]] },
    { id: 12, lines: [[4, 30]] },
  ],
  samples: [
    { locationIds: [1, 4, 7], values: [30] }, // main.a:10 via lib.x (a call)
    { locationIds: [5, 7], values: [30] }, // main.a:10 via lib.x (inlined)
    { locationIds: [2, 4, 8], values: [50] }, // main.a:10 via lib.y, started as main.main
    { locationIds: [3, 4, 7], values: [20] }, // main.a:10 via lib.z
    { locationIds: [3, 6, 7], values: [15] }, // main.a.func1:10 via lib.z
    { locationIds: [1, 6, 7], values: [-60] }, // main.a.func1:10 via lib.x, negative (a diff)
    { locationIds: [9, 11, 12, 7], values: [5] }, // main.a:30 via lib.plain; the tag below it: far
    { locationIds: [9, 10, 12, 7], values: [7] }, // main.a:30 via lib.near; nearest tag: near
    { locationIds: [10, 12, 8], values: [12] }, // main.a:30 via lib.near, started as main.main
    { locationIds: [11, 7], values: [24] }, // no user frame: stays on lib.plain
    { locationIds: [4, 7], values: [0] }, // a zero sample: nothing
    { locationIds: [], values: [99] }, // no stack: nothing (pprof's graph skips it too)
  ],
};

describe('chargeSamples: every list in order', () => {
  const tagFrame = (f: { name: string }) => (f.name === 'lib.far' ? 'far' : f.name === 'lib.near' ? 'near' : undefined);

  it('charges, via (largest |value| first, a call and an inlined call apart), entries and tags (nearest tagged frame)', () => {
    const asked: string[] = [];
    const isUser = (f: { name: string; lineno: number }) => {
      asked.push(`${f.name}:${f.lineno}`);
      return f.name.startsWith('main.');
    };
    const a = buildAttribution(load(MIX), reportConfig(0), isUser as never, { tagFrame });
    // The predicate is asked once per frame.
    assert.equal(new Set(asked).size, asked.length, asked.join(' '));
    const show = a.charges.map((c) => ({
      at: `${c.node.info.name}:${c.node.info.lineno}`,
      user: c.user,
      value: c.value,
      via: c.via.map((v) => `${v.name} ${v.file}:${v.line}${v.inline ? ' inlined' : ''} ${v.value}`),
      entries: c.entries.map((t) => `${t.tag} ${t.value}`),
      tags: c.tags.map((t) => `${t.tag} ${t.value}`),
    }));
    assert.deepEqual(show, [
      {
        at: 'main.a:10', user: true, value: 130,
        // lib.x called and lib.x inlined are two entries; equal values keep their order.
        via: ['lib.y lib/y.go:6 50', 'lib.x lib/x.go:5 30', 'lib.x lib/x.go:5 inlined 30', 'lib.z lib/z.go:7 20'],
        entries: ['runtime.goexit 80', 'main.main 50'],
        tags: [],
      },
      {
        at: 'main.a.func1:10', user: true, value: -45,
        via: ['lib.x lib/x.go:5 -60', 'lib.z lib/z.go:7 15'],
        entries: ['runtime.goexit -45'],
        tags: [],
      },
      {
        at: 'main.a:30', user: true, value: 24,
        via: ['lib.near lib/near.go:1 19', 'lib.plain lib/plain.go:1 5'],
        // A tie is ordered by name.
        entries: ['main.main 12', 'runtime.goexit 12'],
        tags: ['near 19', 'far 5'],
      },
      { at: 'lib.plain:1', user: false, value: 24, via: [], entries: ['runtime.goexit 24'], tags: [] },
    ]);
    // By line: main.a and its closure share line 10 (130 - 45); equal values are ordered by file.
    assert.deepEqual(
      chargedLines(a.charges).map((l) => [`${l.file}:${l.line}`, l.value, l.charges.length]),
      [['main.go:10', 85, 2], ['lib/plain.go:1', 24, 1], ['main.go:30', 24, 1]],
    );
  });

  it('orders lines by |value|, then file, then line, and leaves out nodes without a place', () => {
    const charge = (file: string, lineno: number, value: number) =>
      ({ node: { info: { name: 'f', file, lineno } }, user: true, value, via: [], entries: [], tags: [] }) as unknown as Charge;
    const lines = chargedLines([charge('b.go', 5, 10), charge('a.go', 9, 10), charge('a.go', 3, -30), charge('', 4, 99), charge('c.go', 0, 99), charge('a.go', 7, 10), charge('a.go', 3, -5)]);
    assert.deepEqual(lines.map((l) => [`${l.file}:${l.line}`, l.value]), [['a.go:3', -35], ['a.go:7', 10], ['a.go:9', 10], ['b.go:5', 10]]);
  });

  // Three or more ties inserted out of order: a tie-break that keeps or reverses insertion order
  // (a comparator answering 0, or always −1) gives another order than the one asserted. With two
  // tied entries inserted in order, "keep" and "sort" agree; with two in reverse order, "reverse"
  // and "sort" agree. (V8's sort reads a comparator only as "< 0 or not", so 0 and 1 are the same.)
  it('orders tied via and tag entries by name whatever order the samples come in', () => {
    // main.t calls lib.z, lib.x, lib.y (10 each, in that order), then lib.w (40). Each callee is
    // also the frame's tag (its name without "lib."). Sorted: |value| first (w 40), then the key
    // name:file:line (lib.x, lib.y, lib.z): not the samples' order z, x, y, nor its reverse y, x, z.
    const TIES: ProfileSpec = {
      sampleTypes: [['alloc_space', 'bytes']],
      functions: [
        { id: 1, name: 'lib.z', file: 'lib/z.go' },
        { id: 2, name: 'lib.x', file: 'lib/x.go' },
        { id: 3, name: 'lib.y', file: 'lib/y.go' },
        { id: 4, name: 'lib.w', file: 'lib/w.go' },
        { id: 5, name: 'main.t', file: 'main.go' },
      ],
      locations: [
        { id: 1, lines: [[1, 3]] },
        { id: 2, lines: [[2, 3]] },
        { id: 3, lines: [[3, 3]] },
        { id: 4, lines: [[4, 3]] },
        { id: 5, lines: [[5, 8]] },
      ],
      samples: [
        { locationIds: [1, 5], values: [10] },
        { locationIds: [2, 5], values: [10] },
        { locationIds: [3, 5], values: [10] },
        { locationIds: [4, 5], values: [40] },
      ],
    };
    const tagOfLib = (f: { name: string }) => (f.name.startsWith('lib.') ? f.name.slice(4) : undefined);
    const a = buildAttribution(load(TIES), reportConfig(0), ((f: { name: string }) => f.name.startsWith('main.')) as never, { tagFrame: tagOfLib });
    assert.equal(a.charges.length, 1);
    const [c] = a.charges;
    assert.deepEqual(
      [`${c.node.info.name}:${c.node.info.lineno}`, c.value, c.via.map((v) => `${v.name} ${v.file}:${v.line} ${v.value}`), c.tags.map((t) => `${t.tag} ${t.value}`), c.entries.map((t) => `${t.tag} ${t.value}`)],
      ['main.t:8', 70, ['lib.w lib/w.go:3 40', 'lib.x lib/x.go:3 10', 'lib.y lib/y.go:3 10', 'lib.z lib/z.go:3 10'], ['w 40', 'x 10', 'y 10', 'z 10'], ['main.t 70']],
    );
  });

  it('orders tied lines by file, then line, whatever order they come in', () => {
    const charge = (file: string, lineno: number, value: number) =>
      ({ node: { info: { name: 'f', file, lineno } }, user: true, value, via: [], entries: [], tags: [] }) as unknown as Charge;
    const order = (...cs: Charge[]) => chargedLines(cs).map((l) => `${l.file}:${l.line}`);
    // Three files tied at 10, given a, c, b: sorted a, b, c (reversed it would be b, c, a).
    assert.deepEqual(order(charge('a.go', 1, 10), charge('c.go', 1, 10), charge('b.go', 1, 10)), ['a.go:1', 'b.go:1', 'c.go:1']);
    // One file, three lines tied at 10, given 1, 3, 2: by line 1, 2, 3 (not 2, 3, 1: the file
    // comparison alone must not decide when the files are equal).
    assert.deepEqual(order(charge('x.go', 1, 10), charge('x.go', 3, 10), charge('x.go', 2, 10)), ['x.go:1', 'x.go:2', 'x.go:3']);
    // A later file with an earlier line, tied: the file decides (a.go:9 before b.go:1), not the line.
    assert.deepEqual(order(charge('a.go', 9, 10), charge('b.go', 1, 10)), ['a.go:9', 'b.go:1']);
    // Everything at once, after a larger |value| (−20): by file, then line.
    assert.deepEqual(
      order(charge('c.go', 1, 10), charge('a.go', 9, 10), charge('b.go', 2, 10), charge('z.go', 4, -20), charge('a.go', 1, 10), charge('a.go', 5, 10)),
      ['z.go:4', 'a.go:1', 'a.go:5', 'a.go:9', 'b.go:2', 'c.go:1'],
    );
  });

  it('formats what a line calls into without a line number or a file', () => {
    assert.equal(formatVia({ name: 'runtime.x', file: 'runtime/x.go', line: 0, inline: false, value: 1 }, 2), 'via runtime.x (runtime/x.go) 50%');
    assert.equal(formatVia({ name: 'f', file: '', line: 0, inline: true, value: 1 }, 4), 'via f (inlined) 25%');
    assert.equal(formatVia({ name: 'f', file: '', line: 0, inline: false, value: 3 }, 4), 'via f 75%');
    assert.equal(sharePercent(0, 10), '0%');
    assert.equal(sharePercent(1, 100), '1%');
    assert.equal(sharePercent(1, 200), '<1%');
    assert.equal(sharePercent(-1, 4), '25%');
  });
});
