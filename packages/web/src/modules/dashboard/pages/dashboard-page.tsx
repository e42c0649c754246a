import { Button, Card, Col, Row, Select, Space, Spin, Table, Typography } from 'antd';
import { useState } from 'react';
import { QueryError } from '../../../app/query-error.tsx';
import { useCan } from '../../auth/index.ts';
import { AreaMap } from '../components/area-map.tsx';
import { AreaSettings } from '../components/area-settings.tsx';
import { IndexTable } from '../components/index-table.tsx';
import { KeyFigureCards } from '../components/key-figure-cards.tsx';
import { PeriodForm } from '../components/period-form.tsx';
import { TargetProgress } from '../components/target-progress.tsx';
import { TrendChart } from '../components/trend-chart.tsx';
import { WorkSummary } from '../components/work-summary.tsx';
import { useAreaMap, useDashboard, useSituationIndex } from '../use-dashboard.ts';
import { usePeriodParams, type PeriodParams } from '../use-period-params.ts';

const INDEX = 'index';

/** The search of the figures pages for the same period: year, and quarter or month where the dashboard shows one. */
function figuresSearch(params: PeriodParams): string {
  const search = new URLSearchParams({ year: String(params.year) });
  if (params.period === 'quarter' && params.index) search.set('quarter', String(params.index));
  if (params.period === 'month' && params.index) search.set('month', String(params.index));
  if (params.orgUnitId) search.set('orgUnitId', params.orgUnitId);
  return search.toString();
}

/** 数据看板: key figures with targets and 同比, the monthly trend, the map of areas and the drug-situation index. */
export function DashboardPage() {
  const { params, setParams } = usePeriodParams();
  const dashboard = useDashboard(params);
  const index = useSituationIndex(params);
  const map = useAreaMap(dashboard.data?.orgUnit.id);
  const [colourBy, setColourBy] = useState<string>(INDEX);
  const [settings, setSettings] = useState(false);
  const canConfigureAreas = useCan('areas.configure');
  if (dashboard.isError && !dashboard.data) return <QueryError error={dashboard.error} onRetry={() => void dashboard.refetch()} />;
  const data = dashboard.data;
  const values = new Map<string, number | null>(
    colourBy === INDEX
      ? (index.data?.units ?? []).map((u) => [u.orgUnitId, u.index])
      : (data?.units ?? []).map((u) => [u.orgUnitId, u.values[colourBy] === null || u.values[colourBy] === undefined ? null : Number(u.values[colourBy])]),
  );
  const colourOptions = [{ value: INDEX, label: '毒情测评指数' }, ...(data?.keyFigures ?? []).map((k) => ({ value: k.code, label: k.label }))];
  const colourLabel = colourOptions.find((o) => o.value === colourBy)?.label ?? '';
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={`数据看板${data ? `：${data.orgUnit.name} ${data.period.label}${data.period.partial ? '（截至今日）' : ''}` : ''}`}>
        <PeriodForm params={params} onChange={setParams} />
      </Card>
      <Spin spinning={dashboard.isFetching}>
        {data && <KeyFigureCards figures={data.keyFigures} search={figuresSearch(params)} />}
      </Spin>
      <Row gutter={12}>
        <Col xs={24} lg={12}>
          <Card size="small" title="下级单位分布" extra={
            <Space>
              <Select aria-label="着色指标" size="small" value={colourBy} options={colourOptions} style={{ width: 180 }} onChange={setColourBy} />
              {canConfigureAreas && <Button size="small" onClick={() => { setSettings(true); }}>辖区概况</Button>}
            </Space>
          }>
            {map.data && data ? (
              <AreaMap map={map.data} values={values} label={colourLabel} onPick={(orgUnitId) => { setParams({ ...params, orgUnitId }); }} />
            ) : (
              <Spin />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title="近12个月趋势">{data && <TrendChart trend={data.trend} />}</Card>
        </Col>
      </Row>
      <TargetProgress params={params} search={figuresSearch(params)} />
      <WorkSummary orgUnitId={params.orgUnitId} />
      {map.data && canConfigureAreas && <AreaSettings map={map.data} open={settings} onClose={() => { setSettings(false); }} />}
      <Card size="small" title="毒情测评">
        {index.isError ? <QueryError error={index.error} onRetry={() => void index.refetch()} /> : index.data ? <IndexTable index={index.data} /> : <Spin />}
      </Card>
      {data && data.units.length > 0 && (
        <Card size="small" title="下级单位主要指标">
          <Table
            size="small"
            rowKey="orgUnitId"
            pagination={false}
            dataSource={data.units}
            scroll={{ x: true }}
            columns={[
              { title: '单位', dataIndex: 'name', fixed: 'left' },
              ...data.keyFigures.map((k) => ({ title: k.label, key: k.code, render: (_: unknown, u: (typeof data.units)[number]) => u.values[k.code] ?? '—' })),
            ]}
          />
          <Typography.Text type="secondary">点击地图上的单位可查看该单位的看板。</Typography.Text>
        </Card>
      )}
    </Space>
  );
}
