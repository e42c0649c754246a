import { sql } from 'kysely';
import { addDays, percentOf } from '@qingyuan/shared';
import { inScope, inSubtree, isWorkTeamScope } from '../../platform/access/scope.ts';
import type { IndicatorDefinition, IndicatorFigure, IndicatorProvider } from '../indicators/index.ts';

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
  async compute(db, area, range, today) {
    return (await this.computeUnits?.(db, area, [area.path], range, today))?.get(area.path) ?? new Map();
  },
  /** Every unit's counts from one scan of the area's alerts of the period. */
  async computeUnits(db, area, paths, range) {
    // Raised on a China day of the range: [from 00:00, to + 1 day 00:00) at +08:00.
    const start = `${range.from}T00:00:00+08:00`;
    const end = `${addDays(range.to, 1)}T00:00:00+08:00`;
    const columns = paths.flatMap((path, i) => {
      const inUnit = inSubtree('org_path', path);
      return [
        sql<string>`count(*) filter (where ${inUnit})`.as(`raised@${String(i)}`),
        sql<string>`count(*) filter (where ${inUnit} and rule_code = 'partnerFeed')`.as(`partner_feed@${String(i)}`),
        sql<string>`count(*) filter (where ${inUnit} and level = 'high')`.as(`high@${String(i)}`),
        sql<string>`count(*) filter (where ${inUnit} and overdue)`.as(`overdue@${String(i)}`),
      ];
    });
    const row: Record<string, string | number | bigint> = await db.selectFrom('alert')
      .select(columns)
      .where('raised_at', '>=', new Date(start)).where('raised_at', '<', new Date(end))
      .where((eb) => eb.and([
        isWorkTeamScope(area.scope) ? inScope(eb, 'org_path', area.scope, 'alert.person_id') : inScope(eb, 'org_path', area.scope),
        inScope(eb, 'org_path', { rootPath: area.path }),
      ]))
      .executeTakeFirstOrThrow();
    const count = (value: number): IndicatorFigure => ({ value: String(value), numerator: value, denominator: null });
    return new Map(paths.map((path, i) => {
      const at = (name: string) => Number(row[`${name}@${String(i)}`] ?? 0);
      const raised = at('raised');
      const overdue = at('overdue');
      return [path, new Map<string, IndicatorFigure>([
        ['alerts.raised', count(raised)],
        ['alerts.partnerFeed', count(at('partner_feed'))],
        ['alerts.high', count(at('high'))],
        ['alerts.overdueRate', { value: raised === 0 ? null : percentOf(BigInt(overdue), BigInt(raised)).toFixed(1), numerator: overdue, denominator: raised }],
      ])];
    }));
  },
};
