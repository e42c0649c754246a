import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  changePhraseZh,
  clauseZh,
  formatCountZh,
  formatGramsZh,
  formatMoneyZh,
  formatOneDecimal,
  formatValueZh,
  sentenceZh,
  type ProseFigure,
} from './report-prose.ts';

const count = (phrase: string, unit: string, value: string | null, more: Partial<ProseFigure> = {}): ProseFigure => ({
  phrase,
  unit,
  kind: 'count',
  value,
  completion: null,
  lastYearValue: null,
  yoyChange: null,
  ...more,
});

describe('Chinese numbers in reports', () => {
  it('writes counts in digits below 10,000 and in 万 with one decimal above', () => {
    assert.equal(formatCountZh('0'), '0');
    assert.equal(formatCountZh('9999'), '9999');
    assert.equal(formatCountZh('10000'), '1万');
    assert.equal(formatCountZh('12345'), '1.2万');
    assert.equal(formatCountZh('12500'), '1.3万');
    assert.equal(formatCountZh('99999'), '10万');
    assert.equal(formatCountZh('1234567'), '123.5万');
  });

  it('writes grams with trailing zeros dropped and from 10,000 g in 千克', () => {
    assert.equal(formatGramsZh('2620.000'), '2620克');
    assert.equal(formatGramsZh('2620.500'), '2620.5克');
    assert.equal(formatGramsZh('0.125'), '0.125克');
    assert.equal(formatGramsZh('9999.999'), '9999.999克');
    assert.equal(formatGramsZh('10000'), '10千克');
    assert.equal(formatGramsZh('12625.000'), '12.63千克');
    assert.equal(formatGramsZh('12624.999'), '12.62千克');
  });

  it('writes money in 元 and from 10,000 yuan in 万元', () => {
    assert.equal(formatMoneyZh('1234.50'), '1234.5元');
    assert.equal(formatMoneyZh('9999.99'), '9999.99元');
    assert.equal(formatMoneyZh('10000.00'), '1万元');
    assert.equal(formatMoneyZh('3568000'), '356.8万元');
    assert.equal(formatMoneyZh('12345.67'), '1.23万元');
  });

  it('writes kilograms with trailing zeros dropped', () => {
    assert.equal(formatValueZh({ kind: 'kilograms', unit: '' }, '12.500'), '12.5千克');
    assert.equal(formatValueZh({ kind: 'kilograms', unit: '' }, '0.001'), '0.001千克');
  });

  it('rounds rates to one decimal half away from zero and drops a trailing .0', () => {
    assert.equal(formatOneDecimal(72), '72');
    assert.equal(formatOneDecimal(102.25), '102.3');
    assert.equal(formatOneDecimal(-5.25), '-5.3');
    assert.equal(formatOneDecimal(-0.04), '0');
    assert.equal(formatOneDecimal(33.0), '33');
  });
});

describe('change wording', () => {
  it('says 上升/下降 with the % for counts and 持平 at zero', () => {
    assert.equal(changePhraseZh(count('抓获犯罪嫌疑人', '人', '145', { lastYearValue: '109', yoyChange: 33.0 })), '同比上升33%');
    assert.equal(changePhraseZh(count('抓获犯罪嫌疑人', '人', '80', { lastYearValue: '100', yoyChange: -20.0 })), '同比下降20%');
    assert.equal(changePhraseZh(count('抓获犯罪嫌疑人', '人', '100', { lastYearValue: '100', yoyChange: 0 })), '与去年同期持平');
  });

  it('says 去年同期为零 when last year was zero, nothing when both are zero or last year is unknown', () => {
    assert.equal(changePhraseZh(count('抓获犯罪嫌疑人', '人', '5', { lastYearValue: '0' })), '去年同期为零');
    assert.equal(changePhraseZh(count('抓获犯罪嫌疑人', '人', '0', { lastYearValue: '0' })), null);
    assert.equal(changePhraseZh(count('抓获犯罪嫌疑人', '人', '5')), null);
    assert.equal(changePhraseZh(count('抓获犯罪嫌疑人', '人', null, { lastYearValue: '3', yoyChange: 10 })), null);
  });

  it('words a rate change in percentage points', () => {
    const rate: ProseFigure = { phrase: '社区戒毒社区康复执行率', unit: '', kind: 'rate', value: 72, completion: null, lastYearValue: 66.8, yoyChange: 5.2 };
    assert.equal(changePhraseZh(rate), '较去年同期上升5.2个百分点');
    assert.equal(changePhraseZh({ ...rate, yoyChange: -1.04 }), '较去年同期下降1个百分点');
    assert.equal(changePhraseZh({ ...rate, yoyChange: 0.04 }), '与去年同期持平');
  });
});

