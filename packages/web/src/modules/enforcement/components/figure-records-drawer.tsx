import { Drawer, Radio, Space, Table, Typography } from 'antd';
import { ExportButton } from '../../imports/index.ts';
import { useState } from 'react';
import { Link } from 'react-router';
import type { EnforcementFigureComparison, FigureRecord, FigureRow } from '@qingyuan/shared';
import { useFigureRecords } from '../use-figures.ts';
import type { FigureParams } from '../use-figure-params.ts';

const COMPARE_OPTIONS = [
  { value: 'current', label: '本期' },
  { value: 'lastYear', label: '去年同期' },
  { value: 'previous', label: '上期' },
];
/** A month also lists its 累计 (1 January to the month's end). */
const MONTH_COMPARE_OPTIONS = [
  { value: 'current', label: '本月' },
  { value: 'lastYear', label: '去年同月' },
  { value: 'previous', label: '上月' },
  { value: 'cumulative', label: '累计' },
];

/** The records behind one figure: every number on the page can be traced to them. */
export function FigureRecordsDrawer({ row, params, initialCompare, onClose }: { row: FigureRow | null; params: FigureParams; initialCompare: EnforcementFigureComparison; onClose: () => void }) {
  const [compare, setCompare] = useState<EnforcementFigureComparison>(initialCompare);
  const [page, setPage] = useState(1);
  const records = useFigureRecords(row?.indicator ?? null, params, compare, page);
  const data = records.data;
  return (
    <Drawer
      title={row ? `${row.label}（${row.unit}）明细` : ''}
      extra={row && <ExportButton path={`/api/enforcement/figures/${row.indicator}/records/export`} filters={{ ...params, compare }} />}
      open={row !== null}
      onClose={onClose}
      width={760}
      destroyOnHidden
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Radio.Group
          optionType="button"
          options={params.month === undefined ? COMPARE_OPTIONS : MONTH_COMPARE_OPTIONS}
          value={compare}
          onChange={(e) => {
            setCompare(e.target.value as EnforcementFigureComparison);
            setPage(1);
          }}
        />
        {data && (
          <Typography.Text data-testid="figure-records-summary">
            统计期间 {data.period.from} 至 {data.period.to}，合计 <b>{data.value}</b> {data.unit}，共 {data.total} 条记录
          </Typography.Text>
        )}
        <Table<FigureRecord>
          rowKey="id"
          size="small"
          loading={records.isFetching}
          dataSource={data?.items ?? []}
          data-testid="figure-records"
          pagination={{ current: page, pageSize: 10, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (n) => `共 ${String(n)} 条` }}
          columns={[
            { title: '日期', dataIndex: 'on', width: 104 },
            { title: '案件编号', dataIndex: 'caseNumber', width: 180, render: (_: unknown, r) => (r.caseId ? <Link to={`/cases/${r.caseId}`}>{r.caseNumber}</Link> : '—') },
            { title: '说明', dataIndex: 'description', ellipsis: true },
            { title: '单位', dataIndex: 'orgUnitName', width: 110, ellipsis: true },
            { title: `数量（${row?.unit ?? ''}）`, dataIndex: 'amount', width: 110, align: 'right' },
          ]}
        />
      </Space>
    </Drawer>
  );
}
