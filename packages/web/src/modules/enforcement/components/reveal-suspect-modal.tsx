import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { SuspectRevealRequest } from '@qingyuan/shared';
import type { SuspectDto } from '@qingyuan/shared';
import { showFormError } from '../../../app/form-errors.ts';
import { zodRule } from '../../../app/form-rules.ts';
import { useRevealSuspect } from '../use-case-writes.ts';

/** 查看完整身份证号: with a typed reason; the number stays in this dialog only, the reveal is audited. */
export function RevealSuspectModal({ caseId, suspect, onClose }: { caseId: string; suspect: SuspectDto | null; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const { message } = App.useApp();
  const reveal = useRevealSuspect(caseId);
  const [value, setValue] = useState<string | null | undefined>(undefined);
  if (!suspect) return null;
  const close = () => {
    setValue(undefined);
    onClose();
  };
  return (
    <Modal title={`查看完整身份证号：${suspect.name}`} open onOk={() => { form.submit(); }} onCancel={close} confirmLoading={reveal.isPending} destroyOnHidden okText="查看">
      <Typography.Paragraph type="secondary">完整号码仅在本窗口显示，查看记录（含原因）将写入审计日志。</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={(v) => {
          reveal.mutate(
            { suspectId: suspect.id, reason: v.reason.trim() },
            { onSuccess: (r) => { setValue(r.idNumber); }, onError: (error) => { showFormError(error, message, form, ['reason']); } },
          );
        }}
      >
        <Form.Item required label="查看原因" name="reason" rules={[zodRule(SuspectRevealRequest.shape.reason)]}>
          <Input.TextArea maxLength={200} rows={2} placeholder="如：核对逃犯身份信息（至少5个字）" />
        </Form.Item>
      </Form>
      {value !== undefined && (
        <Alert type="info" message="身份证号" description={<span data-testid="revealed-id-number" style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }}>{value ?? '未登记'}</span>} />
      )}
    </Modal>
  );
}
