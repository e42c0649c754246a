import {
  DRUG_GRAMS_PREFIX,
  INDICATORS,
  ReportTemplateBody,
  type FigureRow,
  type OrgUnit,
  type Figures,
  type ReportKind,
  type ReportPreview,
  type ReportQuery,
  type ReportTemplateDto,
  type PeriodSpec,
  type Substance,
} from '@qingyuan/shared';
import { chinaDate } from '../../platform/clock.ts';
import type { AuthedContext } from '../../platform/context.ts';
import { invalidField } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import type { EnforcementModule } from '../enforcement/index.ts';
import type { IndicatorValues } from '../dashboard/index.ts';
import { chartImage } from './chart-image.ts';
import { defaultTemplate } from './default-templates.ts';
import { fromFigureRow, fromIndicatorValue, periodWords, reportSections, type ChartData } from './report-content.ts';
import { reportDocx } from './report-docx.ts';
import * as repo from './reports.repository.ts';

/** Told how far a Word report has come: percent (0–100) and the step in words. */
export type ReportProgress = (percent: number, step: string) => Promise<void>;

/** Bulletins and work summaries: templates the office edits, and reports written from the indicator layer. */
export class ReportsService {
  constructor(
    private readonly platform: Platform,
    private readonly enforcement: EnforcementModule,
    private readonly substances: () => Promise<Substance[]>,
    private readonly values: IndicatorValues,
  ) {}

  async template(kind: ReportKind): Promise<ReportTemplateDto> {
    const saved = await repo.latestTemplate(this.platform.db, kind);
    if (!saved) return { kind, version: 0, body: defaultTemplate(kind), savedBy: null, savedAt: null };
    return { kind, version: saved.version, body: ReportTemplateBody.parse(saved.body), savedBy: saved.savedBy, savedAt: saved.savedAt.toISOString() };
  }

  /** Saves a new version of the template; indicators must be in the library (a drug must be in the catalogue). */
  async saveTemplate(ctx: AuthedContext, kind: ReportKind, body: ReportTemplateBody): Promise<ReportTemplateDto> {
    const drugs = new Set((await this.substances()).map((s) => s.code));
    const known = (code: string): boolean =>
      this.values.definition(code) !== null || code in INDICATORS || (code.startsWith(DRUG_GRAMS_PREFIX) && drugs.has(code.slice(DRUG_GRAMS_PREFIX.length)));
    body.sections.forEach((section, s) => {
      const at = `sections.${String(s)}`;
      section.sentences.forEach((sentence, i) =>
        sentence.clauses.forEach((clause, c) => {
          const path = `${at}.sentences.${String(i)}.clauses.${String(c)}`;
          if (!known(clause.indicator)) throw invalidField(`${path}.indicator`, '指标不在指标库中');
          clause.details.forEach((d, k) => {
            if (!known(d)) throw invalidField(`${path}.details.${String(k)}`, '指标不在指标库中');
          });
        }),
      );
      section.table.forEach((code, t) => {
        if (!known(code)) throw invalidField(`${at}.table.${String(t)}`, '指标不在指标库中');
      });
      if (section.chart !== null && !known(section.chart)) throw invalidField(`${at}.chart`, '指标不在指标库中');
    });
    await this.platform.db.transaction().execute(async (trx) => {
      const version = await repo.insertTemplate(trx, kind, body, ctx.actor.userId);
      await this.platform.audit.append(trx, ctx, { action: 'report.template_saved', entityType: 'report_template', entityId: null, changes: { kind, version } });
    });
    return this.template(kind);
  }

  /** The report's words, tables and chart data, as on screen; the same as the Word file. */
  async preview(ctx: AuthedContext, kind: ReportKind, query: ReportQuery): Promise<ReportPreview> {
    const { template, figures, charts, period: counted } = await this.gather(ctx, kind, query);
    const period = periodWords(counted);
    return {
      title: template.body.title.replaceAll('{单位}', counted.orgUnit.name).replaceAll('{期间}', period.title),
      byline: `${counted.orgUnit.name}禁毒委员会办公室\u3000${chineseDate(chinaDate(this.platform.clock.now()))}`,
      templateVersion: template.version,
      sections: reportSections(template.body, figures, period.lead, charts, period.cumulative),
    };
  }

