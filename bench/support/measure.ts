// Shared helpers for bench/*.bench.ts: timing, percentiles, bounded loops and a compact table printer.
// Benchmarks print figures and ratios against a baseline measured in the same run; nothing here asserts a time.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import type { DatabaseHandle } from '../../packages/server/src/platform/db/database.ts';

/** Benchmarks only talk to this machine: refuse a DATABASE_URL that names another host. */
export function assertLocalDatabase(): void {
  const url = process.env.DATABASE_URL;
  if (!url) return;
  const host = new URL(url).hostname;
  if (!['127.0.0.1', 'localhost', '[::1]', '::1'].includes(host)) {
    throw new Error(`benchmarks only run against 127.0.0.1; DATABASE_URL names ${host}`);
  }
}

/** "PGlite 18.x (in memory)" or "PostgreSQL 15.x (127.0.0.1, throwaway database)". */
export async function describeDatabase(handle: DatabaseHandle): Promise<string> {
  const { rows } = await sql<{ v: string }>`select current_setting('server_version') as v`.execute(handle.db);
  const version = rows[0]?.v ?? '?';
  return handle.kind === 'pglite' ? `PGlite — PostgreSQL ${version} in WASM, in memory` : `PostgreSQL ${version} at 127.0.0.1, throwaway database`;
}

/**
 * Closes a freshDatabase() handle. On PostgreSQL the pool is ended first and given a moment: pg's Pool.end()
 * resolves before its sockets have closed, and the DROP DATABASE … WITH FORCE in close() would otherwise
 * terminate those backends and print "idle client error" warnings.
 */
export async function closeDatabase(handle: DatabaseHandle): Promise<void> {
  if (handle.kind === 'postgres') {
    await handle.db.destroy();
    await sleep(200);
  }
  await handle.close();
}

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  mean: number;
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? Number.NaN;
  const total = sorted.reduce((s, x) => s + x, 0);
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), mean: sorted.length ? total / sorted.length : Number.NaN };
}

/** Milliseconds with 3 significant-ish digits. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return '—';
  if (value < 1) return `${value.toFixed(3)} ms`;
  if (value < 100) return `${value.toFixed(2)} ms`;
  return `${value.toFixed(0)} ms`;
}

export function rate(perSecond: number, unit: string): string {
  if (!Number.isFinite(perSecond)) return '—';
  const digits = perSecond < 100 ? 1 : 0;
  return `${perSecond.toFixed(digits)} ${unit}/s`;
}

export function ratio(value: number, baseline: number): string {
  if (!Number.isFinite(value) || !Number.isFinite(baseline) || baseline === 0) return '—';
  const r = value / baseline;
  return `${r >= 100 ? r.toFixed(0) : r >= 10 ? r.toFixed(1) : r >= 0.01 ? r.toFixed(2) : r.toPrecision(2)}×`;
}

/** Wall time of one awaited call, in ms. */
export async function timed(op: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await op();
  return performance.now() - start;
}

export interface Throughput {
  done: number;
  elapsedMs: number;
  perSecond: number;
  /** True when the time budget ran out before `count` operations were done. */
  cut: boolean;
}

/**
 * Runs op(i) for i = 0..count-1 with `concurrency` workers claiming the next index, stopping early once
 * `budgetMs` has passed (work already started finishes). Reports operations completed per second.
 */
export async function throughput(
  count: number,
  concurrency: number,
  budgetMs: number,
  op: (index: number, worker: number) => Promise<unknown>,
): Promise<Throughput> {
  let next = 0;
  let done = 0;
  const start = performance.now();
  const deadline = start + budgetMs;
  const worker = async (w: number): Promise<void> => {
    while (next < count && performance.now() < deadline) {
      const index = next++;
      await op(index, w);
      done++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  const elapsedMs = performance.now() - start;
  return { done, elapsedMs, perSecond: (done * 1000) / elapsedMs, cut: done < count };
}

/** Prints rows as an aligned plain-text table (first row is the header). CJK-safe enough for ASCII labels. */
export function printTable(rows: readonly (readonly string[])[]): void {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, displayWidth(cell))));
  const line = (row: readonly string[]): string =>
    row.map((cell, i) => (i === 0 ? cell + ' '.repeat((widths[i] ?? 0) - displayWidth(cell)) : ' '.repeat((widths[i] ?? 0) - displayWidth(cell)) + cell)).join('  ');
  const [header, ...body] = rows;
  if (!header) return;
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of body) console.log(line(row));
}

function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return width;
}

export function heading(title: string, detail: string): void {
  console.log(`\n== ${title} ==`);
  console.log(detail);
}
