import { sql } from 'kysely';
import { addDays, percentOf, type DateRange } from '@qingyuan/shared';
import { childPathOf, inScope, isChildPath, isWorkTeamScope } from '../../platform/access/scope.ts';
import type { Db } from '../../platform/db/database.ts';
import type { IndicatorArea, IndicatorDefinition, IndicatorFigure, IndicatorProvider } from '../indicators/index.ts';

/**
 * Early-warning indicators in the registry (issue #6: the dashboards, the explorer and the situation index read
 * them, e.g. alerts from partner feeds as an index component). Counted by the responsible unit's path (the unit the
 * alert was raised for, not the inbox it climbed to) and the China day it was raised.
 */

const DEFINITIONS: readonly IndicatorDefinition[] = [
  {
    code: 'alerts.raised', label: '预警总数', unit: '件', module: 'alerts', aggregation: 'sum', target: false, version: 1,
    definition: '本期内产生的全部预警（含规则预警和特殊行业联网预警），按预警产生时所属的责任单位统计。',
  },
  {
    code: 'alerts.partnerFeed', label: '特殊行业联网预警', unit: '件', module: 'alerts', aggregation: 'sum', target: false, version: 1,
    definition: '本期内由旅馆、网吧、物流寄递、金融、医疗等联网单位推送并比中在管人员而产生的预警数。',
  },
  {
    code: 'alerts.high', label: '红色预警', unit: '件', module: 'alerts', aggregation: 'sum', target: false, version: 1,
    definition: '本期内产生的红色（高）等级预警数。',
  },
  {
    code: 'alerts.overdueRate', label: '预警超时率', unit: '%', module: 'alerts', aggregation: 'ratio', target: false, version: 1,
    definition: '本期内产生的预警中，超过签收或处置时限（已逐级上报）的比例：超时预警数 ÷ 预警总数 × 100%，保留一位小数。',
  },
];

export const alertIndicatorProvider: IndicatorProvider = {
  module: 'alerts',
  definitions: DEFINITIONS,
  async compute(db, area, range) {
    return figuresOf((await counts(db, area, range, null)).get(area.path));
  },
  /** The direct children of the area (its townships) from one scan grouped by child; any other unit on its own. */
  async computeUnits(db, area, paths, range) {
    const children = paths.filter((p) => isChildPath(area.path, p));
    const grouped = children.length > 0 ? await counts(db, area, range, area.path) : new Map<string, Counts>();
    const out = new Map(children.map((path) => [path, figuresOf(grouped.get(path))]));
    for (const path of paths.filter((p) => !isChildPath(area.path, p))) out.set(path, figuresOf((await counts(db, { ...area, path }, range, null)).get(path)));
    return out;
  },
};

interface Counts {
  raised: number;
  partnerFeed: number;
  high: number;
  overdue: number;
}

/** The counts of the area's alerts raised in the range: the area's own, or grouped by the child of `byChildOf`. */
async function counts(db: Db, area: IndicatorArea, range: DateRange, byChildOf: string | null): Promise<Map<string, Counts>> {
  // Raised on a China day of the range: [from 00:00, to + 1 day 00:00) at +08:00.
  const start = `${range.from}T00:00:00+08:00`;
  const end = `${addDays(range.to, 1)}T00:00:00+08:00`;
  const unit = byChildOf === null ? sql<string>`${area.path}::text` : childPathOf('org_path', byChildOf);
  const rows = await db.selectFrom('alert')
    .select([
      unit.as('unit_path'),
      sql<string>`count(*)`.as('raised'),
      sql<string>`count(*) filter (where rule_code = 'partnerFeed')`.as('partner_feed'),
      sql<string>`count(*) filter (where level = 'high')`.as('high'),
      sql<string>`count(*) filter (where overdue)`.as('overdue'),
    ])
    .where('raised_at', '>=', new Date(start)).where('raised_at', '<', new Date(end))
    .where((eb) => eb.and([
      isWorkTeamScope(area.scope) ? inScope(eb, 'org_path', area.scope, 'alert.person_id') : inScope(eb, 'org_path', area.scope),
      inScope(eb, 'org_path', { rootPath: area.path }),
    ]))
    .groupBy(sql`1`)
    .execute();
  return new Map(rows.map((r) => [r.unit_path, { raised: Number(r.raised), partnerFeed: Number(r.partner_feed), high: Number(r.high), overdue: Number(r.overdue) }]));
}

function figuresOf(c: Counts = { raised: 0, partnerFeed: 0, high: 0, overdue: 0 }): Map<string, IndicatorFigure> {
  const count = (value: number): IndicatorFigure => ({ value: String(value), numerator: value, denominator: null });
  return new Map<string, IndicatorFigure>([
    ['alerts.raised', count(c.raised)],
    ['alerts.partnerFeed', count(c.partnerFeed)],
    ['alerts.high', count(c.high)],
    ['alerts.overdueRate', { value: c.raised === 0 ? null : percentOf(BigInt(c.overdue), BigInt(c.raised)).toFixed(1), numerator: c.overdue, denominator: c.raised }],
  ]);
}
