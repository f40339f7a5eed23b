// SourceResolver against a real temporary workspace on disk (through the node:fs adapter), with a
// spy in between that records every path the resolver hands to the file system: the security
// tests assert on that record, not only on the answers.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { nodeGoEnv, nodeResolverFs } from '../../src/extension/nodeResolverFs';
import {
  escapeModulePath,
  inferenceReport,
  parseModulePath,
  SourceResolver,
  unescapeModulePath,
  type GoEnv,
  type Resolution,
  type ResolverFs,
  type SourceResolverConfig,
  type SourceResolverOptions,
} from '../../src/extension/sourceResolver';
import { fixture } from '../support/fixtures';
import { tempDir, write } from '../support/tempTree';

const leakyRemote = '/vagrant_data/go/src/github.com/example/leaky/main.go';

let tmp: string;
let ws: string; // the workspace folder (basename "ws", so trimPath's heuristic stays out of the way)
let extra: string; // a pprofLens.sourceRoots folder
let modCache: string;
let goRoot: string;
let outside: string; // never to be touched

before(() => {
  // realpath: on macOS the temp dir is behind the /var → /private/var symlink.
  tmp = tempDir('pprof-lens-resolver-');
  ws = path.join(tmp, 'ws');
  extra = path.join(tmp, 'extra');
  modCache = path.join(tmp, 'gomodcache');
  goRoot = path.join(tmp, 'goroot');
  outside = path.join(tmp, 'outside');

  // The leaky service, as the user has it checked out: its go.mod declares github.com/example/leaky.
  mkdirSync(path.join(ws, 'loadgen'), { recursive: true });
  copyFileSync(fixture('leaky', 'go.mod'), path.join(ws, 'go.mod'));
  copyFileSync(fixture('leaky', 'main.go'), path.join(ws, 'main.go'));
  copyFileSync(fixture('leaky', 'loadgen', 'main.go'), path.join(ws, 'loadgen', 'main.go'));
  write(path.join(ws, 'alt', 'main.go'));

  // A nested module with vendored dependencies (and a vendored go.mod that is not a workspace module).
  write(path.join(ws, 'shop', 'go.mod'), 'module example.com/shop // the shop\n\ngo 1.21\n');
  write(path.join(ws, 'shop', 'internal', 'cache', 'cache.go'));
  write(path.join(ws, 'shop', 'vendor', 'modules.txt'), '# github.com/BurntSushi/toml v1.2.0\n');
  write(path.join(ws, 'shop', 'vendor', 'github.com', 'BurntSushi', 'toml', 'decode.go'));
  write(path.join(ws, 'shop', 'vendor', 'github.com', 'BurntSushi', 'toml', 'go.mod'), 'module github.com/BurntSushi/toml\n');

  // Suffix matching: two util.go (a tie by file name), one unique name.
  write(path.join(ws, 'a', 'util.go'));
  write(path.join(ws, 'b', 'util.go'));
  write(path.join(ws, 'deep', 'pkg', 'unique_name.go'));

  // A go.mod under node_modules must not count as a workspace module.
  write(path.join(ws, 'node_modules', 'evil', 'go.mod'), 'module github.com/evil/x\n');
  write(path.join(ws, 'node_modules', 'evil', 'hidden.go'));

  write(path.join(extra, 'lib', 'thing.go'));
  write(path.join(modCache, 'github.com', '!foo!bar', 'baz@v1.0.0', 'x.go'));
  write(path.join(goRoot, 'src', 'runtime', 'proc.go'));
  write(path.join(goRoot, 'src', 'net', 'http', 'server.go'));

  write(path.join(outside, 'secret.go'), 'secret\n');
  write(path.join(outside, 'util.go'));
  // A symlink inside the workspace that leads out of it.
  symlinkSync(outside, path.join(ws, 'escape'), 'dir');
  symlinkSync(path.join(outside, 'secret.go'), path.join(ws, 'linked_secret.go'), 'file');
});

after(() => {
  rmSync(tmp, { recursive: true, force: true });
});

/** The node:fs adapter with a record of every call, and optional delay/concurrency tracking. */
class SpyFs implements ResolverFs {
  readonly calls: { op: string; path: string }[] = [];
  inFlight = 0;
  maxInFlight = 0;
  constructor(private readonly delayMs = 0) {}

  private async track<T>(op: string, p: string, run: () => Promise<T>): Promise<T> {
    this.calls.push({ op, path: p });
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (this.delayMs > 0) {
        await new Promise((r) => setTimeout(r, this.delayMs));
      }
      return await run();
    } finally {
      this.inFlight--;
    }
  }
  exists(p: string) {
    return this.track('exists', p, () => nodeResolverFs.exists(p));
  }
  realpath(p: string) {
    return this.track('realpath', p, () => nodeResolverFs.realpath(p));
  }
  readFile(p: string) {
    return this.track('readFile', p, () => nodeResolverFs.readFile(p));
  }
  listFiles(root: string, limit: number) {
    return this.track('listFiles', root, () => nodeResolverFs.listFiles(root, limit));
  }
}

