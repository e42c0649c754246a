import { useQueries } from '@tanstack/react-query';
import { Badge, Card, Space, Table, Tabs, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { MAX_PAGE_SIZE, MEASURE_KIND_LABELS, TEST_NOTICE_METHOD_LABELS, WORKLISTS, WORKLIST_LABELS } from '@qingyuan/shared';
import type { Worklist, WorklistRow } from '@qingyuan/shared';
import { api } from '../../../app/api-client.ts';
import { QueryError } from '../../../app/query-error.tsx';
import { patchParams, readEnum, readInt, readString } from '../../../app/url-params.ts';
import { ExportButton } from '../../imports/index.ts';
import { OrgTreeSelect } from '../../orgs/index.ts';
import { SavedFiltersControl } from '../../saved-filters/index.ts';
import { supervisionKeys, useWorklist, type WorklistParams } from '../supervision-api.ts';

const dashed = { borderBottom: '1px dashed #999' };
const name: ColumnsType<WorklistRow>[number] = { title: '姓名', key: 'name', render: (_: unknown, r) => <Link to={`/persons/${r.personId}`}>{r.personName}</Link> };
const measure: ColumnsType<WorklistRow>[number] = { title: '措施', key: 'kind', render: (_: unknown, r) => (r.measureKind ? MEASURE_KIND_LABELS[r.measureKind] : '—') };
const withRule = (text: string | number, r: WorklistRow) => <Tooltip title={r.explanation}><span style={dashed}>{text}</span></Tooltip>;

/** Each list's columns: the measure lists share theirs; the person lists show their own facts. */
function columnsOf(list: Worklist): ColumnsType<WorklistRow> {
  switch (list) {
    case 'highRisk':
      return [name, measure,
        { title: '风险等级', key: 'level', render: () => <Tag color="red">高风险</Tag> },
        { title: '评估日期', key: 'assessed', render: (_: unknown, r) => r.assessedOn ?? '—' },
        { title: '下次评估', key: 'due', render: (_: unknown, r) => withRule(r.dueDate, r) },
        { title: '逾期', key: 'overdue', render: (_: unknown, r) => (r.overdueDays > 0 ? <Tag color="red">{r.overdueDays}天</Tag> : '—') }];
    case 'lostContact':
      return [name, measure,
        { title: '最近联系', key: 'last', render: (_: unknown, r) => withRule(r.lastContactDate ?? '—', r) },
        { title: '未联系天数', key: 'days', render: (_: unknown, r) => <Tag color="orange">{r.daysSinceContact ?? 0}天</Tag> }];
    case 'transfersWaiting':
      return [name,
        { title: '移出单位', key: 'from', render: (_: unknown, r) => r.fromOrgUnitName ?? '—' },
        { title: '接收单位', key: 'to', render: (_: unknown, r) => r.toOrgUnitName ?? '—' },
        { title: '移交日期', key: 'sent', render: (_: unknown, r) => r.sentOn ?? '—' },
        { title: '待接收', key: 'pending', render: (_: unknown, r) => withRule(`${String(r.pendingDays ?? 0)}天`, r) },
        { title: '督办', key: 'escalated', render: (_: unknown, r) => (r.escalated ? <Tag color="red">超期督办</Tag> : '—') }];
    case 'missedNotices':
      return [name,
        { title: '通知日期', key: 'notified', render: (_: unknown, r) => r.notifiedOn ?? '—' },
        { title: '通知方式', key: 'method', render: (_: unknown, r) => (r.noticeMethod ? TEST_NOTICE_METHOD_LABELS[r.noticeMethod] : '—') },
        { title: '应检测日期', key: 'due', render: (_: unknown, r) => withRule(r.dueDate, r) },
        { title: '逾期未检', key: 'days', render: (_: unknown, r) => <Tag color="red">{r.daysSinceDue ?? 0}天</Tag> }];
    case 'due':
    case 'overdue':
    case 'notReportedIn':
    case 'endingSoon':
      return [name, measure,
        { title: '应办日期', key: 'due', render: (_: unknown, r) => withRule(r.dueDate, r) },
        { title: '逾期', key: 'overdue', render: (_: unknown, r) => (r.overdueDays > 0 ? <Tag color="red">{r.overdueDays}天</Tag> : '—') }];
  }
}

/** 工作清单: tests due/overdue, report-ins, measures ending, high risk, lost contact, transfers waiting, missed notices — in scope, the state in the URL. */
export function WorklistPage() {
  const [search, setSearch] = useSearchParams();
  const params = useMemo<WorklistParams>(() => ({
    list: readEnum(search, 'list', WORKLISTS) ?? 'overdue',
    orgUnitId: readString(search, 'orgUnitId'),
    page: readInt(search, 'page', 1),
    pageSize: readInt(search, 'pageSize', 20, MAX_PAGE_SIZE),
  }), [search]);
  const set = useCallback((patch: Record<string, string | number | undefined>) => { setSearch(patchParams(search, patch)); }, [search, setSearch]);
  const worklist = useWorklist(params);
  const counts = useQueries({
    queries: WORKLISTS.map((list) => ({
      queryKey: [...supervisionKeys.worklists(), 'count', list, params.orgUnitId ?? ''],
      queryFn: () => api.get<{ total: number }>('/api/supervision/worklist', { list, orgUnitId: params.orgUnitId, page: 1, pageSize: 1 }),
    })),
  });
  if (worklist.isError && !worklist.data) return <QueryError error={worklist.error} onRetry={() => void worklist.refetch()} />;
  return (
    <Card title="工作清单" extra={<ExportButton path="/api/supervision/worklist/export" filters={{ ...params }} />}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Tabs
          activeKey={params.list}
          onChange={(list) => { set({ list, page: undefined }); }}
          items={WORKLISTS.map((l, i) => ({
            key: l,
            label: <span data-testid={`worklist-tab-${l}`}>{WORKLIST_LABELS[l]} <Badge count={counts[i]?.data?.total ?? 0} showZero overflowCount={999} color={l === 'due' || l === 'transfersWaiting' ? 'blue' : 'red'} /></span>,
          }))}
        />
        <Space wrap>
          <OrgTreeSelect
            allowClear
            placeholder="按单位筛选"
            style={{ width: 280 }}
            value={params.orgUnitId}
            onChange={(orgUnitId: string | undefined) => { set({ orgUnitId, page: undefined }); }}
          />
          <SavedFiltersControl
            page="worklist"
            current={{ list: params.list, orgUnitId: params.orgUnitId }}
            onApply={(query) => { setSearch(patchParams(new URLSearchParams(), { list: query.list, orgUnitId: query.orgUnitId })); }}
          />
        </Space>
        <Table<WorklistRow>
          rowKey={(r) => `${r.noticeId ?? r.transferId ?? r.measureId ?? r.personId}-${r.rule}`}
          size="small"
          loading={worklist.isFetching}
          dataSource={worklist.data?.items ?? []}
          data-testid="worklist-table"
          locale={{ emptyText: '清单为空' }}
          pagination={{
            current: params.page, pageSize: params.pageSize, total: worklist.data?.total ?? 0, showSizeChanger: true,
            showTotal: (total) => `共 ${String(total)} ${params.list === 'missedNotices' ? '条' : '人'}`,
            onChange: (page, pageSize) => { set({ page, pageSize }); },
          }}
          columns={columnsOf(params.list)}
        />
      </Space>
    </Card>
  );
}
