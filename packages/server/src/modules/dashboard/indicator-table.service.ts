import { periodSpecOf, type IndicatorTable, type IndicatorTableQuery } from '@qingyuan/shared';
import type { AuthedContext } from '../../platform/context.ts';
import { invalidField } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { indicatorTableWorkbook } from './indicator-table-export.ts';
import { periodDto, type IndicatorValues } from './indicator-values.ts';

const MAX_CELLS = 400;

/** 指标查询 (indicator explorer): chosen indicators × chosen units × a period, with 同比 and 环比. */
export class IndicatorTableService {
  constructor(
    private readonly platform: Platform,
    private readonly values: IndicatorValues,
  ) {}

  async table(ctx: AuthedContext, query: IndicatorTableQuery): Promise<IndicatorTable> {
    const db = this.platform.db;
    const codes = [...new Set(query.codes.split(',').map((c) => c.trim()).filter(Boolean))];
    const definitions = this.values.requireDefinitions(codes, 'codes');
    const ids = query.orgUnitIds ? [...new Set(query.orgUnitIds.split(',').map((c) => c.trim()).filter(Boolean))] : [undefined];
    if (codes.length * ids.length > MAX_CELLS) throw invalidField('codes', `指标数 × 单位数不能超过${String(MAX_CELLS)}`);
    const units = [];
    for (const id of ids) units.push(await this.values.unit(db, ctx, id, 'orgUnitIds'));
    const period = this.values.period(periodSpecOf(query));
    const values = await this.values.values(db, ctx, units, definitions, period);
    return { period: periodDto(period), indicators: definitions, units: units.map((u) => ({ id: u.id, name: u.name })), values };
  }

  /** The table as an Excel file; the export is audited (which indicators, units and period). */
  async export(ctx: AuthedContext, query: IndicatorTableQuery): Promise<{ filename: string; content: Buffer }> {
    const table = await this.table(ctx, query);
    const content = await indicatorTableWorkbook(table, new Date(this.platform.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' '));
    await this.platform.audit.appendAlone(this.platform.db, ctx, {
      action: 'indicators.exported',
      entityType: 'org_unit',
      entityId: table.units[0]?.id ?? null,
      changes: { indicators: table.indicators.map((d) => d.code), units: table.units.length, period: table.period.label },
    });
    return { filename: `指标查询（${table.period.label}）.xlsx`, content };
  }
}
