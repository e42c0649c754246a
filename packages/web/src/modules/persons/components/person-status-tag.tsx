import { Tag } from 'antd';
import { PERSON_STATUS_LABELS } from '@qingyuan/shared';
import type { PersonStatus } from '@qingyuan/shared';

const COLORS: Record<PersonStatus, string> = { active: 'blue', deceased: 'default', departed: 'orange' };

export function PersonStatusTag({ status }: { status: PersonStatus }) {
  return <Tag color={COLORS[status]}>{PERSON_STATUS_LABELS[status]}</Tag>;
}
