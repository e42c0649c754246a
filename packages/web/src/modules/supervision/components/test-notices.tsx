import { App, Button, DatePicker, Form, Input, Modal, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { TEST_NOTICE_MAX_DAYS, TEST_NOTICE_METHODS, TEST_NOTICE_METHOD_LABELS, TEST_NOTICE_STATUS_LABELS } from '@qingyuan/shared';
import type { TestNoticeDto, TestNoticeMethod, TestNoticeStatus } from '@qingyuan/shared';
import { showFormError } from '../../../app/form-errors.ts';
import { requiredRule } from '../../../app/form-rules.ts';
import { QueryError } from '../../../app/query-error.tsx';
import { useExcuseTestNotice, useRecordTestNotice, useTestNotices } from '../test-notices-api.ts';

const STATUS_COLORS: Record<TestNoticeStatus, string> = { open: 'blue', tested: 'green', missed: 'red', justified: 'default' };

/** 通知检测: notices to come for a test; a missed one (no test by the due day, no justified reason) counts as an evasion. */
export function TestNotices({ personId, canWrite }: { personId: string; canWrite: boolean }) {
  const notices = useTestNotices(personId);
  const [adding, setAdding] = useState(false);
  const [excusing, setExcusing] = useState<TestNoticeDto | null>(null);
  if (notices.isError) return <QueryError error={notices.error} onRetry={() => void notices.refetch()} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space>
        <Typography.Text strong>通知检测</Typography.Text>
        {canWrite && <Button size="small" onClick={() => { setAdding(true); }}>通知检测</Button>}
        <Typography.Text type="secondary">通知后逾期未检测且无正当理由的，计入逃避检测次数（3次以上属严重违反协议）</Typography.Text>
      </Space>
      <Table<TestNoticeDto>
        rowKey="id"
        size="small"
        pagination={false}
        loading={notices.isPending}
        dataSource={notices.data?.items ?? []}
        locale={{ emptyText: '暂无通知检测记录' }}
        data-testid="test-notices-table"
        columns={[
          { title: '通知日期', dataIndex: 'notifiedOn', width: 110 },
          { title: '方式', key: 'method', width: 70, render: (_: unknown, n) => TEST_NOTICE_METHOD_LABELS[n.method] },
          { title: '应检测日期', dataIndex: 'dueOn', width: 110 },
          {
            title: '状态', key: 'status', width: 170,
            render: (_: unknown, n) => <Tooltip title={n.explanation}><Tag color={STATUS_COLORS[n.status]}>{TEST_NOTICE_STATUS_LABELS[n.status]}</Tag></Tooltip>,
          },
          { title: '备注 / 正当理由', key: 'note', ellipsis: true, render: (_: unknown, n) => [n.note, n.excuse ? `正当理由：${n.excuse}` : null].filter(Boolean).join('；') },
          {
            title: '操作', key: 'actions', width: 120,
            render: (_: unknown, n) => canWrite && (n.status === 'open' || n.status === 'missed') && (
              <Button size="small" type="link" onClick={() => { setExcusing(n); }}>登记正当理由</Button>
            ),
          },
        ]}
      />
      {adding && <RecordNoticeModal personId={personId} onClose={() => { setAdding(false); }} />}
      {excusing && <ExcuseModal personId={personId} notice={excusing} onClose={() => { setExcusing(null); }} />}
    </Space>
  );
}

interface NoticeValues { notifiedOn: Dayjs; method: TestNoticeMethod; dueOn: Dayjs; note?: string }

function RecordNoticeModal({ personId, onClose }: { personId: string; onClose: () => void }) {
  const [form] = Form.useForm<NoticeValues>();
  const { message } = App.useApp();
  const record = useRecordTestNotice(personId);
  const notifiedOn = Form.useWatch('notifiedOn', form);
  return (
    <Modal title="通知检测" open onOk={() => { form.submit(); }} onCancel={onClose} confirmLoading={record.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ notifiedOn: dayjs(), method: 'phone', dueOn: dayjs().add(3, 'day') }}
        onFinish={(v) => {
          const note = v.note?.trim();
          record.mutate({ notifiedOn: v.notifiedOn.format('YYYY-MM-DD'), method: v.method, dueOn: v.dueOn.format('YYYY-MM-DD'), ...(note ? { note } : {}) }, {
            onSuccess: () => { void message.success('已登记通知检测'); onClose(); },
            onError: (error) => { showFormError(error, message, form, ['notifiedOn', 'method', 'dueOn', 'note']); },
          });
        }}>
        <Form.Item label="通知日期" name="notifiedOn" rules={[requiredRule('请选择通知日期')]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item label="通知方式" name="method" rules={[requiredRule('请选择通知方式')]}>
          <Select options={TEST_NOTICE_METHODS.map((m) => ({ value: m, label: TEST_NOTICE_METHOD_LABELS[m] }))} />
        </Form.Item>
        <Form.Item label="应检测日期" name="dueOn" rules={[requiredRule('请选择应检测日期')]} extra={`当日及之前到检；不晚于通知日期后${TEST_NOTICE_MAX_DAYS}日`}>
          <DatePicker style={{ width: '100%' }}
            disabledDate={(d) => Boolean(notifiedOn) && (d.isBefore(notifiedOn, 'day') || d.isAfter(notifiedOn.add(TEST_NOTICE_MAX_DAYS, 'day'), 'day'))} />
        </Form.Item>
        <Form.Item label="备注" name="note">
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ExcuseModal({ personId, notice, onClose }: { personId: string; notice: TestNoticeDto; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const { message } = App.useApp();
  const excuse = useExcuseTestNotice(personId);
  return (
    <Modal title="登记正当理由" open onOk={() => { form.submit(); }} onCancel={onClose} confirmLoading={excuse.isPending} destroyOnHidden>
      <p>{notice.notifiedOn}{TEST_NOTICE_METHOD_LABELS[notice.method]}通知，应于{notice.dueOn}前到检。登记正当理由后，该次未到检不计入逃避检测次数。</p>
      <Form form={form} layout="vertical" preserve={false}
        onFinish={(v) => {
          excuse.mutate({ id: notice.id, body: { reason: v.reason.trim() } }, {
            onSuccess: () => { void message.success('已登记正当理由'); onClose(); },
            onError: (error) => { showFormError(error, message, form, ['reason']); },
          });
        }}>
        <Form.Item label="正当理由" name="reason" rules={[requiredRule('请填写正当理由')]}>
          <Input.TextArea maxLength={500} rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
