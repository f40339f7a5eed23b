// Open Example…'s copy (src/extension/example.ts) on the real file system: the shipped example
// lands whole in a new folder, a taken name gets the next number, and nothing is overwritten.
import '../support/vscodeStub';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { copyExample, freeExampleFolder } from '../../src/extension/example';

const EXAMPLE = path.resolve(__dirname, '..', '..', 'examples', 'leaky-service');

/** Every file under `dir`, relative, sorted. */
function files(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((d) => d.isFile())
    .map((d) => path.relative(dir, path.join(d.parentPath ?? d.path, d.name)))
    .sort();
}

describe('Open Example… copy', () => {
  const dirs: string[] = [];
  const tmp = () => {
    const d = mkdtempSync(path.join(tmpdir(), 'pprof-lens-example-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('copies the whole example, byte for byte, into parent/leaky-service', async () => {
    const parent = tmp();
    const target = await copyExample(EXAMPLE, parent);
    assert.equal(target, path.join(parent, 'leaky-service'));
    const want = files(EXAMPLE);
    assert.ok(want.includes('main.go') && want.includes(path.join('profiles', 'heap.3.pb.gz')), want.join(', '));
    assert.deepEqual(files(target), want);
    for (const f of want) assert.ok(readFileSync(path.join(target, f)).equals(readFileSync(path.join(EXAMPLE, f))), f);
  });

  it('takes leaky-service-2, -3… when the name is taken, and leaves what is there alone', async () => {
    const parent = tmp();
    mkdirSync(path.join(parent, 'leaky-service'));
    writeFileSync(path.join(parent, 'leaky-service', 'main.go'), 'mine');
    writeFileSync(path.join(parent, 'leaky-service-2'), 'a file, not a folder');
    assert.equal(await freeExampleFolder(parent), path.join(parent, 'leaky-service-3'));
    assert.equal(await copyExample(EXAMPLE, parent), path.join(parent, 'leaky-service-3'));
    assert.equal(readFileSync(path.join(parent, 'leaky-service', 'main.go'), 'utf8'), 'mine');
    assert.equal(readFileSync(path.join(parent, 'leaky-service-2'), 'utf8'), 'a file, not a folder');
    assert.deepEqual(files(path.join(parent, 'leaky-service-3')), files(EXAMPLE));
  });

  it('fails with the reason when the parent does not exist or the example is missing', async () => {
    const parent = tmp();
    await assert.rejects(copyExample(EXAMPLE, path.join(parent, 'nope')), /ENOENT/);
    await assert.rejects(copyExample(parent, parent), /the example is missing from the extension/);
  });
});
