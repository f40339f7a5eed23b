// Go's path/filepath and string ordering, as they behave on Unix, where the goldens were made.
// Reports must name and order files exactly as pprof does, so these are ports, not approximations.

const uncleanRx = /(^|\/)\.\.?(\/|$)|\/\/|.\/$/;

/** pathClean is Go's filepath.Clean on Unix: the shortest equivalent path (no "//", ".", resolvable ".."); "" becomes ".". */
export function pathClean(path: string): string {
  if (path === '') return '.';
  // Most paths are already clean: no "//", no "." or ".." element, no trailing "/".
  if (!uncleanRx.test(path)) return path;
  const rooted = path[0] === '/';
  const n = path.length;
  const out: string[] = [];
  let r = 0;
  let dotdot = 0;
  if (rooted) {
    out.push('/');
    r = 1;
    dotdot = 1;
  }
  while (r < n) {
    if (path[r] === '/') {
      r++;
    } else if (path[r] === '.' && (r + 1 === n || path[r + 1] === '/')) {
      r++;
    } else if (path[r] === '.' && path[r + 1] === '.' && (r + 2 === n || path[r + 2] === '/')) {
      r += 2;
      if (out.length > dotdot) {
        // Go's lazybuf: w-- then back up while the dropped byte is not a separator.
        let c = out.pop();
        while (out.length > dotdot && c !== '/') c = out.pop();
      } else if (!rooted) {
        if (out.length > 0) out.push('/');
        out.push('.', '.');
        dotdot = out.length;
      }
    } else {
      if ((rooted && out.length !== 1) || (!rooted && out.length !== 0)) out.push('/');
      for (; r < n && path[r] !== '/'; r++) out.push(path[r]);
    }
  }
  if (out.length === 0) return '.';
  return out.join('');
}

/** pathBase is Go's filepath.Base on Unix: the last element, trailing slashes removed; "" is "." and all-slashes is "/". */
export function pathBase(path: string): string {
  if (path === '') return '.';
  while (path.length > 0 && path[path.length - 1] === '/') path = path.slice(0, -1);
  const i = path.lastIndexOf('/');
  if (i >= 0) path = path.slice(i + 1);
  if (path === '') return '/';
  return path;
}

/** pathDir is Go's filepath.Dir on Unix: all but the last element, cleaned. */
export function pathDir(path: string): string {
  let i = path.length - 1;
  while (i >= 0 && path[i] !== '/') i--;
  return pathClean(path.slice(0, i + 1));
}

/** pathJoin is Go's filepath.Join on Unix: non-empty elements joined by "/" and cleaned; "" when all are empty. */
export function pathJoin(...elems: string[]): string {
  const parts = elems.filter((e) => e !== '');
  if (parts.length === 0) return '';
  return pathClean(parts.join('/'));
}

/** pathIsAbs is Go's filepath.IsAbs on Unix. */
export function pathIsAbs(path: string): boolean {
  return path.startsWith('/');
}

/** pathSplitList is Go's filepath.SplitList on Unix: "" is an empty list, otherwise split on ":". */
export function pathSplitList(path: string): string[] {
  if (path === '') return [];
  return path.split(':');
}

/**
 * compareStrings orders strings as Go does (bytewise UTF-8, i.e. by code point), which differs
 * from JavaScript's UTF-16 order only for characters above U+FFFF. Returns <0, 0 or >0.
 */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x !== y) {
      // Surrogates encode code points above every BMP character.
      if (x >= 0xd800 && x <= 0xdfff) x += 0x10000;
      if (y >= 0xd800 && y <= 0xdfff) y += 0x10000;
      return x - y;
    }
  }
  return a.length - b.length;
}
