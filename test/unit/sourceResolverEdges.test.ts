// SourceResolver cases that separate the look-alikes (from the resolver group's surviving
// mutants): for each rule a wrong candidate that exists, the exact reason of each refusal, the
// file system failing, `go env` answering with its trailing newline, names that are almost Go's
// or Bazel's forms, and resolveProfile's evidence from every rule. Real folders on disk.
import assert from 'node:assert/strict';
import { lstatSync, mkdirSync, readdirSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { nodeResolverFs } from '../../src/extension/nodeResolverFs';
import {
  impliedMapping,
  portableMapping,
  SourceResolver,
  type GoEnv,
  type Resolution,
  type ResolverFs,
  type SourceResolverConfig,
  type SourceResolverOptions,
} from '../../src/extension/sourceResolver';
import { tempDir, write } from '../support/tempTree';

let tmp: string;
let ws: string; // main workspace folder "ws": module example.com/shop, a vendor folder, an escape link
let outside: string; // never to be read
let mc: string; // GOMODCACHE
let gr: string; // GOROOT

before(() => {
  tmp = tempDir('pprof-lens-edges-');
  ws = path.join(tmp, 'ws');
  outside = path.join(tmp, 'outside');
  mc = path.join(tmp, 'mc');
  gr = path.join(tmp, 'gr');
  write(path.join(ws, 'go.mod'), 'module example.com/shop\n');
  write(path.join(ws, 'main.go'));
  write(path.join(ws, 'cmd', 'loadgen', 'main.go'));
  write(path.join(ws, 'internal', 'cache', 'cache.go'));
  write(path.join(ws, 'tools', 'config.go'));
  write(path.join(ws, 'deep', 'pkg', 'unique_name.go'));
  write(path.join(ws, 'vendor', 'modules.txt'), '# github.com/BurntSushi/toml v1.2.0\n');
  write(path.join(ws, 'vendor', 'github.com', 'BurntSushi', 'toml', 'decode.go'));
  write(path.join(ws, 'vendor', 'github.com', 'BurntSushi', 'toml', 'a@b.go'));
  // A nested module vendoring without modules.txt (not a vendor folder `go mod vendor` made).
  write(path.join(ws, 'legacy', 'go.mod'), 'module example.com/legacy\n');
  write(path.join(ws, 'legacy', 'vendor', 'github.com', 'x', 'y', 'z.go'));
  // Three files named three.go: a tie of three is listed whole.
  for (const d of ['p', 'q', 'r']) write(path.join(ws, 'trio', d, 'three.go'));
  write(path.join(outside, 's.go'), 'secret\n');
  write(path.join(outside, 'e.go'), 'secret\n');
  write(path.join(outside, 'evil', 'e.go'), 'secret\n');
  symlinkSync(outside, path.join(ws, 'esc'), 'dir');
  symlinkSync(path.join(outside, 'evil'), path.join(ws, 'vendor', 'github.com', 'evil'), 'dir');
  symlinkSync(path.join(outside, 's.go'), path.join(ws, 'lnk.go'), 'file');

  // The module cache: module paths without a dotted first element, a one-element module path,
  // and wrong candidates that exist where a wrong start index would look.
  write(path.join(mc, 'mymod', 'sub@v1.0.0', 'x.go'));
  write(path.join(mc, 'example.com@v1.0.0', 'e.go'));
  write(path.join(mc, 'github.com', 'a', 'b@v1.0.0', 'x.go'));
  write(path.join(mc, 'a', 'b@v1.0.0', 'x.go')); // wrong: "a/b" is not the module path
  write(path.join(mc, 'example.org', 'm@v1.0.0', 'y.go'));
  write(path.join(mc, 'home', 'u', 'go', 'pkg', 'mod', 'example.org', 'm@v1.0.0', 'y.go')); // wrong: the whole name
  symlinkSync(path.join(outside, 'evil'), path.join(mc, 'evil.com@v1.0.0'), 'dir');

  write(path.join(gr, 'src', 'runtime', 'proc.go'));
  write(path.join(gr, 'src', 'LICENSE'));
  symlinkSync(path.join(outside, 'evil'), path.join(gr, 'src', 'evilpkg'), 'dir');
});

after(() => {
  rmSync(tmp, { recursive: true, force: true });
});

/** node:fs with a record of the paths read (exists, readFile) and every realpath asked. */
class SpyFs implements ResolverFs {
  readonly read: string[] = [];
  readonly realpaths: string[] = [];
  exists(p: string) {
    this.read.push(p);
    return nodeResolverFs.exists(p);
  }
  realpath(p: string) {
    this.realpaths.push(p);
    return nodeResolverFs.realpath(p);
  }
  readFile(p: string) {
    this.read.push(p);
    return nodeResolverFs.readFile(p);
  }
  listFiles(root: string, limit: number) {
    return nodeResolverFs.listFiles(root, limit);
  }
}

/**
 * A ResolverFs whose listing skips nothing (ResolverFs lets an adapter list .git, node_modules
 * and symlinked files): the resolver must keep them out itself. Depth first, names sorted.
 */
class PlainListFs extends SpyFs {
  override async listFiles(root: string): Promise<string[]> {
    const out: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir).sort()) {
        const full = path.join(dir, name);
        const st = lstatSync(full);
        if (st.isDirectory()) walk(full);
        else out.push(full); // files and symlinks (a symlinked folder is not entered)
      }
    };
    walk(root);
    return out;
  }
}

