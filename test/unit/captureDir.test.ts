// Where captures go: a workspace setting stays inside the workspace (absolute paths, "..", and
// symlinks out are overruled with one line); the user's own setting may go anywhere. And every
// limit and path setting is ignored from an untrusted workspace (restrictedConfigurations).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { resolveCaptureDir } from '../../src/capture/captureDir';
import { repoRoot } from '../support/fixtures';

describe('resolveCaptureDir', () => {
  const top = mkdtempSync(path.join(tmpdir(), 'pprof-lens-capdir-'));
  after(() => rmSync(top, { recursive: true, force: true }));
  const ws = path.join(top, 'ws');
  const outside = path.join(top, 'elsewhere');
  mkdirSync(ws);
  mkdirSync(outside);
  symlinkSync(outside, path.join(ws, 'link-out'));
  const fallback = path.join(top, 'storage');
  const overruled = (value: string) =>
    `the workspace setting pprofLens.capture.directory ("${value}") points outside the workspace folder; captures go to ${path.join(ws, '.pprof')} (set it in your user settings to use another folder)`;

  it('a relative workspace value inside the workspace is used', () => {
    assert.deepEqual(resolveCaptureDir({ value: 'profiles/captures', fromUser: false }, ws, fallback), { dir: path.join(ws, 'profiles/captures') });
    assert.deepEqual(resolveCaptureDir({ value: '.pprof', fromUser: false }, ws, fallback), { dir: path.join(ws, '.pprof') });
  });

  for (const value of [outside, '../elsewhere', 'sub/../../elsewhere', 'link-out', 'link-out/deeper']) {
    it(`a workspace value "${value}" that leads outside is overruled`, () => {
      assert.deepEqual(resolveCaptureDir({ value, fromUser: false }, ws, fallback), { dir: path.join(ws, '.pprof'), overruled: overruled(value) });
    });
  }

  it('the user\'s own setting may point anywhere', () => {
    assert.deepEqual(resolveCaptureDir({ value: outside, fromUser: true }, ws, fallback), { dir: outside });
    assert.deepEqual(resolveCaptureDir({ value: 'link-out', fromUser: true }, ws, fallback), { dir: path.join(ws, 'link-out') });
  });

  it('without a workspace folder, captures go to the extension storage', () => {
    assert.deepEqual(resolveCaptureDir({ value: '.pprof', fromUser: true }, undefined, fallback), { dir: path.join(fallback, '.pprof') });
    assert.equal(resolveCaptureDir({ value: outside, fromUser: false }, undefined, fallback).dir, path.join(fallback, '.pprof'));
  });
});

describe('Restricted Mode', () => {
  it('every limit and path setting is a restricted configuration', () => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    const restricted = new Set<string>(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations);
    const settings = Object.keys(pkg.contributes.configuration.properties ?? {}).concat(
      ...(Array.isArray(pkg.contributes.configuration) ? pkg.contributes.configuration.map((c: { properties: object }) => Object.keys(c.properties)) : []),
    );
    const limitsAndPaths = settings.filter((k) => /MB$|Seconds$|Count$|[dD]irectory$|Roots$|Cache$|Root$|pathMappings$/.test(k));
    assert.ok(limitsAndPaths.length >= 12, limitsAndPaths.join(' '));
    assert.deepEqual(limitsAndPaths.filter((k) => !restricted.has(k)), []);
  });
});
