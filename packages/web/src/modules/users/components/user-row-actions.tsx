import { App, Button, Popconfirm, Space, Tooltip } from 'antd';
import type { TemporaryPassword, User } from '@qingyuan/shared';
import { showFormError } from '../../../app/form-errors.ts';
import { useResetPassword } from '../use-reset-password.ts';
import { useUnlockUser } from '../use-unlock-user.ts';
import { useUpdateUser } from '../use-update-user.ts';
import { isLocked } from './user-status.tsx';

interface UserRowActionsProps {
  user: User;
  isSelf: boolean;
  canWrite: boolean;
  canGrant: boolean;
  onEdit: (user: User) => void;
  onRoles: (user: User) => void;
  onPasswordReset: (result: TemporaryPassword, username: string) => void;
}

export function UserRowActions({ user, isSelf, canWrite, canGrant, onEdit, onRoles, onPasswordReset }: UserRowActionsProps) {
  const { message } = App.useApp();
  const reset = useResetPassword();
  const unlock = useUnlockUser();
  const update = useUpdateUser();
  const onError = (error: unknown) => { showFormError(error, message); };

  return (
    <Space size={0} wrap>
      {canWrite && (
        <>
          <Button type="link" size="small" onClick={() => { onEdit(user); }}>
            编辑
          </Button>
          <Popconfirm
            title="确定重置该账号的密码？"
            description="将生成一次性临时密码，原密码立即失效。"
            okText="确定"
            cancelText="取消"
            onConfirm={() => {
              reset.mutate(user.id, { onSuccess: (result) => { onPasswordReset(result, user.username); }, onError });
            }}
          >
            <Button type="link" size="small" loading={reset.isPending}>
              重置密码
            </Button>
          </Popconfirm>
          {isLocked(user) && (
            <Button
              type="link"
              size="small"
              loading={unlock.isPending}
              onClick={() => {
                unlock.mutate(user.id, { onSuccess: () => { void message.success('已解锁'); }, onError });
              }}
            >
              解锁
            </Button>
          )}
          <Popconfirm
            title={user.active ? '确定停用该账号？' : '确定启用该账号？'}
            description={user.active ? '停用后该账号不能登录，现有会话立即结束。' : undefined}
            okText="确定"
            cancelText="取消"
            onConfirm={() => {
              update.mutate(
                { id: user.id, body: { active: !user.active } },
                { onSuccess: () => { void message.success(user.active ? '已停用' : '已启用'); }, onError },
              );
            }}
          >
            <Button type="link" size="small" danger={user.active} loading={update.isPending}>
              {user.active ? '停用' : '启用'}
            </Button>
          </Popconfirm>
        </>
      )}
      {canGrant && (
        <Tooltip title={isSelf ? '不能修改自己的角色' : undefined}>
          <Button type="link" size="small" disabled={isSelf} onClick={() => { onRoles(user); }}>
            分配角色
          </Button>
        </Tooltip>
      )}
    </Space>
  );
}
