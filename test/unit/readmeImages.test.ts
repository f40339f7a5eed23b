// The README's screenshots (docs/screenshots/, made by `npm run screenshots` from the e2e suite):
// every relative image it shows exists, and none ships in the .vsix (.vscodeignore ships only
// what it lists).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';

const root = path.resolve(__dirname, '..', '..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const images = [...readme.matchAll(/!\[([^\]]*)\]\(([^)\s]+)\)/g)].map((m) => ({ alt: m[1], src: m[2] }));

describe('README images', () => {
  it('shows the screenshots of the demo, each with a description', () => {
    assert.deepEqual(images.map((i) => i.src), ['docs/screenshots/annotations.png', 'docs/screenshots/top.png', 'docs/screenshots/leak-suspects.png']);
    for (const i of images) assert.ok(i.alt.length > 40, `${i.src}: alt text says what it shows`);
  });

  it('every relative image exists, and docs/ is not shipped', () => {
    for (const i of images.filter((x) => !/^\w+:/.test(x.src))) assert.ok(existsSync(path.join(root, i.src)), `${i.src} exists`);
    const ignore = readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n').map((l) => l.trim());
    assert.equal(ignore.find((l) => !l.startsWith('#') && l !== ''), '**', '.vscodeignore starts by excluding everything');
    assert.ok(!ignore.some((l) => l.startsWith('!docs')), 'docs/ is not re-included');
  });
});