function config(over: Partial<SourceResolverConfig> = {}): SourceResolverConfig {
  return { workspaceFolders: [ws], pathMappings: [], sourceRoots: [extra], goModCache: modCache, goRoot, ...over };
}

function make(over: Partial<SourceResolverConfig> = {}, options: SourceResolverOptions = {}, fs = new SpyFs()) {
  return { resolver: new SourceResolver(fs, config(over), options), fs };
}

function assertResolved(r: Resolution, expected: string, via: string): void {
  assert.deepEqual(r, { path: expected, via });
}

function assertUnresolved(r: Resolution, reasonPattern?: RegExp): string {
  assert.equal(r.path, undefined, `expected no resolution, got ${JSON.stringify(r)}`);
  if (r.path !== undefined) throw new Error('unreachable');
  if (reasonPattern) assert.match(r.reason, reasonPattern);
  return r.reason;
}

// The security invariant, checked on the record: every path the resolver gave the file system
// is lexically inside an allowed root, and exists/readFile (the calls that follow symlinks to
// contents) never saw a path whose real location is outside.
function assertConfined(fs: SpyFs, roots: string[] = [ws, extra, modCache, goRoot]): void {
  const inside = (p: string, root: string) => {
    const rel = path.relative(root, path.normalize(p));
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  };
  for (const call of fs.calls) {
    assert.ok(roots.some((r) => inside(call.path, r)), `${call.op}(${call.path}) is outside the allowed roots`);
    assert.ok(!inside(call.path, outside), `${call.op}(${call.path}) touches the outside folder`);
    if (call.op === 'exists' || call.op === 'readFile') {
      assert.ok(!inside(realpathSync(call.path), outside), `${call.op}(${call.path}) reads through a symlink to the outside`);
    }
  }
}

