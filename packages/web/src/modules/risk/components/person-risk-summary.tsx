import { Descriptions, Tag, Tooltip, Typography } from 'antd';
import { RISK_LEVEL_LABELS } from '@qingyuan/shared';
import { useRiskOverview } from '../risk-api.ts';
import { RISK_COLORS } from './risk-tab.tsx';

/**
 * The person header's risk line: the latest assessment's final level (override applied) with its date, and the next
 * assessment due with its rule. Same query key as the 风险评估 tab: one audited, scoped read serves both.
 */
export function PersonRiskSummary({ personId }: { personId: string }) {
  const overview = useRiskOverview(personId);
  const o = overview.data;
  const latest = o?.items[0];
  return (
    <Descriptions size="small" column={4} data-testid="person-risk-summary">
      <Descriptions.Item label="风险等级">
        {o ? (
          <span data-testid="person-risk-level">
            <Tag color={RISK_COLORS[o.currentLevel]}>{RISK_LEVEL_LABELS[o.currentLevel]}风险</Tag>
            {latest ? <Typography.Text type="secondary">{latest.assessedOn}评估</Typography.Text> : <Typography.Text type="secondary">尚未评估，按中风险</Typography.Text>}
          </span>
        ) : overview.isError ? '—' : '…'}
      </Descriptions.Item>
      <Descriptions.Item label="下次评估">
        {o ? (
          <Tooltip title={o.nextDue.explanation}>
            <span data-testid="person-risk-next-due">{o.nextDue.date}</span>
            {o.overdue && <Tag color="red" style={{ marginLeft: 4 }}>已逾期</Tag>}
            {o.due && !o.overdue && <Tag color="orange" style={{ marginLeft: 4 }}>今日应评估</Tag>}
          </Tooltip>
        ) : '—'}
      </Descriptions.Item>
    </Descriptions>
  );
}
