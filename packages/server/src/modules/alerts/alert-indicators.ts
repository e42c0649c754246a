import { sql } from 'kysely';
import { addDays, percentOf } from '@qingyuan/shared';
import { inScope, isWorkTeamScope } from '../../platform/access/scope.ts';
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
  async compute(db, area, range) {
    // Raised on a China day of the range: [from 00:00, to + 1 day 00:00) at +08:00.
    const start = `${range.from}T00:00:00+08:00`;
    const end = `${addDays(range.to, 1)}T00:00:00+08:00`;
    const row = await db.selectFrom('alert')
      .select([
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
      .executeTakeFirstOrThrow();
    const raised = Number(row.raised);
    const overdue = Number(row.overdue);
    const count = (value: string): IndicatorFigure => ({ value: String(Number(value)), numerator: Number(value), denominator: null });
    return new Map<string, IndicatorFigure>([
      ['alerts.raised', count(row.raised)],
      ['alerts.partnerFeed', count(row.partner_feed)],
      ['alerts.high', count(row.high)],
      ['alerts.overdueRate', { value: raised === 0 ? null : percentOf(BigInt(overdue), BigInt(raised)).toFixed(1), numerator: overdue, denominator: raised }],
    ]);
  },
};
