// Maps the source file names recorded in a profile (written on another machine, by another build
// system) to files in the user's workspace. Profiles are untrusted input: a file name may point
// anywhere, so every candidate is confined to the folders the user gave us before we touch it.

import * as nodePath from 'node:path';
import { trimPathWithLists } from '../core/trimPath';

/**
 * PathMapping is one `pprofLens.pathMappings` entry, shaped like vscode-go's `substitutePath`:
 * a profile path starting with `from` (at a path-component boundary) has that prefix replaced by
 * `to`. `to` may contain `${workspaceFolder}` or `${workspaceFolder:name}`.
 */
export interface PathMapping {
  from: string;
  to: string;
}

/**
 * SourceResolverConfig is the plain settings snapshot the resolver works from. Invariant: these
 * folders, plus GOMODCACHE and GOROOT (configured or from `go env`), are the only places the
 * resolver may stat or read.
 */
export interface SourceResolverConfig {
  workspaceFolders: string[];
  pathMappings: PathMapping[];
  /** Extra folders searched like workspace folders (`pprofLens.sourceRoots`). */
  sourceRoots: string[];
  /** `pprofLens.goModCache`; when unset, `go env GOMODCACHE` is asked once. */
  goModCache?: string;
  /** `pprofLens.goRoot`; when unset, `go env GOROOT` is asked once. */
  goRoot?: string;
  /**
   * The names `${workspaceFolder:name}` refers to, one per entry of `workspaceFolders` (VS Code's
   * WorkspaceFolder.name); absent or missing entries mean the folder's base name.
   */
  workspaceFolderNames?: string[];
  /** `pprofLens.inferPathMappings`: learn build roots from a profile's own files (default on). */
  inferPathMappings?: boolean;
}

/**
 * ResolverFs is the narrow file-system view the resolver needs. Invariant: the resolver only
 * passes it paths it has already confined to the allowed roots (realpath and listFiles get roots
 * or lexically-inside paths; exists and readFile get symlink-free paths inside the roots).
 */
export interface ResolverFs {
  /** True when `path` names an existing regular file. */
  exists(path: string): Promise<boolean>;
  /** The canonical absolute path with every symlink resolved; rejects when nothing is there. */
  realpath(path: string): Promise<string>;
  /** The file's text (UTF-8). */
  readFile(path: string): Promise<string>;
  /**
   * Absolute paths of regular files under `root`, at most `limit` of them. Must not follow
   * symlinked directories (they could leave the root); may skip `.git` and `node_modules`.
   */
  listFiles(root: string, limit: number): Promise<string[]>;
  /**
   * Optional: what the installed Go reports (`go env GOMODCACHE GOROOT`). Called at most once per
   * resolver, only when a Go rule needs a root the settings leave unset; absent means no Go.
   */
  goEnv?(): Promise<GoEnv>;
}

/** GoEnv is what `go env` reports; a missing key means unknown (no Go, timeout, error). */
export interface GoEnv {
  GOMODCACHE?: string;
  GOROOT?: string;
}

/** Which rule found a file; see SourceResolver for the order they run in. */
export type ResolutionVia =
  | 'mapping'
  | 'inferred'
  | 'absolute'
  | 'bazel'
  | 'trimPath'
  | 'goModule'
  | 'vendor'
  | 'modCache'
  | 'goroot'
  | 'suffix';

/**
 * Resolution is the answer for one profile file name. Invariant: `path`, when set, is an
 * absolute local path of an existing regular file inside the allowed roots (symlinks included);
 * otherwise `reason` says, in a sentence fit for the UI, why nothing was chosen.
 */
export type Resolution =
  | { path: string; via: ResolutionVia; inferred?: PathMapping }
  | { path: undefined; reason: string; candidates?: string[] };

/**
 * InferredMapping is a build root the profile itself revealed: files named under `from` that
 * resolved unambiguously sit under `to` here. `from` is spelled as in the profile; `to` is an
 * absolute local folder inside a workspace folder or source root.
 */
export interface InferredMapping extends PathMapping {
  /** Profile names whose unambiguous resolution implies the mapping. */
  evidence: string[];
  /** Profile names only this mapping resolved (the ambiguous or unmatched ones). */
  resolved: string[];
}

/** ProfileResolution is resolveProfile's answer: every name's resolution and the build roots used. */
export interface ProfileResolution {
  files: Map<string, Resolution>;
  /** Inferred mappings that resolved at least one name, most resolved first. */
  inferred: InferredMapping[];
}

/** SourceResolverOptions are the injected collaborators and limits (tests shrink them). */
export interface SourceResolverOptions {
  /** Overrides ResolverFs.goEnv (tests count or stub the probe here). */
  goEnv?: () => Promise<GoEnv>;
  /** Resolutions running at once in resolveAll. */
  concurrency?: number;
  /** Files listed per workspace folder or source root for go.mod discovery and suffix matching. */
  maxFilesPerRoot?: number;
  /** Where resolveProfile says what it inferred (the Output channel); one line per call. */
  log?: (line: string) => void;
}

const defaultConcurrency = 8;

// The rules whose answers say where the build root was: unambiguous, inside the search folders.
// "absolute" implies the identity, GOROOT and the module cache are not the user's project.
const evidenceVias: ReadonlySet<ResolutionVia> = new Set(['mapping', 'bazel', 'trimPath', 'goModule', 'vendor', 'suffix']);
const defaultMaxFilesPerRoot = 50_000;

/**
 * SourceResolver maps profile file names to workspace files. Rules, first hit wins:
 * 1. `pathMappings` (longest `from` first; Windows prefixes match without case), 2. the name
 * itself when it is a local absolute path, 3. Bazel's names (`/proc/self/cwd/`, `./`, an execroot,
 * `bazel-out/…` through the workspace's own convenience links, `external/<repo>/…` in the output
 * base), 4. pprof's trimPath heuristic against each
 * folder, 5. Go rules: a workspace `go.mod` whose module path prefixes the name, `vendor/`,
 * the module cache (`!` case-escaping), `GOROOT/src`, 6. a unique best suffix match over workspace
 * files. resolveProfile adds 7. the build roots the profile's own unambiguous files imply.
 * Invariants: nothing outside the workspace folders, `sourceRoots`, GOMODCACHE, GOROOT and (for
 * Bazel's names and user mappings) Bazel's convenience links and external folder is ever read or
 * stat'ed (symlinks are resolved and re-checked); each name is resolved once per settings
 * generation (results are cached until `invalidate`; inferences are per profile, never cached).
 */
