import { Descriptions, Tag, Tooltip } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { MEASURE_KIND_LABELS, type MeasureDto } from '@qingyuan/shared';
import { api } from '../../app/api-client.ts';
import { supervisionKeys } from '../supervision/index.ts';

const STATUS: Record<string, { label: string; color: string } | undefined> = {
  invalid: { label: '数据有误', color: 'red' }, notDelivered: { label: '决定书未送达', color: 'default' }, awaitingReportIn: { label: '待报到', color: 'gold' },
  notReportedIn: { label: '逾期未报到', color: 'red' }, active: { label: '执行中', color: 'blue' }, suspended: { label: '中止', color: 'orange' },
  escaped: { label: '脱逃', color: 'red' }, ended: { label: '已期满', color: 'default' }, terminated: { label: '已终止', color: 'default' },
};
const CURRENT: readonly string[] = ['awaitingReportIn', 'notReportedIn', 'active', 'suspended', 'escaped', 'notDelivered'];

/** The header line under the masked identity: the current measure with its status, term end and next test due. */
export function PersonSupervisionSummary({ personId }: { personId: string }) {
  // Same key and request as the measures tab: one audited read serves both.
  const measures = useQuery({
    queryKey: supervisionKeys.measures(personId),
    queryFn: () => api.get<{ items: MeasureDto[] }>(`/api/persons/${encodeURIComponent(personId)}/measures`),
    staleTime: Infinity,
  });
  const current = (measures.data?.items ?? []).find((m) => CURRENT.includes(m.clocks.status));
  const status = current ? STATUS[current.clocks.status] : undefined;
  return (
    <Descriptions size="small" column={4} style={{ marginTop: 8 }} data-testid="person-supervision-summary">
      <Descriptions.Item label="当前措施">
        {current ? <>{MEASURE_KIND_LABELS[current.kind]} <Tag color={status?.color}>{status?.label ?? current.clocks.status}</Tag></> : '无'}
      </Descriptions.Item>
      <Descriptions.Item label="期满日期">
        {current?.clocks.termEnd ? <Tooltip title={current.clocks.termEnd.explanation}>{current.clocks.termEnd.date}</Tooltip> : '—'}
      </Descriptions.Item>
      <Descriptions.Item label="下次检测">
        {current?.nextTest?.nextDue
          ? <Tooltip title={current.nextTest.nextDue.explanation}>{current.nextTest.nextDue.date}{current.nextTest.overdue && <Tag color="red" style={{ marginLeft: 4 }}>逾期{current.nextTest.overdueDays}日</Tag>}</Tooltip>
          : '—'}
      </Descriptions.Item>
      <Descriptions.Item label="报到期限">
        {current?.clocks.reportInDue && !current.reportInDate ? <Tooltip title={current.clocks.reportInDue.explanation}>{current.clocks.reportInDue.date}</Tooltip> : '—'}
      </Descriptions.Item>
    </Descriptions>
  );
}
