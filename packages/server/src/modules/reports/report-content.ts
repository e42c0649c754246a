import {
  formatRateZh,
  formatValueZh,
  sentenceZh,
  type FigureRow,
  type Figures,
  type IndicatorDefinitionDto,
  type IndicatorValue,
  type ProseFigure,
  type ProseKind,
  type ReportPreview,
  type ReportTemplateBody,
} from '@qingyuan/shared';

/** Turns a template and the figures of the indicator layer into the report's words, tables and chart data. */

/** One figure as a report needs it, from the enforcement figures (with targets) or from the indicator registry. */
export interface ReportFigure {
  code: string;
  label: string;
  unit: string;
  kind: ProseKind;
  value: string | null;
  target: string | null;
  completion: number | null;
  lastYearValue: string | null;
  /** % for sums; percentage points for rates. */
  yoyChange: number | null;
  /** A month's 1—N月累计 (enforcement figures only): value, the year's target and its completion, 同比. */
  cumulative: { value: string; yearTarget: string | null; completion: number | null; lastYearValue: string; yoyChange: number | null } | null;
}

const QUARTER_NAMES = ['', '第一季度', '第二季度', '第三季度', '第四季度'];

/** How a report names its period, and for a month how it names the 累计 span ('' for January, its own 累计). */
export interface PeriodWords {
  title: string;
  lead: string;
  cumulative: string | null;
}

/**
 * How the period is named: in the title (2026年第三季度, 2026年1至11月, 2026年7月) and leading a sentence (全年, 1至11月,
 * 7月份，); for a month also the 累计 span (1—7月; 1月1日至12月7日 while the month runs).
 */
export function periodWords(figures: Pick<Figures, 'year' | 'quarter' | 'month' | 'period' | 'partial'>): PeriodWords {
  const year = `${String(figures.year)}年`;
  const toMonth = Number(figures.period.to.slice(5, 7));
  const fromMonth = Number(figures.period.from.slice(5, 7));
  if (figures.month !== null) {
    const month = `${String(figures.month)}月`;
    const day = Number(figures.period.to.slice(8, 10));
    // A month counted to date: 12月1日至7日 (an empty period before it starts is refused by the reports).
    const running = figures.partial && figures.period.to >= figures.period.from;
    const cumulative = figures.month === 1 ? '' : running ? `1月1日至${month}${String(day)}日` : `1—${month}`;
    if (!running) return { title: `${year}${month}`, lead: `${month}份，`, cumulative };
    return { title: `${year}${month}（1至${String(day)}日）`, lead: `${month}1日至${String(day)}日，`, cumulative };
  }
  if (figures.quarter === null) {
    if (!figures.partial) return { title: year, lead: '全年', cumulative: null };
    return { title: `${year}1至${String(toMonth)}月`, lead: `1至${String(toMonth)}月`, cumulative: null };
  }
  const name = QUARTER_NAMES[figures.quarter] ?? '';
  if (!figures.partial) return { title: `${year}${name}`, lead: name, cumulative: null };
  const span = fromMonth === toMonth ? `${String(toMonth)}月` : `${String(fromMonth)}至${String(toMonth)}月`;
  return { title: `${year}${name}（${span}）`, lead: span, cumulative: null };
}

/** The prose kind and unit word of an indicator unit: cases are counted in 起 in reports. */
function proseUnit(unit: string): { kind: ProseKind; unit: string } {
  switch (unit) {
    case '件':
      return { kind: 'count', unit: '起' };
    case '人':
    case '人次':
    case '包':
      return { kind: 'count', unit };
    case '克':
      return { kind: 'grams', unit: '' };
    case '千克':
      return { kind: 'kilograms', unit: '' };
    case '元':
      return { kind: 'money', unit: '' };
    case '%':
      return { kind: 'rate', unit: '' };
    default:
      return { kind: 'decimal', unit };
  }
}

export function fromFigureRow(row: FigureRow): ReportFigure {
  const { kind } = proseUnit(row.unit);
  return { code: row.indicator, label: row.label, unit: row.unit, kind, value: row.value, target: row.target, completion: row.completion, lastYearValue: row.lastYearValue, yoyChange: row.yoyChange, cumulative: row.cumulative };
}

export function fromIndicatorValue(definition: IndicatorDefinitionDto, value: IndicatorValue): ReportFigure {
  const { kind } = proseUnit(definition.unit);
  return { code: value.code, label: definition.label, unit: definition.unit, kind, value: value.value, target: null, completion: null, lastYearValue: value.lastYearValue, yoyChange: value.yoyChange, cumulative: null };
}

