import { EditOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Space, Tag } from 'antd';
import { useState } from 'react';
import { CASE_TYPE_LABELS } from '@qingyuan/shared';
import type { CaseDetail } from '@qingyuan/shared';
import { useCan } from '../../auth/index.ts';
import { LevelTag, StatusTag } from './case-tags.tsx';
import { EditCaseModal } from './edit-case-modal.tsx';

/** The case's facts: number, type, level, dates, where and who. */
export function CaseHeader({ detail }: { detail: CaseDetail }) {
  const canWrite = useCan('enforcement.write');
  const [editing, setEditing] = useState(false);
  const flags = [detail.gang && '团伙', detail.network && '网络', detail.family && '家族式'].filter((f): f is string => typeof f === 'string');
  return (
    <Card
      title={
        <Space>
          <span data-testid="case-number">案件 {detail.caseNumber}</span>
          <StatusTag status={detail.status} />
          <LevelTag level={detail.level} supervision={detail.supervision} />
          {flags.map((f) => <Tag key={f}>{f}</Tag>)}
        </Space>
      }
      extra={canWrite && (
        <Button icon={<EditOutlined />} onClick={() => { setEditing(true); }}>
          编辑案件
        </Button>
      )}
    >
      <Descriptions size="small" column={3}>
        <Descriptions.Item label="案件类型">{CASE_TYPE_LABELS[detail.type]}</Descriptions.Item>
        <Descriptions.Item label="发案地">{detail.orgUnit.name}</Descriptions.Item>
        <Descriptions.Item label="办案单位">{detail.handlingUnit.name}</Descriptions.Item>
        <Descriptions.Item label="立案日期">{detail.filedAt}</Descriptions.Item>
        <Descriptions.Item label="破案日期">{detail.solvedAt ?? '未破案'}</Descriptions.Item>
        <Descriptions.Item label="起诉日期">{detail.prosecutedAt ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="犯罪嫌疑人">{detail.suspectCount} 人</Descriptions.Item>
        <Descriptions.Item label="缴获毒品">{detail.grams} 克</Descriptions.Item>
        <Descriptions.Item label="简要案情">{detail.summary ?? '—'}</Descriptions.Item>
      </Descriptions>
      {canWrite && <EditCaseModal detail={detail} open={editing} onClose={() => { setEditing(false); }} />}
    </Card>
  );
}
