import { useQueries, useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Statistic } from 'antd';
import { Link } from 'react-router';
import { WORKLISTS, WORKLIST_LABELS, type AlertStats } from '@qingyuan/shared';
import { api } from '../../../app/api-client.ts';
import { useCan } from '../../auth/index.ts';

const minutes = (m: number | null): string => (m === null ? '—' : m < 120 ? `${String(Math.round(m))}分钟` : `${(m / 60).toFixed(1)}小时`);

/** 预警与工作清单: alerts by level and overdue with the median times, and the size of each working list; each links to it. */
export function WorkSummary({ orgUnitId }: { orgUnitId: string | undefined }) {
  const canAlerts = useCan('alerts.read');
  const canSupervise = useCan('supervision.read');
  const alerts = useQuery({
    queryKey: ['dashboard', 'alert-stats', orgUnitId ?? ''],
    queryFn: () => api.get<AlertStats>('/api/alerts/stats', { orgUnitId }),
    enabled: canAlerts,
  });
  const lists = useQueries({
    queries: WORKLISTS.map((list) => ({
      queryKey: ['dashboard', 'worklist', list, orgUnitId ?? ''],
      queryFn: () => api.get<{ total: number }>('/api/supervision/worklist', { list, orgUnitId, page: 1, pageSize: 1 }),
      enabled: canSupervise,
    })),
  });
  if (!canAlerts && !canSupervise) return null;
  const a = alerts.data;
  return (
    <Card size="small" title="预警与工作清单">
      <Row gutter={[12, 12]}>
        {canAlerts && (
          <>
            <Col xs={12} md={4}><Link to="/alerts?level=high"><Statistic title="红色预警" value={a?.byLevel.high ?? '—'} valueStyle={{ color: '#cf1322' }} /></Link></Col>
            <Col xs={12} md={4}><Link to="/alerts?overdue=true"><Statistic title="超时未处置" value={a?.overdue ?? '—'} /></Link></Col>
            <Col xs={12} md={4}><Statistic title="签收用时（中位数）" value={minutes(a?.medianAckMinutes ?? null)} /></Col>
          </>
        )}
        {canSupervise && WORKLISTS.map((list, i) => (
          <Col key={list} xs={12} md={3}>
            <Link to={`/worklist?list=${list}`} data-testid={`worklist-${list}`}>
              <Statistic title={WORKLIST_LABELS[list]} value={lists[i]?.data?.total ?? '—'} />
            </Link>
          </Col>
        ))}
      </Row>
    </Card>
  );
}
