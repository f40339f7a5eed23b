// Go (RE2) regular expressions for JavaScript. pprof's -focus, -ignore, -hide, -show,
// -tagfocus, -list... take Go regexps (regexp.Compile, Perl flags), and so do the view's search
// box and filter chips: they are typed by users and read from profiles (drop_frames), so they
// must run in linear time, as Go's do. compileGoRegexp returns a RegExp that answers what Go's
// `regexp.MustCompile(e).MatchString(s)` answers, from one of two engines:
// - the translator below, which rewrites Go syntax into a JS RegExp (`.` and `\s` are narrower
//   in Go, `$` never matches before a final newline, `[[:alpha:]]`, `\Q..\E`, `\z`, `(?P<n>..)`
//   exist only in Go...), used only where backtracking is provably linear: no repetition operator
//   and no flag group, so a match tries each alternative once per start position;
// - re2js (a port of RE2, the engine Go's regexp follows: linear time, the same syntax, Unicode
//   case folding and flag scoping) for everything else.

import { RE2JS } from 're2js';
import { ProfileError } from './errors';

/** Flags of one Go regexp group: case-insensitive, multi-line, dot matches \n, ungreedy. */
interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
  U: boolean;
}
// POSIX classes as Go defines them (ASCII only), in JS class syntax.
const posixClasses: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`\\{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

// Go's \s is [\t\n\f\r ]; JavaScript's also matches \v and Unicode spaces.
const goSpace = '\\t\\n\\f\\r ';
const goNotSpaceInClass = '\\x00-\\x08\\x0B\\x0E-\\x1F\\x21-\\u{10FFFF}';

// Unicode general categories: \p{X} in JS; any other Go name is a script (\p{Script=X}).
const generalCategories = new Set([
  'L', 'Lu', 'Ll', 'Lt', 'Lm', 'Lo', 'M', 'Mn', 'Mc', 'Me', 'N', 'Nd', 'Nl', 'No', 'P', 'Pc', 'Pd', 'Ps', 'Pe', 'Pi',
  'Pf', 'Po', 'S', 'Sm', 'Sc', 'Sk', 'So', 'Z', 'Zs', 'Zl', 'Zp', 'C', 'Cc', 'Cf', 'Co', 'Cs',
]);

// Characters JS (u mode) lets or makes us escape; any other punctuation is written bare.
const jsSyntax = new Set('^$\\.*+?()[]{}|/'.split(''));

/** GoRegexpError is a regexp Go would refuse (or one we cannot translate faithfully). */
export class GoRegexpError extends ProfileError {}

/**
 * LinearRegExp is a RegExp whose matching runs in re2js (linear time, Go's semantics): `exec`,
 * and through it `test`, `String.prototype.search`, `match` and `replace`, ask RE2. `source` is
 * the JS translation when there is one (what error messages print for any compiled regexp).
 */
export class LinearRegExp extends RegExp {
  constructor(
    /** The Go expression. */
    readonly expr: string,
    private readonly re2: RE2JS,
    jsSource: string,
  ) {
    super(jsSource, 'u');
  }

  override exec(s: string): RegExpExecArray | null {
    return this.re2.exec(s) as RegExpExecArray | null;
  }

  override test(s: string): boolean {
    return this.re2.test(s);
  }
}

/**
 * compileGoRegexp compiles a Go regexp (RE2 syntax, as regexp.Compile) into a RegExp with the
 * same matches as Go for `test`, `exec` and string searches, in time linear in the input: the
 * JS translation where backtracking cannot blow up (no repetition, no flag group), else a
 * LinearRegExp. Throws GoRegexpError, with Go's wording where it has one, for expressions Go
 * rejects. Invariant: the result has no `g`/`y` flag, so `test` is stateless.
 */
export function compileGoRegexp(expr: string): RegExp {
  // 1. Parse and translate: Go's errors in Go's words.
  const t = new Translator(expr);
  const source = t.translate();
  let js: RegExp | undefined;
  if (!t.untranslatable) {
    try {
      js = new RegExp(source.body, source.flags);
    } catch (e) {
      throw new GoRegexpError(`error parsing regexp: ${(e as Error).message}: \`${expr}\``);
    }
    // 2. Provably linear in a backtracking engine: the translation is exact and as fast.
    if (!t.repeats && !t.flagGroups) return js;
  }
  // 3. Anything that repeats or changes flags: RE2.
  let re2: RE2JS;
  try {
    re2 = RE2JS.compile(expr);
  } catch (e) {
    // re2js refusing what Go and the translator accept would be a port difference: keep the translation.
    if (js) return js;
    throw new GoRegexpError(`error parsing regexp: ${(e as Error).message}: \`${expr}\``);
  }
  return new LinearRegExp(expr, re2, js ? js.source : '(?:)');
}