export class SourceResolver {
  private session: ResolveSession;
  private readonly results = new Map<string, Promise<Resolution>>();
  private readonly byLocalPath = new Map<string, Set<string>>();
  private goEnvPromise: Promise<GoEnv> | undefined;
  private readonly concurrency: number;

  constructor(
    private readonly fs: ResolverFs,
    config: SourceResolverConfig,
    private readonly options: SourceResolverOptions = {},
  ) {
    this.concurrency = Math.max(1, options.concurrency ?? defaultConcurrency);
    this.session = this.newSession(config);
  }

  /** Resolves one profile file name; never rejects. Concurrent calls for a name share one lookup. */
  resolve(profileFile: string): Promise<Resolution> {
    const cached = this.results.get(profileFile);
    if (cached) {
      return cached;
    }
    const session = this.session;
    const result = session.resolve(profileFile).catch(
      (err: unknown): Resolution => ({ path: undefined, reason: `lookup failed: ${errorMessage(err)}` }),
    ).then((r) => {
      // An invalidate() during the lookup makes this answer stale: hand it to the caller that
      // asked, but keep it out of the reverse index of the new generation.
      if (session === this.session && r.path !== undefined) {
        this.remember(r.path, profileFile);
      }
      return r;
    });
    this.results.set(profileFile, result);
    return result;
  }

