import { App, Form, Input, Modal, Select } from 'antd';
import type { FigureRow } from '@qingyuan/shared';
import { TargetValue } from '@qingyuan/shared';
import { showFormError } from '../../../app/form-errors.ts';
import { zodRule } from '../../../app/form-rules.ts';
import { usePutTarget } from '../use-figures.ts';

const QUARTER_OPTIONS = [
  { value: 0, label: '全年' },
  { value: 1, label: '第一季度' },
  { value: 2, label: '第二季度' },
  { value: 3, label: '第三季度' },
  { value: 4, label: '第四季度' },
];

/** 设置任务数: the target of one indicator for a unit and year (or one quarter's share). */
export function TargetModal({ row, orgUnitId, orgUnitName, year, quarter, onClose }: {
  row: FigureRow | null;
  orgUnitId: string;
  orgUnitName: string;
  year: number;
  quarter: number | undefined;
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ value: string; quarter: number }>();
  const { message } = App.useApp();
  const put = usePutTarget();
  if (!row) return null;
  return (
    <Modal title={`设置任务数：${row.label}`} open onOk={() => { form.submit(); }} onCancel={onClose} confirmLoading={put.isPending} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ value: row.target ?? '', quarter: quarter ?? 0 }}
        onFinish={(v) => {
          put.mutate(
            { orgUnitId, year, indicator: row.indicator, value: v.value.trim(), ...(v.quarter ? { quarter: v.quarter } : {}) },
            {
              onSuccess: () => {
                void message.success('任务数已保存');
                onClose();
              },
              onError: (error) => { showFormError(error, message, form, ['value', 'quarter']); },
            },
          );
        }}
      >
        <Form.Item label="单位">{orgUnitName}（{year}年）</Form.Item>
        <Form.Item label="期间" name="quarter">
          <Select options={QUARTER_OPTIONS} />
        </Form.Item>
        <Form.Item required label={`任务数（${row.unit}）`} name="value" rules={[zodRule(TargetValue)]}>
          <Input inputMode="decimal" autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
