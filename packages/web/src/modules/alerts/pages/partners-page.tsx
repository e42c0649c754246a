import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { PARTNER_KINDS, PARTNER_KIND_LABELS, type CreatePartner, type PartnerDto } from '@qingyuan/shared';
import { showFormError } from '../../../app/form-errors.ts';
import { QueryError } from '../../../app/query-error.tsx';
import { useCreatePartner, usePartners, useRevokePartner, useRotatePartner } from '../alerts-api.ts';

/** The secret, shown once: the server keeps it sealed and never answers it again. */
function SecretModal({ secret, onClose }: { secret: { keyId: string; secret: string } | null; onClose: () => void }) {
  return (
    <Modal open={secret !== null} title="接入密钥（仅显示一次）" onOk={onClose} onCancel={onClose} cancelButtonProps={{ style: { display: 'none' } }} okText="我已妥善保存">
      <Alert type="warning" showIcon message="关闭后无法再次查看密钥，请立即通过安全渠道交给联网单位。" style={{ marginBottom: 12 }} />
      <Typography.Paragraph>密钥编号：<Typography.Text code copyable>{secret?.keyId}</Typography.Text></Typography.Paragraph>
      <Typography.Paragraph>签名密钥：<Typography.Text code copyable data-testid="partner-secret">{secret?.secret}</Typography.Text></Typography.Paragraph>
    </Modal>
  );
}

/** 特殊行业联网单位 (office): register partners with the kinds they may send, rotate and revoke their keys. */
export function PartnersPage() {
  const { message } = App.useApp();
  const partners = usePartners();
  const create = useCreatePartner();
  const rotate = useRotatePartner();
  const revoke = useRevokePartner();
  const [form] = Form.useForm<CreatePartner>();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<{ keyId: string; secret: string } | null>(null);
  if (partners.isError) return <QueryError error={partners.error} onRetry={() => void partners.refetch()} />;
  return (
    <Card title="特殊行业联网单位" extra={<Button type="primary" onClick={() => { setCreating(true); }}>登记联网单位</Button>}>
      <Table<PartnerDto>
        rowKey="id" size="small" pagination={false} loading={partners.isPending} dataSource={partners.data?.items ?? []}
        locale={{ emptyText: '暂无联网单位' }}
        columns={[
          { title: '名称', dataIndex: 'name' },
          { title: '数据类别', key: 'kinds', render: (_: unknown, p) => p.kinds.map((k) => <Tag key={k}>{PARTNER_KIND_LABELS[k]}</Tag>) },
          { title: '密钥编号', dataIndex: 'keyId', width: 260 },
          { title: '状态', key: 'active', width: 80, render: (_: unknown, p) => (p.active ? <Tag color="green">有效</Tag> : <Tag>已吊销</Tag>) },
          {
            title: '今日报送（比中/未比中）', key: 'today', width: 180,
            render: (_: unknown, p) => { const d = p.daily[0]; return d ? `${String(d.received)}（${String(d.matched)}/${String(d.unmatched)}）` : '0'; },
          },
          {
            title: '操作', key: 'actions', width: 160,
            render: (_: unknown, p) => p.active && (
              <Space>
                <Popconfirm title="轮换后旧密钥立即失效，确定轮换？" onConfirm={() => {
                  rotate.mutate(p.id, { onSuccess: (r) => { setSecret(r); }, onError: (e) => { showFormError(e, message); } });
                }}><Button size="small" type="link">轮换密钥</Button></Popconfirm>
                <Popconfirm title="吊销后该单位无法再报送数据，确定吊销？" onConfirm={() => {
                  revoke.mutate(p.id, { onSuccess: () => void message.success('已吊销'), onError: (e) => { showFormError(e, message); } });
                }}><Button size="small" type="link" danger>吊销</Button></Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Modal open={creating} title="登记联网单位" onCancel={() => { setCreating(false); }} onOk={() => { form.submit(); }} confirmLoading={create.isPending} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(body) => {
          create.mutate(body, {
            onSuccess: (r) => { setCreating(false); form.resetFields(); setSecret(r); },
            onError: (e) => { showFormError(e, message, form, ['name', 'kinds']); },
          });
        }}>
          <Form.Item name="name" label="单位名称" rules={[{ required: true, whitespace: true, message: '请填写单位名称' }, { max: 100 }]}><Input /></Form.Item>
          <Form.Item name="kinds" label="可报送的数据类别" rules={[{ required: true, message: '请至少选择一类' }]}>
            <Select mode="multiple" options={PARTNER_KINDS.map((k) => ({ value: k, label: PARTNER_KIND_LABELS[k] }))} />
          </Form.Item>
        </Form>
      </Modal>
      <SecretModal secret={secret} onClose={() => { setSecret(null); }} />
    </Card>
  );
}