  /**
   * Resolves many names with at most `concurrency` lookups in flight. The map has one entry per
   * distinct name, in first-seen order.
   */
  async resolveAll(files: Iterable<string>): Promise<Map<string, Resolution>> {
    const unique = [...new Set(files)];
    const answers: Resolution[] = new Array<Resolution>(unique.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < unique.length) {
        const i = next++;
        answers[i] = await this.resolve(unique[i]);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, unique.length) }, worker));
    return new Map(unique.map((f, i) => [f, answers[i]]));
  }

  /**
   * Resolves a whole profile's names, then learns its build roots: every name that resolved
   * unambiguously inside a workspace folder or source root implies a prefix mapping
   * (`/app/internal/cache/cache.go` → `<folder>/internal/cache/cache.go` implies `/app` →
   * `<folder>`), and those mappings resolve the names the rules left open (`/app/main.go` when the
   * workspace has two main.go). A name whose inferred candidates are several existing files with
   * the same support stays unresolved, with the candidates listed. Inferences are per profile:
   * they never enter the per-name cache. Off with `inferPathMappings: false`.
   */
  async resolveProfile(files: Iterable<string>, label = 'profile'): Promise<ProfileResolution> {
    const results = await this.resolveAll(files);
    const session = this.session;
    if (session.config.inferPathMappings === false) {
      return { files: results, inferred: [] };
    }
    // 1. The evidence: unambiguous answers inside the search folders, grouped by the mapping they
    // imply. A match on the file name alone is weak evidence: it counts only for a prefix that no
    // stronger answer places (a lone `/app/config.go` → `tools/config.go` must not outvote
    // `/app/internal/cache/cache.go` → `internal/cache/cache.go`).
    const folders = session.searchFolders();
    const groups = new Map<string, InferredMapping & { strong: boolean }>();
    for (const [name, r] of results) {
      if (r.path === undefined || !evidenceVias.has(r.via)) {
        continue;
      }
      const implied = impliedMapping(name, r.path, folders);
      if (implied === undefined) {
        continue;
      }
      const strong = r.via !== 'suffix' || pathComponents(toSlash(name).slice(implied.from.length)).length > 1;
      const groupKey = prefixKey(toSlash(implied.from)) + '\0' + implied.to;
      const group = groups.get(groupKey) ?? { ...implied, evidence: [], resolved: [], strong: false };
      group.evidence.push(name);
      group.strong ||= strong;
      groups.set(groupKey, group);
    }
    const out = new Map(results);
    const placedStrongly = new Map<string, InferredMapping>();
    for (const g of groups.values()) {
      if (g.strong) {
        placedStrongly.set(prefixKey(toSlash(g.from)), g);
      }
    }
    for (const [groupKey, g] of groups) {
      const stronger = placedStrongly.get(prefixKey(toSlash(g.from)));
      if (g.strong || stronger === undefined) {
        continue;
      }
      groups.delete(groupKey);
      // Its names were placed by file name alone, against the build root: ask rather than guess.
      for (const name of g.evidence) {
        const r = results.get(name);
        if (r?.path === undefined) {
          continue;
        }
        out.set(name, {
          path: undefined,
          reason: `its only namesake is ${r.path}, but the profile's build root ${stronger.from} is ${stronger.to} here (learned from ${stronger.evidence.join(', ')}), which has no such file: map the path if it is that one`,
          candidates: [r.path],
        });
        if (session === this.session) {
          this.forget(r.path, name);
        }
      }
    }
    if (groups.size === 0) {
      return { files: out, inferred: [] };
    }
    // 2. Each open name: the existing files the applicable mappings point at, with their support.
    const open = [...results].filter(([name, r]) => r.path === undefined && isSourceName(name));
    await forEachLimited(open, this.concurrency, async ([name]) => {
      const slashed = toSlash(name);
      const found = new Map<string, { support: number; via: InferredMapping }>();
      for (const group of groups.values()) {
        const from = toSlash(group.from);
        if (!hasPathPrefix(slashed, from)) {
          continue;
        }
        const rest = pathComponents(slashed.slice(from.length));
        if (rest.some((c) => c === '..')) {
          continue;
        }
        const path = await session.firstAllowed([nodePath.join(group.to, ...rest)], [], false);
        if (path === undefined) {
          continue;
        }
        const seen = found.get(path);
        found.set(path, { support: (seen?.support ?? 0) + group.evidence.length, via: seen?.via ?? group });
      }
      // 3. The best supported file wins; a tie is a guess, so the name stays open and both are offered.
      const ranked = [...found].sort((a, b) => b[1].support - a[1].support);
      if (ranked.length === 0) {
        return;
      }
      if (ranked.length > 1 && ranked[0][1].support === ranked[1][1].support) {
        const tied = ranked.filter(([, v]) => v.support === ranked[0][1].support).map(([p]) => p);
        const mappings = tied.map((p) => `${found.get(p)?.via.from} → ${found.get(p)?.via.to}`);
        out.set(name, {
          path: undefined,
          reason: `the profile's build roots point at ${tied.length} files (${tied.join(', ')}; via ${uniq(mappings).join(', ')}): map the path to choose`,
          candidates: tied,
        });
        return;
      }
      const [path, { via }] = ranked[0];
      via.resolved.push(name);
      out.set(name, { path, via: 'inferred', inferred: { from: via.from, to: via.to } });
      if (session === this.session) {
        this.remember(path, name);
      }
    });
    const inferred = [...groups.values()]
      .filter((g) => g.resolved.length > 0)
      .sort((a, b) => b.resolved.length - a.resolved.length)
      .map(({ from, to, evidence, resolved }) => ({ from, to, evidence, resolved }));
    for (const line of inferenceReport(label, inferred, out)) {
      this.options.log?.(line);
    }
    return { files: out, inferred };
  }

  /**
   * Drops every cached answer and workspace index (call when settings or folders change);
   * with `config`, the new settings apply from the next lookup. The `go env` answer is kept: it
   * does not depend on settings.
   */
  invalidate(config?: SourceResolverConfig): void {
    this.session = this.newSession(config ?? this.session.config);
    this.results.clear();
    this.byLocalPath.clear();
  }

  /** Applies new settings (or workspace folders): the same as `invalidate(config)`. */
  updateConfig(config: SourceResolverConfig): void {
    this.invalidate(config);
  }

  /**
   * The profile file names that resolved to `localPath` so far (the editor asks this to find the
   * stats of an open document). Only settled lookups of the current generation are known.
   */
  profileNamesFor(localPath: string): string[] {
    return [...(this.byLocalPath.get(localKey(nodePath.resolve(localPath))) ?? [])];
  }

  /**
   * The mapping "Map Path…" writes when the user picks `chosenLocalFile` for `profileFile`.
   * Invariant: applying it to `profileFile` yields `chosenLocalFile`. The two paths' common trailing
   * components are dropped except the topmost, so the mapping names a project directory
   * (`/vagrant_data/go/src/github.com/example/leaky` → `/home/me/leaky`) and covers its siblings;
   * when only the file name is shared the two directories are mapped, and when not even that is,
   * the file itself.
   */
  suggestMapping(profileFile: string, chosenLocalFile: string): PathMapping {
    const remote = componentsWithOffsets(profileFile, /[\\/]/);
    const local = componentsWithOffsets(chosenLocalFile, nodePath.sep === '\\' ? /[\\/]/ : /\//);
    let common = 0;
    while (
      common < remote.length &&
      common < local.length &&
      remote[remote.length - 1 - common].text === local[local.length - 1 - common].text
    ) {
      common++;
    }
    const whole: PathMapping = { from: profileFile, to: chosenLocalFile };
    if (common === 0) {
      return whole;
    }
    const drop = common === 1 ? 1 : common - 1;
    const from = trimTrailingSeparator(profileFile.slice(0, remote[remote.length - drop].start));
    const to = trimTrailingSeparator(chosenLocalFile.slice(0, local[local.length - drop].start));
    // A `from` of "", "/" or "C:\\" would claim every path in every profile: fall back to the file.
    if (isBareRoot(from) || to === '') {
      return whole;
    }
    return { from, to };
  }

  private remember(localPath: string, profileFile: string): void {
    const key = localKey(localPath);
    let names = this.byLocalPath.get(key);
    if (!names) {
      names = new Set();
      this.byLocalPath.set(key, names);
    }
    names.add(profileFile);
  }

  private forget(localPath: string, profileFile: string): void {
    this.byLocalPath.get(localKey(localPath))?.delete(profileFile);
  }

  private newSession(config: SourceResolverConfig): ResolveSession {
    return new ResolveSession(config, this.fs, () => this.goEnv(), this.options.maxFilesPerRoot ?? defaultMaxFilesPerRoot);
  }

  // `go env` runs at most once per resolver, lazily: most profiles never need GOROOT.
  private goEnv(): Promise<GoEnv> {
    const probe = this.options.goEnv ?? this.fs.goEnv?.bind(this.fs);
    this.goEnvPromise ??= (probe?.() ?? Promise.resolve({})).catch((): GoEnv => ({}));
    return this.goEnvPromise;
  }
}

/**
 * A root the resolver may look inside: as configured (normalized), and where its files really
 * are once symlinks are resolved (the root's realpath, plus GOROOT/src's when it differs).
 */
interface Root {
  lexical: string;
  reals: string[];
}

/** A Bazel convenience link of a workspace folder; `execroot` when it is the bazel-<folder> link to the execroot itself. */
interface BazelLink extends Root {
  execroot: boolean;
}

/** A workspace Go module: its module path and the folder holding its go.mod. */
interface GoModule {
  path: string;
  dir: string;
}

/** The workspace files, listed once per settings generation. */
interface WorkspaceIndex {
  files: Set<string>;
  byBaseName: Map<string, string[]>;
  modules: GoModule[];
}

type Check = { kind: 'ok'; path: string } | { kind: 'missing' } | { kind: 'refused'; reason: string };

// The work of one settings generation. Everything lazy is memoized here, so invalidate() is
// just "start a new session".
class ResolveSession {
  private rootsPromise: Promise<Root[]> | undefined;
  private goRootsPromise: Promise<{ modCache?: Root; goRoot?: Root }> | undefined;
  private indexPromise: Promise<WorkspaceIndex> | undefined;
  private bazelPromise: Promise<{ links: BazelLink[]; external: Root[] }> | undefined;
  private readonly mappings: PathMapping[];

