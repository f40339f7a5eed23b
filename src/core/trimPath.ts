// pprof's source-path cleanup, ported from google/pprof internal/report/source.go (trimPath) as
// vendored in Go 1.19. Platform-neutral: the Go code leans on path/filepath, whose behaviour
// depends on the OS pprof runs on, so the OS is a parameter here instead of a global.

/**
 * PathFlavor names the path/filepath rules to follow. Invariant: `windows` selects both the
 * separators (`\` and `/`) and the list separator (`;`); otherwise `/` and `:`.
 */
export interface PathFlavor {
  readonly windows: boolean;
}

/** The path rules of Linux and macOS (the default everywhere in this module). */
export const posixPaths: PathFlavor = { windows: false };

/** The path rules of Windows: `\` and `/` separate, `;` splits lists, volume names are kept apart. */
export const windowsPaths: PathFlavor = { windows: true };

/**
 * trimPath cleans a profile's source path the way pprof's `-list` does before looking for the
 * file: with `trim` empty it strips everything up to and including the first `/<base>/`, where
 * `<base>` is the last element of a `searchPath` entry; then it strips the first `trim` entry (or
 * `/proc/self/cwd/./`, `/proc/self/cwd/`) that prefixes the path. `trim` and `searchPath` are
 * lists in the OS's format (`:` or `;` separated). Invariant: the result is always a suffix of
 * `path` (pprof slices the original string), so it never gains components.
 */
export function trimPath(path: string, trim: string, searchPath: string, flavor: PathFlavor = posixPaths): string {
  return trimPathWithLists(path, splitList(toSlash(trim, flavor), flavor), splitList(toSlash(searchPath, flavor), flavor), flavor);
}

/**
 * trimPathWithLists is trimPath with the lists already split, for callers whose folders may
 * contain the list separator. An empty `trimPaths` turns the search-path heuristic on, as an
 * empty `-trim_path` does. Same invariant: the result is a suffix of `path`.
 */
export function trimPathWithLists(path: string, trimPaths: readonly string[], searchDirs: readonly string[], flavor: PathFlavor = posixPaths): string {
  // Keep path intact: the result slices it, only the comparisons use the slashed form.
  const sPath = toSlash(path, flavor);
  if (trimPaths.length === 0) {
    // The heuristic: a search path ".../my-project" claims whatever follows "/my-project/".
    for (const dir of searchDirs) {
      const want = '/' + base(toSlash(dir, flavor), flavor) + '/';
      const found = sPath.indexOf(want);
      if (found !== -1) {
        return path.slice(found + want.length);
      }
    }
  }
  for (let prefix of [...trimPaths.map((t) => toSlash(t, flavor)), '/proc/self/cwd/./', '/proc/self/cwd/']) {
    if (!prefix.endsWith('/')) {
      prefix += '/';
    }
    if (sPath.startsWith(prefix)) {
      return path.slice(prefix.length);
    }
  }
  return path;
}

// filepath.ToSlash: only Windows has a separator other than '/'.
function toSlash(p: string, flavor: PathFlavor): string {
  return flavor.windows ? p.replaceAll('\\', '/') : p;
}

function isSeparator(c: string, flavor: PathFlavor): boolean {
  return c === '/' || (flavor.windows && c === '\\');
}

// filepath.SplitList: an empty list has no entries (not one empty entry); on Windows a
// double-quoted stretch may contain ';' and the quotes are dropped.
function splitList(list: string, flavor: PathFlavor): string[] {
  if (list === '') {
    return [];
  }
  if (!flavor.windows) {
    return list.split(':');
  }
  const out: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c === '"') {
      quoted = !quoted;
    } else if (c === ';' && !quoted) {
      out.push(list.slice(start, i));
      start = i + 1;
    }
  }
  out.push(list.slice(start));
  return out.map((s) => s.replaceAll('"', ''));
}

// filepath.VolumeName, enough of it for Base: "C:" or a UNC "\\host\share" prefix.
function volumeNameLength(p: string, flavor: PathFlavor): number {
  if (!flavor.windows) {
    return 0;
  }
  if (/^[A-Za-z]:/.test(p)) {
    return 2;
  }
  const unc = /^[\\/]{2}[^\\/.][^\\/]*[\\/][^\\/]+/.exec(p);
  return unc ? unc[0].length : 0;
}

// filepath.Base: the last element, trailing separators ignored; "." for "" and the separator
// for a path made only of separators.
function base(p: string, flavor: PathFlavor): string {
  if (p === '') {
    return '.';
  }
  let end = p.length;
  while (end > 0 && isSeparator(p[end - 1], flavor)) {
    end--;
  }
  let s = p.slice(0, end);
  s = s.slice(volumeNameLength(s, flavor));
  let i = s.length - 1;
  while (i >= 0 && !isSeparator(s[i], flavor)) {
    i--;
  }
  if (i >= 0) {
    s = s.slice(i + 1);
  }
  if (s === '') {
    return flavor.windows ? '\\' : '/';
  }
  return s;
}
