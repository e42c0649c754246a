import { Button, Form, Input, Select, Space } from 'antd';
import { useEffect } from 'react';
import { ROLES, ROLE_LABELS } from '@qingyuan/shared';
import { OrgTreeSelect } from '../../orgs/index.ts';
import type { UserListFilters } from '../use-user-list-params.ts';

interface UserFiltersProps {
  value: UserListFilters;
  onChange: (filters: UserListFilters) => void;
}

const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));
const ACTIVE_OPTIONS = [
  { value: 'true', label: '启用' },
  { value: 'false', label: '停用' },
];

export function UserFilters({ value, onChange }: UserFiltersProps) {
  const [form] = Form.useForm<UserListFilters>();

  // The URL is the source of truth (back/forward, shared links): mirror it into the form.
  useEffect(() => {
    form.setFields([
      { name: 'q', value: value.q },
      { name: 'role', value: value.role },
      { name: 'active', value: value.active },
      { name: 'orgUnitId', value: value.orgUnitId },
    ]);
  }, [form, value.q, value.role, value.active, value.orgUnitId]);

  const submit = (values: UserListFilters) => {
    const q = values.q?.trim();
    onChange({ ...values, q: q ? q : undefined });
  };

  return (
    <Form form={form} name="user-filters" layout="inline" onFinish={submit} style={{ rowGap: 12 }}>
      <Form.Item label="关键词" name="q">
        <Input placeholder="用户名或姓名" allowClear style={{ width: 160 }} />
      </Form.Item>
      <Form.Item label="单位" name="orgUnitId">
        <OrgTreeSelect allowClear style={{ width: 200 }} placeholder="全部单位" />
      </Form.Item>
      <Form.Item label="角色" name="role">
        <Select allowClear placeholder="全部角色" options={ROLE_OPTIONS} style={{ width: 150 }} />
      </Form.Item>
      <Form.Item label="状态" name="active">
        <Select allowClear placeholder="全部" options={ACTIVE_OPTIONS} style={{ width: 90 }} />
      </Form.Item>
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            查询
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              onChange({});
            }}
          >
            重置
          </Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
