// Checks that `go tool pprof` accepts what randomProfile generates (a generator bug otherwise).
// Usage: node --import tsx test/support/checkRandomProfiles.ts [count=300] [firstSeed=1] [optionsJson]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { goAvailable, runGoPprof } from './goPprof';
import { randomProfile, type RandomProfileOptions, writeProfileFile } from './randomProfile';

const count = Number(process.argv[2] ?? 300);
const first = Number(process.argv[3] ?? 1);
const opts = JSON.parse(process.argv[4] ?? '{}') as RandomProfileOptions;
if (!goAvailable()) {
  console.error('go tool pprof is not available');
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), 'random-profiles-'));
let failures = 0;
try {
  for (let seed = first; seed < first + count; seed++) {
    const file = `seed${seed}.pb${seed % 2 ? '.gz' : ''}`;
    writeProfileFile(join(dir, file), randomProfile(seed, opts), seed % 2 === 1);
    for (const args of [['-top'], ['-traces']]) {
      const r = runGoPprof([...args, file], dir);
      const ok = r.status === 0 && r.stderr.trim() === '' && (args[0] !== '-top' || r.stdout.includes('Showing nodes accounting for'));
      if (!ok) {
        failures++;
        console.error(`seed ${seed} ${args.join(' ')}: status ${r.status}\n${r.stderr}${r.stdout.slice(0, 500)}`);
      }
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`${count} seeds from ${first}: ${failures} failures`);
process.exit(failures ? 1 : 0);