function make(over: Partial<SourceResolverConfig> = {}, fs: ResolverFs = new SpyFs(), options: SourceResolverOptions = {}): SourceResolver {
  return new SourceResolver(fs, { workspaceFolders: [ws], pathMappings: [], sourceRoots: [], goModCache: mc, goRoot: gr, ...over }, { goEnv: async () => ({}), ...options });
}

const notFound = (name: string): Resolution => ({ path: undefined, reason: `no file in the workspace matches "${name}"` });
const escapes = (p: string, real: string) => `${p} links to ${real}, outside the workspace folders and source roots`;

describe('each rule against a wrong candidate that exists', () => {
  it('module cache: the module path starts after pkg/mod, at a dotted element, or at 0 for a -trimpath name', async () => {
    const r = make();
    const mymod = path.join(mc, 'mymod', 'sub@v1.0.0', 'x.go');
    assert.deepEqual(await r.resolve('mymod/sub@v1.0.0/x.go'), { path: mymod, via: 'modCache' });
    assert.deepEqual(await r.resolve('/root/go/pkg/mod/mymod/sub@v1.0.0/x.go'), { path: mymod, via: 'modCache' });
    assert.deepEqual(await r.resolve('pkg/mod/mymod/sub@v1.0.0/x.go'), { path: mymod, via: 'modCache' });
    const e = path.join(mc, 'example.com@v1.0.0', 'e.go');
    assert.deepEqual(await r.resolve('/example.com@v1.0.0/e.go'), { path: e, via: 'modCache' });
    assert.deepEqual(await r.resolve('/build/example.com@v1.0.0/e.go'), { path: e, via: 'modCache' });
    // mc/a/b@v1.0.0/x.go exists, but "a" has no dot: the module path is github.com/a/b.
    assert.deepEqual(await r.resolve('/build/github.com/a/b@v1.0.0/x.go'), { path: path.join(mc, 'github.com', 'a', 'b@v1.0.0', 'x.go'), via: 'modCache' });
    // An absolute name never starts at its first element (mc/home/u/go/pkg/mod/… exists too).
    assert.deepEqual(await r.resolve('/home/u/go/pkg/mod/example.org/m@v1.0.0/y.go'), { path: path.join(mc, 'example.org', 'm@v1.0.0', 'y.go'), via: 'modCache' });
  });

  it('vendor: only a vendor/ path or a versioned name, only into a vendor folder with modules.txt, the file name kept', async () => {
    const r = make();
    const decode = path.join(ws, 'vendor', 'github.com', 'BurntSushi', 'toml', 'decode.go');
    // Neither a vendor/ path nor versioned: the vendor rule does not claim it (the suffix rule finds the only decode.go).
    assert.deepEqual(await r.resolve('/github.com/BurntSushi/toml/decode.go'), { path: decode, via: 'suffix' });
    assert.deepEqual(await r.resolve('github.com/BurntSushi/toml/decode.go'), { path: decode, via: 'suffix' });
    // legacy/vendor has no modules.txt.
    assert.deepEqual(await r.resolve('/b/vendor/github.com/x/y/z.go'), { path: path.join(ws, 'legacy', 'vendor', 'github.com', 'x', 'y', 'z.go'), via: 'suffix' });
    assert.deepEqual(await r.resolve('/b/vendor/nothing/here.go'), notFound('/b/vendor/nothing/here.go'));
    // The version is stripped from the module path, not from the file name.
    assert.deepEqual(await r.resolve('/root/go/pkg/mod/github.com/!burnt!sushi/toml@v1.2.0/a@b.go'), {
      path: path.join(ws, 'vendor', 'github.com', 'BurntSushi', 'toml', 'a@b.go'),
      via: 'vendor',
    });
  });

  it('trimPath takes only a name it trimmed; an absolute name is not a folder-relative one', async () => {
    assert.deepEqual(await make().resolve('/deep/pkg/unique_name.go'), { path: path.join(ws, 'deep', 'pkg', 'unique_name.go'), via: 'suffix' });
  });

  it('GOROOT: no src, no package folder, or nothing to look at means no GOROOT lookup', async () => {
    const r = make();
    assert.deepEqual(await r.resolve('/runtime/proc.go'), notFound('/runtime/proc.go'));
    assert.deepEqual(await r.resolve('/usr/local/go/src/LICENSE'), notFound('/usr/local/go/src/LICENSE'));
    assert.deepEqual(await r.resolve('/usr/local/go/src/runtime/proc.go'), { path: path.join(gr, 'src', 'runtime', 'proc.go'), via: 'goroot' });
    // A name no Go rule can use never runs `go env`.
    let asked = 0;
    const lazy = make({ goRoot: undefined, goModCache: undefined }, new SpyFs(), { goEnv: async () => (asked++, {}) });
    assert.deepEqual(await lazy.resolve('/x/y/nothing.go'), notFound('/x/y/nothing.go'));
    assert.equal(asked, 0);
  });

  it('Bazel: a relative execroot/<repo>/ name is Bazel\'s', async () => {
    assert.deepEqual(await make().resolve('execroot/_main/cmd/loadgen/main.go'), { path: path.join(ws, 'cmd', 'loadgen', 'main.go'), via: 'bazel' });
  });

  it('nested modules: the longest module path first, whatever the listing order', async () => {
    const w = path.join(tmp, 'nested');
    write(path.join(w, 'a-shop', 'go.mod'), 'module example.com/shop\n');
    write(path.join(w, 'a-shop', 'api', 'x.go')); // what the parent module would claim
    write(path.join(w, 'z-api', 'go.mod'), 'module example.com/shop/api\n');
    write(path.join(w, 'z-api', 'x.go'));
    assert.deepEqual(await make({ workspaceFolders: [w] }).resolve('example.com/shop/api/x.go'), { path: path.join(w, 'z-api', 'x.go'), via: 'goModule' });
  });
});

