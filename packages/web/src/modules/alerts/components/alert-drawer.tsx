import { App, Button, Descriptions, Drawer, Form, Input, Select, Space, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ALERT_OUTCOMES, ALERT_OUTCOME_LABELS, isOpenStatus, type AlertDto, type AlertOutcome } from '@qingyuan/shared';
import { showFormError } from '../../../app/form-errors.ts';
import { QueryError } from '../../../app/query-error.tsx';
import { useCan } from '../../auth/index.ts';
import { useAcknowledge, useAlert, useAssign, useAssignees, useResolve } from '../alerts-api.ts';
import { AlertLevelTag, AlertStatusTag } from './alert-tags.tsx';

const ACTION_LABELS: Record<string, string> = {
  raised: '触发', acknowledged: '签收', assigned: '指派', resolved: '处置', autoClosed: '自动关闭', overdue: '超时', escalated: '升级',
};
const time = (iso: string | null) => (iso ? new Date(iso).toLocaleString('zh-CN', { hour12: false }) : '');

function AlertActions({ alert }: { alert: AlertDto }) {
  const { message } = App.useApp();
  const acknowledge = useAcknowledge();
  const assign = useAssign();
  const resolve = useResolve();
  const [mode, setMode] = useState<'assign' | 'resolve' | null>(null);
  const assignees = useAssignees(mode === 'assign');
  const [assignForm] = Form.useForm<{ assigneeId: string; note?: string }>();
  const [resolveForm] = Form.useForm<{ outcome: AlertOutcome; note?: string }>();
  if (!isOpenStatus(alert.status)) return null;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space>
        {alert.status === 'new' && (
          <Button type="primary" loading={acknowledge.isPending}
            onClick={() => { acknowledge.mutate(alert.id, { onSuccess: () => void message.success('已签收'), onError: (e) => { showFormError(e, message); } }); }}>
            签收
          </Button>
        )}
        <Button onClick={() => { setMode('assign'); }}>指派</Button>
        <Button onClick={() => { setMode('resolve'); }}>处置</Button>
      </Space>
      {mode === 'assign' && (
        <Form form={assignForm} layout="vertical" onFinish={(body) => {
          assign.mutate({ id: alert.id, body }, {
            onSuccess: () => { setMode(null); void message.success('已指派'); },
            onError: (e) => { showFormError(e, message, assignForm, ['assigneeId', 'note']); },
          });
        }}>
          <Form.Item name="assigneeId" label="指派给" rules={[{ required: true, message: '请选择人员' }]}>
            <Select showSearch optionFilterProp="label" loading={assignees.isPending}
              options={(assignees.data?.items ?? []).map((a) => ({ value: a.id, label: `${a.name}（${a.orgUnitName}）` }))} />
          </Form.Item>
          <Form.Item name="note" label="说明"><Input maxLength={500} /></Form.Item>
          <Button type="primary" htmlType="submit" loading={assign.isPending}>确定指派</Button>
        </Form>
      )}
      {mode === 'resolve' && (
        <Form form={resolveForm} layout="vertical" onFinish={(body) => {
          resolve.mutate({ id: alert.id, body }, {
            onSuccess: () => { setMode(null); void message.success('已处置'); },
            onError: (e) => { showFormError(e, message, resolveForm, ['outcome', 'note']); },
          });
        }}>
          <Form.Item name="outcome" label="处置结果" rules={[{ required: true, message: '请选择处置结果' }]}>
            <Select options={ALERT_OUTCOMES.map((o) => ({ value: o, label: ALERT_OUTCOME_LABELS[o] }))} />
          </Form.Item>
          <Form.Item name="note" label="说明"><Input.TextArea maxLength={500} rows={3} /></Form.Item>
          <Button type="primary" htmlType="submit" loading={resolve.isPending}>确定处置</Button>
        </Form>
      )}
    </Space>
  );
}

/** One alert with its history (who did what when) and, for those who may, the next steps. */
export function AlertDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const alert = useAlert(id);
  const canWrite = useCan('alerts.write');
  const a = alert.data;
  return (
    <Drawer open={id !== null} onClose={onClose} width={560} title="预警详情" destroyOnHidden>
      {alert.isError && <QueryError error={alert.error} onRetry={() => void alert.refetch()} />}
      {a && (
        <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="alert-drawer">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="规则">{a.ruleName} <AlertLevelTag level={a.level} /></Descriptions.Item>
            <Descriptions.Item label="状态"><AlertStatusTag status={a.status} overdue={a.overdue} /></Descriptions.Item>
            <Descriptions.Item label="人员">{a.person ? <Link to={`/persons/${a.person.id}`}>{a.person.name}</Link> : '—'}</Descriptions.Item>
            <Descriptions.Item label="摘要">{a.summary}</Descriptions.Item>
            <Descriptions.Item label="责任单位">{a.orgUnit.name}</Descriptions.Item>
            <Descriptions.Item label="当前处理单位">{a.inboxOrgUnit.name}{a.escalations > 0 && `（已升级${String(a.escalations)}次）`}</Descriptions.Item>
            <Descriptions.Item label="触发时间">{time(a.raisedAt)}</Descriptions.Item>
            <Descriptions.Item label="签收时限">{time(a.ackDueAt)}</Descriptions.Item>
            <Descriptions.Item label="处置时限">{time(a.resolveDueAt)}</Descriptions.Item>
            {a.assignee && <Descriptions.Item label="指派给">{a.assignee.name}</Descriptions.Item>}
            {a.outcome && <Descriptions.Item label="处置结果">{ALERT_OUTCOME_LABELS[a.outcome]}{a.outcomeNote ? `：${a.outcomeNote}` : ''}</Descriptions.Item>}
            {a.closedReason && a.status === 'autoClosed' && <Descriptions.Item label="关闭原因">{a.closedReason}</Descriptions.Item>}
          </Descriptions>
          {canWrite && <AlertActions alert={a} />}
          <div>
            <Typography.Title level={5}>处理记录</Typography.Title>
            <Timeline items={(a.history ?? []).map((h) => ({
              children: (
                <span>
                  {time(h.at)} {ACTION_LABELS[h.action] ?? h.action} · {h.actor?.name ?? '系统'}{h.note ? ` · ${h.note}` : ''}
                </span>
              ),
            }))} />
          </div>
        </Space>
      )}
    </Drawer>
  );
}
