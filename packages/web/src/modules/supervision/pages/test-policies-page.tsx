import { App, Button, Card, Form, InputNumber, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState, type Key } from 'react';
import { ORG_KIND_LABELS, type OrgKind, type TestPolicy, type TestPolicyUnitDto } from '@qingyuan/shared';
import { showFormError } from '../../../app/form-errors.ts';
import { QueryError } from '../../../app/query-error.tsx';
import { useClearTestPolicy, usePutTestPolicy, useTestPolicies } from '../test-policies-api.ts';

interface PolicyValues {
  year1MonthsBetween: number;
  year2MonthsBetween: number;
  year3MonthsBetween: number;
  high: number;
  medium: number;
  low: number;
  minMonthsBetween: number;
}

const MONTH_FIELDS = [
  ['year1MonthsBetween', '第一年间隔（月）'],
  ['year2MonthsBetween', '第二年间隔（月）'],
  ['year3MonthsBetween', '第三年及以后间隔（月）'],
  ['minMonthsBetween', '最短间隔（月）'],
] as const;
const RISK_FIELDS = [['high', '高风险系数'], ['medium', '中风险系数'], ['low', '低风险系数']] as const;

const summary = (p: TestPolicy): string =>
  `${String(p.year1MonthsBetween)} / ${String(p.year2MonthsBetween)} / ${String(p.year3MonthsBetween)} 个月`;
type UnitRow = TestPolicyUnitDto & { children?: UnitRow[] };

/** The list comes depth-first (ordered by path): nest it by depth so grids sit folded under their village. */
function nestByDepth(items: readonly TestPolicyUnitDto[]): UnitRow[] {
  const roots: UnitRow[] = [];
  const open: UnitRow[] = [];
  for (const item of items) {
    const row: UnitRow = { ...item };
    while (open.length > 0 && (open.at(-1)?.orgUnit.depth ?? 0) >= item.orgUnit.depth) open.pop();
    const parent = open.at(-1);
    if (parent) (parent.children ??= []).push(row);
    else roots.push(row);
    open.push(row);
  }
  return roots;
}

const factors = (p: TestPolicy): string => `高 ${String(p.riskAdjust.high)} · 中 ${String(p.riskAdjust.medium)} · 低 ${String(p.riskAdjust.low)}`;

function EditPolicyModal({ unit, onClose }: { unit: TestPolicyUnitDto; onClose: () => void }) {
  const [form] = Form.useForm<PolicyValues>();
  const { message } = App.useApp();
  const put = usePutTestPolicy();
  const p = unit.effective;
  return (
    <Modal title={`检测频次设置：${unit.orgUnit.name}`} open onOk={() => { form.submit(); }} onCancel={onClose} confirmLoading={put.isPending} destroyOnHidden>
      <Typography.Paragraph type="secondary">设置对本单位及下级单位生效（下级单位自行设置的除外）。间隔乘以风险系数后向上取整，且不少于最短间隔。</Typography.Paragraph>
      <Form form={form} layout="vertical" preserve={false}
        initialValues={{ ...p, ...p.riskAdjust }}
        onFinish={(v) => {
          const body = {
            year1MonthsBetween: v.year1MonthsBetween, year2MonthsBetween: v.year2MonthsBetween, year3MonthsBetween: v.year3MonthsBetween,
            riskAdjust: { high: v.high, medium: v.medium, low: v.low }, minMonthsBetween: v.minMonthsBetween,
          };
          put.mutate({ orgUnitId: unit.orgUnit.id, body }, {
            onSuccess: () => { void message.success('已保存检测频次'); onClose(); },
            onError: (error) => { showFormError(error, message, form, MONTH_FIELDS.map(([name]) => name)); },
          });
        }}>
        <Space wrap>
          {MONTH_FIELDS.map(([name, label]) => (
            <Form.Item key={name} label={label} name={name} rules={[{ required: true, message: `请填写${label}` }]}>
              <InputNumber min={1} max={12} precision={0} />
            </Form.Item>
          ))}
        </Space>
        <Space wrap>
          {RISK_FIELDS.map(([name, label]) => (
            <Form.Item key={name} label={label} name={name} rules={[{ required: true, message: `请填写${label}` }]}>
              <InputNumber min={0.1} max={4} step={0.1} precision={2} />
            </Form.Item>
          ))}
        </Space>
      </Form>
    </Modal>
  );
}