describe('why nothing was chosen: each rule\'s refusal, exactly', () => {
  it('a symlink out of the workspace, met by the mapping, Bazel, trimPath, vendor, module cache, GOROOT and suffix rules', async () => {
    const fs = new PlainListFs();
    const r = make({ pathMappings: [{ from: '/m', to: '${workspaceFolder}/esc' }] }, fs);
    const esc = path.join(ws, 'esc');
    assert.deepEqual(await r.resolve('/m/s.go'), { path: undefined, reason: escapes(path.join(esc, 's.go'), path.join(outside, 's.go')) });
    assert.deepEqual(await r.resolve('/proc/self/cwd/esc/e.go'), { path: undefined, reason: escapes(path.join(esc, 'e.go'), path.join(outside, 'e.go')) });
    // (pprof's trimPath strips /proc/self/cwd/ too: the execroot form is the Bazel rule's alone.)
    assert.deepEqual(await r.resolve('execroot/_main/esc/e.go'), { path: undefined, reason: escapes(path.join(esc, 'e.go'), path.join(outside, 'e.go')) });
    assert.deepEqual(await r.resolve('/b/ws/esc/s.go'), { path: undefined, reason: escapes(path.join(esc, 's.go'), path.join(outside, 's.go')) });
    assert.deepEqual(await r.resolve('example.com/shop/esc/s.go'), { path: undefined, reason: escapes(path.join(esc, 's.go'), path.join(outside, 's.go')) });
    const vendored = path.join(ws, 'vendor', 'github.com', 'evil', 'e.go');
    assert.deepEqual(await r.resolve('/b/vendor/github.com/evil/e.go'), { path: undefined, reason: escapes(vendored, path.join(outside, 'evil', 'e.go')) });
    assert.deepEqual(await r.resolve('evil.com@v1.0.0/e.go'), { path: undefined, reason: escapes(path.join(mc, 'evil.com@v1.0.0', 'e.go'), path.join(outside, 'evil', 'e.go')) });
    assert.deepEqual(await r.resolve('evilpkg/e.go'), { path: undefined, reason: escapes(path.join(gr, 'src', 'evilpkg', 'e.go'), path.join(outside, 'evil', 'e.go')) });
    // The suffix rule's only lnk.go is a link out (an adapter may list symlinked files).
    assert.deepEqual(await r.resolve('/remote/lnk.go'), { path: undefined, reason: escapes(path.join(ws, 'lnk.go'), path.join(outside, 's.go')) });
    for (const p of fs.read) assert.ok(!realpathSync(p).startsWith(outside + path.sep), `${p} read`);
  });

  it('two refusals are joined with "; "', async () => {
    const r = make({ pathMappings: [{ from: '/m', to: '${workspaceFolder}/esc' }, { from: '/m/evil', to: path.join(ws, 'vendor', 'github.com', 'evil') }] });
    assert.deepEqual(await r.resolve('/m/evil/e.go'), {
      path: undefined,
      reason: `${escapes(path.join(ws, 'vendor', 'github.com', 'evil', 'e.go'), path.join(outside, 'evil', 'e.go'))}; ${escapes(path.join(ws, 'esc', 'evil', 'e.go'), path.join(outside, 'evil', 'e.go'))}`,
    });
  });

  it('a candidate that is not an absolute path (a workspace folder given as a relative path)', async () => {
    const r = make({ workspaceFolders: ['rel-ws'], pathMappings: [{ from: '/m', to: 'cmd' }] });
    assert.deepEqual(await r.resolve('/m/x.go'), { path: undefined, reason: 'rel-ws/cmd/x.go is not an absolute path' });
  });

  it('a suffix tie of three lists the three, without "…"', async () => {
    const files = ['p', 'q', 'r'].map((d) => path.join(ws, 'trio', d, 'three.go'));
    assert.deepEqual(await make().resolve('/remote/three.go'), {
      path: undefined,
      reason: `3 workspace files end with "three.go" (${files.join(', ')}): map the path to choose`,
      candidates: files,
    });
  });
});

