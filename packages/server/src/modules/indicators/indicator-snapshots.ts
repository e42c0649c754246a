import type { FastifyBaseLogger } from 'fastify';
import { figurePeriod, previousPeriod, resolvePeriod, samePeriodLastYear, type DateRange, type PeriodSpec } from '@qingyuan/shared';
import { isWorkTeamScope } from '../../platform/access/scope.ts';
import { chinaDate } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { ExclusiveRunner } from '../../platform/db/exclusive.ts';
import type { Platform } from '../../platform/platform.ts';
import { computeUnitsOf, type IndicatorArea, type IndicatorFigure, type IndicatorProvider } from './registry.ts';

/**
 * Indicator snapshots (docs/indicators.md 规模): a provider whose figures are computed in memory (supervision: every
 * person's measures, clocks and sealed test results) is wrapped so that a read first looks for the figures stored by
 * the refresh job for the same area path and range, computed from the current data version (kept by triggers on the
 * tables the figures read, migration 0017). Anything else — another range, a stale version, a work-team scope — is
 * computed live, so a stored figure is always the figure a live computation would give.
 */

const SNAPSHOT_LOCK_KEY = 7_240_017;
/** The area units whose figures are stored: the district and its townships/streets (what dashboards and reports ask). */
const SNAPSHOT_KINDS = ['district', 'township', 'street'];

type Figures = Map<string, IndicatorFigure>;

interface StoredSnapshots {
  version: string;
  /** `<path>|<from>|<to>` → figures, for the current version only. */
  rows: Map<string, Figures>;
}

export interface RefreshResult {
  ran: boolean;
  /** The data version the stored figures were computed from. */
  version: string | null;
  units: number;
  ranges: number;
  ms: number;
}

const rangeKey = (path: string, range: DateRange): string => `${path}|${range.from}|${range.to}`;

/**
 * The ranges the screens and reports ask for on `today`: the current month, quarter, half-year and year (counted to
 * today) with their 同期 and 上期, the last full month and quarter, and last year — as the dashboard's periods and the
 * figures pages' year/quarter resolve them. Empty ranges (a period not begun) are left out.
 */
export function standardRanges(today: string): DateRange[] {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const quarter = Math.ceil(month / 3);
  const specs: PeriodSpec[] = [
    { kind: 'year', year }, { kind: 'year', year: year - 1 },
    { kind: 'half', year, index: month <= 6 ? 1 : 2 },
    { kind: 'quarter', year, index: quarter },
    quarter === 1 ? { kind: 'quarter', year: year - 1, index: 4 } : { kind: 'quarter', year, index: quarter - 1 },
    { kind: 'month', year, index: month },
    month === 1 ? { kind: 'month', year: year - 1, index: 12 } : { kind: 'month', year, index: month - 1 },
  ];
  const ranges: DateRange[] = specs.flatMap((spec) => {
    const p = resolvePeriod(spec, today);
    return [p.counted, p.lastYear, p.previous];
  });
  for (const q of [null, quarter]) {
    const p = figurePeriod(year, q, today);
    ranges.push(p.counted, samePeriodLastYear(p), previousPeriod(p));
  }
  const unique = new Map(ranges.filter((r) => r.from <= r.to).map((r) => [`${r.from}|${r.to}`, r]));
  return [...unique.values()];
}

export class IndicatorSnapshots {
  readonly #providers: IndicatorProvider[] = [];
  readonly #runner: ExclusiveRunner;
  #timers: NodeJS.Timeout[] = [];
  #running: Promise<RefreshResult> | null = null;
  /** Set on shutdown: a running refresh stops at its next range and stores nothing. */
  #stopping = false;
  /** What the last refresh of this process stored (version and day), so an unchanged database is not recomputed. */
  #last: { version: string; today: string } | null = null;

  constructor(private readonly platform: Platform) {
    this.#runner = new ExclusiveRunner(platform.db, platform.dbKind, SNAPSHOT_LOCK_KEY);
  }

  /** The provider, reading stored figures where they are current. Its module's data version must be kept by triggers. */
  cached(provider: IndicatorProvider): IndicatorProvider {
    this.#providers.push(provider);
    return {
      module: provider.module,
      definitions: provider.definitions,
      compute: async (db, area, range, today) => (await this.stored(db, provider.module, area, range)) ?? provider.compute(db, area, range, today),
      computeUnits: async (db, area, paths, range, today) => {
        const out = new Map<string, Figures>();
        for (const path of paths) {
          const figures = await this.stored(db, provider.module, { ...area, path }, range);
          if (figures) out.set(path, figures);
        }
        const missing = paths.filter((path) => !out.has(path));
        for (const [path, figures] of await computeUnitsOf(provider, db, area, missing, range, today)) out.set(path, figures);
        return out;
      },
    };
  }

  /** The current data version of a module (bumped by every committed write to the tables its figures read). */
  async version(db: Db, module: string): Promise<string> {
    const row = await db.selectFrom('indicator_data_version').select('version').where('module', '=', module).executeTakeFirst();
    return row?.version ?? '0';
  }

