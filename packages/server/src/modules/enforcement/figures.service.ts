import {
  ASSET_KIND_LABELS,
  CASE_LEVEL_LABELS,
  CASE_TYPE_LABELS,
  DRUG_GRAMS_PREFIX,
  FIXED_INDICATORS,
  GRAM_SCALE,
  SANCTION_KIND_LABELS,
  SUSPECT_ROLE_LABELS,
  changeRate,
  completionRate,
  figurePeriod,
  previousPeriod,
  samePeriodLastYear,
  targetFor,
  yearToDate,
  yearToDateLastYear,
  type AssetKind,
  type CaseLevel,
  type CaseType,
  type DateRange,
  type FigureRecord,
  type FigureRecords,
  type FigureRecordsQuery,
  type FigureRow,
  type Figures,
  type FixedIndicator,
  type FiguresQuery,
  type OrgUnit,
  type PutTarget,
  type SanctionKind,
  type Substance,
  type SuspectRole,
  type TargetDto,
  type TargetListQuery,
} from '@qingyuan/shared';
import type { Scope } from '../../platform/access/scope.ts';
import type { AuthedContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { invalidField } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { findOrgUnitById, type OrgsService } from '../orgs/index.ts';
import type { Collaborators } from './collaborators.ts';
import { today, unitNames } from './enforcement-support.ts';
import { enforcementScope, scopeRootId } from './enforcement-scope.ts';
import { figuresTitle, figuresWorkbook } from './figures-export.ts';
import * as repo from './figures.repository.ts';
import { figureText, indicatorSpec, targetText, targetValueProblem, type IndicatorSpec } from './indicators.ts';

const TABLES = ['drug_case', 'suspect', 'seizure', 'precursor_seizure', 'drug_use_sanction', 'drug_asset'] as const;

/** Targets (任务数) and the figures computed against them, with the records behind every figure. */
export class FiguresService {
  constructor(
    private readonly platform: Platform,
    private readonly orgs: OrgsService,
    private readonly collaborators: Collaborators,
  ) {}

  async figures(ctx: AuthedContext, query: FiguresQuery): Promise<Figures> {
    const db = this.platform.db;
    const substances = await this.collaborators.substances();
    const { scope, unit } = await this.area(db, ctx, query.orgUnitId);
    const period = figurePeriod(query.year, query.quarter ?? null, today(this.platform.clock), query.month ?? null);
    const ranges = { current: period.counted, lastYear: samePeriodLastYear(period), previous: previousPeriod(period) };
    const area = { scope, path: unit.path };
    // A month has no target of its own: its 累计 (1 January to the month's end) is measured against the year's target.
    const monthly = period.month !== null;
    const cumulativeRanges = monthly ? [yearToDate(period), yearToDateLastYear(period)] : [];
    const [current = new Map<string, string>(), lastYear = new Map<string, string>(), previous = new Map<string, string>(), ...sofar] =
      await this.values(db, area, [ranges.current, ranges.lastYear, ranges.previous, ...cumulativeRanges]);
    const cumulative = monthly ? { current: sofar[0] ?? new Map<string, string>(), lastYear: sofar[1] ?? new Map<string, string>() } : null;
    const targets = await repo.targetEntries(db, unit.id, query.year);

    const specs: IndicatorSpec[] = [];
    for (const code of FIXED_INDICATORS) {
      const spec = indicatorSpec(code, substances);
      if (spec) specs.push(spec);
      if (code !== 'seizures.grams') continue;
      // One row per drug that was seized in any of the compared periods or has a target.
      const compared = [current, lastYear, previous, ...(cumulative ? [cumulative.current, cumulative.lastYear] : [])];
      for (const drug of substances) {
        const drugCode = `${DRUG_GRAMS_PREFIX}${drug.code}`;
        if (compared.some((v) => v.has(drugCode)) || targets.has(drugCode)) {
          const drugSpec = indicatorSpec(drugCode, substances);
          if (drugSpec) specs.push(drugSpec);
        }
      }
    }
    const rows: FigureRow[] = specs.map((spec) => {
      const value = figureText(spec.unit, current.get(spec.code) ?? '0');
      const lastYearValue = figureText(spec.unit, lastYear.get(spec.code) ?? '0');
      const previousValue = figureText(spec.unit, previous.get(spec.code) ?? '0');
      const entries = targets.get(spec.code) ?? [];
      const stored = monthly ? null : targetFor(entries, query.quarter ?? null, GRAM_SCALE);
      const target = stored === null ? null : targetText(spec.unit, stored);
      let cumulativeFigure: FigureRow['cumulative'] = null;
      if (cumulative) {
        const yearStored = targetFor(entries, null, GRAM_SCALE);
        const yearTarget = yearStored === null ? null : targetText(spec.unit, yearStored);
        const cumulativeValue = figureText(spec.unit, cumulative.current.get(spec.code) ?? '0');
        const cumulativeLastYear = figureText(spec.unit, cumulative.lastYear.get(spec.code) ?? '0');
        cumulativeFigure = {
          value: cumulativeValue,
          yearTarget,
          completion: completionRate(cumulativeValue, yearTarget),
          lastYearValue: cumulativeLastYear,
          yoyChange: changeRate(cumulativeValue, cumulativeLastYear),
        };
      }
      return {
        indicator: spec.code,
        label: spec.label,
        unit: spec.unit,
        value,
        target,
        completion: completionRate(value, target),
        lastYearValue,
        yoyChange: changeRate(value, lastYearValue),
        previousValue,
        popChange: changeRate(value, previousValue),
        cumulative: cumulativeFigure,
      };
    });
    return {
      orgUnit: { id: unit.id, name: unit.name },
      year: query.year,
      quarter: query.quarter ?? null,
      month: period.month,
      period: period.counted,
      partial: period.partial,
      lastYearPeriod: ranges.lastYear,
      previousPeriod: ranges.previous,
      cumulativePeriod: cumulativeRanges[0] ?? null,
      cumulativeLastYearPeriod: cumulativeRanges[1] ?? null,
      rows,
    };
  }

  /**
   * The stored targets (任务数) of the fixed indicators for a unit's year or quarter, as text — what a screen that already
   * has the values needs to show completion, without computing the figures again.
   */
  async targetsOf(ctx: AuthedContext, orgUnitId: string, year: number, quarter: number | null): Promise<Map<FixedIndicator, string>> {
    const db = this.platform.db;
    const { unit } = await this.area(db, ctx, orgUnitId);
    const entries = await repo.targetEntries(db, unit.id, year);
    const out = new Map<FixedIndicator, string>();
    for (const code of FIXED_INDICATORS) {
      const stored = targetFor(entries.get(code) ?? [], quarter, GRAM_SCALE);
      if (stored !== null) out.set(code, targetText(indicatorSpecOrThrow(code).unit, stored));
    }
    return out;
  }

  /** The figures table as an Excel workbook; the export is audited (what was exported, never by whom else). */
  async exportFigures(ctx: AuthedContext, query: FiguresQuery): Promise<{ filename: string; content: Buffer }> {
    const figures = await this.figures(ctx, query);
    const now = this.platform.clock.now();
    const content = await figuresWorkbook(figures, `${today(this.platform.clock)} ${new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(11, 16)}`);
    await this.platform.audit.appendAlone(this.platform.db, ctx, {
      action: 'enforcement.figures_exported',
      entityType: 'org_unit',
      entityId: figures.orgUnit.id,
      changes: { year: figures.year, quarter: figures.quarter, month: figures.month, rows: figures.rows.length },
    });
    return { filename: `${figuresTitle(figures)}.xlsx`, content };
  }

  /** The records behind one figure (drill-down). Lists naming persons (suspects, handled users) are audited. */
  async records(ctx: AuthedContext, indicator: string, query: FigureRecordsQuery): Promise<FigureRecords> {
    const substances = await this.collaborators.substances();
    const spec = indicatorSpec(indicator, substances);
    if (!spec) throw invalidField('indicator', '指标不在指标库中');
    return this.platform.db.transaction().execute(async (trx) => {
      const { scope, unit } = await this.area(trx, ctx, query.orgUnitId);
      const period = figurePeriod(query.year, query.quarter ?? null, today(this.platform.clock), query.month ?? null);
      if (query.compare === 'cumulative' && period.month === null) throw invalidField('compare', '累计只用于月度统计');
      const range: DateRange =
        query.compare === 'lastYear' ? samePeriodLastYear(period)
        : query.compare === 'previous' ? previousPeriod(period)
        : query.compare === 'cumulative' ? yearToDate(period)
        : period.counted;
      const area = { scope, path: unit.path };
      const value = (await repo.totals(trx, area, range, spec.source.table, new Map([[spec.code, spec.source]]))).get(spec.code) ?? '0';
      const page = await repo.records(trx, area, range, spec.source, query.page, query.pageSize);
      const name = await unitNames(trx, page.items.map((r) => r.orgUnitId));
      const items = page.items.map((r): FigureRecord => ({
        kind: KIND[spec.source.table],
        id: r.id,
        caseId: r.caseId,
        caseNumber: r.caseNumber,
        on: r.on,
        description: describe(spec.source.table, r.detail, substances),
        amount: figureText(spec.unit, r.amount),
        orgUnitName: name(r.orgUnitId),
      }));
      if (spec.source.table === 'suspect' || spec.source.table === 'drug_use_sanction') {
        await this.platform.audit.append(trx, ctx, {
          action: 'enforcement.records_viewed',
          entityType: spec.source.table,
          changes: { indicator: spec.code, orgUnitId: unit.id, from: range.from, to: range.to, shown: items.length, total: page.total },
        });
      }
      return { indicator: spec.code, label: spec.label, unit: spec.unit, period: range, value: figureText(spec.unit, value), items, total: page.total };
    });
  }

  async putTarget(ctx: AuthedContext, input: PutTarget): Promise<TargetDto> {
    const substances = await this.collaborators.substances();
    const spec = indicatorSpec(input.indicator, substances);
    if (!spec) throw invalidField('indicator', '指标不在指标库中');
    const value = input.value;
    const problem = targetValueProblem(spec.unit, value);
    if (problem) throw invalidField('value', problem);
    const quarter = input.quarter ?? 0;
    return this.platform.db.transaction().execute(async (trx) => {
      const scope = await enforcementScope(trx, ctx.actor);
      const unit = await this.orgs.requireInScope(trx, scope, input.orgUnitId, 'orgUnitId');
      const key = { orgUnitId: unit.id, year: input.year, quarter, indicator: spec.code };
      const before = await repo.findTarget(trx, key);
      const saved = await repo.upsertTarget(trx, { ...key, value, orgPath: unit.path, updatedBy: ctx.actor.userId }, this.platform.clock.now());
      await this.platform.audit.append(trx, ctx, {
        action: 'target.set',
        entityType: 'org_unit',
        entityId: unit.id,
        changes: { ...key, value: { from: before === null ? null : targetText(spec.unit, before), to: targetText(spec.unit, saved.value) } },
      });
      return this.targetDto(saved, spec);
    });
  }

  async listTargets(ctx: AuthedContext, query: TargetListQuery): Promise<{ items: TargetDto[] }> {
    const db = this.platform.db;
    const substances = await this.collaborators.substances();
    const { scope, unit } = await this.area(db, ctx, query.orgUnitId);
    const stored = await repo.listTargets(db, scope, query.year, unit.path);
    const items: TargetDto[] = [];
    for (const target of stored) {
      const spec = indicatorSpec(target.indicator, substances);
      if (spec) items.push(this.targetDto(target, spec));
    }
    return { items };
  }

  /** The units of the caller's enforcement area, for choosing where a case happened and who handled it. */
  async units(ctx: AuthedContext): Promise<{ items: OrgUnit[]; total: number }> {
    const scope = await enforcementScope(this.platform.db, ctx.actor);
    const items = await this.orgs.list({ ...ctx, actor: { ...ctx.actor, orgPath: scope.rootPath } }, false);
    return { items, total: items.length };
  }

  private targetDto(t: repo.StoredTarget, spec: IndicatorSpec): TargetDto {
    return {
      orgUnitId: t.orgUnitId,
      year: t.year,
      quarter: t.quarter === 0 ? null : t.quarter,
      indicator: t.indicator,
      label: spec.label,
      value: targetText(spec.unit, t.value),
      updatedAt: t.updatedAt.toISOString(),
    };
  }

  /** The subtree asked for (a unit in the caller's area, 400 naming orgUnitId otherwise), or the whole area. */
  private async area(db: Db, ctx: AuthedContext, orgUnitId: string | undefined): Promise<{ scope: Scope; unit: OrgUnit }> {
    const scope = await enforcementScope(db, ctx.actor);
    if (orgUnitId !== undefined) return { scope, unit: await this.orgs.requireInScope(db, scope, orgUnitId, 'orgUnitId') };
    const root = await findOrgUnitById(db, scopeRootId(scope));
    if (!root) throw new Error('the root of a scope is a unit');
    return { scope, unit: root };
  }

  /** Every indicator's raw value over a subtree for each range: one scan per table for all ranges, plus grams per drug. */
  private async values(db: Db, area: repo.Area, ranges: readonly DateRange[]): Promise<Map<string, string>[]> {
    const sources = new Map<string, repo.Source>(FIXED_INDICATORS.map((code) => [code, indicatorSpecOrThrow(code).source]));
    const values = ranges.map(() => new Map<string, string>());
    for (const table of TABLES) {
      (await repo.totalsMany(db, area, ranges, table, sources)).forEach((totals, i) => {
        for (const [code, value] of totals) values[i]?.set(code, value);
      });
    }
    for (const [i, range] of ranges.entries()) {
      for (const [drug, grams] of await repo.gramsByDrug(db, area, range)) values[i]?.set(`${DRUG_GRAMS_PREFIX}${drug}`, grams);
    }
    return values;
  }
}

const indicatorSpecOrThrow = (code: string): IndicatorSpec => {
  const spec = indicatorSpec(code, []);
  if (!spec) throw new Error(`unknown fixed indicator ${code}`);
  return spec;
};

const KIND: Record<repo.Source['table'], FigureRecord['kind']> = {
  drug_case: 'case',
  suspect: 'suspect',
  seizure: 'seizure',
  precursor_seizure: 'precursorSeizure',
  drug_use_sanction: 'sanction',
  drug_asset: 'asset',
};

function describe(table: repo.Source['table'], detail: repo.SourceRecord['detail'], substances: readonly Substance[]): string {
  const { first, second } = detail;
  switch (table) {
    case 'drug_case':
      return `${CASE_TYPE_LABELS[first as CaseType]}（${CASE_LEVEL_LABELS[second as CaseLevel]}）`;
    case 'suspect':
      return `${first}（${SUSPECT_ROLE_LABELS[second as SuspectRole]}）`;
    case 'seizure': {
      const drug = substances.find((s) => s.code === first)?.name ?? first;
      return second !== null && second !== '0' ? `${drug}，零包 ${second} 包` : drug;
    }
    case 'precursor_seizure':
      return first;
    case 'drug_use_sanction':
      return `${first}（${SANCTION_KIND_LABELS[second as SanctionKind]}）`;
    case 'drug_asset':
      return `${ASSET_KIND_LABELS[first as AssetKind]}：${second ?? ''}`;
  }
}
