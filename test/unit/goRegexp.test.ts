// Typed Go regexps (search box, focus/ignore chips, the CLI, drop_frames from a profile) run in
// linear time with Go's semantics: the JS translation only where it cannot backtrack
// catastrophically, RE2 (re2js) elsewhere; answers checked against Go's regexp package.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileGoRegexp, LinearRegExp } from '../../src/core/goRegexp';
import { goMatches, goRegexpAvailable } from '../support/goRegexpOracle';

/** A Go-style name of n characters (what a crafted or generated profile can carry). */
const longName = (n: number) => 'github.com/acme/' + 'a'.repeat(n);

describe('typed regexps are linear', () => {
  // Each of these takes exponential time in a backtracking engine on the input given (19 s and
  // 8.7 s at a few dozen characters before RE2 ran them); RE2 is O(pattern × input). The bound
  // is the input size: 100,000 characters, where backtracking would never return.
  const pathological: [string, string][] = [
    ['(\\w+)*$x', longName(100_000)],
    ['(a+)+$', 'a'.repeat(100_000) + 'b'],
    ['(a|a)*b', 'a'.repeat(100_000)],
    ['(.*a){20}', 'a'.repeat(19) + 'b'.repeat(100_000)],
    ['^(\\w+\\s?)*$', 'word '.repeat(20_000) + '!'],
    ['(?i)(x+x+)+y', 'X'.repeat(100_000)],
  ];
  for (const [expr, input] of pathological) {
    it(`${expr} runs in RE2 and answers on ${input.length} characters`, () => {
      const rx = compileGoRegexp(expr);
      assert.ok(rx instanceof LinearRegExp, `${expr} must not run in the backtracking engine`);
      assert.equal(rx.test(input), false);
      assert.equal(input.search(rx), -1);
    });
  }

  it('the backtracking engine only runs expressions without repetition or flags', () => {
    // Literals, classes, anchors, alternation and groups: one pass per start position.
    for (const expr of ['encoding/json', 'main\\.(Track|Handle)Request', '^runtime\\.', '[[:upper:]]\\w\\pL', 'a|b|c', '\\Qa.b*\\E', 'x{']) {
      assert.ok(!(compileGoRegexp(expr) instanceof LinearRegExp), `${expr}: literal patterns keep the fast translation`);
    }
    for (const expr of ['a*', 'a+', 'a?', 'a{2}', 'a{2,}', '(?i)a', 'x(?s:.)', '(?U)a', '[[:^digit:]x]']) {
      assert.ok(compileGoRegexp(expr) instanceof LinearRegExp, `${expr}: repetition or flags run in RE2`);
    }
  });

  it('keeps Go error messages for what Go refuses', () => {
    assert.throws(() => compileGoRegexp('(a+'), (e: Error) => e.message === 'error parsing regexp: missing closing ): `(a+`');
    assert.throws(() => compileGoRegexp('(a)\\1+'), /invalid escape sequence: `\\1`/);
    assert.throws(() => compileGoRegexp('a{1001}'), /invalid repeat count: `\{1001\}`/);
  });
});

describe('Go semantics, against Go', () => {
  const K = '\u212a'; // Kelvin sign: folds with k and K in Go (simple case folding)
  const pairs: [string, string][] = [
    // The translator's known mismatches: Kelvin sign under a scoped (?i), (?-i) after (?i).
    ['(?i)k', K], ['(?i)K', K], ['x(?i)k', 'x' + K], ['(?i:k)', K], ['(?i:[a-z])', K], ['(?i)\u212a', 'k'],
    ['(?i)s', '\u017f'], ['(?i:s)', '\u017f'], ['(?i)a(?-i)b', 'AB'], ['(?i)a(?-i)b', 'Ab'], ['(?i)a(?-i:b)c', 'AbC'],
    ['(?i)a(?-i:b)c', 'ABC'], ['[[:^digit:]x]', 'a'], ['[[:^digit:]x]', '1'], ['[[:^digit:]x]', 'x'],
    // What JS reads differently.
    ['a.b', 'a\nb'], ['(?s)a.b', 'a\nb'], ['a$', 'a\n'], ['(?m)a$', 'a\nb'], ['\\s', '\v'], ['\\s+', ' \t'],
    ['^[[:alpha:]]+$', 'abcXYZ'], ['\\Qa.b\\E+', 'a.bb'], ['x{', 'x{'], ['^x{2}$', 'xx'], ['^x{2,}$', 'xxx'],
    ['(?P<n>ab)+c', 'ababc'], ['\\x{41}+', 'AA'], ['\\pL+', 'é'], ['\\p{Greek}+', 'αβ'], ['^.$', '😀'], ['^.+$', 'a😀'],
    ['\\b\\w+\\b', 'é'], ['(?U)a+$', 'aa'], ['\\z', ''], ['\\Aa', 'ba'], ['^(?:a|ab)(?:c|bcd)$', 'abcd'],
    // pprof-shaped expressions.
    ['main\\.(\\(\\*T\\)\\.)?Handle', 'main.(*T).Handle'], ['^runtime\\..*', 'runtime.mallocgc'], ['json|yaml', 'gopkg.in/yaml.v3'],
    ['(\\w+)*$x', longName(40)], ['(a+)+$', 'a'.repeat(40) + 'b'],
  ];

  it('matches what regexp.MatchString answers', (t) => {
    if (!goRegexpAvailable()) {
      if (process.env.CI) assert.fail('CI is set but `go` is not installed: the regexp oracle needs it (see .ci/run)');
      t.skip('`go` is not on PATH: the Go regexp oracle cannot run');
      return;
    }
    const want = goMatches(pairs);
    pairs.forEach(([expr, input], i) => {
      assert.equal(typeof want[i], 'boolean', `Go refused ${expr}: ${String(want[i])}`);
      assert.equal(compileGoRegexp(expr).test(input), want[i], `${expr} on ${JSON.stringify(input)}`);
    });
  });
});
