import { BellOutlined } from '@ant-design/icons';
import { Badge } from 'antd';
import { Link } from 'react-router';
import { useCan } from '../../auth/index.ts';
import { useAlertCounts, useAlertStream } from '../alerts-api.ts';

/** Header badge: open alerts in the caller's scope, kept live by server-sent events. */
export function AlertBadge() {
  const canRead = useCan('alerts.read');
  const counts = useAlertCounts(canRead);
  useAlertStream(canRead);
  if (!canRead) return null;
  const open = counts.data?.open ?? 0;
  return (
    <Link to="/alerts?status=open" aria-label={`未办结预警 ${String(open)} 条`} data-testid="alert-badge">
      <Badge count={open} overflowCount={99} size="small" color={(counts.data?.byLevel.high ?? 0) > 0 ? 'red' : 'orange'}>
        <BellOutlined style={{ fontSize: 18 }} />
      </Badge>
    </Link>
  );
}
