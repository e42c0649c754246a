import { PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Input, Modal, Select, Space, Table, Tag, Tooltip } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { LEAVE_KINDS, LEAVE_KIND_LABELS, type LeaveDto, type LeaveKind } from '@qingyuan/shared';
import { showFormError } from '../../../app/form-errors.ts';
import { requiredRule } from '../../../app/form-rules.ts';
import { QueryError } from '../../../app/query-error.tsx';
import { useCan } from '../../auth/index.ts';
import { useLeaves, useRecordLeave, useRecordReturn } from '../supervision-work-api.ts';

const day = (d: Dayjs) => d.format('YYYY-MM-DD');

/** 请假外出: written leave reports and unauthorised absences; overdue returns are computed by the server on read. */
export function LeavesTab({ personId }: { personId: string }) {
  const canWrite = useCan('supervision.write');
  const leaves = useLeaves(personId);
  const [adding, setAdding] = useState(false);
  const [returning, setReturning] = useState<LeaveDto | null>(null);
  if (leaves.isError) return <QueryError error={leaves.error} onRetry={() => void leaves.refetch()} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {canWrite && <Button icon={<PlusOutlined />} onClick={() => { setAdding(true); }}>登记请假外出</Button>}
      <Table<LeaveDto>
        rowKey="id"
        size="small"
        pagination={false}
        loading={leaves.isPending}
        dataSource={leaves.data?.items ?? []}
        locale={{ emptyText: '暂无请假外出记录' }}
        data-testid="leaves-table"
        columns={[
          { title: '类型', key: 'kind', width: 150, render: (_: unknown, l) => (l.kind === 'absence' ? <Tag color="red">{LEAVE_KIND_LABELS.absence}</Tag> : LEAVE_KIND_LABELS.leave) },
          { title: '离开日期', dataIndex: 'from', width: 110 },
          { title: '返回日期', dataIndex: 'to', width: 110 },
          { title: '天数', key: 'days', width: 110, render: (_: unknown, l) => <Tooltip title={l.rule}>{l.days}天{l.reportRequired ? '（须书面报告）' : ''}</Tooltip> },
          { title: '目的地', key: 'destination', ellipsis: true, render: (_: unknown, l) => l.destination ?? '' },
          { title: '批准人', key: 'approvedBy', width: 90, render: (_: unknown, l) => l.approvedBy ?? '' },
          {
            title: '实际返回', key: 'returnedOn', width: 170,
            render: (_: unknown, l) => {
              if (l.kind === 'absence') return '';
              if (l.returnedOn) return l.returnedOn;
              return (
                <Space size={4}>
                  {l.overdue ? <Tag color="red">逾期未归{l.overdueDays}天</Tag> : <Tag>未返回</Tag>}
                  {canWrite && <Button type="link" size="small" onClick={() => { setReturning(l); }}>登记返回</Button>}
                </Space>
              );
            },
          },
        ]}
      />
      {canWrite && <RecordLeaveModal personId={personId} open={adding} onClose={() => { setAdding(false); }} />}
      {canWrite && returning && <RecordReturnModal personId={personId} leave={returning} onClose={() => { setReturning(null); }} />}
    </Space>
  );
}

interface LeaveValues {
  kind: LeaveKind;
  range: [Dayjs, Dayjs];
  destination?: string;
  reason?: string;
  approvedBy?: string;
}

function RecordLeaveModal({ personId, open, onClose }: { personId: string; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<LeaveValues>();
  const { message } = App.useApp();
  const record = useRecordLeave(personId);
  const kind = Form.useWatch('kind', form);
  const onFinish = (v: LeaveValues) => {
    const text = (s?: string) => s?.trim() || undefined;
    const destination = text(v.destination);
    const reason = text(v.reason);
    const approvedBy = text(v.approvedBy);
    record.mutate({
      kind: v.kind, from: day(v.range[0]), to: day(v.range[1]),
      ...(destination ? { destination } : {}), ...(reason ? { reason } : {}), ...(v.kind === 'leave' && approvedBy ? { approvedBy } : {}),
    }, {
      onSuccess: () => { void message.success('已登记'); onClose(); },
      onError: (error) => {
        showFormError(error, message, form, ['kind', 'destination', 'reason', 'approvedBy']);
        const dates = (error as { problem?: { errors?: { field: string; message: string }[] } }).problem?.errors?.filter((e) => e.field === 'from' || e.field === 'to') ?? [];
        if (dates.length > 0) form.setFields([{ name: 'range', errors: dates.map((e) => e.message) }]);
      },
    });
  };
  return (
    <Modal title="登记请假外出" open={open} onOk={() => { form.submit(); }} onCancel={onClose} confirmLoading={record.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} onFinish={onFinish} initialValues={{ kind: 'leave' }}>
        <Form.Item label="类型" name="kind" rules={[requiredRule('请选择类型')]}>
          <Select options={LEAVE_KINDS.map((k) => ({ value: k, label: LEAVE_KIND_LABELS[k] }))} />
        </Form.Item>
        <Form.Item label="离开日期至返回日期" name="range" rules={[requiredRule('请选择离开和返回日期')]} extra="离开执行地所在县（市、区）3日以上须书面报告（《戒毒条例》第十九条）">
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="目的地" name="destination">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label="事由" name="reason">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        {kind !== 'absence' && (
          <Form.Item label="批准人" name="approvedBy" rules={[requiredRule('请填写批准人')]}>
            <Input maxLength={50} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function RecordReturnModal({ personId, leave, onClose }: { personId: string; leave: LeaveDto; onClose: () => void }) {
  const [form] = Form.useForm<{ returnedOn: Dayjs }>();
  const { message } = App.useApp();
  const record = useRecordReturn(personId);
  const onFinish = (v: { returnedOn: Dayjs }) => {
    record.mutate({ leaveId: leave.id, body: { returnedOn: day(v.returnedOn) } }, {
      onSuccess: () => { void message.success('已登记返回'); onClose(); },
      onError: (error) => { showFormError(error, message, form, ['returnedOn']); },
    });
  };
  return (
    <Modal title="登记实际返回日期" open onOk={() => { form.submit(); }} onCancel={onClose} confirmLoading={record.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} onFinish={onFinish} initialValues={{ returnedOn: dayjs() }}>
        <Form.Item label="实际返回日期" name="returnedOn" rules={[requiredRule('请选择实际返回日期')]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day') || d.isBefore(dayjs(leave.from), 'day')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
