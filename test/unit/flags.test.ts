// The command line follows Go's flag package and pprof's flag set: forms, booleans, stopping
// rules, conflicts and pprof's own checks, each failing with a FlagError that names the problem.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FlagError, isBuildID, parseArgs, parseGoFloat, parseGoInt, parseSize, resolveSources, usage } from '../../src/cli/flags';

const fails = (argv: string[], message: RegExp) => assert.throws(() => parseArgs(argv), (e: unknown) => e instanceof FlagError && message.test(e.message));

describe('parseArgs: flag forms', () => {
  it('reads -flag=value, -flag value and --flag value alike', () => {
    for (const argv of [
      ['-top', '-focus=Put', '-nodecount=5', 'f'],
      ['-top', '-focus', 'Put', '-nodecount', '5', 'f'],
      ['--top', '--focus', 'Put', '--nodecount=5', 'f'],
    ]) {
      const p = parseArgs(argv);
      assert.deepEqual(p.command, { name: 'top', arg: undefined });
      assert.equal(p.config.focus, 'Put');
      assert.equal(p.config.nodeCount, 5);
      assert.deepEqual(p.args, ['f']);
    }
  });

  it('splits -flag=value at the first "=": a value may hold "=" itself (-tagfocus=key=value)', () => {
    const p = parseArgs(['-top', '-tagfocus=handler=/api/cart', '-focus=a=b', '-tagignore', 'k=v=w', '--show==x', 'f']);
    assert.equal(p.config.tagFocus, 'handler=/api/cart');
    assert.equal(p.config.focus, 'a=b');
    assert.equal(p.config.tagIgnore, 'k=v=w');
    assert.equal(p.config.show, '=x');
    assert.deepEqual(p.args, ['f']);
  });

  it('takes -list=REGEXP and -list REGEXP', () => {
    assert.deepEqual(parseArgs(['-list=^main\\.', 'f']).command, { name: 'list', arg: '^main\\.' });
    assert.deepEqual(parseArgs(['-list', 'Track', 'f']).command, { name: 'list', arg: 'Track' });
  });

  it('reads booleans as Go does: -cum, -cum=true, -cum=false; "-cum false" leaves "false" a file', () => {
    assert.equal(parseArgs(['-top', '-cum', 'f']).config.sort, 'cum');
    assert.equal(parseArgs(['-top', '-cum=true', 'f']).config.sort, 'cum');
    assert.equal(parseArgs(['-top', '-cum=1', 'f']).config.sort, 'cum');
    assert.equal(parseArgs(['-top', '-cum=false', 'f']).config.sort, 'flat');
    assert.deepEqual(parseArgs(['-top', '-cum', 'false', 'f']).args, ['false', 'f']);
    fails(['-top', '-cum=yes', 'f'], /invalid boolean value "yes" for -cum/);
  });

  it('stops at the first non-flag argument and at --', () => {
    assert.deepEqual(parseArgs(['-top', 'f', '-cum']).args, ['f', '-cum']);
    assert.deepEqual(parseArgs(['-top', '--', '-f']).args, ['-f']);
    assert.deepEqual(parseArgs(['-top', '-', 'f']).args, ['-', 'f']);
  });

  it('lets the last occurrence of a flag win', () => {
    assert.equal(parseArgs(['-top', '-focus=a', '-focus=b', 'f']).config.focus, 'b');
  });

  it('has pprof defaults', () => {
    const c = parseArgs(['-top', 'f']).config;
    assert.equal(c.nodeCount, -1);
    assert.equal(c.nodeFraction, 0.005);
    assert.equal(c.granularity, 'functions');
    assert.equal(c.sort, 'flat');
    assert.equal(c.unit, 'minimum');
    assert.equal(c.trim, true);
  });

  it('maps granularity and sort choices, and refuses two of one kind', () => {
    assert.equal(parseArgs(['-top', '-lines', 'f']).config.granularity, 'lines');
    assert.equal(parseArgs(['-top', '-filefunctions', 'f']).config.granularity, 'filefunctions');
    assert.equal(parseArgs(['-top', '-addresses', 'f']).config.granularity, 'addresses');
    fails(['-top', '-lines', '-files', 'f'], /conflicting options set: \[files lines\]|conflicting options set: \[lines files\]/);
    fails(['-top', '-cum', '-flat', 'f'], /conflicting options set/);
  });

  it('reads base and diff_base, not both', () => {
    const d = parseArgs(['-top', '-diff_base=b.pprof', 'a.pprof']);
    assert.equal(d.base, 'b.pprof');
    assert.equal(d.diffBase, true);
    const b = parseArgs(['-top', '-base', 'b.pprof', 'a.pprof']);
    assert.equal(b.base, 'b.pprof');
    assert.equal(b.diffBase, false);
    fails(['-top', '-base=x', '-diff_base=y', 'a'], /-base and -diff_base flags cannot both be specified/);
  });

  it('turns the legacy selections into a sample index, noting the ignored ones', () => {
    assert.equal(parseArgs(['-top', '-alloc_space', 'f']).config.sampleIndex, 'alloc_space');
    const both = parseArgs(['-top', '-sample_index=1', '-inuse_objects', 'f']);
    assert.equal(both.config.sampleIndex, '1');
    assert.deepEqual(both.notes, ['Multiple value selections, ignoring -inuse_objects']);
    const mean = parseArgs(['-top', '-mean_delay', 'f']);
    assert.equal(mean.config.sampleIndex, 'delay');
    assert.equal(mean.config.mean, true);
  });

  it('reads --max-size with units', () => {
    assert.equal(parseArgs(['-top', '--max-size=2GiB', 'f']).maxSize, 2 ** 31);
    assert.equal(parseArgs(['-top', '-max-size', '512m', 'f']).maxSize, 512 * 2 ** 20);
    fails(['-top', '--max-size=lots', 'f'], /max-size/);
  });

  it('gives help for -h, -help and --help', () => {
    for (const h of ['-h', '-help', '--help']) assert.equal(parseArgs([h]).help, true);
    assert.match(usage(), /^usage: pprof-lens/);
    assert.match(usage(), /-sample_index=index/);
  });
});