describe('SourceResolver rules', () => {
  it('resolves the leaky fixture path from another machine through the workspace go.mod', async () => {
    const { resolver, fs } = make();
    assertResolved(await resolver.resolve(leakyRemote), path.join(ws, 'main.go'), 'goModule');
    assertResolved(
      await resolver.resolve('/vagrant_data/go/src/github.com/example/leaky/loadgen/main.go'),
      path.join(ws, 'loadgen', 'main.go'),
      'goModule',
    );
    assertConfined(fs);
  });

  it('uses pprof trimPath against a folder named like a path element (the leaky checkout in ~/leaky)', async () => {
    const leaky = path.join(tmp, 'home', 'leaky');
    mkdirSync(leaky, { recursive: true });
    copyFileSync(fixture('leaky', 'main.go'), path.join(leaky, 'main.go'));
    const resolver = new SourceResolver(nodeResolverFs, { workspaceFolders: [leaky], pathMappings: [], sourceRoots: [] });
    assertResolved(await resolver.resolve(leakyRemote), path.join(leaky, 'main.go'), 'trimPath');
    // A relative name is relative to the folder, as -source_path makes it.
    assertResolved(await resolver.resolve('main.go'), path.join(leaky, 'main.go'), 'trimPath');
  });

  it('resolves -trimpath names of the main module and nested modules', async () => {
    const { resolver } = make();
    assertResolved(await resolver.resolve('github.com/example/leaky/main.go'), path.join(ws, 'main.go'), 'goModule');
    assertResolved(
      await resolver.resolve('example.com/shop/internal/cache/cache.go'),
      path.join(ws, 'shop', 'internal', 'cache', 'cache.go'),
      'goModule',
    );
    // A module path must end at a component boundary: example.com/shopping is another module.
    assertUnresolved(await resolver.resolve('example.com/shopping/internal/cache/other.go'));
  });

  it('finds vendored dependencies without their version, undoing ! escaping', async () => {
    const { resolver, fs } = make();
    const vendored = path.join(ws, 'shop', 'vendor', 'github.com', 'BurntSushi', 'toml', 'decode.go');
    assertResolved(await resolver.resolve('github.com/BurntSushi/toml@v1.2.0/decode.go'), vendored, 'vendor');
    assertResolved(await resolver.resolve('/home/ci/go/pkg/mod/github.com/!burnt!sushi/toml@v1.2.0/decode.go'), vendored, 'vendor');
    assertResolved(await resolver.resolve('/build/shop/vendor/github.com/BurntSushi/toml/decode.go'), vendored, 'vendor');
    assertConfined(fs);
  });

  it('finds dependencies in GOMODCACHE with ! case escaping', async () => {
    const { resolver, fs } = make();
    const cached = path.join(modCache, 'github.com', '!foo!bar', 'baz@v1.0.0', 'x.go');
    assertResolved(await resolver.resolve('github.com/FooBar/baz@v1.0.0/x.go'), cached, 'modCache');
    assertResolved(await resolver.resolve('/Users/name/go/pkg/mod/github.com/!foo!bar/baz@v1.0.0/x.go'), cached, 'modCache');
    assertResolved(await resolver.resolve('/cache/gomod/github.com/!foo!bar/baz@v1.0.0/x.go'), cached, 'modCache');
    assertUnresolved(await resolver.resolve('github.com/FooBar/baz@v1.0.1/x.go'));
    assertConfined(fs);
  });

  it('finds the standard library under GOROOT/src from any install location', async () => {
    const { resolver, fs } = make();
    const proc = path.join(goRoot, 'src', 'runtime', 'proc.go');
    const server = path.join(goRoot, 'src', 'net', 'http', 'server.go');
    assertResolved(await resolver.resolve('/usr/local/go/src/runtime/proc.go'), proc, 'goroot');
    assertResolved(await resolver.resolve('/usr/lib/go-1.19/src/runtime/proc.go'), proc, 'goroot');
    assertResolved(await resolver.resolve('/opt/homebrew/Cellar/go/1.17.6/libexec/src/net/http/server.go'), server, 'goroot');
    assertResolved(await resolver.resolve('runtime/proc.go'), proc, 'goroot');
    assertResolved(await resolver.resolve('$GOROOT/src/runtime/proc.go'), proc, 'goroot');
    assertResolved(await resolver.resolve('C:\\Program Files\\Go\\src\\runtime\\proc.go'), proc, 'goroot');
    assertConfined(fs);
  });

  it('follows a packaged GOROOT whose src is a symlink (Debian: /usr/lib/go-1.19/src → /usr/share/go-1.19/src)', async () => {
    const debianRoot = path.join(tmp, 'usr-lib-go');
    const shared = path.join(tmp, 'usr-share-go');
    write(path.join(shared, 'src', 'runtime', 'proc.go'));
    mkdirSync(debianRoot, { recursive: true });
    symlinkSync(path.join(shared, 'src'), path.join(debianRoot, 'src'), 'dir');
    const { resolver, fs } = make({ goRoot: debianRoot });
    assertResolved(await resolver.resolve('/usr/lib/go-1.19/src/runtime/proc.go'), path.join(debianRoot, 'src', 'runtime', 'proc.go'), 'goroot');
    assertConfined(fs, [ws, extra, modCache, debianRoot, shared]);
  });

  it('strips Bazel /proc/self/cwd/ and ./ prefixes', async () => {
    const { resolver } = make();
    const cache = path.join(ws, 'shop', 'internal', 'cache', 'cache.go');
    assertResolved(await resolver.resolve('/proc/self/cwd/shop/internal/cache/cache.go'), cache, 'bazel');
    assertResolved(await resolver.resolve('/proc/self/cwd/./shop/internal/cache/cache.go'), cache, 'bazel');
    assertResolved(await resolver.resolve('./main.go'), path.join(ws, 'main.go'), 'bazel');
    assertResolved(await resolver.resolve('./lib/thing.go'), path.join(extra, 'lib', 'thing.go'), 'bazel');
  });

  it('accepts a local absolute path inside the allowed roots as is', async () => {
    const { resolver } = make();
    assertResolved(await resolver.resolve(path.join(ws, 'a', 'util.go')), path.join(ws, 'a', 'util.go'), 'absolute');
  });

  it('falls back to a unique best suffix match, and leaves ties unresolved', async () => {
    const { resolver } = make();
    assertResolved(await resolver.resolve('/remote/checkout/pkg/unique_name.go'), path.join(ws, 'deep', 'pkg', 'unique_name.go'), 'suffix');
    assertResolved(await resolver.resolve('D:\\src\\proj\\a\\util.go'), path.join(ws, 'a', 'util.go'), 'suffix');
    const reason = assertUnresolved(await resolver.resolve('/remote/x/util.go'), /2 workspace files end with "util.go"/);
    assert.match(reason, /map the path/);
    // Files under node_modules are not candidates.
    assertUnresolved(await resolver.resolve('/remote/evil/hidden.go'));
  });

  it('ignores go.mod files under node_modules and vendor', async () => {
    const { resolver } = make();
    assertUnresolved(await resolver.resolve('github.com/evil/x/hidden.go'));
    // Were the vendored go.mod a workspace module, this would be "goModule".
    assert.equal((await resolver.resolve('github.com/BurntSushi/toml@v1.2.0/decode.go')).path !== undefined, true);
    assert.equal(((await resolver.resolve('github.com/BurntSushi/toml@v1.2.0/decode.go')) as { via: string }).via, 'vendor');
  });

  it('says why generated code has no file', async () => {
    const { resolver, fs } = make();
    assertUnresolved(await resolver.resolve('<autogenerated>'), /not a source file/);
    assertUnresolved(await resolver.resolve(''), /not a source file/);
    assert.equal(fs.calls.length, 0);
  });
});