/**
 * compileTrustedGoRegexp is compileGoRegexp without the linear-time engine: for the program's own
 * constant expressions only (pprof's name-shortening patterns, run on every frame), never for
 * anything a user typed or a profile carries.
 */
export function compileTrustedGoRegexp(expr: string): RegExp {
  const source = new Translator(expr).translate();
  return new RegExp(source.body, source.flags);
}

class Translator {
  private pos = 0;
  private out = '';
  private readonly stack: Flags[] = [];
  private flags: Flags = { i: false, m: false, s: false, U: false };
  /** Global case folding through the JS `i` flag, when the whole expression is `(?i)...`. */
  private globalFold = false;
  /** Whether the last thing written can take a quantifier. */
  private atom = false;
  /** The expression has a repetition operator (*, +, ?, {n,m}). */
  repeats = false;
  /** The expression has a flag group ((?i), (?s:...), ...). */
  flagGroups = false;
  /** The translation cannot express the expression exactly (re2js must run it). */
  untranslatable = false;

  constructor(private readonly expr: string) {}

  translate(): { body: string; flags: string } {
    // 1. A leading flag group applies to the whole expression: case folding goes to the JS flag.
    const lead = /^\(\?([imsU]*)(?:-([imsU]*))?\)/.exec(this.expr);
    if (lead) {
      this.flagGroups = true;
      this.setFlags(lead[1], lead[2] ?? '');
      this.pos = lead[0].length;
      if (this.flags.i) this.globalFold = true;
    }
    // 2. Translate atom by atom.
    while (this.pos < this.expr.length) this.step();
    if (this.stack.length > 0) this.fail('missing closing )');
    return { body: this.out, flags: this.globalFold ? 'iu' : 'u' };
  }

  private fail(what: string, arg = this.expr): never {
    throw new GoRegexpError(`error parsing regexp: ${what}: \`${arg}\``);
  }

  private setFlags(on: string, off: string): void {
    const f = { ...this.flags };
    for (const c of on) f[c as keyof Flags] = true;
    for (const c of off) f[c as keyof Flags] = false;
    this.flags = f;
  }

  /** Whether letters must be folded by hand (case-insensitive scope without the global flag). */
  private get foldByHand(): boolean {
    return this.flags.i && !this.globalFold;
  }

  private emitAtom(s: string): void {
    this.out += s;
    this.atom = true;
  }

