import { App, Button, Card, Form, InputNumber, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ALERT_LEVEL_LABELS, type RuleSettingDto, type SlaDto } from '@qingyuan/shared';
import { showFormError } from '../../../app/form-errors.ts';
import { QueryError } from '../../../app/query-error.tsx';
import { useCurrentMe } from '../../auth/index.ts';
import { OrgTreeSelect } from '../../orgs/index.ts';
import { usePutRuleSetting, usePutSla, useRuleSettings, useSla } from '../alerts-api.ts';
import { AlertLevelTag } from '../components/alert-tags.tsx';

function RuleRow({ rule, orgUnitId }: { rule: RuleSettingDto; orgUnitId: string }) {
  const { message } = App.useApp();
  const put = usePutRuleSetting();
  const [params, setParams] = useState<Record<string, number>>(rule.effective.params);
  const save = (body: { enabled?: boolean; params?: Record<string, number> }) => {
    put.mutate({ rule: rule.rule, body: { orgUnitId, enabled: body.enabled ?? rule.own?.enabled ?? undefined, params: body.params ?? rule.own?.params ?? {} } }, {
      onSuccess: () => void message.success('已保存'),
      onError: (e) => { showFormError(e, message); },
    });
  };
  return (
    <Space wrap>
      <Switch checked={rule.effective.enabled} checkedChildren="启用" unCheckedChildren="停用" loading={put.isPending}
        onChange={(enabled) => { save({ enabled }); }} />
      {rule.params.map((p) => (
        <span key={p.key}>
          {p.label}{' '}
          <InputNumber size="small" min={p.min} max={p.max} precision={0} value={params[p.key]}
            onChange={(v) => { setParams({ ...params, [p.key]: v ?? p.default }); }} /> 天
        </span>
      ))}
      {rule.params.length > 0 && <Button size="small" onClick={() => { save({ params }); }}>保存参数</Button>}
      {rule.own ? <Tag color="blue">本单位已设置</Tag> : <Tag>沿用上级</Tag>}
    </Space>
  );
}

function SlaCard() {
  const { message } = App.useApp();
  const sla = useSla();
  const put = usePutSla();
  const [form] = Form.useForm<{ items: SlaDto[] }>();
  if (sla.isError) return <QueryError error={sla.error} onRetry={() => void sla.refetch()} />;
  if (!sla.data) return null;
  return (
    <Card title="处置时限（分钟）" size="small">
      <Form form={form} layout="inline" initialValues={{ items: sla.data.items }} onFinish={(body) => {
        put.mutate(body, { onSuccess: () => void message.success('已保存'), onError: (e) => { showFormError(e, message); } });
      }}>
        <Form.List name="items">
          {(fields) => fields.map((field, i) => {
            const level = sla.data.items[i]?.level ?? 'low';
            return (
              <Space key={field.key} style={{ marginBottom: 8 }}>
                <Form.Item name={[field.name, 'level']} hidden><InputNumber /></Form.Item>
                <Typography.Text>{ALERT_LEVEL_LABELS[level]}预警：签收</Typography.Text>
                <Form.Item name={[field.name, 'ackMinutes']}><InputNumber min={1} precision={0} /></Form.Item>
                <Typography.Text>处置</Typography.Text>
                <Form.Item name={[field.name, 'resolveMinutes']}><InputNumber min={1} precision={0} /></Form.Item>
              </Space>
            );
          })}
        </Form.List>
        <Button type="primary" htmlType="submit" loading={put.isPending}>保存时限</Button>
      </Form>
    </Card>
  );
}

/** 预警规则设置 (office): per unit, rules on/off and parameters, inherited down the tree; SLA per level. */
export function AlertRulesPage() {
  const me = useCurrentMe();
  const [orgUnitId, setOrgUnitId] = useState<string | undefined>(undefined);
  const unit = orgUnitId ?? me.orgUnitId;
  const rules = useRuleSettings(orgUnitId);
  if (rules.isError) return <QueryError error={rules.error} onRetry={() => void rules.refetch()} />;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card title="预警规则设置" extra={<OrgTreeSelect style={{ width: 240 }} placeholder="本单位" allowClear value={orgUnitId} onChange={setOrgUnitId} />}>
        <Typography.Paragraph type="secondary">设置对所选单位及其下级单位生效；下级单位的设置优先。</Typography.Paragraph>
        <Table<RuleSettingDto>
          rowKey="rule" size="small" pagination={false} loading={rules.isFetching} dataSource={(rules.data?.items ?? []).filter((r) => r.rule !== 'partnerFeed') /* feed alerts come from partners, not settings */}
          columns={[
            { title: '规则', dataIndex: 'name', width: 140 },
            { title: '级别', key: 'level', width: 80, render: (_: unknown, r) => <AlertLevelTag level={r.level} /> },
            { title: '说明', dataIndex: 'explanation', ellipsis: true },
            {
              title: '设置', key: 'setting', width: 420,
              render: (_: unknown, r) => <RuleRow key={`${unit}:${r.rule}:${JSON.stringify(r.effective)}`} rule={r} orgUnitId={unit} />,
            },
          ]}
        />
      </Card>
      <SlaCard />
    </Space>
  );
}
