import { PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Input, Modal, Select, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { TEAM_ROLE_LABELS, VISIT_KINDS, VISIT_KIND_LABELS, type VisitDto, type VisitKind } from '@qingyuan/shared';
import { showFormError } from '../../../app/form-errors.ts';
import { requiredRule } from '../../../app/form-rules.ts';
import { QueryError } from '../../../app/query-error.tsx';
import { useCan, useCurrentMe } from '../../auth/index.ts';
import { useRecordVisit, useTeam, useVisits } from '../supervision-work-api.ts';

/** 走访谈话: visits and talks, newest first, with the last contact day (visits, tests, report-ins). */
export function VisitsTab({ personId }: { personId: string }) {
  const canWrite = useCan('supervision.write');
  const visits = useVisits(personId);
  const [adding, setAdding] = useState(false);
  if (visits.isError) return <QueryError error={visits.error} onRetry={() => void visits.refetch()} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space>
        {canWrite && <Button icon={<PlusOutlined />} onClick={() => { setAdding(true); }}>登记走访谈话</Button>}
        <Typography.Text type="secondary" data-testid="last-contact">
          最后联系日期：{visits.data?.lastContactDate ?? '无记录'}（走访谈话、检测、报到中最近的一次）
        </Typography.Text>
      </Space>
      <Table<VisitDto>
        rowKey="id"
        size="small"
        pagination={false}
        loading={visits.isPending}
        dataSource={visits.data?.items ?? []}
        locale={{ emptyText: '暂无走访谈话记录' }}
        data-testid="visits-table"
        columns={[
          { title: '日期', dataIndex: 'visitedOn', width: 110 },
          { title: '方式', key: 'kind', width: 90, render: (_: unknown, v) => VISIT_KIND_LABELS[v.kind] },
          { title: '走访人', key: 'by', width: 100, render: (_: unknown, v) => v.visitedBy.displayName },
          { title: '地点', key: 'place', width: 120, ellipsis: true, render: (_: unknown, v) => v.place ?? '' },
          { title: '内容摘要', dataIndex: 'content', ellipsis: true },
          { title: '发现情况', key: 'findings', ellipsis: true, render: (_: unknown, v) => v.findings ?? '' },
          { title: '下一步计划', key: 'nextPlan', ellipsis: true, render: (_: unknown, v) => v.nextPlan ?? '' },
        ]}
      />
      {canWrite && <RecordVisitModal personId={personId} open={adding} onClose={() => { setAdding(false); }} />}
    </Space>
  );
}

interface VisitValues {
  visitedOn: Dayjs;
  kind: VisitKind;
  place?: string;
  visitedBy: string;
  content: string;
  findings?: string;
  nextPlan?: string;
}

function RecordVisitModal({ personId, open, onClose }: { personId: string; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<VisitValues>();
  const { message } = App.useApp();
  const record = useRecordVisit(personId);
  const me = useCurrentMe();
  const onFinish = (v: VisitValues) => {
    const place = v.place?.trim();
    const findings = v.findings?.trim();
    const nextPlan = v.nextPlan?.trim();
    record.mutate({
      visitedOn: v.visitedOn.format('YYYY-MM-DD'), kind: v.kind, content: v.content.trim(),
      ...(place ? { place } : {}), ...(findings ? { findings } : {}), ...(nextPlan ? { nextPlan } : {}),
      // The server records the caller when none is sent.
      ...(v.visitedBy !== me.id ? { visitedBy: v.visitedBy } : {}),
    }, {
      onSuccess: () => { void message.success('已登记走访谈话'); onClose(); },
      onError: (error) => { showFormError(error, message, form, ['visitedOn', 'kind', 'place', 'visitedBy', 'content', 'findings', 'nextPlan']); },
    });
  };
  return (
    <Modal title="登记走访谈话" open={open} onOk={() => { form.submit(); }} onCancel={onClose} confirmLoading={record.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} onFinish={onFinish} initialValues={{ kind: 'homeVisit', visitedOn: dayjs(), visitedBy: me.id }}>
        <Form.Item label="日期" name="visitedOn" rules={[requiredRule('请选择走访日期')]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item label="方式" name="kind" rules={[requiredRule('请选择走访方式')]}>
          <Select options={VISIT_KINDS.map((k) => ({ value: k, label: VISIT_KIND_LABELS[k] }))} />
        </Form.Item>
        <Form.Item label="地点" name="place">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label="走访人" name="visitedBy" rules={[requiredRule('请选择走访人')]} extra="本人或工作小组中有账号的成员">
          <VisitorSelect personId={personId} />
        </Form.Item>
        <Form.Item label="内容摘要" name="content" rules={[requiredRule('请填写内容摘要'), { whitespace: true, message: '请填写内容摘要' }]}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item label="发现情况" name="findings">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item label="下一步计划" name="nextPlan">
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 走访人: the caller and the accounts on the person's current work team (rendered only while the dialog is open). */
function VisitorSelect({ personId, id, value, onChange }: { personId: string; id?: string; value?: string; onChange?: (value: string) => void }) {
  const me = useCurrentMe();
  const team = useTeam(personId);
  const options = [{ value: me.id, label: `${me.displayName}（本人）` }];
  for (const m of team.data?.items ?? []) {
    if (m.current && m.account && !options.some((o) => o.value === m.account?.id)) {
      options.push({ value: m.account.id, label: `${m.account.displayName}（${TEAM_ROLE_LABELS[m.teamRole]}）` });
    }
  }
  return <Select id={id} value={value} onChange={onChange} options={options} loading={team.isPending} />;
}