describe('parseArgs: errors', () => {
  it('names unknown flags, missing arguments and bad numbers as Go does', () => {
    fails(['-nope', 'f'], /^flag provided but not defined: -nope$/);
    fails(['-top', '-focus'], /^flag needs an argument: -focus$/);
    fails(['-top', '-nodecount=ten', 'f'], /^invalid value "ten" for flag -nodecount/);
    fails(['-top', '-nodefraction=x', 'f'], /^invalid value "x" for flag -nodefraction/);
    fails(['---top', 'f'], /^bad flag syntax: ---top$/);
    fails(['-=x', 'f'], /^bad flag syntax/);
  });

  it('needs exactly one output format and a source', () => {
    fails(['-top', '-traces', 'f'], /must set at most one output format/);
    fails(['-top'], /no profile source specified/);
    fails(['f'], /no report format/);
    fails(['-web', 'f'], /-web is not supported/);
    fails(['-top', '-http=:8080', 'f'], /-http is not compatible with an output format/);
  });

  it('refuses -normalize without a base', () => {
    fails(['-top', '-normalize', 'f'], /must have base profile to normalize by/);
  });
});

describe('resolveSources', () => {
  it('takes a first hex argument as a build id when there are several', () => {
    const p = parseArgs(['-top', 'deadBEEF01', 'prof']);
    assert.deepEqual(resolveSources(p, () => false), { sources: ['prof'], buildId: 'deadBEEF01' });
    // A single argument is always the profile.
    assert.deepEqual(resolveSources(parseArgs(['-top', 'deadbeef']), () => false), { sources: ['deadbeef'], buildId: undefined });
  });

  it('takes a first object file as the binary', () => {
    const p = parseArgs(['-top', './server', 'prof']);
    assert.deepEqual(resolveSources(p, (f) => f === './server'), { sources: ['prof'], execName: './server', buildId: undefined });
  });

  it('keeps the first argument a profile when -buildid is set', () => {
    const p = parseArgs(['-top', '-buildid=abc', 'ab12', 'prof']);
    assert.deepEqual(resolveSources(p, () => false), { sources: ['ab12', 'prof'], buildId: 'abc' });
    assert.equal(isBuildID('0123abcdefABCDEF'), true);
    assert.equal(isBuildID('heap.pprof'), false);
  });
});

describe('Go number syntax', () => {
  it('parses ints as strconv.ParseInt(s, 0, 64)', () => {
    assert.equal(parseGoInt('42'), 42);
    assert.equal(parseGoInt('-7'), -7);
    assert.equal(parseGoInt('0x1F'), 31);
    assert.equal(parseGoInt('010'), 8);
    assert.equal(parseGoInt('0o17'), 15);
    assert.equal(parseGoInt('0b101'), 5);
    assert.equal(parseGoInt('1_000'), 1000);
    assert.equal(parseGoInt('0x_ff'), 255);
    for (const bad of ['', '_1', '1_', '1__0', '08', '1.5', ' 1', '0x', '9223372036854775808']) assert.equal(parseGoInt(bad), undefined, bad);
  });

  it('parses floats as strconv.ParseFloat', () => {
    assert.equal(parseGoFloat('0.05'), 0.05);
    assert.equal(parseGoFloat('.5'), 0.5);
    assert.equal(parseGoFloat('1e-3'), 0.001);
    assert.equal(parseGoFloat('5'), 5);
    assert.equal(parseGoFloat('-Inf'), -Infinity);
    for (const bad of ['', 'x', '1.2.3', '0x10']) assert.equal(parseGoFloat(bad), undefined, bad);
  });

  it('parses sizes', () => {
    assert.equal(parseSize('1024'), 1024);
    assert.equal(parseSize('1k'), 1024);
    assert.equal(parseSize('1.5MiB'), 1.5 * 2 ** 20);
    assert.equal(parseSize('0'), undefined);
  });
});