describe('mappings: targets, boundaries and case', () => {
  it('a from with a trailing slash; every workspace folder of ${workspaceFolder}; a target in the module cache', async () => {
    const loadgen = path.join(ws, 'cmd', 'loadgen', 'main.go');
    assert.deepEqual(await make({ pathMappings: [{ from: '/app/', to: '${workspaceFolder}' }] }).resolve('/app/cmd/loadgen/main.go'), { path: loadgen, via: 'mapping' });
    // The file is only in the second folder: the first folder's miss does not end the mapping.
    const first = path.join(tmp, 'first');
    mkdirSync(first, { recursive: true });
    assert.deepEqual(await make({ workspaceFolders: [first, ws], pathMappings: [{ from: '/app', to: '${workspaceFolder}/cmd' }] }).resolve('/app/loadgen/main.go'), { path: loadgen, via: 'mapping' });
    // No workspace folder, a source root: an absolute target still applies.
    assert.deepEqual(await make({ workspaceFolders: [], sourceRoots: [ws], pathMappings: [{ from: '/app', to: path.join(ws, 'cmd') }] }).resolve('/app/loadgen/main.go'), { path: loadgen, via: 'mapping' });
    // A mapping may point into GOMODCACHE.
    assert.deepEqual(await make({ pathMappings: [{ from: '/deps', to: path.join(mc, 'mymod') }] }).resolve('/deps/sub@v1.0.0/x.go'), { path: path.join(mc, 'mymod', 'sub@v1.0.0', 'x.go'), via: 'mapping' });
  });

  it('Unix prefixes keep their case; Windows ones (drive, bare drive, UNC) do not, and never match another drive', async () => {
    const main = path.join(ws, 'main.go');
    const r = make({
      pathMappings: [
        { from: '/App', to: '${workspaceFolder}' },
        { from: 'C:/build', to: '${workspaceFolder}' },
        { from: 'E:', to: '${workspaceFolder}' },
        { from: '//Server/Share/app', to: '${workspaceFolder}' },
      ],
    });
    assert.equal((await r.resolve('/app/main.go')).path, undefined); // the two main.go tie
    assert.equal('via' in (await r.resolve('D:/other/main.go')) ? 'resolved' : 'open', 'open');
    assert.deepEqual(await r.resolve('c:/BUILD/main.go'), { path: main, via: 'mapping' });
    assert.deepEqual(await r.resolve('e:/main.go'), { path: main, via: 'mapping' });
    assert.deepEqual(await r.resolve('//server/share/APP/main.go'), { path: main, via: 'mapping' });
  });

  it('a target that is the parent of a workspace folder is refused before any file-system call', async () => {
    const fs = new SpyFs();
    const r = make({ pathMappings: [{ from: '/m', to: '${workspaceFolder}/..' }] }, fs);
    assert.deepEqual(await r.resolve('/m'), { path: undefined, reason: `${tmp} is outside the workspace folders and source roots` });
    assert.ok(!fs.realpaths.includes(tmp) && !fs.read.includes(tmp), JSON.stringify(fs));
  });
});

describe('the file system and go env failing or answering oddly', () => {
  it('a lookup whose file system throws says so; a listing that throws leaves the other rules working', async () => {
    const throwing = (err: unknown): ResolverFs => ({ ...nodeResolverFs, exists: () => Promise.reject(err), listFiles: nodeResolverFs.listFiles });
    assert.deepEqual(await make({}, throwing(new Error('disk gone'))).resolve('/app/main.go'), { path: undefined, reason: 'lookup failed: disk gone' });
    assert.deepEqual(await make({}, throwing('EIO')).resolve('/app/main.go'), { path: undefined, reason: 'lookup failed: EIO' });
    const noList: ResolverFs = { ...nodeResolverFs, listFiles: () => Promise.reject(new Error('EACCES')) };
    assert.deepEqual(await make({}, noList).resolve('/r/unique_name.go'), notFound('/r/unique_name.go'));
    assert.deepEqual(await make({}, noList).resolve('/b/ws/main.go'), { path: path.join(ws, 'main.go'), via: 'trimPath' });
  });

  it('go env: absent from the adapter, failing, or printing with a newline; settings left empty ask it', async () => {
    const proc = path.join(gr, 'src', 'runtime', 'proc.go');
    const bare: ResolverFs = { exists: nodeResolverFs.exists, realpath: nodeResolverFs.realpath, readFile: nodeResolverFs.readFile, listFiles: nodeResolverFs.listFiles };
    const cfg = { workspaceFolders: [ws], pathMappings: [], sourceRoots: [] };
    assert.deepEqual(await new SourceResolver(bare, cfg).resolve('runtime/proc.go'), notFound('runtime/proc.go'));
    const failing = new SourceResolver(nodeResolverFs, cfg, { goEnv: () => Promise.reject(new Error('no go')) });
    assert.deepEqual(await failing.resolve('runtime/proc.go'), notFound('runtime/proc.go'));
    assert.deepEqual(await failing.resolve('mymod/sub@v1.0.0/x.go'), notFound('mymod/sub@v1.0.0/x.go'));
    const env: GoEnv = { GOROOT: gr + '\n', GOMODCACHE: ' ' + mc + '\n' };
    const printed = new SourceResolver(nodeResolverFs, { ...cfg, goRoot: '', goModCache: '  ' }, { goEnv: async () => env });
    assert.deepEqual(await printed.resolve('runtime/proc.go'), { path: proc, via: 'goroot' });
    assert.deepEqual(await printed.resolve('mymod/sub@v1.0.0/x.go'), { path: path.join(mc, 'mymod', 'sub@v1.0.0', 'x.go'), via: 'modCache' });
    // Only the module cache configured: GOROOT still comes from go env.
    const half = new SourceResolver(nodeResolverFs, { ...cfg, goModCache: mc }, { goEnv: async () => ({ GOROOT: gr }) });
    assert.deepEqual(await half.resolve('runtime/proc.go'), { path: proc, via: 'goroot' });
    // A relative GOROOT setting is no root.
    assert.deepEqual(await make({ goRoot: '.' }).resolve('runtime/proc.go'), notFound('runtime/proc.go'));
  });
});