  /** The report as a Word file; generating it is audited (which unit, period and template version). */
  async docx(ctx: AuthedContext, kind: ReportKind, query: ReportQuery, progress: ReportProgress = async () => {}): Promise<{ filename: string; content: Buffer }> {
    const preview = await this.preview(ctx, kind, query);
    await progress(10, '已读取指标数据，正在绘制图表');
    const sections = await Promise.all(preview.sections.map(async (s) => ({
      heading: s.heading,
      paragraphs: s.paragraphs,
      ...(s.table ? { table: s.table } : {}),
      charts: s.chart ? [await chartImage({ caption: s.chart.caption, kind: 'bar', categories: s.chart.categories, series: [{ name: s.chart.caption, values: s.chart.values }], integer: s.chart.values.every(Number.isInteger) })] : [],
    })));
    await progress(60, '已绘制图表，正在生成Word文档');
    const content = await reportDocx({ title: preview.title, byline: preview.byline, sections });
    await progress(90, '已生成Word文档，正在保存');
    await this.platform.audit.appendAlone(this.platform.db, ctx, {
      action: 'report.generated',
      entityType: 'org_unit',
      entityId: query.orgUnitId ?? ctx.actor.orgUnitId,
      changes: { kind, year: query.year, quarter: query.quarter ?? null, month: query.month ?? null, templateVersion: preview.templateVersion },
    });
    return { filename: `${preview.title}.docx`, content };
  }

  /** The unit a report is written for: the caller's own by default; outside the caller's scope is a 400 naming the field. */
  async reportUnit(ctx: AuthedContext, orgUnitId: string | undefined, field = 'orgUnitId'): Promise<OrgUnit> {
    return this.values.unit(this.platform.db, ctx, orgUnitId, field);
  }

  /**
   * A contract period (2026, 2026-Q3, 2026-07) as the report query; a period that has not started yet is refused. A
   * month reports the month's figures and its 1—N月累计 against the year's targets.
   */
  periodQuery(period: string): { year: number; quarter?: number; month?: number } {
    const match = /^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$/.exec(period);
    if (!match) throw invalidField('period', '期间应为年度（2026）、季度（2026-Q3）或月份（2026-07）');
    const year = Number(match[1]);
    if (year < 2000 || year > 2100) throw invalidField('period', '年度应在2000至2100之间');
    const today = chinaDate(this.platform.clock.now());
    const thisYear = Number(today.slice(0, 4));
    const thisMonth = Number(today.slice(5, 7));
    const quarter = match[2] ? Number(match[2]) : undefined;
    const month = match[3] ? Number(match[3]) : undefined;
    const firstMonth = quarter !== undefined ? (quarter - 1) * 3 + 1 : (month ?? 1);
    if (year > thisYear || (year === thisYear && firstMonth > thisMonth)) throw invalidField('period', '期间尚未开始，不能生成报告');
    if (month !== undefined) return { year, month };
    return quarter === undefined ? { year } : { year, quarter };
  }

