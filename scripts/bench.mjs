#!/usr/bin/env node
// Runs every bench/*.bench.ts one after another (node --import tsx) and prints their output.
// Benchmarks print figures and ratios against a baseline measured in the same run; they assert no times.
//   npm run bench                         all benches on in-memory PGlite
//   npm run bench -- org audit            only the benches whose file name contains one of the words
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench    on PostgreSQL (127.0.0.1 only)
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const benchDir = join(root, 'bench');
// Each bench bounds its own phases (well under a minute); this is the backstop for a hung one.
const TIMEOUT_MS = 180_000;

const filters = process.argv.slice(2);
const files = readdirSync(benchDir)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => filters.length === 0 || filters.some((f) => name.includes(f)))
  .sort()
  .map((name) => join(benchDir, name));
if (files.length === 0) {
  console.error(`no bench/*.bench.ts matches ${filters.join(', ') || '(none found)'}`);
  process.exit(2);
}

const target = process.env.DATABASE_URL ? `PostgreSQL (${redact(process.env.DATABASE_URL)})` : 'in-memory PGlite';
console.log(`▶ ${files.length} benchmark${files.length === 1 ? '' : 's'} on ${target}`);

const failed = [];
for (const file of files) {
  const name = relative(root, file);
  console.log(`\n▶ ${name}`);
  const start = Date.now();
  const result = spawnSync(process.execPath, ['--import', 'tsx', file], {
    cwd: root,
    stdio: 'inherit',
    env: process.env, // DATABASE_URL and the rest pass through
    timeout: TIMEOUT_MS,
    killSignal: 'SIGKILL',
  });
  const seconds = ((Date.now() - start) / 1000).toFixed(1);
  if (result.error || result.status !== 0) {
    const why = result.error?.code === 'ETIMEDOUT' ? `killed after ${TIMEOUT_MS / 1000} s` : result.error?.message ?? `exit ${result.status ?? result.signal}`;
    console.log(`✗ ${name} failed (${why}, ${seconds} s)`);
    failed.push(name);
  } else {
    console.log(`✓ ${name} (${seconds} s)`);
  }
}

console.log(`\n${files.length - failed.length} benchmark(s) ran, ${failed.length} failed${failed.length ? `: ${failed.join(', ')}` : ''}`);
process.exit(failed.length > 0 ? 1 : 0);

function redact(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'unparsable URL';
  }
}
