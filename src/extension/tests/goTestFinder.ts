// Finds the tests and benchmarks of a Go file by `go test`'s rules, without Go: a top-level
// `func TestXxx(t *testing.T)` or `func BenchmarkXxx(b *testing.B)` in a `_test.go` file, where
// Xxx is empty or does not start with a lower-case letter. Comments and string literals are
// blanked first, so a function inside a comment or a raw string is not found. Pure (no vscode).

/** What a function found in a test file is. */
export type GoTestKind = 'test' | 'benchmark';

/** A test or benchmark function of a `_test.go` file. */
export interface GoTestFunction {
  kind: GoTestKind;
  /** The function's name, e.g. `BenchmarkJoin`. */
  name: string;
  /** 0-based line of the `func` keyword. */
  line: number;
}

/** The tests of one file, and the build tags `go test` needs to compile it. */
export interface GoTestFile {
  /** The Go package clause's name (`foo` or `foo_test`), '' when none was found. */
  packageName: string;
  /** The `//go:build` expression, '' when the file has none. */
  constraint: string;
  /** Tags the constraint asks for that are not GOOS/GOARCH/toolchain tags (for `-tags`). */
  tags: string[];
  functions: GoTestFunction[];
}

/** True for a file name `go test` compiles as a test file (`x_test.go`, not `_test.go` alone or `.x_test.go`). */
export function isGoTestFileName(fileName: string): boolean {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  return base.endsWith('_test.go') && base.length > '_test.go'.length && !base.startsWith('.') && !base.startsWith('_');
}

/**
 * Replaces comments, string, rune and raw-string literals by spaces, keeping newlines, so line
 * numbers and columns stay. Line comments are kept when they are build constraints (`//go:build`).
 */
export function blankCommentsAndStrings(src: string): string {
  const out: string[] = [];
  let i = 0;
  const n = src.length;
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  while (i < n) {
    const c = src[i];
    if (c === '/' && src[i + 1] === '/') {
      let j = src.indexOf('\n', i);
      if (j < 0) j = n;
      const text = src.slice(i, j);
      out.push(text.startsWith('//go:build') ? text : blank(text));
      i = j;
    } else if (c === '/' && src[i + 1] === '*') {
      let j = src.indexOf('*/', i + 2);
      j = j < 0 ? n : j + 2;
      out.push(blank(src.slice(i, j)));
      i = j;
    } else if (c === '`') {
      let j = src.indexOf('`', i + 1);
      j = j < 0 ? n : j + 1;
      out.push(blank(src.slice(i, j)));
      i = j;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < n && src[j] !== c && src[j] !== '\n') j += src[j] === '\\' ? 2 : 1;
      j = Math.min(j + 1, n);
      out.push(blank(src.slice(i, j)));
      i = j;
    } else {
      out.push(c);
      i++;
    }
  }
  return out.join('');
}

/** GOOS, GOARCH and toolchain tags: satisfied by the platform, never passed with -tags. */
const PLATFORM_TAGS = new Set([
  'aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'js', 'linux', 'nacl', 'netbsd', 'openbsd', 'plan9', 'solaris', 'wasip1', 'windows', 'zos', 'unix',
  '386', 'amd64', 'amd64p32', 'arm', 'armbe', 'arm64', 'arm64be', 'loong64', 'mips', 'mipsle', 'mips64', 'mips64le', 'mips64p32', 'mips64p32le', 'ppc', 'ppc64', 'ppc64le', 'riscv', 'riscv64', 's390', 's390x', 'sparc', 'sparc64', 'wasm',
  'cgo', 'gc', 'gccgo', 'ignore',
]);