describe('the workspace index', () => {
  it('keeps .git and node_modules out even when the adapter lists them, and reads only go.mod files', async () => {
    const w = path.join(tmp, 'listed');
    write(path.join(w, '.git', 'hooks', 'g.go'));
    write(path.join(w, 'node_modules', 'pkg', 'go.mod'), 'module example.com/nm\n');
    write(path.join(w, 'node_modules', 'pkg', 'n.go'));
    write(path.join(w, 'notes.txt'), 'module example.com/notes\n');
    write(path.join(w, 'x', 'n.txt.go'));
    const fs = new PlainListFs();
    const r = make({ workspaceFolders: [w] }, fs);
    assert.deepEqual(await r.resolve('/r/hooks/g.go'), notFound('/r/hooks/g.go'));
    assert.deepEqual(await r.resolve('/r/pkg/n.go'), notFound('/r/pkg/n.go'));
    assert.deepEqual(await r.resolve('example.com/nm/n.go'), notFound('example.com/nm/n.go'));
    assert.deepEqual(await r.resolve('example.com/notes/x/n.txt.go'), { path: path.join(w, 'x', 'n.txt.go'), via: 'suffix' });
    assert.deepEqual(fs.read.filter((p) => !p.endsWith('.go')), []);
  });

  it('a go.mod without a module line, or linked from outside, is no module', async () => {
    const w = path.join(tmp, 'mods');
    write(path.join(w, 'nomod', 'go.mod'), 'go 1.22\n');
    write(path.join(w, 'nomod', 'only_here.go'));
    mkdirSync(path.join(w, 'linked'), { recursive: true });
    write(path.join(outside, 'go.mod'), 'module example.com/linked\n');
    symlinkSync(path.join(outside, 'go.mod'), path.join(w, 'linked', 'go.mod'), 'file');
    write(path.join(w, 'linked', 'l.go'));
    const fs = new PlainListFs();
    const r = make({ workspaceFolders: [w] }, fs);
    assert.deepEqual(await r.resolve('undefined/only_here.go'), { path: path.join(w, 'nomod', 'only_here.go'), via: 'suffix' });
    assert.deepEqual(await r.resolve('example.com/linked/l.go'), { path: path.join(w, 'linked', 'l.go'), via: 'suffix' });
    assert.ok(!fs.read.includes(path.join(w, 'linked', 'go.mod')));
  });

  it('a source root inside a workspace folder lists each file once; a missing folder is skipped', async () => {
    const r = make({ workspaceFolders: [path.join(tmp, 'missing'), ws], sourceRoots: [path.join(ws, 'deep')] });
    assert.deepEqual(await r.resolve('/r/unique_name.go'), { path: path.join(ws, 'deep', 'pkg', 'unique_name.go'), via: 'suffix' });
  });
});

