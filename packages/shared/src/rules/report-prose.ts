/**
 * Chinese prose of the bulletins and work summaries (简报 / 工作总结), written the way these reports are written:
 * "全年共破获毒品刑事案件91起，其中特大案件10起、重大案件3起，完成任务数的102.2%；缴获各类毒品2620克，完成任务数的142.3%。"
 * and "社区戒毒社区康复执行率为72%，较去年同期上升5.2个百分点。"
 *
 * Pure: the numbers come from the indicator layer (the same figures as on screen and in Excel); this file only words
 * them. Conventions, unit-tested in report-prose.spec.ts and written down in docs/reports.md:
 * - counts below 10,000 are written in digits (108人); from 10,000 on in 万 with one decimal, a trailing .0 dropped
 *   (12,345 → 1.2万人, 30,000 → 3万人);
 * - grams keep up to three decimals with trailing zeros dropped (2620.500 → 2620.5克); from 10,000 g they are written
 *   in 千克 with up to two decimals (12,625 g → 12.63千克);
 * - kilograms keep up to three decimals (12.5千克);
 * - money (yuan text) is written in 元 below 10,000 yuan and in 万元 with up to two decimals above;
 * - rates have one decimal with a trailing .0 dropped (72.0 → 72%, 102.2 → 102.2%); other decimals (rates per 10,000
 *   residents) are written as given, with their unit (4.3人/万人);
 * - change of a count or quantity is 同比上升/下降 n% or 与去年同期持平; when last year was zero: 去年同期为零 (nothing
 *   when this year is zero too);
 *   change of a rate is in percentage points: 较去年同期上升/下降 n个百分点 or 与去年同期持平;
 * - a zero count is worded as "未<verb phrase>" when the phrase starts with a verb (未缴获毒品), else "<phrase>为0<unit>";
 *   (查封扣押冻结涉毒资产为0元); a missing value (no data for the period) as "<phrase>暂无数据".
 */
import { formatScaled, parseScaled } from './figures.ts';

export type ProseKind = 'count' | 'grams' | 'kilograms' | 'money' | 'rate' | 'decimal';

/** One figure as the prose needs it: how to word the indicator and its numbers for the period. */
export interface ProseFigure {
  /** Verb phrase before the value: 破获毒品刑事案件, 缴获各类毒品, 社区戒毒社区康复执行率. */
  phrase: string;
  /** Short name used after 其中: 特大案件. Defaults to the phrase. */
  shortName?: string;
  /** 起, 人, 克 … (ignored for grams, money and rates, which carry their own units). */
  unit: string;
  kind: ProseKind;
  /** Counts as integer text, grams/kilograms/yuan as decimal text, rates as a number in % (72.5); null when missing. */
  value: string | number | null;
  completion: number | null;
  /** Last year's value, for wording a change from zero; a rate's change is `yoyChange` in percentage points. */
  lastYearValue: string | number | null;
  /** % change for counts/grams/money; percentage points for rates; null when not comparable. */
  yoyChange: number | null;
  /**
   * A month's 累计 (monthly bulletins): the value from 1 January to the month's end and its completion of the YEAR's
   * target, worded after the month's own figure: "…，1—7月累计破获毒品刑事案件30起，完成年度任务数的33.7%" (nothing yet:
   * "1—7月累计为0起"). `label` is '1—7月'; for January ('' label) the month is its own 累计 and only the completion is worded.
   */
  cumulative?: { label: string; value: string; completion: number | null } | null;
}

export interface ClauseOptions {
  /** Figures worded after 其中 (the parts of this figure). */
  details?: readonly ProseFigure[];
  completion?: boolean;
  yoy?: boolean;
}

const VERBS = ['破获', '缴获', '抓获', '查处', '查获', '收戒', '摧毁', '打掉', '发现', '新发现', '铲除', '开展', '处置', '侦破', '收缴', '登记', '排查', '帮扶'];

/** 一位小数, half away from zero, trailing .0 dropped: 72 → '72', 102.25 → '102.3', -5.2 → '-5.2'. */
export function formatOneDecimal(value: number): string {
  const tenths = Math.round(Math.abs(value) * 10 + Number.EPSILON * 10);
  const text = (tenths / 10).toFixed(1).replace(/\.0$/, '');
  return value < 0 && tenths !== 0 ? `-${text}` : text;
}

/** Digits below 10,000; 万 with one decimal from 10,000 on (12345 → '1.2万'). */
export function formatCountZh(count: string | number): string {
  const n = BigInt(typeof count === 'number' ? Math.trunc(count) : count);
  if (n < 10_000n && n > -10_000n) return n.toString();
  // tenths of 万, rounded half up on the magnitude
  const magnitude = n < 0n ? -n : n;
  const tenths = (magnitude * 2n + 1_000n) / 2_000n;
  const text = formatScaled(tenths, 1).replace(/\.0$/, '');
  return `${n < 0n ? '-' : ''}${text}万`;
}

/** Decimal text with at most `places` decimals, rounded half up, trailing zeros dropped. */
function roundDecimalText(value: bigint, scale: number, places: number): string {
  const drop = 10n ** BigInt(scale - places);
  const rounded = (value * 2n + drop) / (2n * drop);
  const text = formatScaled(rounded, places);
  return places === 0 ? text : text.replace(/0+$/, '').replace(/\.$/, '');
}

/** Grams: '2620.500' → '2620.5克'; from 10,000 g in 千克 ('12625' → '12.63千克'). */
export function formatGramsZh(grams: string): string {
  const thousandths = parseScaled(grams, 3);
  if (thousandths < 10_000_000n) return `${roundDecimalText(thousandths, 3, 3)}克`;
  // kilograms with up to two decimals: grams × 1000 thousandths = kg × 10^6
  return `${roundDecimalText(thousandths, 6, 2)}千克`;
}

