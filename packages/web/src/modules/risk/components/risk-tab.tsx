import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Descriptions, Form, Input, Modal, Radio, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { ASSESSMENT_OCCASION_LABELS, RISK_LEVELS, RISK_LEVEL_LABELS, RISK_TRIGGER_LABELS } from '@qingyuan/shared';
import type { RiskAssessmentDto, RiskLevel } from '@qingyuan/shared';
import { showFormError } from '../../../app/form-errors.ts';
import { requiredRule } from '../../../app/form-rules.ts';
import { QueryError } from '../../../app/query-error.tsx';
import { useCan } from '../../auth/index.ts';
import { useAssessRisk, useRiskInstrument, useRiskOverview } from '../risk-api.ts';

export const RISK_COLORS: Record<RiskLevel, string> = { high: 'red', medium: 'orange', low: 'green' };

/** 风险评估: the current level (it sets the test frequency), the next assessment due with its rule, and the history. */
export function RiskTab({ personId }: { personId: string }) {
  const canWrite = useCan('supervision.write');
  const overview = useRiskOverview(personId);
  const [assessing, setAssessing] = useState(false);
  if (overview.isError) return <QueryError error={overview.error} onRetry={() => void overview.refetch()} />;
  const o = overview.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {o && (
        <Descriptions size="small" column={3} bordered>
          <Descriptions.Item label="当前风险等级">
            <Tag color={RISK_COLORS[o.currentLevel]} data-testid="risk-current-level">{RISK_LEVEL_LABELS[o.currentLevel]}风险</Tag>
            {o.defaulted && <Typography.Text type="secondary">（尚未评估，按中风险安排检测）</Typography.Text>}
          </Descriptions.Item>
          <Descriptions.Item label="下次评估">
            <Tooltip title={o.nextDue.explanation}>
              <span data-testid="risk-next-due" style={{ borderBottom: '1px dashed #999', cursor: 'help' }}>{o.nextDue.date}</span>
            </Tooltip>
            {o.overdue && <Tag color="red" style={{ marginLeft: 8 }}>已逾期</Tag>}
            {o.due && !o.overdue && <Tag color="orange" style={{ marginLeft: 8 }}>今日应评估</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label="待评估事由">
            {o.openTriggers.length === 0 ? '无' : o.openTriggers.map((t) => <Tag key={`${t.kind}-${t.date}`}>{t.date} {RISK_TRIGGER_LABELS[t.kind]}</Tag>)}
          </Descriptions.Item>
        </Descriptions>
      )}
      {canWrite && <Button icon={<PlusOutlined />} onClick={() => { setAssessing(true); }}>新增评估</Button>}
      <Table<RiskAssessmentDto>
        rowKey="id"
        size="small"
        pagination={false}
        loading={overview.isPending}
        dataSource={o?.items ?? []}
        locale={{ emptyText: '暂无评估记录' }}
        data-testid="risk-history"
        columns={[
          { title: '评估日期', dataIndex: 'assessedOn', width: 110 },
          { title: '事由', key: 'occasion', width: 90, render: (_: unknown, a) => ASSESSMENT_OCCASION_LABELS[a.occasion] },
          { title: '评估表', key: 'version', width: 80, render: (_: unknown, a) => `第${String(a.instrumentVersion)}版` },
          { title: '总分', key: 'score', width: 70, render: (_: unknown, a) => <Tooltip title={a.explanation}>{a.score}</Tooltip> },
          {
            title: '风险等级', key: 'level', width: 160,
            render: (_: unknown, a) => (
              <Space size={4}>
                <Tag color={RISK_COLORS[a.level]}>{RISK_LEVEL_LABELS[a.level]}</Tag>
                {a.overridden && <Tooltip title={`按分数为${RISK_LEVEL_LABELS[a.computedLevel]}风险；调整理由：${a.overrideReason ?? ''}`}><Tag>人工调整</Tag></Tooltip>}
              </Space>
            ),
          },
          { title: '评估人', key: 'assessor', width: 100, render: (_: unknown, a) => a.assessor ?? '' },
        ]}
      />
      {canWrite && <AssessModal personId={personId} open={assessing} onClose={() => { setAssessing(false); }} />}
    </Space>
  );
}

interface AssessValues {
  answers: Record<string, string>;
  override?: RiskLevel;
  reason?: string;
}

function AssessModal({ personId, open, onClose }: { personId: string; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<AssessValues>();
  const { message } = App.useApp();
  const instrument = useRiskInstrument();
  const assess = useAssessRisk(personId);
  const override = Form.useWatch('override', form);
  const answers = Form.useWatch('answers', form) as Record<string, string> | undefined;
  const def = instrument.data;
  const score = def?.items.reduce((sum, item) => sum + (item.options.find((o) => o.code === answers?.[item.code])?.score ?? 0), 0) ?? 0;
  const computed: RiskLevel | null = def ? (score >= def.thresholds.high ? 'high' : score >= def.thresholds.medium ? 'medium' : 'low') : null;
  const onFinish = (v: AssessValues) => {
    if (!def) return;
    const reason = v.reason?.trim();
    assess.mutate({ instrumentVersion: def.version, answers: v.answers, ...(v.override ? { override: v.override, reason: reason ?? '' } : {}) }, {
      onSuccess: () => { void message.success('已保存风险评估'); onClose(); },
      onError: (error) => { showFormError(error, message, form, ['override', 'reason']); },
    });
  };
  return (
    <Modal title={def ? `风险分类评估（评估表第${String(def.version)}版）` : '风险分类评估'} open={open} width={720}
      onOk={() => { form.submit(); }} onCancel={onClose} confirmLoading={assess.isPending} destroyOnHidden>
      {instrument.isError && <QueryError error={instrument.error} onRetry={() => void instrument.refetch()} />}
      {def && (
        <Form form={form} layout="vertical" preserve={false} onFinish={onFinish}>
          {def.items.map((item) => (
            <Form.Item key={item.code} label={item.label} name={['answers', item.code]} rules={[requiredRule(`请选择“${item.label}”`)]}>
              <Radio.Group options={item.options.map((o) => ({ value: o.code, label: `${o.label}（${String(o.score)}分）` }))} />
            </Form.Item>
          ))}
          <Typography.Paragraph data-testid="risk-score">
            总分 {score} 分，按分数为 {computed ? <Tag color={RISK_COLORS[computed]}>{RISK_LEVEL_LABELS[computed]}风险</Tag> : '—'}
            （{def.thresholds.high}分以上高风险，{def.thresholds.medium}分以上中风险）
          </Typography.Paragraph>
          <Form.Item label="人工调整风险等级（可选）" name="override">
            <Select allowClear placeholder="不调整" options={RISK_LEVELS.map((l) => ({ value: l, label: `${RISK_LEVEL_LABELS[l]}风险` }))} />
          </Form.Item>
          {override && (
            <Form.Item label="调整理由" name="reason" rules={[requiredRule('人工调整风险等级须填写理由')]}>
              <Input.TextArea maxLength={500} rows={2} />
            </Form.Item>
          )}
        </Form>
      )}
    </Modal>
  );
}