  private step(): void {
    const e = this.expr;
    const c = e[this.pos];
    switch (c) {
      case '\\':
        this.emitAtom(this.escape(false));
        return;
      case '[':
        this.emitAtom(this.charClass());
        return;
      case '(':
        this.group();
        return;
      case ')':
        if (this.stack.length === 0) this.fail('unexpected )');
        this.flags = this.stack.pop() as Flags;
        this.pos++;
        this.emitAtom(')');
        return;
      case '.':
        this.pos++;
        this.emitAtom(this.flags.s ? '[\\s\\S]' : '[^\\n]');
        return;
      case '^':
        this.pos++;
        this.out += this.flags.m ? '(?<![^\\n])' : '(?<![\\s\\S])';
        this.atom = false;
        return;
      case '$':
        this.pos++;
        this.out += this.flags.m ? '(?![^\\n])' : '(?![\\s\\S])';
        this.atom = false;
        return;
      case '|':
        this.pos++;
        this.out += '|';
        this.atom = false;
        return;
      case '*':
      case '+':
      case '?':
        this.quantifier(c);
        return;
      case '{': {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(e.slice(this.pos));
        if (m) {
          if (Number(m[1]) > 1000 || (m[3] !== undefined && m[3] !== '' && Number(m[3]) > 1000)) {
            this.fail('invalid repeat count', m[0]);
          }
          if (m[3] !== undefined && m[3] !== '' && Number(m[3]) < Number(m[1])) this.fail('invalid repeat count', m[0]);
          this.quantifier(m[0]);
          return;
        }
        // Go reads a `{` that does not start a repeat as a literal.
        this.pos++;
        this.emitAtom('\\{');
        return;
      }
      case '}':
      case ']':
        this.pos++;
        this.emitAtom('\\' + c);
        return;
      default: {
        const cp = e.codePointAt(this.pos) as number;
        const ch = String.fromCodePoint(cp);
        this.pos += ch.length;
        this.emitAtom(this.literal(ch));
      }
    }
  }

  /** A literal character outside a class, folded by hand in a scoped (?i). */
  private literal(ch: string): string {
    if (this.foldByHand) {
      const lo = ch.toLowerCase();
      const up = ch.toUpperCase();
      if (lo !== up && lo.length === ch.length && up.length === ch.length) return `[${lo}${up}]`;
    }
    return jsSyntax.has(ch) ? '\\' + ch : ch;
  }

  private quantifier(q: string): void {
    if (!this.atom) this.fail('missing argument to repetition operator', q);
    this.repeats = true;
    this.pos += q.length;
    let lazy = false;
    if (this.expr[this.pos] === '?') {
      lazy = true;
      this.pos++;
    }
    const next = this.expr[this.pos];
    if (next === '*' || next === '+' || next === '?') {
      this.fail('invalid nested repetition operator', q + (lazy ? '?' : '') + next);
    }
    if (this.flags.U) lazy = !lazy;
    this.out += q + (lazy ? '?' : '');
    this.atom = false;
  }