describe('sentences', () => {
  it('writes the yearly enforcement sentence the way the office writes it', () => {
    const solved = count('破获毒品刑事案件', '起', '91', { completion: 102.2 });
    const sentence = sentenceZh('全年', [
      {
        figure: solved,
        options: { details: [count('特大', '起', '10', { shortName: '特大案件' }), count('重大', '起', '3', { shortName: '重大案件' })], yoy: false },
      },
      { figure: { phrase: '缴获各类毒品', unit: '', kind: 'grams', value: '2620.000', completion: 142.3, lastYearValue: null, yoyChange: null } },
      { figure: count('抓获犯罪嫌疑人', '人', '108') },
    ]);
    assert.equal(sentence, '全年共破获毒品刑事案件91起，其中特大案件10起、重大案件3起，完成任务数的102.2%；缴获各类毒品2620克，完成任务数的142.3%；抓获犯罪嫌疑人108人。');
  });

  it('writes a rate sentence with its change in percentage points', () => {
    const rate: ProseFigure = { phrase: '社区戒毒社区康复执行率', unit: '', kind: 'rate', value: 72, completion: null, lastYearValue: 66.8, yoyChange: 5.2 };
    assert.equal(sentenceZh('', [{ figure: rate }]), '社区戒毒社区康复执行率为72%，较去年同期上升5.2个百分点。');
  });

  it('words zero and missing values instead of writing 0 after a verb', () => {
    assert.equal(clauseZh(count('缴获各类毒品', '克', '0', { completion: 0 })), '未缴获各类毒品，完成任务数的0%');
    assert.equal(clauseZh(count('现有吸毒人员', '人', '0')), '现有吸毒人员为0人');
    assert.equal(clauseZh({ phrase: '涉毒资产', unit: '', kind: 'money', value: '0.00', completion: null, lastYearValue: null, yoyChange: null }), '涉毒资产为0元');
    assert.equal(clauseZh(count('抓获犯罪嫌疑人', '人', null, { completion: 50, lastYearValue: '4', yoyChange: 10 })), '抓获犯罪嫌疑人暂无数据');
    assert.equal(sentenceZh('全年', [{ figure: count('破获毒品刑事案件', '起', '0') }]), '全年未破获毒品刑事案件。');
  });

  it('leaves out zero parts after 其中 and the whole 其中 when all are zero', () => {
    const solved = count('破获毒品刑事案件', '起', '12');
    assert.equal(clauseZh(solved, { details: [count('特大案件', '起', '0'), count('重大案件', '起', '2')] }), '破获毒品刑事案件12起，其中重大案件2起');
    assert.equal(clauseZh(solved, { details: [count('特大案件', '起', '0')] }), '破获毒品刑事案件12起');
  });

  it('writes a monthly sentence: the month with its 同比, then 1—7月累计 and the completion of the YEAR target', () => {
    const solved = count('破获毒品刑事案件', '起', '5', { lastYearValue: '4', yoyChange: 25, cumulative: { label: '1—7月', value: '30', completion: 33.7 } });
    const grams: ProseFigure = { phrase: '缴获毒品', unit: '', kind: 'grams', value: '0.000', completion: null, lastYearValue: '0.000', yoyChange: null, cumulative: { label: '1—7月', value: '2620.500', completion: null } };
    assert.equal(
      sentenceZh('7月份，', [{ figure: solved }, { figure: grams }]),
      '7月份，共破获毒品刑事案件5起，同比上升25%，1—7月累计破获毒品刑事案件30起，完成年度任务数的33.7%；未缴获毒品，1—7月累计缴获毒品2620.5克。',
    );
    // Nothing in the year so far: 1—7月累计为0人; completion switched off in the template: no 完成年度任务数.
    const none = count('抓获毒品逃犯', '人', '0', { cumulative: { label: '1—7月', value: '0', completion: 0 } });
    assert.equal(clauseZh(none), '未抓获毒品逃犯，1—7月累计为0人，完成年度任务数的0%');
    assert.equal(clauseZh(count('强制隔离戒毒', '人', '0', { cumulative: { label: '1—7月', value: '2', completion: null } })), '强制隔离戒毒为0人，1—7月累计强制隔离戒毒2人');
    assert.equal(clauseZh(solved, { completion: false, yoy: false }), '破获毒品刑事案件5起，1—7月累计破获毒品刑事案件30起');
    // January is its own 累计: only the year's completion follows the month.
    const january = count('破获毒品刑事案件', '起', '3', { cumulative: { label: '', value: '3', completion: 5 } });
    assert.equal(clauseZh(january, { yoy: false }), '破获毒品刑事案件3起，完成年度任务数的5%');
    // A missing figure says so and nothing more.
    assert.equal(clauseZh(count('破获毒品刑事案件', '起', null, { cumulative: { label: '1—7月', value: '3', completion: 5 } })), '破获毒品刑事案件暂无数据');
  });

  it('gives an empty sentence for no clauses', () => {
    assert.equal(sentenceZh('全年', []), '');
  });
});