describe('resolveProfile: evidence from every rule, and what it does with it', () => {
  // ws has tools/config.go and no config.go at its top: "<root>/config.go" is placed by file name
  // alone, against the build root the other name placed strongly, so it is offered, not placed.
  const demoted = (root: string) => ({
    path: undefined,
    reason: `its only namesake is ${path.join(ws, 'tools', 'config.go')}, but the profile's build root ${root} is ${ws} here (learned from ${root}/x), which has no such file: map the path if it is that one`,
    candidates: [path.join(ws, 'tools', 'config.go')],
  });
  const cases: [string, string, string, Partial<SourceResolverConfig>][] = [
    ['mapping', '/m', '/m/internal/cache/cache.go', { pathMappings: [{ from: '/m/internal/cache/cache.go', to: path.join('${workspaceFolder}', 'internal', 'cache', 'cache.go') }] }],
    ['bazel', '/proc/self/cwd', '/proc/self/cwd/internal/cache/cache.go', {}],
    ['trimPath', '/b/ws', '/b/ws/main.go', {}],
    ['goModule', '/go/src/example.com/shop', '/go/src/example.com/shop/internal/cache/cache.go', {}],
    ['vendor', '/b2', '/b2/vendor/github.com/BurntSushi/toml/decode.go', {}],
  ];
  for (const [via, root, name, over] of cases) {
    it(`a ${via} answer is evidence: it places ${root} and a file-name match under it is only offered`, async () => {
      const { files, inferred } = await make(over).resolveProfile([name, `${root}/config.go`]);
      assert.equal((files.get(name) as { via?: string }).via, via);
      const expected = demoted(root);
      expected.reason = expected.reason.replace(`${root}/x`, name);
      assert.deepEqual(files.get(`${root}/config.go`), expected);
      assert.deepEqual(inferred, []);
    });
  }

  it('answers of GOROOT or the module cache are no evidence, even inside a workspace folder', async () => {
    const w = path.join(tmp, 'goinside');
    write(path.join(w, 'go', 'src', 'runtime', 'proc.go'));
    write(path.join(w, 'go', 'x.go'));
    write(path.join(w, 'other', 'go', 'x.go'));
    const r = make({ workspaceFolders: [w], goRoot: path.join(w, 'go') });
    const { files, inferred } = await r.resolveProfile(['/usr/local/go/src/runtime/proc.go', '/usr/local/go/x.go']);
    assert.equal((files.get('/usr/local/go/src/runtime/proc.go') as { via?: string }).via, 'goroot');
    assert.equal(files.get('/usr/local/go/x.go')?.path, undefined);
    assert.deepEqual(inferred, []);
  });

  it('no evidence: every answer as resolve gave it, nothing inferred, nothing logged', async () => {
    const lines: string[] = [];
    const r = make({}, new SpyFs(), { log: (l) => lines.push(l) });
    const result = await r.resolveProfile(['/nowhere/main.go', 'example.com/shop/internal/cache/cache.go']);
    assert.deepEqual(result, {
      files: new Map<string, Resolution>([
        ['/nowhere/main.go', await r.resolve('/nowhere/main.go')],
        ['example.com/shop/internal/cache/cache.go', { path: path.join(ws, 'internal', 'cache', 'cache.go'), via: 'goModule' }],
      ]),
      inferred: [],
    });
    assert.deepEqual(lines, []);
  });

  it('a build root applies only under its own prefix and never through ..', async () => {
    const { files } = await make().resolveProfile(['/app/cache/cache.go', '/xyz/main.go', '/app/../main.go']);
    // /app → ws/internal (cache/cache.go is ws/internal/cache/cache.go).
    assert.equal(files.get('/xyz/main.go')?.path, undefined);
    // ws/internal/../main.go is ws/main.go, but /app/../main.go is not under /app.
    assert.equal(files.get('/app/../main.go')?.path, undefined);
  });

  it('logs under "profile" by default; names the two files that taught a build root', async () => {
    const lines: string[] = [];
    const r = make({}, new SpyFs(), { log: (l) => lines.push(l) });
    const { files } = await r.resolveProfile(['/app/internal/cache/cache.go', '/app/cmd/loadgen/main.go', '/app/config.go', '/app/main.go']);
    assert.deepEqual(files.get('/app/main.go'), { path: path.join(ws, 'main.go'), via: 'inferred', inferred: { from: '/app', to: ws } });
    assert.equal((files.get('/app/config.go') as { reason: string }).reason.includes('(learned from /app/internal/cache/cache.go, /app/cmd/loadgen/main.go)'), true);
    assert.deepEqual(lines, [
      `profile: build root /app → ${ws}, learned from 2 files found unambiguously (/app/internal/cache/cache.go, /app/cmd/loadgen/main.go); it places /app/main.go`,
      `profile: /app/config.go not placed: ${(files.get('/app/config.go') as { reason: string }).reason}`,
    ]);
  });

  it('a file-name match under another prefix is not taken back', async () => {
    const { files } = await make().resolveProfile(['/app/internal/cache/cache.go', '/other/config.go']);
    assert.deepEqual(files.get('/other/config.go'), { path: path.join(ws, 'tools', 'config.go'), via: 'suffix' });
  });
});

