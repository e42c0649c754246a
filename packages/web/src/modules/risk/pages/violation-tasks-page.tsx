import { App, Button, Card, DatePicker, Form, Input, Modal, Select, Space, Table, Tabs, Tooltip } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useCallback, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  MAX_PAGE_SIZE,
  POLICE_DECISIONS,
  POLICE_DECISION_LABELS,
  VIOLATION_BASIS_LABELS,
  VIOLATION_TASK_STATUSES,
  VIOLATION_TASK_STATUS_LABELS,
} from '@qingyuan/shared';
import type { PoliceDecision, ViolationTaskDto } from '@qingyuan/shared';
import { showFormError } from '../../../app/form-errors.ts';
import { requiredRule } from '../../../app/form-rules.ts';
import { QueryError } from '../../../app/query-error.tsx';
import { patchParams, readEnum, readInt } from '../../../app/url-params.ts';
import { useCan } from '../../auth/index.ts';
import { useCompleteViolationTask, useDismissViolationTask, useViolationTasks } from '../risk-api.ts';

/** What became of a task: reported, dismissed by the township, or withdrawn by the system (with why); a note on a reported one. */
function outcomeOf(t: ViolationTaskDto): string {
  switch (t.status) {
    case 'completed':
      return `${t.reportedToPoliceOn ?? ''} 已报告；${t.policeDecision ? POLICE_DECISION_LABELS[t.policeDecision] : ''}${t.basisNote ? `（${t.basisNote}）` : ''}`;
    case 'dismissed':
      return `已撤销：${t.dismissReason ?? ''}`;
    case 'withdrawn':
      return `${t.withdrawnOn ?? ''} ${t.withdrawnReason ?? ''}`;
    case 'open':
      return '';
  }
}

/** 严重违反任务: tasks "报告公安机关并建议强制隔离戒毒" opened by the serious-violation rule; the township closes them. */
export function ViolationTasksPage() {
  const [search, setSearch] = useSearchParams();
  const params = useMemo(() => ({
    status: readEnum(search, 'status', VIOLATION_TASK_STATUSES) ?? 'open',
    page: readInt(search, 'page', 1),
    pageSize: readInt(search, 'pageSize', 20, MAX_PAGE_SIZE),
  }), [search]);
  const set = useCallback((patch: Record<string, string | number | undefined>) => { setSearch(patchParams(search, patch)); }, [search, setSearch]);
  const tasks = useViolationTasks(params.status, params.page, params.pageSize);
  const canWrite = useCan('supervision.write');
  const [completing, setCompleting] = useState<ViolationTaskDto | null>(null);
  const [dismissing, setDismissing] = useState<ViolationTaskDto | null>(null);
  if (tasks.isError && !tasks.data) return <QueryError error={tasks.error} onRetry={() => void tasks.refetch()} />;
  return (
    <Card title="严重违反任务">
      <Tabs activeKey={params.status} onChange={(status) => { set({ status, page: undefined }); }}
        items={VIOLATION_TASK_STATUSES.map((s) => ({ key: s, label: VIOLATION_TASK_STATUS_LABELS[s] }))} />
      <Table<ViolationTaskDto>
        rowKey="id"
        size="small"
        loading={tasks.isFetching}
        dataSource={tasks.data?.items ?? []}
        data-testid="violation-tasks-table"
        locale={{ emptyText: '暂无任务' }}
        pagination={{
          current: params.page, pageSize: params.pageSize, total: tasks.data?.total ?? 0, showSizeChanger: true,
          onChange: (page, pageSize) => { set({ page, pageSize }); },
        }}
        columns={[
          { title: '姓名', key: 'person', width: 110, render: (_: unknown, t) => <Link to={`/persons/${t.personId}`}>{t.personName}</Link> },
          { title: '任务', dataIndex: 'title', width: 220 },
          { title: '依据', key: 'basis', render: (_: unknown, t) => <Tooltip title={t.explanation}><span style={{ borderBottom: '1px dashed #999' }}>{VIOLATION_BASIS_LABELS[t.basis]}</span></Tooltip> },
          { title: '达到日期', dataIndex: 'reachedOn', width: 110 },
          { title: '责任单位', key: 'org', width: 120, render: (_: unknown, t) => t.orgUnit.name },
          {
            title: '处理结果', key: 'outcome', width: 220,
            render: (_: unknown, t) => outcomeOf(t),
          },
          ...(canWrite && params.status === 'open'
            ? [{
              title: '操作', key: 'actions', width: 160,
              render: (_: unknown, t: ViolationTaskDto) => (
                <Space>
                  <Button size="small" type="link" onClick={() => { setCompleting(t); }}>登记报告</Button>
                  <Button size="small" type="link" danger onClick={() => { setDismissing(t); }}>撤销</Button>
                </Space>
              ),
            }]
            : []),
        ]}
      />
      {completing && <CompleteModal task={completing} onClose={() => { setCompleting(null); }} />}
      {dismissing && <DismissModal task={dismissing} onClose={() => { setDismissing(null); }} />}
    </Card>
  );
}

function CompleteModal({ task, onClose }: { task: ViolationTaskDto; onClose: () => void }) {
  const [form] = Form.useForm<{ reportedToPoliceOn: Dayjs; policeDecision: PoliceDecision; note?: string }>();
  const { message } = App.useApp();
  const complete = useCompleteViolationTask();
  return (
    <Modal title={`登记报告公安机关：${task.personName}`} open onOk={() => { form.submit(); }} onCancel={onClose} confirmLoading={complete.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ reportedToPoliceOn: dayjs(), policeDecision: 'pending' }}
        onFinish={(v) => {
          const note = v.note?.trim();
          complete.mutate({ id: task.id, body: { reportedToPoliceOn: v.reportedToPoliceOn.format('YYYY-MM-DD'), policeDecision: v.policeDecision, ...(note ? { note } : {}) } }, {
            onSuccess: () => { void message.success('已登记'); onClose(); },
            onError: (error) => { showFormError(error, message, form, ['reportedToPoliceOn', 'policeDecision', 'note']); },
          });
        }}>
        <Form.Item label="报告公安机关日期" name="reportedToPoliceOn" rules={[requiredRule('请选择报告日期')]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item label="公安机关决定" name="policeDecision" rules={[requiredRule('请选择公安机关决定')]}>
          <Select options={POLICE_DECISIONS.map((d) => ({ value: d, label: POLICE_DECISION_LABELS[d] }))} />
        </Form.Item>
        <Form.Item label="备注" name="note"><Input.TextArea maxLength={1000} rows={2} /></Form.Item>
      </Form>
    </Modal>
  );
}

function DismissModal({ task, onClose }: { task: ViolationTaskDto; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const { message } = App.useApp();
  const dismiss = useDismissViolationTask();
  return (
    <Modal title={`撤销任务：${task.personName}`} open onOk={() => { form.submit(); }} onCancel={onClose} confirmLoading={dismiss.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false}
        onFinish={(v) => {
          dismiss.mutate({ id: task.id, body: { reason: v.reason.trim() } }, {
            onSuccess: () => { void message.success('已撤销'); onClose(); },
            onError: (error) => { showFormError(error, message, form, ['reason']); },
          });
        }}>
        <Form.Item label="撤销理由" name="reason" rules={[requiredRule('请填写撤销理由')]}><Input.TextArea maxLength={500} rows={3} /></Form.Item>
      </Form>
    </Modal>
  );
}
