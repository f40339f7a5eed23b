// Profiles built elsewhere, in a real VS Code: examples/shop-service is built with go and run here,
// its heap profile's paths are rewritten as a Docker image (/app), a Windows laptop
// (C:\Users\dev\shop) and a Mac (/Users/dev/code/shop) would have recorded them, and the checkout
// is a folder named "shop-service" with two main.go files. cache.go resolves by its unique name,
// so the profile reveals its build root: main.go (not cmd/loadgen/main.go) gets go tool pprof's
// numbers and Go to Hottest Line opens it; Save as Mapping writes a ${workspaceFolder} mapping;
// Turn Off brings the ambiguity back and Map Path… offers both main.go files.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { annotationOn, expectAnnotation, openProfile } from './editor.e2e';
import { pprofList } from './firstMinutes.e2e';
import { REPO_ROOT } from './lib/codeServer';
import type { E2eCase } from './lib/e2eCase';
import { activeEditor, cursorLine, runCommand, screenshot, waitForNotification, waitUntil, webviewFrame, withWorkbench } from './lib/workbench';

const VSIX = path.join(REPO_ROOT, 'pprof-lens.vsix');
const EXAMPLE = path.join(REPO_ROOT, 'examples', 'shop-service');
// No module downloads, no toolchain switch, no -trimpath from the user's GOFLAGS.
const GO_ENV = { ...process.env, GOFLAGS: '', GOPROXY: 'off', GOTOOLCHAIN: 'local', CGO_ENABLED: '0' };
/** main.go's hottest line: `order := make([]byte, 16<<10)`. */
const HOT_LINE = 48;

/** The build machines: the prefix each records for the service's folder, and its separator. */
const BUILDS = [
  { profile: 'docker.pprof', root: '/app', sep: '/' },
  { profile: 'windows.pprof', root: 'C:\\Users\\dev\\shop', sep: '\\' },
  { profile: 'mac.pprof', root: '/Users/dev/code/shop', sep: '/' },
] as const;

function varint(n: number): number[] {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
  return out;
}

/**
 * The profile with every string-table entry under `from/` moved under `to` (joined with `sep`):
 * the rest of profile.proto is copied byte for byte, so the numbers are the real run's.
 */
function rewritePaths(profile: Buffer, from: string, to: string, sep: string): Buffer {
  const out: number[] = [];
  let pos = 0;
  const readVarint = (): number => {
    let n = 0;
    let mul = 1;
    for (;;) {
      const b = profile[pos++];
      n += (b & 0x7f) * mul;
      if (b < 0x80) return n;
      mul *= 0x80;
    }
  };
  while (pos < profile.length) {
    const start = pos;
    const key = readVarint();
    const wire = key % 8;
    if (wire === 0) readVarint();
    else if (wire === 1) pos += 8;
    else if (wire === 5) pos += 4;
    else if (wire === 2) {
      const len = readVarint();
      const bodyStart = pos;
      pos += len;
      const text = profile.subarray(bodyStart, pos).toString('utf8');
      if (key >> 3 === 6 && text.startsWith(from + '/')) {
        const moved = Buffer.from(to + sep + text.slice(from.length + 1).split('/').join(sep), 'utf8');
        out.push(...profile.subarray(start, bodyStart - varint(len).length), ...varint(moved.length), ...moved);
        continue;
      }
    } else throw new Error(`unexpected wire type ${wire} at ${start}`);
    out.push(...profile.subarray(start, pos));
  }
  return Buffer.from(out);
}