describe('pathMappings', () => {
  it('win over every other rule, longest from first, ${workspaceFolder} expanded', async () => {
    const { resolver } = make({
      pathMappings: [
        { from: '/vagrant_data', to: '${workspaceFolder}/nothing-here' },
        { from: '/vagrant_data/go/src/github.com/example/leaky', to: '${workspaceFolder}/alt' },
      ],
    });
    assertResolved(await resolver.resolve(leakyRemote), path.join(ws, 'alt', 'main.go'), 'mapping');
  });

  it('fall through to shorter mappings and then to the other rules when the target is missing', async () => {
    const { resolver } = make({
      pathMappings: [
        { from: '/vagrant_data/go/src/github.com/example/leaky', to: '${workspaceFolder}/missing' },
        { from: '/vagrant_data/go/src/github.com/example', to: `${ws}/nope` },
      ],
    });
    assertResolved(await resolver.resolve(leakyRemote), path.join(ws, 'main.go'), 'goModule');
  });

  it('match at path-component boundaries, accept ${workspaceFolder:name}, backslashes and relative targets', async () => {
    const { resolver } = make({
      pathMappings: [
        { from: '/vagrant_data/go/src/github.com/example/lea', to: '${workspaceFolder}/alt' },
        { from: 'C:\\build\\leaky', to: '${workspaceFolder:ws}/alt' },
        { from: '/srv/app', to: 'alt' },
      ],
    });
    assertResolved(await resolver.resolve(leakyRemote), path.join(ws, 'main.go'), 'goModule');
    assertResolved(await resolver.resolve('C:\\build\\leaky\\main.go'), path.join(ws, 'alt', 'main.go'), 'mapping');
    assertResolved(await resolver.resolve('/srv/app/main.go'), path.join(ws, 'alt', 'main.go'), 'mapping');
  });
});

describe('pathMappings against a wrong candidate that exists on disk', () => {
  // The tests above would pass with the wrong order or without the boundary check, because the
  // wrong candidate is missing and the resolver falls through. Here it exists.
  let w: string;
  before(() => {
    w = path.join(tmp, 'mapws');
    write(path.join(w, 'wrong', 'go', 'src', 'github.com', 'example', 'leaky', 'main.go')); // '/vagrant_data' → wrong
    write(path.join(w, 'right', 'main.go'));
    write(path.join(w, 'glued', 'ky', 'main.go')); // '.../example/lea' + 'ky/main.go' without the boundary check
  });

  it('the longest from wins whatever the order of the settings', async () => {
    const mappings = [
      { from: '/vagrant_data', to: path.join(w, 'wrong') },
      { from: '/vagrant_data/go/src/github.com/example/leaky', to: path.join(w, 'right') },
    ];
    for (const pathMappings of [mappings, [...mappings].reverse()]) {
      const { resolver } = make({ workspaceFolders: [w], pathMappings });
      assertResolved(await resolver.resolve(leakyRemote), path.join(w, 'right', 'main.go'), 'mapping');
    }
    // Only the short one: it applies (and finds its file).
    const { resolver } = make({ workspaceFolders: [w], pathMappings: [mappings[0]] });
    assertResolved(await resolver.resolve(leakyRemote), path.join(w, 'wrong', 'go', 'src', 'github.com', 'example', 'leaky', 'main.go'), 'mapping');
  });

  it('a from matches only at a folder boundary, even when the glued path exists', async () => {
    const { resolver } = make({ workspaceFolders: [w], pathMappings: [{ from: '/vagrant_data/go/src/github.com/example/lea', to: path.join(w, 'glued') }] });
    const r = await resolver.resolve(leakyRemote);
    assert.ok(!('via' in r) || r.via !== 'mapping', JSON.stringify(r));
    // At the boundary the same folder does map.
    const { resolver: ok } = make({ workspaceFolders: [w], pathMappings: [{ from: '/vagrant_data/go/src/github.com/example/leaky', to: path.join(w, 'glued', 'ky') }] });
    assertResolved(await ok.resolve(leakyRemote), path.join(w, 'glued', 'ky', 'main.go'), 'mapping');
  });
});