/** Money in yuan: '1234.50' → '1234.5元'; from 10,000 yuan in 万元 ('3568000.00' → '356.8万元'). */
export function formatMoneyZh(yuan: string): string {
  const value = parseScaled(yuan, 2);
  if (value < 1_000_000n) return `${roundDecimalText(value, 2, 2)}元`;
  return `${roundDecimalText(value, 6, 2)}万元`;
}

export function formatRateZh(rate: number): string {
  return `${formatOneDecimal(rate)}%`;
}

function isZero(value: string | number): boolean {
  return typeof value === 'number' ? value === 0 : /^[0.]*$/.test(value.trim());
}

/** The value with its unit: 91起, 2620克, 356.8万元, 72%. */
export function formatValueZh(figure: Pick<ProseFigure, 'kind' | 'unit'>, value: string | number): string {
  switch (figure.kind) {
    case 'count':
      return `${formatCountZh(value)}${figure.unit}`;
    case 'grams':
      return formatGramsZh(String(value));
    case 'kilograms':
      return `${roundDecimalText(parseScaled(String(value), 3), 3, 3)}千克`;
    case 'money':
      return formatMoneyZh(String(value));
    case 'rate':
      return formatRateZh(Number(value));
    case 'decimal':
      return `${String(value)}${figure.unit}`;
  }
}

/** 同比上升33%, 同比下降20%, 与去年同期持平, 去年同期为零; for rates 较去年同期上升5.2个百分点. Null when there is nothing to say. */
export function changePhraseZh(figure: ProseFigure): string | null {
  if (figure.value === null) return null;
  if (figure.kind === 'rate') {
    if (figure.yoyChange === null) return null;
    if (formatOneDecimal(figure.yoyChange) === '0') return '与去年同期持平';
    return `较去年同期${figure.yoyChange > 0 ? '上升' : '下降'}${formatOneDecimal(Math.abs(figure.yoyChange))}个百分点`;
  }
  if (figure.yoyChange === null) {
    if (figure.lastYearValue === null) return null;
    // Nothing then and nothing now says nothing (未缴获海洛因, not 未缴获海洛因，与去年同期持平).
    return isZero(figure.lastYearValue) && !isZero(figure.value) ? '去年同期为零' : null;
  }
  if (formatOneDecimal(figure.yoyChange) === '0') return '与去年同期持平';
  return `同比${figure.yoyChange > 0 ? '上升' : '下降'}${formatOneDecimal(Math.abs(figure.yoyChange))}%`;
}

/** The figure alone: 破获毒品刑事案件91起 / 未缴获毒品 / 执行率为72% / …暂无数据. */
function mainPhrase(figure: ProseFigure): string {
  if (figure.value === null) return `${figure.phrase}暂无数据`;
  if (figure.kind === 'rate') return `${figure.phrase}为${formatValueZh(figure, figure.value)}`;
  if (isZero(figure.value)) {
    return VERBS.some((verb) => figure.phrase.startsWith(verb)) ? `未${figure.phrase}` : `${figure.phrase}为${formatValueZh(figure, '0')}`;
  }
  return `${figure.phrase}${formatValueZh(figure, figure.value)}`;
}

/** One clause: the figure, its parts after 其中, its completion and its change, separated by Chinese commas. */
export function clauseZh(figure: ProseFigure, options: ClauseOptions = {}): string {
  const parts = [mainPhrase(figure)];
  const details = (options.details ?? []).filter((d) => d.value !== null && !isZero(d.value));
  if (figure.value !== null && details.length > 0) {
    parts.push(`其中${details.map((d) => `${d.shortName ?? d.phrase}${formatValueZh(d, d.value ?? 0)}`).join('、')}`);
  }
  if ((options.completion ?? true) && figure.value !== null && figure.completion !== null) parts.push(`完成任务数的${formatRateZh(figure.completion)}`);
  const change = (options.yoy ?? true) ? changePhraseZh(figure) : null;
  if (change) parts.push(change);
  const cumulative = figure.value === null ? null : figure.cumulative;
  if (cumulative) {
    // 1—7月累计破获…30起 (1—7月累计为0起 when nothing yet); January is its own 累计: only the year's completion follows.
    if (cumulative.label !== '') {
      const total = isZero(cumulative.value) ? `为${formatValueZh(figure, '0')}` : `${figure.phrase}${formatValueZh(figure, cumulative.value)}`;
      parts.push(`${cumulative.label}累计${total}`);
    }
    if ((options.completion ?? true) && cumulative.completion !== null) parts.push(`完成年度任务数的${formatRateZh(cumulative.completion)}`);
  }
  return parts.join('，');
}

/**
 * A sentence of clauses joined by ；and ended by 。, led by the period for counts ("全年共破获…") or plainly for a rate
 * ("全年社区戒毒社区康复执行率为72%…"). An empty list gives ''.
 */
export function sentenceZh(periodLabel: string, clauses: readonly { figure: ProseFigure; options?: ClauseOptions }[]): string {
  if (clauses.length === 0) return '';
  const [first] = clauses;
  const counted = first !== undefined && first.figure.kind !== 'rate' && first.figure.value !== null && !isZero(first.figure.value);
  const lead = `${periodLabel}${counted ? '共' : ''}`;
  return `${lead}${clauses.map((c) => clauseZh(c.figure, c.options)).join('；')}。`;
}
