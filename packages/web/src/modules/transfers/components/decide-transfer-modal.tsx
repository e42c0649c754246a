import { App, DatePicker, Form, Input, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import type { TransferDto } from '@qingyuan/shared';
import { showFormError } from '../../../app/form-errors.ts';
import { requiredRule } from '../../../app/form-rules.ts';
import { useDecideTransfer } from '../transfers-api.ts';

/** Accept (接收) or return (退回, reason required) a transfer waiting for the caller's unit. */
export function DecideTransferModal({ transfer, accept, onClose }: { transfer: TransferDto; accept: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ text?: string; acceptedOn?: Dayjs }>();
  const { message } = App.useApp();
  const decide = useDecideTransfer();
  // Never before the handover day (the browser's clock may lag the server's day near midnight).
  const earliest = dayjs(transfer.sentOn);
  const latest = earliest.isAfter(dayjs(), 'day') ? earliest : dayjs();
  return (
    <Modal title={`${accept ? '接收' : '退回'}移交：${transfer.personName}`} open onOk={() => { form.submit(); }} onCancel={onClose}
      confirmLoading={decide.isPending} destroyOnHidden>
      <p>{transfer.fromOrgUnit.name} → {transfer.toOrgUnit.name}（{transfer.sentOn}移交）；移交原因：{transfer.reason}</p>
      {accept && <p>接收后该人员的责任单位变更为{transfer.toOrgUnit.name}，管控措施继续执行。</p>}
      <Form form={form} layout="vertical" preserve={false}
        onFinish={(v) => {
          const text = v.text?.trim() ?? '';
          const acceptedOn = (v.acceptedOn ?? dayjs()).format('YYYY-MM-DD');
          decide.mutate({ id: transfer.id, accept, body: accept ? { acceptedOn, ...(text ? { note: text } : {}) } : { returnReason: text } }, {
            onSuccess: () => { void message.success(accept ? '已接收' : '已退回'); onClose(); },
            onError: (error) => { showFormError(error, message); },
          });
        }}>
        {accept && (
          <Form.Item label="接收日期" name="acceptedOn" initialValue={latest} rules={[{ required: true, message: '请选择接收日期' }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(latest, 'day') || d.isBefore(earliest, 'day')} />
          </Form.Item>
        )}
        <Form.Item label={accept ? '备注' : '退回原因'} name="text" rules={accept ? [] : [requiredRule('请填写退回原因')]}>
          <Input.TextArea maxLength={500} rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
