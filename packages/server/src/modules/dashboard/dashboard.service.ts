import { addMonths, completionRate, fullRange, periodSpecOf, type Dashboard, type KeyFigure, type PeriodQuery } from '@qingyuan/shared';
import type { AuthedContext } from '../../platform/context.ts';
import type { Platform } from '../../platform/platform.ts';
import type { EnforcementModule } from '../enforcement/index.ts';
import { periodDto, type IndicatorValues } from './indicator-values.ts';

/** The key figures of the office dashboard, in this order (the township dashboard shows the same for its subtree). */
export const KEY_FIGURES = [
  'cases.solved', 'suspects.caught', 'seizures.grams', 'users.found',
  'persons.current', 'supervision.executionRate', 'supervision.relapseRate', 'supervision.lostContact',
] as const;
const TREND = ['cases.solved', 'users.found'] as const;

/** The dashboard of a unit (default: the caller's) for a period: key figures, trend, and its area children. */
export class DashboardService {
  constructor(
    private readonly platform: Platform,
    private readonly values: IndicatorValues,
    private readonly enforcement: EnforcementModule,
  ) {}

  async dashboard(ctx: AuthedContext, query: PeriodQuery): Promise<Dashboard> {
    const db = this.platform.db;
    const spec = periodSpecOf(query);
    const period = this.values.period(spec);
    const unit = await this.values.unit(db, ctx, query.orgUnitId, 'orgUnitId');
    const definitions = this.values.requireDefinitions(KEY_FIGURES, 'codes');
    // One memo for the whole request: the district's facts serve its three periods and its townships.
    const memo = new Map<string, unknown>();
    const values = await this.values.values(db, ctx, [unit], definitions, period, memo);
    const targets = await this.targets(ctx, unit.id, spec.kind === 'year' || spec.kind === 'quarter' ? { year: spec.year, quarter: spec.kind === 'quarter' ? (spec.index ?? null) : null } : null);
    const keyFigures: KeyFigure[] = values.map((v, i) => {
      const target = targets.get(v.code) ?? null;
      return {
        ...v, label: definitions[i]?.label ?? v.code, unit: definitions[i]?.unit ?? '', target,
        completion: v.value === null ? null : completionRate(v.value, target),
      };
    });

    // Twelve months to the end of the period, counted to today.
    const today = this.values.today();
    const lastMonth = `${period.counted.to < period.counted.from ? period.full.from.slice(0, 7) : period.counted.to.slice(0, 7)}-01`;
    const months = Array.from({ length: 12 }, (_, i) => addMonths(lastMonth, i - 11).slice(0, 7));
    const residents = await this.values.residentsOf([unit.id]);
    const series = TREND.map((code) => ({ code, label: this.values.definition(code)?.label ?? code, values: [] as number[] }));
    const ranges = months.map((month) => {
      const range = fullRange({ kind: 'month', year: Number(month.slice(0, 4)), index: Number(month.slice(5, 7)) });
      return range.to > today ? { from: range.from, to: today < range.from ? range.from : today } : range;
    });
    for (const raw of await this.values.rawMany(db, ctx, unit, ranges, TREND, residents, memo)) {
      series.forEach((s) => s.values.push(Number(raw.get(s.code) ?? 0)));
    }

    const children = await this.values.children(ctx, unit);
    const childResidents = await this.values.residentsOf(children.map((c) => c.id));
    const raw = await this.values.rawUnits(db, ctx, unit, children, period.counted, KEY_FIGURES, childResidents, memo);
    const units = children.map((child) => ({
      orgUnitId: child.id, name: child.name, values: Object.fromEntries(KEY_FIGURES.map((c) => [c, raw.get(child.id)?.get(c) ?? null])),
    }));
    return { orgUnit: { id: unit.id, name: unit.name }, period: periodDto(period), keyFigures, trend: { months, series }, units };
  }

  /** The enforcement indicators' targets for a year or quarter (none for other periods); completion is computed here. */
  private async targets(ctx: AuthedContext, orgUnitId: string, period: { year: number; quarter: number | null } | null): Promise<ReadonlyMap<string, string>> {
    if (period === null || !ctx.actor.permissions.has('enforcement.read')) return new Map();
    return this.enforcement.figures.targetsOf(ctx, orgUnitId, period.year, period.quarter);
  }
}
