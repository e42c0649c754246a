#!/usr/bin/env node
// Runs the test tiers with node's test runner (tsx for TypeScript) and ends with "N passed, N failed".
//   node scripts/test.mjs            unit + api + e2e
//   node scripts/test.mjs unit|api|e2e [more tiers]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const TIERS = {
  unit: { dirs: ['packages/shared/src', 'packages/server/src', 'packages/web/src'], suffix: '.spec.ts' },
  api: { dirs: ['packages/server/src'], suffix: '.test.ts' },
  e2e: { dirs: ['e2e'], suffix: '.e2e.ts' },
};

function find(dir, suffix, out = []) {
  let entries = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    if (name === 'node_modules' || name === 'dist') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) find(path, suffix, out);
    else if (name.endsWith(suffix)) out.push(path);
  }
  return out;
}

const requested = process.argv.slice(2);
const tiers = requested.length > 0 ? requested : ['unit', 'api', 'e2e'];
let passed = 0;
let failed = 0;
for (const tier of tiers) {
  const spec = TIERS[tier];
  if (!spec) {
    console.error(`unknown test tier "${tier}" (use ${Object.keys(TIERS).join(', ')})`);
    process.exit(2);
  }
  const files = spec.dirs.flatMap((d) => find(join(root, d), spec.suffix)).sort();
  if (files.length === 0) continue;
  if (tier === 'e2e') {
    const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  const tap = join(mkdtempSync(join(tmpdir(), 'qy-test-')), 'report.tap');
  console.log(`\n▶ ${tier} tests (${files.length} files)${process.env.DATABASE_URL ? ' on PostgreSQL' : ' on PGlite'}`);
  const result = spawnSync(
    process.execPath,
    [
      '--import', 'tsx',
      '--test',
      `--test-concurrency=${tier === 'e2e' ? 1 : 2}`,
      '--test-reporter=spec', '--test-reporter-destination=stdout',
      '--test-reporter=tap', `--test-reporter-destination=${tap}`,
      ...files.map((f) => relative(root, f)),
    ],
    { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } },
  );
  const report = readFileSync(tap, 'utf8');
  const count = (label) => Number(report.match(new RegExp(`^# ${label} (\\d+)$`, 'm'))?.[1] ?? 0);
  passed += count('pass');
  failed += count('fail') + count('cancelled');
  if (result.status !== 0 && count('fail') + count('cancelled') === 0) failed += 1;
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
