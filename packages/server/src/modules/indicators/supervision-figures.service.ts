import {
  SUPERVISION_INDICATORS,
  SUPERVISION_INDICATOR_INFO,
  changeRate,
  figurePeriod,
  parseScaled,
  previousPeriod,
  samePeriodLastYear,
  type DateRange,
  type OrgUnit,
  type SupervisionFigurePersons,
  type SupervisionFigurePersonsQuery,
  type SupervisionFigureRow,
  type SupervisionFigures,
  type SupervisionFiguresQuery,
  type SupervisionIndicator,
} from '@qingyuan/shared';
import { scopeOf } from '../../platform/access/scope.ts';
import { chinaDate } from '../../platform/clock.ts';
import type { AuthedContext } from '../../platform/context.ts';
import type { FieldCipher } from '../../platform/crypto/field-cipher.ts';
import type { Db } from '../../platform/db/database.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { findOrgUnitById, findOrgUnitsByIds, type OrgsService } from '../orgs/index.ts';
import type { PersonsService } from '../persons/index.ts';
import type { IndicatorArea, IndicatorFigure, IndicatorRegistry } from './registry.ts';
import { figureOf, supervisionSets } from './supervision-indicators.ts';

/** 同比/环比: % change for counts, percentage points for rates (one decimal); null without a base. */
export function change(unit: '人' | '%', value: string | null, earlier: string | null): number | null {
  if (value === null || earlier === null) return null;
  if (unit === '人') return changeRate(value, earlier, 0);
  return Number(parseScaled(value, 1) - parseScaled(earlier, 1)) / 10;
}

/** 管控统计: the supervision indicators of the registry for a subtree and period, and the persons behind each. */
export class SupervisionFiguresService {
  constructor(
    private readonly platform: Platform,
    private readonly orgs: OrgsService,
    private readonly registry: IndicatorRegistry,
    private readonly persons: PersonsService,
    private readonly cipher: FieldCipher,
  ) {}

  private today(): string {
    return chinaDate(this.platform.clock.now());
  }

  private async area(db: Db, ctx: AuthedContext, orgUnitId: string | undefined): Promise<{ area: IndicatorArea; unit: OrgUnit }> {
    const scope = scopeOf(ctx.actor);
    const unit = orgUnitId ? await this.orgs.requireInScope(db, scope, orgUnitId, 'orgUnitId') : await findOrgUnitById(db, ctx.actor.orgUnitId);
    if (!unit) throw notFound();
    return { area: { scope, path: unit.path }, unit };
  }

  private ranges(query: { year: number; quarter?: number | undefined }) {
    const period = figurePeriod(query.year, query.quarter ?? null, this.today());
    return { period, current: period.counted, lastYear: samePeriodLastYear(period), previous: previousPeriod(period) };
  }

  async figures(ctx: AuthedContext, query: SupervisionFiguresQuery): Promise<SupervisionFigures> {
    return this.platform.db.transaction().execute(async (trx) => {
      const { area, unit } = await this.area(trx, ctx, query.orgUnitId);
      const r = this.ranges(query);
      const today = this.today();
      // A year's 上期 is its 同期: each distinct range is computed once.
      const computed = new Map<string, Promise<Map<string, IndicatorFigure>>>();
      const of = (range: DateRange) => {
        const key = `${range.from}/${range.to}`;
        let figures = computed.get(key);
        if (!figures) computed.set(key, (figures = this.registry.compute(trx, area, range, today, 'supervision')));
        return figures;
      };
      const current = await of(r.current);
      const lastYear = await of(r.lastYear);
      const previous = await of(r.previous);
      const empty: IndicatorFigure = { value: null, numerator: null, denominator: null };
      const rows = SUPERVISION_INDICATORS.map((code): SupervisionFigureRow => {
        const info = SUPERVISION_INDICATOR_INFO[code];
        const now = current.get(code) ?? empty;
        const ly = lastYear.get(code) ?? empty;
        const pp = previous.get(code) ?? empty;
        return {
          indicator: code, label: info.label, unit: info.unit, definition: info.definition, value: now.value, numerator: now.numerator,
          denominator: now.denominator, lastYearValue: ly.value, yoyChange: change(info.unit, now.value, ly.value), previousValue: pp.value,
          popChange: change(info.unit, now.value, pp.value), changeUnit: info.unit === '%' ? '个百分点' : '%',
        };
      });
      return {
        orgUnit: { id: unit.id, name: unit.name }, year: query.year, quarter: query.quarter ?? null, period: r.current, partial: r.period.partial,
        lastYearPeriod: r.lastYear, previousPeriod: r.previous, rows,
      };
    });
  }

  /** The persons behind one figure (masked); audited, as it lists persons. Archived persons only with archive.read. */
  async figurePersons(ctx: AuthedContext, indicator: SupervisionIndicator, query: SupervisionFigurePersonsQuery): Promise<SupervisionFigurePersons> {
    if (indicator === 'persons.abstinent' && !ctx.actor.permissions.has('archive.read')) throw forbidden('查看戒断三年未复吸人员明细需限制档案查阅权限');
    return this.platform.db.transaction().execute(async (trx) => {
      const { area } = await this.area(trx, ctx, query.orgUnitId);
      const r = this.ranges(query);
      const range: DateRange = query.compare === 'lastYear' ? r.lastYear : query.compare === 'previous' ? r.previous : r.current;
      const s = (await supervisionSets(trx, area, range, this.cipher)).get(indicator);
      if (!s) throw notFound();
      const figure = figureOf(indicator, s);
      const ordered = [...s.persons.keys()];
      const start = (query.page - 1) * query.pageSize;
      const page = ordered.slice(start, start + query.pageSize);
      const rows = page.length === 0 ? [] : await trx.selectFrom('person').select(['id', 'name', 'id_number_enc', 'org_unit_id']).where('id', 'in', page).execute();
      const byId = new Map(rows.map((p) => [p.id, p]));
      const names = new Map((await findOrgUnitsByIds(trx, [...new Set(rows.map((p) => p.org_unit_id))])).map((u) => [u.id, u.name]));
      const items = page.flatMap((id) => {
        const p = byId.get(id);
        if (!p) return [];
        return [{
          personId: id, personName: p.name, idNumberMasked: this.persons.codec.maskedIdNumber({ id, idNumberEnc: p.id_number_enc }),
          orgUnitName: names.get(p.org_unit_id) ?? '', inNumerator: s.numerator ? s.numerator.has(id) : true, note: s.persons.get(id) ?? '',
        }];
      });
      await this.platform.audit.append(trx, ctx, {
        action: 'supervision.figure_persons_viewed', entityType: 'indicator', entityId: null,
        changes: { indicator, from: range.from, to: range.to, matches: ordered.length },
      });
      return {
        indicator, label: SUPERVISION_INDICATOR_INFO[indicator].label, period: range, value: figure.value,
        numerator: s.numerator ? s.numerator.size : s.persons.size, total: s.persons.size, items,
      };
    });
  }
}