/** Builds and runs the service in `<tmp>/build/shop`; returns the heap profile's bytes (inflated) and its path. */
function buildAndProfile(tmp: string): { bytes: Buffer; file: string; buildDir: string } {
  const buildDir = path.join(tmp, 'build', 'shop');
  cpSync(EXAMPLE, buildDir, { recursive: true });
  const r = spawnSync('go', ['build', '-o', 'shop', '.'], { cwd: buildDir, env: GO_ENV, encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, `go build failed: ${r.stderr}`);
  const file = path.join(tmp, 'heap.pprof');
  execFileSync(path.join(buildDir, 'shop'), ['-heap', file], { cwd: buildDir, timeout: 60_000 });
  return { bytes: gunzipSync(readFileSync(file)), file, buildDir };
}

/** The text of the "learned from this profile" group in the profile view, once it shows. */
async function inferredText(page: Page, want: string): Promise<string> {
  const group = webviewFrame(page).getByRole('group', { name: 'Build roots learned from this profile' });
  let seen = '';
  const ok = await waitUntil(async () => {
    seen = ((await group.textContent({ timeout: 1000 }).catch(() => '')) ?? '').replace(/\s+/g, ' ');
    return seen.includes(want);
  }, 60_000);
  assert.ok(ok, `profile view: expected "${want}", saw ${JSON.stringify(seen)}`);
  return seen;
}

/** Go to Hottest Line, from a profile view: the cursor must land on main.go's hot line, in the root main.go. */
async function goToHottestLine(page: Page): Promise<void> {
  await runCommand(page, 'pprof Lens: Go to Hottest Line');
  const landed = await waitUntil(async () => {
    // Monaco renders spaces as no-break spaces.
    const text = ((await activeEditor(page).locator('.view-lines').textContent({ timeout: 1000 }).catch(() => '')) ?? '').replace(/\u00a0/g, ' ');
    return text.includes('func takeOrder(c *cache.Cache') && (await cursorLine(page, 1000).catch(() => 0)) === HOT_LINE;
  }, 60_000);
  assert.ok(landed, `Go to Hottest Line did not open main.go at line ${HOT_LINE} (cursor on ${await cursorLine(page).catch(() => '?')})`);
}

export const cases: E2eCase[] = [
  {
    name: 'Docker, Windows and macOS builds in a folder named differently: main.go gets its numbers, Go to Hottest Line opens it',
    timeoutMs: 10 * 60_000,
    run: async () => {
      const tmp = mkdtempSync(path.join(tmpdir(), 'pprof-lens-foreign-'));
      try {
        const { bytes, file, buildDir } = buildAndProfile(tmp);
        const want = pprofList(file, 'takeOrder', HOT_LINE);
        // The checkout: another folder name than any build machine's, two main.go files.
        const folder = path.join(tmp, 'shop-service');
        mkdirSync(folder);
        cpSync(EXAMPLE, folder, { recursive: true });
        for (const b of BUILDS) {
          const moved = rewritePaths(bytes, buildDir, b.root, b.sep);
          assert.ok(moved.includes(Buffer.from(`${b.root}${b.sep}main.go`)), `${b.profile} lacks ${b.root}${b.sep}main.go`);
          assert.ok(!moved.includes(Buffer.from(buildDir)), `${b.profile} still names ${buildDir}`);
          writeFileSync(path.join(folder, b.profile), moved);
        }
        await withWorkbench({ folder, installExtensions: [VSIX], settings: { 'editor.lineNumbers': 'on' }, viewport: { width: 1400, height: 900 } }, async ({ page }) => {
          for (const [i, b] of BUILDS.entries()) {
            // 1. The profile view says what it learned: the build root is this folder.
            await openProfile(page, b.profile, 'main.takeOrder');
            await inferredText(page, `${b.root} → shop-service: places main.go (learned from 1 file found unambiguously)`);
            await screenshot(page, `foreign-${i + 1}-${b.profile}-view`);
            // 2. Go to Hottest Line opens the root main.go at the make line, with -list's numbers.
            await goToHottestLine(page);
            await expectAnnotation(page, HOT_LINE, want);
            await screenshot(page, `foreign-${i + 1}-${b.profile}-main.go`);
            await runCommand(page, 'View: Close All Editors');
          }

          // 3. Save as Mapping (the Mac build): a portable mapping, and main.go keeps its numbers through it.
          const mac = BUILDS[2];
          await openProfile(page, mac.profile, 'main.takeOrder');
          await inferredText(page, `${mac.root} → shop-service`);
          await webviewFrame(page).getByRole('button', { name: 'Save as Mapping' }).click();
          await waitForNotification(page, /saved \/Users\/dev\/code\/shop → \$\{workspaceFolder\}/, 30_000);
          const settings = JSON.parse(readFileSync(path.join(folder, '.vscode', 'settings.json'), 'utf8')) as Record<string, unknown>;
          assert.deepEqual(settings['pprofLens.pathMappings'], [{ from: '/Users/dev/code/shop', to: '${workspaceFolder}' }]);
          // The mapping now places main.go itself: nothing is left to infer.
          const gone = await waitUntil(async () => (await webviewFrame(page).getByRole('group', { name: 'Build roots learned from this profile' }).count()) === 0, 30_000);
          assert.ok(gone, 'the inferred build root is still listed after saving it as a mapping');
          await goToHottestLine(page);
          await expectAnnotation(page, HOT_LINE, want);
          assert.equal(await annotationOn(page, HOT_LINE), want);
          await screenshot(page, 'foreign-4-saved-mapping');
          await runCommand(page, 'View: Close All Editors');

          // 4. Turn Off (the Docker build): without the learned root main.go is ambiguous again, and
          // Map Path… offers both main.go files first.
          const docker = BUILDS[0];
          await openProfile(page, docker.profile, 'main.takeOrder');
          await inferredText(page, `${docker.root} → shop-service`);
          await webviewFrame(page).getByRole('button', { name: 'Turn Off' }).click();
          await waitForNotification(page, /inferring build roots is off/, 30_000);
          const after = JSON.parse(readFileSync(path.join(folder, '.vscode', 'settings.json'), 'utf8')) as Record<string, unknown>;
          assert.equal(after['pprofLens.inferPathMappings'], false);
          const mapMain = webviewFrame(page).getByRole('button', { name: 'Map /app/main.go onto a workspace file' });
          await mapMain.waitFor({ state: 'visible', timeout: 30_000 });
          await screenshot(page, 'foreign-5-inference-off');
          await mapMain.click();
          const tied = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'matches the profile equally well' });
          const both = await waitUntil(async () => (await tied.count()) === 2, 30_000);
          assert.ok(both, `Map Path… should offer both main.go files first, offered ${await tied.count()}`);
          assert.match((await tied.nth(0).textContent()) ?? '', /main\.go/);
          assert.match((await tied.nth(1).textContent()) ?? '', /cmd\/loadgen\/main\.go/);
          await screenshot(page, 'foreign-6-map-path-offers-both');
          await page.keyboard.press('Escape');
        });
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
    },
  },
];
