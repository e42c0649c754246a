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
}

const QUARTER_NAMES = ['', '第一季度', '第二季度', '第三季度', '第四季度'];

/** How the period is named: in the title (2026年第三季度, 2026年1至11月) and leading a sentence (全年, 1至11月). */
export function periodWords(figures: Pick<Figures, 'year' | 'quarter' | 'period' | 'partial'>): { title: string; lead: string } {
  const year = `${String(figures.year)}年`;
  const toMonth = Number(figures.period.to.slice(5, 7));
  const fromMonth = Number(figures.period.from.slice(5, 7));
  if (figures.quarter === null) {
    if (!figures.partial) return { title: year, lead: '全年' };
    return { title: `${year}1至${String(toMonth)}月`, lead: `1至${String(toMonth)}月` };
  }
  const name = QUARTER_NAMES[figures.quarter] ?? '';
  if (!figures.partial) return { title: `${year}${name}`, lead: name };
  const span = fromMonth === toMonth ? `${String(toMonth)}月` : `${String(fromMonth)}至${String(toMonth)}月`;
  return { title: `${year}${name}（${span}）`, lead: span };
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
  return { code: row.indicator, label: row.label, unit: row.unit, kind, value: row.value, target: row.target, completion: row.completion, lastYearValue: row.lastYearValue, yoyChange: row.yoyChange };
}

export function fromIndicatorValue(definition: IndicatorDefinitionDto, value: IndicatorValue): ReportFigure {
  const { kind } = proseUnit(definition.unit);
  return { code: value.code, label: definition.label, unit: definition.unit, kind, value: value.value, target: null, completion: null, lastYearValue: value.lastYearValue, yoyChange: value.yoyChange };
}

/** Short names after 其中: 破获重特大毒品案件 → 重特大毒品案件. */
const shortName = (label: string): string => label.replace(/^(破获|抓获|缴获|逮捕|查处|查封扣押冻结|没收)/, '');

/** A figure as the prose words it; a code with no figure counts as missing (暂无数据). */
export function proseFigure(figure: ReportFigure | undefined, code: string): ProseFigure {
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
  };
}

const TABLE_COLUMNS = ['指标', '本期', '任务数', '完成率', '去年同期', '同比'];

function tableRow(figure: ReportFigure): string[] {
  const words = proseUnit(figure.unit);
  const value = (text: string | null): string => (text === null ? '—' : formatValueZh(words, figure.kind === 'rate' ? Number(text) : text));
  const change = figure.yoyChange === null ? '无同期数' : `${figure.yoyChange > 0 ? '+' : ''}${figure.kind === 'rate' ? `${figure.yoyChange.toFixed(1)}个百分点` : formatRateZh(figure.yoyChange)}`;
  return [figure.label, value(figure.value), figure.target === null ? '—' : value(figure.target), figure.completion === null ? '无任务数' : formatRateZh(figure.completion), value(figure.lastYearValue), change];
}

export interface ChartData {
  categories: string[];
  values: number[];
}

/** The report's sections: prose from the template's sentences, the table, and the chart data when given. */
export function reportSections(template: ReportTemplateBody, figures: ReadonlyMap<string, ReportFigure>, lead: string, charts: ReadonlyMap<string, ChartData>): ReportPreview['sections'] {
  const label = (code: string): string => figures.get(code)?.label ?? code;
  return template.sections.map((section) => {
    const sentences = section.sentences.map((sentence, i) =>
      sentenceZh(i === 0 ? lead : '', sentence.clauses.map((clause) => ({
        figure: proseFigure(figures.get(clause.indicator), clause.indicator),
        options: { details: clause.details.map((d) => proseFigure(figures.get(d), d)), completion: clause.completion, yoy: clause.yoy },
      }))),
    );
    const tableRows = section.table.flatMap((code) => {
      const figure = figures.get(code);
      return figure ? [tableRow(figure)] : [];
    });
    const chart = section.chart === null ? undefined : charts.get(section.chart);
    return {
      heading: section.heading,
      paragraphs: [...(section.intro ? [section.intro] : []), ...sentences.filter((s) => s !== '')],
      table: tableRows.length > 0 ? { caption: `${section.heading}统计表`, columns: TABLE_COLUMNS, rows: tableRows } : null,
      chart: section.chart !== null && chart ? { caption: `各乡镇（街道）${label(section.chart)}`, ...chart } : null,
    };
  });
}