  constructor(
    readonly config: SourceResolverConfig,
    private readonly fs: ResolverFs,
    private readonly goEnv: () => Promise<GoEnv>,
    private readonly maxFilesPerRoot: number,
  ) {
    // Longest `from` first, so the most specific mapping wins (the sort is stable for equal lengths).
    this.mappings = config.pathMappings
      .filter((m) => typeof m?.from === 'string' && typeof m?.to === 'string' && m.from !== '' && m.to !== '')
      .slice()
      .sort((a, b) => toSlash(b.from).length - toSlash(a.from).length);
  }

  async resolve(file: string): Promise<Resolution> {
    if (file.trim() === '' || /^<.*>$/.test(file)) {
      // "<autogenerated>" and friends: the compiler made the code, there is no file to show.
      return { path: undefined, reason: `"${file}" is not a source file` };
    }
    const name = toSlash(file);
    const notes: string[] = [];
    const candidates: string[] = [];
    const rules: [ResolutionVia, () => Promise<string | undefined>][] = [
      ['mapping', () => this.byMapping(name, notes)],
      ['absolute', () => this.asAbsolute(file, notes)],
      ['bazel', () => this.byBazelPrefix(name, notes)],
      ['trimPath', () => this.byTrimPath(name, notes)],
      ['goModule', () => this.byGoModule(name, notes)],
      ['vendor', () => this.byVendor(name, notes)],
      ['modCache', () => this.byModCache(name, notes)],
      ['goroot', () => this.byGoRoot(name, notes)],
      ['suffix', () => this.bySuffix(name, notes, candidates)],
    ];
    for (const [via, rule] of rules) {
      const path = await rule();
      if (path !== undefined) {
        return { path, via };
      }
    }
    const reason = notes.length > 0 ? notes.join('; ') : `no file in the workspace matches "${file}"`;
    return candidates.length > 0 ? { path: undefined, reason, candidates } : { path: undefined, reason };
  }

  // 1. User mappings: every matching one, most specific first, until one names a real file.
  private async byMapping(name: string, notes: string[]): Promise<string | undefined> {
    for (const mapping of this.mappings) {
      const from = toSlash(mapping.from);
      if (!hasPathPrefix(name, from)) {
        continue;
      }
      const rest = name.slice(from.length).replace(/^\/+/, '');
      for (const target of this.expandTarget(mapping.to)) {
        // The user chose this target: Bazel's convenience links count as inside the workspace.
        const found = await this.firstAllowed([rest === '' ? target : nodePath.join(target, rest)], notes, true, true, true);
        if (found !== undefined) {
          return found;
        }
      }
    }
    return undefined;
  }

  // 2. Same machine (or a shared mount): the name is already a local path inside a workspace
  // folder or source root. Outside them is the normal case for a foreign profile, not worth a
  // note; GOROOT and GOMODCACHE paths are left to their Go rules, so this never runs `go env`.
  private async asAbsolute(file: string, notes: string[]): Promise<string | undefined> {
    if (!nodePath.isAbsolute(file)) {
      return undefined;
    }
    return this.firstAllowed([nodePath.normalize(file)], notes, false, false);
  }

  // 3. Bazel runs compilers in a sandbox whose cwd it records as "/proc/self/cwd" (or as the
  // execroot's absolute path), and rules_go trims names to the execroot: main-repo files are
  // relative, generated ones under "bazel-out/", dependencies under "external/<repo>/". The
  // workspace's convenience links (bazel-out, bazel-bin, bazel-<folder>) and Bazel's external
  // folder become read-only roots for this rule only.
  private async byBazelPrefix(name: string, notes: string[]): Promise<string | undefined> {
    const rel = bazelRelative(name);
    if (rel === undefined || isAbsoluteLike(rel)) {
      return undefined;
    }
    const candidates = this.searchFolders().map((dir) => nodePath.join(dir, rel));
    if (rel.startsWith('external/')) {
      const { links, external } = await this.bazelRoots();
      candidates.push(
        ...external.map((root) => nodePath.join(root.lexical, rel.slice('external/'.length))),
        ...links.filter((l) => l.execroot).map((l) => nodePath.join(l.lexical, rel)),
      );
    }
    return this.firstAllowed(candidates, notes, true, true, true);
  }

  // The Bazel roots of the workspace folders that are Bazel workspaces (a MODULE.bazel or
  // WORKSPACE file): each convenience link whose target is inside an output base's execroot, and
  // that output base's external folder. Any other link (one a checkout could plant) stays refused.
  bazelRoots(): Promise<{ links: BazelLink[]; external: Root[] }> {
    this.bazelPromise ??= (async () => {
      const links: BazelLink[] = [];
      const external: Root[] = [];
      for (const folder of this.config.workspaceFolders.map((f) => nodePath.resolve(f))) {
        const markers = ['MODULE.bazel', 'WORKSPACE.bazel', 'WORKSPACE'].map((m) => nodePath.join(folder, m));
        if ((await this.firstAllowed(markers, [], false, false)) === undefined) {
          continue;
        }
        for (const linkName of ['bazel-out', 'bazel-bin', 'bazel-testlogs', `bazel-${nodePath.basename(folder)}`]) {
          const lexical = nodePath.join(folder, linkName);
          let real: string;
          try {
            real = await this.fs.realpath(lexical);
          } catch {
            continue;
          }
          const comps = real.split(/[\\/]/);
          const at = comps.lastIndexOf('execroot');
          // <output base>/execroot/<repo>[/bazel-out/...]: the shape Bazel gives every link.
          if (at < 1 || at + 1 >= comps.length) {
            continue;
          }
          links.push({ lexical, reals: [real], execroot: at + 2 === comps.length });
          const ext = await this.toRoot(nodePath.join(comps.slice(0, at).join(nodePath.sep) || nodePath.sep, 'external'));
          if (ext && !external.some((e) => e.lexical === ext.lexical)) {
            external.push(ext);
          }
        }
      }
      return { links, external };
    })();
    return this.bazelPromise;
  }

