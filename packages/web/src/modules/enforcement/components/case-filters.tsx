import { Button, Form, Input, Select, Space } from 'antd';
import { useEffect } from 'react';
import { CASE_LEVELS, CASE_LEVEL_LABELS, CASE_STATUSES, CASE_STATUS_LABELS, CASE_TYPES, CASE_TYPE_LABELS } from '@qingyuan/shared';
import type { CaseListFilters } from '../use-case-list-params.ts';
import { AreaUnitSelect } from './area-unit-select.tsx';

const TYPE_OPTIONS = CASE_TYPES.map((t) => ({ value: t, label: CASE_TYPE_LABELS[t] }));
const LEVEL_OPTIONS = CASE_LEVELS.map((l) => ({ value: l, label: CASE_LEVEL_LABELS[l] }));
const STATUS_OPTIONS = CASE_STATUSES.map((s) => ({ value: s, label: CASE_STATUS_LABELS[s] }));
const thisYear = new Date().getFullYear();
const YEAR_OPTIONS = [0, 1, 2, 3].map((d) => ({ value: thisYear - d, label: `${String(thisYear - d)}年` }));

/** The register's filters; the URL is the source of truth (back/forward, shared links). */
export function CaseFilters({ value, onChange }: { value: CaseListFilters; onChange: (filters: CaseListFilters) => void }) {
  const [form] = Form.useForm<CaseListFilters>();
  useEffect(() => {
    form.setFields((['q', 'type', 'level', 'status', 'orgUnitId', 'year'] as const).map((name) => ({ name, value: value[name] })));
  }, [form, value]);

  return (
    <Form
      form={form}
      name="case-filters"
      layout="inline"
      style={{ rowGap: 12 }}
      onFinish={(values: CaseListFilters) => {
        const q = values.q?.trim();
        onChange({ ...values, q: q ? q : undefined });
      }}
    >
      <Form.Item label="案件编号" name="q">
        <Input placeholder="编号的一部分" allowClear style={{ width: 150 }} />
      </Form.Item>
      <Form.Item label="发案地" name="orgUnitId">
        <AreaUnitSelect allowClear areasOnly style={{ width: 160 }} placeholder="全部" />
      </Form.Item>
      <Form.Item label="类型" name="type">
        <Select allowClear placeholder="全部" options={TYPE_OPTIONS} style={{ width: 140 }} popupMatchSelectWidth={false} />
      </Form.Item>
      <Form.Item label="等级" name="level">
        <Select allowClear placeholder="全部" options={LEVEL_OPTIONS} style={{ width: 80 }} />
      </Form.Item>
      <Form.Item label="状态" name="status">
        <Select allowClear placeholder="全部" options={STATUS_OPTIONS} style={{ width: 90 }} />
      </Form.Item>
      <Form.Item label="立案年度" name="year">
        <Select allowClear placeholder="全部" options={YEAR_OPTIONS} style={{ width: 96 }} />
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
