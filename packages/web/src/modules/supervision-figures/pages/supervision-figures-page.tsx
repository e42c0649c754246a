import { Button, Card, Drawer, Form, Radio, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { FigureComparison, SupervisionFigurePerson, SupervisionFigureRow } from '@qingyuan/shared';
import { QueryError } from '../../../app/query-error.tsx';
import { patchParams, readInt, readString } from '../../../app/url-params.ts';
import { OrgTreeSelect } from '../../orgs/index.ts';
import { useSupervisionFigurePersons, useSupervisionFigures, type SupervisionFigureParams } from '../use-supervision-figures.ts';
import { QUARTER_PERIOD_OPTIONS, yearOptions } from '../../../app/period-options.ts';

const thisYear = new Date().getFullYear();
const YEAR_OPTIONS = yearOptions();
const COMPARE_OPTIONS = [{ value: 'current', label: '本期' }, { value: 'lastYear', label: '去年同期' }, { value: 'previous', label: '上期' }];

const shown = (row: SupervisionFigureRow, value: string | null) => (value === null ? '—' : row.unit === '%' ? `${value}%` : value);
const changeText = (row: SupervisionFigureRow, change: number | null) =>
  change === null ? <Typography.Text type="secondary">无同期数</Typography.Text> : `${change > 0 ? '+' : ''}${change.toFixed(1)}${row.changeUnit === '%' ? '%' : '个百分点'}`;

function usePeriodParams() {
  const [search, setSearch] = useSearchParams();
  const quarter = readInt(search, 'quarter', 0, 4);
  const params: SupervisionFigureParams = { year: readInt(search, 'year', thisYear, 2100), quarter: quarter >= 1 ? quarter : undefined, orgUnitId: readString(search, 'orgUnitId') };
  const setParams = (next: SupervisionFigureParams) => { setSearch((prev) => patchParams(prev, { year: next.year, quarter: next.quarter, orgUnitId: next.orgUnitId })); };
  return { params, setParams };
}

/** 管控统计: person and supervision indicators for a period and org subtree, with 同比/环比 and the persons behind each. */
export function SupervisionFiguresPage() {
  const { params, setParams } = usePeriodParams();
  const figures = useSupervisionFigures(params);
  const [drill, setDrill] = useState<{ row: SupervisionFigureRow; compare: FigureComparison } | null>(null);
  if (figures.isError && !figures.data) return <QueryError error={figures.error} onRetry={() => void figures.refetch()} />;
  const data = figures.data;
  const cell = (row: SupervisionFigureRow, value: string | null, compare: FigureComparison) =>
    <Button type="link" size="small" onClick={() => { setDrill({ row, compare }); }}>{shown(row, value)}</Button>;
  return (
    <Card title="管控统计">
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Form layout="inline" style={{ rowGap: 12 }}>
          <Form.Item label="年度">
            <Select aria-label="年度" value={params.year} options={YEAR_OPTIONS} style={{ width: 100 }} onChange={(year: number) => { setParams({ ...params, year }); }} />
          </Form.Item>
          <Form.Item label="期间">
            <Select aria-label="期间" value={params.quarter ?? 0} options={QUARTER_PERIOD_OPTIONS} style={{ width: 110 }} onChange={(q: number) => { setParams({ ...params, quarter: q === 0 ? undefined : q }); }} />
          </Form.Item>
          <Form.Item label="单位">
            <OrgTreeSelect allowClear placeholder="本辖区" style={{ width: 220 }} value={params.orgUnitId} onChange={(orgUnitId: string | undefined) => { setParams({ ...params, orgUnitId }); }} />
          </Form.Item>
        </Form>
        {data && (
          <Typography.Text type="secondary" data-testid="supervision-figures-period">
            {data.orgUnit.name}：统计期间 {data.period.from} 至 {data.period.to}{data.partial ? '（截至今日）' : ''}；同期 {data.lastYearPeriod.from} 至 {data.lastYearPeriod.to}；上期 {data.previousPeriod.from} 至 {data.previousPeriod.to}。点击数值查看人员明细；口径见指标名称提示。
          </Typography.Text>
        )}
        <Table<SupervisionFigureRow>
          rowKey="indicator"
          size="small"
          pagination={false}
          loading={figures.isFetching}
          dataSource={data?.rows ?? []}
          data-testid="supervision-figures"
          columns={[
            { title: '指标', dataIndex: 'label', render: (_: unknown, r) => <Tooltip title={r.definition}><span>{r.label}</span></Tooltip> },
            { title: '本期', align: 'right', render: (_: unknown, r) => cell(r, r.value, 'current') },
            { title: '分子/分母', align: 'right', render: (_: unknown, r) => (r.denominator === null ? '' : `${String(r.numerator ?? 0)}/${String(r.denominator)}`) },
            { title: '去年同期', align: 'right', render: (_: unknown, r) => cell(r, r.lastYearValue, 'lastYear') },
            { title: '同比', align: 'right', render: (_: unknown, r) => changeText(r, r.yoyChange) },
            { title: '上期', align: 'right', render: (_: unknown, r) => cell(r, r.previousValue, 'previous') },
            { title: '环比', align: 'right', render: (_: unknown, r) => changeText(r, r.popChange) },
          ]}
        />
      </Space>
      <PersonsDrawer key={drill ? `${drill.row.indicator}-${drill.compare}` : 'none'} row={drill?.row ?? null} params={params} initialCompare={drill?.compare ?? 'current'} onClose={() => { setDrill(null); }} />
    </Card>
  );
}

function PersonsDrawer({ row, params, initialCompare, onClose }: { row: SupervisionFigureRow | null; params: SupervisionFigureParams; initialCompare: FigureComparison; onClose: () => void }) {
  const [compare, setCompare] = useState<FigureComparison>(initialCompare);
  const [page, setPage] = useState(1);
  const persons = useSupervisionFigurePersons(row?.indicator ?? null, params, compare, page);
  const data = persons.data;
  const rate = row?.unit === '%';
  return (
    <Drawer title={row ? `${row.label}明细` : ''} open={row !== null} onClose={onClose} width={760} destroyOnHidden>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Radio.Group optionType="button" options={COMPARE_OPTIONS} value={compare} onChange={(e) => { setCompare(e.target.value as FigureComparison); setPage(1); }} />
        {persons.isError && <QueryError error={persons.error} onRetry={() => void persons.refetch()} />}
        {data && row && (
          <Typography.Text data-testid="supervision-figure-summary">
            统计期间 {data.period.from} 至 {data.period.to}：{rate ? `分子 ${String(data.numerator)} 人 ÷ 分母 ${String(data.total)} 人 = ${shown(row, data.value)}` : `合计 ${String(data.total)} 人`}
          </Typography.Text>
        )}
        <Table<SupervisionFigurePerson>
          rowKey="personId"
          size="small"
          loading={persons.isFetching}
          dataSource={data?.items ?? []}
          pagination={{ current: page, pageSize: 10, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (n) => `共 ${String(n)} 人` }}
          columns={[
            { title: '姓名', dataIndex: 'personName', width: 100, render: (_: unknown, r) => (row?.indicator === 'persons.abstinent' ? r.personName : <Link to={`/persons/${r.personId}`}>{r.personName}</Link>) },
            { title: '身份证号', dataIndex: 'idNumberMasked', width: 180 },
            { title: '单位', dataIndex: 'orgUnitName', width: 110, ellipsis: true },
            ...(rate ? [{ title: '计入分子', width: 90, render: (_: unknown, r: SupervisionFigurePerson) => (r.inNumerator ? <Tag color="blue">是</Tag> : <Tag>否</Tag>) }] : []),
            { title: '说明', dataIndex: 'note', ellipsis: true },
          ]}
        />
      </Space>
    </Drawer>
  );
}