describe('security: nothing outside the allowed roots is touched', () => {
  it('refuses a mapping that points outside the allowed roots, without a stat there', async () => {
    const { resolver, fs } = make({ pathMappings: [{ from: '/build', to: outside }] });
    assertUnresolved(await resolver.resolve('/build/secret.go'), /outside the workspace folders and source roots/);
    assertConfined(fs);
  });

  it('refuses a symlink that escapes the workspace, whatever rule produced it', async () => {
    const { resolver, fs } = make({ pathMappings: [{ from: '/m', to: '${workspaceFolder}/escape' }] });
    assertUnresolved(await resolver.resolve('/m/secret.go'), /links to .*outside/);
    assertUnresolved(await resolver.resolve('/remote/ws/escape/secret.go'), /links to .*outside/);
    assertUnresolved(await resolver.resolve(path.join(ws, 'escape', 'secret.go')));
    assertUnresolved(await resolver.resolve(path.join(ws, 'linked_secret.go')), /links to .*outside/);
    assertUnresolved(await resolver.resolve('/remote/linked_secret.go'));
    assertConfined(fs);
  });

  it('refuses .. escapes from every rule', async () => {
    const { resolver, fs } = make({ pathMappings: [{ from: '/up', to: '${workspaceFolder}/..' }] });
    for (const name of [
      '/remote/ws/../outside/secret.go', // trimPath strips to ../outside/secret.go
      '/remote/ws/../../outside/secret.go',
      './../outside/secret.go', // Bazel prefix
      '/proc/self/cwd/../outside/secret.go',
      '../outside/secret.go',
      `${ws}/../outside/secret.go`, // absolute
      '/up/outside/secret.go', // mapping to the workspace's parent
      'github.com/example/leaky/../../outside/secret.go', // go module
      'github.com/FooBar/baz@v1.0.0/../../../../outside/secret.go', // module cache
      'runtime/../../../outside/secret.go', // GOROOT
    ]) {
      const r = await resolver.resolve(name);
      assert.notEqual(r.path, path.join(outside, 'secret.go'), name);
      assertUnresolved(r);
    }
    assertConfined(fs);
  });

  it('allows GOMODCACHE and GOROOT only when they are known', async () => {
    const { resolver, fs } = make({ goModCache: undefined, goRoot: undefined });
    assertUnresolved(await resolver.resolve(path.join(goRoot, 'src', 'runtime', 'proc.go')));
    assertUnresolved(await resolver.resolve('runtime/proc.go'));
    assertConfined(fs, [ws, extra]);
  });
});

describe('go env', () => {
  it('is asked once, lazily, only when a Go root is needed', async () => {
    let calls = 0;
    const goEnv = async (): Promise<GoEnv> => {
      calls++;
      return { GOMODCACHE: modCache, GOROOT: goRoot };
    };
    const { resolver } = make({ goModCache: undefined, goRoot: undefined }, { goEnv });
    assertResolved(await resolver.resolve(leakyRemote), path.join(ws, 'main.go'), 'goModule');
    assert.equal(calls, 0, 'workspace files need no go env');
    assertResolved(await resolver.resolve('runtime/proc.go'), path.join(goRoot, 'src', 'runtime', 'proc.go'), 'goroot');
    assertResolved(
      await resolver.resolve('github.com/FooBar/baz@v1.0.0/x.go'),
      path.join(modCache, 'github.com', '!foo!bar', 'baz@v1.0.0', 'x.go'),
      'modCache',
    );
    resolver.invalidate();
    assertResolved(await resolver.resolve('/usr/local/go/src/net/http/server.go'), path.join(goRoot, 'src', 'net', 'http', 'server.go'), 'goroot');
    assert.equal(calls, 1);
  });

  it('settings win over go env, and a failing go env means absent', async () => {
    let calls = 0;
    const failing = async (): Promise<GoEnv> => {
      calls++;
      throw new Error('go: not found');
    };
    const { resolver } = make({ goModCache: undefined, goRoot: undefined }, { goEnv: failing });
    assertUnresolved(await resolver.resolve('runtime/proc.go'));
    assert.equal(calls, 1);
    const configured = make({}, { goEnv: failing });
    assertResolved(await configured.resolver.resolve('runtime/proc.go'), path.join(goRoot, 'src', 'runtime', 'proc.go'), 'goroot');
    assert.equal(calls, 1, 'both roots configured: go env is not asked');
  });

  it('nodeGoEnv reports the installed Go, or nothing', async () => {
    const env = await nodeGoEnv(10_000);
    for (const dir of [env.GOROOT, env.GOMODCACHE]) {
      if (dir !== undefined) assert.ok(path.isAbsolute(dir), dir);
    }
  });
});

