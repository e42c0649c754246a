import { Tag, Tooltip } from 'antd';
import { TRANSFER_STATUS_LABELS } from '@qingyuan/shared';
import type { TransferDto } from '@qingyuan/shared';

const COLORS = { pending: 'blue', accepted: 'green', returned: 'default', cancelled: 'default' } as const;

export function TransferStatusTag({ transfer }: { transfer: TransferDto }) {
  return (
    <Tooltip title={transfer.explanation}>
      <span>
        <Tag color={COLORS[transfer.status]}>{TRANSFER_STATUS_LABELS[transfer.status]}</Tag>
        {transfer.escalated && <Tag color="red">超期督办</Tag>}
      </span>
    </Tooltip>
  );
}
