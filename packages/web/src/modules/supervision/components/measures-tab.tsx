import { PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { CreateMeasure, MEASURE_KINDS, MEASURE_KIND_LABELS } from '@qingyuan/shared';
import type { DatedRuleDto, MeasureDto, MeasureKind } from '@qingyuan/shared';
import { showFormError } from '../../../app/form-errors.ts';
import { requiredRule, zodRule } from '../../../app/form-rules.ts';
import { QueryError } from '../../../app/query-error.tsx';
import { useCan } from '../../auth/index.ts';
import { OrgTreeSelect } from '../../orgs/index.ts';
import { useMeasures, useOrderMeasure, useReportIn } from '../supervision-api.ts';
import { MeasureAgreements } from './measure-agreements.tsx';

const STATUS_LABELS: Record<string, string> = {
  notDelivered: '决定书未送达', awaitingReportIn: '待报到', notReportedIn: '逾期未报到', active: '执行中', suspended: '中止',
  escaped: '脱逃', ended: '已期满', terminated: '已终止', invalid: '数据有误',
};
const RULE_LABELS: Record<string, string> = {
  'communityTreatment.reportInDue': '报到期限', 'communityRehab.reportInDue': '报到期限',
  'communityTreatment.agreement': '签订协议', 'communityRehab.agreement': '签订协议',
  'communityTreatment.termEnd': '期满日', 'communityRehab.termEnd': '期满日', 'compulsoryIsolation.termEnd': '期满日',
  'compulsoryIsolation.earliestRelease': '最早提前解除', 'placeChange.reportInDue': '变更执行地报到期限',
  'testSchedule.firstTest': '首次检测', 'testSchedule.nextDue': '下次检测',
};

/** A computed date with the rule that produced it: the explanation is the tooltip. */
export function RuleDate({ value, testId }: { value: DatedRuleDto; testId?: string }) {
  return (
    <Tooltip title={value.explanation}>
      <span data-testid={testId} style={{ borderBottom: '1px dashed #999', cursor: 'help' }}>
        {RULE_LABELS[value.rule] ?? value.rule}：{value.date}
      </span>
    </Tooltip>
  );
}

function MeasureDates({ m }: { m: MeasureDto }) {
  return (
    <Space direction="vertical" size={2}>
      {m.clocks.dates.map((d) => <RuleDate key={`${d.rule}-${d.date}`} value={d} />)}
      {m.nextTest?.nextDue && (
        <Space size={4}>
          <RuleDate value={m.nextTest.nextDue} testId="next-test-due" />
          {m.nextTest.overdue && <Tag color="red">逾期{m.nextTest.overdueDays}天</Tag>}
        </Space>
      )}
      {m.clocks.flags.map((f) => (
        <Tooltip key={f.code} title={f.explanation}><Tag color="orange">{f.explanation.slice(0, 24)}</Tag></Tooltip>
      ))}
    </Space>
  );
}

/** 管控措施: the person's measures with their computed dates; order a measure, record a report-in. */
export function MeasuresTab({ personId }: { personId: string }) {
  const canWrite = useCan('supervision.write');
  const measures = useMeasures(personId);
  const [ordering, setOrdering] = useState(false);
  const [reporting, setReporting] = useState<MeasureDto | null>(null);
  if (measures.isError) return <QueryError error={measures.error} onRetry={() => void measures.refetch()} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {canWrite && <Button icon={<PlusOutlined />} onClick={() => { setOrdering(true); }}>登记管控措施</Button>}
      <Table<MeasureDto>
        rowKey="id"
        size="small"
        pagination={false}
        loading={measures.isPending}
        dataSource={measures.data?.items ?? []}
        locale={{ emptyText: '暂无管控措施' }}
        data-testid="measures-table"
        expandable={{
          rowExpandable: () => true,
          expandedRowRender: (m) => (
            <Descriptions size="small" column={3}>
              <Descriptions.Item label="决定机关">{m.decidingAgency}</Descriptions.Item>
              <Descriptions.Item label="收到决定书">{m.decisionReceivedDate ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="协议签订">{m.agreementSignedDate ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="协议备注">{m.agreementNote ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="协议书" span={3}><MeasureAgreements measureId={m.id} canWrite={canWrite} /></Descriptions.Item>
            </Descriptions>
          ),
        }}
        columns={[
          { title: '措施', key: 'kind', width: 120, render: (_: unknown, m) => MEASURE_KIND_LABELS[m.kind] },
          { title: '决定日期', dataIndex: 'decisionDate', width: 110 },
          { title: '执行单位', key: 'org', width: 120, render: (_: unknown, m) => m.executingOrgUnit.name },
          { title: '状态', key: 'status', width: 110, render: (_: unknown, m) => <Tag>{STATUS_LABELS[m.clocks.status] ?? m.clocks.status}</Tag> },
          { title: '报到日期', key: 'reportIn', width: 110, render: (_: unknown, m) => m.reportInDate ?? '—' },
          { title: '法定期限（悬停查看依据）', key: 'dates', render: (_: unknown, m) => <MeasureDates m={m} /> },
          {
            title: '操作', key: 'actions', width: 100,
            render: (_: unknown, m) => canWrite && (m.kind === 'communityTreatment' || m.kind === 'communityRehab') && m.reportInDate === null
              && m.status === 'ordered' && <Button size="small" onClick={() => { setReporting(m); }}>登记报到</Button>,
          },
        ]}
      />
      {canWrite && <OrderMeasureModal personId={personId} open={ordering} onClose={() => { setOrdering(false); }} />}
      {canWrite && reporting && <ReportInModal personId={personId} measure={reporting} onClose={() => { setReporting(null); }} />}
    </Space>
  );
}

interface OrderValues {
  kind: MeasureKind;
  decisionDate: Dayjs;
  decisionReceivedDate?: Dayjs;
  decidingAgency: string;
  executingOrgUnitId: string;
  termMonths?: number;
}

const FIELDS = ['kind', 'decisionDate', 'decisionReceivedDate', 'decidingAgency', 'executingOrgUnitId', 'termMonths'];
const future = (d: Dayjs) => d.isAfter(dayjs(), 'day');

function OrderMeasureModal({ personId, open, onClose }: { personId: string; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<OrderValues>();
  const { message } = App.useApp();
  const order = useOrderMeasure(personId);
  const kind = Form.useWatch('kind', form);
  const onFinish = (v: OrderValues) => {
    order.mutate({
      kind: v.kind,
      decisionDate: v.decisionDate.format('YYYY-MM-DD'),
      ...(v.decisionReceivedDate ? { decisionReceivedDate: v.decisionReceivedDate.format('YYYY-MM-DD') } : {}),
      decidingAgency: v.decidingAgency.trim(),
      executingOrgUnitId: v.executingOrgUnitId,
      ...(v.kind === 'communityRehab' && v.termMonths !== undefined ? { termMonths: v.termMonths } : {}),
    }, {
      onSuccess: () => { void message.success('已登记管控措施'); onClose(); },
      onError: (error) => { showFormError(error, message, form, FIELDS); },
    });
  };
  return (
    <Modal title="登记管控措施" open={open} onOk={() => { form.submit(); }} onCancel={onClose} confirmLoading={order.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} onFinish={onFinish} initialValues={{ kind: 'communityTreatment' }}>
        <Form.Item label="措施类型" name="kind" rules={[requiredRule('请选择措施类型')]}>
          <Select options={MEASURE_KINDS.map((k) => ({ value: k, label: MEASURE_KIND_LABELS[k] }))} />
        </Form.Item>
        <Form.Item label="决定日期" name="decisionDate" rules={[requiredRule('请选择决定日期')]}>
          <DatePicker style={{ width: '100%' }} disabledDate={future} />
        </Form.Item>
        <Form.Item label="收到决定书日期" name="decisionReceivedDate" extra="社区戒毒自收到决定书之日起15日内报到">
          <DatePicker style={{ width: '100%' }} disabledDate={future} />
        </Form.Item>
        <Form.Item required label="决定机关" name="decidingAgency" rules={[zodRule(CreateMeasure.shape.decidingAgency)]}>
          <Input maxLength={100} placeholder="如：清源区公安分局" />
        </Form.Item>
        <Form.Item label="执行单位" name="executingOrgUnitId" rules={[requiredRule('请选择执行单位')]}>
          <OrgTreeSelect />
        </Form.Item>
        {kind === 'communityRehab' && (
          <Form.Item label="期限（月）" name="termMonths" rules={[requiredRule('请填写期限')]}>
            <InputNumber min={1} max={36} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

interface ReportValues {
  reportedOn: Dayjs;
  note?: string;
}

function ReportInModal({ personId, measure, onClose }: { personId: string; measure: MeasureDto; onClose: () => void }) {
  const [form] = Form.useForm<ReportValues>();
  const { message } = App.useApp();
  const report = useReportIn(personId);
  const onFinish = (v: ReportValues) => {
    const note = v.note?.trim();
    report.mutate({ measureId: measure.id, body: { reportedOn: v.reportedOn.format('YYYY-MM-DD'), agreementSigned: true, ...(note ? { note } : {}) } }, {
      onSuccess: () => { void message.success('已登记报到并签订协议'); onClose(); },
      onError: (error) => { showFormError(error, message, form, ['reportedOn', 'note']); },
    });
  };
  return (
    <Modal title="登记报到" open onOk={() => { form.submit(); }} onCancel={onClose} confirmLoading={report.isPending} destroyOnHidden>
      {measure.clocks.reportInDue && (
        <Typography.Paragraph type="secondary">{measure.clocks.reportInDue.explanation}</Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" preserve={false} onFinish={onFinish}>
        <Form.Item label="报到日期" name="reportedOn" rules={[requiredRule('请选择报到日期')]}>
          <DatePicker style={{ width: '100%' }} disabledDate={future} />
        </Form.Item>
        <Typography.Paragraph>报到当日签订{MEASURE_KIND_LABELS[measure.kind]}协议。</Typography.Paragraph>
        <Form.Item label="协议备注" name="note">
          <Input.TextArea maxLength={1000} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
