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
import type { Db } from '../../platform/db/database.ts';
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
    // One memo for the request: the area's facts, read first, serve its children (see IndicatorArea.memo).
    const memo = new Map<string, unknown>();
    const area = await this.unitIndex(db, ctx, unit, config, period.counted, period.lastYear, memo);
    return {
      period: periodDto(period),
      configVersion: config.version,
      area,
      units: await Promise.all(children.map((c) => this.unitIndex(db, ctx, c, config, period.counted, period.lastYear, memo))),
    };
  }

  private async unitIndex(
    db: Db, ctx: AuthedContext, unit: OrgUnit, config: IndexConfig, now: { from: string; to: string }, then: { from: string; to: string }, memo: Map<string, unknown>,
  ): Promise<UnitIndex> {
    const codes = config.components.map((c) => c.indicator);
    const residents = await this.values.residentsOf([unit.id]);
    const numbers = (raw: Map<string, string | null>) => new Map(codes.map((c) => [c, raw.get(c) === null || raw.get(c) === undefined ? null : Number(raw.get(c))]));
    const a = numbers(await this.values.raw(db, ctx, unit, now, codes, residents, memo));
    const b = numbers(await this.values.raw(db, ctx, unit, then, codes, residents, memo));
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
