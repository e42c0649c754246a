import {
  changeRate,
  resolvePeriod,
  type DateRange,
  type IndicatorDefinitionDto,
  type IndicatorValue,
  type OrgUnit,
  type PeriodDto,
  type PeriodSpec,
  type ResolvedPeriod,
} from '@qingyuan/shared';
import { scopeOf } from '../../platform/access/scope.ts';
import { chinaDate } from '../../platform/clock.ts';
import type { AuthedContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { invalidField } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import type { AreasService } from '../areas/index.ts';
import type { IndicatorRegistry } from '../indicators/index.ts';
import type { OrgsService } from '../orgs/index.ts';

/**
 * Values of any registered indicator for units × a period, with 同比 and 环比: the one read path behind the
 * dashboard, the indicator explorer and the situation index. Besides the registry's own indicators it derives rates
 * per 10,000 residents (常住人口, from the area profiles).
 */

interface Derived {
  definition: IndicatorDefinitionDto;
  base: string;
}

const DERIVED: readonly Derived[] = [
  {
    base: 'persons.current',
    definition: {
      code: 'persons.currentPer10k', label: '每万人现有吸毒人员', unit: '人/万人', module: 'dashboard', aggregation: 'ratio', target: false, version: 1,
      definition: '期末现有吸毒人员数 ÷ 辖区常住人口 × 10000，保留一位小数；未登记常住人口的单位不计算。',
    },
  },
  {
    base: 'users.found',
    definition: {
      code: 'users.foundPer10k', label: '每万人查处吸毒人员', unit: '人次/万人', module: 'dashboard', aggregation: 'ratio', target: false, version: 1,
      definition: '本期查处吸毒人员人次 ÷ 辖区常住人口 × 10000，保留一位小数；未登记常住人口的单位不计算。',
    },
  },
  {
    base: 'alerts.partnerFeed',
    definition: {
      code: 'alerts.partnerFeedPer10k', label: '每万人特殊行业联网预警', unit: '件/万人', module: 'dashboard', aggregation: 'ratio', target: false, version: 1,
      definition: '本期特殊行业联网预警数 ÷ 辖区常住人口 × 10000，保留一位小数；未登记常住人口的单位不计算。',
    },
  },
];

const decimals = (text: string): number => text.split('.')[1]?.length ?? 0;

/** 同比/环比: % for counts and amounts, percentage points for rates; null without a base. */
export function changeOf(definition: IndicatorDefinitionDto, value: string | null, earlier: string | null): number | null {
  if (value === null || earlier === null) return null;
  if (definition.aggregation === 'ratio') return Math.round((Number(value) - Number(earlier)) * 10) / 10;
  const scale = Math.max(decimals(value), decimals(earlier));
  return changeRate(value, earlier, scale);
}

/** value ÷ residents × 10,000 to one decimal, half up; null without residents. */
export function per10k(value: string | null, residents: number | undefined): string | null {
  if (value === null || residents === undefined || residents === 0) return null;
  const tenths = Math.round((Number(value) * 100_000) / residents);
  return (tenths / 10).toFixed(1);
}

export const periodDto = (p: ResolvedPeriod): PeriodDto => ({ label: p.label, counted: p.counted, partial: p.partial, lastYear: p.lastYear, previous: p.previous });

export class IndicatorValues {
  constructor(
    private readonly platform: Platform,
    private readonly orgs: OrgsService,
    private readonly registry: IndicatorRegistry,
    private readonly areas: AreasService,
  ) {}

  today(): string {
    return chinaDate(this.platform.clock.now());
  }

  period(spec: PeriodSpec): ResolvedPeriod {
    return resolvePeriod(spec, this.today());
  }

  definitions(): IndicatorDefinitionDto[] {
    return [...this.registry.definitions(), ...DERIVED.map((d) => d.definition)];
  }

  definition(code: string): IndicatorDefinitionDto | null {
    return this.definitions().find((d) => d.code === code) ?? null;
  }

  /** The codes, each checked against the library (400 naming `field`). */
  requireDefinitions(codes: readonly string[], field: string): IndicatorDefinitionDto[] {
    return codes.map((code) => {
      const found = this.definition(code);
      if (!found) throw invalidField(field, `指标“${code}”不在指标库中`);
      return found;
    });
  }

  /** A unit in the caller's scope (400 naming `field` otherwise, the same as a missing one), or the caller's own. */
  async unit(db: Db, ctx: AuthedContext, id: string | undefined, field: string): Promise<OrgUnit> {
    return this.orgs.requireInScope(db, scopeOf(ctx.actor), id ?? ctx.actor.orgUnitId, field);
  }

  /** The area children (townships of a district, villages of a township) of a unit in scope. */
  async children(ctx: AuthedContext, unit: OrgUnit): Promise<OrgUnit[]> {
    const areaKinds = ['township', 'street', 'village', 'community', 'grid'];
    return (await this.orgs.list(ctx, false)).filter((u) => u.parentId === unit.id && areaKinds.includes(u.kind));
  }

  /**
   * Raw values of the codes for one unit and range (registry modules computed once each, derived rates added). Pass
   * the same `memo` for every call of one request: providers then read each area's facts once (see IndicatorArea).
   */
  async raw(
    db: Db, ctx: AuthedContext, unit: OrgUnit, range: DateRange, codes: readonly string[], residents: ReadonlyMap<string, number>, memo?: Map<string, unknown>,
  ): Promise<Map<string, string | null>> {
    return (await this.rawMany(db, ctx, unit, [range], codes, residents, memo))[0] ?? new Map();
  }

  /** Raw values for several ranges of one unit (a provider that can reads them in one pass): one map per range. */
  async rawMany(
    db: Db, ctx: AuthedContext, unit: OrgUnit, ranges: readonly DateRange[], codes: readonly string[], residents: ReadonlyMap<string, number>, memo?: Map<string, unknown>,
  ): Promise<Map<string, string | null>[]> {
    const needed = this.needed(codes);
    const modules = this.modulesOf(needed);
    const area = { scope: scopeOf(ctx.actor), path: unit.path, wanted: needed, ...(memo ? { memo } : {}) };
    const out = ranges.map(() => new Map<string, string | null>());
    for (const module of modules) {
      (await this.registry.computeMany(db, area, ranges, this.today(), module)).forEach((figures, i) => {
        for (const [code, figure] of figures) out[i]?.set(code, figure.value);
      });
    }
    for (const values of out) this.derive(values, needed, residents.get(unit.id));
    return out;
  }

  /**
   * Raw values of the codes for several units under `parent` (its townships) and one range, by unit id: each module
   * computes all of them in one pass where it can, instead of once per unit.
   */
  async rawUnits(
    db: Db, ctx: AuthedContext, parent: OrgUnit, units: readonly OrgUnit[], range: DateRange, codes: readonly string[], residents: ReadonlyMap<string, number>,
    memo?: Map<string, unknown>,
  ): Promise<Map<string, Map<string, string | null>>> {
    const needed = this.needed(codes);
    const area = { scope: scopeOf(ctx.actor), path: parent.path, wanted: needed, ...(memo ? { memo } : {}) };
    const byPath = new Map<string, Map<string, string | null>>(units.map((u) => [u.path, new Map()]));
    for (const module of this.modulesOf(needed)) {
      for (const [path, figures] of await this.registry.computeUnits(db, area, units.map((u) => u.path), range, this.today(), module)) {
        for (const [code, figure] of figures) byPath.get(path)?.set(code, figure.value);
      }
    }
    return new Map(units.map((u) => {
      const values = byPath.get(u.path) ?? new Map<string, string | null>();
      this.derive(values, needed, residents.get(u.id));
      return [u.id, values];
    }));
  }

  /** The codes asked for and the registry codes their derived rates need. */
  private needed(codes: readonly string[]): Set<string> {
    return new Set(codes.flatMap((c) => [c, ...DERIVED.filter((d) => d.definition.code === c).map((d) => d.base)]));
  }

  private modulesOf(needed: ReadonlySet<string>): Set<string> {
    return new Set(this.registry.definitions().filter((d) => needed.has(d.code)).map((d) => d.module));
  }

  /** Adds the per-10,000 rates asked for, from their bases and the unit's residents. */
  private derive(values: Map<string, string | null>, needed: ReadonlySet<string>, residents: number | undefined): void {
    for (const d of DERIVED) if (needed.has(d.definition.code)) values.set(d.definition.code, per10k(values.get(d.base) ?? null, residents));
  }

  residentsOf(unitIds: readonly string[]): Promise<Map<string, number>> {
    return this.areas.residents(unitIds);
  }

  /** Values with 同比/环比 for units × codes in the period. */
  async values(
    db: Db, ctx: AuthedContext, units: readonly OrgUnit[], definitions: readonly IndicatorDefinitionDto[], period: ResolvedPeriod, memo = new Map<string, unknown>(),
  ): Promise<IndicatorValue[]> {
    const codes = definitions.map((d) => d.code);
    const residents = await this.areas.residents(units.map((u) => u.id));
    const out: IndicatorValue[] = [];
    for (const unit of units) {
      const [now, lastYear, previous] = await this.rawMany(db, ctx, unit, [period.counted, period.lastYear, period.previous], codes, residents, memo);
      for (const d of definitions) {
        const value = now?.get(d.code) ?? null;
        const ly = lastYear?.get(d.code) ?? null;
        const pp = previous?.get(d.code) ?? null;
        out.push({
          code: d.code, orgUnitId: unit.id, value, lastYearValue: ly, previousValue: pp,
          yoyChange: changeOf(d, value, ly), popChange: changeOf(d, value, pp), changeUnit: d.aggregation === 'ratio' ? '个百分点' : '%',
        });
      }
    }
    return out;
  }
}
