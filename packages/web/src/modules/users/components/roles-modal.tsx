import { Alert, App, Checkbox, Modal, Typography } from 'antd';
import { useState } from 'react';
import { ROLES, ROLE_LABELS, isAdminRole } from '@qingyuan/shared';
import type { Role, User } from '@qingyuan/shared';
import { showFormError } from '../../../app/form-errors.ts';
import { useSetRoles } from '../use-set-roles.ts';

interface RolesModalProps {
  user: User | null;
  onClose: () => void;
}

function roleLabel(role: Role): string {
  return isAdminRole(role) ? `${ROLE_LABELS[role]}（三员）` : ROLE_LABELS[role];
}

/** 分配角色 (secadmin): the server enforces 三员分立 and refuses changes to one's own roles. */
export function RolesModal({ user, onClose }: RolesModalProps) {
  return user ? <RolesEditor key={user.id} user={user} onClose={onClose} /> : null;
}

function RolesEditor({ user, onClose }: { user: User; onClose: () => void }) {
  const { message } = App.useApp();
  const setRoles = useSetRoles();
  // Plain controlled checkboxes: a Form-bound Checkbox.Group updates its boxes one task late.
  const [roles, setSelected] = useState<Role[]>(user.roles);

  const toggle = (role: Role, checked: boolean) => {
    setSelected((prev) => ROLES.filter((r) => (r === role ? checked : prev.includes(r))));
  };

  const save = () => {
    setRoles.mutate(
      { id: user.id, body: { roles } },
      {
        onSuccess: () => {
          void message.success('角色已更新');
          onClose();
        },
        onError: (error) => { showFormError(error, message); },
      },
    );
  };

  return (
    <Modal
      title={`分配角色 — ${user.displayName}（${user.username}）`}
      open
      onOk={save}
      onCancel={onClose}
      confirmLoading={setRoles.isPending}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message="系统管理员、安全管理员、安全审计员三员分立：一个账号最多担任其中一种，且不能同时持有业务角色。"
      />
      <div role="group" aria-label="角色" style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', rowGap: 8 }}>
        {ROLES.map((role) => (
          <Checkbox
            key={role}
            checked={roles.includes(role)}
            onChange={(e) => { toggle(role, e.target.checked); }}
          >
            {roleLabel(role)}
          </Checkbox>
        ))}
      </div>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
        移除角色后，该账号的现有会话将立即结束。
      </Typography.Paragraph>
    </Modal>
  );
}
