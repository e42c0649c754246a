import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Form, Select, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { IndicatorValue } from '@qingyuan/shared';
import { withQuery } from '../../../app/api-client.ts';
import { QueryError } from '../../../app/query-error.tsx';
import { useOrgs } from '../../orgs/index.ts';
import { BarChart } from '../../../app/charts/bar-chart.tsx';
import { PeriodForm } from '../components/period-form.tsx';
import { useIndicatorDefinitions, useIndicatorTable } from '../use-dashboard.ts';
import { usePeriodParams } from '../use-period-params.ts';

const AREA_KINDS = ['district', 'township', 'street', 'village', 'community'];
const change = (value: number | null, unit: string): string => (value === null ? '—' : `${value > 0 ? '+' : ''}${value.toFixed(1)}${unit}`);

/** 指标查询: any indicators × any units of the caller's area × a period, as a table and a chart, exportable. */
export function IndicatorExplorerPage() {
  const { params, setParams } = usePeriodParams();
  const definitions = useIndicatorDefinitions();
  const orgs = useOrgs(false);
  const [codes, setCodes] = useState<string[]>(['cases.solved', 'persons.current']);
  const [unitIds, setUnitIds] = useState<string[]>([]);
  const query = { period: params.period, year: params.year, index: params.index, codes: codes.join(','), orgUnitIds: unitIds.length > 0 ? unitIds.join(',') : undefined };
  const table = useIndicatorTable(query, codes.length > 0);
  const unitOptions = useMemo(() => (orgs.data?.items ?? []).filter((u) => AREA_KINDS.includes(u.kind)).map((u) => ({ value: u.id, label: u.name })), [orgs.data]);
  const data = table.data;
  const units = new Map((data?.units ?? []).map((u) => [u.id, u.name]));
  const labels = new Map((data?.indicators ?? []).map((d) => [d.code, d]));
  const first = data?.indicators[0];
  return (
    <Card
      title="指标查询"
      extra={<Button icon={<DownloadOutlined />} disabled={codes.length === 0} href={withQuery('/api/indicators/values/export', query)} download>导出Excel</Button>}
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <PeriodForm params={{ ...params, orgUnitId: undefined }} onChange={(next) => { setParams({ ...next, orgUnitId: undefined }); }} />
        <Form layout="vertical">
          <Form.Item label="指标">
            <Select aria-label="指标" mode="multiple" value={codes} onChange={setCodes} options={(definitions.data?.items ?? []).map((d) => ({ value: d.code, label: `${d.label}（${d.unit}）` }))} />
          </Form.Item>
          <Form.Item label="单位（不选为本辖区）">
            <Select aria-label="单位" mode="multiple" value={unitIds} onChange={setUnitIds} options={unitOptions} optionFilterProp="label" />
          </Form.Item>
        </Form>
        {table.isError && <QueryError error={table.error} onRetry={() => void table.refetch()} />}
        {data && (
          <>
            <Typography.Text type="secondary">
              {data.period.label}：统计期间 {data.period.counted.from} 至 {data.period.counted.to}；同期 {data.period.lastYear.from} 至 {data.period.lastYear.to}；上期 {data.period.previous.from} 至 {data.period.previous.to}。
            </Typography.Text>
            <Table<IndicatorValue>
              size="small"
              loading={table.isFetching}
              rowKey={(v) => `${v.orgUnitId}-${v.code}`}
              dataSource={data.values}
              pagination={false}
              columns={[
                { title: '单位', render: (_, v) => units.get(v.orgUnitId) },
                { title: '指标', render: (_, v) => labels.get(v.code)?.label ?? v.code },
                { title: '本期', render: (_, v) => `${v.value ?? '—'} ${labels.get(v.code)?.unit ?? ''}` },
                { title: '去年同期', render: (_, v) => v.lastYearValue ?? '—' },
                { title: '同比', render: (_, v) => change(v.yoyChange, v.changeUnit) },
                { title: '上期', render: (_, v) => v.previousValue ?? '—' },
                { title: '环比', render: (_, v) => change(v.popChange, v.changeUnit) },
              ]}
            />
            {first && data.units.length > 1 && (
              <BarChart
                categories={data.units.map((u) => u.name)}
                series={['本期', '去年同期'].map((name, i) => ({
                  name: `${first.label}（${name}）`,
                  values: data.units.map((u) => {
                    const v = data.values.find((x) => x.code === first.code && x.orgUnitId === u.id);
                    const text = i === 0 ? v?.value : v?.lastYearValue;
                    return text === null || text === undefined ? null : Number(text);
                  }),
                }))}
              />
            )}
          </>
        )}
      </Space>
    </Card>
  );
}