describe('caching, batching and the reverse lookup', () => {
  it('caches per name until invalidate, which also applies new settings', async () => {
    const { resolver, fs } = make();
    await resolver.resolve(leakyRemote);
    const afterFirst = fs.calls.length;
    assertResolved(await resolver.resolve(leakyRemote), path.join(ws, 'main.go'), 'goModule');
    assert.equal(fs.calls.length, afterFirst, 'a cached answer costs no file-system call');
    resolver.updateConfig(config({ pathMappings: [{ from: '/vagrant_data/go/src/github.com/example/leaky', to: path.join(ws, 'alt') }] }));
    assertResolved(await resolver.resolve(leakyRemote), path.join(ws, 'alt', 'main.go'), 'mapping');
    assert.ok(fs.calls.length > afterFirst);
  });

  it('resolveAll dedupes, keeps order and bounds concurrency', async () => {
    const fs = new SpyFs(2);
    const { resolver } = make({}, { concurrency: 2 }, fs);
    await resolver.resolve('/nowhere/warm-up.go'); // builds the roots and the workspace index
    fs.maxInFlight = 0;
    const names = Array.from({ length: 12 }, (_, i) => `/remote/n${i}/util${i}.go`);
    const results = await resolver.resolveAll([leakyRemote, ...names, leakyRemote, './main.go']);
    assert.deepEqual([...results.keys()], [leakyRemote, ...names, './main.go']);
    assert.ok(fs.maxInFlight <= 2, `at most 2 lookups at once, saw ${fs.maxInFlight}`);
    assertResolved(results.get('./main.go') as Resolution, path.join(ws, 'main.go'), 'bazel');
  });

  it('profileNamesFor lists every profile name that resolved to a local file', async () => {
    const { resolver } = make();
    await resolver.resolveAll([leakyRemote, './main.go', 'github.com/example/leaky/main.go', 'runtime/proc.go', '/remote/x/util.go']);
    assert.deepEqual(resolver.profileNamesFor(path.join(ws, 'main.go')).sort(), ['./main.go', 'github.com/example/leaky/main.go', leakyRemote].sort());
    assert.deepEqual(resolver.profileNamesFor(path.join(ws, 'a', '..', 'main.go')).length, 3);
    assert.deepEqual(resolver.profileNamesFor(path.join(ws, 'a', 'util.go')), []);
    resolver.invalidate();
    assert.deepEqual(resolver.profileNamesFor(path.join(ws, 'main.go')), []);
  });
});

describe('suggestMapping', () => {
  it('maps the differing prefixes and keeps the project directory', () => {
    const { resolver } = make();
    assert.deepEqual(resolver.suggestMapping(leakyRemote, '/home/me/leaky/main.go'), {
      from: '/vagrant_data/go/src/github.com/example/leaky',
      to: '/home/me/leaky',
    });
    assert.deepEqual(resolver.suggestMapping('/build/go/src/github.com/x/y/pkg/a.go', '/home/me/go/src/github.com/x/y/pkg/a.go'), {
      from: '/build/go',
      to: '/home/me/go',
    });
    // Only the file name in common: map the directories.
    assert.deepEqual(resolver.suggestMapping('/build/one/main.go', '/home/me/two/main.go'), { from: '/build/one', to: '/home/me/two' });
    // Nothing in common: map the file itself. A bare name never becomes a catch-all "" or "/".
    assert.deepEqual(resolver.suggestMapping('/build/old.go', '/home/me/new.go'), { from: '/build/old.go', to: '/home/me/new.go' });
    assert.deepEqual(resolver.suggestMapping('/main.go', '/home/me/main.go'), { from: '/main.go', to: '/home/me/main.go' });
    assert.deepEqual(resolver.suggestMapping('main.go', '/home/me/main.go'), { from: 'main.go', to: '/home/me/main.go' });
    assert.deepEqual(resolver.suggestMapping('C:\\build\\leaky\\main.go', '/home/me/leaky/main.go'), { from: 'C:\\build\\leaky', to: '/home/me/leaky' });
  });

  it('produces a mapping that resolves the profile name to the chosen file', async () => {
    const { resolver } = make();
    const chosen = path.join(ws, 'alt', 'main.go');
    for (const name of [leakyRemote, '/x/y/z/old_name.go', 'C:\\Users\\ci\\src\\alt\\main.go']) {
      const mapping = resolver.suggestMapping(name, chosen);
      resolver.updateConfig(config({ pathMappings: [mapping] }));
      assertResolved(await resolver.resolve(name), chosen, 'mapping');
    }
  });
});