/** Short names after 其中: 破获重特大毒品案件 → 重特大毒品案件. */
const shortName = (label: string): string => label.replace(/^(破获|抓获|缴获|逮捕|查处|查封扣押冻结|没收)/, '');

/** A figure as the prose words it; a code with no figure counts as missing (暂无数据). A month's 累计 is worded after it. */
export function proseFigure(figure: ReportFigure | undefined, code: string, cumulativeLabel: string | null = null): ProseFigure {
  if (!figure) return { phrase: code, unit: '', kind: 'count', value: null, completion: null, lastYearValue: null, yoyChange: null };
  const words = proseUnit(figure.unit);
  const rate = figure.kind === 'rate';
  return {
    phrase: figure.label,
    shortName: shortName(figure.label),
    unit: words.unit,
    kind: figure.kind,
    value: rate && figure.value !== null ? Number(figure.value) : figure.value,
    completion: figure.completion,
    lastYearValue: rate && figure.lastYearValue !== null ? Number(figure.lastYearValue) : figure.lastYearValue,
    yoyChange: figure.yoyChange,
    cumulative: cumulativeLabel !== null && figure.cumulative ? { label: cumulativeLabel, value: figure.cumulative.value, completion: figure.cumulative.completion } : null,
  };
}

const TABLE_COLUMNS = ['指标', '本期', '任务数', '完成率', '去年同期', '同比'];

function tableRow(figure: ReportFigure): string[] {
  const words = proseUnit(figure.unit);
  const value = (text: string | null): string => (text === null ? '—' : formatValueZh(words, figure.kind === 'rate' ? Number(text) : text));
  const change = figure.yoyChange === null ? '无同期数' : `${figure.yoyChange > 0 ? '+' : ''}${figure.kind === 'rate' ? `${figure.yoyChange.toFixed(1)}个百分点` : formatRateZh(figure.yoyChange)}`;
  return [figure.label, value(figure.value), figure.target === null ? '—' : value(figure.target), figure.completion === null ? '无任务数' : formatRateZh(figure.completion), value(figure.lastYearValue), change];
}

/** A month's table: the month, 去年同月, 同比, then its 累计 against the YEAR's target (a month has no target of its own). */
function monthColumns(cumulativeLabel: string): string[] {
  return ['指标', '本月', '去年同月', '同比', `${cumulativeLabel === '' ? '1月' : cumulativeLabel}累计`, '年度任务数', '完成年度任务数'];
}

function monthTableRow(figure: ReportFigure): string[] {
  const [label = '', value = '', , , lastYear = '', change = ''] = tableRow(figure);
  const words = proseUnit(figure.unit);
  const total = figure.cumulative;
  if (!total) return [label, value, lastYear, change, '—', '—', '—'];
  return [label, value, lastYear, change, formatValueZh(words, total.value), total.yearTarget === null ? '—' : formatValueZh(words, total.yearTarget), total.completion === null ? '无任务数' : formatRateZh(total.completion)];
}

export interface ChartData {
  categories: string[];
  values: number[];
}

/** The report's sections: prose from the template's sentences, the table, and the chart data when given. */
export function reportSections(
  template: ReportTemplateBody,
  figures: ReadonlyMap<string, ReportFigure>,
  lead: string,
  charts: ReadonlyMap<string, ChartData>,
  /** A month's 累计 span (1—7月; '' for January); null for a year or a quarter. */
  cumulativeLabel: string | null = null,
): ReportPreview['sections'] {
  const label = (code: string): string => figures.get(code)?.label ?? code;
  const monthly = cumulativeLabel !== null;
  return template.sections.map((section) => {
    const sentences = section.sentences.map((sentence, i) =>
      sentenceZh(i === 0 ? lead : '', sentence.clauses.map((clause) => ({
        figure: proseFigure(figures.get(clause.indicator), clause.indicator, cumulativeLabel),
        options: { details: clause.details.map((d) => proseFigure(figures.get(d), d)), completion: clause.completion, yoy: clause.yoy },
      }))),
    );
    const tableRows = section.table.flatMap((code) => {
      const figure = figures.get(code);
      return figure ? [monthly ? monthTableRow(figure) : tableRow(figure)] : [];
    });
    const chart = section.chart === null ? undefined : charts.get(section.chart);
    return {
      heading: section.heading,
      paragraphs: [...(section.intro ? [section.intro] : []), ...sentences.filter((s) => s !== '')],
      table: tableRows.length > 0 ? { caption: `${section.heading}统计表`, columns: monthly ? monthColumns(cumulativeLabel) : TABLE_COLUMNS, rows: tableRows } : null,
      chart: section.chart !== null && chart ? { caption: `各乡镇（街道）${label(section.chart)}`, ...chart } : null,
    };
  });
}