  // 4. What `go tool pprof -list` does with -source_path=<folder>: strip up to "/<folder name>/",
  // or take a relative name as relative to the folder. pprof also walks up the folder's parents;
  // we don't, those are outside the roots.
  private async byTrimPath(name: string, notes: string[]): Promise<string | undefined> {
    const candidates: string[] = [];
    for (const dir of this.searchFolders()) {
      const trimmed = trimPathWithLists(name, [], [toSlash(dir)]);
      if (trimmed !== name || !isAbsoluteLike(name)) {
        if (!isAbsoluteLike(trimmed)) {
          candidates.push(nodePath.join(dir, trimmed));
        }
      }
    }
    return this.firstAllowed(candidates, notes, true);
  }

  // 5a. A workspace module whose path appears in the name: "-trimpath" builds start with it
  // (example.com/shop/internal/x.go) and GOPATH builds contain it (/go/src/github.com/x/y/main.go).
  private async byGoModule(name: string, notes: string[]): Promise<string | undefined> {
    const { modules } = await this.index();
    const candidates: string[] = [];
    for (const mod of modules) {
      const restStart = findModuleInPath(name, mod.path);
      if (restStart !== undefined) {
        candidates.push(nodePath.join(mod.dir, name.slice(restStart)));
      }
    }
    return this.firstAllowed(candidates, notes, true);
  }

  // 5b. `go mod vendor` copies dependencies to vendor/<module path>/ with no version and with the
  // module path's real case (the cache's "!x" escaping undone).
  private async byVendor(name: string, notes: string[]): Promise<string | undefined> {
    const comps = pathComponents(name);
    const at = versionComponentIndex(comps);
    const starts: number[] = [];
    const vendorAt = comps.lastIndexOf('vendor');
    if (vendorAt !== -1 && vendorAt < comps.length - 1) {
      starts.push(vendorAt + 1);
    }
    if (at !== -1) {
      starts.push(...moduleStarts(comps, at, isAbsoluteLike(name)));
    }
    if (starts.length === 0) {
      return undefined;
    }
    const { modules, files } = await this.index();
    const vendorDirs = uniq(modules.map((m) => nodePath.join(m.dir, 'vendor')))
      .filter((dir) => files.has(nodePath.join(dir, 'modules.txt')));
    const candidates: string[] = [];
    for (const dir of vendorDirs) {
      for (const k of uniq(starts)) {
        const parts = comps.slice(k).map((c, i) => (k + i <= at ? unescapeModulePath(stripVersion(c)) : c));
        candidates.push(nodePath.join(dir, ...parts));
      }
    }
    return this.firstAllowed(candidates, notes, true);
  }

  // 5c. The module cache: <GOMODCACHE>/<escaped module path>@<escaped version>/<file>. Names from
  // another machine's cache are already escaped; "-trimpath" names (module@version/file) are not.
  private async byModCache(name: string, notes: string[]): Promise<string | undefined> {
    const comps = pathComponents(name);
    const at = versionComponentIndex(comps);
    if (at === -1) {
      return undefined;
    }
    const { modCache } = await this.goRoots();
    if (!modCache) {
      return undefined;
    }
    const candidates = moduleStarts(comps, at, isAbsoluteLike(name)).map((k) =>
      nodePath.join(modCache.lexical, escapeModulePath(comps.slice(k, at + 1).join('/')), ...comps.slice(at + 1)),
    );
    return this.firstAllowed(candidates, notes, true);
  }

  // 5d. The standard library: "runtime/proc.go" (-trimpath), "$GOROOT/src/..." and any install
  // location ".../src/runtime/proc.go" (/usr/local/go, Homebrew's libexec, ~/sdk/go1.x).
  private async byGoRoot(name: string, notes: string[]): Promise<string | undefined> {
    const comps = pathComponents(name);
    const rests: string[][] = [];
    if (comps.length >= 2 && (comps[0] === '$GOROOT' || comps[0] === 'GOROOT') && comps[1] === 'src') {
      rests.push(comps.slice(2));
    }
    // The innermost "src" first: that is GOROOT's, an outer one is a GOPATH or a home folder.
    for (let i = comps.length - 2; i >= 0; i--) {
      if (comps[i] === 'src') {
        rests.push(comps.slice(i + 1));
      }
    }
    if (!isAbsoluteLike(name)) {
      rests.push(comps);
    }
    // Standard-library import paths have no dot in their first element; modules do.
    const stdRests = rests.filter((r) => r.length >= 2 && !r[0].includes('.') && !r[0].startsWith('$'));
    if (stdRests.length === 0) {
      return undefined;
    }
    const { goRoot } = await this.goRoots();
    if (!goRoot) {
      return undefined;
    }
    return this.firstAllowed(stdRests.map((r) => nodePath.join(goRoot.lexical, 'src', ...r)), notes, true);
  }

  // 6. Last resort: the workspace file sharing the most trailing components with the name. A tie
  // is left unresolved: showing numbers on the wrong file is worse than asking for a mapping.
  private async bySuffix(name: string, notes: string[], candidates: string[]): Promise<string | undefined> {
    const comps = pathComponents(name);
    const baseName = comps.at(-1);
    if (baseName === undefined) {
      return undefined;
    }
    const { byBaseName } = await this.index();
    let best: string[] = [];
    let bestScore = 0;
    for (const file of byBaseName.get(baseName) ?? []) {
      const local = file.split(/[\\/]/).filter((c) => c !== '');
      let score = 0;
      while (score < comps.length && score < local.length && comps[comps.length - 1 - score] === local[local.length - 1 - score]) {
        score++;
      }
      if (score > bestScore) {
        bestScore = score;
        best = [file];
      } else if (score === bestScore) {
        best.push(file);
      }
    }
    if (best.length > 1) {
      const shown = best.slice(0, 3).join(', ') + (best.length > 3 ? ', …' : '');
      notes.push(`${best.length} workspace files end with "${comps.slice(-bestScore).join('/')}" (${shown}): map the path to choose`);
      candidates.push(...best);
      return undefined;
    }
    return best.length === 1 ? this.firstAllowed(best, notes, true) : undefined;
  }

