// Which frames are "the user's code", as data that crosses threads (host → worker) and as the
// predicate attribution applies. The editor fills `files` from the workspace (what the resolver
// finds inside a workspace folder); the CLI fills `modules` from go.mod or asks for everything
// outside the standard library. `patterns` (Go regexps on package paths) widen or narrow either.
import type { NodeInfo } from './graph';
import { compileGoRegexp } from './goRegexp';
import { ProfileError } from './errors';
import type { YourCodePredicate } from './attribution';

/**
 * The top-level import path elements of the Go standard library (`go list std`, Go 1.19 to 1.24):
 * a package whose path starts with one of them is the standard library's. "vendor" holds the
 * standard library's own vendored packages (vendor/golang.org/x/net/...).
 */
export const GO_STD_TOP_LEVEL: readonly string[] = [
  'archive', 'bufio', 'bytes', 'cmp', 'compress', 'container', 'context', 'crypto', 'database', 'debug', 'embed',
  'encoding', 'errors', 'expvar', 'flag', 'fmt', 'go', 'hash', 'html', 'image', 'index', 'internal', 'io', 'iter',
  'log', 'maps', 'math', 'mime', 'net', 'os', 'path', 'plugin', 'reflect', 'regexp', 'runtime', 'slices', 'sort',
  'strconv', 'strings', 'structs', 'sync', 'syscall', 'testing', 'text', 'time', 'unicode', 'unique', 'unsafe',
  'vendor', 'weak',
];
const STD = new Set(GO_STD_TOP_LEVEL);

/**
 * YourCodeSpec says which frames are the user's; JSON-serializable. A frame is the user's when
 * its file is in `files`, or its package is in (or below) one of `modules`, or `nonStd` is set
 * and its package is outside the standard library; then `patterns` apply in order, each Go
 * regexp on the package path, anchored at its start and at the end of a path element ("github.com/acme"
 * covers github.com/acme/x): "re" makes matching packages the user's, "!re" makes them not.
 */
export interface YourCodeSpec {
  /** File names as -list shows them (after trimPath) that are the user's. */
  files?: string[];
  /** Module paths (from go.mod): their packages are the user's. */
  modules?: string[];
  /** Every package outside the Go standard library is the user's. */
  nonStd?: boolean;
  /** Go regexps on package paths, applied in order: "re" widens, "!re" narrows. */
  patterns?: string[];
}

/**
 * packageOf returns the package path of a Go function name: "github.com/a/b/pkg.(*T).M" →
 * "github.com/a/b/pkg", "main.main" → "main", "bytes.Repeat" → "bytes". Names without a package
 * (C symbols, "") return "".
 */
export function packageOf(name: string): string {
  const slash = name.lastIndexOf('/');
  const dot = name.indexOf('.', slash + 1);
  return dot < 0 ? '' : name.slice(0, dot);
}

/** Whether a package path is the Go standard library's (its first element is a standard top-level name). */
export function isStdPackage(pkg: string): boolean {
  if (pkg === '') return false;
  const slash = pkg.indexOf('/');
  const first = slash < 0 ? pkg : pkg.slice(0, slash);
  // The runtime's generated helpers ("type:.eq.T", "go:buildid", "gogo") are the runtime's too.
  return STD.has(first) || first.startsWith('type:') || first.startsWith('go:');
}

/** Whether a function belongs to a module: its name starts with the module path and a "." or "/". */
function inModule(name: string, module: string): boolean {
  return name.startsWith(module) && (name.length === module.length || name[module.length] === '.' || name[module.length] === '/');
}

/**
 * yourCodePredicate compiles a spec. Throws ProfileError naming the bad pattern when a regexp
 * does not compile.
 */
export function yourCodePredicate(spec: YourCodeSpec): YourCodePredicate {
  const files = new Set(spec.files ?? []);
  const modules = spec.modules ?? [];
  const patterns = (spec.patterns ?? []).filter((p) => p !== '' && p !== '!').map((p) => {
    const narrow = p.startsWith('!');
    const expr = narrow ? p.slice(1) : p;
    try {
      // Anchored at the start and at a path element's end: "github.com/acme" covers its subpackages.
      return { narrow, re: compileGoRegexp(`^(?:${expr})(?:/|$)`) };
    } catch (e) {
      throw new ProfileError(`your-code pattern ${JSON.stringify(p)}: ${(e as Error).message}`);
    }
  });
  return (frame: NodeInfo) => {
    const name = frame.name;
    const pkg = packageOf(name);
    let mine = files.has(frame.file) || modules.some((m) => inModule(name, m)) || (spec.nonStd === true && pkg !== '' && !isStdPackage(pkg));
    for (const p of patterns) if (p.re.test(pkg)) mine = !p.narrow;
    return mine;
  };
}
