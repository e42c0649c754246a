import { Button, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { formatRate } from '@qingyuan/shared';
import type { FigureComparison, FigureRow } from '@qingyuan/shared';

interface FiguresTableProps {
  rows: readonly FigureRow[];
  loading: boolean;
  canSetTargets: boolean;
  onDrill: (row: FigureRow, compare: FigureComparison) => void;
  onTarget: (row: FigureRow) => void;
}

/** 同比/环比: up in red, down in green (the convention of Chinese statistical tables). */
function Change({ rate, missing }: { rate: number | null; missing: string }) {
  const type = rate === null || rate === 0 ? 'secondary' : undefined;
  const color = rate !== null && rate > 0 ? '#cf1322' : rate !== null && rate < 0 ? '#389e0d' : undefined;
  return <Typography.Text type={type} style={color ? { color } : undefined}>{formatRate(rate, { signed: true, missing })}</Typography.Text>;
}

export function FiguresTable({ rows, loading, canSetTargets, onDrill, onTarget }: FiguresTableProps) {
  const drill = (row: FigureRow, compare: FigureComparison, text: string) => (
    <Button type="link" size="small" style={{ padding: 0 }} onClick={() => { onDrill(row, compare); }} aria-label={`${row.label}${compare === 'current' ? '' : compare === 'lastYear' ? '同期' : '上期'}明细`}>
      {text}
    </Button>
  );
  const columns: TableColumnsType<FigureRow> = [
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
      <Table<FigureRow> rowKey="indicator" size="small" columns={columns} dataSource={[...rows]} loading={loading} pagination={false} scroll={{ x: 1000 }} />
    </div>
  );
}
