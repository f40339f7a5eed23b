// SourceResolver on profiles built elsewhere (issue 16): a Docker WORKDIR, a Windows or macOS
// laptop, Bazel's execroot. Real folders on disk; every case has a WRONG candidate that exists
// (a second main.go, a second folder, a file outside), so order and folder boundaries show.
import assert from 'node:assert/strict';
import { mkdirSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { nodeResolverFs } from '../../src/extension/nodeResolverFs';
import {
  impliedMapping,
  portableMapping,
  SourceResolver,
  type Resolution,
  type ResolverFs,
  type SourceResolverConfig,
} from '../../src/extension/sourceResolver';
import { tempDir, write } from '../support/tempTree';

let tmp: string;
let shop: string; // workspace folder "shop-service": the build machine called it /app, C:\Users\dev\shop, …
let billing: string; // a second workspace folder, with its own main.go
let outside: string; // never to be touched
let bzl: string; // a Bazel workspace
let outputBase: string; // Bazel's output base for it (outside the workspace)

before(() => {
  tmp = tempDir('pprof-lens-foreign-');
  shop = path.join(tmp, 'shop-service');
  billing = path.join(tmp, 'billing');
  outside = path.join(tmp, 'outside');
  write(path.join(shop, 'go.mod'), 'module example.com/shop\n\ngo 1.22\n');
  write(path.join(shop, 'main.go'));
  write(path.join(shop, 'cmd', 'loadgen', 'main.go'));
  write(path.join(shop, 'internal', 'cache', 'cache.go'));
  write(path.join(shop, 'tools', 'config.go')); // the only config.go, not where the build had it
  write(path.join(billing, 'main.go'));
  write(path.join(billing, 'ledger', 'ledger.go'));
  write(path.join(outside, 'main.go'), 'secret\n');
  write(path.join(outside, 'secret.go'), 'secret\n');
  write(path.join(outside, 'bazel-out', 'k8-fastbuild', 'bin', 'proto', 'api.pb.go'), 'secret\n');
  symlinkSync(outside, path.join(shop, 'escape'), 'dir');

  // Bazel: the workspace "bzl" with its convenience links into the output base, as `bazel build` leaves them.
  bzl = path.join(tmp, 'bzl');
  outputBase = path.join(tmp, 'bazelcache', '_bazel_dev', '3f2a');
  const execroot = path.join(outputBase, 'execroot', '_main');
  write(path.join(bzl, 'MODULE.bazel'), 'module(name = "bzl")\n');
  write(path.join(bzl, 'cmd', 'server', 'main.go'));
  write(path.join(execroot, 'bazel-out', 'k8-fastbuild', 'bin', 'proto', 'api.pb.go'));
  write(path.join(outputBase, 'external', 'gazelle++go_deps+com_github_x_y', 'y.go'));
  symlinkSync(path.join(execroot, 'bazel-out'), path.join(bzl, 'bazel-out'), 'dir');
  symlinkSync(path.join(execroot, 'bazel-out', 'k8-fastbuild', 'bin'), path.join(bzl, 'bazel-bin'), 'dir');
  symlinkSync(execroot, path.join(bzl, 'bazel-bzl'), 'dir');
  // Links Bazel did not make: a foreign name, a Bazel name pointing outside any execroot.
  symlinkSync(path.join(execroot, 'bazel-out'), path.join(bzl, 'planted'), 'dir');
  symlinkSync(outside, path.join(bzl, 'bazel-testlogs'), 'dir');
  symlinkSync(outside, path.join(bzl, 'bazel-evil'), 'dir');
});

after(() => {
  rmSync(tmp, { recursive: true, force: true });
});

/** node:fs with a record of the paths whose contents or existence were asked. */
class SpyFs implements ResolverFs {
  readonly touched: string[] = [];
  exists(p: string) {
    this.touched.push(p);
    return nodeResolverFs.exists(p);
  }
  realpath(p: string) {
    return nodeResolverFs.realpath(p);
  }
  readFile(p: string) {
    this.touched.push(p);
    return nodeResolverFs.readFile(p);
  }
  listFiles(root: string, limit: number) {
    return nodeResolverFs.listFiles(root, limit);
  }
}

function make(over: Partial<SourceResolverConfig> = {}, fs: ResolverFs = new SpyFs()): SourceResolver {
  return new SourceResolver(fs, { workspaceFolders: [shop], pathMappings: [], sourceRoots: [], goModCache: path.join(tmp, 'none'), goRoot: path.join(tmp, 'none'), ...over }, { goEnv: async () => ({}) });
}

function pathOf(r: Resolution | undefined): string | undefined {
  return r?.path;
}

function assertNothingOutside(fs: SpyFs): void {
  for (const p of fs.touched) {
    const real = realpathSync(p);
    assert.ok(path.relative(outside, real).startsWith('..'), `${p} (${real}) is outside the workspace`);
  }
}

describe('inferred build roots', () => {
  it('a Docker WORKDIR /app: cache.go resolves uniquely, so /app/main.go is ./main.go, not cmd/loadgen/main.go', async () => {
    const resolver = make();
    // Alone, /app/main.go is a tie between the two main.go files: both are offered.
    const alone = await resolver.resolve('/app/main.go');
    assert.equal(alone.path, undefined);
    assert.deepEqual(alone.path === undefined ? alone.candidates : [], [path.join(shop, 'main.go'), path.join(shop, 'cmd', 'loadgen', 'main.go')]);

    const { files, inferred } = await resolver.resolveProfile(['/app/main.go', '/app/internal/cache/cache.go', '/usr/local/go/src/runtime/proc.go']);
    assert.deepEqual(files.get('/app/main.go'), { path: path.join(shop, 'main.go'), via: 'inferred', inferred: { from: '/app', to: shop } });
    assert.deepEqual(files.get('/app/internal/cache/cache.go'), { path: path.join(shop, 'internal', 'cache', 'cache.go'), via: 'suffix' });
    assert.equal(pathOf(files.get('/usr/local/go/src/runtime/proc.go')), undefined);
    assert.deepEqual(inferred, [{ from: '/app', to: shop, evidence: ['/app/internal/cache/cache.go'], resolved: ['/app/main.go'] }]);
    // The editor finds the profile name from the local file.
    assert.deepEqual(resolver.profileNamesFor(path.join(shop, 'main.go')), ['/app/main.go']);
    // Per profile: the cached single-name answer is still the honest tie.
    assert.equal((await resolver.resolve('/app/main.go')).path, undefined);
  });

  it('Windows (backslashes, forward slashes, other case) and macOS build roots', async () => {
    const cases: [string, string, string][] = [
      ['C:\\Users\\dev\\shop\\main.go', 'C:\\Users\\dev\\shop\\internal\\cache\\cache.go', 'C:\\Users\\dev\\shop'],
      ['C:/Users/dev/go/src/shop/main.go', 'c:/users/dev/go/src/shop/internal/cache/cache.go', 'c:/users/dev/go/src/shop'],
      ['/Users/dev/code/shop/main.go', '/Users/dev/code/shop/internal/cache/cache.go', '/Users/dev/code/shop'],
      ['/src/main.go', '/src/internal/cache/cache.go', '/src'],
    ];
    for (const [main, cache, from] of cases) {
      const { files, inferred } = await make().resolveProfile([main, cache]);
      assert.equal(pathOf(files.get(main)), path.join(shop, 'main.go'), main);
      assert.deepEqual(inferred.map((m) => [m.from, m.to]), [[from, shop]], main);
    }
  });

  it('stops at path-component boundaries and never leaves the folder through .. or a symlink', async () => {
    const fs = new SpyFs();
    const { files } = await make({}, fs).resolveProfile(['/app/internal/cache/cache.go', '/app2/main.go', '/app/escape/main.go', '/app/../outside/main.go']);
    assert.equal(pathOf(files.get('/app2/main.go')), undefined);
    assert.equal(pathOf(files.get('/app/escape/main.go')), undefined);
    assert.equal(pathOf(files.get('/app/../outside/main.go')), undefined);
    assertNothingOutside(fs);
  });

  it('learns several prefixes in a multi-root workspace, each onto its own folder', async () => {
    const { files, inferred } = await make({ workspaceFolders: [shop, billing] }).resolveProfile([
      '/app/main.go',
      '/app/internal/cache/cache.go',
      '/srv/bill/main.go',
      '/srv/bill/ledger/ledger.go',
    ]);
    assert.equal(pathOf(files.get('/app/main.go')), path.join(shop, 'main.go'));
    assert.equal(pathOf(files.get('/srv/bill/main.go')), path.join(billing, 'main.go'));
    assert.deepEqual(inferred.map((m) => [m.from, m.to]).sort(), [['/app', shop], ['/srv/bill', billing]]);
  });

  it('never guesses between equally supported roots; more agreeing files win', async () => {
    const folders = { workspaceFolders: [shop, billing] };
    // One file says /app is shop-service, one says it is billing: main.go exists in both.
    const tie = await make(folders).resolveProfile(['/app/main.go', '/app/internal/cache/cache.go', '/app/ledger/ledger.go']);
    const r = tie.files.get('/app/main.go');
    assert.ok(r && r.path === undefined);
    assert.deepEqual(r.candidates, [path.join(shop, 'main.go'), path.join(billing, 'main.go')]);
    assert.equal(r.reason, `the profile's build roots point at 2 files (${path.join(shop, 'main.go')}, ${path.join(billing, 'main.go')}; via /app → ${shop}, /app → ${billing}): map the path to choose`);
    assert.deepEqual(tie.inferred, []);
    // Two files for shop-service against one for billing.
    const won = await make(folders).resolveProfile(['/app/main.go', '/app/internal/cache/cache.go', '/app/cmd/loadgen/main.go', '/app/ledger/ledger.go']);
    assert.equal(pathOf(won.files.get('/app/main.go')), path.join(shop, 'main.go'));
  });

  it('tells the log what it learned and what it left tied', async () => {
    const lines: string[] = [];
    const resolver = new SourceResolver(new SpyFs(), { workspaceFolders: [shop, billing], pathMappings: [], sourceRoots: [], goModCache: path.join(tmp, 'none'), goRoot: path.join(tmp, 'none') }, { goEnv: async () => ({}), log: (l) => lines.push(l) });
    await resolver.resolveProfile(['/app/main.go', '/app/internal/cache/cache.go', '/srv/bill/main.go', '/srv/bill/ledger/ledger.go'], 'heap.pprof');
    assert.deepEqual(lines.sort(), [
      `heap.pprof: build root /app → ${shop}, learned from 1 file found unambiguously (/app/internal/cache/cache.go); it places /app/main.go`,
      `heap.pprof: build root /srv/bill → ${billing}, learned from 1 file found unambiguously (/srv/bill/ledger/ledger.go); it places /srv/bill/main.go`,
    ]);
    lines.length = 0;
    await resolver.resolveProfile(['/app/main.go', '/app/internal/cache/cache.go', '/app/ledger/ledger.go'], 'tie.pprof');
    assert.equal(lines.length, 1);
    assert.match(lines[0], /^tie\.pprof: \/app\/main\.go not placed: the profile's build roots point at 2 files/);
  });

  it('a match on the file name alone neither outvotes the build root nor keeps a file against it', async () => {
    const resolver = make();
    // Without the profile, the only config.go is taken (the suffix rule).
    assert.deepEqual(await resolver.resolve('/app/config.go'), { path: path.join(shop, 'tools', 'config.go'), via: 'suffix' });
    const { files, inferred } = await resolver.resolveProfile(['/app/main.go', '/app/internal/cache/cache.go', '/app/config.go']);
    // cache.go says /app is shop-service; config.go (file name only) said shop-service/tools and does not outvote it.
    assert.equal(pathOf(files.get('/app/main.go')), path.join(shop, 'main.go'));
    assert.deepEqual(inferred.map((m) => [m.from, m.to]), [['/app', shop]]);
    // shop-service/config.go does not exist: tools/config.go is offered, not annotated.
    const config = files.get('/app/config.go');
    assert.ok(config && config.path === undefined);
    assert.deepEqual(config.candidates, [path.join(shop, 'tools', 'config.go')]);
    assert.equal(config.reason, `its only namesake is ${path.join(shop, 'tools', 'config.go')}, but the profile's build root /app is ${shop} here (learned from /app/internal/cache/cache.go), which has no such file: map the path if it is that one`);
    assert.deepEqual(resolver.profileNamesFor(path.join(shop, 'tools', 'config.go')), []);
    // Alone, a file-name match is all the profile says: a flat /app layout still teaches /app.
    const flat = await make().resolveProfile(['/app/config.go', '/app/internal/cache/nothing.go']);
    assert.equal(pathOf(flat.files.get('/app/config.go')), path.join(shop, 'tools', 'config.go'));
  });

  it('is off with inferPathMappings: false', async () => {
    const { files, inferred } = await make({ inferPathMappings: false }).resolveProfile(['/app/main.go', '/app/internal/cache/cache.go']);
    assert.equal(pathOf(files.get('/app/main.go')), undefined);
    assert.deepEqual(inferred, []);
  });

  it('impliedMapping keeps the shared tail inside the folder that holds the file', () => {
    assert.deepEqual(impliedMapping('/home/dev/shop-service/internal/cache/cache.go', path.join(shop, 'internal', 'cache', 'cache.go'), [shop]), { from: '/home/dev/shop-service', to: shop });
    assert.deepEqual(impliedMapping('/app/x/cache.go', path.join(shop, 'internal', 'cache', 'cache.go'), [shop]), { from: '/app/x', to: path.join(shop, 'internal', 'cache') });
    assert.equal(impliedMapping('/cache.go', path.join(shop, 'internal', 'cache', 'cache.go'), [shop]), undefined);
    assert.equal(impliedMapping('C:\\cache.go', path.join(shop, 'internal', 'cache', 'cache.go'), [shop]), undefined);
    assert.equal(impliedMapping('internal/cache/cache.go', path.join(shop, 'internal', 'cache', 'cache.go'), [shop]), undefined);
    assert.equal(impliedMapping('/app/main.go', path.join(outside, 'main.go'), [shop]), undefined);
  });
});

describe('Windows paths in mappings', () => {
  it('a Windows from matches without case and with either slash; a Windows-style to works here', async () => {
    const resolver = make({
      pathMappings: [
        { from: 'c:\\users\\dev\\shop', to: '${workspaceFolder}' },
        { from: 'D:/build/loadgen', to: '${workspaceFolder}\\cmd\\loadgen' },
      ],
    });
    assert.deepEqual(await resolver.resolve('C:/Users/dev/shop/main.go'), { path: path.join(shop, 'main.go'), via: 'mapping' });
    assert.deepEqual(await resolver.resolve('D:\\build\\loadgen\\main.go'), { path: path.join(shop, 'cmd', 'loadgen', 'main.go'), via: 'mapping' });
    // A boundary: C:\Users\dev\shopping is not under C:\Users\dev\shop.
    assert.equal((await resolver.resolve('C:\\Users\\dev\\shopping\\main.go')).path, undefined);
  });

  it('suggestMapping maps a Windows build folder, and never a bare drive', () => {
    const resolver = make();
    assert.deepEqual(resolver.suggestMapping('C:\\Users\\dev\\shop\\main.go', path.join(shop, 'main.go')), { from: 'C:\\Users\\dev\\shop', to: shop });
    assert.deepEqual(resolver.suggestMapping('C:\\main.go', path.join(shop, 'main.go')), { from: 'C:\\main.go', to: path.join(shop, 'main.go') });
  });
});

describe('portable mappings', () => {
  it('use ${workspaceFolder} in a single-folder workspace and resolve back to the chosen file', async () => {
    const resolver = make();
    const m = portableMapping(resolver.suggestMapping('/app/main.go', path.join(shop, 'main.go')), [{ name: 'shop-service', path: shop }]);
    assert.deepEqual(m, { from: '/app', to: '${workspaceFolder}' });
    const deeper = portableMapping({ from: '/build/lg', to: path.join(shop, 'cmd', 'loadgen') }, [{ name: 'shop-service', path: shop }]);
    assert.deepEqual(deeper, { from: '/build/lg', to: '${workspaceFolder}/cmd/loadgen' });
    const after = make({ pathMappings: [m, deeper] });
    assert.equal((await after.resolve('/app/main.go')).path, path.join(shop, 'main.go'));
    assert.equal((await after.resolve('/build/lg/main.go')).path, path.join(shop, 'cmd', 'loadgen', 'main.go'));
  });

  it('use ${workspaceFolder:name} in a multi-root workspace, by the folder name VS Code shows', async () => {
    const folders = [{ name: 'Shop', path: shop }, { name: 'billing', path: billing }];
    const m = portableMapping({ from: '/srv/app', to: billing }, folders);
    assert.deepEqual(m, { from: '/srv/app', to: '${workspaceFolder:billing}' });
    const s = portableMapping({ from: '/app', to: shop }, folders);
    assert.deepEqual(s, { from: '/app', to: '${workspaceFolder:Shop}' });
    const resolver = make({ workspaceFolders: [shop, billing], workspaceFolderNames: ['Shop', 'billing'], pathMappings: [m, s] });
    assert.equal((await resolver.resolve('/srv/app/main.go')).path, path.join(billing, 'main.go'));
    assert.equal((await resolver.resolve('/app/main.go')).path, path.join(shop, 'main.go'));
    // Outside every folder no variable expresses the target: it stays absolute.
    assert.deepEqual(portableMapping({ from: '/x', to: outside }, folders), { from: '/x', to: outside });
  });
});

describe('Bazel', () => {
  const pbGo = () => path.join(bzl, 'bazel-out', 'k8-fastbuild', 'bin', 'proto', 'api.pb.go');

  it('follows the convenience links for generated files, from every spelling Bazel records', async () => {
    const resolver = make({ workspaceFolders: [bzl] });
    for (const name of [
      'bazel-out/k8-fastbuild/bin/proto/api.pb.go',
      '/proc/self/cwd/bazel-out/k8-fastbuild/bin/proto/api.pb.go',
      '/home/dev/.cache/bazel/_bazel_dev/3f2a/sandbox/linux-sandbox/7/execroot/_main/bazel-out/k8-fastbuild/bin/proto/api.pb.go',
    ]) {
      assert.deepEqual(await resolver.resolve(name), { path: pbGo(), via: 'bazel' }, name);
    }
    assert.deepEqual(await resolver.resolve('bazel-bin/proto/api.pb.go'), { path: path.join(bzl, 'bazel-bin', 'proto', 'api.pb.go'), via: 'bazel' });
    assert.deepEqual(await resolver.resolve('/proc/self/cwd/cmd/server/main.go'), { path: path.join(bzl, 'cmd', 'server', 'main.go'), via: 'bazel' });
  });

  it('finds external/<repo>/… in the output base external folder', async () => {
    const resolver = make({ workspaceFolders: [bzl] });
    assert.deepEqual(await resolver.resolve('external/gazelle++go_deps+com_github_x_y/y.go'), {
      path: path.join(outputBase, 'external', 'gazelle++go_deps+com_github_x_y', 'y.go'),
      via: 'bazel',
    });
  });

  it('a mapping onto bazel-bin works; the same link is refused to every other rule', async () => {
    const mapped = make({ workspaceFolders: [bzl], pathMappings: [{ from: '/gen', to: '${workspaceFolder}/bazel-bin' }] });
    assert.equal((await mapped.resolve('/gen/proto/api.pb.go')).path, path.join(bzl, 'bazel-bin', 'proto', 'api.pb.go'));
    // A local absolute path through bazel-out is not Bazel's own spelling: refused as before.
    assert.equal((await make({ workspaceFolders: [bzl] }).resolve(pbGo())).path, undefined);
  });

  it('security: links Bazel did not make, or a workspace that is not Bazel, lead nowhere outside', async () => {
    const fs = new SpyFs();
    const resolver = make({ workspaceFolders: [bzl] }, fs);
    for (const name of [
      'bazel-testlogs/secret.go', // a Bazel name, but the target is no execroot
      'bazel-evil/secret.go', // not one of Bazel's link names
      '/proc/self/cwd/planted/k8-fastbuild/bin/proto/api.pb.go', // a link into the execroot Bazel did not make
      'external/../../../outside/secret.go',
      'bazel-out/../../../../outside/secret.go',
    ]) {
      const r = await resolver.resolve(name);
      assert.equal(r.path, undefined, `${name} resolved to ${r.path}`);
    }
    assertNothingOutside(fs);
    // Without MODULE.bazel/WORKSPACE the links are ordinary symlinks out of the workspace.
    const plain = path.join(tmp, 'plain');
    mkdirSync(plain, { recursive: true });
    symlinkSync(path.join(outputBase, 'execroot', '_main', 'bazel-out'), path.join(plain, 'bazel-out'), 'dir');
    assert.equal((await make({ workspaceFolders: [plain] }).resolve('bazel-out/k8-fastbuild/bin/proto/api.pb.go')).path, undefined);
  });
});
