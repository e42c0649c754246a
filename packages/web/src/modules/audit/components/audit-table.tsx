import { Descriptions, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { AUDIT_ACTION_LABELS, ROLES, ROLE_LABELS } from '@qingyuan/shared';
import type { AuditEvent, Role } from '@qingyuan/shared';

interface AuditTableProps {
  items: readonly AuditEvent[];
  total: number;
  page: number;
  pageSize: number;
  loading: boolean;
  onPage: (page: number, pageSize: number) => void;
}

function roleLabel(role: string): string {
  const known = ROLES.find((r): r is Role => r === role);
  return known ? ROLE_LABELS[known] : role;
}

export function actionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}

const columns: TableColumnsType<AuditEvent> = [
  {
    title: '时间',
    dataIndex: 'occurredAt',
    width: 150,
    render: (_: unknown, e) => dayjs(e.occurredAt).format('YYYY-MM-DD HH:mm:ss'),
  },
  { title: '操作人', dataIndex: 'actorUsername', width: 100, ellipsis: true, render: (_: unknown, e) => e.actorUsername ?? '—' },
  { title: '单位', dataIndex: 'actorOrgName', width: 120, ellipsis: true, render: (_: unknown, e) => e.actorOrgName ?? '—' },
  {
    title: '角色',
    dataIndex: 'actorRoles',
    width: 110,
    ellipsis: true,
    render: (_: unknown, e) => (e.actorRoles.length > 0 ? e.actorRoles.map(roleLabel).join('、') : '—'),
  },
  { title: '操作', dataIndex: 'action', width: 130, ellipsis: true, render: (_: unknown, e) => actionLabel(e.action) },
  {
    title: '结果',
    dataIndex: 'success',
    width: 60,
    render: (_: unknown, e) => (e.success ? <Tag color="green">成功</Tag> : <Tag color="red">失败</Tag>),
  },
  {
    title: '对象',
    key: 'entity',
    ellipsis: true,
    render: (_: unknown, e) => (e.entityType ? `${e.entityType}${e.entityId ? ` ${e.entityId}` : ''}` : '—'),
  },
  { title: '请求号', dataIndex: 'requestId', width: 100, ellipsis: true, render: (_: unknown, e) => e.requestId ?? '—' },
  { title: 'IP', dataIndex: 'clientIp', width: 110, ellipsis: true, render: (_: unknown, e) => e.clientIp ?? '—' },
];

function AuditEventDetail({ event }: { event: AuditEvent }) {
  return (
    <Descriptions size="small" column={1} styles={{ label: { width: 100 } }}>
      <Descriptions.Item label="序号">{event.seq}</Descriptions.Item>
      {event.reason && <Descriptions.Item label="原因">{event.reason}</Descriptions.Item>}
      <Descriptions.Item label="变更内容">
        {event.changes ? (
          <Typography.Text code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
            {JSON.stringify(event.changes)}
          </Typography.Text>
        ) : (
          '—'
        )}
      </Descriptions.Item>
    </Descriptions>
  );
}

export function AuditTable({ items, total, page, pageSize, loading, onPage }: AuditTableProps) {
  return (
    <div data-testid="audit-table">
      <Table<AuditEvent>
        rowKey="seq"
        size="small"
        columns={columns}
        dataSource={[...items]}
        loading={loading}
        scroll={{ x: 1040 }}
        expandable={{ expandedRowRender: (event) => <AuditEventDetail event={event} /> }}
        pagination={{
          current: page,
          pageSize,
          total,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (n) => `共 ${String(n)} 条`,
          onChange: onPage,
        }}
      />
    </div>
  );
}
