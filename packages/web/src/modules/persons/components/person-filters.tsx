import { Button, Form, Input, Select, Space } from 'antd';
import { useEffect } from 'react';
import { PERSON_STATUSES, PERSON_STATUS_LABELS } from '@qingyuan/shared';
import { OrgTreeSelect } from '../../orgs/index.ts';
import type { PersonListFilters } from '../use-person-list-params.ts';

interface PersonFiltersProps {
  value: PersonListFilters;
  onChange: (filters: PersonListFilters) => void;
}

const STATUS_OPTIONS = PERSON_STATUSES.map((s) => ({ value: s, label: PERSON_STATUS_LABELS[s] }));

export function PersonFilters({ value, onChange }: PersonFiltersProps) {
  const [form] = Form.useForm<PersonListFilters>();

  // The URL is the source of truth (back/forward, shared links): mirror it into the form.
  useEffect(() => {
    form.setFields([
      { name: 'q', value: value.q },
      { name: 'orgUnitId', value: value.orgUnitId },
      { name: 'status', value: value.status },
    ]);
  }, [form, value.q, value.orgUnitId, value.status]);

  return (
    <Form form={form} name="person-filters" layout="inline" onFinish={onChange} style={{ rowGap: 12 }}>
      <Form.Item label="关键词" name="q">
        <Input placeholder="姓名，或完整身份证号" allowClear style={{ width: 220 }} maxLength={50} />
      </Form.Item>
      <Form.Item label="单位" name="orgUnitId">
        <OrgTreeSelect allowClear style={{ width: 200 }} placeholder="全部单位" />
      </Form.Item>
      <Form.Item label="状态" name="status">
        <Select allowClear placeholder="全部" options={STATUS_OPTIONS} style={{ width: 110 }} />
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
