import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Space } from 'antd';
import { useState } from 'react';
import type { TemporaryPassword, User } from '@qingyuan/shared';
import { QueryError } from '../../../app/query-error.tsx';
import { useCan, useCurrentMe } from '../../auth/index.ts';
import { CreateUserModal } from '../components/create-user-modal.tsx';
import { EditUserModal } from '../components/edit-user-modal.tsx';
import { RolesModal } from '../components/roles-modal.tsx';
import { TemporaryPasswordModal } from '../components/temporary-password-modal.tsx';
import { UserFilters } from '../components/user-filters.tsx';
import { UsersTable } from '../components/users-table.tsx';
import { useUserListParams } from '../use-user-list-params.ts';
import { useUsers } from '../use-users.ts';

interface IssuedPassword {
  title: string;
  username: string;
  password: string;
}

/** 账号管理: a working list whose filters and page live in the URL. */
export function UsersPage() {
  const me = useCurrentMe();
  const canWrite = useCan('users.write');
  const canGrant = useCan('users.grant');
  const { params, setFilters, setPage } = useUserListParams();
  const users = useUsers(params);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [granting, setGranting] = useState<User | null>(null);
  const [issued, setIssued] = useState<IssuedPassword | null>(null);

  const issue = (title: string) => (result: TemporaryPassword, username: string) => {
    setIssued({ title, username, password: result.temporaryPassword });
  };

  if (users.isError && !users.data) return <QueryError error={users.error} onRetry={() => void users.refetch()} />;

  return (
    <Card
      title="账号管理"
      extra={
        canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => { setCreating(true); }}>
            新增账号
          </Button>
        )
      }
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <UserFilters value={params} onChange={setFilters} />
        <UsersTable
          items={users.data?.items ?? []}
          total={users.data?.total ?? 0}
          page={params.page}
          pageSize={params.pageSize}
          loading={users.isFetching}
          meId={me.id}
          canWrite={canWrite}
          canGrant={canGrant}
          onPage={setPage}
          onEdit={setEditing}
          onRoles={setGranting}
          onPasswordReset={issue('密码已重置')}
        />
      </Space>
      {canWrite && (
        <CreateUserModal
          open={creating}
          onClose={() => { setCreating(false); }}
          onCreated={(result, username) => {
            setCreating(false);
            issue('账号已创建')(result, username);
          }}
        />
      )}
      <EditUserModal user={editing} onClose={() => { setEditing(null); }} />
      <RolesModal user={granting} onClose={() => { setGranting(null); }} />
      <TemporaryPasswordModal
        title={issued?.title ?? ''}
        username={issued?.username ?? ''}
        password={issued?.password ?? null}
        onClose={() => { setIssued(null); }}
      />
    </Card>
  );
}
