// Refinement chips become pprof's filter expressions: alternatives within a kind, label values
// quoted so that pprof's tag filter syntax ("key=v1,v2") cannot split or re-key them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileGoRegexp } from '../../src/core/goRegexp';
import { addChip, chipsOf, exactRegexp, quoteMeta, refinementsOf, removeChip, sameRefinements, tagChip, type Chip } from '../../src/shared/refinements';

const focus = (expr: string): Chip => ({ kind: 'focus', expr, label: expr });

test('quoteMeta escapes what Go regexps treat specially; exactRegexp anchors', () => {
  const name = 'net/http.(*conn).serve[x]{1}+?|^$\\';
  assert.equal(quoteMeta(name), 'net/http\\.\\(\\*conn\\)\\.serve\\[x\\]\\{1\\}\\+\\?\\|\\^\\$\\\\');
  const rx = compileGoRegexp(exactRegexp(name));
  assert.ok(rx.test(name));
  assert.ok(!rx.test(`${name}x`));
});

test('chips of one kind are alternatives; kinds stay apart; duplicates are not added', () => {
  let chips = addChip([], focus('^main\\.a$'));
  chips = addChip(chips, focus('^main\\.b$'));
  chips = addChip(chips, focus('^main\\.b$'));
  chips = addChip(chips, { kind: 'hide', expr: 'runtime', label: 'runtime' });
  assert.equal(chips.length, 3);
  assert.deepEqual(refinementsOf(chips), { focus: '(?:^main\\.a$)|(?:^main\\.b$)', hide: 'runtime' });
  assert.deepEqual(refinementsOf(removeChip(chips, 0)), { focus: '^main\\.b$', hide: 'runtime' });
  assert.deepEqual(refinementsOf([]), {});
});

test('label chips: one is keyed; values of one key are alternatives; keys must all match (tagfocus)', () => {
  const a = tagChip('tagfocus', { key: 'api', value: '/users', numeric: false });
  assert.equal(a.expr, 'api=^/users$');
  assert.equal(a.label, 'api=/users');
  assert.deepEqual(refinementsOf([a]), { tagfocus: 'api=^/users$' });
  const b = tagChip('tagfocus', { key: 'api', value: '/items', numeric: false });
  const c = tagChip('tagfocus', { key: 'region', value: 'eu,west=1', numeric: false });
  const r = refinementsOf(addChip(addChip(addChip([], a), b), c));
  // Commas and "=" in values are escaped: pprof splits tag filters at "," and keys at "=".
  assert.equal(r.tagfocus, '^api:(?:/users|/items)$,^region:(?:eu\\x2cwest\\x3d1)$');
  for (const part of r.tagfocus!.split(',')) assert.ok(compileGoRegexp(part));
  assert.ok(compileGoRegexp('^region:(?:eu\\x2cwest\\x3d1)$').test('region:eu,west=1'));
});

test('label chips of tagignore drop any picked value: one regexp', () => {
  const chips = [tagChip('tagignore', { key: 'api', value: '/a', numeric: false }), tagChip('tagignore', { key: 'zone', value: 'b', numeric: false })];
  const r = refinementsOf(chips.reduce<Chip[]>((acc, c) => addChip(acc, c), []));
  assert.equal(r.tagignore, '^(?:api:(?:/a)|zone:(?:b))$');
  const rx = compileGoRegexp(r.tagignore!);
  assert.ok(rx.test('api:/a') && rx.test('zone:b') && !rx.test('api:/ab'));
});

test('numeric label chips and typed tag expressions stand alone in their kind', () => {
  const s = tagChip('tagfocus', { key: 'api', value: '/a', numeric: false });
  const n = tagChip('tagfocus', { key: 'bytes', value: '1024', numeric: true }, 'bytes');
  assert.equal(n.expr, 'bytes=1024bytes');
  let chips = addChip([s], n);
  assert.deepEqual(chips, [n]);
  chips = addChip(chips, s);
  assert.deepEqual(chips, [s]);
  const typed: Chip = { kind: 'tagfocus', expr: 'bytes=1kb:', label: 'bytes=1kb:' };
  assert.deepEqual(addChip(addChip([s], typed), { kind: 'focus', expr: 'x', label: 'x' }).map((c) => c.expr), ['bytes=1kb:', 'x']);
  assert.deepEqual(refinementsOf([typed]), { tagfocus: 'bytes=1kb:' });
});

test('refinements set elsewhere become one chip per expression; empty equals absent', () => {
  const r = { focus: 'a|b', tagignore: 'k=v', hide: '' };
  assert.deepEqual(chipsOf(r).map((c) => [c.kind, c.expr]), [
    ['focus', 'a|b'],
    ['tagignore', 'k=v'],
  ]);
  assert.ok(sameRefinements(refinementsOf(chipsOf(r)), r));
  assert.ok(sameRefinements({}, { focus: '' }));
  assert.ok(!sameRefinements({ focus: 'a' }, { focus: 'b' }));
});
