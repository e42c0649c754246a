import { Tag } from 'antd';
import { ALERT_LEVEL_LABELS, ALERT_STATUS_LABELS, type AlertLevel, type AlertStatus } from '@qingyuan/shared';

const LEVEL_COLORS: Record<AlertLevel, string> = { high: 'red', medium: 'orange', low: 'gold' };
const STATUS_COLORS: Record<AlertStatus, string> = { new: 'red', acknowledged: 'blue', assigned: 'geekblue', resolved: 'green', autoClosed: 'default' };

export function AlertLevelTag({ level }: { level: AlertLevel }) {
  return <Tag color={LEVEL_COLORS[level]}>{ALERT_LEVEL_LABELS[level]}</Tag>;
}

export function AlertStatusTag({ status, overdue }: { status: AlertStatus; overdue?: boolean }) {
  return (
    <>
      <Tag color={STATUS_COLORS[status]}>{ALERT_STATUS_LABELS[status]}</Tag>
      {overdue && <Tag color="volcano">超时</Tag>}
    </>
  );
}