  /**
   * The figures a template names: enforcement's from its figures (with targets), the others from the indicator
   * registry for the same period; and the per-township values of the charted indicators.
   */
  private async gather(ctx: AuthedContext, kind: ReportKind, query: ReportQuery) {
    const template = await this.template(kind);
    const figuresQuery = { ...(query.orgUnitId ? { orgUnitId: query.orgUnitId } : {}), year: query.year, ...(query.quarter ? { quarter: query.quarter } : {}), ...(query.month ? { month: query.month } : {}) };
    const enforcement = withDrugRows(await this.enforcement.figures.figures(ctx, figuresQuery), await this.substances(), template.body);
    const figures = new Map(enforcement.rows.map((r) => [r.indicator, fromFigureRow(r)]));
    const named = namedCodes(template.body);
    const others = this.values.requireDefinitions(named.filter((c) => !figures.has(c) && this.values.definition(c) !== null), 'indicator');
    const spec: PeriodSpec = query.month
      ? { kind: 'month', year: query.year, index: query.month }
      : query.quarter ? { kind: 'quarter', year: query.year, index: query.quarter } : { kind: 'year', year: query.year };
    const unit = await this.values.unit(this.platform.db, ctx, enforcement.orgUnit.id, 'orgUnitId');
    const memo = new Map<string, unknown>(); // one request: the unit's facts serve its townships' chart figures
    if (others.length > 0) {
      const values = await this.values.values(this.platform.db, ctx, [unit], others, this.values.period(spec), memo);
      values.forEach((v, i) => {
        const definition = others[i];
        if (definition) figures.set(v.code, fromIndicatorValue(definition, v));
      });
    }
    const charted = [...new Set(template.body.sections.flatMap((s) => (s.chart === null ? [] : [s.chart])))];
    const charts = new Map<string, ChartData>();
    if (charted.length > 0) {
      const townships = await this.values.children(ctx, unit);
      const residents = await this.values.residentsOf(townships.map((t) => t.id));
      const range = this.values.period(spec).counted;
      const raw = await this.values.rawUnits(this.platform.db, ctx, unit, townships, range, charted, residents, memo);
      for (const code of charted) {
        charts.set(code, { categories: townships.map((t) => t.name), values: townships.map((t) => Number(raw.get(t.id)?.get(code) ?? 0)) });
      }
    }
    return { template, figures, charts, period: enforcement };
  }
}

/** Every indicator code a template names, once. */
function namedCodes(template: ReportTemplateBody): string[] {
  return [...new Set(template.sections.flatMap((s) => [
    ...s.sentences.flatMap((x) => x.clauses.flatMap((c) => [c.indicator, ...c.details])),
    ...s.table,
    ...(s.chart === null ? [] : [s.chart]),
  ]))];
}

/** Rows for the drugs the template names that had no seizure in any compared period: zero, with the drug's name. */
function withDrugRows(figures: Figures, catalogue: readonly Substance[], template: ReportTemplateBody): Figures {
  const named = namedCodes(template);
  const have = new Set(figures.rows.map((r) => r.indicator));
  const extra: FigureRow[] = [];
  for (const code of new Set(named)) {
    if (have.has(code) || !code.startsWith(DRUG_GRAMS_PREFIX)) continue;
    const drug = catalogue.find((s) => s.code === code.slice(DRUG_GRAMS_PREFIX.length));
    if (!drug) continue;
    const cumulative = figures.month === null ? null : { value: '0.000', yearTarget: null, completion: null, lastYearValue: '0.000', yoyChange: null };
    extra.push({ indicator: code, label: `缴获${drug.name}`, unit: '克', value: '0.000', target: null, completion: null, lastYearValue: '0.000', yoyChange: null, previousValue: '0.000', popChange: null, cumulative });
  }
  return { ...figures, rows: [...figures.rows, ...extra] };
}

const CHINESE_DIGITS = '〇一二三四五六七八九';

/** 2026-11-23 → 二〇二六年十一月二十三日 (the date line of an official document). */
export function chineseDate(date: string): string {
  const [y = '', m = '', d = ''] = date.split('-');
  const digits = (text: string): string => text.replace(/\d/g, (c) => CHINESE_DIGITS[Number(c)] ?? c);
  const small = (n: number): string => {
    if (n < 10) return CHINESE_DIGITS[n] ?? '';
    const tens = Math.floor(n / 10);
    return `${tens === 1 ? '' : (CHINESE_DIGITS[tens] ?? '')}十${n % 10 === 0 ? '' : (CHINESE_DIGITS[n % 10] ?? '')}`;
  };
  return `${digits(y)}年${small(Number(m))}月${small(Number(d))}日`;
}