describe('go.mod and module path helpers', () => {
  it('parseModulePath reads the module directive', () => {
    assert.equal(parseModulePath('// comment\nmodule github.com/example/leaky\n\ngo 1.19\n'), 'github.com/example/leaky');
    assert.equal(parseModulePath('module "example.com/quoted" // why\n'), 'example.com/quoted');
    assert.equal(parseModulePath('module `example.com/raw`\r\n'), 'example.com/raw');
    assert.equal(parseModulePath('go 1.21\n'), undefined);
  });

  it('escapeModulePath and unescapeModulePath follow the module cache encoding', () => {
    assert.equal(escapeModulePath('github.com/BurntSushi/toml@v1.0.0-RC1'), 'github.com/!burnt!sushi/toml@v1.0.0-!r!c1');
    assert.equal(escapeModulePath('github.com/!foo!bar/baz'), 'github.com/!foo!bar/baz');
    assert.equal(unescapeModulePath('github.com/!foo!bar/baz'), 'github.com/FooBar/baz');
  });
});

describe('inferenceReport: what the Output channel says about learned build roots', () => {
  it('one line per build root (evidence and placed names, three at most), one per name a build root left open', () => {
    const files = new Map<string, Resolution>([
      ['/app/main.go', { path: '/ws/main.go', via: 'inferred', inferred: { from: '/app', to: '/ws' } }],
      ['/app/config.go', { path: undefined, reason: "its only namesake is /ws/tools/config.go, but the profile's build root /app is /ws here (learned from /app/a.go), which has no such file: map the path if it is that one", candidates: ['/ws/tools/config.go'] }],
      ['/other/x.go', { path: undefined, reason: 'no file named x.go in the workspace' }],
    ]);
    const inferred = [
      { from: '/app', to: '/ws', evidence: ['/app/a.go'], resolved: ['/app/main.go'] },
      { from: '/srv', to: '/ws/srv', evidence: ['/srv/1.go', '/srv/2.go', '/srv/3.go', '/srv/4.go', '/srv/5.go'], resolved: ['/srv/m.go', '/srv/n.go', '/srv/o.go'] },
    ];
    assert.deepEqual(inferenceReport('heap.pprof', inferred, files), [
      'heap.pprof: build root /app → /ws, learned from 1 file found unambiguously (/app/a.go); it places /app/main.go',
      'heap.pprof: build root /srv → /ws/srv, learned from 5 files found unambiguously (/srv/1.go, /srv/2.go, /srv/3.go, and 2 more); it places /srv/m.go, /srv/n.go, /srv/o.go',
      "heap.pprof: /app/config.go not placed: its only namesake is /ws/tools/config.go, but the profile's build root /app is /ws here (learned from /app/a.go), which has no such file: map the path if it is that one",
    ]);
    assert.deepEqual(inferenceReport('cpu.pprof', [], new Map()), []);
  });
});