describe('resolveProfile: ranking the build roots', () => {
  let shop: string;
  let billing: string;
  let misc: string;
  before(() => {
    shop = path.join(tmp, 'r-shop');
    billing = path.join(tmp, 'r-billing');
    misc = path.join(tmp, 'r-misc');
    write(path.join(shop, 'main.go'));
    write(path.join(shop, 'internal', 'cache', 'cache.go'));
    write(path.join(shop, 'cmd', 'loadgen', 'main.go'));
    write(path.join(billing, 'main.go'));
    write(path.join(billing, 'ledger', 'ledger.go'));
    write(path.join(billing, 'ledger', 'audit.go'));
    write(path.join(misc, 'main.go'));
    write(path.join(misc, 'tools', 'x.go'));
  });

  it('the best supported file wins whatever the order of the evidence', async () => {
    const { files } = await make({ workspaceFolders: [shop, billing] }).resolveProfile(['/app/ledger/ledger.go', '/app/main.go', '/app/internal/cache/cache.go', '/app/cmd/loadgen/main.go']);
    assert.deepEqual(files.get('/app/main.go'), { path: path.join(shop, 'main.go'), via: 'inferred', inferred: { from: '/app', to: shop } });
  });

  it('a tie names only the files with the top support', async () => {
    const { files } = await make({ workspaceFolders: [misc, shop, billing] }).resolveProfile([
      '/app/tools/x.go',
      '/app/main.go',
      '/app/internal/cache/cache.go',
      '/app/cmd/loadgen/main.go',
      '/app/ledger/ledger.go',
      '/app/ledger/audit.go',
    ]);
    const tied = [path.join(shop, 'main.go'), path.join(billing, 'main.go')];
    assert.deepEqual(files.get('/app/main.go'), {
      path: undefined,
      reason: `the profile's build roots point at 2 files (${tied.join(', ')}; via /app → ${shop}, /app → ${billing}): map the path to choose`,
      candidates: tied,
    });
  });

  it('the build roots come most placing first', async () => {
    const { inferred } = await make({ workspaceFolders: [shop, billing] }).resolveProfile([
      '/app/main.go',
      '/app/internal/cache/cache.go',
      '/srv/ledger/ledger.go',
      '/srv/main.go',
      '/srv/ledger/audit2.go',
    ]);
    assert.deepEqual(inferred.map((m) => [m.from, m.to, m.resolved]), [
      ['/app', shop, ['/app/main.go']],
      ['/srv', billing, ['/srv/main.go']],
    ]);
    write(path.join(billing, 'ledger', 'extra.go'));
    write(path.join(billing, 'cmd.go'));
    write(path.join(shop, 'cmd.go'));
    const more = await make({ workspaceFolders: [shop, billing] }).resolveProfile([
      '/app/main.go',
      '/app/internal/cache/cache.go',
      '/srv/ledger/ledger.go',
      '/srv/main.go',
      '/srv/cmd.go',
    ]);
    assert.deepEqual(more.inferred.map((m) => [m.from, m.resolved.length]), [['/srv', 2], ['/app', 1]]);
  });
});

describe('an invalidate() during a lookup', () => {
  it('keeps the stale answer out of the reverse index', async () => {
    const hold: { r?: SourceResolver } = {};
    const fs: ResolverFs = {
      ...nodeResolverFs,
      exists: async (p) => {
        hold.r?.invalidate();
        return nodeResolverFs.exists(p);
      },
    };
    const r = (hold.r = make({}, fs));
    const answer = await r.resolve('/r/deep/pkg/unique_name.go');
    assert.equal(answer.path, path.join(ws, 'deep', 'pkg', 'unique_name.go'));
    assert.deepEqual(r.profileNamesFor(path.join(ws, 'deep', 'pkg', 'unique_name.go')), []);
  });

  it('and out of it during resolveProfile\'s inference', async () => {
    const hold: { r?: SourceResolver; inferring?: boolean } = {};
    const target = path.join(ws, 'main.go');
    const fs: ResolverFs = {
      ...nodeResolverFs,
      exists: async (p) => {
        if (p === target && hold.inferring) hold.r?.invalidate();
        return nodeResolverFs.exists(p);
      },
    };
    const r = (hold.r = make({}, fs));
    await r.resolveAll(['/app/main.go', '/app/internal/cache/cache.go']);
    hold.inferring = true;
    const { files } = await r.resolveProfile(['/app/main.go', '/app/internal/cache/cache.go']);
    assert.equal(files.get('/app/main.go')?.path, target);
    assert.deepEqual(r.profileNamesFor(target), []);
  });

  it('profileNamesFor keeps the case of the path on a case-sensitive system', async () => {
    const r = make();
    await r.resolve('/r/deep/pkg/unique_name.go');
    assert.deepEqual(r.profileNamesFor(path.join(ws, 'deep', 'pkg', 'unique_name.go')), ['/r/deep/pkg/unique_name.go']);
    if (process.platform !== 'win32') assert.deepEqual(r.profileNamesFor(path.join(ws, 'deep', 'pkg', 'UNIQUE_NAME.go')), []);
  });
});

describe('the mapping helpers at their edges', () => {
  it('impliedMapping: a relative name, nested folders (the innermost holds the file), no shared tail', () => {
    const cache = path.join(ws, 'internal', 'cache', 'cache.go');
    assert.equal(impliedMapping('app/internal/cache/cache.go', cache, [ws]), undefined);
    const inner = { from: '/app/internal', to: path.join(ws, 'internal') };
    assert.deepEqual(impliedMapping('/app/internal/cache/cache.go', cache, [ws, path.join(ws, 'internal')]), inner);
    assert.deepEqual(impliedMapping('/app/internal/cache/cache.go', cache, [path.join(ws, 'internal'), ws]), inner);
    assert.equal(impliedMapping('/app/other.go', cache, [ws]), undefined);
  });

  it('portableMapping names the innermost of nested folders', () => {
    const folders = [
      { name: 'outer', path: tmp },
      { name: 'inner', path: ws },
    ];
    assert.deepEqual(portableMapping({ from: '/app', to: path.join(ws, 'cmd') }, folders), { from: '/app', to: '${workspaceFolder:inner}/cmd' });
    assert.deepEqual(portableMapping({ from: '/app', to: path.join(ws, 'cmd') }, [...folders].reverse()), { from: '/app', to: '${workspaceFolder:inner}/cmd' });
  });

  it('suggestMapping: a profile name longer than the local path, a relative local file, doubled separators', () => {
    const r = make();
    const main = path.join(ws, 'main.go');
    const comps = main.split(path.sep).filter((c) => c !== '');
    assert.deepEqual(r.suggestMapping('/mnt' + main, main), { from: '/mnt/' + comps[0], to: '/' + comps[0] });
    assert.deepEqual(r.suggestMapping('/x/main.go', 'main.go'), { from: '/x/main.go', to: 'main.go' });
    assert.deepEqual(r.suggestMapping('/build/leaky//main.go', path.join(ws, 'leaky', 'main.go')), { from: '/build/leaky', to: path.join(ws, 'leaky') });
  });
});

