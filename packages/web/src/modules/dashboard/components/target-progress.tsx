import { useQuery } from '@tanstack/react-query';
import { Card, Progress, Table, Typography } from 'antd';
import { Link } from 'react-router';
import type { FigureRow, Figures } from '@qingyuan/shared';
import { api } from '../../../app/api-client.ts';
import { useCan } from '../../auth/index.ts';
import type { PeriodParams } from '../use-period-params.ts';

interface TargetLine {
  indicator: string;
  label: string;
  unit: string;
  value: string;
  target: string;
  completion: number | null;
  yoyChange: number | null;
}

/** A row against its target: a month's figures count 1—N月累计 against the year's target (a month has none of its own). */
function targetLine(r: FigureRow): TargetLine | null {
  const c = r.cumulative;
  const target = c ? c.yearTarget : r.target;
  if (target === null) return null;
  return { indicator: r.indicator, label: r.label, unit: r.unit, value: c ? c.value : r.value, target, completion: c ? c.completion : r.completion, yoyChange: c ? c.yoyChange : r.yoyChange };
}

/**
 * 任务完成情况: every enforcement indicator with a target (任务数) for the unit shown and the period (a quarter's share
 * for a quarter, the year's for a year or half-year, 1—N月累计 for a month), each linked to its records.
 */
export function TargetProgress({ params, search }: { params: PeriodParams; search: string }) {
  const canRead = useCan('enforcement.read');
  const query = {
    year: params.year,
    ...(params.period === 'quarter' && params.index ? { quarter: params.index } : {}),
    ...(params.period === 'month' && params.index ? { month: params.index } : {}),
    ...(params.orgUnitId ? { orgUnitId: params.orgUnitId } : {}),
  };
  const figures = useQuery({
    queryKey: ['dashboard', 'targets', query],
    queryFn: () => api.get<Figures>('/api/enforcement/figures', query),
    enabled: canRead && params.period !== 'custom',
  });
  if (!canRead || params.period === 'custom') return null;
  const data = figures.data;
  const lines = (data?.rows ?? []).flatMap((r) => targetLine(r) ?? []);
  const scope = data?.month ? `1—${String(data.month)}月累计完成年度任务` : data?.quarter ? `第${String(data.quarter)}季度任务` : '年度任务';
  return (
    <Card size="small" title={`任务完成情况${data ? `：${data.orgUnit.name} ${scope}` : ''}`} data-testid="target-progress">
      <Table<TargetLine>
        size="small"
        rowKey="indicator"
        loading={figures.isFetching}
        pagination={false}
        dataSource={lines}
        locale={{ emptyText: '本期未下达任务数' }}
        columns={[
          { title: '指标', dataIndex: 'label', render: (label: string, l) => <Link to={`/enforcement/figures?${search}&drill=${encodeURIComponent(l.indicator)}`}>{label}</Link> },
          { title: '完成数', key: 'value', align: 'right', render: (_: unknown, l) => `${l.value}${l.unit}` },
          { title: '任务数', key: 'target', align: 'right', render: (_: unknown, l) => `${l.target}${l.unit}` },
          {
            title: '完成率', key: 'completion', width: 220,
            render: (_: unknown, l) => l.completion === null ? '—' : (
              <Progress percent={Math.min(100, l.completion)} format={() => `${l.completion?.toFixed(1) ?? ''}%`} status={l.completion >= 100 ? 'success' : 'normal'} size="small" />
            ),
          },
          { title: '同比', key: 'yoy', align: 'right', render: (_: unknown, l) => (l.yoyChange === null ? <Typography.Text type="secondary">无同期数</Typography.Text> : `${l.yoyChange > 0 ? '+' : ''}${l.yoyChange.toFixed(1)}%`) },
        ]}
      />
    </Card>
  );
}
