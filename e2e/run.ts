// Runs the real-VS-Code tests: every `e2e/**/*.e2e.ts`, sequentially, one PASS/FAIL line per
// case, then exactly `N passed, N failed`. Exit code 1 on any failure.
//
//   node --import tsx e2e/run.ts [filter...]   (a case runs if its "file › name" contains a filter)
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CODE_SERVER_ENTRY, CODE_SERVER_VERSION, REPO_ROOT, codeServerInstalled, killAllCodeServers } from './lib/codeServer';
import { DEFAULT_CASE_TIMEOUT_MS, setCurrentCaseName, type E2eCase } from './lib/e2eCase';

const E2E_DIR = path.join(REPO_ROOT, 'e2e');

// The default SIGINT/SIGTERM action skips 'exit' handlers; exiting explicitly runs the one that
// kills code-server process groups (they live in their own sessions and get no Ctrl-C).
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

function findTestFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') out.push(...findTestFiles(full));
    else if (entry.isFile() && entry.name.endsWith('.e2e.ts')) out.push(full);
  }
  return out.sort();
}

// A .e2e.ts module may arrive as ESM or as CommonJS wrapped by the loader: look in both places.
function casesOf(file: string, mod: Record<string, unknown>): E2eCase[] {
  const inner = typeof mod.default === 'object' && mod.default !== null ? (mod.default as Record<string, unknown>) : {};
  const cases = mod.cases ?? inner.cases;
  if (Array.isArray(cases)) return cases as E2eCase[];
  const fn = typeof mod.default === 'function' ? mod.default : inner.default;
  if (typeof fn === 'function') return [{ name: path.basename(file, '.e2e.ts'), run: fn as () => Promise<void> }];
  throw new Error('exports neither `cases: E2eCase[]` nor a default async function');
}

async function runWithTimeout(testCase: E2eCase): Promise<void> {
  const timeoutMs = testCase.timeoutMs ?? DEFAULT_CASE_TIMEOUT_MS;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      // The case keeps running in the background: pull its servers away so it fails fast
      // instead of competing with the next case for two cores.
      killAllCodeServers();
      reject(new Error(`timed out after ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    await Promise.race([testCase.run(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function describe(err: unknown): string {
  const text = err instanceof Error ? (err.stack ?? err.message) : String(err);
  return text.split('\n').map((l) => `    ${l}`).join('\n');
}

let passed = 0;
let failed = 0;

async function main(): Promise<number> {
  const filters = process.argv.slice(2);
  if (!codeServerInstalled()) {
    console.log(`FAIL setup: code-server missing at ${path.relative(REPO_ROOT, CODE_SERVER_ENTRY)}; run: bash scripts/installCodeServer.sh`);
    console.log('0 passed, 1 failed');
    return 1;
  }
  console.log(`e2e: code-server ${CODE_SERVER_VERSION}, ${path.relative(REPO_ROOT, E2E_DIR)}/**/*.e2e.ts`);
  const files = findTestFiles(E2E_DIR);
  for (const file of files) {
    const rel = path.relative(E2E_DIR, file);
    let cases: E2eCase[];
    try {
      cases = casesOf(rel, (await import(pathToFileURL(file).href)) as Record<string, unknown>);
    } catch (err) {
      failed++;
      console.log(`FAIL ${rel} (load)\n${describe(err)}`);
      continue;
    }
    for (const testCase of cases) {
      const title = `${rel} › ${testCase.name}`;
      if (filters.length > 0 && !filters.some((f) => title.includes(f))) continue;
      const start = Date.now();
      setCurrentCaseName(`${path.basename(rel, '.e2e.ts')}-${testCase.name}`);
      try {
        await runWithTimeout(testCase);
        passed++;
        console.log(`PASS ${title} (${((Date.now() - start) / 1000).toFixed(1)} s)`);
      } catch (err) {
        failed++;
        console.log(`FAIL ${title} (${((Date.now() - start) / 1000).toFixed(1)} s)\n${describe(err)}`);
      } finally {
        setCurrentCaseName(undefined);
      }
    }
  }
  if (passed + failed === 0) {
    console.log(`FAIL setup: no case matched${filters.length > 0 ? ` ${JSON.stringify(filters)}` : ''}`);
    failed++;
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.log(`FAIL runner\n${describe(err)}`);
    console.log(`${passed} passed, ${failed + 1} failed`);
    process.exit(1);
  },
);
