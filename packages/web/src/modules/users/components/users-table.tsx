import { Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { ROLE_LABELS } from '@qingyuan/shared';
import type { TemporaryPassword, User } from '@qingyuan/shared';
import { UserRowActions } from './user-row-actions.tsx';
import { UserStatus } from './user-status.tsx';

interface UsersTableProps {
  items: readonly User[];
  total: number;
  page: number;
  pageSize: number;
  loading: boolean;
  meId: string;
  canWrite: boolean;
  canGrant: boolean;
  onPage: (page: number, pageSize: number) => void;
  onEdit: (user: User) => void;
  onRoles: (user: User) => void;
  onPasswordReset: (result: TemporaryPassword, username: string) => void;
}

export function UsersTable(props: UsersTableProps) {
  const { items, total, page, pageSize, loading, meId, canWrite, canGrant, onPage } = props;
  const columns: TableColumnsType<User> = [
    { title: '用户名', dataIndex: 'username', width: 130, ellipsis: true },
    { title: '姓名', dataIndex: 'displayName', width: 100, ellipsis: true },
    { title: '所属单位', dataIndex: 'orgUnitName', ellipsis: true },
    {
      title: '角色',
      dataIndex: 'roles',
      render: (_: unknown, user) =>
        user.roles.length === 0 ? (
          <Tag>无</Tag>
        ) : (
          user.roles.map((r) => (
            <Tag key={r} color="blue" style={{ marginBottom: 2 }}>
              {ROLE_LABELS[r]}
            </Tag>
          ))
        ),
    },
    { title: '状态', key: 'status', width: 110, render: (_: unknown, user) => <UserStatus user={user} /> },
    {
      title: '双因素认证',
      dataIndex: 'mfaEnabled',
      width: 96,
      render: (_: unknown, user) => (user.mfaEnabled ? <Tag color="green">已启用</Tag> : <Tag>未启用</Tag>),
    },
    {
      title: '最近登录',
      dataIndex: 'lastLoginAt',
      width: 140,
      render: (_: unknown, user) => (user.lastLoginAt ? dayjs(user.lastLoginAt).format('YYYY-MM-DD HH:mm') : '从未登录'),
    },
  ];
  if (canWrite || canGrant) {
    columns.push({
      title: '操作',
      key: 'actions',
      width: canWrite ? 210 : 90,
      render: (_: unknown, user) => (
        <UserRowActions
          user={user}
          isSelf={user.id === meId}
          canWrite={canWrite}
          canGrant={canGrant}
          onEdit={props.onEdit}
          onRoles={props.onRoles}
          onPasswordReset={props.onPasswordReset}
        />
      ),
    });
  }

  return (
    <div data-testid="users-table">
      <Table<User>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={[...items]}
        loading={loading}
        pagination={{
          current: page,
          pageSize,
          total,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (n) => `共 ${String(n)} 条`,
          onChange: onPage,
        }}
      />
    </div>
  );
}