  // The folders searched for relative names: workspace folders, then the extra source roots.
  searchFolders(): string[] {
    return uniq([...this.config.workspaceFolders, ...this.config.sourceRoots].map((f) => nodePath.resolve(f)));
  }

  // `${workspaceFolder}` means each workspace folder in turn (a multi-root workspace has several);
  // a relative target is taken relative to each workspace folder, as VS Code settings usually are.
  private expandTarget(rawTo: string): string[] {
    const folders = this.config.workspaceFolders;
    // A mapping committed by a teammate on Windows ("${workspaceFolder}\\cmd") works here too.
    const to = nodePath.sep === '/' ? toSlash(rawTo) : rawTo;
    let targets: string[];
    const named = /\$\{workspaceFolder:([^}]+)\}/.exec(to);
    if (named) {
      const folder = folders.find((f, i) => (this.config.workspaceFolderNames?.[i] ?? nodePath.basename(f)) === named[1]);
      targets = folder === undefined ? [] : [to.replace(named[0], folder)];
    } else if (to.includes('${workspaceFolder}')) {
      targets = folders.map((f) => to.replaceAll('${workspaceFolder}', f));
    } else {
      targets = [to];
    }
    return targets.flatMap((t) => (nodePath.isAbsolute(t) ? [t] : folders.map((f) => nodePath.join(f, t))));
  }

  // The first candidate that is an existing file inside the roots. Refusals become notes (the
  // reason shown when nothing resolves) when `explain` is set.
  async firstAllowed(candidates: string[], notes: string[], explain: boolean, withGoRoots = true, withBazel = false): Promise<string | undefined> {
    const bazel = withBazel ? await this.bazelRoots() : undefined;
    const extra = bazel ? [...bazel.links, ...bazel.external] : [];
    for (const candidate of uniq(candidates)) {
      const check = await this.check(candidate, withGoRoots, extra);
      if (check.kind === 'ok') {
        return check.path;
      }
      if (check.kind === 'refused' && explain && !notes.includes(check.reason)) {
        notes.push(check.reason);
      }
    }
    return undefined;
  }

  // The security gate. 1. Normalize (".." folded away) and require the path to be lexically
  // inside a root — before any file-system call. 2. Resolve symlinks and require the real path to
  // be inside a root's real path too. 3. Only then ask whether it is a file.
  private async check(candidate: string, withGoRoots = true, extraRoots: Root[] = []): Promise<Check> {
    if (!nodePath.isAbsolute(candidate)) {
      return { kind: 'refused', reason: `${candidate} is not an absolute path` };
    }
    const path = nodePath.normalize(candidate);
    // An extra (Bazel) root lends its real location only to paths lexically under its link, so a
    // planted link elsewhere in the workspace cannot borrow it.
    const extra = extraRoots.filter((r) => isInside(path, r.lexical));
    const roots = [...(withGoRoots ? await this.rootsFor(path) : await this.roots()), ...extra];
    if (!roots.some((r) => isInside(path, r.lexical))) {
      return { kind: 'refused', reason: `${path} is outside the workspace folders and source roots` };
    }
    let real: string;
    try {
      real = await this.fs.realpath(path);
    } catch {
      return { kind: 'missing' };
    }
    if (!roots.some((r) => r.reals.some((dir) => isInside(real, dir)))) {
      return { kind: 'refused', reason: `${path} links to ${real}, outside the workspace folders and source roots` };
    }
    return (await this.fs.exists(real)) ? { kind: 'ok', path } : { kind: 'missing' };
  }

  // The Go roots join the allowed set only when a path needs them, so `go env` stays unasked for
  // profiles whose files are all in the workspace.
  private async rootsFor(path: string): Promise<Root[]> {
    const base = await this.roots();
    if (base.some((r) => isInside(path, r.lexical))) {
      return base;
    }
    const { modCache, goRoot } = await this.goRoots();
    return [...base, ...[modCache, goRoot].filter((r): r is Root => r !== undefined)];
  }

  private roots(): Promise<Root[]> {
    this.rootsPromise ??= (async () => {
      const roots = await Promise.all(this.searchFolders().map((f) => this.toRoot(f)));
      return roots.filter((r): r is Root => r !== undefined);
    })();
    return this.rootsPromise;
  }

  private goRoots(): Promise<{ modCache?: Root; goRoot?: Root }> {
    this.goRootsPromise ??= (async () => {
      const configuredModCache = nonEmpty(this.config.goModCache);
      const configuredGoRoot = nonEmpty(this.config.goRoot);
      const env = configuredModCache && configuredGoRoot ? {} : await this.goEnv();
      const modCacheDir = configuredModCache ?? nonEmpty(env.GOMODCACHE);
      const goRootDir = configuredGoRoot ?? nonEmpty(env.GOROOT);
      return {
        modCache: modCacheDir === undefined ? undefined : await this.toRoot(modCacheDir),
        goRoot: goRootDir === undefined ? undefined : await this.toRoot(goRootDir, ['src']),
      };
    })();
    return this.goRootsPromise;
  }

  // Roots are user-chosen folders: resolving them is allowed; a missing one is dropped.
  // `trusted` names subfolders whose own symlink is part of the install, not of untrusted
  // content: Debian's /usr/lib/go-1.19/src is a link to /usr/share/go-1.19/src.
  private async toRoot(dir: string, trusted: string[] = []): Promise<Root | undefined> {
    if (!nodePath.isAbsolute(dir)) {
      return undefined;
    }
    const lexical = nodePath.normalize(dir);
    let real: string;
    try {
      real = await this.fs.realpath(lexical);
    } catch {
      return undefined;
    }
    const reals = [real];
    for (const sub of trusted) {
      try {
        const subReal = await this.fs.realpath(nodePath.join(lexical, sub));
        if (!isInside(subReal, real)) {
          reals.push(subReal);
        }
      } catch {
        // no such subfolder: nothing more to allow
      }
    }
    return { lexical, reals };
  }

  // One listing per folder per generation serves go.mod discovery, vendor detection and suffix
  // matching.
  private index(): Promise<WorkspaceIndex> {
    this.indexPromise ??= (async () => {
      const roots = await this.roots();
      const listed = await Promise.all(
        roots.map(async (root) => {
          try {
            return (await this.fs.listFiles(root.lexical, this.maxFilesPerRoot)).map((f) => ({ root, file: nodePath.normalize(f) }));
          } catch {
            return [];
          }
        }),
      );
      const files = new Set<string>();
      const byBaseName = new Map<string, string[]>();
      const goMods: string[] = [];
      for (const { root, file } of listed.flat()) {
        if (files.has(file) || !isInside(file, root.lexical)) {
          continue;
        }
        const inRoot = nodePath.relative(root.lexical, file).split(/[\\/]/);
        if (inRoot.some((c) => c === '.git' || c === 'node_modules')) {
          continue;
        }
        files.add(file);
        const baseName = inRoot[inRoot.length - 1];
        const same = byBaseName.get(baseName);
        if (same) {
          same.push(file);
        } else {
          byBaseName.set(baseName, [file]);
        }
        // vendor/ holds copies of other modules' go.mod files: those are not workspace modules.
        if (baseName === 'go.mod' && !inRoot.includes('vendor')) {
          goMods.push(file);
        }
      }
      const modules = (await Promise.all(goMods.map((f) => this.readModule(f)))).filter((m): m is GoModule => m !== undefined);
      // Longest module path first: a nested module is more specific than its parent.
      modules.sort((a, b) => b.path.length - a.path.length);
      return { files, byBaseName, modules };
    })();
    return this.indexPromise;
  }

  private async readModule(goMod: string): Promise<GoModule | undefined> {
    const check = await this.check(goMod);
    if (check.kind !== 'ok') {
      return undefined;
    }
    try {
      const modulePath = parseModulePath(await this.fs.readFile(goMod));
      return modulePath === undefined ? undefined : { path: modulePath, dir: nodePath.dirname(goMod) };
    } catch {
      return undefined;
    }
  }
}

