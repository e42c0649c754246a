import { App, Button, Card, Select, Space, Switch, Table } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ALERT_LEVELS, ALERT_LEVEL_LABELS, ALERT_RULES, ALERT_STATUSES, ALERT_STATUS_LABELS, MAX_PAGE_SIZE, type AlertDto } from '@qingyuan/shared';
import { showFormError } from '../../../app/form-errors.ts';
import { QueryError } from '../../../app/query-error.tsx';
import { patchParams, readEnum, readInt, readString } from '../../../app/url-params.ts';
import { useCan } from '../../auth/index.ts';
import { OrgTreeSelect } from '../../orgs/index.ts';
import { useAlerts, useBulkAcknowledge } from '../alerts-api.ts';
import { AlertDrawer } from '../components/alert-drawer.tsx';
import { AlertLevelTag, AlertStatusTag } from '../components/alert-tags.tsx';

const STATUS_FILTERS = ['open', ...ALERT_STATUSES] as const;
const RULE_CODES = ALERT_RULES.map((r) => r.code);
const time = (iso: string) => new Date(iso).toLocaleString('zh-CN', { hour12: false });

/** 预警中心: the working list of alerts in scope, filters in the URL, bulk acknowledge, a drawer per alert. */
export function AlertsPage() {
  const { message } = App.useApp();
  const [search, setSearch] = useSearchParams();
  const filters = useMemo(() => ({
    status: readEnum(search, 'status', STATUS_FILTERS) ?? 'open',
    level: readEnum(search, 'level', ALERT_LEVELS),
    rule: readEnum(search, 'rule', RULE_CODES),
    orgUnitId: readString(search, 'orgUnitId'),
    overdue: search.get('overdue') === 'true' ? true : undefined,
    mine: search.get('mine') === 'true' ? true : undefined,
    page: readInt(search, 'page', 1),
    pageSize: readInt(search, 'pageSize', 20, MAX_PAGE_SIZE),
  }), [search]);
  const set = useCallback((patch: Record<string, string | number | undefined>) => { setSearch(patchParams(search, { page: undefined, ...patch })); }, [search, setSearch]);
  const alerts = useAlerts(filters);
  const bulk = useBulkAcknowledge();
  const canWrite = useCan('alerts.write');
  const [selected, setSelected] = useState<string[]>([]);
  const [open, setOpen] = useState<string | null>(null);
  if (alerts.isError && !alerts.data) return <QueryError error={alerts.error} onRetry={() => void alerts.refetch()} />;
  return (
    <Card title="预警中心">
      <Space wrap style={{ marginBottom: 16 }}>
        <Select style={{ width: 120 }} value={filters.status} aria-label="状态"
          options={STATUS_FILTERS.map((s) => ({ value: s, label: s === 'open' ? '未办结' : ALERT_STATUS_LABELS[s] }))}
          onChange={(status) => { set({ status }); }} />
        <Select style={{ width: 110 }} allowClear placeholder="级别" value={filters.level}
          options={ALERT_LEVELS.map((l) => ({ value: l, label: ALERT_LEVEL_LABELS[l] }))} onChange={(level) => { set({ level }); }} />
        <Select style={{ width: 160 }} allowClear placeholder="预警规则" value={filters.rule}
          options={ALERT_RULES.map((r) => ({ value: r.code, label: r.name }))} onChange={(rule) => { set({ rule }); }} />
        <OrgTreeSelect style={{ width: 200 }} allowClear placeholder="单位" value={filters.orgUnitId} onChange={(orgUnitId) => { set({ orgUnitId }); }} />
        <span>仅超时 <Switch size="small" checked={filters.overdue === true} onChange={(v) => { set({ overdue: v ? 'true' : undefined }); }} /></span>
        <span>本单位待办 <Switch size="small" checked={filters.mine === true} onChange={(v) => { set({ mine: v ? 'true' : undefined }); }} /></span>
        {canWrite && (
          <Button disabled={selected.length === 0} loading={bulk.isPending} onClick={() => {
            bulk.mutate(selected, {
              onSuccess: (r) => { setSelected([]); void message.success(`已签收 ${String(r.acknowledged.length)} 条${r.skipped.length > 0 ? `，跳过 ${String(r.skipped.length)} 条` : ''}`); },
              onError: (e) => { showFormError(e, message); },
            });
          }}>
            批量签收（{selected.length}）
          </Button>
        )}
      </Space>
      <Table<AlertDto>
        rowKey="id"
        size="small"
        loading={alerts.isFetching}
        dataSource={alerts.data?.items ?? []}
        data-testid="alerts-table"
        locale={{ emptyText: '暂无预警' }}
        rowSelection={canWrite ? {
          selectedRowKeys: selected, onChange: (keys) => { setSelected(keys.map(String)); },
          getCheckboxProps: (a) => ({ disabled: a.status !== 'new' }),
        } : undefined}
        pagination={{
          current: filters.page, pageSize: filters.pageSize, total: alerts.data?.total ?? 0, showSizeChanger: true,
          onChange: (page, pageSize) => { setSearch(patchParams(search, { page, pageSize })); },
        }}
        columns={[
          { title: '级别', key: 'level', width: 80, render: (_: unknown, a) => <AlertLevelTag level={a.level} /> },
          { title: '规则', dataIndex: 'ruleName', width: 120 },
          { title: '人员', key: 'person', width: 100, render: (_: unknown, a) => (a.person ? <Link to={`/persons/${a.person.id}`}>{a.person.name}</Link> : '—') },
          { title: '摘要', dataIndex: 'summary', ellipsis: true },
          { title: '责任单位', key: 'org', width: 120, render: (_: unknown, a) => a.orgUnit.name },
          { title: '触发时间', key: 'raisedAt', width: 160, render: (_: unknown, a) => time(a.raisedAt) },
          { title: '状态', key: 'status', width: 140, render: (_: unknown, a) => <AlertStatusTag status={a.status} overdue={a.overdue} /> },
          { title: '操作', key: 'open', width: 70, render: (_: unknown, a) => <Button size="small" type="link" onClick={() => { setOpen(a.id); }}>详情</Button> },
        ]}
      />
      <AlertDrawer id={open} onClose={() => { setOpen(null); }} />
    </Card>
  );
}