  private group(): void {
    const e = this.expr;
    if (e[this.pos + 1] !== '?') {
      this.pos++;
      this.stack.push(this.flags);
      this.out += '(';
      this.atom = false;
      return;
    }
    const rest = e.slice(this.pos);
    const named = /^\(\?P<([A-Za-z0-9_]+)>/.exec(rest);
    if (named) {
      this.pos += named[0].length;
      this.stack.push(this.flags);
      this.out += `(?<${named[1]}>`;
      this.atom = false;
      return;
    }
    const fl = /^\(\?([imsU]*)(?:-([imsU]*))?([:)])/.exec(rest);
    if (!fl || (fl[1] === '' && fl[2] === undefined && fl[3] === ')')) {
      this.fail('invalid or unsupported Perl syntax', rest.slice(0, 3));
    }
    this.pos += fl[0].length;
    this.flagGroups = true;
    if (fl[3] === ')') {
      // (?flags): changes the flags until the end of the enclosing group.
      this.setFlags(fl[1], fl[2] ?? '');
      this.checkFold();
      return;
    }
    this.stack.push(this.flags);
    this.setFlags(fl[1], fl[2] ?? '');
    this.checkFold();
    this.out += '(?:';
    this.atom = false;
  }

  /** Turning folding off inside a globally folded expression cannot be expressed with the JS flag. */
  private checkFold(): void {
    if (this.globalFold && !this.flags.i) this.untranslatable = true;
  }

  /** Reads an escape at pos (a backslash); returns JS text (for use inside a class when inClass). */
  private escape(inClass: boolean): string {
    const e = this.expr;
    this.pos++;
    if (this.pos >= e.length) this.fail('trailing backslash at end of expression', '');
    const c = e[this.pos++];
    switch (c) {
      case 'A':
        if (inClass) this.fail('invalid escape sequence', '\\A');
        return '(?<![\\s\\S])';
      case 'z':
        if (inClass) this.fail('invalid escape sequence', '\\z');
        return '(?![\\s\\S])';
      case 'b':
      case 'B':
        if (inClass) this.fail('invalid escape sequence', '\\' + c);
        return '\\' + c;
      case 'd':
      case 'D':
      case 'w':
      case 'W':
        return '\\' + c;
      case 's':
        return inClass ? goSpace : `[${goSpace}]`;
      case 'S':
        return inClass ? goNotSpaceInClass : `[^${goSpace}]`;
      case 'a':
        return '\\x07';
      case 'f':
      case 't':
      case 'n':
      case 'r':
      case 'v':
        return '\\' + c;
      case 'p':
      case 'P':
        return this.unicodeClass(c === 'P');
      case 'Q': {
        if (inClass) this.fail('invalid escape sequence', '\\Q');
        const end = e.indexOf('\\E', this.pos);
        const lit = end === -1 ? e.slice(this.pos) : e.slice(this.pos, end);
        this.pos = end === -1 ? e.length : end + 2;
        let s = '';
        for (const ch of lit) s += this.literal(ch);
        return lit === '' ? '(?:)' : `(?:${s})`;
      }
      case 'x': {
        let hex: string;
        if (e[this.pos] === '{') {
          const close = e.indexOf('}', this.pos);
          if (close === -1) this.fail('invalid escape sequence', '\\x{');
          hex = e.slice(this.pos + 1, close);
          this.pos = close + 1;
        } else {
          hex = e.slice(this.pos, this.pos + 2);
          this.pos += 2;
        }
        if (!/^[0-9A-Fa-f]{1,8}$/.test(hex) || parseInt(hex, 16) > 0x10ffff) this.fail('invalid escape sequence', '\\x' + hex);
        return this.codePoint(parseInt(hex, 16), inClass);
      }
      default:
        break;
    }
    if (c >= '0' && c <= '7') {
      // Go: octal up to three digits, but a lone \1..\7 is a back-reference, which it refuses.
      const m = /^[0-7]{0,2}/.exec(e.slice(this.pos)) as RegExpExecArray;
      if (c !== '0' && m[0] === '') this.fail('invalid escape sequence', '\\' + c);
      this.pos += m[0].length;
      return this.codePoint(parseInt(c + m[0], 8), inClass);
    }
    if (c < '\x80' && !/[0-9A-Za-z]/.test(c)) {
      // Escaped punctuation is a literal in Go.
      if (jsSyntax.has(c) || (inClass && c === '-')) return '\\' + c;
      return inClass ? c : this.literal(c);
    }
    this.fail('invalid escape sequence', '\\' + c);
  }

  private codePoint(cp: number, inClass: boolean): string {
    const ch = String.fromCodePoint(cp);
    if (!inClass) return this.literal(ch);
    return `\\u{${cp.toString(16)}}`;
  }

  private unicodeClass(negated: boolean): string {
    const e = this.expr;
    let name: string;
    if (e[this.pos] === '{') {
      const close = e.indexOf('}', this.pos);
      if (close === -1) this.fail('invalid character class range', e.slice(this.pos - 2));
      name = e.slice(this.pos + 1, close);
      this.pos = close + 1;
    } else {
      name = e[this.pos++] ?? '';
    }
    if (name.startsWith('^')) {
      negated = !negated;
      name = name.slice(1);
    }
    const p = negated ? '\\P' : '\\p';
    if (name === 'Any') return negated ? '[^\\s\\S]' : '[\\s\\S]';
    if (generalCategories.has(name)) return `${p}{${name}}`;
    if (!/^[A-Za-z_]+$/.test(name)) this.fail('invalid character class range', `\\p{${name}}`);
    return `${p}{Script=${name}}`;
  }

  /** Reads a bracketed class at pos ('['); returns it in JS syntax. */
  private charClass(): string {
    const e = this.expr;
    const start = this.pos;
    this.pos++;
    let negated = false;
    if (e[this.pos] === '^') {
      negated = true;
      this.pos++;
    }
    let body = '';
    let first = true;
    // Case folding by hand: collect letters and ranges to add their other case.
    const extra: string[] = [];
    for (;;) {
      if (this.pos >= e.length) this.fail('missing closing ]', e.slice(start));
      const c = e[this.pos];
      if (c === ']' && !first) {
        this.pos++;
        break;
      }
      first = false;
      if (c === '[' && e[this.pos + 1] === ':') {
        const m = /^\[:(\^?)([a-z]+):\]/.exec(e.slice(this.pos));
        if (m && posixClasses[m[2]] !== undefined) {
          this.pos += m[0].length;
          if (m[1] === '^') {
            // A negated POSIX class is expressible only as the whole class.
            if (body === '' && e[this.pos] === ']') {
              this.pos++;
              return negated ? `[${posixClasses[m[2]]}]` : `[^${posixClasses[m[2]]}]`;
            }
            // Elsewhere re2js runs the expression; the rest of the class is still checked.
            this.untranslatable = true;
            continue;
          }
          body += posixClasses[m[2]];
          continue;
        }
      }
      const lo = this.classChar();
      if (lo.kind === 'set') {
        body += lo.text;
        continue;
      }
      if (e[this.pos] === '-' && e[this.pos + 1] !== ']' && this.pos + 1 < e.length) {
        this.pos++;
        const hi = this.classChar();
        if (hi.kind === 'set') this.fail('invalid character class range', e.slice(start, this.pos));
        if (hi.cp < lo.cp) this.fail('invalid character class range', `${String.fromCodePoint(lo.cp)}-${String.fromCodePoint(hi.cp)}`);
        body += `${lo.text}-${hi.text}`;
        if (this.foldByHand) extra.push(...foldRange(lo.cp, hi.cp));
      } else {
        body += lo.text;
        if (this.foldByHand) extra.push(...foldRange(lo.cp, lo.cp));
      }
    }
    return `[${negated ? '^' : ''}${body}${extra.join('')}]`;
  }

  /** One class member: a single code point (with its JS text) or an escape naming a set. */
  private classChar(): { kind: 'char'; cp: number; text: string } | { kind: 'set'; text: string } {
    const e = this.expr;
    if (e[this.pos] === '\\') {
      const save = this.pos;
      const next = e[this.pos + 1];
      const text = this.escape(true);
      if (next !== undefined && 'dDwWsSpP'.includes(next)) return { kind: 'set', text };
      // Recover the code point of a single-character escape.
      const raw = e.slice(save, this.pos);
      return { kind: 'char', cp: escapeCodePoint(raw), text };
    }
    const cp = e.codePointAt(this.pos) as number;
    const ch = String.fromCodePoint(cp);
    this.pos += ch.length;
    const text = jsSyntax.has(ch) || ch === '-' ? '\\' + ch : ch;
    return { kind: 'char', cp, text };
  }
}

/** The code point a single-character escape (as written in Go) stands for. */
function escapeCodePoint(raw: string): number {
  const c = raw[1];
  switch (c) {
    case 'a': return 7;
    case 'f': return 12;
    case 't': return 9;
    case 'n': return 10;
    case 'r': return 13;
    case 'v': return 11;
    case 'x': {
      const hex = raw[2] === '{' ? raw.slice(3, -1) : raw.slice(2);
      return parseInt(hex, 16);
    }
    default:
      if (c >= '0' && c <= '7') return parseInt(raw.slice(1), 8);
      return raw.codePointAt(1) as number;
  }
}

/** The other-case ranges of [lo, hi] restricted to ASCII letters, as JS class text. */
function foldRange(lo: number, hi: number): string[] {
  const out: string[] = [];
  const add = (a: number, b: number, delta: number) => {
    const x = Math.max(lo, a);
    const y = Math.min(hi, b);
    if (x <= y) out.push(`${String.fromCharCode(x + delta)}-${String.fromCharCode(y + delta)}`);
  };
  add(0x61, 0x7a, -32);
  add(0x41, 0x5a, 32);
  return out;
}
