import { Descriptions, Tag, Typography } from 'antd';
import { RISK_LEVEL_LABELS, type PersonTestPolicyDto } from '@qingyuan/shared';
import { usePersonTestPolicy } from '../person-test-policy-api.ts';

const SOURCE_COLORS: Record<PersonTestPolicyDto['source'], string> = { own: 'blue', inherited: 'default', default: 'default' };
const YEAR_LABELS = ['第一年', '第二年', '第三年起'];

function interval(i: PersonTestPolicyDto['intervals'][number]): string {
  const base = `每${String(i.baseMonths)}个月`;
  return i.months === i.baseMonths ? base : `${base}，调整为每${String(i.months)}个月`;
}

/** 检测频次: the policy in force for the person (where it comes from), the risk factor of the current level and the intervals. */
export function TestPolicySummary({ personId }: { personId: string }) {
  const policy = usePersonTestPolicy(personId);
  if (policy.isError) return <Typography.Text type="secondary">检测频次暂时无法读取</Typography.Text>;
  const p = policy.data;
  if (!p) return null;
  return (
    <Descriptions size="small" column={3} bordered title="适用的检测频次" data-testid="test-policy-summary">
      <Descriptions.Item label="依据">
        {p.orgUnit.name} <Tag color={SOURCE_COLORS[p.source]} data-testid="test-policy-source">{p.sourceLabel}</Tag>
      </Descriptions.Item>
      <Descriptions.Item label="风险等级">
        {RISK_LEVEL_LABELS[p.riskLevel]}风险{p.riskAssessed ? '' : '（未评估，按中风险）'}，间隔系数 ×{p.riskFactor}
      </Descriptions.Item>
      <Descriptions.Item label="最短间隔">{p.minMonthsBetween}个月</Descriptions.Item>
      {p.intervals.map((i) => (
        <Descriptions.Item key={i.year} label={YEAR_LABELS[i.year - 1] ?? `第${String(i.year)}年`}>
          <span data-testid={`test-interval-${String(i.year)}`}>{interval(i)}</span>
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}