function ClearButton({ unit }: { unit: TestPolicyUnitDto }) {
  const { message } = App.useApp();
  const clear = useClearTestPolicy();
  return (
    <Popconfirm title="恢复继承上级单位的检测频次？" okText="恢复" cancelText="取消"
      onConfirm={() => { clear.mutate(unit.orgUnit.id, { onSuccess: () => void message.success('已恢复继承'), onError: (e) => { showFormError(e, message); } }); }}>
      <Button size="small" loading={clear.isPending}>恢复继承</Button>
    </Popconfirm>
  );
}

/** 检测频次设置 (office): the test schedule per unit, inherited down the tree (docs/rules.md 检测频次按辖区设置). */
export function TestPoliciesPage() {
  const policies = useTestPolicies();
  const [editing, setEditing] = useState<TestPolicyUnitDto | null>(null);
  const [expandedKeys, setExpandedKeys] = useState<readonly Key[] | null>(null);
  if (policies.isError) return <QueryError error={policies.error} onRetry={() => void policies.refetch()} />;
  const items = policies.data?.items ?? [];
  const top = Math.min(...items.map((u) => u.orgUnit.depth));
  // District and townships open, villages folded: their grids are one click away.
  const expanded = expandedKeys ?? items.filter((u) => u.orgUnit.depth <= top + 1).map((u) => u.orgUnit.id);
  return (
    <Card title="检测频次设置">
      <Typography.Paragraph type="secondary">
        社区戒毒（康复）人员按措施年度检测：默认第一年每月一次，第二年每两个月一次，第三年及以后每季度一次；高风险人员间隔减半。
        各单位可自行设置，未设置的沿用最近的上级单位设置。
      </Typography.Paragraph>
      <Table<UnitRow>
        rowKey={(u) => u.orgUnit.id} size="small" loading={policies.isFetching} dataSource={nestByDepth(items)} pagination={false}
        expandable={{ expandedRowKeys: expanded, onExpandedRowsChange: setExpandedKeys }}
        columns={[
          {
            title: '单位', key: 'unit',
            render: (_: unknown, u) => (
              <span>
                {u.orgUnit.name} <Typography.Text type="secondary">{ORG_KIND_LABELS[u.orgUnit.kind as OrgKind]}</Typography.Text>
              </span>
            ),
          },
          { title: '第一年 / 第二年 / 第三年及以后 间隔', key: 'intervals', render: (_: unknown, u) => summary(u.effective) },
          { title: '风险系数', key: 'factors', render: (_: unknown, u) => factors(u.effective) },
          { title: '最短间隔', key: 'min', render: (_: unknown, u) => `${String(u.effective.minMonthsBetween)} 个月` },
          {
            title: '来源', key: 'from',
            render: (_: unknown, u) => (u.own ? <Tag color="blue">本单位设置</Tag>
              : u.inheritedFrom ? <Tag>沿用{u.inheritedFrom.name}</Tag> : <Tag>默认</Tag>),
          },
          {
            title: '操作', key: 'actions', width: 180,
            render: (_: unknown, u) => (
              <Space>
                <Button size="small" type="link" onClick={() => { setEditing(u); }}>设置</Button>
                {u.own && <ClearButton unit={u} />}
              </Space>
            ),
          },
        ]}
      />
      {editing && <EditPolicyModal unit={editing} onClose={() => { setEditing(null); }} />}
    </Card>
  );
}