/** Tags of a `//go:build` expression that must be set with -tags for it to hold: the un-negated, non-platform ones. */
export function tagsOfConstraint(expr: string): string[] {
  const tags: string[] = [];
  for (const m of expr.matchAll(/(!?)\s*([A-Za-z0-9_.]+)/g)) {
    const [, not, tag] = m;
    if (not || PLATFORM_TAGS.has(tag) || /^go1\.\d+$/.test(tag) || tags.includes(tag)) continue;
    tags.push(tag);
  }
  return tags;
}

/** The names under which a file imports "testing" (`testing`, an alias, or '' for a dot import). */
function testingNames(code: string, raw: string): Set<string> {
  const names = new Set<string>();
  // Imports are parsed on the raw text (strings blanked in `code` hide the paths), at the same offsets.
  const importRe = /^import\s*(\(([\s\S]*?)\)|[^\n]*)/gm;
  for (const m of code.matchAll(importRe)) {
    const block = raw.slice(m.index!, m.index! + m[0].length);
    for (const spec of block.matchAll(/(?:^|[\s(])([A-Za-z_]\w*|\.)?\s*"testing"/g)) {
      const alias = spec[1];
      if (alias === '_') continue;
      names.add(alias === undefined || alias === 'import' ? 'testing' : alias === '.' ? '' : alias);
    }
  }
  return names;
}

/** True when `rest` (what follows Test/Benchmark) makes a name `go test` runs: empty or not starting lower-case. */
export function isTestSuffix(rest: string): boolean {
  if (rest === '') return true;
  const first = String.fromCodePoint(rest.codePointAt(0)!);
  return !(first !== first.toUpperCase() && first === first.toLowerCase());
}

/** Finds the tests and benchmarks of a Go file; a file that is not `_test.go` has none. */
export function findGoTests(fileName: string, src: string): GoTestFile {
  const code = blankCommentsAndStrings(src);
  const packageName = /^package\s+([A-Za-z_]\w*)/m.exec(code)?.[1] ?? '';
  // A build constraint only counts before the package clause.
  const pkgAt = packageName ? /^package\s/m.exec(code)!.index : code.length;
  const constraint = /^\/\/go:build\s+(.*)$/m.exec(code.slice(0, pkgAt))?.[1].trim() ?? '';
  const result: GoTestFile = { packageName, constraint, tags: tagsOfConstraint(constraint), functions: [] };
  if (!isGoTestFileName(fileName)) return result;
  const names = testingNames(code, src);
  if (names.size === 0) return result;
  const lineStarts = [0];
  for (let i = 0; i < code.length; i++) if (code[i] === '\n') lineStarts.push(i + 1);
  const lineOf = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  // Top level: `func` at the start of a line, no receiver, no type parameters, one pointer parameter.
  const funcRe = /^func[ \t]+((Test|Benchmark)([\p{L}\p{N}_]*))[ \t]*\([ \t]*(?:[\p{L}_][\p{L}\p{N}_]*[ \t]+)?\*[ \t]*(?:([\p{L}_][\p{L}\p{N}_]*)[ \t]*\.[ \t]*)?([TB])[ \t]*\)/gmu;
  for (const m of code.matchAll(funcRe)) {
    const [, name, prefix, rest, pkg, type] = m;
    const kind: GoTestKind = prefix === 'Test' ? 'test' : 'benchmark';
    if (type !== (kind === 'test' ? 'T' : 'B')) continue;
    if (!names.has(pkg ?? '')) continue;
    if (!isTestSuffix(rest)) continue;
    result.functions.push({ kind, name, line: lineOf(m.index!) });
  }
  return result;
}

/** The 0-based line of the top-level `func` whose body contains `line` (the last one starting at or before it). */
export function enclosingFunction(text: string, line: number): number | undefined {
  const lines = text.split(/\r?\n/);
  for (let l = Math.min(line, lines.length - 1); l >= 0; l--) {
    if (/^func\s/.test(lines[l])) return l;
    // A closing brace in column 0 before reaching a func: the cursor is between functions.
    if (l < line && lines[l].startsWith('}')) return undefined;
  }
  return undefined;
}
