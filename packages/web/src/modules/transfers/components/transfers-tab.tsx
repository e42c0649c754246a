import { App, Button, Form, Input, Modal, Select, Space, Table } from 'antd';
import { useState } from 'react';
import type { TransferDto } from '@qingyuan/shared';
import { showFormError } from '../../../app/form-errors.ts';
import { requiredRule } from '../../../app/form-rules.ts';
import { QueryError } from '../../../app/query-error.tsx';
import { useCan } from '../../auth/index.ts';
import { usePersonTransfers, useSendTransfer, useTransferTargets } from '../transfers-api.ts';
import { CancelTransferModal } from './cancel-transfer-modal.tsx';
import { DecideTransferModal } from './decide-transfer-modal.tsx';
import { TransferStatusTag } from './transfer-status-tag.tsx';

/** 移交记录: the person's transfers; the sending side hands over, the receiving side accepts or returns. */
export function TransfersTab({ personId }: { personId: string }) {
  const canWrite = useCan('transfers.write');
  const transfers = usePersonTransfers(personId);
  const [sending, setSending] = useState(false);
  const [deciding, setDeciding] = useState<{ transfer: TransferDto; accept: boolean } | null>(null);
  const [cancelling, setCancelling] = useState<TransferDto | null>(null);
  if (transfers.isError) return <QueryError error={transfers.error} onRetry={() => void transfers.refetch()} />;
  const pending = transfers.data?.items.some((t) => t.status === 'pending') ?? false;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {canWrite && !pending && <Button onClick={() => { setSending(true); }}>移交</Button>}
      <Table<TransferDto>
        rowKey="id"
        size="small"
        pagination={false}
        loading={transfers.isPending}
        dataSource={transfers.data?.items ?? []}
        locale={{ emptyText: '暂无移交记录' }}
        data-testid="person-transfers"
        columns={[
          { title: '移交日期', dataIndex: 'sentOn', width: 110 },
          { title: '移出单位', key: 'from', render: (_: unknown, t) => t.fromOrgUnit.name },
          { title: '接收单位', key: 'to', render: (_: unknown, t) => t.toOrgUnit.name },
          { title: '原因', dataIndex: 'reason', ellipsis: true },
          { title: '状态', key: 'status', width: 160, render: (_: unknown, t) => <TransferStatusTag transfer={t} /> },
          { title: '退回/撤回原因', key: 'returnReason', render: (_: unknown, t) => t.returnReason ?? t.cancelReason ?? '' },
          {
            title: '操作', key: 'actions', width: 120,
            render: (_: unknown, t) => canWrite && (t.canDecide || t.canCancel) && (
              <Space>
                {t.canDecide && <Button size="small" type="link" onClick={() => { setDeciding({ transfer: t, accept: true }); }}>接收</Button>}
                {t.canDecide && <Button size="small" type="link" danger onClick={() => { setDeciding({ transfer: t, accept: false }); }}>退回</Button>}
                {t.canCancel && <Button size="small" type="link" danger onClick={() => { setCancelling(t); }}>撤回</Button>}
              </Space>
            ),
          },
        ]}
      />
      {sending && <SendModal personId={personId} onClose={() => { setSending(false); }} />}
      {deciding && <DecideTransferModal transfer={deciding.transfer} accept={deciding.accept} onClose={() => { setDeciding(null); }} />}
      {cancelling && <CancelTransferModal transfer={cancelling} onClose={() => { setCancelling(null); }} />}
    </Space>
  );
}

function SendModal({ personId, onClose }: { personId: string; onClose: () => void }) {
  const [form] = Form.useForm<{ toOrgUnitId: string; reason: string }>();
  const { message } = App.useApp();
  const targets = useTransferTargets(true);
  const send = useSendTransfer(personId);
  return (
    <Modal title="移交人员" open onOk={() => { form.submit(); }} onCancel={onClose} confirmLoading={send.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false}
        onFinish={(v) => {
          send.mutate({ toOrgUnitId: v.toOrgUnitId, reason: v.reason.trim() }, {
            onSuccess: () => { void message.success('已移交，等待接收单位接收'); onClose(); },
            onError: (error) => { showFormError(error, message, form, ['toOrgUnitId', 'reason']); },
          });
        }}>
        <Form.Item label="接收单位" name="toOrgUnitId" rules={[requiredRule('请选择接收单位')]}>
          <Select showSearch optionFilterProp="label" loading={targets.isPending}
            options={(targets.data?.items ?? []).map((t) => ({ value: t.id, label: t.parentName ? `${t.parentName} / ${t.name}` : t.name }))} />
        </Form.Item>
        <Form.Item label="移交原因" name="reason" rules={[requiredRule('请填写移交原因')]}>
          <Input.TextArea maxLength={500} rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
