import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Form, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { EnforcementFigureComparison, FigureRow } from '@qingyuan/shared';
import { withQuery } from '../../../app/api-client.ts';
import { patchParams } from '../../../app/url-params.ts';
import { QueryError } from '../../../app/query-error.tsx';
import { useCan } from '../../auth/index.ts';
import { AreaUnitSelect } from '../components/area-unit-select.tsx';
import { FigureRecordsDrawer } from '../components/figure-records-drawer.tsx';
import { FiguresTable } from '../components/figures-table.tsx';
import { TargetModal } from '../components/target-modal.tsx';
import { useFigureParams } from '../use-figure-params.ts';
import { useFigures } from '../use-figures.ts';
import { PERIOD_PICKER_OPTIONS, periodPickerParse, periodPickerValue, yearOptions } from '../../../app/period-options.ts';

const YEAR_OPTIONS = yearOptions(3, 1);

/** 任务指标统计: every figure for a period and org subtree, against its target, with 同比/环比 and drill-down. */
export function FiguresPage() {
  const { params, setParams } = useFigureParams();
  const figures = useFigures(params);
  const canSetTargets = useCan('targets.write');
  const [drill, setDrill] = useState<{ row: FigureRow; compare: EnforcementFigureComparison } | null>(null);
  // A link from the dashboard names the figure to open (?drill=cases.solved): its records show at once.
  const [search, setSearch] = useSearchParams();
  const linked = figures.data?.rows.find((r) => r.indicator === search.get('drill'));
  const shown = drill ?? (linked ? { row: linked, compare: 'current' as const } : null);
  const [targeting, setTargeting] = useState<FigureRow | null>(null);
  if (figures.isError && !figures.data) return <QueryError error={figures.error} onRetry={() => void figures.refetch()} />;
  const data = figures.data;
  return (
    <Card
      title="任务指标统计"
      extra={
        <Button icon={<DownloadOutlined />} href={withQuery('/api/enforcement/figures/export', { ...params })} download>
          导出Excel
        </Button>
      }
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Form layout="inline" style={{ rowGap: 12 }}>
          <Form.Item label="年度">
            <Select aria-label="年度" value={params.year} options={YEAR_OPTIONS} style={{ width: 100 }} onChange={(year: number) => { setParams({ ...params, year }); }} />
          </Form.Item>
          <Form.Item label="期间">
            <Select aria-label="期间" value={periodPickerValue(params)} options={PERIOD_PICKER_OPTIONS} virtual={false} listHeight={320} style={{ width: 120 }} onChange={(v: string) => { setParams({ ...params, ...periodPickerParse(v) }); }} />
          </Form.Item>
          <Form.Item label="单位">
            <AreaUnitSelect
              aria-label="统计单位"
              areasOnly
              allowClear
              placeholder="本辖区"
              style={{ width: 200 }}
              value={params.orgUnitId}
              onChange={(orgUnitId: string | undefined) => { setParams({ ...params, orgUnitId }); }}
            />
          </Form.Item>
        </Form>
        {data && (
          <Typography.Text type="secondary" data-testid="figures-period">
            {data.orgUnit.name}：统计期间 {data.period.from} 至 {data.period.to}{data.partial ? '（截至今日）' : ''}；同期 {data.lastYearPeriod.from} 至 {data.lastYearPeriod.to}；上期 {data.previousPeriod.from} 至 {data.previousPeriod.to}
            {data.cumulativePeriod ? `；累计 ${data.cumulativePeriod.from} 至 ${data.cumulativePeriod.to}（月度不设任务数，累计数对照年度任务数）` : ''}。点击数值查看明细。
          </Typography.Text>
        )}
        <FiguresTable
          rows={data?.rows ?? []}
          month={data?.month ?? null}
          loading={figures.isFetching}
          canSetTargets={canSetTargets}
          onDrill={(row, compare) => { setDrill({ row, compare }); }}
          onTarget={setTargeting}
        />
      </Space>
      <FigureRecordsDrawer
        key={shown ? `${shown.row.indicator}-${shown.compare}` : 'none'}
        row={shown?.row ?? null}
        params={params}
        initialCompare={shown?.compare ?? 'current'}
        onClose={() => {
          setDrill(null);
          setSearch((prev) => patchParams(prev, { drill: undefined }));
        }}
      />
      {data && (
        <TargetModal
          key={targeting?.indicator ?? 'none'}
          row={targeting}
          orgUnitId={data.orgUnit.id}
          orgUnitName={data.orgUnit.name}
          year={params.year}
          quarter={params.quarter}
          onClose={() => { setTargeting(null); }}
        />
      )}
    </Card>
  );
}
