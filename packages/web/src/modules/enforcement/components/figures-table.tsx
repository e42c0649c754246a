import { Button, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { formatRate } from '@qingyuan/shared';
import type { EnforcementFigureComparison, FigureRow } from '@qingyuan/shared';

interface FiguresTableProps {
  rows: readonly FigureRow[];
  /** 1–12 when the rows are a month's: 本月/去年同月/上月 and the 1—N月累计 columns against the year's target. */
  month?: number | null;
  loading: boolean;
  canSetTargets: boolean;
  onDrill: (row: FigureRow, compare: EnforcementFigureComparison) => void;
  onTarget: (row: FigureRow) => void;
}

/** 同比/环比: up in red, down in green (the convention of Chinese statistical tables). */
function Change({ rate, missing }: { rate: number | null; missing: string }) {
  const type = rate === null || rate === 0 ? 'secondary' : undefined;
  const color = rate !== null && rate > 0 ? '#cf1322' : rate !== null && rate < 0 ? '#389e0d' : undefined;
  return <Typography.Text type={type} style={color ? { color } : undefined}>{formatRate(rate, { signed: true, missing })}</Typography.Text>;
}

const COMPARE_WORDS: Record<EnforcementFigureComparison, string> = { current: '', lastYear: '同期', previous: '上期', cumulative: '累计' };

export function FiguresTable({ rows, month = null, loading, canSetTargets, onDrill, onTarget }: FiguresTableProps) {
  const drill = (row: FigureRow, compare: EnforcementFigureComparison, text: string) => (
    <Button type="link" size="small" style={{ padding: 0 }} onClick={() => { onDrill(row, compare); }} aria-label={`${row.label}${COMPARE_WORDS[compare]}明细`}>
      {text}
    </Button>
  );
  const columns: TableColumnsType<FigureRow> = month !== null ? monthColumns(month, drill) : [
    { title: '指标', dataIndex: 'label', render: (_: unknown, r) => (r.indicator.startsWith('seizures.grams.') ? <span style={{ paddingLeft: 16 }}>其中：{r.label.replace(/^缴获/, '')}</span> : r.label) },
    { title: '单位', dataIndex: 'unit', width: 60 },
    { title: '本期', dataIndex: 'value', width: 120, align: 'right', render: (_: unknown, r) => drill(r, 'current', r.value) },
    { title: '任务数', dataIndex: 'target', width: 110, align: 'right', render: (_: unknown, r) => r.target ?? <Typography.Text type="secondary">—</Typography.Text> },
    { title: '完成率', dataIndex: 'completion', width: 90, align: 'right', render: (_: unknown, r) => <span data-testid={`completion-${r.indicator}`}>{formatRate(r.completion, { missing: '无任务数' })}</span> },
    { title: '去年同期', dataIndex: 'lastYearValue', width: 120, align: 'right', render: (_: unknown, r) => drill(r, 'lastYear', r.lastYearValue) },
    { title: '同比', dataIndex: 'yoyChange', width: 90, align: 'right', render: (_: unknown, r) => <Change rate={r.yoyChange} missing="无同期数" /> },
    { title: '上期', dataIndex: 'previousValue', width: 110, align: 'right', render: (_: unknown, r) => drill(r, 'previous', r.previousValue) },
    { title: '环比', dataIndex: 'popChange', width: 90, align: 'right', render: (_: unknown, r) => <Change rate={r.popChange} missing="无上期数" /> },
  ];
  if (canSetTargets) {
    columns.push({ title: '操作', key: 'target', width: 96, render: (_: unknown, r) => <Button type="link" size="small" onClick={() => { onTarget(r); }}>设置任务数</Button> });
  }
  return (
    <div data-testid="figures-table">
      <Table<FigureRow> rowKey="indicator" size="small" columns={columns} dataSource={[...rows]} loading={loading} pagination={false} scroll={{ x: month === null ? 1000 : 1300 }} />
    </div>
  );
}

const label: TableColumnsType<FigureRow>[number] = {
  title: '指标',
  dataIndex: 'label',
  render: (_: unknown, r: FigureRow) => (r.indicator.startsWith('seizures.grams.') ? <span style={{ paddingLeft: 16 }}>其中：{r.label.replace(/^缴获/, '')}</span> : r.label),
};

/** A month: its value, 同比 and 环比, then 1—N月累计 against the year's target (a month has no target of its own). */
function monthColumns(month: number, drill: (row: FigureRow, compare: EnforcementFigureComparison, text: string) => ReactNode): TableColumnsType<FigureRow> {
  const total = month === 1 ? '1月累计' : `1—${String(month)}月累计`;
  return [
    label,
    { title: '单位', dataIndex: 'unit', width: 60 },
    { title: '本月', dataIndex: 'value', width: 110, align: 'right', render: (_: unknown, r) => drill(r, 'current', r.value) },
    { title: '去年同月', dataIndex: 'lastYearValue', width: 110, align: 'right', render: (_: unknown, r) => drill(r, 'lastYear', r.lastYearValue) },
    { title: '同比', dataIndex: 'yoyChange', width: 90, align: 'right', render: (_: unknown, r) => <Change rate={r.yoyChange} missing="无同期数" /> },
    { title: '上月', dataIndex: 'previousValue', width: 110, align: 'right', render: (_: unknown, r) => drill(r, 'previous', r.previousValue) },
    { title: '环比', dataIndex: 'popChange', width: 90, align: 'right', render: (_: unknown, r) => <Change rate={r.popChange} missing="无上期数" /> },
    { title: total, key: 'cumulative', width: 120, align: 'right', render: (_: unknown, r) => (r.cumulative ? drill(r, 'cumulative', r.cumulative.value) : '—') },
    { title: '年度任务数', key: 'yearTarget', width: 110, align: 'right', render: (_: unknown, r) => r.cumulative?.yearTarget ?? <Typography.Text type="secondary">—</Typography.Text> },
    {
      title: '完成年度任务数',
      key: 'completion',
      width: 110,
      align: 'right',
      render: (_: unknown, r) => <span data-testid={`completion-${r.indicator}`}>{formatRate(r.cumulative?.completion ?? null, { missing: '无任务数' })}</span>,
    },
    { title: '累计同比', key: 'cumulativeYoy', width: 90, align: 'right', render: (_: unknown, r) => <Change rate={r.cumulative?.yoyChange ?? null} missing="无同期数" /> },
  ];
}