/**
 * inferenceReport is what resolveProfile tells the Output channel: one line per build root it
 * used (what implied it, what it placed) and one per name its roots left tied or took back.
 */
export function inferenceReport(label: string, inferred: InferredMapping[], files: Map<string, Resolution>): string[] {
  const some = (names: string[]) => names.slice(0, 3).join(', ') + (names.length > 3 ? `, and ${names.length - 3} more` : '');
  const lines = inferred.map(
    (m) =>
      `${label}: build root ${m.from} → ${m.to}, learned from ${m.evidence.length} file${m.evidence.length === 1 ? '' : 's'} found unambiguously (${some(m.evidence)}); it places ${some(m.resolved)}`,
  );
  for (const [name, r] of files) {
    if (r.path === undefined && r.reason.includes("the profile's build root")) {
      lines.push(`${label}: ${name} not placed: ${r.reason}`);
    }
  }
  return lines;
}

/**
 * impliedMapping is the prefix mapping one resolution implies: the profile name and the local
 * file share their trailing components, and what precedes them maps onto what precedes them here
 * (`/app/internal/cache/cache.go` → `/ws/internal/cache/cache.go` gives `/app` → `/ws`). The shared
 * part stops at the folder holding the file, so `to` stays inside `folders`. Undefined for
 * relative names (the Go rules already place those) and when the prefix would be a bare root.
 */
export function impliedMapping(profileFile: string, localPath: string, folders: string[]): PathMapping | undefined {
  if (!isAbsoluteLike(toSlash(profileFile))) {
    return undefined;
  }
  const folder = folders.filter((f) => isInside(localPath, f)).sort((a, b) => b.length - a.length)[0];
  if (folder === undefined) {
    return undefined;
  }
  const remote = componentsWithOffsets(profileFile, /[\\/]/);
  const local = nodePath.relative(folder, localPath).split(nodePath.sep).filter((c) => c !== '');
  let common = 0;
  while (common < remote.length && common < local.length && remote[remote.length - 1 - common].text === local[local.length - 1 - common]) {
    common++;
  }
  if (common === 0) {
    return undefined;
  }
  const from = trimTrailingSeparator(profileFile.slice(0, remote[remote.length - common].start));
  if (isBareRoot(from)) {
    return undefined;
  }
  return { from, to: nodePath.join(folder, ...local.slice(0, local.length - common)) };
}

/**
 * portableMapping rewrites a mapping's local target with VS Code's variables, so a mapping
 * committed to .vscode/settings.json works on a teammate's machine: `${workspaceFolder}` in a
 * single-folder workspace, `${workspaceFolder:name}` in a multi-root one. A target outside every
 * folder stays absolute (no variable expresses it).
 */
export function portableMapping(mapping: PathMapping, folders: { name: string; path: string }[]): PathMapping {
  const folder = folders.filter((f) => isInside(mapping.to, f.path)).sort((a, b) => b.path.length - a.path.length)[0];
  if (folder === undefined) {
    return mapping;
  }
  const variable = folders.length === 1 ? '${workspaceFolder}' : `\${workspaceFolder:${folder.name}}`;
  const rest = nodePath.relative(folder.path, mapping.to).split(nodePath.sep).filter((c) => c !== '');
  return { from: mapping.from, to: [variable, ...rest].join('/') };
}

/**
 * parseModulePath returns the `module` directive's path from go.mod text, or undefined. Handles
 * comments and quoted paths (both "..." and `...`).
 */
export function parseModulePath(goMod: string): string | undefined {
  for (const raw of goMod.split(/\r?\n/)) {
    const line = raw.replace(/\/\/.*$/, '').trim();
    const m = /^module\s+(?:"([^"]+)"|`([^`]+)`|(\S+))\s*$/.exec(line);
    if (m) {
      return m[1] ?? m[2] ?? m[3];
    }
  }
  return undefined;
}

