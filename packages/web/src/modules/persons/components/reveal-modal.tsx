import { Alert, App, Form, Input, Modal, Radio, Typography } from 'antd';
import { useState } from 'react';
import { REVEAL_FIELDS, REVEAL_FIELD_LABELS, RevealRequest } from '@qingyuan/shared';
import type { RevealField, RevealResult } from '@qingyuan/shared';
import { showFormError } from '../../../app/form-errors.ts';
import { zodRule } from '../../../app/form-rules.ts';
import { useRevealPerson } from '../use-reveal-person.ts';

interface RevealModalProps {
  personId: string;
  open: boolean;
  onClose: () => void;
}

const FIELD_OPTIONS = REVEAL_FIELDS.map((f) => ({ value: f, label: REVEAL_FIELD_LABELS[f] }));

function revealedText(result: RevealResult): string {
  switch (result.field) {
    case 'idNumber':
      return result.value;
    case 'phones':
      return result.value.length > 0 ? result.value.join('、') : '未登记';
    case 'registeredAddress':
    case 'residence':
      return result.value ?? '未登记';
    case 'contacts':
      return result.value.length > 0 ? result.value.map((c) => `${c.name}（${c.relation}）：${c.phone ?? '无电话'}`).join('；') : '未登记';
  }
}

/** 查看完整信息: one field at a time, with a typed reason; the value stays in this dialog only and is audited. */
export function RevealModal({ personId, open, onClose }: RevealModalProps) {
  const [form] = Form.useForm<{ field: RevealField; reason: string }>();
  const { message } = App.useApp();
  const reveal = useRevealPerson();
  const [result, setResult] = useState<RevealResult | null>(null);

  const close = () => {
    setResult(null);
    reveal.reset();
    onClose();
  };

  const onFinish = (values: { field: RevealField; reason: string }) => {
    setResult(null);
    reveal.mutate(
      { id: personId, body: { field: values.field, reason: values.reason.trim() } },
      { onSuccess: setResult, onError: (error) => { showFormError(error, message, form, ['field', 'reason']); } },
    );
  };

  return (
    <Modal title="查看完整信息" open={open} onOk={() => { form.submit(); }} onCancel={close} confirmLoading={reveal.isPending} destroyOnHidden okText="查看">
      <Typography.Paragraph type="secondary">完整信息仅在本窗口显示，查看记录（含原因）将写入审计日志。</Typography.Paragraph>
      <Form form={form} layout="vertical" preserve={false} onFinish={onFinish} initialValues={{ field: 'idNumber' }}>
        <Form.Item label="查看项目" name="field">
          <Radio.Group options={FIELD_OPTIONS} />
        </Form.Item>
        <Form.Item required label="查看原因" name="reason" rules={[zodRule(RevealRequest.shape.reason)]}>
          <Input.TextArea maxLength={200} rows={2} placeholder="如：入户走访核对身份（至少5个字）" />
        </Form.Item>
      </Form>
      {result && (
        <Alert
          type="info"
          message={REVEAL_FIELD_LABELS[result.field]}
          description={<span data-testid="revealed-value" style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }}>{revealedText(result)}</span>}
        />
      )}
    </Modal>
  );
}
