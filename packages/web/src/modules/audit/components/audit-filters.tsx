import { Button, DatePicker, Form, Input, Select, Space } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { AUDIT_ACTION_LABELS } from '@qingyuan/shared';
import type { AuditFilters } from '../use-audit-list-params.ts';

interface AuditFilterValues {
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

interface AuditFiltersFormProps {
  value: AuditFilters;
  onChange: (filters: AuditFilters) => void;
}

const ACTION_OPTIONS = Object.entries(AUDIT_ACTION_LABELS).map(([value, label]) => ({ value, label }));

function trimmed(text: string | undefined): string | undefined {
  const t = text?.trim();
  return t ? t : undefined;
}

function toDayjs(iso: string | undefined): Dayjs | null {
  if (!iso) return null;
  const d = dayjs(iso);
  return d.isValid() ? d : null;
}

export function AuditFiltersForm({ value, onChange }: AuditFiltersFormProps) {
  const [form] = Form.useForm<AuditFilterValues>();

  useEffect(() => {
    const from = toDayjs(value.from);
    const to = toDayjs(value.to);
    // setFields (not setFieldsValue) so that a filter removed from the URL is really cleared.
    form.setFields([
      { name: 'actor', value: value.actor },
      { name: 'action', value: value.action },
      { name: 'entityType', value: value.entityType },
      { name: 'entityId', value: value.entityId },
      { name: 'range', value: from || to ? [from, to] : undefined },
    ]);
  }, [form, value.actor, value.action, value.entityType, value.entityId, value.from, value.to]);

  const submit = (values: AuditFilterValues) => {
    const [from, to] = values.range ?? [null, null];
    onChange({
      actor: trimmed(values.actor),
      action: values.action,
      entityType: trimmed(values.entityType),
      entityId: trimmed(values.entityId),
      // ISO 8601 with the browser's offset, e.g. 2025-01-01T08:00:00+08:00.
      from: from ? from.startOf('minute').format() : undefined,
      to: to ? to.endOf('minute').format() : undefined,
    });
  };

  return (
    <Form form={form} name="audit-filters" layout="inline" onFinish={submit} style={{ rowGap: 12 }}>
      <Form.Item label="操作人" name="actor">
        <Input placeholder="用户名" allowClear style={{ width: 130 }} />
      </Form.Item>
      <Form.Item label="操作" name="action">
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder="全部操作"
          options={ACTION_OPTIONS}
          style={{ width: 170 }}
          popupMatchSelectWidth={false}
        />
      </Form.Item>
      <Form.Item label="对象类型" name="entityType">
        <Input allowClear style={{ width: 110 }} />
      </Form.Item>
      <Form.Item label="对象编号" name="entityId">
        <Input allowClear style={{ width: 150 }} />
      </Form.Item>
      <Form.Item label="时间" name="range">
        <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" allowEmpty={[true, true]} />
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