describe('the Go rules and the suffix rule, name by name', () => {
  let root: string;
  let dupWs: string;
  before(() => {
    root = tempDir('pprof-lens-rules-');
    dupWs = path.join(root, 'dup');
    for (const d of ['a', 'b', 'c', 'd']) write(path.join(dupWs, d, 'dup.go'));
    write(path.join(dupWs, '.git', 'objects', 'gitonly.go'));
    write(path.join(goRoot, 'src', 'single.go')); // no standard-library package is a lone file
    write(path.join(dupWs, 'x', 'pkg', 'two.go'));
    write(path.join(dupWs, 'y', 'pkg', 'two.go'));
    write(path.join(dupWs, 'z', 'two.go'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('GOROOT: "GOROOT/src/…" and "$GOROOT/src/…", a relative "src/…", the innermost src; nothing without src or without a GOROOT', async () => {
    const { resolver, fs } = make();
    const proc = path.join(goRoot, 'src', 'runtime', 'proc.go');
    assertResolved(await resolver.resolve('GOROOT/src/runtime/proc.go'), proc, 'goroot');
    assertResolved(await resolver.resolve('src/runtime/proc.go'), proc, 'goroot');
    // A GOPATH's src outside GOROOT's: the innermost one is GOROOT's.
    assertResolved(await resolver.resolve('/home/dev/src/go/src/runtime/proc.go'), proc, 'goroot');
    assertUnresolved(await resolver.resolve('$GOROOT/runtime/proc.go'), /^no file in the workspace matches "\$GOROOT\/runtime\/proc\.go"$/);
    // Without a "src" component an absolute name is no GOROOT path, even when its tail is one.
    assertUnresolved(await resolver.resolve('/x/y/runtime/proc.go'), /^no file in the workspace matches /);
    // A lone file under src is not a standard-library path (import paths have a package folder).
    assertUnresolved(await resolver.resolve('/usr/local/go/src/single.go'), /^no file in the workspace matches /);
    // A module path (a dot in its first element) is not the standard library.
    assertUnresolved(await resolver.resolve('/go/src/example.com/runtime/proc.go'));
    assertConfined(fs);
    const none = make({ goRoot: undefined, goModCache: undefined }, { goEnv: async () => ({}) });
    assertUnresolved(await none.resolver.resolve('runtime/proc.go'), /^no file in the workspace matches "runtime\/proc\.go"$/);
    assert.deepEqual(none.fs.calls.filter((c) => c.path.startsWith(goRoot)), []);
  });

  it('vendor: a vendor/ path from another machine, and a module cache path, land in the workspace vendor folder', async () => {
    const { resolver } = make();
    const decode = path.join(ws, 'shop', 'vendor', 'github.com', 'BurntSushi', 'toml', 'decode.go');
    assertResolved(await resolver.resolve('/build/shop/vendor/github.com/BurntSushi/toml/decode.go'), decode, 'vendor');
    assertResolved(await resolver.resolve('/root/go/pkg/mod/github.com/!burnt!sushi/toml@v1.2.0/decode.go'), decode, 'vendor');
    // "vendor" as the last component names no file under it.
    assertUnresolved(await resolver.resolve('/build/vendor'));
  });

  it('suffix ties: the count, three of the files and "…", the shared tail; the longest tail wins', async () => {
    const { resolver } = make({ workspaceFolders: [dupWs], sourceRoots: [] });
    const r = await resolver.resolve('/remote/q/dup.go');
    const files = ['a', 'b', 'c', 'd'].map((d) => path.join(dupWs, d, 'dup.go'));
    assert.ok(r.path === undefined);
    assert.deepEqual([...r.candidates!].sort(), files);
    assert.match(r.reason, new RegExp(`^4 workspace files end with "dup\\.go" \\(([^,]+, ){2}[^,]+, …\\): map the path to choose$`));
    const two = await resolver.resolve('/remote/pkg/two.go');
    assert.ok(two.path === undefined);
    assert.deepEqual([...two.candidates!].sort(), [path.join(dupWs, 'x', 'pkg', 'two.go'), path.join(dupWs, 'y', 'pkg', 'two.go')]);
    assert.match(two.reason, /^2 workspace files end with "pkg\/two\.go" \([^)]*\): map the path to choose$/);
    assertResolved(await resolver.resolve('/remote/x/pkg/two.go'), path.join(dupWs, 'x', 'pkg', 'two.go'), 'suffix');
    assertUnresolved(await resolver.resolve('/remote/none.go'), /^no file in the workspace matches "\/remote\/none\.go"$/);
    // Files under .git are not in the index.
    assertUnresolved(await resolver.resolve('/remote/objects/gitonly.go'), /^no file in the workspace matches /);
  });
});

describe('names, settings and go.mod text that are not what they seem', () => {
  it('ignores path mappings that are not two non-empty strings', async () => {
    const bad = [null, { from: '', to: ws }, { from: '/remote', to: '' }, { from: 3, to: ws }, { from: '/remote', to: 7 }] as unknown as SourceResolverConfig['pathMappings'];
    const { resolver } = make({ pathMappings: bad });
    // Were "" → ws kept, /main.go would map onto ws/main.go; it is the three-way main.go tie instead.
    assertUnresolved(await resolver.resolve('/main.go'), /^3 workspace files end with "main\.go" /);
    assertUnresolved(await resolver.resolve('/remote/main.go'), /^3 workspace files end with "main\.go" /);
  });

  it('only a whole "<…>" name or a blank one is generated code', async () => {
    const { resolver } = make();
    assertUnresolved(await resolver.resolve('   '), /^"   " is not a source file$/);
    assertUnresolved(await resolver.resolve('<x>.go'), /^no file in the workspace matches "<x>\.go"$/);
    assertUnresolved(await resolver.resolve('x<y>'), /^no file in the workspace matches "x<y>"$/);
  });

  it('a workspace module with a version, at a component boundary only', async () => {
    const { resolver } = make();
    assertResolved(await resolver.resolve('github.com/example/leaky@v1.0.0/main.go'), path.join(ws, 'main.go'), 'goModule');
    assertUnresolved(await resolver.resolve('github.com/example/leaky@latest/main.go'), /^3 workspace files end with "main\.go" /);
    assertUnresolved(await resolver.resolve('/go/src/xgithub.com/example/leaky/main.go'), /^3 workspace files end with "main\.go" /);
    assertResolved(await resolver.resolve('/go/src/github.com/example/leaky/main.go'), path.join(ws, 'main.go'), 'goModule');
  });

  it('parseModulePath: the directive at the start of a line, whitespace, comments', () => {
    assert.equal(parseModulePath('  module spaced  \n'), 'spaced');
    assert.equal(parseModulePath('xmodule wrong\nmodule right\n'), 'right');
    assert.equal(parseModulePath('module\t\ttabs // and a comment\n'), 'tabs');
    assert.equal(parseModulePath('module two words\n'), undefined);
    assert.equal(parseModulePath('// module commented\n'), undefined);
  });
});