  private async stored(db: Db, module: string, area: IndicatorArea, range: DateRange): Promise<Figures | null> {
    // A work-team scope narrows the persons to the account's teams: its figures are never the area's.
    if (isWorkTeamScope(area.scope) || !area.path.startsWith(area.scope.rootPath)) return null;
    const key = `indicator-snapshots:${module}`;
    let snapshots = area.memo?.get(key) as Promise<StoredSnapshots> | undefined;
    if (!snapshots) {
      snapshots = this.load(db, module, area.memo ? null : { path: area.path, range });
      area.memo?.set(key, snapshots);
    }
    return (await snapshots).rows.get(rangeKey(area.path, range)) ?? null;
  }

  /** The current version's stored figures: all of them for a request memo, else only the one asked for. */
  private async load(db: Db, module: string, only: { path: string; range: DateRange } | null): Promise<StoredSnapshots> {
    const version = await this.version(db, module);
    let query = db.selectFrom('indicator_snapshot').select(['org_path', 'period_from', 'period_to', 'figures'])
      .where('module', '=', module).where('data_version', '=', version);
    if (only !== null) query = query.where('org_path', '=', only.path).where('period_from', '=', only.range.from).where('period_to', '=', only.range.to);
    const rows = new Map<string, Figures>();
    for (const r of await query.execute()) {
      const figures = new Map(Object.entries(r.figures as Record<string, IndicatorFigure>));
      rows.set(rangeKey(r.org_path, { from: r.period_from, to: r.period_to }), figures);
    }
    return { version, rows };
  }

  /**
   * Computes and stores the figures of every wrapped provider for the district and its townships × the standard
   * ranges, on one server at a time. The version is read before and after: figures computed while a write committed
   * are stored under the older version, which the write has already made stale, so they are never served.
   */
  refresh(force = false): Promise<RefreshResult> {
    this.#running ??= this.refreshOnce(force).finally(() => (this.#running = null));
    return this.#running;
  }

  private async refreshOnce(force: boolean): Promise<RefreshResult> {
    const started = performance.now();
    const result = await this.#runner.run(async () => {
      const db = this.platform.db;
      const today = chinaDate(this.platform.clock.now());
      const before = await Promise.all(this.#providers.map((p) => this.version(db, p.module)));
      const signature = before.join(',');
      if (!force && this.#last?.version === signature && this.#last.today === today) return null;
      const units = await db.selectFrom('org_unit').select(['path', 'kind']).where('active', '=', true).where('kind', 'in', SNAPSHOT_KINDS)
        .orderBy('depth').execute();
      const ranges = standardRanges(today);
      const computedAt = this.platform.clock.now();
      const rows: { module: string; org_path: string; period_from: string; period_to: string; data_version: string; computed_at: Date; figures: string }[] = [];
      const roots = units.filter((u) => u.kind === 'district');
      for (const [i, provider] of this.#providers.entries()) {
        const store = (path: string, range: DateRange, figures: Figures) => rows.push({
          module: provider.module, org_path: path, period_from: range.from, period_to: range.to, data_version: before[i] ?? '0',
          computed_at: computedAt, figures: JSON.stringify(Object.fromEntries(figures)),
        });
        for (const root of roots) {
          const paths = units.filter((u) => u.path.startsWith(root.path)).map((u) => u.path);
          // One memo for the run: the district's facts are read once for all ranges (IndicatorArea.memo).
          const area = { scope: { rootPath: root.path }, path: root.path, memo: new Map<string, unknown>() };
          for (const range of ranges) {
            if (this.#stopping) return null;
            for (const [path, figures] of await computeUnitsOf(provider, db, area, paths, range, today)) store(path, range, figures);
          }
        }
      }
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('indicator_snapshot').where('module', 'in', this.#providers.map((p) => p.module)).execute();
        for (let i = 0; i < rows.length; i += 200) await trx.insertInto('indicator_snapshot').values(rows.slice(i, i + 200)).execute();
      });
      const after = (await Promise.all(this.#providers.map((p) => this.version(db, p.module)))).join(',');
      // Recompute at the next tick if a write came in while computing.
      this.#last = after === signature ? { version: signature, today } : null;
      return { version: signature, units: units.length, ranges: ranges.length };
    });
    const ms = Math.round(performance.now() - started);
    return result ? { ran: true, ...result, ms } : { ran: false, version: null, units: 0, ranges: 0, ms };
  }

  /** Refreshes every `intervalMs` when the data or the day changed (timers unref'd; a run never overlaps the last). */
  start(log: FastifyBaseLogger, intervalMs: number): void {
    const tick = () => void this.refresh().then(
      (r) => { if (r.ran) log.info({ job: 'indicator-snapshots', ms: r.ms, units: r.units, ranges: r.ranges }, 'indicator snapshots refreshed'); },
      (error: unknown) => log.error({ job: 'indicator-snapshots', err: error }, 'indicator snapshot refresh failed'),
    );
    this.#timers.push(setInterval(tick, intervalMs).unref(), setTimeout(tick, Math.min(5_000, intervalMs)).unref());
  }

  async stop(): Promise<void> {
    for (const t of this.#timers) clearTimeout(t);
    this.#timers = [];
    this.#stopping = true;
    await this.#running?.catch(() => undefined);
  }
}
