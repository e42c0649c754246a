import { App, Form, Input, Modal } from 'antd';
import type { TransferDto } from '@qingyuan/shared';
import { showFormError } from '../../../app/form-errors.ts';
import { requiredRule } from '../../../app/form-rules.ts';
import { useCancelTransfer } from '../transfers-api.ts';

/** 撤回移交: the sending side withdraws a transfer not yet accepted or returned; a reason is required. */
export function CancelTransferModal({ transfer, onClose }: { transfer: TransferDto; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const { message } = App.useApp();
  const cancel = useCancelTransfer();
  return (
    <Modal title={`撤回移交：${transfer.personName}`} open onOk={() => { form.submit(); }} onCancel={onClose} okText="撤回"
      okButtonProps={{ danger: true }} confirmLoading={cancel.isPending} destroyOnHidden>
      <p>{transfer.fromOrgUnit.name} → {transfer.toOrgUnit.name}（{transfer.sentOn}移交）。撤回后该人员仍由{transfer.fromOrgUnit.name}管理，接收单位不再看到该人员。</p>
      <Form form={form} layout="vertical" preserve={false}
        onFinish={(v) => {
          cancel.mutate({ id: transfer.id, body: { reason: v.reason.trim() } }, {
            onSuccess: () => { void message.success('已撤回移交'); onClose(); },
            onError: (error) => { showFormError(error, message, form, ['reason']); },
          });
        }}>
        <Form.Item label="撤回原因" name="reason" rules={[requiredRule('请填写撤回原因')]}>
          <Input.TextArea maxLength={500} rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
