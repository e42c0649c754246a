import { PaperClipOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Table, Upload } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ASSISTANCE_KINDS, ASSISTANCE_KIND_LABELS, ATTACHMENT_MAX_BYTES, type AssistanceDto, type AssistanceKind } from '@qingyuan/shared';
import { showFormError } from '../../../app/form-errors.ts';
import { requiredRule } from '../../../app/form-rules.ts';
import { QueryError } from '../../../app/query-error.tsx';
import { useCan } from '../../auth/index.ts';
import { attachmentUrl, fileToBase64, useAssistance, useRecordAssistance, useUploadAssistanceFile } from '../supervision-work-api.ts';

const yuan = (fen: number | null): string => (fen === null ? '' : `${(fen / 100).toFixed(2)}元`);

/** 帮扶救助: employment (阳光工程), 低保, medical, training, schooling; each record may carry files (PDF, JPEG, PNG, DOCX). */
export function AssistanceTab({ personId }: { personId: string }) {
  const canWrite = useCan('supervision.write');
  const assistance = useAssistance(personId);
  const upload = useUploadAssistanceFile(personId);
  const { message } = App.useApp();
  const [adding, setAdding] = useState(false);
  if (assistance.isError) return <QueryError error={assistance.error} onRetry={() => void assistance.refetch()} />;
  const attach = async (assistanceId: string, file: File) => {
    if (file.size > ATTACHMENT_MAX_BYTES) {
      void message.error('附件不能超过10MB');
      return;
    }
    upload.mutate({ assistanceId, body: { fileName: file.name, contentBase64: await fileToBase64(file) } }, {
      onSuccess: () => void message.success('已上传附件'),
      onError: (error) => { showFormError(error, message); },
    });
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {canWrite && <Button icon={<PlusOutlined />} onClick={() => { setAdding(true); }}>登记帮扶救助</Button>}
      <Table<AssistanceDto>
        rowKey="id"
        size="small"
        pagination={false}
        loading={assistance.isPending}
        dataSource={assistance.data?.items ?? []}
        locale={{ emptyText: '暂无帮扶救助记录' }}
        data-testid="assistance-table"
        columns={[
          { title: '日期', dataIndex: 'givenOn', width: 110 },
          { title: '类型', key: 'kind', width: 170, render: (_: unknown, a) => ASSISTANCE_KIND_LABELS[a.kind] },
          { title: '帮扶单位', dataIndex: 'provider', width: 160, ellipsis: true },
          { title: '金额', key: 'amount', width: 110, render: (_: unknown, a) => yuan(a.amountFen) },
          { title: '备注', key: 'notes', ellipsis: true, render: (_: unknown, a) => a.notes ?? '' },
          {
            title: '附件', key: 'attachments', width: 240,
            render: (_: unknown, a) => (
              <Space direction="vertical" size={2}>
                {a.attachments.map((f) => (
                  <a key={f.id} href={attachmentUrl(f.id)} target="_blank" rel="noreferrer"><PaperClipOutlined /> {f.fileName}</a>
                ))}
                {canWrite && (
                  <Upload accept=".pdf,.jpg,.jpeg,.png,.docx" showUploadList={false} beforeUpload={(file) => { void attach(a.id, file); return false; }}>
                    <Button size="small" icon={<UploadOutlined />} loading={upload.isPending}>上传附件</Button>
                  </Upload>
                )}
              </Space>
            ),
          },
        ]}
      />
      {canWrite && <RecordAssistanceModal personId={personId} open={adding} onClose={() => { setAdding(false); }} />}
    </Space>
  );
}

interface AssistanceValues {
  kind: AssistanceKind;
  givenOn: Dayjs;
  provider: string;
  amountYuan?: number | null;
  notes?: string;
}

function RecordAssistanceModal({ personId, open, onClose }: { personId: string; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<AssistanceValues>();
  const { message } = App.useApp();
  const record = useRecordAssistance(personId);
  const onFinish = (v: AssistanceValues) => {
    const notes = v.notes?.trim();
    const amountFen = v.amountYuan === undefined || v.amountYuan === null ? undefined : Math.round(v.amountYuan * 100);
    record.mutate({
      kind: v.kind, givenOn: v.givenOn.format('YYYY-MM-DD'), provider: v.provider.trim(),
      ...(amountFen === undefined ? {} : { amountFen }), ...(notes ? { notes } : {}),
    }, {
      onSuccess: () => { void message.success('已登记帮扶救助'); onClose(); },
      onError: (error) => {
        showFormError(error, message, form, ['kind', 'givenOn', 'provider', 'notes']);
        const amount = (error as { problem?: { errors?: { field: string; message: string }[] } }).problem?.errors?.filter((e) => e.field === 'amountFen') ?? [];
        if (amount.length > 0) form.setFields([{ name: 'amountYuan', errors: amount.map((e) => e.message) }]);
      },
    });
  };
  return (
    <Modal title="登记帮扶救助" open={open} onOk={() => { form.submit(); }} onCancel={onClose} confirmLoading={record.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} onFinish={onFinish} initialValues={{ kind: 'employment', givenOn: dayjs() }}>
        <Form.Item label="类型" name="kind" rules={[requiredRule('请选择帮扶类型')]}>
          <Select options={ASSISTANCE_KINDS.map((k) => ({ value: k, label: ASSISTANCE_KIND_LABELS[k] }))} />
        </Form.Item>
        <Form.Item label="日期" name="givenOn" rules={[requiredRule('请选择帮扶日期')]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item label="帮扶单位" name="provider" rules={[requiredRule('请填写帮扶单位'), { whitespace: true, message: '请填写帮扶单位' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label="金额（元）" name="amountYuan" rules={[{ type: 'number', min: 0, max: 1_000_000, message: '金额应在0至100万元之间' }]}>
          <InputNumber style={{ width: '100%' }} precision={2} min={0} />
        </Form.Item>
        <Form.Item label="备注" name="notes">
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
