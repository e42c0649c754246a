import { EditOutlined, EyeOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Flex, Space, Typography } from 'antd';
import { useState } from 'react';
import { SEX_LABELS } from '@qingyuan/shared';
import type { PersonDetail } from '@qingyuan/shared';
import { useCan } from '../../auth/index.ts';
import { PersonSupervisionSummary } from '../../person-timeline/index.ts';
import { PersonRiskSummary } from '../../risk/index.ts';
import { EditPersonModal } from './edit-person-modal.tsx';
import { PersonPhoto } from './person-photo.tsx';
import { PersonStatusTag } from './person-status-tag.tsx';
import { RevealModal } from './reveal-modal.tsx';

/** The masked identity at the top of the person page, with the reveal and edit actions. */
export function PersonHeader({ person }: { person: PersonDetail }) {
  const canReveal = useCan('persons.reveal');
  const canWrite = useCan('persons.write');
  const canSupervise = useCan('supervision.read');
  const [revealing, setRevealing] = useState(false);
  const [editing, setEditing] = useState(false);
  return (
    <Card
      title={
        <Space>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="person-name">
            {person.name}
          </Typography.Title>
          <PersonStatusTag status={person.status} />
        </Space>
      }
      extra={
        <Space>
          {canReveal && (
            <Button icon={<EyeOutlined />} onClick={() => { setRevealing(true); }}>
              查看完整信息
            </Button>
          )}
          {canWrite && (
            <Button icon={<EditOutlined />} onClick={() => { setEditing(true); }}>
              编辑
            </Button>
          )}
        </Space>
      }
    >
      <Flex gap="large" align="flex-start">
        <PersonPhoto person={person} />
        <Descriptions size="small" column={4} style={{ flex: 1 }}>
          <Descriptions.Item label="身份证号">
            <span data-testid="person-id-number" style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace', whiteSpace: 'nowrap' }}>
              {person.idNumberMasked}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label="性别 · 年龄">
            {SEX_LABELS[person.sex]} · {person.age}岁
          </Descriptions.Item>
          <Descriptions.Item label="民族">{person.ethnicity ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="责任单位">{person.orgUnitName}</Descriptions.Item>
        </Descriptions>
      </Flex>
      {canSupervise && <PersonSupervisionSummary personId={person.id} />}
      {canSupervise && <PersonRiskSummary personId={person.id} />}
      {canReveal && <RevealModal personId={person.id} open={revealing} onClose={() => { setRevealing(false); }} />}
      {canWrite && <EditPersonModal person={person} open={editing} onClose={() => { setEditing(false); }} />}
    </Card>
  );
}
