import {
  indexChange,
  indexConfigProblem,
  periodSpecOf,
  situationIndex,
  type IndexComponent,
  type IndexConfig,
  type IndexConfigDto,
  type OrgUnit,
  type PeriodQuery,
  type PutIndexConfig,
  type SituationIndex,
  type UnitIndex,
} from '@qingyuan/shared';
import type { AuthedContext } from '../../platform/context.ts';
import { invalidField } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import * as repo from './index-config.repository.ts';
import { periodDto, type IndicatorValues } from './indicator-values.ts';

/** The built-in configuration (version 0), used until the office saves its own. Higher index = more serious. */
export const DEFAULT_INDEX_COMPONENTS: readonly IndexComponent[] = [
  { indicator: 'persons.currentPer10k', weight: 25, good: 5, bad: 40 },
  { indicator: 'users.foundPer10k', weight: 20, good: 0.5, bad: 5 },
  { indicator: 'supervision.relapseRate', weight: 20, good: 5, bad: 40 },
  { indicator: 'supervision.executionRate', weight: 15, good: 95, bad: 60 },
  { indicator: 'cases.filed', weight: 10, good: 0, bad: 10 },
  { indicator: 'alerts.partnerFeedPer10k', weight: 10, good: 0, bad: 2 },
];

/** 毒情测评: the composite index per unit and period, its change against last year and what changed it. */
export class SituationIndexService {
  constructor(
    private readonly platform: Platform,
    private readonly values: IndicatorValues,
  ) {}

  async config(): Promise<IndexConfigDto> {
    const saved = await repo.latestConfig(this.platform.db);
    if (!saved) return { version: 0, components: [...DEFAULT_INDEX_COMPONENTS], savedBy: null, savedAt: null };
    return { version: saved.version, components: saved.components as IndexComponent[], savedBy: saved.savedBy, savedAt: saved.savedAt.toISOString() };
  }

  async saveConfig(ctx: AuthedContext, input: PutIndexConfig): Promise<IndexConfigDto> {
    const problem = indexConfigProblem(input.components);
    if (problem) throw invalidField(problem.field, problem.message);
    input.components.forEach((c, i) => {
      if (!this.values.definition(c.indicator)) throw invalidField(`components.${String(i)}.indicator`, '指标不在指标库中');
    });
    await this.platform.db.transaction().execute(async (trx) => {
      const version = await repo.insertConfig(trx, input.components, ctx.actor.userId);
      await this.platform.audit.append(trx, ctx, { action: 'index.config_saved', entityType: 'situation_index_config', entityId: String(version), changes: { components: input.components } });
    });
    return this.config();
  }

  /** The index of the unit asked for (default: the caller's) and of each of its area children. */
  async compute(ctx: AuthedContext, query: PeriodQuery): Promise<SituationIndex> {
    const saved = await this.config();
    const config: IndexConfig = { version: saved.version, components: saved.components };
    const period = this.values.period(periodSpecOf(query));
    const db = this.platform.db;
    const unit = await this.values.unit(db, ctx, query.orgUnitId, 'orgUnitId');
    const children = await this.values.children(ctx, unit);
    const codes = config.components.map((c) => c.indicator);
    const residents = await this.values.residentsOf([unit.id, ...children.map((c) => c.id)]);
    // One memo for the request: the area's facts, read first, serve its children (see IndicatorArea.memo).
    const memo = new Map<string, unknown>();
    const [now, then] = [period.counted, period.lastYear];
    const areaNow = await this.values.raw(db, ctx, unit, now, codes, residents, memo);
    const areaThen = await this.values.raw(db, ctx, unit, then, codes, residents, memo);
    const childrenNow = await this.values.rawUnits(db, ctx, unit, children, now, codes, residents, memo);
    const childrenThen = await this.values.rawUnits(db, ctx, unit, children, then, codes, residents, memo);
    const none = new Map<string, string | null>();
    return {
      period: periodDto(period),
      configVersion: config.version,
      area: this.unitIndex(unit, config, areaNow, areaThen),
      units: children.map((c) => this.unitIndex(c, config, childrenNow.get(c.id) ?? none, childrenThen.get(c.id) ?? none)),
    };
  }

  /** A unit's index now and a year before, and what changed, from its raw values of the two periods. */
  private unitIndex(unit: OrgUnit, config: IndexConfig, now: ReadonlyMap<string, string | null>, then: ReadonlyMap<string, string | null>): UnitIndex {
    const numbers = (raw: ReadonlyMap<string, string | null>) => new Map(config.components.map((c) => {
      const value = raw.get(c.indicator);
      return [c.indicator, value === null || value === undefined ? null : Number(value)];
    }));
    const a = numbers(now);
    const b = numbers(then);
    const result = situationIndex(a, config);
    const last = situationIndex(b, config);
    const change = indexChange(a, b, config);
    const label = (code: string): string => this.values.definition(code)?.label ?? code;
    return {
      orgUnitId: unit.id,
      name: unit.name,
      index: result.index,
      lastYearIndex: last.index,
      changePoints: change.points,
      changePercent: change.percent,
      components: result.components.map((c) => ({ ...c, label: label(c.indicator) })),
      contributions: change.contributions.map((c) => ({ ...c, label: label(c.indicator) })),
    };
  }
}
