import { Tag } from 'antd';
import { CASE_LEVEL_LABELS, CASE_STATUS_LABELS, SUPERVISION_LABELS } from '@qingyuan/shared';
import type { CaseLevel, CaseStatus, Supervision } from '@qingyuan/shared';

const LEVEL_COLORS: Record<CaseLevel, string> = { ordinary: 'default', major: 'orange', extraordinary: 'red' };
const STATUS_COLORS: Record<CaseStatus, string> = { filed: 'blue', solved: 'green', prosecuted: 'purple' };

export function LevelTag({ level, supervision }: { level: CaseLevel; supervision: Supervision | null }) {
  return (
    <>
      <Tag color={LEVEL_COLORS[level]}>{CASE_LEVEL_LABELS[level]}</Tag>
      {supervision && <Tag color="magenta">{SUPERVISION_LABELS[supervision]}</Tag>}
    </>
  );
}

export function StatusTag({ status }: { status: CaseStatus }) {
  return <Tag color={STATUS_COLORS[status]}>{CASE_STATUS_LABELS[status]}</Tag>;
}