/**
 * escapeModulePath applies the module cache's case encoding (golang.org/x/mod/module
 * EscapePath): each upper-case letter becomes "!" and its lower case. Idempotent on escaped text.
 */
export function escapeModulePath(p: string): string {
  return p.replace(/[A-Z]/g, (c) => '!' + c.toLowerCase());
}

/** unescapeModulePath undoes escapeModulePath ("!x" → "X"); text without "!" is unchanged. */
export function unescapeModulePath(p: string): string {
  return p.replace(/!([a-z])/g, (_, c: string) => c.toUpperCase());
}

// The first index where `modulePath` occurs at a component boundary followed by "/" or by
// "@version/", as the start of what follows; undefined when it does not.
function findModuleInPath(name: string, modulePath: string): number | undefined {
  for (let i = name.indexOf(modulePath); i !== -1; i = name.indexOf(modulePath, i + 1)) {
    if (i !== 0 && name[i - 1] !== '/') {
      continue;
    }
    const after = i + modulePath.length;
    if (name[after] === '/') {
      return after + 1;
    }
    if (name[after] === '@') {
      const slash = name.indexOf('/', after);
      if (slash !== -1 && /^@v\d/.test(name.slice(after, slash))) {
        return slash + 1;
      }
    }
  }
  return undefined;
}

// Where the module path may begin in a name whose component `at` is "<last elem>@<version>":
// at 0 for a "-trimpath" name, after ".../pkg/mod/", or at any earlier component with a dot
// (module paths start with a domain), nearest first. Callers try them all; only files that
// exist count, so a wrong start costs one failed lookup.
function moduleStarts(comps: string[], at: number, absolute: boolean): number[] {
  const starts: number[] = [];
  if (!absolute) {
    starts.push(0);
  }
  for (let i = at - 1; i >= 1; i--) {
    if (comps[i - 1] === 'pkg' && comps[i] === 'mod') {
      starts.push(i + 1);
      break;
    }
  }
  for (let k = at; k >= 0; k--) {
    if (comps[k].split('@')[0].includes('.')) {
      starts.push(k);
    }
  }
  return uniq(starts).filter((k) => k <= at);
}

// The component "<elem>@v<version>" that ends a module path, or -1.
function versionComponentIndex(comps: string[]): number {
  return comps.findIndex((c) => /^[^@]+@v\d/.test(c));
}

function stripVersion(component: string): string {
  const at = component.indexOf('@');
  return at === -1 ? component : component.slice(0, at);
}

// The execroot-relative part of a name Bazel wrote, or undefined when the name is not Bazel's:
// "/proc/self/cwd/x", "./x", ".../execroot/<repo>/x", or a relative "bazel-out/…" / "external/…".
function bazelRelative(slashed: string): string | undefined {
  const prefix = ['/proc/self/cwd/./', '/proc/self/cwd/', './'].find((p) => slashed.startsWith(p));
  if (prefix !== undefined) {
    return slashed.slice(prefix.length);
  }
  if (/^(bazel-[^/]+|external)\//.test(slashed)) {
    return slashed;
  }
  const m = /(?:^|\/)execroot\/[^/]+\/(.+)$/.exec(slashed);
  return m ? m[1] : undefined;
}

function pathComponents(slashed: string): string[] {
  return slashed.split('/').filter((c) => c !== '' && c !== '.');
}

function componentsWithOffsets(p: string, separators: RegExp): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  let start = 0;
  for (let i = 0; i <= p.length; i++) {
    if (i === p.length || separators.test(p[i])) {
      if (i > start) {
        out.push({ text: p.slice(start, i), start });
      }
      start = i + 1;
    }
  }
  return out;
}

function trimTrailingSeparator(p: string): string {
  return p.length > 1 ? p.replace(/[\\/]+$/, '') : p;
}

// Profiles from Windows machines use backslashes; every rule compares slashed names.
function toSlash(p: string): string {
  return p.replaceAll('\\', '/');
}

// Absolute on any OS the profile may come from: "/x", "C:/x", "//host/share".
function isAbsoluteLike(slashed: string): boolean {
  return slashed.startsWith('/') || /^[A-Za-z]:\//.test(slashed);
}

// `from` prefixes `name` and ends at a component boundary, so "/build/a" does not claim "/build/ab".
// Windows paths ("C:/Users/Dev", "//server/share") compare without case, as their file systems do.
function hasPathPrefix(name: string, from: string): boolean {
  const starts = isWindowsLike(from) ? prefixKey(name.slice(0, from.length)) === prefixKey(from) : name.startsWith(from);
  return starts && (from.endsWith('/') || name.length === from.length || name[from.length] === '/');
}

function isWindowsLike(slashed: string): boolean {
  return /^[A-Za-z]:(\/|$)/.test(slashed) || slashed.startsWith('//');
}

// The comparison key of a slashed prefix: Windows paths fold case.
function prefixKey(slashed: string): string {
  return isWindowsLike(slashed) ? slashed.toLowerCase() : slashed;
}

// A prefix that names no folder ("", "/", "C:", "C:/", "//"): mapping it would claim every path.
function isBareRoot(p: string): boolean {
  return /^(?:[A-Za-z]:)?[\\/]*$/.test(p);
}

function isInside(child: string, root: string): boolean {
  const rel = nodePath.relative(root, child);
  return rel === '' || (rel !== '..' && !rel.startsWith('..' + nodePath.sep) && !nodePath.isAbsolute(rel));
}

// Windows file systems ignore case: so does the reverse index there.
function localKey(p: string): string {
  const normalized = nodePath.normalize(p);
  return process.platform === 'win32' ? normalized.toLowerCase() : normalized;
}

// A name worth a file: "<autogenerated>" and empty names are not.
function isSourceName(name: string): boolean {
  return name.trim() !== '' && !/^<.*>$/.test(name);
}

// Runs `fn` over `items` with at most `limit` calls in flight.
async function forEachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      await fn(items[next++]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

function nonEmpty(s: string | undefined): string | undefined {
  return s === undefined || s.trim() === '' ? undefined : s.trim();
}

function uniq<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
