import { Button, Table } from 'antd';
import { useState } from 'react';
import type { AlertDto } from '@qingyuan/shared';
import { QueryError } from '../../../app/query-error.tsx';
import { useAlerts } from '../alerts-api.ts';
import { AlertDrawer } from './alert-drawer.tsx';
import { AlertLevelTag, AlertStatusTag } from './alert-tags.tsx';

/** 预警 tab of the person page: all alerts of the person, newest first. */
export function AlertsTab({ personId }: { personId: string }) {
  const alerts = useAlerts({ personId, page: 1, pageSize: 200 });
  const [open, setOpen] = useState<string | null>(null);
  if (alerts.isError) return <QueryError error={alerts.error} onRetry={() => void alerts.refetch()} />;
  return (
    <>
      <Table<AlertDto>
        rowKey="id" size="small" pagination={false} loading={alerts.isPending} dataSource={alerts.data?.items ?? []}
        locale={{ emptyText: '暂无预警' }} data-testid="person-alerts"
        columns={[
          { title: '级别', key: 'level', width: 80, render: (_: unknown, a) => <AlertLevelTag level={a.level} /> },
          { title: '规则', dataIndex: 'ruleName', width: 120 },
          { title: '摘要', dataIndex: 'summary', ellipsis: true },
          { title: '触发时间', key: 'raisedAt', width: 160, render: (_: unknown, a) => new Date(a.raisedAt).toLocaleString('zh-CN', { hour12: false }) },
          { title: '状态', key: 'status', width: 140, render: (_: unknown, a) => <AlertStatusTag status={a.status} overdue={a.overdue} /> },
          { title: '操作', key: 'open', width: 70, render: (_: unknown, a) => <Button size="small" type="link" onClick={() => { setOpen(a.id); }}>详情</Button> },
        ]}
      />
      <AlertDrawer id={open} onClose={() => { setOpen(null); }} />
    </>
  );
}