describe('Bazel workspaces: markers, links, the execroot and the external folder', () => {
  let bzl: string;
  let execroot: string;
  before(() => {
    // MODULE.bazel; links bazel-out, bazel-bin and bazel-bzl (no bazel-testlogs: not every build makes it).
    bzl = path.join(tmp, 'bzl');
    const ob = path.join(tmp, 'bcache', 'ob');
    execroot = path.join(ob, 'execroot', '_main');
    write(path.join(bzl, 'MODULE.bazel'), 'module(name = "bzl")\n');
    write(path.join(execroot, 'bazel-out', 'k8', 'bin', 'api.pb.go'));
    write(path.join(execroot, 'gen', 'x.go')); // in the execroot only, not in the workspace
    write(path.join(execroot, 'external', 'repo2', 'z.go')); // the execroot's own external/
    write(path.join(execroot, 'bazel-out', 'external', 'repo2', 'z.go')); // wrong: under bazel-out
    write(path.join(ob, 'external', 'repo1', 'y.go'));
    symlinkSync(path.join(execroot, 'bazel-out'), path.join(bzl, 'bazel-out'), 'dir');
    symlinkSync(path.join(execroot, 'bazel-out', 'k8', 'bin'), path.join(bzl, 'bazel-bin'), 'dir');
    symlinkSync(execroot, path.join(bzl, 'bazel-bzl'), 'dir');
    // WORKSPACE, only bazel-out, an output base without external/.
    const bzl2 = path.join(tmp, 'bzl2');
    const ob2 = path.join(tmp, 'bcache', 'ob2', 'execroot', '_main');
    write(path.join(bzl2, 'WORKSPACE'), '');
    write(path.join(ob2, 'bazel-out', 'k8', 'bin', 'gen2.go'));
    symlinkSync(path.join(ob2, 'bazel-out'), path.join(bzl2, 'bazel-out'), 'dir');
    // WORKSPACE.bazel, only bazel-bin.
    const bzl3 = path.join(tmp, 'bzl3');
    const ob3 = path.join(tmp, 'bcache', 'ob3', 'execroot', '_main');
    write(path.join(bzl3, 'WORKSPACE.bazel'), '');
    write(path.join(ob3, 'bazel-out', 'k8', 'bin', 'gen3.go'));
    symlinkSync(path.join(ob3, 'bazel-out', 'k8', 'bin'), path.join(bzl3, 'bazel-bin'), 'dir');
  });

  it('external/<repo>/… is looked up in the output base, then through the execroot link only', async () => {
    const r = make({ workspaceFolders: [bzl] });
    assert.deepEqual(await r.resolve('external/repo1/y.go'), { path: path.join(tmp, 'bcache', 'ob', 'external', 'repo1', 'y.go'), via: 'bazel' });
    assert.deepEqual(await r.resolve('external/repo2/z.go'), { path: path.join(bzl, 'bazel-bzl', 'external', 'repo2', 'z.go'), via: 'bazel' });
    assert.deepEqual(await r.resolve('bazel-out/k8/bin/api.pb.go'), { path: path.join(bzl, 'bazel-out', 'k8', 'bin', 'api.pb.go'), via: 'bazel' });
    // A main-repository name is looked up in the workspace, not in the execroot.
    assert.deepEqual(await r.resolve('/proc/self/cwd/gen/x.go'), notFound('/proc/self/cwd/gen/x.go'));
  });

  it('a WORKSPACE or WORKSPACE.bazel marks a Bazel workspace too; an output base without external/ is no root', async () => {
    const bzl2 = path.join(tmp, 'bzl2');
    const bzl3 = path.join(tmp, 'bzl3');
    const r = make({ workspaceFolders: [bzl2, bzl3] });
    assert.deepEqual(await r.resolve('bazel-out/k8/bin/gen2.go'), { path: path.join(bzl2, 'bazel-out', 'k8', 'bin', 'gen2.go'), via: 'bazel' });
    assert.deepEqual(await r.resolve('bazel-bin/gen3.go'), { path: path.join(bzl3, 'bazel-bin', 'gen3.go'), via: 'bazel' });
    assert.deepEqual(await make({ workspaceFolders: [bzl2] }).resolve('external/r/x.go'), notFound('external/r/x.go'));
  });
});
