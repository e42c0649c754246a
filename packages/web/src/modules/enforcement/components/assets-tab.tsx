import { PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Input, Modal, Select, Space, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { ASSET_KINDS, ASSET_KIND_LABELS, CreateAsset } from '@qingyuan/shared';
import type { AssetDto, AssetKind } from '@qingyuan/shared';
import { showFormError } from '../../../app/form-errors.ts';
import { requiredRule, zodRule } from '../../../app/form-rules.ts';
import { useCan } from '../../auth/index.ts';
import { useAddAsset } from '../use-case-writes.ts';
import { notFuture } from './add-suspect-modal.tsx';
import { day } from './case-form-fields.tsx';

interface AssetValues {
  kind: AssetKind;
  amount: string;
  description: string;
  recordedAt: Dayjs;
}

function AddAssetModal({ caseId, open, onClose }: { caseId: string; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<AssetValues>();
  const { message } = App.useApp();
  const add = useAddAsset(caseId);
  return (
    <Modal title="添加涉毒资产" open={open} onOk={() => { form.submit(); }} onCancel={onClose} confirmLoading={add.isPending} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ kind: 'seized' }}
        onFinish={(v) => {
          add.mutate(
            { kind: v.kind, amount: v.amount.trim(), description: v.description.trim(), recordedAt: day(v.recordedAt) ?? '' },
            {
              onSuccess: () => {
                void message.success('已添加涉毒资产');
                onClose();
              },
              onError: (error) => { showFormError(error, message, form, ['kind', 'amount', 'description', 'recordedAt']); },
            },
          );
        }}
      >
        <Form.Item label="处置类型" name="kind" rules={[requiredRule('请选择处置类型')]}>
          <Select options={ASSET_KINDS.map((k) => ({ value: k, label: ASSET_KIND_LABELS[k] }))} />
        </Form.Item>
        <Form.Item required label="金额（元）" name="amount" rules={[zodRule(CreateAsset.shape.amount)]} extra="最多2位小数">
          <Input inputMode="decimal" autoComplete="off" />
        </Form.Item>
        <Form.Item required label="资产说明" name="description" rules={[zodRule(CreateAsset.shape.description)]}>
          <Input maxLength={200} placeholder="如：现金、银行账户资金、车辆" />
        </Form.Item>
        <Form.Item label="登记日期" name="recordedAt" rules={[requiredRule('请选择登记日期')]}>
          <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 涉毒资产: seized, frozen, confiscated amounts (exact yuan, kept as integer fen). */
export function AssetsTab({ caseId, assets }: { caseId: string; assets: readonly AssetDto[] }) {
  const canWrite = useCan('enforcement.write');
  const [adding, setAdding] = useState(false);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {canWrite && (
        <Button icon={<PlusOutlined />} onClick={() => { setAdding(true); }}>
          添加涉毒资产
        </Button>
      )}
      <Table<AssetDto>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={[...assets]}
        locale={{ emptyText: '暂无涉毒资产' }}
        columns={[
          { title: '登记日期', dataIndex: 'recordedAt', width: 110 },
          { title: '处置类型', dataIndex: 'kind', width: 100, render: (_: unknown, a) => ASSET_KIND_LABELS[a.kind] },
          { title: '金额（元）', dataIndex: 'amount', width: 140, align: 'right' },
          { title: '说明', dataIndex: 'description', ellipsis: true },
        ]}
      />
      {canWrite && <AddAssetModal caseId={caseId} open={adding} onClose={() => { setAdding(false); }} />}
    </Space>
  );
}
